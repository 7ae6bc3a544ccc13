"""The W3C RDF 1.1 and JSON-LD 1.1 toRdf test suites (vendored in ``tests/w3c``), read
from their manifests, and run through the loader.

Each case is a ``W3CTest``: what kind of test it is, the file to read, the base IRI its
manifest says to read it against, and the expected result. ``outcome`` reads it the way the
app does (``explorer.ingest.rdf.parse_rdf`` into the store), and for an evaluation test
writes the graph as a snapshot in every RDF format and reads it back, and says whether
everything came out as it went in.
"""

from __future__ import annotations

import io
import json
import re
from contextlib import redirect_stderr
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, Namespace
from rdflib.term import Node

from explorer.cli import main
from explorer.domain.errors import InputError
from explorer.export import render
from explorer.formats.registry import by_extension
from explorer.graph.store import literal, new_graph
from explorer.ingest.rdf import parse_rdf
from helpers import rdf_snapshot_extensions

__all__ = ["SUITES", "W3CTest", "all_tests", "outcome"]

ROOT = Path(__file__).parent / "w3c"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
RDFT = Namespace("http://www.w3.org/ns/rdftest#")
SUITES = {  # folder -> our format name
    "rdf-turtle": "turtle",
    "rdf-n-triples": "ntriples",
    "rdf-trig": "trig",
    "rdf-xml": "rdfxml",
}


@dataclass(frozen=True)
class W3CTest:
    """``kind``: eval (the expected graph), syntax (loads), negative (is refused)."""

    id: str
    kind: str
    fmt: str
    action: Path
    base: str
    result: Path | None = None
    options: tuple[tuple[str, str], ...] = ()


def _kind(types: set[str]) -> str:
    if any("Negative" in t for t in types):
        return "negative"
    return "eval" if any("Eval" in t for t in types) else "syntax"


def _rdf_tests(folder: str, fmt: str) -> list[W3CTest]:
    manifest = ROOT / "rdf" / "rdf11" / folder / "manifest.ttl"
    base = f"https://w3c.github.io/rdf-tests/rdf/rdf11/{folder}/"
    graph = Graph().parse(manifest, publicID=base + "manifest.ttl")
    assert str(graph.value(URIRef(base + "manifest.ttl"), MF.assumedTestBase) or base) == base
    tests = []
    for entry in graph.subjects(MF.action, None):
        action = str(graph.value(entry, MF.action))
        result = graph.value(entry, MF.result)
        types = {str(t) for t in graph.objects(entry, RDF.type)}
        tests.append(
            W3CTest(
                id=f"{folder}#{str(entry).rsplit('#', 1)[-1]}",
                kind=_kind(types),
                fmt=fmt,
                action=manifest.parent / action.removeprefix(base),
                base=action,
                result=manifest.parent / str(result).removeprefix(base) if result else None,
            )
        )
    return sorted(tests, key=lambda t: t.id)


def _jsonld_tests() -> list[W3CTest]:
    folder = ROOT / "json-ld-api" / "tests"
    manifest = json.loads((folder / "toRdf-manifest.jsonld").read_text(encoding="utf-8"))
    base = manifest["baseIri"]
    tests = []
    for entry in manifest["sequence"]:
        options = entry.get("option", {})
        tests.append(
            W3CTest(
                id=f"jsonld{entry['@id']}",
                kind=_kind(set(entry["@type"])),
                fmt="jsonld",
                action=folder / entry["input"],
                base=options.get("base", base + entry["input"]),
                result=folder / entry["expect"]
                if "expect" in entry and entry["expect"].endswith(".nq")
                else None,
                options=tuple(sorted((k, str(v)) for k, v in options.items())),
            )
        )
    return tests


def all_tests() -> list[W3CTest]:
    return [t for folder, fmt in SUITES.items() for t in _rdf_tests(folder, fmt)] + _jsonld_tests()


def _rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    """A pyoxigraph term from the parser alone, as rdflib writes it (no store between)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    datatype = term.datatype.value
    plain = datatype == "http://www.w3.org/2001/XMLSchema#string"
    return literal(term.value, None if plain else datatype, term.language)


def expected_graph(test: W3CTest) -> Graph:
    """The expected triples, every graph of a dataset merged, as the loader merges them."""
    assert test.result is not None
    fmt = ox.RdfFormat.N_QUADS if test.result.suffix == ".nq" else ox.RdfFormat.N_TRIPLES
    graph = Graph()
    for quad in ox.parse(test.result.read_bytes(), format=fmt):
        graph.add((_rdflib(quad.subject), _rdflib(quad.predicate), _rdflib(quad.object)))
    return graph


def loaded_graph(test: W3CTest) -> Graph:
    """What the loader makes of the test's file, read back out of the store."""
    store = ox.Store()
    parse_rdf(str(test.action), test.action.read_bytes(), test.fmt, store, base=test.base)
    graph = Graph()
    for triple in new_graph(store):
        graph.add(triple)
    return graph


def refused(test: W3CTest, output: Path) -> tuple[int, str]:
    """The command line's exit code and message for the test's file."""
    said = io.StringIO()
    with redirect_stderr(said):
        code = main(["snapshot", str(test.action), "-o", str(output)])
    return code, said.getvalue()


def outcome(test: W3CTest, output: Path) -> str:
    """ "" when the test passes, else what went wrong."""
    if test.kind == "negative":
        code, said = refused(test, output)
        one_line = said.count("\n") == 1
        placed = re.match(rf"infra-explorer: error: {re.escape(str(test.action))}:\d+: ", said)
        return (
            ""
            if code == 2 and one_line and placed
            else f"not refused with its line, as it should be: exit {code}, {said!r}"
        )
    try:
        graph = loaded_graph(test)
    except InputError as exc:
        return f"refused: {exc}"
    if test.kind != "eval" or test.result is None:
        return ""
    if not isomorphic(graph, expected_graph(test)):
        return "a different graph than expected"
    changed = [
        ext for ext in rdf_snapshot_extensions() if not isomorphic(snapshot_back(graph, ext), graph)
    ]
    return f"not the same graph after a {', '.join(changed)} snapshot" if changed else ""


def snapshot_back(graph: Graph, extension: str) -> Graph:
    """``graph`` written as a snapshot in ``extension``'s format and loaded again."""
    store = ox.Store()
    data = render(graph, extension)
    parse_rdf(f"snapshot{extension}", data, by_extension(extension).name, store)
    again = Graph()
    for triple in new_graph(store):
        again.add(triple)
    return again
