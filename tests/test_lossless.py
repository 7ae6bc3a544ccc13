"""Read exactly, write losslessly: each case the W3C suites and real files showed, as a test.

Literals keep their lexical form through the store and every snapshot; relative IRIs
resolve per file; a table keeps any text and stays formula-safe; the same facts in any
format give the same answer, and messages point at the field's line.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from explorer.analysis import blast_radius, ownership_gaps
from explorer.cli import main
from explorer.domain.relations import PREDICATES
from explorer.domain.vocab import IC
from explorer.export import dump
from explorer.export.provenance import without_provenance
from explorer.formats.cells import FORMULA_STARTS
from explorer.graph.index import entities
from explorer.graph.store import literal
from explorer.ingest import load
from explorer.report import reach_csv
from helpers import estate, node, rdf_snapshot_extensions, run_cli

Write = Callable[[str, str | bytes], Path]
EX = "http://example.org/"
NUMBERS = (
    "@prefix ex: <http://example.org/> .\n"
    "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
    'ex:a ex:n 01 ; ex:d 1.0, 1.00, 1.000000000 ; ex:b true, "1"^^xsd:boolean ;\n'
    '  ex:x "<br></br>"^^rdf:XMLLiteral ; ex:bad "flargh"^^xsd:integer .\n'
)


def snapshot_again(graph_path: Path, out: Path) -> set[tuple[object, ...]]:
    dump(load([graph_path]).graph, out)
    return set(without_provenance(load([out]).graph))


class TestLiteralsAsWritten:
    @pytest.mark.parametrize("extension", rdf_snapshot_extensions())
    def test_numbers_keep_their_spelling_and_no_two_merge(
        self, write: Write, tmp_path: Path, extension: str
    ) -> None:
        path = write("numbers.ttl", NUMBERS)
        loaded = set(load([path]).graph)
        assert len(loaded) == 8  # 1.0, 1.00 and 1.000000000 are three triples
        again = snapshot_again(path, tmp_path / f"out{extension}")
        assert again == loaded
        a = URIRef(EX + "a")
        assert (a, URIRef(EX + "n"), literal("01", str(XSD.integer))) in again
        assert {str(o) for s, p, o in again if p == URIRef(EX + "d")} == {
            "1.0",
            "1.00",
            "1.000000000",
        }
        assert (a, URIRef(EX + "b"), literal("1", str(XSD.boolean))) in again

    def test_literals_stay_as_written_after_a_shacl_validation(
        self, write: Write, tmp_path: Path
    ) -> None:
        """pyshacl switches rdflib's literal normalising back on after each validation."""
        ownership_gaps(load().graph)  # the bundled sample is small: SHACL checks it
        out = tmp_path / "out.nt"
        dump(load([write("numbers.ttl", NUMBERS)]).graph, out)
        written = out.read_text()
        assert '"01"^^<http://www.w3.org/2001/XMLSchema#integer>' in written
        assert '"1.00"^^<http://www.w3.org/2001/XMLSchema#decimal>' in written
        graph = load([out]).graph  # and read through rdflib's API, as analyses read it
        a = URIRef(EX + "a")
        assert str(graph.value(a, URIRef(EX + "n"))) == "01"
        assert str(graph.value(a, URIRef(EX + "x"))) == "<br></br>"
        assert {str(o) for o in graph.objects(a, URIRef(EX + "b"))} == {"true", "1"}

    def test_an_xml_literal_comes_out_as_it_went_in(self, write: Write, tmp_path: Path) -> None:
        out = tmp_path / "out.nt"
        dump(load([write("x.ttl", NUMBERS)]).graph, out)
        assert '"<br></br>"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#XMLLiteral>' in (
            out.read_text()
        )

    def test_an_ill_typed_literal_loads_without_a_word_on_the_console(
        self, write: Write, tmp_path: Path
    ) -> None:
        path = write("x.ttl", NUMBERS)
        done = run_cli("snapshot", path, "-o", tmp_path / "out.ttl")
        assert done.returncode == 0 and done.stderr == ""
        assert '"flargh"^^xsd:integer' in (tmp_path / "out.ttl").read_text()


