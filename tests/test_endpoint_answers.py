"""A SPARQL endpoint gives the answers the same graph gives from a file, on every sample.

The graphs are served by real servers on loopback, Oxigraph and Virtuoso, each graph in
its own named graph (with other data beside it, which the answers must not see).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from rdflib import Graph, URIRef

from explorer.analysis import blast_radius, ownership_gaps, upstream
from explorer.analysis.programs import programs_of
from explorer.domain.errors import InputError
from explorer.domain.relations import PREDICATES
from explorer.domain.rules import Rule
from explorer.estate.endpoint import EndpointEstate
from explorer.estate.files import FileEstate
from explorer.graph.index import index_of
from explorer.ingest import LoadResult, load
from explorer.remote.endpoint import Endpoint
from explorer.report import cycles_json, details_json, gaps_json, reach_json, spof_json
from explorer.search import search
from helpers import SAMPLES, estate, run_cli
from sparql_servers import ENGINES, OxigraphServer, Server, VirtuosoServer, start_engine

SAMPLE_SOURCES = {
    "region-build": [SAMPLES / "region-build.ttl"],
    "buyer-profile-yaml": [SAMPLES / "buyer-profile.yaml"],
    "buyer-profile-csv": [SAMPLES / "buyer-profile.csv"],
    "backstage": [SAMPLES / "backstage"],
    "all-samples": [SAMPLES],
}
GRAPHS = "https://tests.infra-context.dev/graph/"

# every gap rule, several kinds on one node, values SPARQL engines compare differently
EVERY_RULE = estate(
    'id:t a ic:Team ; ic:status "paused", "active" .\n'
    'id:gone a ic:Team ; ic:contact "x" ; ic:status "dissolved" .\n'
    'id:p a ic:Person ; rdfs:label "Pat" .\n'
    "id:a a ic:Service ; ic:ownedBy id:t, id:p ; ic:tier 7 .\n"
    'id:b a ic:Service ; ic:ownedBy id:ghost ; ic:tier "one" ; ic:dependsOn id:a .\n'
    "id:c a ic:Service ; ic:ownedBy id:gone ; ic:tier 1, 2 ; ic:assumes id:x .\n"
    "id:e a ic:Service ; ic:ownedBy id:p ; ic:assumes id:z ;"
    ' ic:tier "01"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
    "id:d a ic:Resource, ic:System .\n"
    "id:s a ic:System ; ic:ownedBy id:p .\n"
    "id:part a ic:Service ; ic:partOf id:s, id:d ; ic:ownedBy id:p .\n"
    "id:both a ic:Team, ic:Service ; ic:ownedBy id:t .\n"
    'id:x a ic:Assumption ; ic:ownedBy id:t ; ic:status "unverified" .\n'
    "id:y a ic:Assumption ; ic:ownedBy id:b .\n"
    'id:z a ic:Assumption ; ic:ownedBy id:p ; ic:status "Invalid", "verified"@en .\n'
    "id:f a ic:Service ; ic:ownedBy id:p ; ic:tier 1 ; ic:assumes id:u, id:w .\n"
    'id:u a ic:Assumption ; ic:ownedBy id:p ; ic:status "unverified" .\n'
    'id:w a ic:Assumption ; ic:ownedBy id:p ; ic:status "invalid" .\n'
    # tier inversions, tiers written as engines compare differently: f (1) needs g ("T3"),
    # e ("01") wires g, f calls h (" tier 2 "), c (tiers 1 and 2) may need h; not: e needs
    # f (both 1), g calls h (more critical), f needs part (no tier). Whom to ask: about g
    # (its owner dissolved), what it touches; about team t, its parent; about team lone,
    # whom one asks about what it owns
    'id:g a ic:Service ; ic:ownedBy id:gone ; ic:tier "T3" ; ic:calls id:h .\n'
    'id:h a ic:Resource ; ic:ownedBy id:lone ; ic:tier " tier 2 " .\nid:lone a ic:Team .\n'
    "id:f ic:dependsOn id:g, id:part ; ic:calls id:h . id:c ic:dependsOn id:h .\n"
    "id:e ic:connectsTo id:g ; ic:dependsOn id:f .\n"
    "id:t <http://www.w3.org/ns/org#subOrganizationOf> id:lead . id:lead a ic:Team .\n"
    "id:p ic:memberOf id:lead .\n"
    "id:ghost-ref a ic:Placeholder .\n"
    # traffic: b calls e undeclared (and not a, which it declares); an unknown service calls b
    'id:seen a ic:ObservedService ; rdfs:label "seen" .\n'
    "id:b ic:calls id:e . id:a ic:calls id:e . id:seen ic:calls id:b .\n"
    + "".join(
        f"<urn:infra-explorer:call:{s}-{o}> a ic:ObservedCall ; ic:caller id:{s} ;"
        f" ic:callee id:{o} ; ic:callCount 5 ; ic:errorCount 1 ;"
        f' <http://purl.org/dc/terms/source> "t.json:{n}" .\n'
        for n, (s, o) in enumerate((("b", "e"), ("a", "e"), ("seen", "b")), start=2)
    )
    # what deploy files run: a workload no catalog lists, a listed service of a system they
    # deploy part of that none runs, a cloud resource nobody owns, and a CODEOWNERS line
    # that names another owner than the source does
    + 'id:part ic:evidence "declared", "deployed" . id:a ic:evidence "declared" .\n'
    'id:wk a ic:Service ; ic:ownedBy id:p ; ic:evidence "deployed" .\n'
    'id:stale a ic:Service ; ic:ownedBy id:p ; ic:partOf id:s ; ic:evidence "declared" .\n'
    'id:bucket a ic:Resource ; ic:evidence "deployed" ; ic:usesVendor id:cloud .\n'
    "id:cloud a ic:Vendor ; ic:ownedBy id:p .\n"
    "id:e ic:codeOwner id:t . <urn:infra-explorer:statement:co>"
    " a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> ;"
    " <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> id:e ;"
    " <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> ic:codeOwner ;"
    " <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> id:t ;"
    ' <http://purl.org/dc/terms/source> "CODEOWNERS:3 (*) for e.yaml:2" .\n'
    + '<urn:infra-explorer:question:late> a ic:Question ; ic:text "Who runs b?" ; ic:about id:b ;'
    ' ic:assignee id:t ; ic:questionStatus "open" ;'
    ' ic:due "2020-01-31"^^<http://www.w3.org/2001/XMLSchema#date> .\n'
    # texts that whoosh and a server's full-text index may cut into words differently
    "<https://infra-context.dev/id/ledger%20v2> ic:dependsOn id:a ; rdfs:comment"
    ' "Refunds/API (refunds) \u2014 \u00dcberRefunds, ec2instances; v2.refunds refunds_api,'
    ' payments\u2019 time-sync r\u00e9sum\u00e9s HTTPS://ledger.example.com/x" .\n',
    "oxigraph",
)


# every relation of explorer.domain.relations, a dependency cycle and a self-loop, choke points
# under two tier-1 services, and a team named only by the team hierarchy
EVERY_RELATION = estate(
    "@prefix org: <http://www.w3.org/ns/org#> .\n"
    'id:t-platform a ic:Team ; rdfs:label "Platform" ; ic:contact "platform@example.com" .\n'
    'id:t-pay a ic:Team ; rdfs:label "Payments Core" ; org:subOrganizationOf id:t-platform .\n'
    "id:t-fraud org:subOrganizationOf id:hierarchy-only-group .\n"
    'id:pat a ic:Person ; rdfs:label "Pat Lee" ; ic:memberOf id:t-pay ; ic:contact "pat@x" .\n'
    "id:core a ic:System ; ic:ownedBy id:t-platform ; ic:assumes id:three-zones .\n"
    'id:three-zones a ic:Assumption ; rdfs:label "Three zones" ; ic:status "invalid" ;'
    " ic:ownedBy id:t-platform .\n"
    "id:checkout a ic:Service ; ic:tier 1 ; ic:ownedBy id:t-pay ; ic:partOf id:core ;"
    " ic:dependsOn id:gateway .\n"
    "id:refunds a ic:Service ; ic:tier 1 ; ic:ownedBy id:t-pay ; ic:dependsOn id:gateway .\n"
    "id:gateway a ic:Service ; ic:tier 2 ; ic:ownedBy id:t-pay ; ic:dependsOn id:ledger, id:dns ;"
    " ic:usesVendor id:cardnet .\n"
    "id:ledger a ic:Resource ; ic:ownedBy id:t-fraud ; ic:dependsOn id:gateway .\n"
    "id:dns a ic:Service ; ic:dependsOn id:dns ; ic:partOf id:core .\n"
    'id:cardnet a ic:Vendor ; rdfs:label "Cardnet" ; ic:ownedBy id:t-platform .\n'
    "id:checkout ic:calls id:cardnet ; ic:connectsTo id:refunds .\n"
    'id:swap a ic:Program ; rdfs:label "Swap" ; ic:ownedBy id:t-platform ;'
    " ic:changes id:dns, id:cardnet .\n",
    "oxigraph",
)
GRAPHS_BUILT = {"every-rule": EVERY_RULE, "every-relation": EVERY_RELATION}


NOISE = estate("id:noise a ic:Service ; ic:dependsOn id:dns-zone .\n")


@pytest.fixture(scope="module", params=ENGINES)
def server(request: pytest.FixtureRequest) -> Iterator[Server]:
    running = start_engine(request.param)
    running.put(NOISE, GRAPHS + "noise")  # no answer below may mention it
    yield running
    running.close()


@pytest.fixture(scope="module")
def oxigraph() -> Iterator[OxigraphServer]:
    running = OxigraphServer()
    running.put(NOISE)  # into the default graph
    yield running
    running.close()


@pytest.fixture(scope="module")
def served(server: Server) -> dict[str, tuple[Graph, EndpointEstate]]:
    """Each sample, loaded locally and put into its own named graph on the server."""
    found = {}
    for name, paths in SAMPLE_SOURCES.items():
        graph = load(paths).graph
        server.put(graph, GRAPHS + name)
        found[name] = (graph, EndpointEstate(Endpoint(server.query_url, GRAPHS + name)))
    for name, graph in GRAPHS_BUILT.items():
        server.put(graph, GRAPHS + name)
        found[name] = (graph, EndpointEstate(Endpoint(server.query_url, GRAPHS + name)))
    return found


def _nodes(graph: Graph) -> list[URIRef]:
    index = index_of(graph)
    return sorted(set(index.kinds) | index.related())


@pytest.mark.parametrize("name", [*SAMPLE_SOURCES, *GRAPHS_BUILT])
class TestSameAnswers:
    def test_blast_radius_and_upstream_of_every_node(self, served: dict, name: str) -> None:
        graph, remote = served[name]
        for node in _nodes(graph):
            for depth in (None, 1):
                assert reach_json(remote.blast_radius(node, depth)) == reach_json(
                    blast_radius(graph, node, depth)
                ), (node, depth)
            assert reach_json(remote.upstream(node)) == reach_json(upstream(graph, node)), node

    def test_a_scope_of_several_nodes_and_the_programs(self, served: dict, name: str) -> None:
        graph, remote = served[name]
        nodes = _nodes(graph)
        for scope in (nodes[:3], nodes[-2:], nodes[:: max(1, len(nodes) // 5)]):
            assert reach_json(remote.blast_radius(scope)) == reach_json(blast_radius(graph, scope))
            assert reach_json(remote.upstream(scope, 1)) == reach_json(upstream(graph, scope, 1))
        assert remote.programs() == programs_of(graph)

    def test_gaps(self, served: dict, name: str) -> None:
        graph, remote = served[name]
        local = gaps_json(ownership_gaps(graph))
        assert local["gaps"], "every sample has gaps to find"
        assert gaps_json(remote.gaps()) == local

    @pytest.mark.parametrize("fulltext", ["auto", "off"])
    def test_search_finds_the_same_nodes(
        self, served: dict, name: str, fulltext: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        graph, remote = served[name]
        monkeypatch.setenv("INFRA_EXPLORER_SPARQL_FULLTEXT", fulltext)
        remote = EndpointEstate(remote.endpoint)  # asks afresh whether to use the index
        queries = [
            "dns",
            "time sync",
            '"time sync"',
            "kind:vendor",
            "kind:team",
            "pay*",
            "tier:1",
            "status:unverified",
            'owner:"payments"',
            "zone OR ledger",
            "region -zone",
            "id:dns-zone",
            # quoted: no near misses, which only a local search finds (see below)
            '"refunds"',
            '"ec2instances"',
            '"\u00fcberrefunds"',
            '"time-sync"',
            '"r\u00e9sum\u00e9s"',
            # found by what was recorded about them: a question's text, who said a fact
            '"change window"',
            '"runbook"',
            "emeka",
            '"ledger.example.com"',
            '"ledger v2"',
            '"payments"',
        ]
        for query in queries:
            found = {h.iri for h in remote.search(query, limit=500)}
            assert found == {h.iri for h in search(graph, query, limit=500)}, query

    def test_a_single_word_finds_its_exact_matches_and_some_near_misses(
        self, served: dict, name: str
    ) -> None:
        graph, remote = served[name]
        for word in ("services", "payments", "network", "storage", "reporting"):
            everything = {h.iri for h in search(graph, word, limit=500)}
            exact = {h.iri for h in search(graph, f'"{word}"', limit=500)}  # no near misses
            assert exact <= {h.iri for h in remote.search(word, limit=500)} <= everything

    def test_nodes_resolve_as_locally(self, served: dict, name: str) -> None:
        from explorer.graph.lookup import resolve_node

        graph, remote = served[name]
        index = index_of(graph)
        for node in sorted(index.kinds)[:15]:
            record = index.entity(node)
            for text in (str(node), record.id, record.label):
                try:
                    expected: object = resolve_node(graph, text)
                except InputError as exc:
                    expected = type(exc)
                try:
                    got: object = remote.resolve(text)
                except InputError as exc:
                    got = type(exc)
                assert got == expected, text


@pytest.mark.parametrize("name", [*SAMPLE_SOURCES, *GRAPHS_BUILT])
def test_cycles_and_single_points_of_failure(served: dict, name: str) -> None:
    graph, remote = served[name]
    local = FileEstate(LoadResult(graph))
    assert cycles_json(remote.cycles()) == cycles_json(local.cycles())
    assert spof_json(remote.single_points_of_failure()) == spof_json(
        local.single_points_of_failure()
    )


@pytest.mark.parametrize("name", ["region-build", *GRAPHS_BUILT])
def test_show_gives_every_node_as_a_file_does(served: dict, name: str) -> None:
    """Field for field, but where the node is described: a file's path, or the endpoint."""
    graph, remote = served[name]
    local = FileEstate(LoadResult(graph))
    for node in _nodes(graph):
        answer = details_json(remote.details(node))
        assert answer.pop("origins") == [remote.endpoint.source]
        expected = details_json(local.details(node))
        expected.pop("origins")
        assert answer == expected, node


