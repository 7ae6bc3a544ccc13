"""Gaps between what deploy files run and what the catalogs list.

What runs and no catalog or estate lists is ``undeclared-workload``, as urgent as what its
failure hurts; a catalog service that the deploy files of its system do not deploy is
``undeployed-entity`` (a stale entry, or hosted elsewhere), ranked last; a deployed
cloud resource nobody owns is ``unowned-resource`` (said in place of ``no-owner``; a
deployed resource of no vendor, a ``random_password`` or an Ingress, is owned with what
it deploys, and not said to have no owner of its own); an owner a
source names that CODEOWNERS does not is ``owner-disagrees``. Each node says what kinds of
evidence describe it (``ic:evidence``, set when deploy files are loaded); with none loaded
there are none of these gaps.
"""

from __future__ import annotations

from collections.abc import Callable

from rdflib import RDF, URIRef
from rdflib.namespace import DCTERMS

from explorer.analysis.gap import Gap
from explorer.analysis.next_steps import next_step
from explorer.domain.kinds import Kind
from explorer.domain.relations import MEMBER_OF, OWNED_BY, PART_OF, USES_VENDOR, Evidence
from explorer.domain.rules import Rule
from explorer.domain.vocab import IC
from explorer.graph.index import EstateIndex

__all__ = ["deploy_gaps", "evidence_of", "unowned_resource", "utility_resource"]

Impact = Callable[[int], int]  # a node number -> the weighted size of what it hurts


def evidence_of(index: EstateIndex) -> dict[URIRef, frozenset[Evidence]]:
    """Node -> the kinds of evidence that describe it, read once per index; empty when
    no deploy file was loaded (nodes then say none)."""

    def build() -> dict[URIRef, frozenset[Evidence]]:
        found: dict[URIRef, set[Evidence]] = {}
        for node, kind in index.graph.subject_objects(IC.evidence):
            if isinstance(node, URIRef) and str(kind) in Evidence.__members__.values():
                found.setdefault(node, set()).add(Evidence(str(kind)))
        return {node: frozenset(kinds) for node, kinds in found.items()}

    return index.derived("evidence", build)


def _deployed_only(index: EstateIndex, node: URIRef) -> bool:
    return evidence_of(index).get(node) == frozenset({Evidence.DEPLOYED})


def deploy_gaps(index: EstateIndex, impact: Impact) -> list[Gap]:
    """Every deploy gap but ``unowned-resource`` (which ``no-owner`` becomes), unsorted."""
    found = _disagreeing(index, impact)  # CODEOWNERS alone says it
    if evidence_of(index):
        found += [*_undeclared(index, impact), *_undeployed(index)]
    return found


def _undeclared(index: EstateIndex, impact: Impact) -> list[Gap]:
    """Deployed services no catalog or estate lists; only when one is loaded to compare."""
    evidence = evidence_of(index)
    if not any(Evidence.DECLARED in kinds for kinds in evidence.values()):
        return []
    gaps = []
    for node, kinds in sorted(evidence.items()):
        n = index.number.get(node)
        if kinds != {Evidence.DEPLOYED} or n is None or index.kind_at[n] is not Kind.SERVICE:
            continue
        entity = index.entity_at(n)
        how = index.graph.value(node, IC.type) or "workload"
        message = f"{entity.label} runs (a {how}), but no catalog or estate lists it"
        step = next_step(index, Rule.UNDECLARED_WORKLOAD, n)
        gaps.append(Gap(entity, Rule.UNDECLARED_WORKLOAD, message, impact(n), *step))
    return gaps


