"""The ``ic:`` vocabulary as Python terms, and how entity ids become IRIs.

``IC`` is closed: ``IC.dependson`` (a typo) raises instead of silently minting a
new property that no analysis would ever follow.
"""

from __future__ import annotations

from urllib.parse import quote, unquote

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, XSD, DefinedNamespace

__all__ = [
    "IC",
    "ID",
    "PREFIXES",
    "id_from_iri",
    "iri_for_id",
]


class IC(DefinedNamespace):
    """Terms of ``ontology/infra.ttl``; a test keeps the two in step."""

    _NS = Namespace("https://infra-context.dev/ontology#")
    _fail = True

    Service: URIRef
    Resource: URIRef
    System: URIRef
    Team: URIRef
    Person: URIRef
    Vendor: URIRef
    Assumption: URIRef
    Placeholder: URIRef
    CatalogEntity: URIRef
    Question: URIRef
    ObservedService: URIRef
    ObservedCall: URIRef
    Merge: URIRef
    Program: URIRef

    dependsOn: URIRef
    ownedBy: URIRef
    memberOf: URIRef
    usesVendor: URIRef
    assumes: URIRef
    partOf: URIRef
    tier: URIRef
    status: URIRef
    contact: URIRef
    referencedIn: URIRef
    didYouMean: URIRef
    type: URIRef
    tag: URIRef
    annotation: URIRef
    link: URIRef
    confidence: URIRef
    retracted: URIRef
    text: URIRef
    about: URIRef
    assignee: URIRef
    due: URIRef
    questionStatus: URIRef
    answer: URIRef
    alias: URIRef
    calls: URIRef
    caller: URIRef
    callee: URIRef
    callCount: URIRef
    errorCount: URIRef
    notSameAs: URIRef
    connectsTo: URIRef
    changes: URIRef
    evidence: URIRef
    codeOwner: URIRef
    mergedInto: URIRef
    mergedId: URIRef
    matchedBy: URIRef


ID = Namespace("https://infra-context.dev/id/")

PREFIXES: dict[str, Namespace] = {
    "ic": Namespace(str(IC._NS)),
    "id": ID,
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "xsd": Namespace(str(XSD)),
    "dcterms": Namespace(str(DCTERMS)),
    "org": Namespace(str(ORG)),
    "foaf": Namespace(str(FOAF)),
    "prov": Namespace(str(PROV)),
}

_SAFE = "/:@-._~!$&'()*+,;="


def iri_for_id(entity_id: str) -> URIRef:
    """The instance IRI of an importer's id; unsafe characters are percent-encoded.

    >>> iri_for_id("payments api")
    rdflib.term.URIRef('https://infra-context.dev/id/payments%20api')
    """
    return URIRef(str(ID) + quote(entity_id, safe=_SAFE))


def id_from_iri(iri: str) -> str:
    """The short id users see: the importer's id, else the IRI's last segment.

    >>> id_from_iri("https://infra-context.dev/id/payments%20api")
    'payments api'
    >>> id_from_iri("http://example.org/estate#dns")
    'dns'
    """
    if iri.startswith(str(ID)):
        return unquote(iri[len(str(ID)) :])
    for sep in ("#", "/", ":"):
        _, found, tail = iri.rstrip("/#").rpartition(sep)
        if found and tail:
            return unquote(tail)
    return iri