def test_the_graph_with_every_relation_has_what_the_structure_answers_need(
    served: dict,
) -> None:
    graph, remote = served["every-relation"]
    groups = [[e.id for e in group] for group in remote.cycles()]
    assert groups == [["gateway", "ledger"], ["dns"]]
    assert [p.entity.id for p in remote.single_points_of_failure()][:1] == ["gateway"]
    assert {str(p) for p in PREDICATES} <= {str(p) for p in graph.predicates()}


def test_a_team_named_only_by_the_hierarchy_is_found_as_in_a_file(served: dict) -> None:
    graph, remote = served["every-relation"]
    for query in ("hierarchy", '"hierarchy only group"', "fraud"):
        local = [h.iri for h in search(graph, query, limit=50)]
        assert local, query
        assert {h.iri for h in remote.search(query, limit=50)} == set(local), query


def test_every_gap_rule_is_broken_by_the_graph_that_breaks_them_all() -> None:
    assert {g.rule for g in ownership_gaps(EVERY_RULE)} == set(Rule)


def test_a_copy_longer_than_a_page_holds_every_triple_once(server: Server) -> None:
    """Past 10,000 rows, where Virtuoso refuses to sort an ordinary OFFSET page."""
    graph = estate(
        "".join(
            f'id:s{n} a ic:Service ; rdfs:label "Service {n}" ; ic:ownedBy id:t{n % 7} ;'
            f" ic:dependsOn id:s{(n * 31) % 2600} .\n"
            for n in range(2600)
        )
    )
    assert len(graph) > 10_000
    server.put(graph, GRAPHS + "long")
    copy = EndpointEstate(Endpoint(server.query_url, GRAPHS + "long")).copy()
    assert set(copy) == set(graph)