def _undeployed(index: EstateIndex) -> list[Gap]:
    """Catalog services of a system some deploy file deploys part of, that none deploys;
    one gap a service, naming each such system."""
    evidence = evidence_of(index)
    stale: dict[int, list[str]] = {}
    for system, members in sorted(index.into[PART_OF.predicate].items()):
        deployed = [m for m in members if Evidence.DEPLOYED in evidence.get(index.nodes[m], ())]
        if index.kind_at[system] is not Kind.SYSTEM or not deployed:
            continue
        whole = f"{index.entity_at(system).label} ({len(deployed)} deployed part(s))"
        for m in members:
            kinds = evidence.get(index.nodes[m], frozenset({Evidence.DECLARED}))
            if index.kind_at[m] is Kind.SERVICE and Evidence.DEPLOYED not in kinds:
                stale.setdefault(m, []).append(whole)
    gaps = []
    for m, wholes in stale.items():
        entity, named = index.entity_at(m), " and ".join(sorted(wholes))
        message = (
            f"{entity.label} is listed as part of {named}, but no deploy file runs it: "
            "a stale entry, or hosted elsewhere"
        )
        gaps.append(
            Gap(
                entity,
                Rule.UNDEPLOYED_ENTITY,
                message,
                0,
                *next_step(index, Rule.UNDEPLOYED_ENTITY, m),
            )
        )
    return gaps


def unowned_resource(index: EstateIndex, node: URIRef) -> Gap | None:
    """The ``unowned-resource`` gap a ``no-owner`` node is, when it is a deployed cloud
    resource (one of a vendor's)."""
    if not _deployed_resource(index, node) or not index.targets(node, USES_VENDOR.predicate):
        return None
    entity = index.entity(node)
    how = index.graph.value(node, IC.type) or "resource"
    vendor = ", ".join(
        sorted(index.entity(v).label for v in index.targets(node, USES_VENDOR.predicate))
    )
    message = f"{entity.label} (a deployed {how}, of {vendor}) has no owner in any source"
    step = next_step(index, Rule.UNOWNED_RESOURCE, index.number[node])
    return Gap(entity, Rule.UNOWNED_RESOURCE, message, 0, *step)


def utility_resource(index: EstateIndex, node: URIRef) -> bool:
    """A deployed resource of no vendor (Terraform's ``random_password``, a Kubernetes
    Ingress): a part of how something else is deployed, owned with it, not on its own."""
    return _deployed_resource(index, node) and not index.targets(node, USES_VENDOR.predicate)


def _deployed_resource(index: EstateIndex, node: URIRef) -> bool:
    n = index.number.get(node)
    kinds = evidence_of(index).get(node, frozenset())
    return n is not None and index.kind_at[n] is Kind.RESOURCE and Evidence.DEPLOYED in kinds


def _code_owners(index: EstateIndex) -> dict[URIRef, dict[URIRef, str]]:
    """Node -> each owner CODEOWNERS names for it -> where (the line, the descriptor)."""
    graph = index.graph
    found: dict[URIRef, dict[URIRef, str]] = {}
    for said in graph.subjects(RDF.predicate, IC.codeOwner):
        node, owner = graph.value(said, RDF.subject), graph.value(said, RDF.object)
        if isinstance(node, URIRef) and isinstance(owner, URIRef):
            where = str(graph.value(said, DCTERMS.source) or "CODEOWNERS")
            found.setdefault(node, {})[owner] = where
    return found


def _disagreeing(index: EstateIndex, impact: Impact) -> list[Gap]:
    """Where CODEOWNERS names none of a node's owners, nor anyone in them."""
    gaps = []
    for node, named in sorted(_code_owners(index).items()):
        owners = set(index.targets(node, OWNED_BY.predicate))
        teams = {t for person in named for t in index.targets(person, MEMBER_OF.predicate)}
        if node not in index.number or not owners or owners & (named.keys() | teams):
            continue
        entity = index.entity(node)
        coded = ", ".join(f"{index.entity(o).label} ({w})" for o, w in sorted(named.items()))
        listed = ", ".join(sorted(index.entity(o).label for o in owners))
        message = f"{entity.label} is owned by {listed}, but CODEOWNERS names {coded}"
        n = index.number[node]
        step = next_step(index, Rule.OWNER_DISAGREES, n)
        gaps.append(Gap(entity, Rule.OWNER_DISAGREES, message, impact(n), *step))
    return gaps
