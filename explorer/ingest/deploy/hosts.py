"""Host names in configuration values: what a deploy file's environment says a workload
talks to.

A value names a host as ``redis:6379``, ``http://api:8080/x``, ``postgres://user@db/app``,
``PLAINTEXT://kafka:9092``, a comma-separated list of those (``zoo1:2181,zoo2:2181``), or a
bare name (``REDIS_HOST: redis``). Only names the file defines count (a Compose service, a
Kubernetes Service), so ``"true"``, ``":8080"``, ``localhost`` and a path are never hosts.
Credentials in a URL are never kept: only the host is returned.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["hosts_in", "split_env_entry"]

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?#]*@)?(?P<host>[^:/?#]+)")
_HOST_PORT = re.compile(r"^(?P<host>[A-Za-z0-9][A-Za-z0-9.-]*)(?::\d+)?/?$")


def hosts_in(value: object) -> Iterator[str]:
    """Each host name ``value`` may name, lower case and without a trailing dot.

    >>> list(hosts_in("postgres://app:secret@db/orders"))
    ['db']
    >>> list(hosts_in("zoo1:2181, zoo2:2181")), list(hosts_in(":8080"))
    (['zoo1', 'zoo2'], [])
    """
    if not isinstance(value, str):
        return
    for piece in value.split(","):
        text = piece.strip().strip("'\"")
        found = _URL.match(text) or _HOST_PORT.match(text)
        if found:
            yield found.group("host").rstrip(".").lower()


def split_env_entry(entry: object) -> tuple[str, str | None]:
    """A list-form environment entry (``KEY=value``, or a bare ``KEY`` whose value comes
    from elsewhere) as its name and value."""
    name, cut, value = str(entry).partition("=")
    return name.strip(), value if cut else None
