"""What a format cannot hold is refused in words, never written wrong: every RDF writer
either gives back exactly what went in, or says which literal it cannot hold; and what
Turtle, N-Triples and TriG write, an independent RDF 1.1 parser (rdflib's) reads."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import given
from hypothesis import strategies as st

from explorer.cli import main
from explorer.domain.errors import InputError
from explorer.export import dump
from explorer.graph.store import new_graph, stored_quad
from helpers import rdf_snapshot_extensions

W3C_DIRECTIONS = Path(__file__).parent / "w3c" / "json-ld-api" / "tests" / "toRdf"
S, P = ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p")
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
LANGUAGES = st.sampled_from(["en", "de", "ar", "en-GB"])
LITERALS = st.one_of(
    TEXT.map(ox.Literal),
    st.tuples(TEXT, LANGUAGES).map(lambda t: ox.Literal(t[0], language=t[1])),
    st.tuples(TEXT, LANGUAGES, st.sampled_from([ox.BaseDirection.LTR, ox.BaseDirection.RTL])).map(
        lambda t: ox.Literal(t[0], language=t[1], direction=t[2])
    ),
    st.sampled_from(["01", "1.0", "true", "-0", "1e3"]).map(
        lambda v: ox.Literal(v, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    ),
)
RDF_11 = {".ttl": "turtle", ".nt": "nt", ".trig": "trig"}


def _graph(literals: list[ox.Literal]) -> rdflib.Graph:
    store = ox.Store()
    for value in literals:
        store.add(stored_quad(ox.Quad(S, P, value, ox.DefaultGraph())))
    return new_graph(store)


def _read_back(path: Path, predicate: ox.NamedNode | None = P) -> set[ox.Literal]:
    """The literals a snapshot holds, as Oxigraph's own parser reads them (no store)."""
    fmt = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES}.get(path.suffix)
    fmt = fmt or {".trig": ox.RdfFormat.TRIG, ".jsonld": ox.RdfFormat.JSON_LD}[path.suffix]
    return {
        q.object
        for q in ox.parse(path.read_bytes(), format=fmt)
        if predicate in (None, q.predicate) and isinstance(q.object, ox.Literal)
    }


class TestEveryWriter:
    @given(st.lists(LITERALS, min_size=1, max_size=4))
    @pytest.mark.parametrize("extension", rdf_snapshot_extensions())
    def test_gives_back_what_went_in_or_says_what_it_cannot_hold(
        self, extension: str, literals: list[ox.Literal]
    ) -> None:
        with tempfile.TemporaryDirectory() as folder:
            self._check(Path(folder) / f"snapshot{extension}", extension, literals)

    def _check(self, out: Path, extension: str, literals: list[ox.Literal]) -> None:
        directed = any(value.direction for value in literals)
        try:
            dump(_graph(literals), out)
        except InputError as exc:
            assert directed and extension != ".jsonld"
            assert "cannot hold a literal's base direction" in str(exc)
            assert exc.path == str(out) and not out.exists()  # nothing half-written
            return
        assert _read_back(out) == set(literals)
        if extension in RDF_11:
            rdflib.Graph().parse(out, format=RDF_11[extension])  # an RDF 1.1 parser reads it


class TestBaseDirection:
    @pytest.mark.parametrize("case", ["di04", "di05", "di06"])
    @pytest.mark.parametrize("extension", [".nt", ".ttl", ".trig"])
    def test_a_format_without_it_refuses_in_words(
        self, tmp_path: Path, case: str, extension: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        source = W3C_DIRECTIONS / f"{case}-in.jsonld"
        code = main(["snapshot", str(source), "-o", str(tmp_path / f"x{extension}")])
        said = capsys.readouterr().err
        assert code == 2 and said.count("\n") == 1
        assert "cannot hold a literal's base direction" in said and "JSON-LD" in said

    @pytest.mark.parametrize("case", ["di04", "di05", "di06"])
    def test_json_ld_keeps_it(self, tmp_path: Path, case: str) -> None:
        source = W3C_DIRECTIONS / f"{case}-in.jsonld"
        out = tmp_path / "x.jsonld"
        code = main(["snapshot", str(source), "-o", str(out)])
        expected = {q.object for q in ox.parse(source.read_bytes(), format=ox.RdfFormat.JSON_LD)}
        assert code == 0 and expected <= _read_back(out, None)
        assert any(value.direction for value in expected)
