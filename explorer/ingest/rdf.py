"""RDF sources, parsed exactly, with the network shut out and errors made one line.

Every RDF format is parsed by Oxigraph (Turtle, N-Triples, TriG, RDF/XML and JSON-LD 1.1,
which rdflib's JSON-LD parser does not follow), straight into the load's store, literals
kept as written (``explorer.graph.store``). Named graphs (TriG's, JSON-LD's ``@graph``) are merged
into the estate. Relative IRIs resolve against the document's own base. The JSON-LD parser
has no way to fetch a document, so a ``@context`` that names one is refused; an XML external
entity is refused before any parser sees the file: loading never reaches out, nor reads a
local file a source names.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import quote
from xml.parsers import expat

import pyoxigraph as ox
from rdflib import URIRef

from explorer.domain.errors import InputError
from explorer.formats.registry import BY_NAME, FORMATS
from explorer.graph.store import TripleTerm, stored_quads
from explorer.ingest.error_lines import json_line, xml_line

__all__ = ["BASE", "RDF_FORMATS", "base_for", "parse_rdf"]

RDF_FORMATS = tuple(f.name for f in FORMATS if f.rdf)

# relative IRIs resolve under here, by the file's path in the folder opened: never the
# file system's path, which must not leak, and the same on every machine
BASE = "https://infra-context.dev/source/"

_EXTERNAL_ENTITY = re.compile(rb"<!ENTITY\s+%?\s*[^\s>]+\s+(SYSTEM|PUBLIC)\b", re.IGNORECASE)
_QUOTED = re.compile(r"`([^`]+)`|'([^']+)'|\"([^\"]+)\"")  # what a parser's message quotes


def base_for(relative: str) -> str:
    """The base IRI of a document at ``relative`` (its path in the folder opened).

    >>> base_for("teams/platform.ttl")
    'https://infra-context.dev/source/teams/platform.ttl'
    """
    return BASE + quote(relative.replace("\\", "/"), safe="/")


def parse_rdf(
    path: str,
    data: bytes,
    fmt: str,
    into: ox.Store,
    subjects: set[URIRef] | None = None,
    base: str = BASE,
) -> dict[str, str]:
    """Add one source's triples to ``into``; relative IRIs resolve against ``base``.

    Returns the prefixes the source declares; collects the IRIs it describes into
    ``subjects`` when given. Raises InputError; the store is then half-filled and must
    be thrown away, which ``load`` does.
    """
    document = _json(path, data) if fmt == "jsonld" else None
    if fmt == "rdfxml" and (match := _EXTERNAL_ENTITY.search(data)):
        line = data.count(b"\n", 0, match.start()) + 1
        raise InputError(path, line, "XML external entities are not allowed; refused")
    parser = ox.parse(data, format=getattr(ox.RdfFormat, BY_NAME[fmt].rdf), base_iri=base)
    quads: Iterable[ox.Quad] = _kept(parser, path, data)
    if subjects is not None:
        quads = _noting_subjects(quads, subjects)
    try:
        into.bulk_extend(quads)
    except SyntaxError as exc:
        if _NO_LOADER in exc.msg:  # the parser was asked to fetch a context: it cannot
            raise _remote(path, data, document) from None
        why = exc.msg.split(": ", 1)[-1] if exc.msg.startswith("Parser error") else exc.msg
        at = exc.lineno if exc.lineno is not None else _where(data, fmt, why)
        raise InputError(path, at, f"invalid {BY_NAME[fmt].title}: {why}") from None
    except ValueError as exc:  # a term the parser made that the store refuses
        raise InputError(path, None, f"invalid {BY_NAME[fmt].title}: {exc}") from None
    return dict(getattr(parser, "prefixes", {}) or {})


def _kept(quads: Iterable[ox.Quad], path: str, data: bytes) -> Iterator[ox.Quad]:
    """The quads in the default graph, literals as written; RDF-star is refused."""
    try:
        yield from stored_quads(quads)
    except TripleTerm:
        raise InputError(
            path,
            _line_of(data, "<<"),
            "RDF-star triple terms (<< ... >>) are not supported; write the statement "
            "about a statement with a node of its own",
        ) from None


def _noting_subjects(quads: Iterable[ox.Quad], subjects: set[URIRef]) -> Iterator[ox.Quad]:
    seen: set[str] = set()
    for quad in quads:
        if isinstance(quad.subject, ox.NamedNode):
            seen.add(quad.subject.value)
        yield quad
    subjects.update(URIRef(value) for value in seen)


def _where(data: bytes, fmt: str, message: str) -> int | None:
    """The line of an error the parser does not place: XML's own parser places what is
    not well-formed XML; an RDF/XML or JSON-LD error, the element or string it names
    (``explorer.ingest.error_lines``); else the line of what the message quotes."""
    if fmt == "rdfxml":
        try:
            expat.ParserCreate().Parse(data, True)
        except expat.ExpatError as exc:
            return int(exc.lineno)
        return xml_line(data, message) or _line_of(data, message)
    if fmt == "jsonld":
        return json_line(data, message) or _line_of(data, message)
    return _line_of(data, message)


def _line_of(data: bytes, message: str) -> int | None:
    """The line of the last thing ``message`` quotes (or of ``message`` itself): parsers
    say "expected X, but Y was found", and Y is where it went wrong."""
    quoted = [next(g for g in m.groups() if g) for m in _QUOTED.finditer(message)] or [message]
    for text in reversed(quoted):
        for needle in (text.encode(), text.strip("<>/").encode()):
            at = data.find(needle) if needle else -1
            if at >= 0:
                return data.count(b"\n", 0, at) + 1
    return None


def _json(path: str, data: bytes) -> Any:
    """The document, for its syntax errors' lines (the JSON-LD parser gives none)."""
    try:
        return json.loads(data)
    except json.JSONDecodeError as exc:
        raise InputError(path, exc.lineno, f"invalid JSON-LD: {exc.msg}") from None
    except (UnicodeDecodeError, RecursionError) as exc:
        raise InputError(path, None, f"invalid JSON-LD: {type(exc).__name__}") from None


# Oxigraph's JSON-LD parser is given no way to load a document, so a context that names
# one ends the parse with this: loading never fetches anything
_NO_LOADER = "LoadDocumentCallback"


def _remote(path: str, data: bytes, document: Any) -> InputError:
    remote = _remote_context(document) or "another document"
    return InputError(
        path,
        _line_of(data, f'"{remote}"'),
        f"JSON-LD context {remote!r} is remote; only inline contexts are read",
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
