"""Kubernetes manifests (``kubectl apply`` files, ``helm template`` output, ``kubectl get
-o yaml`` Lists) as the services they run, read offline: kubectl and helm are never run.

Reading is two steps, as a Service in one file selects workloads another defines:
``kubernetes_facts`` reads a file, ``kubernetes_records`` joins every file of a load.
Each Deployment, StatefulSet, DaemonSet, Job and CronJob is a service, named by its name
(``namespace/name`` where two namespaces hold that name). An env value or a used
ConfigMap's value naming a Service's DNS name is a ``likely`` ``ic:connectsTo`` to each
workload the Service selects (the value is never kept, as it may hold a password); an
Ingress is a resource connected to the workloads behind its backends. Labels give the
system (``app.kubernetes.io/part-of``), the owner (an owner or team key) and the Backstage
component (``backstage.io/kubernetes-id``). A name that reaches nothing links nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from rdflib import Literal
from rdflib.namespace import RDFS

from explorer.domain.kinds import Kind
from explorer.domain.vocab import IC
from explorer.ingest.deploy.hosts import hosts_in
from explorer.ingest.deploy.kubernetes_dns import Cluster
from explorer.ingest.deploy.kubernetes_env import ConfigMaps, configured
from explorer.ingest.deploy.kubernetes_objects import (
    DEFAULT_NAMESPACE,
    Ingress,
    KubeFacts,
    Tag,
    Workload,
)
from explorer.ingest.deploy.kubernetes_reading import is_object, read_objects
from explorer.ingest.deploy.owners import owner_key
from explorer.ingest.fields import EntityRecord, Link
from explorer.ingest.notes import Notes
from explorer.statements import Confidence

__all__ = ["KubeFacts", "is_kubernetes", "kubernetes_facts", "kubernetes_records"]

_DEPLOYED = "deployed"
PART_OF = "app.kubernetes.io/part-of"
BACKSTAGE_ID = "backstage.io/kubernetes-id"


def is_kubernetes(document: object) -> bool:
    """A Kubernetes object (or ``kind: List``): text ``apiVersion`` and ``kind``, and not a
    Backstage descriptor, which has both too."""
    return is_object(document)


def kubernetes_facts(path: str, documents: list[tuple[int, Any]], notes: Notes) -> KubeFacts:
    """What one file's documents say; a malformed object is a problem, the rest is read."""
    return read_objects(path, documents, notes)


def kubernetes_records(facts: list[KubeFacts], notes: Notes) -> list[EntityRecord]:
    """The records of every manifest of one load: workloads, Ingresses, and the systems
    their ``part-of`` labels name (once each, where first named)."""
    cluster = Cluster(facts)
    configmaps = ConfigMaps(facts)
    systems: dict[str, EntityRecord] = {}
    taken = set(cluster.ids.values())
    records = []
    for workload in cluster.workloads:
        record = _workload_record(workload, cluster.ids[workload])
        record.links += _connections(workload, cluster, configmaps)
        record.links += _part_of(workload, systems, taken)
        record.links += _owner(workload)
        records.append(record)
    taken |= set(systems)
    ingresses = [i for f in facts for i in f.ingresses]
    records += _ingress_records(ingresses, cluster, taken, notes)
    return records + list(systems.values())


def _workload_record(workload: Workload, entity_id: str) -> EntityRecord:
    record = EntityRecord(Kind.SERVICE, entity_id, workload.path, workload.line, evidence=_DEPLOYED)
    record.attributes.append((IC.type, Literal(workload.kind)))
    if workload.namespace:
        record.attributes.append((IC.annotation, Literal(f"namespace: {workload.namespace}")))
    found = _first(workload.tags, BACKSTAGE_ID)
    if found is not None:
        record.names = (found.value,)
        record.same_as = [f"component/default/{found.value.lower()}"]
    return record


