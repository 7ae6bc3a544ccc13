"""Find the node a user means: an IRI, a ``prefix:name``, an id, or an exact label."""

from __future__ import annotations

import difflib
import re
from typing import NoReturn

from rdflib import Graph, URIRef

from explorer.domain.errors import InputError, UnknownNode
from explorer.domain.model import Entity
from explorer.domain.vocab import IC, id_from_iri, iri_for_id
from explorer.graph.index import entities, index_of

__all__ = ["choose", "closest", "expand", "node_number", "resolve_node"]

_ABSOLUTE_IRI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:(//|[^/\s])\S*$")


def expand(namespaces: dict[str, str], text: str) -> URIRef | None:
    """An IRI or a ``prefix:name`` with a bound prefix, if ``text`` is one."""
    prefix, colon, name = text.partition(":")
    if colon and not name.startswith("//"):
        namespace = namespaces.get(prefix)
        if namespace is not None:
            return URIRef(str(namespace) + name)
    return URIRef(text) if _ABSOLUTE_IRI.match(text) else None


def resolve_node(graph: Graph, text: str) -> URIRef:
    """The one node ``text`` names, or an InputError listing the closest candidates.

    Ids and labels match case-insensitively; an exact-case id wins over other matches; then
    an alias that one node goes by.

    >>> from explorer.ingest import load
    >>> graph = load().graph
    >>> str(resolve_node(graph, "Time sync (NTP)"))
    'https://infra-context.dev/id/time-sync'
    >>> resolve_node(graph, "dns")
    Traceback (most recent call last):
    ...
    explorer.domain.errors.UnknownNode: unknown node 'dns'; closest: dns-service ...
    """
    text = text.strip()
    namespaces = {p: str(n) for p, n in graph.namespaces()}
    for iri in (expand(namespaces, text), iri_for_id(text)):
        if iri is not None and index_of(graph).mentions(iri):
            return iri  # an IRI, a prefixed name, or an importer id used only as a reference
    known = entities(graph)
    return choose(text, known) or _by_alias(graph, text) or _unknown(text, known)


def _by_alias(graph: Graph, text: str) -> URIRef | None:
    """The one node that goes by ``text`` (``ic:alias``, as traces name it), if one does."""
    folded = text.casefold()
    found = {
        s
        for s, a in graph.subject_objects(IC.alias)
        if isinstance(s, URIRef) and str(a).casefold() == folded
    }
    return found.pop() if len(found) == 1 else None


def choose(text: str, known: list[Entity]) -> URIRef | None:
    """The one of ``known`` whose id or label ``text`` is, None if none; several is an
    InputError naming them."""
    folded = text.casefold()
    matches = [e for e in known if folded in (e.id.casefold(), e.label.casefold())]
    exact = [e for e in matches if e.id == text]
    if len(exact) == 1 or len(matches) == 1:
        return URIRef((exact or matches)[0].iri)
    if matches:
        names = ", ".join(f"{e.id} ({e.label}, {e.kind})" for e in matches[:8])
        raise InputError(None, None, f"{text!r} is ambiguous: it names {names}")
    return None


def _unknown(text: str, known: list[Entity]) -> NoReturn:
    raise UnknownNode(text, closest(text, known))


def node_number(graph: Graph, node: URIRef) -> int:
    """The number ``node`` has in the graph's index; a node no triple names is refused
    with the closest names (``UnknownNode``)."""
    index = index_of(graph)
    found = index.number.get(node)
    if found is None:
        text = id_from_iri(node) if str(node).startswith(str(iri_for_id(""))) else str(node)
        _unknown(text, entities(graph))
    return found


def closest(text: str, known: list[Entity]) -> str:
    """The names in ``known`` nearest to ``text``, for an error message."""
    names = {e.id.casefold(): e for e in known} | {e.label.casefold(): e for e in known}
    close = difflib.get_close_matches(text.casefold(), list(names), n=12, cutoff=0.5)
    contains = [n for n in names if text.casefold() in n]
    picked: list[Entity] = []
    for name in [*contains, *close]:
        if names[name] not in picked:
            picked.append(names[name])
    if not picked:
        return "none; try 'infra-explorer search'"
    more = ", ..." if len(picked) > 5 else ""
    return ", ".join(f"{e.id} ({e.label})" for e in picked[:5]) + more
