"""Snapshots written as Backstage catalogs: Backstage's own JSON schema accepts every
document, names and tags follow Backstage's rules, and loading the catalog back gives the
estate it was written from, but for what Backstage cannot hold (each difference said below,
as ``explorer/export/backstage.py`` says it)."""

from __future__ import annotations

import json
import re
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import assume, given, settings
from jsonschema import Draft7Validator, ValidationError
from rdflib import Graph, URIRef
from referencing import Registry
from referencing.jsonschema import DRAFT7

from explorer.domain.kinds import Kind
from explorer.domain.relations import (
    ASSUMES,
    CALLS,
    CONNECTS_TO,
    DEPENDS_ON,
    OWNED_BY,
    PART_OF,
    RELATIONS,
    SUB_TEAM_OF,
    USES_VENDOR,
    Relation,
)
from explorer.export import dump
from explorer.export.backstage import backstage_bytes
from explorer.graph.index import EstateIndex, index_of
from explorer.ingest import LoadResult, load
from explorer.ingest.backstage_names import NAME, NAMESPACE
from helpers import REPO, SAMPLES, node, run_cli
from test_round_trip import estates

Write = Callable[[str, str | bytes], Path]
SCHEMAS = REPO / "tests" / "fixtures" / "backstage-schema"
FIXTURES = REPO / "tests" / "fixtures"
ESTATES = {
    "bundled sample": [],
    "one-estate": [FIXTURES / "one-estate"],
    "repos": [FIXTURES / "repos"],
    "backstage sample": [SAMPLES / "backstage"],
    "buyer-profile": [SAMPLES / "buyer-profile.yaml"],
}
# Backstage's rules that its validators check in code, not in the schema
TAG = re.compile(r"^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$")
ANNOTATION_KEY = re.compile(
    r"^([a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)*/)?[a-zA-Z0-9]+([-_.][a-zA-Z0-9]+)*$"
)
REFERENCE = re.compile(r"^[a-z]+:[a-z0-9-]+/[^:/\s]+$")
SPEC_REFERENCES = ("owner", "system", "subcomponentOf", "domain", "subdomainOf", "parent")
SPEC_REFERENCE_LISTS = ("dependsOn", "consumesApis", "providesApis", "children", "memberOf")


