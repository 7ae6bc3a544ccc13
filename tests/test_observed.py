"""Observed call graphs: Zipkin, Jaeger and OpenTelemetry service-graph metrics read as
sources, names matched to the catalog, the traffic gap rules, ``via`` on every reached
node, ``--declared-only``, a diff of two observation windows, and the sample's
walkthrough."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from explorer.analysis import Via, blast_radius, ownership_gaps, upstream
from explorer.analysis.changes import diff
from explorer.domain.errors import SourceProblems
from explorer.domain.kinds import Kind
from explorer.domain.relations import Evidence
from explorer.domain.rules import TRAFFIC_RULES, Rule
from explorer.domain.vocab import IC, iri_for_id
from explorer.graph.index import index_of
from explorer.ingest import load
from explorer.statements import Confidence
from explorer.views.filters import Filter, filtered_reach
from helpers import SAMPLES, run_cli

CATALOG = """\
services:
  - id: checkout
    label: Checkout
    owner: team-pay
    depends_on: [payments]
  - id: payments
    label: Payments API
    owner: team-pay
    aliases: [pay-svc]
    depends_on: [ledger]
  - id: ledger
    owner: team-pay
  - id: dns
    label: Internal DNS
    owner: team-pay
teams:
  - id: team-pay
    contact: pay@example.org
