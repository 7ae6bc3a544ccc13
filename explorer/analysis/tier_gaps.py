"""Tier inversions: a node that needs something less critical than itself.

A tier-1 service that depends on a tier-3 one is only as available as the tier-3 one: the
promise its tier makes is broken by what it needs. Each (node, dependency) pair with both
tiers set, the dependency's a less critical number, is one ``tier-inversion`` gap, whatever
says the dependency holds: a source declaring it (``ic:dependsOn``), deploy files wiring it
(``ic:connectsTo``) or calls seen in traffic (``ic:calls``). Vendors and assumptions have
no tier, so their relations are not read. As urgent as what the node's failure hurts.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from rdflib import URIRef

from explorer.analysis.asking import Ask
from explorer.analysis.gap import Gap
from explorer.analysis.next_steps import next_step, who_answers
from explorer.domain.relations import CALLS, CONNECTS_TO, DEPENDS_ON, Relation
from explorer.domain.rules import Rule
from explorer.graph.index import EstateIndex

__all__ = ["NEEDS", "tier_gaps"]

Impact = Callable[[int], int]  # a node number -> the weighted size of what it hurts

# what a node needs to run, one relation of each kind of evidence
NEEDS: tuple[Relation, ...] = (DEPENDS_ON, CONNECTS_TO, CALLS)


def _inverted(index: EstateIndex) -> dict[tuple[int, int], list[Relation]]:
    """(node, dependency) -> the relations between them, where the dependency's tier is a
    less critical one than the node's."""
    tiers, nodes = index.tiers, index.nodes
    found: dict[tuple[int, int], list[Relation]] = {}
    for relation in NEEDS:
        for s, targets in index.out[relation.predicate].items():
            if (tier := tiers.get(nodes[s])) is None:
                continue
            for o in targets:
                if tiers.get(nodes[o], tier) > tier:  # a node with no tier inverts nothing
                    found.setdefault((s, o), []).append(relation)
    return found


def tier_gaps(
    index: EstateIndex, impact: Impact, pairs: Collection[tuple[URIRef, URIRef]] | None = None
) -> list[Gap]:
    """One gap per inverted (node, dependency) pair, or per such pair of ``pairs`` (an
    endpoint's candidates), in the order of the nodes; unsorted by impact. A node's impact
    and whom to ask about a dependency are worked out once, however many pairs share it."""
    impacts: dict[int, int] = {}
    asks: dict[int, Ask] = {}
    gaps = []
    for (s, o), relations in sorted(_inverted(index).items()):
        if pairs is None or (index.nodes[s], index.nodes[o]) in pairs:
            if s not in impacts:
                impacts[s] = impact(s)
            if o not in asks:
                asks[o] = who_answers(index, o)
            gaps.append(_gap(index, (s, o), relations, impacts[s], asks[o]))
    return gaps


def _gap(
    index: EstateIndex, pair: tuple[int, int], relations: list[Relation], impact: int, ask: Ask
) -> Gap:
    node, dependency = map(index.entity_at, pair)
    how = "; ".join(f"{r.evidence}: {r.name}" for r in relations)
    message = (
        f"{node.label} (tier {node.tier}) depends on {dependency.label} (tier "
        f"{dependency.tier}), which is less critical ({how})"
    )
    step = next_step(
        index, Rule.TIER_INVERSION, pair[1], ask, dependency=dependency.label, tier=node.tier
    )
    return Gap(node, Rule.TIER_INVERSION, message, impact, *step)
