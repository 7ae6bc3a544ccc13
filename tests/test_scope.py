"""One answer for several changes, checked against a walk written here from the triples.

The bundled sample's program changes DNS, the key service and the DNS vendor at once; the
answer (on files and on a SPARQL endpoint) must be the union of the three walks, each node
at its nearest distance with every change that reaches it, the owners of all of it, and
everything no active owner answers for, with whom to ask.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDF, Graph, URIRef

from explorer.analysis import blast_radius, upstream
from explorer.analysis.programs import programs_of
from explorer.domain.errors import InputError
from explorer.domain.relations import COMPOSING, OWNED_BY, SPREADING
from explorer.domain.vocab import IC, iri_for_id
from explorer.estate.endpoint import EndpointEstate
from explorer.estate.files import FileEstate
from explorer.files.resources import DEFAULT_SAMPLE, sample_file
from explorer.ingest import load
from explorer.remote.endpoint import Endpoint
from explorer.report import reach_json
from sparql_servers import OxigraphServer

CHANGES = ["dns-service", "kms", "vendor-quorum-dns"]
SCOPE = [iri_for_id(c) for c in CHANGES]
OWNED = {IC.Service, IC.Resource, IC.System, IC.Vendor, IC.Assumption}


def _id(node: URIRef) -> str:
    return str(node).rsplit("/", 1)[1]


def _hurt(graph: Graph) -> nx.DiGraph:
    """Who is hurt when a node fails, from the triples: what points at it with a relation
    that spreads a failure, and a System's parts."""
    hurt = nx.DiGraph()
    for relation in SPREADING:
        hurt.add_edges_from((o, s) for s, o in graph.subject_objects(relation.predicate))
    for relation in COMPOSING:
        for part, whole in graph.subject_objects(relation.predicate):
            if (whole, RDF.type, IC.System) in graph:
                hurt.add_edge(whole, part)
    return hurt


def _walks(graph: Graph, changes: list[str]) -> dict[str, dict[str, int]]:
    """Change id -> {node id: distance} of each change's own walk, the change left out."""
    hurt = _hurt(graph)
    walks = {}
    for change in changes:
        start = iri_for_id(change)
        reached = nx.single_source_shortest_path_length(hurt, start) if start in hurt else {}
        walks[change] = {_id(n): d for n, d in reached.items() if _id(n) not in changes}
    return walks


def _active(graph: Graph, team: URIRef) -> bool:
    if not any(graph.triples((team, RDF.type, None))):
        return False  # defined by no source
    if any(str(s).casefold() == "dissolved" for s in graph.objects(team, IC.status)):
        return False
    if (team, RDF.type, IC.Team) in graph:
        return any(graph.subjects(IC.memberOf, team)) or any(graph.objects(team, IC.contact))
    return True


def _expected(graph: Graph, changes: list[str]) -> dict[str, object]:
    walks = _walks(graph, changes)
    reached = {n for walk in walks.values() for n in walk}
    distance = {n: min(w[n] for w in walks.values() if n in w) for n in reached}
    came = {n: [c for c in changes if n in walks[c]] for n in reached}
    owners: dict[str, set[str]] = {}
    nobody = set()
    for node in reached | set(changes):
        found = list(graph.objects(iri_for_id(node), OWNED_BY.predicate))
        for owner in found:
            owners.setdefault(_id(owner), set()).add(node)  # type: ignore[arg-type]
        typed = set(graph.objects(iri_for_id(node), RDF.type))
        if typed & OWNED and not any(_active(graph, o) for o in found):  # type: ignore[arg-type]
            nobody.add(node)
    return {"distance": distance, "from": came, "owners": owners, "nobody": nobody}


def _got(answer: dict) -> dict[str, object]:  # type: ignore[type-arg]
    return {
        "distance": {i["id"]: i["distance"] for i in answer["impacted"]},
        "from": {i["id"]: i["reached_from"] for i in answer["impacted"]},
        "owners": {t["id"]: set(t["owns"]) for t in answer["teams"]},
        "nobody": {n["id"] for n in answer["nobody_to_tell"]},
    }


@pytest.fixture(scope="module")
def sample() -> Graph:
    return load().graph


@pytest.fixture(scope="module")
def served(sample: Graph) -> Iterator[EndpointEstate]:
    server = OxigraphServer()
    server.put(sample)
    yield EndpointEstate(Endpoint(server.query_url))
    server.close()


def test_three_changes_are_the_union_of_three_walks(sample: Graph) -> None:
    answer = reach_json(blast_radius(sample, SCOPE))
    expected = _expected(sample, CHANGES)
    assert _got(answer) == expected
    assert [n["id"] for n in answer["scope"]] == CHANGES
    # what the program was written for: DNS failing leaves a page nobody owns
    assert {"status-page", "provisioning"} <= expected["nobody"]  # type: ignore[operator]


