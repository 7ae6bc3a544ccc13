"""Context a user records: statements with who and how sure, what they overrule, edits
that undo exactly, the context file, and confidence flowing into answers."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from rdflib import Graph, Literal

from explorer.analysis import blast_radius, upstream
from explorer.analysis.changes import diff
from explorer.domain.errors import InputError
from explorer.domain.kinds import Kind
from explorer.domain.statuses import AssumptionStatus
from explorer.domain.vocab import IC, iri_for_id
from explorer.estate.files import load_files
from explorer.ingest import load
from explorer.recording.context_file import Context, ContextChanged
from explorer.recording.edits import (
    Said,
    add_node,
    add_relation,
    apply,
    mark_assumption,
    remove_relation,
    revert,
    set_value,
)
from explorer.report import diff_text
from explorer.statements import Confidence, statements_of
from explorer.views.filters import Filter, filtered_reach

ESTATE = """\
@prefix ic: <https://infra-context.dev/ontology#> .
@prefix id: <https://infra-context.dev/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
id:web a ic:Service ; rdfs:label "Web" ; ic:dependsOn id:app ; ic:ownedBy id:team-a .
id:app a ic:Service ; rdfs:label "App" ; ic:dependsOn id:db ; ic:ownedBy id:team-a ;
    ic:assumes id:assume-ntp .