class TestRelativeIris:
    def test_the_same_relative_iri_in_two_files_is_two_nodes(self, write: Write) -> None:
        a = write(
            "a/estate.ttl",
            "@prefix ic: <https://infra-context.dev/ontology#> .\n<#x> a ic:Service .\n",
        )
        write(
            "b/estate.ttl",
            "@prefix ic: <https://infra-context.dev/ontology#> .\n<#x> a ic:Team .\n",
        )
        graph = load([a.parent.parent]).graph
        typed = {str(s): str(o) for s, o in graph.subject_objects(RDF.type)}
        assert len(typed) == 2 and set(typed.values()) == {str(IC.Service), str(IC.Team)}

    def test_a_file_s_own_base_wins(self, write: Write) -> None:
        path = write("x.ttl", "@base <http://example.org/estate/> .\n<x> <p> <y> .\n")
        assert set(load([path]).graph) == {
            (URIRef(EX + "estate/x"), URIRef(EX + "estate/p"), URIRef(EX + "estate/y"))
        }

    def test_snapshots_of_relative_iris_are_the_same_bytes_each_time(self, write: Write) -> None:
        path = write("x.ttl", "<#a> <#p> <#b> .\n")
        first, second = (load([path]).graph for _ in range(2))
        assert sorted(first) == sorted(second)


class TestRdfStar:
    @pytest.mark.parametrize("command", ["gaps", "snapshot", "screenshot"])
    def test_a_triple_term_is_refused_on_one_line(
        self, write: Write, tmp_path: Path, command: str
    ) -> None:
        path = write(
            "star.ttl",
            "@prefix ic: <https://infra-context.dev/ontology#> .\n"
            "@prefix id: <https://infra-context.dev/id/> .\n"
            "<< id:a ic:dependsOn id:b >> <http://example.org/confidence> 0.4 .\n",
        )
        out = ["-o", tmp_path / ("x.png" if command == "screenshot" else "x.ttl")]
        done = run_cli(command, path, *(out if command != "gaps" else []))
        assert done.returncode == 2
        assert done.stderr.startswith(f"infra-explorer: error: {path}:3: RDF-star triple terms")
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


HARD_TEXT = [
    "\r=1+2",  # a CR before a formula: once split the row and ran it
    "line one\r\nline two\nthree\rfour",
    "'quoted",
    "\ttabbed",
    "  spaced  ",
    '=HYPERLINK("http://x")',
    "+1; -2, @ops",
    'a "quote", a comma; a semicolon',
    "_x0041_ and \x01 control",
]