def _connections(workload: Workload, cluster: Cluster, configmaps: ConfigMaps) -> list[Link]:
    """A ``likely`` link to each other workload a configured value names, once each, at
    the first line naming it."""
    own = cluster.ids[workload]
    links: dict[str, Link] = {}
    for said in configured(workload, configmaps):
        for host in hosts_in(said.value):
            for target in cluster.reached(host, workload.dns_namespace):
                target_id = cluster.ids[target]
                if target is workload or target_id == own or target_id in links:
                    continue
                source = f"{said.where} names {host}"
                links[target_id] = Link(
                    IC.connectsTo, target_id, said.line, confidence=Confidence.LIKELY, source=source
                )
    return list(links.values())


def _first(tags: list[Tag], key: str) -> Tag | None:
    """The tag of ``key`` said first: the object's own before its pod template's."""
    found = sorted((t for t in tags if t.key == key and t.value.strip()), key=lambda t: t.place)
    return found[0] if found else None


def _part_of(workload: Workload, systems: dict[str, EntityRecord], taken: set[str]) -> list[Link]:
    """The system a ``part-of`` label names: by its name, or ``name-system`` where a
    workload has that name (labelled with the name, which a catalog's system matches)."""
    found = _first(workload.tags, PART_OF)
    if found is None:
        return []
    name = found.value.strip()
    entity_id = f"{name}-system" if name in taken else name
    system = EntityRecord(
        Kind.SYSTEM, entity_id, workload.path, found.line, name, evidence=_DEPLOYED
    )
    system.attributes.append((RDFS.label, Literal(name)))
    systems.setdefault(entity_id, system)
    return [Link(IC.partOf, entity_id, found.line)]


def _owner(workload: Workload) -> list[Link]:
    """One owner: the object's tags before its pod template's, then an owner key before
    a team key, then a label before an annotation."""
    ranked = [
        ((tag.place // 2, rank, tag.place % 2), tag)
        for tag in workload.tags
        if (rank := owner_key(tag.key)) is not None and tag.value.strip()
    ]
    if not ranked:
        return []
    tag = min(ranked, key=lambda pair: pair[0])[1]
    return [Link(IC.ownedBy, tag.value.strip(), tag.line)]


def _ingress_records(
    ingresses: list[Ingress], cluster: Cluster, taken: set[str], notes: Notes
) -> list[EntityRecord]:
    """An Ingress is a resource connected to each workload behind its backends."""
    records = []
    for ingress, entity_id in _ingress_ids(ingresses, cluster, taken).items():
        record = EntityRecord(
            Kind.RESOURCE, entity_id, ingress.path, ingress.line, evidence=_DEPLOYED
        )
        record.attributes.append((IC.type, Literal("Ingress")))
        if ingress.namespace:
            record.attributes.append((IC.annotation, Literal(f"namespace: {ingress.namespace}")))
        record.links += _behind(ingress, cluster, notes)
        records.append(record)
    return records


def _behind(ingress: Ingress, cluster: Cluster, notes: Notes) -> Iterator[Link]:
    namespace = ingress.namespace or DEFAULT_NAMESPACE
    seen: set[str] = set()
    for name, line in ingress.backends:
        chosen = cluster.selected(name, namespace)
        if chosen is None:
            said = f"Ingress {ingress.name!r}: its backend Service {name!r} is in no file read"
            notes.warn(ingress.path, line, said)
        for workload in chosen or []:
            if (target := cluster.ids[workload]) not in seen:
                seen.add(target)
                yield Link(IC.connectsTo, target, line)


def _ingress_ids(ingresses: list[Ingress], cluster: Cluster, taken: set[str]) -> dict[Ingress, str]:
    """An Ingress's id: its name, ``name-ingress`` where a workload or a system has that
    name (or id), and ``namespace/`` before it where namespaces share it."""
    taken = taken | {w.name for w in cluster.workloads}
    bases = {i: f"{i.name}-ingress" if i.name in taken else i.name for i in ingresses}
    namespaces: dict[str, set[str]] = defaultdict(set)
    for ingress, base in bases.items():
        namespaces[base].add(ingress.namespace or DEFAULT_NAMESPACE)
    return {
        i: f"{i.namespace or DEFAULT_NAMESPACE}/{base}" if len(namespaces[base]) > 1 else base
        for i, base in bases.items()
    }
