"""Where a snapshot came from, in W3C PROV: when, by which tool, from which files.

Provenance lives on its own nodes (a snapshot, a software agent, one node per source file)
that are none of our kinds, so no analysis, search or diff ever sees them.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import UTC, datetime

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import PROV, XSD

from explorer import __version__
from explorer.ingest import LoadResult, SourceInfo

__all__ = ["Provenance", "is_provenance", "provenance_graph", "provenance_of", "without_provenance"]

SNAPSHOTS = "https://infra-context.dev/snapshot/"
SOFTWARE = "https://infra-context.dev/software/"
FILES = "urn:sha256:"
ENDPOINTS = "https://infra-context.dev/endpoint/"


@dataclass(frozen=True)
class Provenance:
    """What a snapshot records about itself."""

    sources: tuple[SourceInfo, ...]
    made: datetime
    tool: str = f"infra-explorer {__version__}"
    endpoints: tuple[str, ...] = ()  # SPARQL endpoints copied, as sources write them


def _now() -> datetime:
    """Now; or ``$SOURCE_DATE_EPOCH`` when set, for byte-identical rebuilds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)


def provenance_of(
    result: LoadResult, made: datetime | None = None, endpoints: tuple[str, ...] = ()
) -> Provenance:
    return Provenance(tuple(result.sources), made or _now(), endpoints=endpoints)


def provenance_graph(provenance: Provenance) -> Graph:
    """The PROV triples for one snapshot."""
    graph = Graph()
    stamp = provenance.made.astimezone(UTC).isoformat().replace("+00:00", "Z")
    digest = hashlib.sha256(
        (
            stamp
            + "".join(sorted(s.sha256 for s in provenance.sources))
            + "".join(provenance.endpoints)
        ).encode()
    ).hexdigest()[:24]
    snapshot = URIRef(SNAPSHOTS + digest)
    agent = URIRef(SOFTWARE + provenance.tool.replace(" ", "/"))
    graph.add((snapshot, RDF.type, PROV.Entity))
    graph.add((snapshot, RDFS.label, Literal(f"snapshot made {stamp}")))
    graph.add((snapshot, PROV.generatedAtTime, Literal(stamp, datatype=XSD.dateTime)))
    graph.add((snapshot, PROV.wasAttributedTo, agent))
    graph.add((agent, RDF.type, PROV.SoftwareAgent))
    graph.add((agent, RDFS.label, Literal(provenance.tool)))
    for source in provenance.sources:
        node = URIRef(FILES + source.sha256)
        graph.add((snapshot, PROV.wasDerivedFrom, node))
        graph.add((node, RDF.type, PROV.Entity))
        graph.add((node, RDFS.label, Literal(str(source.path))))
    for endpoint in provenance.endpoints:
        node = URIRef(ENDPOINTS + hashlib.sha256(endpoint.encode()).hexdigest()[:24])
        graph.add((snapshot, PROV.wasDerivedFrom, node))
        graph.add((node, RDF.type, PROV.Entity))
        graph.add((node, RDFS.label, Literal(endpoint)))
    return graph


def is_provenance(node: object) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(
        (SNAPSHOTS, SOFTWARE, FILES, ENDPOINTS)
    )


def without_provenance(graph: Graph) -> Graph:
    """The graph minus every provenance node's triples (for comparing contents)."""
    out = Graph()
    for triple in graph:
        if not is_provenance(triple[0]):
            out.add(triple)
    return out