@cache
def validators() -> dict[str, Draft7Validator]:
    """Backstage's envelope and kind schemas, their ``$ref``s resolved from the vendored
    files only: a registry with no way to retrieve anything never reaches the network."""
    schemas = {}
    registry: Registry[Any] = Registry()
    for path in sorted(SCHEMAS.rglob("*.schema.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        registry = registry.with_resource(contents["$id"], DRAFT7.create_resource(contents))
        schemas[path.name.partition(".")[0]] = contents
    return {name: Draft7Validator(schema, registry=registry) for name, schema in schemas.items()}


def schema_errors(document: dict[str, Any]) -> list[str]:
    """What the entity envelope and the schema of the document's kind say is wrong."""
    found = validators()
    kind_schema = found.get(str(document.get("kind")))
    if kind_schema is None:
        return [f"no schema for kind {document.get('kind')!r}"]
    errors = [*found["EntityEnvelope"].iter_errors(document), *kind_schema.iter_errors(document)]
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]


def rule_errors(document: dict[str, Any]) -> Iterator[str]:
    """Backstage's name, namespace, tag, annotation key and reference rules."""
    metadata = document["metadata"]
    name, namespace = metadata["name"], metadata.get("namespace", "default")
    if not NAME.match(name) or len(name) > 63:
        yield f"name {name!r}"
    if not NAMESPACE.match(namespace):
        yield f"namespace {namespace!r}"
    yield from (f"tag {t!r}" for t in metadata.get("tags", []) if not TAG.match(t) or len(t) > 63)
    yield from (f"key {k!r}" for k in metadata["annotations"] if not ANNOTATION_KEY.match(k))
    spec = document["spec"]
    refs = [spec[f] for f in SPEC_REFERENCES if f in spec]
    refs += [r for f in SPEC_REFERENCE_LISTS for r in spec.get(f, [])]
    yield from (f"reference {r!r}" for r in refs if not REFERENCE.match(r))


def loaded(paths: list[Path]) -> LoadResult:
    # the fixtures hold deliberate problems (a bad tier, a broken catalog): the rest is read
    return load(paths, keep_going=True)


def written(result: LoadResult) -> list[dict[str, Any]]:
    return list(yaml.safe_load_all(backstage_bytes(result.graph, result.origins.of)))


def write_back(result: LoadResult, folder: Path) -> LoadResult:
    path = folder / "catalog.backstage.yaml"
    dump(result.graph, path, origins=result.origins.of)
    back = load([path])
    assert back.problems == []
    return back


class TestBackstageAcceptsIt:
    @pytest.mark.parametrize("name", list(ESTATES))
    def test_every_document_is_valid_by_backstage_s_schema_and_rules(self, name: str) -> None:
        documents = written(loaded(ESTATES[name]))
        assert documents
        for document in documents:
            assert schema_errors(document) == [], document
            assert list(rule_errors(document)) == [], document

    def test_the_schema_refuses_what_backstage_refuses(self) -> None:
        """The validation can fail: an unowned Component, or a Group with no children."""
        component = written(loaded([SAMPLES / "backstage"]))[0]
        assert component["kind"] == "Component"
        del component["spec"]["owner"]
        assert schema_errors(component) == ["spec: 'owner' is a required property"]
        group = {"apiVersion": "backstage.io/v1alpha1", "kind": "Group"}
        group |= {"metadata": {"name": "g"}, "spec": {"type": "team"}}
        assert schema_errors(group) == ["spec: 'children' is a required property"]
        with pytest.raises(ValidationError):
            validators()["Entity"].validate({**group, "extra": 1})

    def test_names_are_unique_per_kind_and_namespace_as_backstage_compares_them(self) -> None:
        for name in ESTATES:
            documents = written(loaded(ESTATES[name]))
            keys = [
                (d["kind"], d["metadata"].get("namespace", "default"), d["metadata"]["name"])
                for d in documents
            ]
            assert len({tuple(k.lower() for k in key) for key in keys}) == len(keys)

    def test_the_same_estate_gives_the_same_bytes_in_utf_8(self) -> None:
        first = backstage_bytes(load().graph, load().origins.of)
        assert first == backstage_bytes(load().graph, load().origins.of)
        assert "Inès Moreau".encode() in first  # written as it is, not escaped
        assert first.startswith(b"---\napiVersion: backstage.io/v1alpha1\n")


# what a placeholder target of each relation comes back as: Backstage's id for the reference,
# whose kind is the field's default kind
PLACEHOLDER_KINDS = {
    "owned by": "group",
    "member of": "group",
    "sub-team of": "group",
    "depends on": "component",
    "connects to": "component",
    "uses vendor": "resource",
    "part of": "system",
}
WRITTEN_KINDS = {Kind.SERVICE, Kind.RESOURCE, Kind.SYSTEM, Kind.TEAM, Kind.PERSON, Kind.VENDOR}
NEEDS_AN_OWNER = {Kind.SERVICE, Kind.RESOURCE, Kind.SYSTEM, Kind.VENDOR}
UNOWNED = "group/default/unowned"

Entities = set[tuple[str, str, str, tuple[str, ...]]]
Relations = set[tuple[str, str, str]]


def estate_of(graph: Graph) -> tuple[Entities, Relations]:
    """Each entity as (id, kind, label, owners) and each relation as (source id, relation,
    target id), over the index."""
    index = index_of(graph)
    entities = {(e.id, str(e.kind), e.label, e.owners) for e in index.entities()}
    relations = {
        (index.id_of(s), r.name, index.id_of(t))
        for r in RELATIONS
        for s, t in index.edges(r.predicate)
    }
    return entities, relations


def expected_back(graph: Graph) -> tuple[Entities, Relations]:
    """The estate a written catalog loads back to, made from the original by exactly what
    cannot round-trip. Assumptions (and ``assumes``), observed services and calls, and kinds
    kept but not modelled are not written. A vendor comes back a resource; uses vendor and
    connects to come back depends on. Of several owners, parents, or parts of one field
    (``subcomponentOf``, ``system``), the first in IRI order is stated, the others are
    annotations. What Backstage requires an owner of, and has none, comes back owned by the
    undefined group ``unowned``. A placeholder comes back under Backstage's id for its
    reference (``group/default/team-release``), labelled with the name it was written with."""
    index = index_of(graph)
    written = {n for n, k in index.kinds.items() if k in WRITTEN_KINDS}
    labels = {index.id_of(n): index.label(n) for n in written}
    relations: Relations = set()
    backs: dict[URIRef, str] = {}  # a node is one reference, whichever field names it
    for relation in RELATIONS:
        for source, target in index.edges(relation.predicate):
            if _stated(index, relation, source, target, written):
                back = backs.setdefault(target, _back_id(index, target, relation.name, written))
                labels.setdefault(back, index.label(target))
                same = relation not in (USES_VENDOR, CONNECTS_TO)
                relations.add((index.id_of(source), relation.name if same else "depends on", back))
    for n in written:
        if index.kind(n) in NEEDS_AN_OWNER and not index.targets(n, OWNED_BY.predicate):
            relations.add((index.id_of(n), OWNED_BY.name, UNOWNED))
            labels[UNOWNED] = "unowned"
    return _entities(index, written, relations, labels), relations


def _stated(
    index: EstateIndex, relation: Relation, source: URIRef, target: URIRef, written: set[URIRef]
) -> bool:
    """Whether the descriptor of ``source`` states the relation to ``target``."""
    if source not in written or relation in (CALLS, ASSUMES):
        return False
    alike = index.targets(source, relation.predicate)
    if relation is PART_OF:  # one per field: a component's, or a system's
        part = _component(index, target, written)
        alike = [t for t in alike if _component(index, t, written) == part]
    return relation not in (OWNED_BY, SUB_TEAM_OF, PART_OF) or alike[0] == target


def _component(index: EstateIndex, node: URIRef, written: set[URIRef]) -> bool:
    return node in written and index.kind(node) is Kind.SERVICE


def _back_id(index: EstateIndex, node: URIRef, relation: str, written: set[URIRef]) -> str:
    entity_id = index.id_of(node)
    if node in written or entity_id.count("/") == 2:
        return entity_id  # an entity's own, or a Backstage reference's
    name = index.label(node) if index.kind(node) is Kind.PLACEHOLDER else entity_id
    return f"{PLACEHOLDER_KINDS[relation]}/default/{name}".lower()


def up_to_placeholder_names(
    entities: Entities, relations: Relations
) -> tuple[set[tuple[str, str, str]], Relations]:
    """The estate with every placeholder named by what refers to it, not by its id: an id a
    Backstage name cannot hold comes back as a name made of it (``a b`` as ``a-b``)."""
    placeholders = {e[0] for e in entities if e[1] == str(Kind.PLACEHOLDER)}
    pointed: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for source, name, target in relations:
        pointed[target].add((source, name))

    def named(target: str) -> str:
        return repr(sorted(pointed[target])) if target in placeholders else target

    kept = {e[:3] for e in entities if e[0] not in placeholders}
    return kept, {(source, name, named(target)) for source, name, target in relations}


def _entities(
    index: EstateIndex, written: set[URIRef], relations: Relations, labels: dict[str, str]
) -> Entities:
    owners: dict[str, list[str]] = defaultdict(list)
    for source, name, target in relations:
        if name == OWNED_BY.name:
            owners[source].append(labels[target])
    found = set()
    for n in written:
        kind = Kind.RESOURCE if index.kind(n) is Kind.VENDOR else index.kind(n)
        owned = tuple(sorted(owners[index.id_of(n)]))
        found.add((index.id_of(n), str(kind), index.label(n), owned))
    placeholders = {target for _, _, target in relations} - {index.id_of(n) for n in written}
    return found | {(p, str(Kind.PLACEHOLDER), labels[p], ()) for p in placeholders}


class TestLoadingItBack:
    @pytest.mark.parametrize("name", list(ESTATES))
    def test_it_is_the_estate_written_but_for_what_backstage_cannot_hold(
        self, name: str, tmp_path: Path
    ) -> None:
        original = loaded(ESTATES[name])
        back = write_back(original, tmp_path)
        entities, relations = estate_of(back.graph)
        expected_entities, expected_relations = expected_back(original.graph)
        assert relations == expected_relations
        assert entities == expected_entities

    def test_what_cannot_round_trip_is_kept_as_annotations(self) -> None:
        by_id = {d["metadata"]["annotations"]["infra-context.dev/id"]: d for d in written(load())}
        storage = by_id["block-storage"]["metadata"]["annotations"]
        assert storage["infra-context.dev/assumes"] == "assume-three-zones"
        assert storage["infra-context.dev/tier"] == "1"
        vendor = by_id["vendor-securevault"]
        assert (vendor["kind"], vendor["spec"]["type"]) == ("Resource", "vendor")
        assert "resource:default/vendor-securevault" in by_id["hsm-cluster"]["spec"]["dependsOn"]
        status_page = by_id["status-page"]
        assert status_page["spec"]["owner"] == "group:default/unowned"
        assert not any(i.startswith("assume-") for i in by_id)  # assumptions are left out
        dissolved = by_id["team-legacy-infra"]["spec"]
        assert (dissolved["lifecycle"], dissolved["children"]) == ("dissolved", [])
        assert by_id["person-amara"]["spec"]["memberOf"] == ["group:default/team-control-plane"]


HEAD = "apiVersion: backstage.io/v1alpha1\n"
NAMED = "{name: pay-2, title: Payments API, annotations: {infra-context.dev/id: payments api}}"


class TestTheIdAnnotation:
    def test_a_descriptor_is_the_id_it_names_and_its_file_s_references_follow(
        self, write: Write
    ) -> None:
        """The reader's one change for the writer. The reference is to the Component, though
        a Resource has its name for a label: by label alone, it would go to the Resource."""
        catalog = write(
            "c.backstage.yaml",
            f"{HEAD}kind: Component\nmetadata: {NAMED}\nspec: {{owner: t}}\n---\n"
            f"{HEAD}kind: Resource\nmetadata: {{name: pay-2}}\nspec: {{owner: t}}\n---\n"
            f"{HEAD}kind: Component\nmetadata: {{name: web}}\n"
            "spec: {owner: t, dependsOn: [component:pay-2]}\n",
        )
        index = index_of(load([catalog]).graph)
        ids = {e.id for e in index.entities()}
        assert {"payments api", "resource/default/pay-2"} <= ids
        assert "component/default/pay-2" not in ids
        needs = index.targets(node("component/default/web"), DEPENDS_ON.predicate)
        assert [index.id_of(t) for t in needs] == ["payments api"]


class TestAnyEstate:
    @settings(max_examples=60, deadline=None)
    @given(estates())
    def test_any_ids_and_text_load_back(self, estate: dict[str, list[dict[str, object]]]) -> None:
        """Every section, any text in ids and labels, references that dangle."""
        with tempfile.TemporaryDirectory() as folder:
            source = Path(folder) / "estate.yaml"
            source.write_text(yaml.safe_dump(estate, allow_unicode=True), encoding="utf-8")
            original = load([source])
            documents = written(original)
            assume(documents)  # an estate of assumptions only is an empty catalog
            for document in documents:
                assert schema_errors(document) == [] and list(rule_errors(document)) == []
            back = write_back(original, Path(folder))
            expected = up_to_placeholder_names(*expected_back(original.graph))
            assert up_to_placeholder_names(*estate_of(back.graph)) == expected


class TestTheCommandLine:
    def test_a_snapshot_names_each_entity_s_source(self, tmp_path: Path) -> None:
        out = tmp_path / "x.backstage.yaml"
        source = SAMPLES / "buyer-profile.yaml"
        done = run_cli("snapshot", source, "-o", out, module="explorer")
        assert done.returncode == 0, done.stderr
        lines = source.read_text(encoding="utf-8").splitlines()
        documents = list(yaml.safe_load_all(out.read_text(encoding="utf-8")))
        entities = index_of(load([source]).graph).entities()
        assert len(documents) == len([e for e in entities if e.kind in WRITTEN_KINDS]) > 40
        for document in documents:
            annotations = document["metadata"]["annotations"]
            where = annotations["infra-context.dev/source"]
            path, _, line = where.rpartition(":")
            assert path == str(source)
            assert f"id: {annotations['infra-context.dev/id']}" in lines[int(line) - 1]

    def test_plain_yaml_is_refused_in_one_line_naming_backstage_yaml(self, tmp_path: Path) -> None:
        done = run_cli(
            "snapshot", SAMPLES / "region-build.ttl", "-o", tmp_path / "x.yaml", module="explorer"
        )
        assert done.returncode == 2
        assert len(done.stderr.strip().splitlines()) == 1
        assert ".backstage.yaml" in done.stderr
        assert not (tmp_path / "x.yaml").exists()


ODD_NAMES = """
@prefix ic: <https://infra-context.dev/ontology#> .
@prefix id: <https://infra-context.dev/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

<https://infra-context.dev/id/payments%20api> a ic:Service ;
    ic:ownedBy <https://infra-context.dev/id/ops@eu>, id:team-b ;
    ic:dependsOn id:payments-api, <https://infra-context.dev/id/Payments-API> ;
    ic:tag "pci", "PCI DSS" ;
    ic:annotation "team.example.com/runbook: https://runbooks.example.com/pay",
        "not a key!: kept" .
id:payments-api a ic:Service ; ic:ownedBy id:team-b .
<https://infra-context.dev/id/Payments-API> a ic:Service ; ic:ownedBy id:team-b .
<https://infra-context.dev/id/LONG_ID> a ic:Resource ; ic:ownedBy id:team-b .
<https://infra-context.dev/id/ops@eu> a ic:Team ; rdfs:label "Ops (EU)" .
id:team-b a ic:Team .
<http://example.org/estate#dns> a ic:Resource ; ic:ownedBy id:team-b .
"""
LONG_ID = "the-" + "very-" * 15 + "long-database-name"


class TestNamesBackstageRefuses:
    def test_become_valid_names_and_load_back_to_the_same_ids(
        self, write: Write, tmp_path: Path
    ) -> None:
        original = load([write("odd.ttl", ODD_NAMES.replace("LONG_ID", LONG_ID))])
        documents = written(original)
        for document in documents:
            assert schema_errors(document) == [] and list(rule_errors(document)) == []
        names = {
            d["metadata"]["annotations"]["infra-context.dev/id"]: d["metadata"] for d in documents
        }
        # ids that are names keep them, in IRI order; Backstage compares names ignoring case
        assert names["Payments-API"]["name"] == "Payments-API"
        assert names["payments-api"]["name"] == "payments-api-2"
        assert names["payments api"]["name"] == "payments-api-3"
        assert names["payments api"]["title"] == "payments api"
        assert names["ops@eu"]["name"] == "ops-eu"
        assert len(names[LONG_ID]["name"]) == 63 and LONG_ID.startswith(names[LONG_ID]["name"])
        assert names["http://example.org/estate#dns"]["name"] == "dns"
        back = write_back(original, tmp_path)
        assert estate_of(back.graph) == expected_back(original.graph)
        assert URIRef("http://example.org/estate#dns") in set(back.graph.subjects())

    def test_one_owner_is_written_and_tags_backstage_refuses_are_kept(self, write: Write) -> None:
        documents = written(load([write("odd.ttl", ODD_NAMES.replace("LONG_ID", LONG_ID))]))
        payments = next(d for d in documents if d["metadata"].get("title") == "payments api")
        assert payments["spec"]["owner"] == "group:default/ops-eu"
        assert payments["spec"]["dependsOn"] == [
            "component:default/Payments-API",
            "component:default/payments-api-2",
        ]
        annotations = payments["metadata"]["annotations"]
        assert annotations["infra-context.dev/other-owners"] == "group:default/team-b"
        assert payments["metadata"]["tags"] == ["pci"]
        assert annotations["infra-context.dev/tags"] == "PCI DSS"
        assert annotations["team.example.com/runbook"] == "https://runbooks.example.com/pay"
        assert annotations["infra-context.dev/annotations"] == "not a key!: kept"
