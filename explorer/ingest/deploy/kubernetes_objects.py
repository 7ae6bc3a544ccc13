"""What one Kubernetes manifest file says, kept as plain facts until every file is read.

A Service in one file selects workloads another defines (one object per file is common),
so a file is first read into these facts; ``kubernetes_records`` joins them. Only what the
reader needs is kept: names, namespaces, labels, env entries and ConfigMap data. A Secret
is never kept, so its values cannot reach a record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "DEFAULT_NAMESPACE",
    "ConfigEntry",
    "ConfigMap",
    "ConfigUse",
    "Container",
    "EnvEntry",
    "Ingress",
    "KubeFacts",
    "Malformed",
    "Service",
    "Tag",
    "Workload",
    "line_of",
]

# where kubectl puts an object that names no namespace, and so where its DNS names live
DEFAULT_NAMESPACE = "default"


class Malformed(Exception):
    """An object that cannot be read as its kind says: left out, and said at its line."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def line_of(mapping: Any, key: str | None = None) -> int | None:
    """The line of ``key`` in a parsed mapping (else of the mapping itself), if known."""
    lines = getattr(mapping, "lines", {})
    found = lines.get(key) if key is not None else None
    return found if found is not None else getattr(mapping, "line", None)


@dataclass(frozen=True)
class Tag:
    """A label or annotation. ``place`` orders where it was said: 0 and 1 the object's
    labels and annotations, 2 and 3 its pod template's (owners are taken in that order)."""

    key: str
    value: str
    line: int | None
    place: int


@dataclass(frozen=True)
class EnvEntry:
    """One ``env`` entry of a container: a value as written (``$(VAR)`` not yet expanded),
    or the ConfigMap key it takes its value from; a Secret's is neither (None)."""

    name: str
    line: int | None
    value: str | None = None
    config: tuple[str, str] | None = None  # (ConfigMap, key) of valueFrom.configMapKeyRef


@dataclass(frozen=True)
class ConfigUse:
    """A ConfigMap taken whole: by ``envFrom`` (its keys become variables, with
    ``prefix``) or as a volume (its values are files the workload reads)."""

    name: str
    line: int | None
    prefix: str = ""
    as_env: bool = True


@dataclass
class Container:
    """A container's or initContainer's environment, in the order Kubernetes builds it."""

    env_from: list[ConfigUse] = field(default_factory=list)
    env: list[EnvEntry] = field(default_factory=list)


@dataclass(eq=False)  # compared by identity: two files may hold one name twice
class Workload:
    """A Deployment, StatefulSet, DaemonSet, Job or CronJob; ``pod_labels`` are what a
    Service's selector is matched against."""

    kind: str
    name: str
    namespace: str | None
    path: str
    line: int | None
    pod_labels: dict[str, str] = field(default_factory=dict)
    tags: list[Tag] = field(default_factory=list)
    containers: list[Container] = field(default_factory=list)
    volumes: list[ConfigUse] = field(default_factory=list)

    @property
    def dns_namespace(self) -> str:
        """The namespace its bare DNS names resolve in: ``default`` when it names none."""
        return self.namespace or DEFAULT_NAMESPACE


@dataclass(frozen=True)
class Service:
    """A Service's name and selector; None selects nothing (ExternalName, selector-less)."""

    name: str
    namespace: str | None
    line: int | None
    selector: tuple[tuple[str, str], ...] | None


@dataclass(eq=False)
class Ingress:
    """An Ingress and the Services its backends name, each at its line."""

    name: str
    namespace: str | None
    path: str
    line: int | None
    backends: list[tuple[str, int | None]] = field(default_factory=list)


@dataclass(frozen=True)
class ConfigEntry:
    key: str
    value: str
    line: int | None


@dataclass
class ConfigMap:
    name: str
    namespace: str | None
    path: str
    entries: list[ConfigEntry] = field(default_factory=list)


@dataclass
class KubeFacts:
    """What one file says: its workloads, Services, Ingresses and ConfigMaps."""

    path: str
    workloads: list[Workload] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    ingresses: list[Ingress] = field(default_factory=list)
    configmaps: list[ConfigMap] = field(default_factory=list)
