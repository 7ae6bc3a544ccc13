"""Each domain fact is defined once, and what states it elsewhere agrees with that one
definition: the relation table, the kinds, the gap rules and the statuses."""

from __future__ import annotations

from rdflib import RDF, Graph, Namespace
from rdflib.collection import Collection
from rdflib.namespace import SH

from explorer.analysis import blast_radius, upstream
from explorer.analysis.details import node_details
from explorer.domain.kinds import ALL_KIND_CLASSES, KIND_TABLE, OWNED_KINDS, SECTIONS, Kind
from explorer.domain.relations import (
    BY_FIELD,
    PART_OF,
    RELATIONS,
    SPREADING,
    Spread,
)
from explorer.domain.rules import GRAPH_RULES, RULES, SHAPE_RULES, Rule
from explorer.domain.statuses import STATUSES, OwnerStatus
from explorer.files.resources import ontology_file
from explorer.graph.index import index_of
from explorer.ingest.headers import canonical_field
from explorer.views.focus import focus_view
from helpers import estate, node

ICS = Namespace("https://infra-context.dev/shapes#")
SHAPES = Graph().parse(ontology_file("shapes.ttl"))


class TestRelationTable:
    def test_every_relation_has_a_name_from_each_end_and_a_style(self) -> None:
        from ui.canvas.theme import RELATION_STYLES

        assert len({r.name for r in RELATIONS}) == len({r.inverse for r in RELATIONS}) == 10
        assert list(RELATION_STYLES) == [r.name for r in RELATIONS]

    def test_the_native_fields_are_the_tables_fields(self) -> None:
        for name in BY_FIELD:
            assert canonical_field(name) == name, name

    def test_the_walks_follow_the_relations_that_spread_a_failure(self) -> None:
        graph = estate(
            "id:svc ic:dependsOn id:db ; ic:usesVendor id:v ; ic:assumes id:a ;"
            " ic:ownedBy id:t ; ic:partOf id:sys ; ic:calls id:c ; ic:connectsTo id:w .\n"
            "id:sys a ic:System .\nid:p ic:memberOf id:t .\n"
        )
        needs = {i.entity.id for i in upstream(graph, node("svc")).impacted}
        spreading = {"db", "v", "a", "c", "w"}
        assert needs == spreading and len(SPREADING) == len(spreading)
        hurt = {i.entity.id for i in blast_radius(graph, node("sys")).impacted}
        assert hurt == {"svc"} and PART_OF.spread is Spread.COMPOSITION

    def test_details_and_views_name_every_relation_of_the_table(self) -> None:
        graph = estate(
            "@prefix org: <http://www.w3.org/ns/org#> .\n"
            "id:x ic:dependsOn id:a ; ic:usesVendor id:b ; ic:assumes id:c ; ic:partOf id:d ;"
            " ic:ownedBy id:e ; ic:memberOf id:f ; org:subOrganizationOf id:g ; ic:calls id:h ;"
            " ic:connectsTo id:i .\nid:j ic:changes id:x .\n"
        )
        details = node_details(graph, node("x"), [], [])
        names = [r.name for r in details.relations]  # what it says, then what is said of it
        assert names == [r.name for r in RELATIONS if r.name != "changes"] + ["changed by"]
        edges = {e.relation for e in focus_view(graph, [node("x")]).edges}
        assert edges == {r.name for r in RELATIONS}
        assert index_of(graph).related() >= {node(n) for n in "abcdefghijx"}


class TestKinds:
    def test_the_native_sections_and_classes(self) -> None:
        assert set(SECTIONS.values()) == {Kind(k) for k in ALL_KIND_CLASSES} - {Kind.OTHER}
        assert [info.kind for info in KIND_TABLE] == list(Kind)

    def test_the_shapes_target_the_owned_kinds(self) -> None:
        targets = set(SHAPES.objects(ICS.OwnedThing, SH.targetClass))
        assert targets == {ALL_KIND_CLASSES[k] for k in OWNED_KINDS}


class TestRules:
    def test_the_shapes_name_exactly_the_shape_rules(self) -> None:
        named = {Rule(str(code)) for code in SHAPES.objects(None, ICS.rule)}
        assert named == set(SHAPE_RULES)
        assert set(RULES) == set(Rule) and set(SHAPE_RULES).isdisjoint(GRAPH_RULES)

    def test_the_shapes_allow_the_statuses_the_importers_accept(self) -> None:
        allowed = {}
        for shape in (ICS.TeamStatus, ICS.AssumptionStatus):
            values = Collection(SHAPES, SHAPES.value(shape, SH["in"]))
            allowed[SHAPES.value(shape, ICS.rule)] = tuple(str(v) for v in values)
        assert tuple(allowed.values()) == (STATUSES[Kind.TEAM], STATUSES[Kind.ASSUMPTION])
        assert (ICS.TeamStatus, RDF.type, SH.PropertyShape) in SHAPES

    def test_every_owner_status_but_active_has_a_mark(self) -> None:
        marks = {status: status.mark for status in OwnerStatus}
        assert marks.pop(OwnerStatus.ACTIVE) == ""
        assert all(marks.values())


def test_the_readme_lists_every_header_spelling() -> None:
    from explorer.ingest.headers import SPELLINGS
    from helpers import REPO

    text = (REPO / "README.md").read_text(encoding="utf-8")
    table = text[text.index("| field | headers |") :]
    table = table[: table.index("\n\n")]
    missing = [s for spellings in SPELLINGS.values() for s in spellings if f"`{s}`" not in table]
    assert missing == []


def test_the_shapes_tier_pattern_is_the_code_s() -> None:
    from explorer.domain.tiers import TIER_PATTERN

    (pattern,) = SHAPES.objects(ICS.TierInRange, SH.pattern)
    assert str(pattern) == TIER_PATTERN
