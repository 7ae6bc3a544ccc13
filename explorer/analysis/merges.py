"""Which descriptions loading made one node of (``explorer.ingest.identity``), as the
graph records them (``ic:Merge``): for ``show``, the details panel and the Problems panel."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCTERMS

from explorer.domain.vocab import IC
from explorer.graph.index import EstateIndex

__all__ = ["Merged", "all_merges", "merges"]


@dataclass(frozen=True, order=True)
class Merged:
    """``other`` (an id some source gave the thing, at ``where``) is ``node``, by ``how``."""

    node: str
    other: str
    where: str
    how: str

    def words(self) -> str:
        """``component/default/checkout (catalog-info.yaml:4, matched by name)``."""
        where = self.where.rsplit("/", 1)[-1]
        return f"{self.other} ({where}, matched by {self.how})"


def all_merges(index: EstateIndex) -> list[Merged]:
    """Every merge the load made, worked out once per index (and kept with a warm entry,
    so that the app lists them without reading the graph)."""
    return index.derived("merges", lambda: merges(index.graph))


def merges(graph: Graph, node: URIRef | None = None) -> list[Merged]:
    """Every merge the load made (into ``node`` only, when given), in a stable order.

    >>> from explorer.ingest import load
    >>> merges(load().graph)
    []
    """
    found = []
    made = (
        graph.subjects(IC.mergedInto, node)
        if node is not None
        else graph.subjects(RDF.type, IC.Merge)
    )
    for merge in made:
        into = graph.value(merge, IC.mergedInto)
        found.append(
            Merged(
                str(into),
                str(graph.value(merge, IC.mergedId) or ""),
                str(graph.value(merge, DCTERMS.source) or ""),
                str(graph.value(merge, IC.matchedBy) or ""),
            )
        )
    return sorted(found)
