"""CODEOWNERS by GitHub's rules: the last matching pattern wins, teams and people found by
the names CODEOWNERS gives them, owners given where no source names one, and a gap where
a source names another."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from explorer.analysis import ownership_gaps
from explorer.domain.relations import OWNED_BY
from explorer.domain.vocab import IC, id_from_iri, iri_for_id
from explorer.ingest import load
from explorer.ingest.result import LoadResult

FIXTURES = Path(__file__).parent / "fixtures" / "deploy" / "codeowners"


@pytest.fixture(scope="module")
def loaded() -> LoadResult:
    return load([FIXTURES])


def owners(graph: Graph, entity: str) -> set[str]:
    return {id_from_iri(o) for o in graph.objects(iri_for_id(entity), OWNED_BY.predicate)}


def coded(graph: Graph, entity: str) -> set[str]:
    return {id_from_iri(o) for o in graph.objects(iri_for_id(entity), IC.codeOwner)}


def test_what_no_source_owns_is_owned_by_whom_codeowners_names(loaded: LoadResult) -> None:
    assert owners(loaded.graph, "component/default/web") == {"group/default/platform"}


def test_the_last_matching_pattern_wins_with_teams_and_people(loaded: LoadResult) -> None:
    # /services/api/ comes after *: its team and its person, found by their handles
    assert coded(loaded.graph, "component/default/api") == {
        "group/default/api-team",
        "user/default/jo",
    }
    # an email is the person whose contact it is
    assert coded(loaded.graph, "component/default/billing") == {"user/default/bea"}


def test_a_pattern_with_no_owner_leaves_its_files_unowned(loaded: LoadResult) -> None:
    assert coded(loaded.graph, "billing-legacy") == set()
    assert owners(loaded.graph, "billing-legacy") == set()


def test_owners_that_disagree_are_a_gap_naming_both_files_and_lines(loaded: LoadResult) -> None:
    gaps = [g for g in ownership_gaps(loaded.graph) if g.rule == "owner-disagrees"]
    assert [g.entity.id for g in gaps] == ["component/default/search"]
    message = gaps[0].message
    assert "owned by search-team" in message and "CODEOWNERS names platform" in message
    assert ".github/CODEOWNERS:4 (*)" in message
    assert "services/search/catalog-info.yaml:8" in message  # where it names its owner


def test_a_person_codeowners_names_in_the_owning_team_agrees(loaded: LoadResult) -> None:
    # billing is the finance team's; CODEOWNERS names bea, who is in finance
    gaps = ownership_gaps(loaded.graph)
    assert not [g for g in gaps if g.rule == "owner-disagrees" and "billing" in g.entity.id]


def test_github_reads_one_codeowners_per_repository(loaded: LoadResult) -> None:
    assert any("docs/CODEOWNERS: not read: GitHub reads" in w for w in loaded.warnings)
    assert "group/default/nobody" not in {
        id_from_iri(o) for _, o in loaded.graph.subject_objects(IC.codeOwner)
    }


def test_files_outside_the_repository_get_no_code_owner(loaded: LoadResult) -> None:
    assert coded(loaded.graph, "outside") == set()


def test_a_comment_after_an_owner_is_no_owner(tmp_path: Path) -> None:
    (tmp_path / "CODEOWNERS").write_text("* @acme/ops  # ask @acme/nobody first\n")
    (tmp_path / "estate.yaml").write_text("services:\n  - id: api\nteams:\n  - id: ops\n")
    graph = load([tmp_path]).graph
    assert coded(graph, "api") == {"ops"}
