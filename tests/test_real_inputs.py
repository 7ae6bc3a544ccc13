"""Inputs as users have them: a service repository, spreadsheet exports, tiers written as
text, typos, and mistakes on the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.compare import isomorphic

from explorer.analysis import ownership_gaps, single_points_of_failure
from explorer.analysis import shape_rules as shape_rules_module
from explorer.cli import main
from explorer.domain.errors import InputError, SourceProblems
from explorer.domain.rules import Rule
from explorer.domain.vocab import IC, iri_for_id
from explorer.export.provenance import without_provenance
from explorer.formats.registry import READABLE
from explorer.graph.index import index_of
from explorer.ingest import load
from explorer.search import search
from helpers import REPO, SAMPLES, estate, node, run_cli

Write = Callable[[str, str | bytes], Path]
REPOSITORY = REPO / "tests" / "fixtures" / "service-repo"
INVALID = REPOSITORY / "catalog" / "invalid-component.yaml"
INVALID_NAME = (
    f"{INVALID}:5: document 1: metadata.name 'invalid component' is not a Backstage name "
    "(1 to 63 letters, digits and -_., starting and ending with a letter or digit)"
)


class TestAServiceRepository:
    def test_is_refused_whole_without_keep_going_naming_the_bad_entity(self) -> None:
        done = run_cli("gaps", REPOSITORY)
        assert done.returncode == 2 and done.stdout == ""
        assert done.stderr == (
            f"infra-explorer: error: {INVALID_NAME} (add --keep-going to answer from "
            "everything else)\n"
        )

    def test_with_keep_going_answers_from_the_rest_and_says_what_it_skipped(self) -> None:
        done = run_cli("gaps", REPOSITORY, "--keep-going", "--json")
        assert done.returncode == 0, done.stderr
        assert done.stderr.splitlines() == [
            "warning: skipped 2 file(s) that are not catalog, estate, deploy or call-graph "
            "files: openapi.yaml, helm/values.yaml",
            f"infra-explorer: problem: {INVALID_NAME}",
            "infra-explorer: note: the answer is partial: 1 problem(s) above were left out",
        ]

    def test_every_entity_but_the_bad_one_is_there(self) -> None:
        result = load([REPOSITORY], keep_going=True)
        ids = {e.id for e in index_of(result.graph).entities()}
        assert {"component/default/checkout", "component/default/ledger"} <= ids
        assert "api/default/pricing-api" in ids and not any("invalid" in i for i in ids)
        assert [p.path for p in result.problems] == [str(INVALID)]
        assert sorted(s.path.name for s in result.sources) == [
            "catalog-info.yaml",
            "components.yaml",
            "deployment.yaml",  # what deploys the estate is read too
            "docker-compose.yaml",
            "invalid-component.yaml",
            "org.yaml",
        ]

    def test_a_file_that_is_not_ours_is_refused_when_named(self) -> None:
        with pytest.raises(InputError, match="holds no document of ours: it is not an estate"):
            load([REPOSITORY / "openapi.yaml"])

    def test_a_compose_file_named_on_its_own_is_the_services_it_runs(self) -> None:
        graph = load([REPOSITORY / "docker-compose.yaml"]).graph
        assert index_of(graph).targets(node("checkout"), IC.connectsTo) == [node("postgres")]

    def test_the_catalogs_checkout_and_its_deploy_files_are_one_node(self) -> None:
        result = load([REPOSITORY], keep_going=True)
        places = {
            p.rsplit(":", 1)[0] for p in result.origins.of(node("component/default/checkout"))
        }
        assert {Path(p).name for p in places} == {
            "catalog-info.yaml",
            "deployment.yaml",
            "docker-compose.yaml",
        }

    def test_several_problems_are_each_said_on_a_line(self, write: Write) -> None:
        write("a.csv", "id,tier\nx,gold\ny,9\n")
        path = write("b.yaml", "services:\n  - id: z\n    tier: platinum\n")
        assert main(["gaps", str(path.parent)]) == 2
        with pytest.raises(SourceProblems) as refused:
            load([path.parent])
        assert [(Path(p.path or "").name, p.line) for p in refused.value.problems] == [
            ("a.csv", 2),
            ("a.csv", 3),
            ("b.yaml", 3),
        ]


SPREADSHEET = (
    "{header}\npay{sep}Payments Core{sep}ledger{inner} dns\nledger{sep}Payments Core{sep}\n"
)


@pytest.mark.parametrize(
    ("header", "sep"),
    [
        ("id,owner,depends_on", ","),
        ("Service Name;Owned By;Depends On", ";"),
        ("SERVICE;Owner Team;Dependencies", ";"),
        ("Component\tOwning Team\tUpstream", "\t"),
        ("name|team|calls", "|"),
        ("service_name,owner-team,depends-on", ","),
    ],
)
def test_header_variants_mean_the_same_columns(write: Write, header: str, sep: str) -> None:
    inner = "," if sep != "," else ";"  # a cell's list, split as the delimiter allows
    path = write("estate.csv", SPREADSHEET.format(header=header, sep=sep, inner=inner))
    graph = load([path]).graph
    needs = {str(t) for t in index_of(graph).targets(node("pay"), IC.dependsOn)}
    assert needs == {str(node("ledger")), str(iri_for_id("dns"))}
    assert list(graph.objects(node("pay"), IC.ownedBy)) == [iri_for_id("Payments Core")]


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Vendor(s)", IC.usesVendor),
        ("Criticality (1-3)", IC.tier),
        ("On-call", IC.contact),
        ("E-mail", IC.contact),
        ("Notes", None),
    ],
)
def test_more_header_spellings(write: Write, header: str, field: object) -> None:
    value = "2" if field == IC.tier else "x@example.com" if field == IC.contact else "acme"
    result = load([write("e.csv", f"Service,{header}\napi,{value}\n")])
    assert result.warnings == []
    if field is not None:
        assert next(result.graph.objects(node("api"), field), None) is not None


def test_excels_sep_line_names_the_delimiter(write: Write) -> None:
    path = write("excel.csv", "sep=;\nid;owner;tier\napi;team-a;T1\nbad;team-a;gold\n")
    with pytest.raises(InputError) as caught:
        load([path])
    assert (caught.value.line, caught.value.message) == (
        4,
        "column 'tier': tier is 'gold': expected 1, 2 or 3 (also written 'tier 1' or 'T1')",
    )
    graph = load([path], keep_going=True).graph
    assert graph.value(node("api"), IC.tier) == Literal(1)


def test_a_windows_1252_csv_is_read_with_a_note(write: Write) -> None:
    path = write("cp1252.csv", "id,label\ncafe,Café \u2013 menu\n".encode("cp1252"))
    result = load([path])
    assert index_of(result.graph).entity(node("cafe")).label == "Café \u2013 menu"
    assert result.warnings == [f"{path}: not UTF-8: read as Windows-1252 (cp1252)"]


class TestWorkbooks:
    def test_a_csv_estate_goes_to_xlsx_and_back_unchanged(self, tmp_path: Path) -> None:
        out = tmp_path / "estate.xlsx"
        assert main(["snapshot", str(SAMPLES / "buyer-profile.csv"), "-o", str(out)]) == 0

        def facts(path: Path) -> Graph:  # but where a placeholder was referenced, by file
            graph = without_provenance(load([path]).graph)
            graph.remove((None, IC.referencedIn, None))
            return graph

        assert isomorphic(facts(out), facts(SAMPLES / "buyer-profile.csv"))

    def test_text_that_looks_like_a_formula_stays_text(self, write: Write, tmp_path: Path) -> None:
        path = write("e.yaml", 'services:\n  - id: api\n    label: "=1+2"\n    tier: 1\n')
        out = tmp_path / "e.xlsx"
        assert main(["snapshot", str(path), "-o", str(out)]) == 0
        assert str(load([out]).graph.value(node("api"), IC.tier)) == "1"
        labels = [str(o) for o in load([out]).graph.objects(node("api"), None) if "=" in str(o)]
        assert labels == ["=1+2"]

    def test_sheets_without_an_id_column_are_skipped_and_errors_name_sheet_row_column(
        self, tmp_path: Path
    ) -> None:
        from openpyxl import Workbook

        book = Workbook()
        book.active.title = "Read me"
        book.active.append(["This workbook lists our services"])
        services = book.create_sheet("Services")
        services.append(["Service Name", "Owning Team", "Criticality (1-3)"])
        services.append(["api", "team-a", 1])
        services.append(["web", "team-a", "gold"])
        services.append(["calc", "=A2", "=1+1"])  # formulas: never evaluated, never text
        path = tmp_path / "estate.xlsx"
        book.save(path)
        result = load([path], keep_going=True)
        assert result.warnings == [
            f"{path}: sheet 'Read me' has no id column in its first row; skipped"
        ]
        (problem,) = result.problems
        assert str(problem) == (
            f"{path}:3: sheet 'Services', column C ('Criticality (1-3)'): tier is 'gold': "
            "expected 1, 2 or 3 (also written 'tier 1' or 'T1')"
        )
        assert result.graph.value(node("api"), IC.tier) == Literal(1)
        assert result.graph.value(node("calc"), IC.tier) is None
        assert result.graph.value(node("calc"), IC.ownedBy) is None


TEAM = 'id:t a ic:Team ; ic:contact "x" .\n'
TIERS = ('"1"', "1", '"tier 1"', '"T1"', '" Tier 1 "', '"01"^^xsd:integer', '"1"@en')


class TestTiersAsText:
    @pytest.mark.parametrize("tier", TIERS)
    def test_mean_tier_1_in_every_rule_and_view(self, tier: str) -> None:
        graph = estate(
            "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
            f"id:pay a ic:Service ; ic:tier {tier} ; ic:ownedBy id:t ; ic:dependsOn id:db .\n"
            'id:t a ic:Team ; ic:contact "t@x" .\nid:db a ic:Resource ; ic:ownedBy id:t ;'
            " ic:dependsOn id:disk .\nid:disk a ic:Resource ; ic:ownedBy id:t .\n"
        )
        assert index_of(graph).entity(node("pay")).tier == 1
        assert ownership_gaps(graph) == []
        assert [p.entity.id for p in single_points_of_failure(graph)] == ["db"]
        assert [h.id for h in search(graph, "tier:1")] == ["pay"]

    @pytest.mark.parametrize("tier", ['"gold"', "7", '"tier one"', "<https://x/1>"])
    def test_a_wrong_tier_says_what_is_expected(self, tier: str) -> None:
        graph = estate(f"id:pay a ic:Service ; ic:tier {tier} ; ic:ownedBy id:t .\n{TEAM}")
        (gap,) = ownership_gaps(graph)
        assert gap.rule is Rule.BAD_TIER and "expected 1, 2 or 3" in gap.message

    @pytest.mark.parametrize("tier", [*TIERS, '"gold"', "7"])
    def test_the_shapes_and_the_code_engine_agree(
        self, tier: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        turtle = (
            "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
            f"id:pay a ic:Service ; ic:tier {tier} ; ic:ownedBy id:t .\n{TEAM}"
        )
        by_shacl = ownership_gaps(estate(turtle))
        monkeypatch.setattr("explorer.analysis.gaps.SHACL_LIMIT", -1)
        assert shape_rules_module.SHACL_LIMIT > 0
        assert ownership_gaps(estate(turtle)) == by_shacl

    @pytest.mark.parametrize("tier", ["1", "T1", "tier 1", "Tier 2", "t3"])
    def test_importers_read_every_spelling(self, write: Write, tier: str) -> None:
        graph = load([write("e.csv", f"id,tier\napi,{tier}\n")]).graph
        assert graph.value(node("api"), IC.tier) == Literal(int(tier[-1]))


class TestTypos:
    def test_a_class_or_property_the_vocabulary_lacks_is_named_with_the_closest(
        self, write: Write
    ) -> None:
        path = write(
            "e.ttl",
            "@prefix ic: <https://infra-context.dev/ontology#> .\n"
            "<urn:a> a ic:Servic ; ic:dependsOnn <urn:b> .\n",
        )
        assert load([path]).warnings == [
            f"{path}: ic:Servic is not in the vocabulary; did you mean ic:Service?",
            f"{path}: ic:dependsOnn is not in the vocabulary; did you mean ic:dependsOn?",
        ]

    def test_an_owner_close_to_a_team_says_did_you_mean(
        self, write: Write, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = write(
            "e.yaml",
            "services:\n  - id: pay\n    owner: Payment Core\n"
            "teams:\n  - id: team-payments\n    label: Payments Core\n    contact: p@x\n",
        )
        assert main(["gaps", str(path)]) == 0
        out, err = capsys.readouterr()
        hint = "did you mean Payments Core (team-payments)?"
        assert f"pay is owned by 'Payment Core', which no source defines; {hint}" in out
        assert err == f"warning: {path}:3: 'Payment Core' names nothing; {hint}\n"

    def test_a_reference_far_from_every_name_gets_no_guess(self, write: Write) -> None:
        path = write("e.yaml", "services:\n  - id: pay\n    owner: zzz\n")
        result = load([path])
        assert result.warnings == [] and not any(result.graph.triples((None, IC.didYouMean, None)))


def _gui(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    return subprocess.run(
        [sys.executable, "-m", "ui.launcher", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        env={**base, **env},
    )


class TestCommandLineMistakes:
    def test_a_misspelt_command_is_named_with_the_closest(self) -> None:
        done = run_cli("serch", "dns")
        assert (done.returncode, done.stdout) == (2, "")
        assert done.stderr == (
            "infra-explorer: error: unknown command 'serch'; did you mean 'search'? (see --help)\n"
        )

    def test_a_source_where_a_command_belongs_is_said_so_without_qt(self) -> None:
        done = run_cli("region-build.ttl", module="explorer")
        assert done.returncode == 2 and "is a source, not a command" in done.stderr

    def test_the_app_without_a_display_says_what_to_do(self) -> None:
        done = _gui(["gui"], {})
        assert done.returncode == 2 and "Traceback" not in done.stderr
        assert done.stderr.startswith("infra-explorer: error: no display to open the window on")
        assert "infra-explorer screenshot -o window.png" in done.stderr

    def test_a_display_that_cannot_be_opened_is_said_too(self) -> None:
        done = _gui([str(SAMPLES / "region-build.ttl")], {"DISPLAY": ":97"})
        assert done.returncode == 2 and done.stderr.startswith(
            "infra-explorer: error: cannot open a window: "
        )

    def test_a_folder_with_nothing_to_read_is_an_error_not_an_empty_estate(
        self, write: Write
    ) -> None:
        write("notes.txt", "nothing here")
        path = write("deploy/values.yaml", "replicaCount: 3\n")
        done = run_cli("gaps", path.parent.parent, "--fail-on-gaps")
        assert done.returncode == 2
        assert "no files of ours in " in done.stderr
        empty = path.parent.parent / "empty"
        empty.mkdir()
        (empty / "a.txt").write_text("x")
        done = run_cli("gaps", empty)
        assert done.returncode == 2 and done.stderr == (
            f"infra-explorer: error: {empty}: no files that can be read here: 0 of 1 files "
            f"are {READABLE}\n"
        )

    @pytest.mark.parametrize(
        ("command", "said"),
        [
            ("blast-radius", "name a NODE (or several), or --program ID (see --help)"),
            ("upstream", "name a NODE (or several), or --program ID (see --help)"),
            ("brief", "the following arguments are required: -o/--output (see --help)"),
            ("show", "the following arguments are required: NODE (see --help)"),
        ],
    )
    def test_usage_says_only_what_is_required(self, command: str, said: str) -> None:
        done = run_cli(command)
        assert done.returncode == 2 and said in done.stderr


def test_a_graph_that_is_only_a_typo_still_loads(write: Write) -> None:
    """The warning is not a problem: the file is read, and its triples kept."""
    path = write("e.ttl", "<urn:a> <https://infra-context.dev/ontology#tierr> 1 .\n")
    result = load([path])
    assert len(result.graph) == 1 and isinstance(result.graph, Graph)
