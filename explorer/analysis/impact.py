"""How urgent a gap is: the weighted size of what is hurt if the node it leaves without a
reachable owner fails (for a team or a person, what they own)."""

from __future__ import annotations

from rdflib import URIRef

from explorer.analysis.blast_radius import hurt_by
from explorer.domain.kinds import OWNER_KINDS
from explorer.domain.relations import OWNED_BY
from explorer.graph.index import EstateIndex

__all__ = ["impact_of"]


def impact_of(index: EstateIndex, node: URIRef) -> int:
    """Weighted size of what is hurt if ``node`` (or what it owns) fails unattended: tier 1
    counts 3, tier 2 counts 2, the rest 1."""
    number = index.number[node]
    starts = list(index.into[OWNED_BY.predicate].get(number, ()))
    if index.kind_at[number] not in OWNER_KINDS:
        starts.append(number)
    hurt: set[int] = set()
    graph = hurt_by(index)
    for start in starts:
        if start not in hurt:
            hurt.update(graph.subcomponent(start, mode="out"))
    return sum(map(index.weight_at.__getitem__, hurt))
