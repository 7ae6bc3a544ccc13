"""Where a SPARQL endpoint is, which graph of it holds the estate, and how to log in.

A source names an endpoint as ``sparql+https://host/query`` (or ``sparql+http://``), with
the named graph, if any, in the fragment: ``sparql+https://host/query#graph=IRI``. The
fragment is never sent to the server. Credentials never appear in the source: a bearer
token or a user and password come from the environment or the system keyring, so that
nothing written down (recent files, snapshots, logs) can carry them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit, urlunsplit

from explorer.domain.errors import InputError

__all__ = [
    "KEYRING_SERVICE",
    "PREFIX",
    "Credentials",
    "Endpoint",
    "credentials_for",
    "endpoint_among",
    "is_endpoint",
    "parse_endpoint",
]

PREFIX = "sparql+"
KEYRING_SERVICE = "infra-explorer"
TOKEN_VARIABLE = "INFRA_EXPLORER_SPARQL_TOKEN"
USER_VARIABLE = "INFRA_EXPLORER_SPARQL_USER"
PASSWORD_VARIABLE = "INFRA_EXPLORER_SPARQL_PASSWORD"


@dataclass(frozen=True)
class Endpoint:
    """A SPARQL query URL and, optionally, the named graph the estate lives in."""

    url: str
    graph: str | None = None

    @property
    def source(self) -> str:
        """The endpoint as a source is written: safe to store, free of credentials."""
        tail = f"#graph={self.graph}" if self.graph else ""
        return f"{PREFIX}{self.url}{tail}"

    @property
    def origin(self) -> str:
        """``scheme://host[:port]``: what the keyring files credentials under."""
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def name(self) -> str:
        """A short name for titles: host and path, and the graph if one is named."""
        parts = urlsplit(self.url)
        graph = f" (graph {self.graph})" if self.graph else ""
        return f"{parts.netloc}{parts.path}{graph}"


def is_endpoint(text: object) -> bool:
    return isinstance(text, str) and text.lower().startswith(
        (f"{PREFIX}http://", f"{PREFIX}https://")
    )


def endpoint_among(
    sources: list[str], option: str | None = None, graph: str | None = None
) -> Endpoint | None:
    """The endpoint a command names among its sources or by option, None if it names
    none; an endpoint is asked on its own, so naming it beside anything else is refused."""
    named = [s for s in sources if is_endpoint(s)] + ([option] if option else [])
    if not named:
        if graph:
            raise InputError(None, None, "--graph names a graph of an endpoint; name one too")
        return None
    if len(sources) + bool(option) > 1:
        raise InputError(
            None,
            None,
            "an endpoint is asked on its own, not with files or other endpoints; "
            "snapshot it (snapshot --from URL -o FILE) to combine it with files",
        )
    return parse_endpoint(named[0], graph)


def parse_endpoint(text: str, graph: str | None = None) -> Endpoint:
    """The endpoint a source or ``--endpoint`` names; ``graph`` overrides the fragment.

    >>> parse_endpoint("sparql+https://kg.example/query#graph=https://kg.example/estate")
    Endpoint(url='https://kg.example/query', graph='https://kg.example/estate')
    >>> parse_endpoint("http://localhost:7878/query").source
    'sparql+http://localhost:7878/query'
    """
    url = text[len(PREFIX) :] if text.lower().startswith(PREFIX) else text
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InputError(
            None,
            None,
            f"{text!r} is not an endpoint: write https://host/path "
            "(as a source, sparql+https://host/path)",
        )
    if parts.username is not None or parts.password is not None:
        raise InputError(
            None,
            None,
            f"{parts.hostname}: credentials do not go in the endpoint's address; set "
            f"{TOKEN_VARIABLE}, or {USER_VARIABLE} and {PASSWORD_VARIABLE}, or the keyring",
        )
    named = graph
    if named is None and parts.fragment:
        key, equals, value = parts.fragment.partition("=")
        if key != "graph" or not equals or not value:
            raise InputError(None, None, f"{text!r}: the fragment must be #graph=IRI")
        named = unquote(value)
    bare = urlunsplit((parts.scheme.lower(), parts.netloc, parts.path or "/", parts.query, ""))
    return Endpoint(bare, named or None)


@dataclass(frozen=True)
class Credentials:
    """How to log in: a bearer token, or a user and password (HTTP basic)."""

    token: str | None = None
    user: str | None = None
    password: str | None = None

    def __repr__(self) -> str:  # never print a secret, even in a traceback or a log
        kind = "bearer" if self.token else "basic" if self.user else "none"
        return f"Credentials({kind})"


def credentials_for(endpoint: Endpoint) -> Credentials:
    """The environment first, then the system keyring; no credentials if neither has any.

    Keyring entries live under the service ``infra-explorer``: a bearer token under the
    endpoint's origin (``https://host``), a password under ``user@https://host``.
    """
    token = os.environ.get(TOKEN_VARIABLE)
    if token:
        return Credentials(token=token)
    user = os.environ.get(USER_VARIABLE)
    password = os.environ.get(PASSWORD_VARIABLE)
    if user and password:
        return Credentials(user=user, password=password)
    secret = _keyring(user + "@" + endpoint.origin if user else endpoint.origin)
    if user:
        return Credentials(user=user, password=secret or "")
    return Credentials(token=secret) if secret else Credentials()


def _keyring(account: str) -> str | None:
    """The keyring's secret for ``account``; None where no keyring is usable (a server)."""
    import keyring  # imported on use: its backends probe D-Bus when loaded
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(KEYRING_SERVICE, account)
    except (KeyringError, RuntimeError):
        return None
