"""RDF sources, parsed with the network shut out and errors made one line.

Turtle, N-Triples and TriG, the formats large estates come in, are parsed by Oxigraph
straight into the load's store. JSON-LD and RDF/XML go through rdflib, whose errors name
the line, and are copied in. rdflib would fetch a JSON-LD ``@context`` given as a URL, and
silently drop an XML external entity: we refuse both up front, with a message, so a file
can never make us reach out or read a local file it names.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.plugins.parsers.notation3 import BadSyntax

from explorer.errors import InputError
from explorer.store import new_graph

__all__ = ["RDF_FORMATS", "parse_rdf"]

# formats Oxigraph reads into the store itself
_NATIVE = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "trig": ox.RdfFormat.TRIG,
}
# formats rdflib reads: our format name -> rdflib parser name
_RDFLIB = {"jsonld": "json-ld", "rdfxml": "xml"}
RDF_FORMATS = (*_NATIVE, *_RDFLIB)

# relative IRIs resolve here, not against the file system path, which must not leak
_BASE = "https://infra-context.dev/source/"

_EXTERNAL_ENTITY = re.compile(rb"<!ENTITY\s+%?\s*[^\s>]+\s+(SYSTEM|PUBLIC)\b", re.IGNORECASE)


def parse_rdf(
    path: str, data: bytes, fmt: str, into: ox.Store, subjects: set[URIRef] | None = None
) -> dict[str, str]:
    """Add one source's triples to ``into`` (TriG's named graphs merged into the default).

    Returns the prefixes the source declares; collects the IRIs it describes into
    ``subjects`` when given. Raises InputError; the store is then half-filled and must
    be thrown away, which ``load`` does.
    """
    if fmt in _NATIVE:
        return _parse_native(path, data, fmt, into, subjects)
    parsed = _parse_rdflib(path, data, fmt)
    target = new_graph(into)
    target += parsed
    if subjects is not None:
        subjects.update(s for s in parsed.subjects() if isinstance(s, URIRef))
    return {prefix: str(namespace) for prefix, namespace in parsed.namespaces()}


def _parse_native(
    path: str, data: bytes, fmt: str, into: ox.Store, subjects: set[URIRef] | None
) -> dict[str, str]:
    parser = ox.parse(data, format=_NATIVE[fmt], base_iri=_BASE)
    quads: Iterable[ox.Quad] = _merged(parser) if fmt == "trig" else parser
    if subjects is not None:
        quads = _noting_subjects(quads, subjects)
    try:
        into.bulk_extend(quads)
    except SyntaxError as exc:
        why = exc.msg.split(": ", 1)[-1] if exc.msg.startswith("Parser error") else exc.msg
        raise InputError(path, exc.lineno, f"invalid {_NAMES[fmt]}: {why}") from None
    return dict(parser.prefixes)


def _merged(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    for quad in quads:
        yield ox.Quad(quad.subject, quad.predicate, quad.object)


def _noting_subjects(quads: Iterable[ox.Quad], subjects: set[URIRef]) -> Iterator[ox.Quad]:
    seen: set[str] = set()
    for quad in quads:
        if isinstance(quad.subject, ox.NamedNode):
            seen.add(quad.subject.value)
        yield quad
    subjects.update(URIRef(value) for value in seen)


def _parse_rdflib(path: str, data: bytes, fmt: str) -> Graph:
    if fmt == "jsonld":
        _check_jsonld(path, data)
    if fmt == "rdfxml" and (match := _EXTERNAL_ENTITY.search(data)):
        line = data.count(b"\n", 0, match.start()) + 1
        raise InputError(path, line, "XML external entities are not allowed; refused")
    target = Graph()
    try:
        target.parse(data=data, format=_RDFLIB[fmt], publicID=_BASE)
    except BadSyntax as exc:
        raise InputError(path, exc.lines + 1, f"invalid {_NAMES[fmt]}: {exc._why}") from None
    except Exception as exc:  # rdflib raises many types; each becomes the user's one line
        where = exc.getLineNumber() if hasattr(exc, "getLineNumber") else None  # XML's
        raise InputError(path, where, _reason(exc, fmt)) from None
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