"""
TRACES = SAMPLES / "region-build-traces.json"
REGION = SAMPLES / "region-build.ttl"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def zipkin(*links: tuple[str, str, int]) -> str:
    """A Zipkin file, one link a line (the first on line 2)."""
    rows = [json.dumps({"parent": a, "child": b, "callCount": n}) for a, b, n in links]
    return "[\n" + ",\n".join(rows) + "\n]\n"


def calls(graph: object) -> set[tuple[str, str]]:
    index = index_of(graph)  # type: ignore[arg-type]
    return {(index.entity(s).id, index.entity(o).id) for s, o in index.edges(IC.calls)}


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    return write(tmp_path, "catalog.yaml", CATALOG)


class TestFormats:
    def test_zipkin_links_become_calls_with_their_counts(
        self, tmp_path: Path, catalog: Path
    ) -> None:
        text = '[{"parent": "checkout", "child": "payments", "callCount": 40, "errorCount": 3}]'
        graph = load([catalog, write(tmp_path, "deps.json", text)]).graph
        assert calls(graph) == {("checkout", "payments")}
        (call,) = graph.subjects(IC.caller, iri_for_id("checkout"))
        assert int(graph.value(call, IC.callCount)) == 40  # type: ignore[arg-type]
        assert int(graph.value(call, IC.errorCount)) == 3  # type: ignore[arg-type]
        assert str(graph.value(call, IC.callee)) == str(iri_for_id("payments"))

    def test_jaegers_response_is_read_from_its_data(self, tmp_path: Path, catalog: Path) -> None:
        text = json.dumps(
            {"data": [{"parent": "payments", "child": "dns", "callCount": 7}], "total": 1}
        )
        graph = load([catalog, write(tmp_path, "jaeger.json", text)]).graph
        assert calls(graph) == {("payments", "dns")}

    def test_service_graph_metrics_sum_requests_and_failures(
        self, tmp_path: Path, catalog: Path
    ) -> None:
        text = (
            "# HELP traces_service_graph_request_total Requests between two nodes\n"
            "# TYPE traces_service_graph_request_total counter\n"
            'traces_service_graph_request_total{client="checkout",server="dns",'
            'connection_type=""} 30\n'
            'traces_service_graph_request_total{client="checkout",server="dns",'
            'connection_type="database"} 12\n'
            'traces_service_graph_request_failed_total{client="checkout",server="dns"} 5\n'
            'traces_service_graph_request_server_seconds_count{client="x",server="y"} 9\n'
        )
        graph = load([catalog, write(tmp_path, "graph.prom", text)]).graph
        assert calls(graph) == {("checkout", "dns")}
        (call,) = graph.subjects(IC.caller, iri_for_id("checkout"))
        assert int(graph.value(call, IC.callCount)) == 42  # type: ignore[arg-type]
        assert int(graph.value(call, IC.errorCount)) == 5  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("name", "text", "where"),
        [
            (
                "neg.json",
                '[\n {"parent": "a", "child": "b", "callCount": 2},\n'
                ' {"parent": "a", "child": "c", "callCount": -1}\n]',
                ":3: callCount must be",
            ),
            (
                "half.json",
                '{"data": [\n\n {"parent": "a", "child": "b", "callCount": 2.5}]}',
                ":3: callCount must be a whole number, 0 or more, not 2.5",
            ),
            (
                "text.json",
                '[{"parent": "a", "child": "b", "callCount": "many"}]',
                ":1: callCount must be",
            ),
            (
                "name.json",
                '[{"parent": "", "child": "b", "callCount": 1}]',
                ":1: a link's parent and child must be service names",
            ),
            (
                "nochild.json",
                '[\n {"parent": "a", "child": "b", "callCount": 1},\n'
                ' {"parent": "a", "callCount": 1}\n]',
                ":3: a link's parent and child must be service names",
            ),
            ("nocount.json", '[{"parent": "a", "child": "b"}]', ":1: callCount is missing"),
            (
                "more.json",
                '[{"parent": "a", "child": "b", "callCount": 3, "errorCount": 9}]',
                ":1: errorCount 9 is more than callCount 3",
            ),
            (
                "failed.prom",
                'traces_service_graph_request_total{client="a",server="b"} 2\n'
                'traces_service_graph_request_failed_total{client="a",server="b"} 5\n',
                ":1: 5 failed of 2 requests from a to b",
            ),
            (
                "bad.prom",
                '# TYPE x counter\ntraces_service_graph_request_total{client="a",server="b"} -4\n',
                ":2: traces_service_graph_request_total must be a whole",
            ),
            (
                "syntax.prom",
                'traces_service_graph_request_total{client="a",server="b"} 1\n'
                'traces_service_graph_request_total{client="a" 2\n',
                ":2: not Prometheus",
            ),
            (
                "other.json",
                '{"name": "my-app", "version": "1.0.0"}',
                ": is neither JSON-LD (@context, @graph or @id), Zipkin's dependency links",
            ),
            ("none.prom", "# HELP up 1 if up\nup 1\n", ": holds no OpenTelemetry service-graph"),
        ],
    )
    def test_bad_input_is_refused_with_its_line(
        self, tmp_path: Path, name: str, text: str, where: str
    ) -> None:
        path = write(tmp_path, name, text)
        done = run_cli("gaps", path)
        assert done.returncode == 2 and "Traceback" not in done.stderr
        assert f"error: {path}{where}" in done.stderr

    def test_a_json_file_in_a_folder_that_is_none_of_ours_is_skipped(
        self, tmp_path: Path, catalog: Path
    ) -> None:
        write(tmp_path, "package.json", '{"name": "web", "dependencies": {}}')
        write(tmp_path, "deps.json", zipkin(("checkout", "dns", 3)))
        result = load([tmp_path])
        assert calls(result.graph) == {("checkout", "dns")}
        assert any("package.json" in w and "call-graph" in w for w in result.warnings)

    def test_a_byte_order_mark_is_no_bother(self, tmp_path: Path, catalog: Path) -> None:
        path = tmp_path / "deps.json"
        path.write_bytes(b"\xef\xbb\xbf" + zipkin(("checkout", "dns", 3)).encode())
        assert calls(load([catalog, path]).graph) == {("checkout", "dns")}

    def test_a_call_graph_is_sniffed_by_its_content_whatever_its_name(
        self, tmp_path: Path, catalog: Path
    ) -> None:
        graph = load([catalog, write(tmp_path, "deps.out", zipkin(("checkout", "dns", 3)))]).graph
        assert calls(graph) == {("checkout", "dns")}


class TestNames:
    def test_by_id_then_label_then_alias_whatever_the_case(
        self, tmp_path: Path, catalog: Path
    ) -> None:
        links = zipkin(("CHECKOUT", "payments api", 1), ("Pay-Svc", "internal dns", 1))
        graph = load([catalog, write(tmp_path, "deps.json", links)]).graph
        assert calls(graph) == {("checkout", "payments"), ("payments", "dns")}

    def test_an_alias_from_a_csv_column_and_from_rdf(self, tmp_path: Path) -> None:
        table = write(tmp_path, "cat.csv", "id,kind,aliases\nweb,service,frontend;www\n")
        rdf = write(
            tmp_path,
            "more.ttl",
            "@prefix ic: <https://infra-context.dev/ontology#> .\n"
            '<https://infra-context.dev/id/db> a ic:Resource ; ic:alias "pg-main" .\n',
        )
        links = write(tmp_path, "deps.json", zipkin(("www", "PG-MAIN", 5)))
        assert calls(load([table, rdf, links]).graph) == {("web", "db")}

    def test_an_ambiguous_name_is_warned_of_and_its_calls_left_out(self, tmp_path: Path) -> None:
        catalog = write(
            tmp_path,
            "cat.yaml",
            "services:\n  - id: a\n    label: Edge\n  - id: b\n    label: edge\n  - id: c\n",
        )
        links = write(tmp_path, "deps.json", zipkin(("c", "a", 1), ("edge", "c", 9)))
        result = load([catalog, links])
        assert calls(result.graph) == {("c", "a")}
        assert any(
            f"{links}:3:" in w
            and "'edge' is the label of 2 nodes (a, b): its calls are left out; give one of "
            "them the alias 'edge'"
            in w
            for w in result.warnings
        )

    def test_a_node_is_found_by_its_alias_on_the_command_line(
        self, tmp_path: Path, catalog: Path
    ) -> None:
        done = run_cli("show", "PAY-SVC", catalog, "--json")
        assert done.returncode == 0 and json.loads(done.stdout)["node"]["id"] == "payments"

    def test_an_alias_settles_two_nodes_of_the_same_label(self, tmp_path: Path) -> None:
        catalog = write(
            tmp_path,
            "cat.yaml",
            "services:\n  - id: a\n    label: Edge\n  - id: b\n    label: edge\n"
            "    aliases: [edge]\n  - id: c\n",
        )
        links = write(tmp_path, "deps.json", zipkin(("edge", "c", 9)))
        result = load([catalog, links])
        assert calls(result.graph) == {("b", "c")} and not result.warnings

    def test_a_name_no_catalog_lists_becomes_an_observed_only_service(
        self, tmp_path: Path, catalog: Path
    ) -> None:
        links = zipkin(("billing-export", "checkout", 4), ("billing-export", "ledger", 1))
        graph = load([catalog, write(tmp_path, "deps.json", links)]).graph
        index = index_of(graph)
        assert index.kind(iri_for_id("billing-export")) is Kind.OBSERVED
        assert calls(graph) == {("billing-export", "checkout"), ("billing-export", "ledger")}


class TestGaps:
    def rules(self, graph: object) -> list[tuple[Rule, str, int]]:
        return [
            (g.rule, g.message, g.impact)
            for g in ownership_gaps(graph)  # type: ignore[arg-type]
            if g.rule in TRAFFIC_RULES
        ]

    def test_each_traffic_rule(self, tmp_path: Path, catalog: Path) -> None:
        links = zipkin(("checkout", "dns", 120), ("ghost", "ledger", 3), ("payments", "dns", 1))
        path = write(tmp_path, "deps.json", links)
        found = self.rules(load([catalog, path]).graph)
        assert found == [
            (
                Rule.UNDECLARED_DEPENDENCY,
                f"Payments API calls Internal DNS (1 call(s), in {path}:4), but no source "
                "declares that Payments API depends on Internal DNS",
                2,  # payments and checkout, which depends on it, are hurt if it fails
            ),
            (
                Rule.UNDECLARED_DEPENDENCY,
                "Checkout calls Internal DNS (120 call(s), in "
                f"{path}:2), but no source declares that Checkout depends on Internal DNS",
                1,
            ),
            (
                Rule.UNKNOWN_SERVICE,
                f"ghost is seen in traffic (3 call(s) out, 0 in, in {path}), "
                "but no catalog lists it",
                1,
            ),
            (
                Rule.UNOBSERVED_DEPENDENCY,
                "Checkout depends on Payments API, but no call from Checkout to Payments API "
                f"was seen in {path}: a stale entry, or a batch job",
                0,
            ),
            (
                Rule.UNOBSERVED_DEPENDENCY,
                "Payments API depends on ledger, but no call from Payments API to ledger "
                f"was seen in {path}: a stale entry, or a batch job",
                0,
            ),
        ]

    def test_a_declared_dependency_that_is_called_is_no_gap(
        self, tmp_path: Path, catalog: Path
    ) -> None:
        links = zipkin(("checkout", "payments", 5), ("payments", "ledger", 5))
        assert self.rules(load([catalog, write(tmp_path, "d.json", links)]).graph) == []

    def test_nothing_observed_means_no_traffic_gaps(self, catalog: Path) -> None:
        assert self.rules(load([catalog]).graph) == []

    def test_fail_on_gaps_counts_them(self, tmp_path: Path) -> None:
        catalog = write(
            tmp_path,
            "c.yaml",
            "services:\n  - id: a\n    owner: t\n  - id: b\n"
            "    owner: t\nteams:\n  - id: t\n    contact: t@x\n",
        )
        clean = run_cli("gaps", catalog, "--fail-on-gaps")
        traffic = write(tmp_path, "d.json", zipkin(("a", "b", 2)))
        done = run_cli("gaps", catalog, traffic, "--fail-on-gaps")
        assert clean.returncode == 0 and done.returncode == 1
        assert "undeclared-dependency" in done.stdout


# a declared path only (d), an observed path only (o), both (b), and one that needs a
# declared then an observed relation (m)
PATHS = """\
services:
  - id: hub
  - id: d
    depends_on: [hub]
  - id: b
    depends_on: [hub]
  - id: o
  - id: m
    depends_on: [o]