def test_the_endpoint_gives_the_same_answer(sample: Graph, served: EndpointEstate) -> None:
    answer = reach_json(served.blast_radius([str(iri_for_id(c)) for c in CHANGES]))
    assert _got(answer) == _expected(sample, CHANGES)
    assert answer == reach_json(blast_radius(sample, SCOPE))


def test_whom_to_ask_when_nobody_answers(sample: Graph) -> None:
    answer = reach_json(blast_radius(sample, SCOPE))
    nobody = {n["id"]: n for n in answer["nobody_to_tell"]}
    page = nobody["status-page"]
    # part of the Observability system, whose owner is active
    assert (page["why"], page["ask"]["id"]) == ("no owner", "team-observability")
    assert page["reached_from"] == ["dns-service", "vendor-quorum-dns"]
    gone = nobody["provisioning"]
    assert gone["why"] == "its owner Legacy Infra Tools was dissolved"
    assert gone["ask"] is not None and gone["ask_why"].startswith("owns ")


def test_a_team_is_told_why(sample: Graph) -> None:
    answer = reach_json(blast_radius(sample, SCOPE))
    security = next(t for t in answer["teams"] if t["id"] == "team-security")
    assert {w["owns"]: w["reached_from"] for w in security["why"]} == {
        "iam": ["dns-service", "vendor-quorum-dns"],
        "kms": ["kms"],
    }


def test_one_change_keeps_its_shape_with_reached_from_of_one(sample: Graph) -> None:
    one = reach_json(blast_radius(sample, iri_for_id("kms")))
    assert one == reach_json(blast_radius(sample, [iri_for_id("kms")]))
    assert {tuple(i["reached_from"]) for i in one["impacted"]} == {("kms",)}
    assert _got(one) == _expected(sample, ["kms"])


def test_a_change_named_twice_is_one_and_an_unknown_one_is_refused(sample: Graph) -> None:
    twice = blast_radius(sample, [iri_for_id("kms"), iri_for_id("kms")])
    assert [e.id for e in twice.changes] == ["kms"]
    with pytest.raises(InputError, match="no-such-thing"):
        blast_radius(sample, [iri_for_id("kms"), iri_for_id("no-such-thing")])


def test_a_change_reached_by_another_is_in_the_scope_not_in_the_answer(sample: Graph) -> None:
    # DNS uses the vendor: failing both puts DNS in the scope, at distance 0
    answer = blast_radius(sample, [iri_for_id("vendor-quorum-dns"), iri_for_id("dns-service")])
    assert "dns-service" not in {i.entity.id for i in answer.impacted}
    assert answer.distances[str(iri_for_id("dns-service"))] == 0


def test_upstream_of_several_is_the_union_of_what_each_needs(sample: Graph) -> None:
    both = upstream(sample, [iri_for_id("control-plane"), iri_for_id("kms")])
    alone = [upstream(sample, iri_for_id(n)) for n in ("control-plane", "kms")]
    scope = {"control-plane", "kms"}
    assert {i.entity.id for i in both.impacted} == {
        i.entity.id for a in alone for i in a.impacted
    } - scope


PROGRAM_YAML = """\
programs:
  - id: cutover
    label: DNS and key cutover
    owner: person-ines
    changes: [dns-service, kms, vendor-quorum-dns]
"""


def test_a_program_in_yaml_answers_as_its_changes(sample: Graph, tmp_path: Path) -> None:
    (tmp_path / "program.yaml").write_text(PROGRAM_YAML, encoding="utf-8")
    files = FileEstate(load([sample_file(DEFAULT_SAMPLE), tmp_path / "program.yaml"]))
    program = files.program("cutover")
    assert [e.id for e in program.changes] == CHANGES  # by label
    by_program = files.blast_radius([e.iri for e in program.changes])
    assert reach_json(by_program) == reach_json(blast_radius(sample, SCOPE))


def test_the_programs_of_the_sample_and_of_an_endpoint(
    sample: Graph, served: EndpointEstate
) -> None:
    local = programs_of(sample)
    assert [(p.entity.id, [c.id for c in p.changes]) for p in local] == [
        ("program-dns-cutover", CHANGES)
    ]
    assert [o.id for o in local[0].owners] == ["person-ines"]
    assert served.programs() == local


def test_a_program_that_changes_nothing_or_a_node_that_is_none_is_refused(
    tmp_path: Path,
) -> None:
    (tmp_path / "e.yaml").write_text("programs:\n  - id: empty\n", encoding="utf-8")
    with pytest.raises(InputError, match="changes nothing"):
        FileEstate(load([tmp_path / "e.yaml"])).program("empty")
    with pytest.raises(InputError, match="not a program"):
        FileEstate(load()).program("kms")