def test_search_uses_the_servers_full_text_index_where_it_has_one(
    served: dict, server: Server
) -> None:
    _, remote = served["all-samples"]
    assert remote.text_index is isinstance(server, VirtuosoServer)


def test_a_graph_the_index_does_not_cover_is_searched_with_contains(server: Server) -> None:
    if not isinstance(server, VirtuosoServer):
        pytest.skip("only Virtuoso keeps a full-text index")
    graph = estate('id:q a ic:Service ; rdfs:label "Quokkas routing" .\n')
    server.put(graph, GRAPHS + "unindexed", text_index=False)
    remote = EndpointEstate(Endpoint(server.query_url, GRAPHS + "unindexed"))
    assert [h.id for h in remote.search("quokka routes")] == ["q"]
    assert not remote.text_index


def test_the_default_graph_is_asked_when_no_graph_is_named(oxigraph: OxigraphServer) -> None:
    remote = EndpointEstate(Endpoint(oxigraph.query_url))
    assert [
        i.entity.id for i in remote.upstream(URIRef("https://infra-context.dev/id/noise")).impacted
    ] == ["dns-zone"]


def test_the_command_line_answers_from_an_endpoint(served: dict, server: Server) -> None:
    graph, _ = served["region-build"]
    source = f"sparql+{server.query_url}#graph={GRAPHS}region-build"
    local = run_cli("blast-radius", "dns-zone", SAMPLES / "region-build.ttl", "--json")
    remote = run_cli("blast-radius", "dns-zone", source, "--json")
    assert remote.returncode == 0, remote.stderr
    assert json.loads(remote.stdout) == json.loads(local.stdout)
    option = run_cli(
        "gaps", "--endpoint", server.query_url, "--graph", GRAPHS + "region-build", "--json"
    )
    assert json.loads(option.stdout) == gaps_json(ownership_gaps(graph))
    hits = run_cli("search", "time sync", source, "--json", module="explorer")
    assert json.loads(hits.stdout)["hits"][0]["id"] == "time-sync"
    for command in (["cycles"], ["spof"], ["show", "dns-zone"]):
        local = run_cli(*command, SAMPLES / "region-build.ttl", "--json", module="explorer")
        remote = run_cli(*command, source, "--json", module="explorer")
        assert remote.returncode == 0, remote.stderr
        answer, expected = json.loads(remote.stdout), json.loads(local.stdout)
        if command[0] == "show":  # where the node is described differs, by design
            assert answer.pop("origins") == [
                source.split("#")[0] + "#graph=" + GRAPHS + "region-build"
            ]
            expected.pop("origins")
        assert answer == expected, command
