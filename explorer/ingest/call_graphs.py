"""Observed call graphs: who called whom, as tracing systems export it.

Three shapes are read, told apart by their content: Zipkin's dependency links (a JSON
array of ``{parent, child, callCount, errorCount}``, what ``GET /api/v2/dependencies``
returns), Jaeger's dependencies response (the same links under ``"data"``), and
OpenTelemetry's service-graph metrics in Prometheus's text format
(``traces_service_graph_request_total{client="a",server="b"} 42``), parsed line by line
with ``prometheus_client``'s parser so that a bad line is named. Each call becomes a
``CallRecord``; names are matched to the catalog later (``explorer.ingest.call_names``),
once every file is read. Nothing else is inferred.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from prometheus_client.parser import text_string_to_metric_families

from explorer.domain.errors import InputError

__all__ = [
    "CALL_GRAPH_SHAPES",
    "REQUESTS",
    "REQUESTS_FAILED",
    "CallRecord",
    "calls_from_json",
    "calls_from_metrics",
    "is_call_graph",
    "is_metrics",
]

CALL_GRAPH_SHAPES = (
    "Zipkin's dependency links ([{parent, child, callCount, errorCount}]) or Jaeger's "
    'dependencies ({"data": [{parent, child, callCount}]})'
)
REQUESTS = "traces_service_graph_request_total"
REQUESTS_FAILED = "traces_service_graph_request_failed_total"
_LINK_KEYS = {"parent", "child"}
_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")


@dataclass(frozen=True)
class CallRecord:
    """Calls from ``caller`` to ``callee`` (names as the source writes them)."""

    caller: str
    callee: str
    calls: int
    errors: int
    path: str
    line: int | None


def is_call_graph(document: Any) -> bool:
    """Whether a parsed JSON document is one of the call-graph shapes (not JSON-LD): a list
    of links of which some name a parent or child (each link is then checked, at its line)."""
    links = document.get("data") if isinstance(document, dict) else document
    if isinstance(document, dict) and set(document) & {"@context", "@graph", "@id"}:
        return False
    return (
        isinstance(links, list)
        and bool(links)
        and all(isinstance(link, dict) for link in links)
        and any(set(link) & _LINK_KEYS for link in links)
    )


def calls_from_json(path: str, text: str) -> list[CallRecord]:
    """The links of a Zipkin or Jaeger file (``is_call_graph`` said so), each at its line."""
    start = _skip(text, 0)
    if text[start] == "{":
        members = dict(_members(text, start))
        start = members["data"]
    return [_link(path, text, at, item) for at, item in _items(text, start)]


def _link(path: str, text: str, at: int, item: dict[str, Any]) -> CallRecord:
    line = text.count("\n", 0, at) + 1
    parent, child = (str(item.get(key) or "").strip() for key in ("parent", "child"))
    if not all(isinstance(item.get(key), str) for key in ("parent", "child")) or not (
        parent and child
    ):
        raise InputError(path, line, "a link's parent and child must be service names")
    calls = _count(path, line, item.get("callCount"), "callCount")
    errors = _count(path, line, item.get("errorCount", 0), "errorCount")
    if errors > calls:
        raise InputError(path, line, f"errorCount {errors} is more than callCount {calls}")
    return CallRecord(parent, child, calls, errors, path, line)


def _count(path: str, line: int | None, value: object, name: str) -> int:
    """A count as written: a whole number, 0 or more (JSON's 3.0 is 3; 2.5 and -1 are not)."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, float) and value >= 0 and value.is_integer():  # not inf, not nan
        return int(value)
    if value is None:
        raise InputError(path, line, f"{name} is missing: a whole number, 0 or more")
    shown = json.dumps(value) if isinstance(value, bool | str) else value
    raise InputError(path, line, f"{name} must be a whole number, 0 or more, not {shown}")


def _skip(text: str, at: int) -> int:
    match = _SPACE.match(text, at)
    return match.end() if match else at


def _items(text: str, start: int) -> Iterator[tuple[int, Any]]:
    """The values of the (valid) JSON array opening at ``start``, with where each starts:
    the standard decoder reads each one, so that an item's line can be named."""
    at = _skip(text, start + 1)
    while text[at] != "]":
        value, end = _DECODER.raw_decode(text, at)
        yield at, value
        at = _skip(text, end)
        at = _skip(text, at + 1) if text[at] == "," else at


def _members(text: str, start: int) -> Iterator[tuple[str, int]]:
    """The keys of the (valid) JSON object opening at ``start``, with where each value starts."""
    at = _skip(text, start + 1)
    while text[at] != "}":
        key, end = _DECODER.raw_decode(text, at)
        value_at = _skip(text, _skip(text, end) + 1)  # past the colon
        _, end = _DECODER.raw_decode(text, value_at)
        yield key, value_at
        at = _skip(text, end)
        at = _skip(text, at + 1) if text[at] == "," else at


def is_metrics(text: str) -> bool:
    """Whether a text holds OpenTelemetry service-graph series."""
    return REQUESTS in text or REQUESTS_FAILED in text


def calls_from_metrics(path: str, text: str) -> list[CallRecord]:
    """Requests and failed requests per client and server, summed over other labels."""
    calls: dict[tuple[str, str], list[int]] = {}
    lines: dict[tuple[str, str], int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        for name, labels, value in _samples(path, number, line):
            if name not in (REQUESTS, REQUESTS_FAILED):
                continue
            pair = (labels.get("client", "").strip(), labels.get("server", "").strip())
            if not all(pair):
                raise InputError(path, number, f"{name} needs client and server labels")
            counts = calls.setdefault(pair, [0, 0])
            counts[name == REQUESTS_FAILED] += _count(path, number, value, name)
            lines.setdefault(pair, number)
    for (caller, callee), (made, failed) in calls.items():
        if failed > made:
            raise InputError(
                path,
                lines[(caller, callee)],
                f"{failed:,} failed of {made:,} requests from "
                f"{caller} to {callee}: more failed than were made",
            )
    return [
        CallRecord(caller, callee, made, failed, path, lines[(caller, callee)])
        for (caller, callee), (made, failed) in calls.items()
    ]


def _samples(path: str, number: int, line: str) -> list[tuple[str, dict[str, str], float]]:
    if not line.strip():
        return []
    try:
        families = list(text_string_to_metric_families(line + "\n"))
    except ValueError as exc:
        raise InputError(path, number, f"not Prometheus's text format: {exc}") from None
    return [(s.name, s.labels, s.value) for f in families for s in f.samples]