id:db a ic:Resource ; rdfs:label "DB" ; ic:ownedBy id:team-a .
id:batch a ic:Service ; rdfs:label "Batch" ; ic:ownedBy id:team-b .
id:assume-ntp a ic:Assumption ; rdfs:label "NTP is reachable" .
id:team-a a ic:Team ; rdfs:label "Team A" ; ic:contact "a@example.org" .
id:team-b a ic:Team ; rdfs:label "Team B" ; ic:contact "b@example.org" .
"""
WHEN = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
ALICE = Said("alice", WHEN, "interview with the DNS team lead", Confidence.SUSPECTED)


def node(name: str):  # type: ignore[no-untyped-def]
    return iri_for_id(name)


@pytest.fixture
def estate_file(tmp_path: Path) -> Path:
    path = tmp_path / "estate.ttl"
    path.write_text(ESTATE)
    return path


@pytest.fixture
def graph(estate_file: Path) -> Graph:
    return load([estate_file]).graph


def confidences(answer) -> dict[str, Confidence]:  # type: ignore[no-untyped-def]
    return {i.entity.id: i.confidence for i in answer.impacted}


def triples(graph: Graph) -> set:  # type: ignore[type-arg]
    return set(graph)


class TestEditsUndoExactly:
    def test_adding_a_suspected_dependency_reaches_it_as_suspected_and_undo_forgets_it(
        self, graph: Graph
    ) -> None:
        before, context = triples(graph), Context()
        done = apply(graph, context, add_relation(node("batch"), "depends on", node("db"), ALICE))
        assert confidences(blast_radius(graph, node("db")))["batch"] is Confidence.SUSPECTED
        assert len(context.statements) == 1
        revert(graph, context, done)
        assert "batch" not in confidences(blast_radius(graph, node("db")))
        assert triples(graph) == before and context.statements == {}

    def test_a_declared_path_beats_a_suspected_one(self, graph: Graph) -> None:
        apply(graph, Context(), add_relation(node("web"), "depends on", node("db"), ALICE))
        found = blast_radius(graph, node("db"))
        assert confidences(found)["web"] is Confidence.DECLARED
        web = next(i for i in found.impacted if i.entity.id == "web")
        assert web.path == ("db", "app", "web")  # the declared path, not the shorter guess

    def test_a_path_is_as_sure_as_its_weakest_link(self, graph: Graph) -> None:
        likely = Said("bob", WHEN, "ticket OPS-1", Confidence.LIKELY)
        apply(graph, Context(), add_relation(node("batch"), "depends on", node("web"), likely))
        apply(graph, Context(), add_relation(node("web"), "depends on", node("db"), ALICE))
        sure = confidences(upstream(graph, node("batch")))
        assert sure["web"] is Confidence.LIKELY
        assert sure["app"] is Confidence.LIKELY and sure["db"] is Confidence.LIKELY

    def test_removing_a_declared_dependency_takes_it_out_and_undo_puts_it_back(
        self, graph: Graph
    ) -> None:
        before, context = triples(graph), Context()
        done = apply(graph, context, remove_relation(node("app"), "depends on", node("db"), ALICE))
        assert set(confidences(blast_radius(graph, node("db")))) == set()
        revert(graph, context, done)
        assert set(confidences(blast_radius(graph, node("db")))) == {"app", "web"}
        assert triples(graph) == before

    def test_setting_an_owner_replaces_the_sources_owner(self, graph: Graph) -> None:
        before, context = triples(graph), Context()
        edit = set_value(node("db"), "owner", "team-b", Kind.RESOURCE, ALICE)
        done = apply(graph, context, edit)
        assert set(graph.objects(node("db"), IC.ownedBy)) == {node("team-b")}
        teams = {t.entity.id for t in blast_radius(graph, node("db")).teams}
        assert "team-b" in teams
        revert(graph, context, done)
        assert triples(graph) == before

    def test_a_contact_changed_retracts_the_old_one(self, graph: Graph) -> None:
        current = graph.objects(node("team-a"), IC.contact)
        edit = set_value(node("team-a"), "contact", "#team-a", Kind.TEAM, ALICE, current)
        apply(graph, Context(), edit)
        assert set(graph.objects(node("team-a"), IC.contact)) == {Literal("#team-a")}

    def test_a_new_node_and_an_assumption_marked_invalid(self, graph: Graph) -> None:
        context = Context()
        apply(graph, context, add_node(Kind.VENDOR, "vendor-hsm", "HSM Corp", ALICE))
        apply(graph, context, add_relation(node("db"), "uses vendor", node("vendor-hsm"), ALICE))
        assert "db" in confidences(blast_radius(graph, node("vendor-hsm")))
        apply(
            graph,
            context,
            mark_assumption(node("assume-ntp"), AssumptionStatus.INVALID, ALICE),
        )
        assert str(graph.value(node("assume-ntp"), IC.status)) == "invalid"

    def test_a_bad_tier_is_refused_with_what_is_allowed(self, graph: Graph) -> None:
        with pytest.raises(ValueError, match="tier"):
            set_value(node("db"), "tier", "gold", Kind.RESOURCE, ALICE)


class TestTheContextFile:
    def test_saved_and_reopened_with_the_sources_gives_the_same_answers(
        self, graph: Graph, estate_file: Path, tmp_path: Path
    ) -> None:
        context = Context(tmp_path / "program.ctx.ttl")
        apply(graph, context, add_relation(node("batch"), "depends on", node("db"), ALICE))
        apply(graph, context, set_value(node("db"), "owner", "team-b", Kind.RESOURCE, ALICE))
        apply(graph, context, remove_relation(node("web"), "depends on", node("app"), ALICE))
        context.save()
        reopened = load([estate_file, tmp_path / "program.ctx.ttl"]).graph
        for question in (blast_radius, upstream):
            for name in ("db", "batch", "web"):
                assert question(reopened, node(name)) == question(graph, node(name))
        said = {s.fact[0]: s for s in statements_of(reopened) if s.fact[1] == IC.dependsOn}
        assert said[node("batch")].author == "alice"
        assert said[node("batch")].source == "interview with the DNS team lead"
        assert said[node("batch")].made == WHEN
        assert (
            Context.read(tmp_path / "program.ctx.ttl").statements.keys()
            == context.statements.keys()
        )

    def test_the_command_line_reads_it_like_any_source(
        self, graph: Graph, estate_file: Path, tmp_path: Path
    ) -> None:
        context = Context(tmp_path / "program.ctx.ttl")
        apply(graph, context, add_relation(node("batch"), "depends on", node("db"), ALICE))
        context.save()
        estate = load_files([estate_file, tmp_path / "program.ctx.ttl"])
        assert estate.blast_radius(str(node("db"))) == blast_radius(graph, node("db"))

    def test_a_file_changed_on_disk_is_not_overwritten_without_asking(self, tmp_path: Path) -> None:
        path = tmp_path / "program.ctx.ttl"
        context = Context(path)
        apply(Graph(), context, add_node(Kind.TEAM, "team-dns", "DNS", ALICE))
        context.save()
        path.write_text(path.read_text() + "\n# a colleague's note\n")
        with pytest.raises(ContextChanged, match="changed on disk"):
            context.save()
        assert "a colleague's note" in path.read_text()
        context.save(overwrite=True)
        assert "a colleague's note" not in path.read_text()

    def test_a_context_file_that_cannot_be_read_names_its_line(self, tmp_path: Path) -> None:
        path = tmp_path / "broken.ctx.ttl"
        path.write_text("@prefix ic: <https://infra-context.dev/ontology#> .\n\nic:a ic:b .\n")
        with pytest.raises(Exception, match=r"broken\.ctx\.ttl.*3|line 3") as caught:
            Context.read(path)
        assert "Traceback" not in str(caught.value)


class TestMinimumConfidence:
    def test_min_confidence_leaves_out_what_rests_on_weaker_links(self, graph: Graph) -> None:
        likely = Said("bob", WHEN, "", Confidence.LIKELY)
        apply(graph, Context(), add_relation(node("batch"), "depends on", node("db"), ALICE))
        apply(graph, Context(), add_node(Kind.SERVICE, "cron", "Cron", likely))
        apply(graph, Context(), add_relation(node("cron"), "depends on", node("db"), likely))
        answer = blast_radius(graph, node("db"))
        kept = filtered_reach(answer, Filter(confidence=Confidence.LIKELY), {})
        assert set(confidences(kept)) == {"app", "web", "cron"}
        surest = filtered_reach(answer, Filter(confidence=Confidence.DECLARED), {})
        assert set(confidences(surest)) == {"app", "web"}


def test_diff_lists_what_was_recorded_with_who_when_whence_and_how_sure(
    graph: Graph, estate_file: Path, tmp_path: Path
) -> None:
    context = Context(tmp_path / "program.ctx.ttl")
    apply(graph, context, add_relation(node("batch"), "depends on", node("db"), ALICE))
    context.save()
    changes = diff(load([estate_file]).graph, load([estate_file, context.path]).graph)  # type: ignore[list-item]
    [said] = changes.said
    assert said.fact == "Batch (batch) depends on DB (db)"
    assert said.statement.author == "alice" and said.statement.confidence is Confidence.SUSPECTED
    text = diff_text("before", "after", changes)
    assert "Recorded (1)" in text
    assert (
        "suspected, by alice, on 2026-12-01 10:00, from 'interview with the DNS team lead'" in text
    )
    assert changes.to_json()["said"][0]["author"] == "alice"


def test_a_context_file_that_did_not_load_is_never_saved_over(
    estate_file: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "program.ctx.ttl"
    broken.write_text("@prefix id: <https://infra-context.dev/id/> .\nid:a id:b .\nid:c id:d\n")
    before = broken.read_text()
    estate = load_files([estate_file, broken], keep_going=True)
    assert estate.context is not None and estate.context.unreadable is not None
    estate, _ = estate.apply_edit(add_node(Kind.TEAM, "team-dns", "DNS", ALICE))
    with pytest.raises(InputError, match="cannot be read"):
        estate.context.save(broken, overwrite=True)  # type: ignore[union-attr]
    assert broken.read_text() == before


def test_show_says_an_edit_is_not_saved_yet_then_where_it_is(
    estate_file: Path, tmp_path: Path
) -> None:
    estate = load_files([estate_file])
    estate, _ = estate.apply_edit(add_relation(node("batch"), "depends on", node("db"), ALICE))
    [said] = estate.details(str(node("batch"))).said
    assert said.files == ("not saved yet",)
    estate.context.save(tmp_path / "program.ctx.ttl")  # type: ignore[union-attr]
    [said] = estate.details(str(node("batch"))).said
    assert said.files == (str(tmp_path / "program.ctx.ttl"),)


def test_a_confidence_that_is_none_of_the_levels_is_warned_of_and_read_as_not_said(
    estate_file: Path, tmp_path: Path
) -> None:
    odd = tmp_path / "odd.ctx.ttl"
    odd.write_text(
        "@prefix ic: <https://infra-context.dev/ontology#> .\n"
        "@prefix id: <https://infra-context.dev/id/> .\n"
        "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
        "id:batch ic:dependsOn id:db .\n"
        "[] a rdf:Statement ; rdf:subject id:batch ; rdf:predicate ic:dependsOn ;"
        ' rdf:object id:db ; ic:confidence "sure" .\n'
    )
    result = load([estate_file, odd])
    assert any("ic:confidence 'sure' is none of" in str(w) for w in result.warnings)
    assert confidences(blast_radius(result.graph, node("db")))["batch"] is Confidence.DECLARED
