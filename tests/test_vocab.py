"""The ic: vocabulary: closed in Python, and in step with ontology/infra.ttl."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, Graph, URIRef

from explorer.domain.kinds import KIND_CLASSES
from explorer.domain.vocab import IC, ID, id_from_iri, iri_for_id
from explorer.files.resources import ontology_file


class TestNamespace:
    def test_a_misspelled_term_raises(self) -> None:
        with pytest.raises(AttributeError):
            _ = IC.dependson

    def test_terms_are_iris_in_our_namespace(self) -> None:
        assert IC.dependsOn == URIRef("https://infra-context.dev/ontology#dependsOn")

    def test_python_terms_match_the_ontology_file(self) -> None:
        ontology = Graph().parse(ontology_file("infra.ttl"))
        declared = {
            s
            for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
            for s in ontology.subjects(RDF.type, kind)
            if isinstance(s, URIRef) and str(s).startswith(str(IC._NS))
        }
        python_terms = {IC[name] for name in IC.__annotations__}
        assert declared == python_terms

    def test_every_term_has_a_label_and_a_comment(self) -> None:
        ontology = Graph().parse(ontology_file("infra.ttl"))
        for name in IC.__annotations__:
            term = IC[name]
            assert ontology.value(term, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))
            assert ontology.value(term, URIRef("http://www.w3.org/2000/01/rdf-schema#comment"))

    def test_every_kind_has_a_class(self) -> None:
        assert set(KIND_CLASSES) == {
            "service",
            "resource",
            "system",
            "team",
            "person",
            "vendor",
            "assumption",
            "program",
        }


class TestIds:
    @pytest.mark.parametrize("entity_id", ["dns", "payments api", "component/default/x", "ä#1"])
    def test_id_to_iri_and_back(self, entity_id: str) -> None:
        iri = iri_for_id(entity_id)
        assert str(iri).startswith(str(ID)) and " " not in iri and "#" not in iri
        assert id_from_iri(str(iri)) == entity_id

    def test_foreign_iris_show_their_last_segment(self) -> None:
        assert id_from_iri("http://example.org/estate/dns/") == "dns"
        assert id_from_iri("urn:uuid:1234") == "1234"
