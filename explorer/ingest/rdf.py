"""RDF sources, parsed by rdflib with the network shut out and errors made one line.

rdflib would fetch a JSON-LD ``@context`` given as a URL, and silently drop an XML external
entity. We refuse both up front, with a message, so a file can never make us reach out
or read a local file it names.
"""

from __future__ import annotations

import json
import re
from typing import Any

from rdflib import Dataset, Graph
from rdflib.plugins.parsers.notation3 import BadSyntax

from explorer.errors import InputError

__all__ = ["RDF_FORMATS", "parse_rdf"]

# our format name -> rdflib parser name
RDF_FORMATS: dict[str, str] = {
    "turtle": "turtle",
    "ntriples": "nt",
    "jsonld": "json-ld",
    "rdfxml": "xml",
    "trig": "trig",
}

# relative IRIs resolve here, not against the file system path, which must not leak
_BASE = "https://infra-context.dev/source/"

_EXTERNAL_ENTITY = re.compile(rb"<!ENTITY\s+%?\s*[^\s>]+\s+(SYSTEM|PUBLIC)\b", re.IGNORECASE)


def parse_rdf(path: str, data: bytes, fmt: str) -> Graph:
    """One source's triples (named graphs of TriG merged into one) or an InputError."""
    if fmt == "jsonld":
        _check_jsonld(path, data)
    if fmt == "rdfxml" and (match := _EXTERNAL_ENTITY.search(data)):
        line = data.count(b"\n", 0, match.start()) + 1
        raise InputError(path, line, "XML external entities are not allowed; refused")
    target: Graph = Dataset() if fmt == "trig" else Graph()
    try:
        target.parse(data=data, format=RDF_FORMATS[fmt], publicID=_BASE)
    except BadSyntax as exc:
        raise InputError(path, exc.lines + 1, f"invalid {_NAMES[fmt]}: {exc._why}") from None
    except Exception as exc:  # rdflib raises many types; each becomes the user's one line
        raise InputError(path, _error_line(exc, data, fmt), _reason(exc, fmt)) from None
    if isinstance(target, Dataset):
        merged = Graph()
        for s, p, o, _ in target.quads():
            merged.add((s, p, o))
        return merged
    return target


_NAMES = {
    "turtle": "Turtle",
    "ntriples": "N-Triples",
    "jsonld": "JSON-LD",
    "rdfxml": "RDF/XML",
    "trig": "TriG",
}


def _reason(exc: Exception, fmt: str) -> str:
    text = getattr(exc, "msg", None) or getattr(exc, "_msg", None) or str(exc) or type(exc).__name__
    return f"invalid {_NAMES[fmt]}: {str(text).splitlines()[0]}"


def _error_line(exc: Exception, data: bytes, fmt: str) -> int | None:
    if hasattr(exc, "getLineNumber"):  # xml.sax.SAXParseException
        return int(exc.getLineNumber())
    if fmt == "ntriples":
        return _first_bad_ntriples_line(data)
    return None


def _first_bad_ntriples_line(data: bytes) -> int | None:
    """N-Triples is line based, so the failing line is the first that fails alone."""
    for number, line in enumerate(data.splitlines(), start=1):
        try:
            Graph().parse(data=line + b"\n", format="nt")
        except Exception:
            return number
    return None


def _check_jsonld(path: str, data: bytes) -> None:
    try:
        document = json.loads(data)
    except json.JSONDecodeError as exc:
        raise InputError(path, exc.lineno, f"invalid JSON-LD: {exc.msg}") from None
    except (UnicodeDecodeError, RecursionError) as exc:
        raise InputError(path, None, f"invalid JSON-LD: {type(exc).__name__}") from None
    if remote := _remote_context(document):
        raise InputError(
            path, None, f"JSON-LD context {remote!r} is remote; only inline contexts are read"
        )


def _remote_context(node: Any) -> str | None:
    """The first context (or ``@import``) that names a document to fetch, if any."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            for key, value in item.items():
                if key in ("@context", "@import"):
                    for context in value if isinstance(value, list) else [value]:
                        if isinstance(context, str):
                            return context
                stack.append(value)
    return None