"""


class TestVia:
    @pytest.fixture
    def graph(self, tmp_path: Path) -> object:
        catalog = write(tmp_path, "paths.yaml", PATHS)
        links = write(tmp_path, "d.json", zipkin(("b", "hub", 1), ("o", "hub", 1)))
        return load([catalog, links]).graph

    def test_each_reached_node_says_how_its_paths_go(self, graph: object) -> None:
        answer = blast_radius(graph, iri_for_id("hub"))  # type: ignore[arg-type]
        via = {i.entity.id: i.via for i in answer.impacted}
        both = Via.DECLARED | Via.OBSERVED
        assert via == {"d": Via.DECLARED, "b": both, "o": Via.OBSERVED, "m": Via.OBSERVED}
        needs = upstream(graph, iri_for_id("m"))  # type: ignore[arg-type]
        assert {i.entity.id: i.via for i in needs.impacted} == {
            "o": Via.DECLARED,
            "hub": Via.OBSERVED,
        }

    def test_declared_only_is_the_walk_without_observed_calls(self, graph: object) -> None:
        answer = blast_radius(graph, iri_for_id("hub"))  # type: ignore[arg-type]
        kept = filtered_reach(answer, Filter(evidence=frozenset({Evidence.DECLARED})), {})
        assert [(i.entity.id, i.distance, i.path, i.via) for i in kept.impacted] == [
            ("b", 1, ("hub", "b"), Via.DECLARED),
            ("d", 1, ("hub", "d"), Via.DECLARED),
        ]

    def test_a_path_of_observed_calls_is_confirmed(self, graph: object) -> None:
        answer = blast_radius(graph, iri_for_id("hub"))  # type: ignore[arg-type]
        sure = {i.entity.id: i.confidence for i in answer.impacted}
        assert sure == {
            "b": Confidence.CONFIRMED,  # declared, and traffic shows it
            "d": Confidence.DECLARED,
            "o": Confidence.CONFIRMED,
            "m": Confidence.DECLARED,  # its last step is only declared
        }

    def test_the_command_line_says_via_and_leaves_observed_out_when_asked(
        self, tmp_path: Path
    ) -> None:
        catalog = write(tmp_path, "paths.yaml", PATHS)
        links = write(tmp_path, "d.json", zipkin(("b", "hub", 1), ("o", "hub", 1)))
        data = json.loads(run_cli("blast-radius", "hub", catalog, links, "--json").stdout)
        assert {i["id"]: i["via"] for i in data["impacted"]} == {
            "b": "declared+observed",
            "d": "declared",
            "o": "observed",
            "m": "observed",
        }
        text = run_cli("blast-radius", "hub", catalog, links).stdout
        assert "via" in text and "observed" in text.split("o -> ")[0]
        only = run_cli("blast-radius", "hub", catalog, links, "--declared-only", "--json")
        assert [i["id"] for i in json.loads(only.stdout)["impacted"]] == ["b", "d"]


class TestWindows:
    def test_diff_lists_calls_that_appeared_and_disappeared(self, tmp_path: Path) -> None:
        monday = write(tmp_path, "monday.json", zipkin(("a", "b", 5), ("a", "c", 2)))
        tuesday = write(tmp_path, "tuesday.json", zipkin(("a", "b", 6), ("a", "d", 1)))
        changes = diff(load([monday]).graph, load([tuesday]).graph)
        appeared = [(c.node.id, c.relation, c.target.id) for c in changes.added if c.target]
        gone = [(c.node.id, c.relation, c.target.id) for c in changes.removed if c.target]
        assert appeared == [("a", "calls", "d")] and gone == [("a", "calls", "c")]
        text = run_cli("diff", monday, tuesday).stdout
        assert "Calls that appeared (1)\n  + a calls d (1 call(s), in" in text
        assert "Calls no longer seen (1)\n  - a calls c (2 call(s), in" in text


class TestSample:
    def test_the_region_builds_traffic_shows_the_dns_nobody_listed(self) -> None:
        done = run_cli("gaps", REGION, TRACES)
        rows = [line.split(None, 2) for line in done.stdout.splitlines()[3:] if line.strip()]
        new = [rule for _, rule, _ in rows if rule in {str(r) for r in TRAFFIC_RULES}]
        assert new[0] == "undeclared-dependency"
        first = next(r for r in rows if r[1] == "undeclared-dependency")
        assert first[2].startswith(
            "Machine image registry calls Authoritative and recursive DNS (2,900 call(s)"
        )
        assert set(new) == {str(r) for r in TRAFFIC_RULES}

    def test_the_blast_radius_of_dns_reaches_what_only_traffic_knew(self) -> None:
        data = json.loads(run_cli("blast-radius", "dns-service", REGION, TRACES, "--json").stdout)
        via = {i["id"]: i["via"] for i in data["impacted"]}
        assert via["image-registry"] == "observed" and via["log-collection"] == "observed"
        assert via["iam"] == "declared+observed"
        alone = json.loads(run_cli("blast-radius", "dns-service", REGION, "--json").stdout)
        assert "image-registry" not in {i["id"] for i in alone["impacted"]}

    def test_a_snapshot_keeps_what_was_observed(self, tmp_path: Path) -> None:
        out = tmp_path / "snap.ttl"
        assert run_cli("snapshot", REGION, TRACES, "-o", out).returncode == 0
        assert set(load([REGION, TRACES]).graph) <= set(load([out]).graph)


def test_a_load_with_a_bad_call_graph_is_refused_whole(tmp_path: Path, catalog: Path) -> None:
    bad = write(tmp_path, "d.json", '[{"parent": "a", "child": "b", "callCount": -1}]')
    with pytest.raises(SourceProblems):
        load([catalog, bad])
