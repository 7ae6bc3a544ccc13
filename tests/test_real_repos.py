"""Real repositories as they are: clones shaped like the public ones (hidden catalog places,
Templates with skeletons, owners written as emails or free text, relative Locations of
``type: url``, documents Backstage refuses), and the same services described by a catalog,
a spreadsheet and a native estate, which make one node each."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import RDF

from explorer.analysis import blast_radius, ownership_gaps
from explorer.analysis.merges import merges
from explorer.cli import main
from explorer.domain.errors import SourceProblems
from explorer.domain.vocab import IC, id_from_iri
from explorer.estate import open_estate
from explorer.graph.index import entities
from explorer.ingest import load
from helpers import REPO, node

Write = Callable[[str, str | bytes], Path]
REPOS = REPO / "tests" / "fixtures" / "repos"
ONE = REPO / "tests" / "fixtures" / "one-estate"
# what Backstage accepts in the clones, as our ids
ACCEPTED = {
    "component/default/payments-api",
    "resource/default/payments-db",
    "component/default/ledger-engine",
    "component/default/checkout",
    "component/default/cart",
    "system/default/shop",
    "group/default/shop",
    "group/default/payments",
    "group/default/finance",
    "group/default/platform",
    "user/default/ann",
    "template/default/node-service",
    "template/default/go-service",
    "component/default/search",
    "component/default/recommendations",
}


@pytest.fixture
def clones(tmp_path: Path) -> Path:
    """The clones, with what a real checkout also holds and must pass by."""
    root = tmp_path / "repos"
    shutil.copytree(REPOS, root)
    decoy = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: %s}\n"
    for folder, name in (
        (".git", "from-git"),
        ("node_modules/left-pad", "from-node-modules"),
        ("payments-api/.venv/lib", "from-venv"),
        ("payments-api/.github/workflows", "from-workflows"),
    ):
        (root / folder).mkdir(parents=True)
        (root / folder / "catalog-info.yaml").write_text(decoy % name)
    (root / "payments-api" / ".venv" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    return root


def _ids(graph: object) -> set[str]:
    return {e.id for e in entities(graph) if e.kind != "placeholder"}  # type: ignore[arg-type]


class TestClonesAsTheyAre:
    def test_every_entity_backstage_accepts_is_loaded(self, clones: Path) -> None:
        result = load([clones], keep_going=True)
        assert _ids(result.graph) == ACCEPTED
        assert sorted((Path(p.path or "").parent.name, p.line) for p in result.problems) == [
            ("broken", 11),
            ("broken", 19),
        ]
        said = "\n".join(result.warnings)
        assert "passed by 4 template file(s)" in said
        assert "https://github.com/acme/legacy/blob/main/catalog-info.yaml' is a URL" in said

    def test_without_what_is_wrong_it_loads_without_keep_going(self, clones: Path) -> None:
        shutil.rmtree(clones / "broken")
        result = load([clones])
        assert result.problems == [] and _ids(result.graph) == ACCEPTED - {
            "component/default/search",
            "component/default/recommendations",
        }

    def test_a_refused_document_is_one_problem_and_the_rest_of_its_file_loads(
        self, clones: Path
    ) -> None:
        with pytest.raises(SourceProblems) as refused:
            load([clones / "broken"])
        lines = sorted(p.line for p in refused.value.problems)
        assert lines == [11, 19]
        assert "kind 'Business Unit' is not a Backstage kind" in str(refused.value.problems[0])
        graph = load([clones / "broken"], keep_going=True).graph
        hurt = blast_radius(graph, node("component/default/search"))
        assert [i.entity.id for i in hurt.impacted] == ["component/default/recommendations"]

    def test_a_document_that_is_not_yaml_spares_the_others(self, write: Write) -> None:
        text = (
            "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: ops}\n---\n"
            "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: [broken\n"
            "---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: api}\n"
            "spec: {owner: ops}\n"
        )
        result = load([write("c.yaml", text)], keep_going=True)
        assert _ids(result.graph) == {"group/default/ops", "component/default/api"}
        (problem,) = result.problems
        assert problem.line == 9 and "invalid YAML" in problem.message  # where YAML saw it


class TestReferencesBackstageKeeps:
    def test_free_text_owner_finds_the_group_by_its_title(self, clones: Path) -> None:
        graph = load([clones], keep_going=True).graph
        owner = graph.value(node("component/default/ledger-engine"), IC.ownedBy)
        assert owner == node("group/default/finance")

    def test_email_and_tbd_owners_keep_their_entity_and_are_dangling_owners(
        self, clones: Path
    ) -> None:
        gaps = ownership_gaps(load([clones], keep_going=True).graph)
        dangling = {g.entity.id: g.message for g in gaps if g.rule == "dangling-owner"}
        assert dangling["component/default/payments-api"] == (
            "Payments API is owned by 'payments-oncall@example.com', which no source defines"
        )
        assert "'TBD'" in dangling["component/default/checkout"]
        assert not [g for g in gaps if g.rule == "undefined-reference"]  # each said once

    def test_a_relative_target_of_a_url_location_is_a_file_beside_it(self, clones: Path) -> None:
        result = load([clones / "portal" / "catalog" / "all.yaml"])
        names = sorted(s.path.name for s in result.sources)
        assert names == ["all.yaml", "cart.yaml", "checkout.yaml", "shop.yaml"]

    def test_a_templates_skeleton_holds_no_entities(self, clones: Path) -> None:
        result = load([clones / "templates"])
        assert _ids(result.graph) == {
            "template/default/node-service",
            "template/default/go-service",
        }
        owner = result.graph.value(node("template/default/node-service"), IC.ownedBy)
        assert owner == node("group/default/platform")
        assert any("skeleton/extra/catalog-info.yaml" in w for w in result.warnings)


class TestOneNodePerThing:
    def test_a_catalog_a_spreadsheet_and_an_estate_make_one_node_each(self) -> None:
        result = load([ONE], keep_going=True)
        services = sorted(e.label for e in entities(result.graph) if e.kind == "service")
        assert services == ["Checkout", "Payments Gateway", "Refunds", "Reporting", "cart"]
        made = {(id_from_iri(m.node), m.other, m.how) for m in merges(result.graph)}
        assert made == {
            ("Checkout", "component/default/checkout", "name"),
            ("cart", "Cart", "id"),  # the estate's id, read before the spreadsheet's
            ("cart", "component/default/cart", "name"),
        }

    def test_blast_radius_crosses_from_one_file_to_another(self) -> None:
        graph = load([ONE], keep_going=True).graph
        hurt = blast_radius(graph, node("inventory-db"))
        assert [(i.entity.label, i.distance) for i in hurt.impacted] == [
            ("cart", 1),
            ("Checkout", 2),
            ("Reporting", 3),
        ]

    def test_any_of_its_names_finds_it(self, capsys: pytest.CaptureFixture[str]) -> None:
        for name in ("component/default/checkout", "checkout", "Checkout"):
            assert main(["show", name, str(ONE), "--keep-going", "--no-cache"]) == 0
            out = capsys.readouterr().out
            assert out.startswith("Checkout") and "Also described as component/default/" in out

    def test_a_row_survives_its_bad_cell_and_the_cell_is_named(self) -> None:
        result = load([ONE], keep_going=True)
        (problem,) = result.problems
        assert (Path(problem.path or "").name, problem.line) == ("services.csv", 5)
        assert problem.message.startswith("column 'Tier': tier is 'critical'")
        reporting = next(e for e in entities(result.graph) if e.label == "Reporting")
        assert reporting.tier is None and reporting.owners

    def test_a_misspelt_undefined_team_is_told_apart(self) -> None:
        gaps = ownership_gaps(load([ONE], keep_going=True).graph)
        told = {g.entity.label: g.message for g in gaps}
        assert told["Reporting"].endswith("; did you mean Payments?")
        assert {g.rule for g in gaps} == {"dangling-owner", "tier-inversion"}  # see below
        dangling = [g for g in gaps if g.rule == "dangling-owner"]
        assert len(dangling) == 3  # one per thing owned by an undefined team, nothing twice
        (inverted,) = (g for g in gaps if g.rule == "tier-inversion")
        assert inverted.message.startswith("Checkout (tier 1) depends on cart (tier 2)")

    def test_the_merges_are_listed_in_the_app(self) -> None:
        estate = open_estate([ONE], keep_going=True, cache=False)
        assert len(estate.merges()) == 3


class TestOverrulingAMatch:
    CATALOG = (
        "apiVersion: backstage.io/v1alpha1\nkind: Component\n"
        "metadata: {name: billing}\nspec: {owner: ops}\n"
    )

    def test_not_same_as_keeps_them_apart(self, write: Write) -> None:
        folder = write("c/catalog-info.yaml", self.CATALOG).parent
        apart = "services:\n  - id: billing\n    not_same_as: [component/default/billing]\n"
        write("c/estate.yaml", apart)
        graph = load([folder]).graph
        assert merges(graph) == []
        assert {"billing", "component/default/billing"} <= _ids(graph)

    def test_same_as_merges_what_names_would_not(self, write: Write) -> None:
        folder = write("c/catalog-info.yaml", self.CATALOG).parent
        write("c/sheet.csv", "id,label,same as\ninv-7,Invoicing,component/default/billing\n")
        graph = load([folder]).graph
        (merged,) = merges(graph)
        assert (merged.other, merged.how) == ("component/default/billing", "same as")

    def test_owl_same_as_and_not_same_as_in_rdf(self, write: Write) -> None:
        folder = write("c/catalog-info.yaml", self.CATALOG).parent
        write(
            "c/estate.ttl",
            "@prefix ic: <https://infra-context.dev/ontology#> .\n"
            "@prefix id: <https://infra-context.dev/id/> .\n"
            "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
            "id:invoicing a ic:Service ;\n"
            "  owl:sameAs <https://infra-context.dev/id/component/default/billing> .\n",
        )
        graph = load([folder]).graph
        assert _ids(graph) == {"invoicing"}  # the RDF node is kept, the catalog's id an alias
        assert (node("invoicing"), IC.ownedBy, node("group/default/ops")) in graph
        assert (node("invoicing"), IC.alias, None) in graph

    def test_not_same_as_in_rdf(self, write: Write) -> None:
        folder = write("c/catalog-info.yaml", self.CATALOG).parent
        write(
            "c/estate.ttl",
            "@prefix ic: <https://infra-context.dev/ontology#> .\n"
            "@prefix id: <https://infra-context.dev/id/> .\n"
            "id:billing a ic:Service ;\n"
            "  ic:notSameAs <https://infra-context.dev/id/component/default/billing> .\n",
        )
        assert merges(load([folder]).graph) == []

    def test_two_candidates_merge_nothing_and_say_both(self, write: Write) -> None:
        two = "services:\n  - id: pay-a\n    label: Payments\n  - id: pay-b\n    label: Payments\n"
        write("c/a.yaml", two)  # two things of one file: two candidates for the sheet's row
        folder = write("c/sheet.csv", "name\nPayments\n").parent
        result = load([folder], keep_going=True)
        assert merges(result.graph) == []
        (problem,) = result.problems
        assert Path(problem.path or "").name == "sheet.csv"
        assert "'Payments' may be any of pay-a, pay-b (by label)" in problem.message
        assert (node("Payments"), RDF.type, None) in result.graph
