"""blast-radius, upstream and gaps on the command line, in the JSON shapes the README documents."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.report.roster import ROSTER_COLUMNS
from helpers import SAMPLES, run_cli

Write = Callable[[str, str | bytes], Path]
NODE_KEYS = {"iri", "id", "label", "kind"}
ANSWER_KEYS = {"node", "scope", "impacted", "teams", "nobody_to_tell", "questions"}


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:  # type: ignore[type-arg]
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


class TestBlastRadiusCommand:
    def test_json_shape(self, capsys: pytest.CaptureFixture[str]) -> None:
        data = run_json(capsys, "blast-radius", "dns-service")
        assert set(data) == {*ANSWER_KEYS, "program"} and data["program"] is None
        assert set(data["node"]) == NODE_KEYS and data["node"]["id"] == "dns-service"
        assert [n["id"] for n in data["scope"]] == ["dns-service"]
        first = data["impacted"][0]
        assert set(first) == NODE_KEYS | {"distance", "path", "tier", "confidence", "via"} | {
            "reached_from"
        }
        assert {tuple(i["reached_from"]) for i in data["impacted"]} == {("dns-service",)}
        assert {i["confidence"] for i in data["impacted"]} == {"declared"}
        assert {i["via"] for i in data["impacted"]} == {"declared"}
        assert first["path"][0] == "dns-service" and len(first["path"]) == first["distance"] + 1
        tiers = {i["id"]: i["tier"] for i in data["impacted"]}
        assert tiers["control-plane"] == 1 and tiers["status-page"] == 3
        team_keys = {"iri", "id", "label", "status", "owns", "why", "contact", "members"}
        assert set(data["teams"][0]) == team_keys | {"most_critical_tier"}
        teams = {t["id"]: t for t in data["teams"]}
        assert teams["team-legacy-infra"]["status"] == "dissolved"
        dns = teams["team-dns"]
        assert dns["contact"] == ["dns-oncall@example.org"] and dns["most_critical_tier"] == 1
        assert [(m["id"], m["contact"]) for m in dns["members"]] == [
            ("person-emeka", ["emeka@example.org"])
        ]
        assert dns["why"] == [{"owns": "dns-service", "reached_from": ["dns-service"]}]
        nobody = {n["id"]: n for n in data["nobody_to_tell"]}
        assert set(nobody) == {"status-page", "provisioning", "customer-console"}
        page = nobody["status-page"]
        assert page["why"] == "no owner" and page["ask"]["id"] == "team-observability"
        assert page["ask_why"] == "owns Observability, which it is part of"

    def test_a_roster_as_csv_has_every_team_with_how_to_reach_it(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["blast-radius", "dns-service", "--roster", "csv"]) == 0
        rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
        assert list(rows[0]) == list(ROSTER_COLUMNS)
        assert [r["role"] for r in rows] == ["team to tell"] * 10 + ["nobody to tell"] * 3
        page = next(r for r in rows if r["id"] == "status-page")
        assert page["status"] == "no owner" and page["ask"].startswith("ask Observability")
        dns = next(r for r in rows if r["id"] == "team-dns")
        assert dns["contact"] == "dns-oncall@example.org"
        assert dns["members"] == "Emeka Nwosu <emeka@example.org>"
        assert dns["owns"] == "dns-service" and dns["most_critical_tier"] == "1"
        gone = next(r for r in rows if r["id"] == "team-legacy-infra")
        assert gone["status"] == "dissolved" and gone["most_critical_tier"] == "2"

    def test_a_roster_as_markdown_pastes_into_a_report(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["blast-radius", "dns-service", "--roster", "md"]) == 0
        out = capsys.readouterr().out
        assert out.startswith("## Affected if Authoritative and recursive DNS (dns-service) fails")
        assert (
            "| DNS and Edge (team-dns) | active | dns-oncall@example.org | "
            "Emeka Nwosu \\<emeka@example.org\\> | dns-service | 1 |" in out
        )
        assert "| Legacy Infra Tools (team-legacy-infra) | dissolved |" in out
        assert "| Status page (status-page) | service | 3 | 1 | dns-service → status-page |" in out

    def test_a_roster_and_json_cannot_both_be_asked(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        with pytest.raises(SystemExit) as done:
            main(["blast-radius", "dns-service", "--roster", "md", "--json"])
        assert done.value.code == 2
        assert "not allowed with argument" in capsys.readouterr().err

    def test_an_assumption_is_false_rather_than_down(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["blast-radius", "assume-public-ntp"]) == 0
        out = capsys.readouterr().out
        assert out.startswith(
            "Affected if assumption Public NTP pools are reachable (assume-public-ntp) is false"
        )

    def test_text_says_what_is_affected_and_who_to_tell(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["blast-radius", "Authoritative and recursive DNS"]) == 0
        out = capsys.readouterr().out
        assert out.startswith("Affected if Authoritative and recursive DNS (dns-service) fails:")
        assert "dns-service -> control-plane" in out
        assert "Legacy Infra Tools (team-legacy-infra)  [DISSOLVED]: owns provisioning" in out

    def test_depth_and_sources(self, capsys: pytest.CaptureFixture[str]) -> None:
        data = run_json(
            capsys, "blast-radius", "profile-db", str(SAMPLES / "buyer-profile.csv"), "--depth", "1"
        )
        assert {i["id"] for i in data["impacted"]} == {"profile-api", "consent-service"}

    @pytest.mark.parametrize("depth", ["-1", "two"])
    def test_a_bad_depth_is_a_usage_error(self, depth: str) -> None:
        with pytest.raises(SystemExit) as caught:
            main(["blast-radius", "dns-service", "--depth", depth])
        assert caught.value.code == 2

    def test_an_unknown_node_exits_2_with_candidates(self) -> None:
        done = run_cli("blast-radius", "dns")
        assert done.returncode == 2 and "Traceback" not in done.stderr
        assert done.stderr.startswith("infra-explorer: error: unknown node 'dns'; closest: ")
        assert "dns-service" in done.stderr

    def test_an_ambiguous_node_exits_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["blast-radius", "Observability"]) == 2
        assert "is ambiguous" in capsys.readouterr().err


class TestScopeOfSeveral:
    """``blast-radius NODE... [SOURCE...]`` and ``--program ID``: one answer for several."""

    def test_several_nodes_then_the_sources(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        data = run_json(capsys, "blast-radius", "dns-service", "kms", "vendor-quorum-dns")
        assert [n["id"] for n in data["scope"]] == ["dns-service", "kms", "vendor-quorum-dns"]
        sample = tmp_path / "estate.ttl"
        sample.write_bytes((SAMPLES / "region-build.ttl").read_bytes())
        named = run_json(
            capsys, "blast-radius", "dns-service", "kms", "vendor-quorum-dns", str(sample)
        )
        assert named["impacted"] == data["impacted"]
        by_iri = run_json(
            capsys, "blast-radius", "https://infra-context.dev/id/kms", "iam", str(sample)
        )
        assert [n["id"] for n in by_iri["scope"]] == ["kms", "iam"]

    def test_a_program_answers_as_its_changes(self, capsys: pytest.CaptureFixture[str]) -> None:
        data = run_json(capsys, "blast-radius", "--program", "program-dns-cutover")
        # a program named as the node is asked about as what it changes, not as a node
        assert run_json(capsys, "blast-radius", "program-dns-cutover") == data
        nodes = run_json(capsys, "blast-radius", "dns-service", "kms", "vendor-quorum-dns")
        assert data["program"]["id"] == "program-dns-cutover"
        assert {k: v for k, v in data.items() if k != "program"} == {
            k: v for k, v in nodes.items() if k != "program"
        }
        assert main(["blast-radius", "--program", "DNS and key cutover"]) == 0
        out = capsys.readouterr().out
        assert out.startswith("Program DNS and key cutover (program-dns-cutover): affected if ")
        assert "Nobody to tell (no active owner answers for these): 3" in out
        assert "  Status page (status-page) (from dns-service, vendor-quorum-dns): no owner;" in out

    @pytest.mark.parametrize(
        ("words", "said"),
        [
            ([], "name a NODE (or several), or --program ID"),
            (["kms", "--program", "program-dns-cutover"], "name NODEs or --program, not both"),
            (["--program", "kms"], "'kms' is not a program (the programs: program-dns-cutover)"),
            (["--program", "nosuch"], "'nosuch' names no program (the programs: "),
            (["dns-service", "missing.ttl"], "missing.ttl"),
        ],
    )
    def test_what_cannot_be_a_scope_exits_2(self, words: list[str], said: str) -> None:
        done = run_cli("blast-radius", *words)
        assert done.returncode == 2 and "Traceback" not in done.stderr
        assert said in done.stderr and len(done.stderr.splitlines()) == 1

    def test_a_program_that_changes_what_no_source_defines_says_so(self, tmp_path: Path) -> None:
        estate = tmp_path / "e.yaml"
        estate.write_text(
            "services:\n  - id: a\nprograms:\n  - id: p\n    changes: [a, ghost]\n",
            encoding="utf-8",
        )
        done = run_cli("blast-radius", "--program", "p", estate)
        assert done.returncode == 0
        assert done.stderr == "warning: p changes ghost, which no source defines\n"

    def test_programs_are_listed(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["programs"]) == 0
        out = capsys.readouterr().out
        assert "DNS and key cutover (program-dns-cutover), run by Inès Moreau" in out
        assert "ask: blast-radius --program program-dns-cutover" in out
        named = run_cli("programs", SAMPLES / "buyer-profile.yaml").stdout  # asked of the same
        assert (
            f"ask: blast-radius --program program-cdp-exit {SAMPLES / 'buyer-profile.yaml'}"
            in named
        )
        data = json.loads(run_cli("programs", "--json").stdout)
        assert [(p["id"], [c["id"] for c in p["changes"]]) for p in data] == [
            ("program-dns-cutover", ["dns-service", "kms", "vendor-quorum-dns"])
        ]
        data = json.loads(run_cli("programs", SAMPLES / "buyer-profile.yaml", "--json").stdout)
        assert [p["id"] for p in data] == ["program-cdp-exit"]


class TestUpstreamCommand:
    def test_json_shape_and_the_dns_nobody_listed(self, capsys: pytest.CaptureFixture[str]) -> None:
        data = run_json(capsys, "upstream", "control-plane")
        assert set(data) == {*ANSWER_KEYS, "program"}
        assert "dns-zone" in {i["id"] for i in data["impacted"]}
        assert "team-dns" in {t["id"] for t in data["teams"]}

    def test_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["upstream", "time-sync"]) == 0
        out = capsys.readouterr().out
        assert out.startswith("Time sync (NTP) (time-sync) needs: 3 node(s)")
        assert "time-sync -> gps-clock -> vendor-meridian" in out


class TestGapsCommand:
    def test_json_shape(self, capsys: pytest.CaptureFixture[str]) -> None:
        data = run_json(capsys, "gaps")
        assert set(data) == {"gaps"}
        assert set(data["gaps"][0]) == NODE_KEYS | {"rule", "message", "impact", "next", "ask"}
        impacts = [g["impact"] for g in data["gaps"]]
        assert impacts == sorted(impacts, reverse=True)
        asked = {g["id"]: (g["next"], g["ask"]) for g in data["gaps"]}
        step, ask = asked["status-page"]
        assert step == "name an owner; ask Observability (owns Observability, which it is part of)"
        assert set(ask) == NODE_KEYS and ask["id"] == "team-observability"

    def test_text_says_each_gap_s_next_step_below_it(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["gaps"]) == 0
        lines = capsys.readouterr().out.splitlines()
        at = next(i for i, line in enumerate(lines) if line.endswith("Status page has no owner"))
        assert lines[at + 1].strip() == (
            "next: name an owner; ask Observability (owns Observability, which it is part of)"
        )

    def test_fail_on_gaps_exits_1(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["gaps", "--fail-on-gaps"]) == 1
        assert "ownership gap(s), most impact first" in capsys.readouterr().out

    def test_a_clean_catalog_passes(self, write: Write, capsys: pytest.CaptureFixture[str]) -> None:
        path = write(
            "clean.yaml",
            "services: [{id: api, owner: t, tier: 1}]\nteams: [{id: t, contact: t@x}]\n",
        )
        assert main(["gaps", str(path), "--fail-on-gaps"]) == 0
        assert capsys.readouterr().out.strip() == "No ownership gaps."

    def test_bad_input_still_exits_2(self, write: Write) -> None:
        path = write("bad.csv", "id,tier\nx,9\n")
        assert main(["gaps", str(path), "--fail-on-gaps"]) == 2


class TestShowCommand:
    def test_json_has_the_record_every_relation_both_ways_origins_and_gaps(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        data = run_json(capsys, "show", "gps-clock")
        assert set(data) == {
            "node",
            "labels",
            "contacts",
            "relations",
            "origins",
            "gaps",
            "said",
            "questions",
            "described_as",
        }
        assert data["node"]["id"] == "gps-clock" and data["node"]["tier"] is not None
        relations = {(r["relation"], r["direction"], r["node"]["id"]) for r in data["relations"]}
        assert ("uses vendor", "out", "vendor-meridian") in relations
        assert ("needed by", "in", "time-sync") in relations
        assert data["origins"][0].endswith("region-build.ttl")

    def test_text_names_the_gaps_of_the_node(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["show", "Obsidian Optics"]) == 0
        out = capsys.readouterr().out
        assert out.startswith("Obsidian Optics (vendor-obsidian-optics)\n  kind:        vendor")
        assert "Ownership gaps: 1\n  no-owner: Obsidian Optics has no owner" in out

    def test_an_unknown_node_exits_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["show", "dns"]) == 2
        assert "unknown node 'dns'; closest: " in capsys.readouterr().err


class TestStructureCommands:
    def test_cycles(self, capsys: pytest.CaptureFixture[str]) -> None:
        data = run_json(capsys, "cycles")
        assert [[n["id"] for n in c["nodes"]] for c in data["cycles"]] == [
            ["dns-service", "network-controller"]
        ]
        assert main(["cycles", str(SAMPLES / "backstage")]) == 0
        assert capsys.readouterr().out.strip() == "No dependency cycles."

    def test_single_points_of_failure_most_behind_first(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        data = run_json(capsys, "spof", "--limit", "3")
        assert [p["id"] for p in data["points"]] == ["iam", "kms", "network-fabric"]
        assert set(data["points"][0]) == NODE_KEYS | {"impact", "tier1_services", "cut_off"}
        assert main(["spof", "--limit", "2"]) == 0
        out = capsys.readouterr().out
        assert out.startswith("15 single point(s) of failure, most behind first (the first 2):")
        assert "Identity and access management (IAM) (iam)" in out
