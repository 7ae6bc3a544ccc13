"""The bundled estates are realistic: every class, real gaps, a cycle, vendors, assumptions."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from pyshacl import validate
from rdflib import Graph
from rdflib.namespace import SH

from explorer.domain.kinds import KIND_CLASSES
from explorer.domain.vocab import IC, id_from_iri, iri_for_id
from explorer.files.resources import DEFAULT_SAMPLE, ontology_file, sample_file
from explorer.graph.index import entities
from explorer.ingest import load
from helpers import SAMPLES

ESTATES = {
    "region-build.ttl": {"status-page", "provisioning", "image-registry", "vendor-obsidian-optics"},
    "buyer-profile.yaml": {"support-console", "team-support-tools", "vendor-segmentify"},
    "buyer-profile.csv": {"support-console", "team-support-tools", "vendor-segmentify"},
}


def _graph(name: str) -> Graph:
    return load([SAMPLES / name]).graph


@pytest.mark.parametrize("name", list(ESTATES))
class TestEachEstate:
    def test_forty_plus_entities_of_every_class(self, name: str) -> None:
        kinds = Counter(e.kind for e in entities(_graph(name)))
        assert sum(kinds.values()) >= 40
        assert set(KIND_CLASSES) <= set(kinds)

    def test_has_a_dependency_cycle(self, name: str) -> None:
        graph = _graph(name)
        deps = nx.DiGraph((str(s), str(o)) for s, o in graph.subject_objects(IC.dependsOn))
        assert list(nx.simple_cycles(deps))

    def test_vendors_and_assumptions_are_used(self, name: str) -> None:
        graph = _graph(name)
        assert len(set(graph.objects(None, IC.usesVendor))) >= 4
        assert len(set(graph.objects(None, IC.assumes))) >= 4

    def test_has_real_ownership_gaps(self, name: str) -> None:
        shapes = Graph().parse(ontology_file("shapes.ttl"))
        conforms, report, _ = validate(_graph(name), shacl_graph=shapes, inference="none")
        assert not conforms and isinstance(report, Graph)
        results = report.objects(None, SH.result)
        focus = {id_from_iri(str(report.value(r, SH.focusNode))) for r in results}
        assert ESTATES[name] <= focus


def test_the_region_build_has_a_dissolved_owner_and_a_dangling_one() -> None:
    graph = _graph("region-build.ttl")
    provisioning_owner = graph.value(iri_for_id("provisioning"), IC.ownedBy)
    assert str(graph.value(provisioning_owner, IC.status)) == "dissolved"
    registry_owner = graph.value(iri_for_id("image-registry"), IC.ownedBy)
    assert registry_owner is not None and (registry_owner, None, None) not in graph


def test_the_buyer_profile_has_placeholders_for_undefined_references() -> None:
    graph = _graph("buyer-profile.yaml")
    placeholders = {id_from_iri(str(p)) for p in graph.subjects(None, IC.Placeholder)}
    assert placeholders == {"shipping-tracker", "team-loyalty"}


def test_the_default_sample_is_bundled_as_package_data() -> None:
    assert sample_file() == SAMPLES / DEFAULT_SAMPLE
    assert Path(sample_file()).is_file()
