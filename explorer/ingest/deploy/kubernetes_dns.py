"""Which workloads a Kubernetes DNS name reaches, across every file of a load.

A Service selects the workloads of its namespace whose pod labels hold every pair of its
selector; it is not a node itself, so a name resolves straight to those workloads. A pod
resolves ``name`` in its own namespace only, and ``name.ns``, ``name.ns.svc`` and
``name.ns.svc.cluster.local`` (any cluster domain after ``svc``) anywhere; a StatefulSet
pod's ``pod-0.name.ns.svc...`` reaches its Service's workloads too. An object that names
no namespace is in ``default``, where kubectl puts it without ``-n``.
"""

from __future__ import annotations

from collections import defaultdict

from explorer.ingest.deploy.kubernetes_objects import (
    DEFAULT_NAMESPACE,
    KubeFacts,
    Service,
    Workload,
)

__all__ = ["Cluster", "service_of"]


def service_of(host: str, namespace: str) -> tuple[str, str] | None:
    """The (namespace, Service name) a host name asks for from a pod in ``namespace``.

    >>> service_of("cart", "shop"), service_of("zipkin.jaeger.svc.cluster.local", "shop")
    (('shop', 'cart'), ('jaeger', 'zipkin'))
    >>> service_of("db-0.db.data.svc.cluster.local", "shop"), service_of("a.b.c", "shop")
    (('data', 'db'), None)
    """
    parts = host.lower().rstrip(".").split(".")
    if len(parts) == 1:
        return namespace, parts[0]
    if len(parts) == 2 or parts[2] == "svc":
        return parts[1], parts[0]
    if len(parts) >= 4 and parts[3] == "svc":
        return parts[2], parts[1]
    return None


class Cluster:
    """Every file's workloads with their ids, and the Services that select them."""

    def __init__(self, facts: list[KubeFacts]) -> None:
        self.workloads = [w for f in facts for w in f.workloads]
        self.ids = _ids(self.workloads)
        in_namespace: dict[str, list[Workload]] = defaultdict(list)
        for workload in self.workloads:
            in_namespace[workload.dns_namespace].append(workload)
        self._selected: dict[tuple[str, str], list[Workload]] = {}
        for service in (s for f in facts for s in f.services):
            namespace = service.namespace or DEFAULT_NAMESPACE
            chosen = self._selected.setdefault((namespace, service.name.lower()), [])
            chosen += [
                w for w in in_namespace[namespace] if _selects(service, w) and w not in chosen
            ]

    def selected(self, name: str, namespace: str) -> list[Workload] | None:
        """The workloads Service ``name`` of ``namespace`` selects; None if no file
        defines that Service."""
        return self._selected.get((namespace, name.lower()))

    def reached(self, host: str, namespace: str) -> list[Workload]:
        """The workloads a host name reaches from a pod in ``namespace``."""
        found = service_of(host, namespace)
        return (self.selected(found[1], found[0]) or []) if found else []


def _selects(service: Service, workload: Workload) -> bool:
    labels = workload.pod_labels
    return service.selector is not None and all(labels.get(k) == v for k, v in service.selector)


def _ids(workloads: list[Workload]) -> dict[Workload, str]:
    """Each workload's id: its name, or ``namespace/name`` where namespaces share it."""
    namespaces: dict[str, set[str]] = defaultdict(set)
    for workload in workloads:
        namespaces[workload.name].add(workload.dns_namespace)
    return {
        w: f"{w.dns_namespace}/{w.name}" if len(namespaces[w.name]) > 1 else w.name
        for w in workloads
    }
