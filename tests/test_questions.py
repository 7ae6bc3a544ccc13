"""Open questions and per-relation confidence from native YAML, overdue questions as gaps
with a fixed clock, and the command line's ``questions``, ``show`` and ``--min-confidence``."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from explorer.analysis import blast_radius, ownership_gaps
from explorer.domain.errors import SourceProblems
from explorer.domain.vocab import iri_for_id
from explorer.ingest import load
from explorer.search import SearchIndex
from explorer.statements import Confidence, QuestionStatus, questions_of, statements_of
from helpers import run_cli

SAMPLE = Path(__file__).resolve().parent.parent / "sample_graphs" / "region-build.ttl"
NOTES = """\
services:
  - id: batch-reports
    label: Batch reports
    owner: team-dns
    depends_on:
      - {id: dns-service, confidence: suspected, source: "overheard in the incident review"}
      - report-store
  - id: report-store
    owner: team-dns
questions:
  - text: Who approves the DNS change?
    about: [dns-service]
    assignee: team-dns
    due: 2026-11-20
  - text: Is the zone file still hand-edited?
    about: [dns-zone]
    status: answered
    answer: No, since 2025
"""


# the sample asks one question of its own (who signs off the DNS and key change window)
SAMPLE_ASKS = {q.iri for q in questions_of(load([SAMPLE]).graph)}


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    path = tmp_path / "notes.yaml"
    path.write_text(NOTES)
    return path


def test_questions_are_read_with_their_ids_resolved(notes: Path) -> None:
    asked = [q for q in questions_of(load([SAMPLE, notes]).graph) if q.iri not in SAMPLE_ASKS]
    assert [(q.text, q.status) for q in asked] == [
        ("Who approves the DNS change?", QuestionStatus.OPEN),
        ("Is the zone file still hand-edited?", QuestionStatus.ANSWERED),
    ]
    first = asked[0]
    assert first.about == (str(iri_for_id("dns-service")),)
    assert first.assignee == str(iri_for_id("team-dns")) and first.due == date(2026, 11, 20)
    assert asked[1].answer == "No, since 2025"


def test_a_relation_says_how_sure_and_from_where(notes: Path) -> None:
    graph = load([SAMPLE, notes]).graph
    said = {s.fact[2]: s for s in statements_of(graph) if s.fact[0] == iri_for_id("batch-reports")}
    assert said[iri_for_id("dns-service")].confidence is Confidence.SUSPECTED
    assert said[iri_for_id("dns-service")].source == "overheard in the incident review"
    assert iri_for_id("report-store") not in said  # a plain id says nothing of how sure
    answer = blast_radius(graph, iri_for_id("dns-service"))
    reached = {i.entity.id: i.confidence for i in answer.impacted}
    assert reached["batch-reports"] is Confidence.SUSPECTED
    asked = [q.text for q in answer.questions if q.iri not in SAMPLE_ASKS]
    assert asked == ["Who approves the DNS change?"]


def test_an_open_question_past_its_due_date_is_a_gap(notes: Path) -> None:
    graph = load([SAMPLE, notes]).graph
    before = [g for g in ownership_gaps(graph, date(2026, 11, 20)) if g.rule == "overdue-question"]
    assert before == []
    late = [g for g in ownership_gaps(graph, date(2026, 12, 1)) if g.rule == "overdue-question"]
    assert [g.entity.id for g in late] == ["dns-service"]
    assert "Who approves the DNS change?" in late[0].message and "11 day(s) ago" in late[0].message
    assert late[0].impact > 1  # as urgent as what the DNS service hurts


@pytest.mark.parametrize(
    ("item", "problem"),
    [
        ("- {about: [dns-service]}", "each question must be a mapping with a text"),
        ("- {text: Why, due: next week}", "due must be a date (YYYY-MM-DD), not 'next week'"),
        ("- {text: Why, status: pending}", "status of a question must be one of open"),
        ("- {text: Why, owner: team-dns}", "unknown field 'owner' of a question"),
    ],
)
def test_a_bad_question_is_refused_with_its_line(tmp_path: Path, item: str, problem: str) -> None:
    path = tmp_path / "notes.yaml"
    path.write_text(f"services:\n  - id: x\n    owner: team-dns\nquestions:\n  {item}\n")
    with pytest.raises(SourceProblems) as caught:
        load([SAMPLE, path])
    message = str(caught.value)
    assert problem in message and "notes.yaml:5" in message


def test_a_bad_confidence_is_refused_with_what_is_allowed(tmp_path: Path) -> None:
    path = tmp_path / "notes.yaml"
    path.write_text("services:\n  - id: x\n    depends_on:\n      - {id: kms, confidence: sure}\n")
    with pytest.raises(SourceProblems, match="confirmed, likely, suspected"):
        load([SAMPLE, path])


class TestCommandLine:
    def test_questions_lists_filters_and_marks_overdue(self, notes: Path) -> None:
        done = run_cli("questions", SAMPLE, notes, "--open", "--json", module="explorer")
        assert done.returncode == 0, done.stderr
        asked = json.loads(done.stdout)["questions"]
        assert [q["text"] for q in asked if q["iri"] not in SAMPLE_ASKS] == [
            "Who approves the DNS change?"
        ]
        about = run_cli("questions", SAMPLE, notes, "--about", "dns-zone", module="explorer")
        assert "Is the zone file still hand-edited?" in about.stdout
        assert "Who approves" not in about.stdout

    def test_blast_radius_lists_open_questions_and_min_confidence_drops_guesses(
        self, notes: Path
    ) -> None:
        done = run_cli("blast-radius", "dns-service", SAMPLE, notes, module="explorer")
        assert f"{1 + len(SAMPLE_ASKS)} open question(s) in the blast radius of dns-service" in (
            done.stdout
        )
        assert "suspected" in done.stdout and "batch-reports" in done.stdout
        sure = run_cli(
            "blast-radius",
            "dns-service",
            SAMPLE,
            notes,
            "--min-confidence",
            "likely",
            "--json",
            module="explorer",
        )
        data = json.loads(sure.stdout)
        reached = {n["id"]: n["confidence"] for n in data["impacted"]}
        assert "batch-reports" not in reached and set(reached.values()) == {"declared"}
        owns = {t["id"]: t["owns"] for t in data["teams"]}
        assert "batch-reports" not in owns["team-dns"]  # nor among what its team owns

    def test_gaps_fail_on_an_overdue_question_with_a_fixed_clock(
        self, notes: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("INFRA_EXPLORER_TODAY", "2026-12-01")
        done = run_cli("gaps", SAMPLE, notes, "--json", module="explorer")
        rules = [g["rule"] for g in json.loads(done.stdout)["gaps"]]
        assert "overdue-question" in rules
        monkeypatch.setenv("INFRA_EXPLORER_TODAY", "2026-11-01")
        early = run_cli("gaps", SAMPLE, notes, "--json", module="explorer")
        assert "overdue-question" not in [g["rule"] for g in json.loads(early.stdout)["gaps"]]


def test_search_finds_a_node_by_its_questions_and_by_where_its_facts_came_from(
    notes: Path, tmp_path: Path
) -> None:
    graph = load([SAMPLE, notes]).graph
    index = SearchIndex.for_graph(graph, root=tmp_path)
    assert [h.id for h in index.search("approves", 5)] == ["dns-service"]
    assert [h.id for h in index.search('"incident review"', 5)] == ["batch-reports"]
