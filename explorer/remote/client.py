"""The SPARQL 1.1 protocol over HTTP: queries, retries, paging, and one-line errors.

Queries are POSTed as forms, so that long ``VALUES`` lists never meet a URL length limit.
urllib3 retries a refused connection and a 5xx answer three times, backing off each time
and honouring ``Retry-After``. Every failure becomes an ``InputError`` naming the
endpoint and the problem, as a bad file names its line: never a traceback.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable, Iterator
from typing import Any

import requests
from rdflib import BNode, URIRef
from rdflib.term import Node
from requests.adapters import HTTPAdapter
from urllib3.exceptions import MaxRetryError, ReadTimeoutError
from urllib3.util.retry import Retry

from explorer import __version__
from explorer.domain.errors import InputError
from explorer.graph.store import literal
from explorer.remote.endpoint import Credentials, Endpoint, credentials_for

__all__ = ["PAGE", "Row", "SparqlClient", "timeout_seconds"]

_log = logging.getLogger(__name__)

Row = dict[str, Node]
PAGE = 10_000  # rows a page asks for; Virtuoso answers at most 10,000 by default
RETRIED = (500, 502, 503, 504)
_RESULTS = "application/sparql-results+json"


def timeout_seconds() -> float:
    """How long one answer may take: ``$INFRA_EXPLORER_SPARQL_TIMEOUT`` seconds, or 60."""
    try:
        return float(os.environ.get("INFRA_EXPLORER_SPARQL_TIMEOUT", "") or 60)
    except ValueError:
        return 60.0


class SparqlClient:
    """Asks one endpoint; ``queries`` counts the requests made (for tests and the log)."""

    def __init__(
        self,
        endpoint: Endpoint,
        credentials: Credentials | None = None,
        timeout: float | None = None,
        backoff: float = 0.5,
    ) -> None:
        self.endpoint = endpoint
        self.timeout = timeout if timeout is not None else timeout_seconds()
        self.queries = 0
        self.http = requests.Session()
        retry = Retry(
            total=3,
            read=0,  # a query that timed out once will time out again
            status_forcelist=RETRIED,
            allowed_methods=None,  # queries are POSTed, and a query is safe to repeat
            backoff_factor=backoff,
            raise_on_status=False,
        )
        self.http.mount("http://", HTTPAdapter(max_retries=retry))
        self.http.mount("https://", HTTPAdapter(max_retries=retry))
        self.http.headers["User-Agent"] = f"infra-explorer/{__version__}"
        self.http.trust_env = False  # no ~/.netrc logins or proxies the user did not name
        _login(self.http, credentials if credentials is not None else credentials_for(endpoint))

    def select(self, query: str) -> list[Row]:
        """The rows of a SELECT query, each variable bound to an rdflib term."""
        answer = self._post(query)
        try:
            bindings = answer["results"]["bindings"]
            return [{name: _term(value) for name, value in row.items()} for row in bindings]
        except (KeyError, TypeError, ValueError):
            raise self._error("answered with something other than SELECT results") from None

    def exists(self, pattern: str) -> bool:
        """Whether the graph pattern has a match. A one-row SELECT rather than ASK, whose
        answer Virtuoso shapes as SELECT results."""
        return bool(self.select(f"SELECT * WHERE {{ {pattern} }} LIMIT 1"))

    def pages(
        self,
        query: str,
        page: int = PAGE,
        progress: Callable[[int], None] | None = None,
    ) -> Iterator[list[Row]]:
        """An ordered SELECT's rows, ``page`` at a time, with LIMIT and OFFSET.

        The query must ORDER BY something total, or pages could overlap or skip rows.
        It is asked as a subquery: Virtuoso refuses to sort for an OFFSET beyond 10,000
        rows otherwise (its documented way to page further). ``progress(rows so far)`` is
        called after each page and may raise ``Cancelled``.
        """
        offset = 0
        while True:
            rows = self.select(f"SELECT * WHERE {{ {{ {query} }} }}\nLIMIT {page} OFFSET {offset}")
            offset += len(rows)
            if progress:
                progress(offset)
            if rows:
                yield rows
            if len(rows) < page:
                return

    def _post(self, query: str) -> dict[str, Any]:
        form = {"query": query}
        if self.endpoint.graph:
            form["default-graph-uri"] = self.endpoint.graph
        self.queries += 1
        started = time.perf_counter()
        try:
            response = self.http.post(
                self.endpoint.url,
                data=form,
                headers={"Accept": _RESULTS},
                timeout=(min(10.0, self.timeout), self.timeout),
            )
        except requests.RequestException as exc:
            if _read_timeout(exc):
                raise self._error(f"did not answer within {self.timeout:g} s") from None
            raise self._error(f"cannot be reached ({_reason(exc)})") from None
        _log.debug("query %d: %.3f s", self.queries, time.perf_counter() - started)
        if response.status_code in (401, 403):
            raise self._error(
                f"refused the request ({response.status_code} {response.reason}); check the "
                "credentials (see the README, 'Exploring a SPARQL endpoint')"
            )
        if response.status_code >= 400:
            detail = " ".join(response.text.split())[:200]
            raise self._error(f"answered {response.status_code} {response.reason}: {detail}")
        try:
            answer = response.json()
        except ValueError:
            kind = response.headers.get("Content-Type", "no content type")
            raise self._error(f"answered with {kind}, not SPARQL JSON results") from None
        if not isinstance(answer, dict):
            raise self._error("answered with something other than SPARQL JSON results")
        return answer

    def _error(self, problem: str) -> InputError:
        return InputError(self.endpoint.url, None, f"the SPARQL endpoint {problem}")

    def close(self) -> None:
        self.http.close()


def _login(http: requests.Session, credentials: Credentials) -> None:
    if credentials.token:
        http.headers["Authorization"] = f"Bearer {credentials.token}"
    elif credentials.user:
        http.auth = (credentials.user, credentials.password or "")


def _read_timeout(exc: requests.RequestException) -> bool:
    """A read timeout, whether requests says so or hands on urllib3's retry error."""
    if isinstance(exc, requests.ReadTimeout):
        return True
    wrapped = exc.args[0] if exc.args else None
    return isinstance(wrapped, MaxRetryError) and isinstance(wrapped.reason, ReadTimeoutError)


def _reason(exc: requests.RequestException) -> str:
    """The innermost cause, in a few words: 'Connection refused', 'Name or service ...'."""
    cause: BaseException = exc
    while cause.__cause__ is not None or cause.__context__ is not None:
        cause = cause.__cause__ or cause.__context__  # type: ignore[assignment]
    text = str(cause).rsplit("]", 1)[-1].strip(" :'\")")
    return text or type(exc).__name__


def _term(value: dict[str, str]) -> Node:
    """One binding of the SPARQL JSON results format as an rdflib term."""
    kind, text = value["type"], value["value"]
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":  # Virtuoso names one nodeID://b10001: kept, as a valid name
        return BNode(re.sub(r"[^A-Za-z0-9]", "_", text))
    if kind in ("literal", "typed-literal"):  # Virtuoso still says typed-literal
        datatype = value.get("datatype")
        language = value.get("xml:lang")
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            datatype = None  # RDF 1.1: the same literal, as the local store gives it back
        return literal(text, datatype, language)
    raise ValueError(kind)
