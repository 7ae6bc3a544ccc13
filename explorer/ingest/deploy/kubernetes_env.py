"""The values a workload is configured with, as the kubelet would hand them over: env
entries with ``$(VAR)`` expanded, ConfigMap keys taken by ``configMapKeyRef``, and whole
ConfigMaps taken by ``envFrom`` or mounted as files, whose values are scanned line by line
(a mounted config names its peers as ``endpoint: http://collector:4317``).

A value is only a place to look for host names; the words that say where a link came
from name the variable or ConfigMap key and the host, never the value, which may hold a
password. A Secret is never consulted: a variable from one has no value here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from explorer.ingest.deploy.kubernetes_objects import (
    DEFAULT_NAMESPACE,
    ConfigEntry,
    ConfigMap,
    ConfigUse,
    Container,
    EnvEntry,
    KubeFacts,
    Workload,
)

__all__ = ["ConfigMaps", "Said", "configured", "expand"]

_REFERENCE = re.compile(r"\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)")
_URL_IN = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s'\"<>,;]+")


@dataclass(frozen=True)
class Said:
    """A value that may name hosts, the line of the workload's file to point at, and
    where it was said (``env CART_ADDR``, ``configmap shop-config telemetry.yaml``)."""

    value: str
    line: int | None
    where: str


class ConfigMaps:
    """Every file's ConfigMaps, found by namespace and name as a pod finds them."""

    def __init__(self, facts: list[KubeFacts]) -> None:
        self._found: dict[tuple[str, str], ConfigMap] = {}
        for config in (c for f in facts for c in f.configmaps):
            self._found.setdefault((config.namespace or DEFAULT_NAMESPACE, config.name), config)

    def find(self, name: str, namespace: str) -> ConfigMap | None:
        return self._found.get((namespace, name))


def expand(value: str, known: Mapping[str, str | None]) -> str:
    """``$(VAR)`` replaced by an earlier variable's value, as the kubelet does; ``$$`` is
    a literal ``$``, and a reference to nothing (or to a Secret) stays as written.

    >>> expand("http://$(HOST):4317 $$(HOST) $(NONE)", {"HOST": "collector"})
    'http://collector:4317 $(HOST) $(NONE)'
    """

    def one(found: re.Match[str]) -> str:
        if found.group(0) == "$$":
            return "$"
        value = known.get(found.group(1))
        return value if value is not None else found.group(0)

    return _REFERENCE.sub(one, value)


def configured(workload: Workload, configmaps: ConfigMaps) -> Iterator[Said]:
    """Every value the workload's containers and mounted ConfigMaps give it."""
    for container in workload.containers:
        yield from _container(workload, container, configmaps)
    for use in workload.volumes:
        yield from _whole(workload, use, configmaps)


def _container(workload: Workload, container: Container, configmaps: ConfigMaps) -> Iterator[Said]:
    """A container's variables in the order Kubernetes defines them: ``envFrom`` first,
    then each ``env`` entry, which may refer to those before it."""
    known: dict[str, str | None] = {}
    for use in container.env_from:
        config = configmaps.find(use.name, workload.dns_namespace)
        if config is not None:
            known.update({use.prefix + e.key: e.value for e in config.entries})
            yield from _whole(workload, use, configmaps)
    for entry in container.env:
        value = _value(entry, known, configmaps, workload.dns_namespace)
        known[entry.name] = value
        if value is not None:
            yield Said(value, entry.line, f"env {entry.name}")


def _value(
    entry: EnvEntry, known: Mapping[str, str | None], configmaps: ConfigMaps, namespace: str
) -> str | None:
    if entry.config is not None:
        name, key = entry.config
        config = configmaps.find(name, namespace)
        found = [e.value for e in config.entries if e.key == key] if config else []
        return found[0] if found else None
    return expand(entry.value, known) if entry.value is not None else None


def _whole(workload: Workload, use: ConfigUse, configmaps: ConfigMaps) -> Iterator[Said]:
    """Each line of each value of a ConfigMap taken whole. The line pointed at is the
    value's own when the ConfigMap is in the workload's file, else the line taking it."""
    config = configmaps.find(use.name, workload.dns_namespace)
    if config is None:
        return
    here = config.path == workload.path
    for entry in config.entries:
        texts = entry.value.splitlines()
        for number, text in enumerate(texts):
            line = _value_line(entry, number, len(texts))
            where = f"configmap {config.name} {entry.key}"
            if not here:
                where += f" ({Path(config.path).name}{'' if line is None else f':{line}'})"
            for candidate in _candidates(text):
                yield Said(candidate, line if here else use.line, where)


def _value_line(entry: ConfigEntry, number: int, count: int) -> int | None:
    """The line of a value's ``number``-th line: a block scalar's start below its key."""
    if entry.line is None:
        return None
    return entry.line + number + 1 if count > 1 else entry.line


def _candidates(text: str) -> list[str]:
    """What in one line of a config may be a host: the line, the value of ``key: value``
    or ``key=value``, and each URL in it."""
    stripped = text.strip().removeprefix("- ").strip()
    found = [stripped]
    for separator in (": ", "="):
        if separator in stripped:
            found.append(stripped.split(separator, 1)[1].strip())
    return found + _URL_IN.findall(stripped)