class TestTables:
    @pytest.mark.parametrize("extension", [".csv", ".xlsx"])
    @pytest.mark.parametrize("text", HARD_TEXT)
    def test_any_label_and_description_come_back_exactly(
        self, write: Write, tmp_path: Path, extension: str, text: str
    ) -> None:
        path = write(
            "e.ttl",
            "<https://infra-context.dev/id/api> a <https://infra-context.dev/ontology#Service> .\n",
        )
        graph = load([path]).graph
        graph.add((node("api"), RDFS.label, Literal(text)))
        out = tmp_path / f"x{extension}"
        dump(graph, out)
        again = load([out]).graph
        assert again.value(node("api"), RDFS.label) == Literal(text)

    def test_no_row_of_a_snapshot_starts_a_formula(self, tmp_path: Path) -> None:
        from explorer.graph.store import new_graph

        graph = new_graph()
        for number, text in enumerate(HARD_TEXT):
            graph.add((node(f"s{number}"), RDF.type, IC.Service))
            graph.add((node(f"s{number}"), RDFS.label, Literal(text)))
        dump(graph, tmp_path / "x.csv")
        rows = list(csv.reader(io.StringIO((tmp_path / "x.csv").read_text(), newline="")))
        assert len(rows) == 1 + len(HARD_TEXT)  # a CR or LF in a cell splits no row
        for row in rows:
            assert all(not cell.startswith(FORMULA_STARTS) for cell in row), row

    def test_a_blast_radius_csv_is_formula_safe_too(self) -> None:
        graph = estate(
            'id:a a ic:Service ; rdfs:label "\\r=1+2" ; ic:dependsOn id:b .\nid:b a ic:Service .\n'
        )
        rows = list(csv.reader(io.StringIO(reach_csv(blast_radius(graph, node("b"))), newline="")))
        # the node reached, then the same node among those nobody answers for
        assert [r[0] for r in rows[1:]] == ["affected", "nobody to tell", "nobody to tell"]
        assert rows[1][2] == rows[2][2] == "'\r=1+2"
        assert all(not cell.startswith(FORMULA_STARTS) for row in rows for cell in row)

    def test_a_row_wider_than_its_header_is_refused_with_its_line(
        self, write: Write, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = write("x.csv", "id,label\na,one\nb,two,three\n")
        assert main(["gaps", str(path)]) == 2
        assert f"{path}:3: 3 cells but the header names 2 columns" in capsys.readouterr().err


SAME_FACTS = {
    "estate.ttl": (
        "@prefix ic: <https://infra-context.dev/ontology#> .\n"
        "@prefix id: <https://infra-context.dev/id/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        'id:api a ic:Service ; rdfs:label "Payments API" ; ic:ownedBy id:payments ;\n'
        "  ic:dependsOn id:db, id:ghost ; ic:tier 1 .\n"
        "id:db a ic:Resource ; ic:ownedBy id:old ; ic:tier 2 .\n"
        'id:payments a ic:Team ; ic:status "active" .\n'
        'id:old a ic:Team ; ic:status "dissolved" .\n'
    ),
    "estate.yaml": (
        "services:\n  - id: api\n    label: Payments API\n    owner: payments\n"
        "    depends_on: [db, ghost]\n    tier: 1\n"
        "resources:\n  - id: db\n    owner: old\n    tier: 2\n"
        "teams:\n  - id: payments\n    status: active\n  - id: old\n    status: dissolved\n"
    ),
    "estate.csv": (
        "id,kind,label,owner,depends_on,tier,status\n"
        "api,service,Payments API,payments,db; ghost,1,\n"
        "db,resource,,old,,2,\n"
        "payments,team,,,,,active\n"
        "old,team,,,,,dissolved\n"
    ),
}


_PLACES = re.compile(r" at \S+:\d+(, \S+:\d+)*")


def _answer(path: Path) -> tuple[object, ...]:
    graph = load([path]).graph
    listed = sorted((e.iri, str(e.kind), e.label, e.tier, e.status) for e in entities(graph))
    relations = sorted(
        (str(s), str(p), str(o)) for p in PREDICATES for s, o in graph.subject_objects(p)
    )
    # where a reference was made is known for a table or YAML line, not for a triple
    gaps = sorted((g.rule, g.entity.iri, _PLACES.sub("", g.message)) for g in ownership_gaps(graph))
    return listed, relations, gaps


class TestOneEstateOneAnswer:
    def test_turtle_yaml_csv_and_a_workbook_give_the_same_answer(
        self, write: Write, tmp_path: Path
    ) -> None:
        answers = {name: _answer(write(name, text)) for name, text in SAME_FACTS.items()}
        dump(load([tmp_path / "estate.csv"]).graph, tmp_path / "book.xlsx")
        answers["book.xlsx"] = _answer(tmp_path / "book.xlsx")
        first = answers.pop("estate.ttl")
        assert any(rule == "undefined-reference" for rule, _, _ in first[2])
        for name, answer in answers.items():
            assert answer == first, name

    def test_two_tiers_are_named_in_the_gap(self, write: Write) -> None:
        path = write(
            "x.ttl",
            "@prefix ic: <https://infra-context.dev/ontology#> .\n"
            "@prefix id: <https://infra-context.dev/id/> .\n"
            "id:a a ic:Service ; ic:tier 1, 2 .\n",
        )
        (bad,) = [g for g in ownership_gaps(load([path]).graph) if g.rule == "bad-tier"]
        assert bad.message == "a has 2 tiers (1, 2): expected one"

    def test_a_yaml_problem_points_at_the_field_not_the_record(self, write: Write) -> None:
        path = write("x.yaml", "services:\n  - id: a\n    label: A\n\n    depends_on: [ghost]\n")
        graph = load([path]).graph
        assert graph.value(node("ghost"), IC.referencedIn) == Literal(f"{path}:5")

    def test_places_sort_by_file_then_line_as_a_number(self, write: Write) -> None:
        lines = [f"  - id: s{n}\n    depends_on: [ghost]\n" for n in range(600)]
        path = write("x.yaml", "services:\n" + "".join(lines))
        (gap,) = [g for g in ownership_gaps(load([path]).graph) if g.rule == "undefined-reference"]
        places = [
            int(p.rsplit(":", 1)[1])
            for p in gap.message.split(" at ")[1].split(" but ")[0].split(", ")
        ]
        assert places == sorted(places) and places[:3] == [3, 5, 7] and max(places) > 1000
