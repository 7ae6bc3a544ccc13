"""Programs made and changed as recorded edits: a program made from a selection, saved in
the context file, answers exactly as the same program written in a YAML source; every
step undoes exactly."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

from explorer.analysis.programs import Program, programs_of
from explorer.estate import Estate, open_estate
from explorer.ingest import load
from explorer.recording.context_file import Context
from explorer.recording.edits import Said, apply, revert
from explorer.recording.programs import add_changes, delete_program, new_program, remove_changes
from explorer.report import reach_json
from explorer.statements import Confidence
from helpers import SAMPLES, node

SAMPLE = SAMPLES / "region-build.ttl"
CHANGES = ["dns-service", "kms", "vendor-quorum-dns"]
SAID = Said("alice", datetime(2026, 12, 1, 10, 0, tzinfo=UTC), "kick-off", Confidence.LIKELY)
YAML = """\
programs:
  - id: program-cutover
    label: Cutover
    description: One change window before launch.
    owner: person-ines
    changes: [dns-service, kms, vendor-quorum-dns]
"""


def _made() -> Any:
    return new_program(
        "program-cutover",
        "Cutover",
        [str(node(n)) for n in CHANGES],
        SAID,
        "One change window before launch.",
        str(node("person-ines")),
    )


def _program(graph: Graph, entity_id: str) -> Program:
    return next(p for p in programs_of(graph) if p.entity.id == entity_id)


def program_answer(estate: Estate, direction: str = "blast_radius") -> dict[str, Any]:
    """The program's answer, every field of it, as the command line prints it."""
    program = estate.program("program-cutover")
    ask = getattr(estate, direction)
    found = ask([c.iri for c in program.changes])
    return reach_json(replace(found, program=program.entity))


@pytest.fixture
def graph() -> Graph:
    return load([SAMPLE]).graph


class TestAProgramMadeInTheAppAnswersAsOneWrittenInYaml:
    def test_saved_and_reopened_it_answers_field_for_field_as_the_yaml_one(
        self, tmp_path: Path, graph: Graph
    ) -> None:
        context = Context(tmp_path / "mine.ctx.ttl")
        apply(graph, context, _made())
        context.save()
        written = tmp_path / "program.yaml"
        written.write_text(YAML)
        made = open_estate([SAMPLE, tmp_path / "mine.ctx.ttl"])
        yaml = open_estate([SAMPLE, written])
        for direction in ("blast_radius", "upstream"):
            assert program_answer(made, direction) == program_answer(yaml, direction)
        answer = program_answer(made)
        assert answer["program"]["id"] == "program-cutover"
        assert {n["id"] for n in answer["nobody_to_tell"]} >= {"status-page"}
        assert all(i["reached_from"] for i in answer["impacted"])
        assert made.program("program-cutover") == yaml.program("program-cutover")

    def test_its_answer_is_the_union_of_its_changes(self, graph: Graph) -> None:
        apply(graph, Context(), _made())
        program = _program(graph, "program-cutover")
        assert [c.id for c in program.changes] == CHANGES
        assert [o.id for o in program.owners] == ["person-ines"]
        assert program.entity.description == "One change window before launch."


class TestEveryStepUndoesExactly:
    def test_undo_of_a_new_program_takes_back_every_triple(self, graph: Graph) -> None:
        before, context = set(graph), Context()
        done = apply(graph, context, _made())
        assert "program-cutover" in {p.entity.id for p in programs_of(graph)}
        assert len(context.statements) == 7  # class, name, description, owner, 3 changes
        revert(graph, context, done)
        assert set(graph) == before and context.statements == {}
        assert "program-cutover" not in {p.entity.id for p in programs_of(graph)}

    def test_adding_and_removing_changes(self, graph: Graph) -> None:
        context = Context()
        apply(graph, context, _made())
        program = _program(graph, "program-cutover")
        before = set(graph)
        added = apply(graph, context, add_changes(program, [str(node("iam"))], SAID))
        assert {c.id for c in _program(graph, "program-cutover").changes} == {*CHANGES, "iam"}
        revert(graph, context, added)
        assert set(graph) == before
        removed = apply(graph, context, remove_changes(program, [str(node("kms"))], SAID))
        changed = {c.id for c in _program(graph, "program-cutover").changes}
        assert changed == {"dns-service", "vendor-quorum-dns"}
        revert(graph, context, removed)
        assert set(graph) == before

    def test_deleting_a_program_a_source_states_and_undoing_it(
        self, graph: Graph, tmp_path: Path
    ) -> None:
        before, context = set(graph), Context(tmp_path / "mine.ctx.ttl")
        sample = _program(graph, "program-dns-cutover")
        done = apply(graph, context, delete_program(sample, SAID))
        assert "program-dns-cutover" not in {p.entity.id for p in programs_of(graph)}
        assert not set(graph.triples((node("program-dns-cutover"), None, None)))
        context.save()  # the retractions hold when the file is read with the sample again
        again = load([SAMPLE, tmp_path / "mine.ctx.ttl"]).graph
        assert "program-dns-cutover" not in {p.entity.id for p in programs_of(again)}
        revert(graph, context, done)
        assert set(graph) == before

    def test_what_would_change_nothing_is_refused_in_words(self, graph: Graph) -> None:
        with pytest.raises(ValueError, match="select what it changes first"):
            new_program("program-x", "X", [], SAID)
        with pytest.raises(ValueError, match="id cannot be empty"):
            new_program(" ", "X", [str(node("kms"))], SAID)
        sample = _program(graph, "program-dns-cutover")
        with pytest.raises(ValueError, match="changes all of that already"):
            add_changes(sample, [str(node("kms"))], SAID)
        with pytest.raises(ValueError, match="changes none of that"):
            remove_changes(sample, [str(node("iam"))], SAID)
