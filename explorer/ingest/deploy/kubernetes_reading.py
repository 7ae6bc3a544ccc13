"""One file's Kubernetes objects read into facts; a malformed object is a problem at its
line and left out, and the rest of the file is read.

Workloads of any ``apiVersion`` (``apps/v1``, ``extensions/v1beta1``) are read alike: a
pod template's labels are what Services select (an old Deployment without a selector may
label only itself, so its own labels stand in). Kinds the reader has no use for
(ServiceAccount, Namespace, NetworkPolicy, custom resources) are passed by, and a Secret's
values are never read at all.
"""

from __future__ import annotations

from typing import Any

from explorer.domain.errors import InputError
from explorer.ingest.deploy.kubernetes_objects import (
    ConfigEntry,
    ConfigMap,
    ConfigUse,
    Container,
    EnvEntry,
    Ingress,
    KubeFacts,
    Malformed,
    Service,
    Tag,
    Workload,
    line_of,
)
from explorer.ingest.notes import Notes

__all__ = ["WORKLOAD_KINDS", "is_object", "read_objects"]

WORKLOAD_KINDS = ("Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob")
Mapping = dict[str, Any]


def is_object(document: object) -> bool:
    """A Kubernetes object's shape: text ``apiVersion`` and ``kind``, but not Backstage's
    descriptors, which have both too."""
    if not isinstance(document, dict):
        return False
    version, kind = document.get("apiVersion"), document.get("kind")
    return isinstance(version, str) and isinstance(kind, str) and "backstage.io" not in version


def read_objects(path: str, documents: list[tuple[int, Any]], notes: Notes) -> KubeFacts:
    """The facts of one file's documents (a ``kind: List`` gives its items)."""
    facts = KubeFacts(path)
    for number, document in documents:
        for item in _objects(path, number, document, notes):
            try:
                _read(facts, item)
            except Malformed as exc:
                notes.problem(InputError(path, exc.line, exc.message))
    return facts


def _objects(path: str, number: int, document: Any, notes: Notes) -> list[Mapping]:
    if not is_object(document):
        return []
    if document["kind"] != "List":
        return [document]
    items = document.get("items")
    if not isinstance(items, list):
        if items is not None:
            said = f"document {number}: a List's items must be a list"
            notes.problem(InputError(path, line_of(document, "items"), said))
        return []
    found = [item for item in items if is_object(item)]
    for item in items:
        if not is_object(item):
            said = f"document {number}: an item of a List has no apiVersion and kind"
            notes.problem(InputError(path, line_of(item) or line_of(document, "items"), said))
    return found


def _read(facts: KubeFacts, item: Mapping) -> None:
    kind = item["kind"]
    if kind in WORKLOAD_KINDS:
        facts.workloads.append(_workload(facts.path, item))
    elif kind == "Service":
        facts.services.append(_service(item))
    elif kind == "Ingress":
        facts.ingresses.append(_ingress(facts.path, item))
    elif kind == "ConfigMap":
        facts.configmaps.append(_configmap(facts.path, item))


def _metadata(item: Mapping) -> tuple[Mapping, str, str | None, int | None]:
    """An object's metadata, name, namespace (None if it names none) and name's line."""
    kind = item["kind"]
    meta = item.get("metadata")
    if not isinstance(meta, dict):
        raise Malformed(line_of(item, "metadata"), f"a {kind} whose metadata is not a mapping")
    name = meta.get("name")
    if not isinstance(name, str) or not name.strip():
        raise Malformed(line_of(meta, "name"), f"a {kind} without a metadata.name")
    namespace = meta.get("namespace")
    if namespace is not None and not isinstance(namespace, str):
        said = f"{kind} {name!r}: metadata.namespace must be text"
        raise Malformed(line_of(meta, "namespace"), said)
    return meta, name.strip(), (namespace or "").strip() or None, line_of(meta, "name")


def _mapping(parent: Mapping, key: str, what: str, required: bool = False) -> Mapping:
    value = parent.get(key)
    if value is None and not required:
        return {}
    if not isinstance(value, dict):
        raise Malformed(line_of(parent, key), f"{what}: {key} must be a mapping")
    return value


def _list(parent: Mapping, key: str, what: str) -> list[Any]:
    value = parent.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise Malformed(line_of(parent, key), f"{what}: {key} must be a list")
    return value


def _text(value: object) -> str | None:
    """A scalar as Kubernetes would read it; None for nothing, a list or a mapping."""
    if value is None or isinstance(value, dict | list):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _strings(mapping: Mapping) -> dict[str, str]:
    return {str(k): text for k, v in mapping.items() if (text := _text(v)) is not None}


def _workload(path: str, item: Mapping) -> Workload:
    meta, name, namespace, line = _metadata(item)
    kind = item["kind"]
    what = f"{kind} {name!r}"
    spec = _mapping(item, "spec", what, required=True)
    if kind == "CronJob":
        spec = _mapping(_mapping(spec, "jobTemplate", what, True), "spec", what, True)
    template = _mapping(spec, "template", what, required=True)
    pod = _mapping(template, "metadata", what)
    pod_spec = _mapping(template, "spec", what, required=True)
    own = _strings(_mapping(meta, "labels", what))
    workload = Workload(kind, name, namespace, path, line)
    workload.pod_labels = _strings(_mapping(pod, "labels", what)) or own
    workload.tags = [*_tags(meta, 0, what), *_tags(pod, 2, what)]
    for key in ("containers", "initContainers"):
        at = line_of(pod_spec, key)
        workload.containers += [_container(c, what, at) for c in _list(pod_spec, key, what)]
    workload.volumes = _volumes(_list(pod_spec, "volumes", what))
    return workload


def _tags(meta: Mapping, place: int, what: str) -> list[Tag]:
    found = []
    for offset, key in enumerate(("labels", "annotations")):
        said = _mapping(meta, key, what)
        for name, value in said.items():
            if (text := _text(value)) is not None:
                found.append(Tag(str(name), text, line_of(said, str(name)), place + offset))
    return found


def _container(container: object, what: str, line: int | None) -> Container:
    if not isinstance(container, dict):
        raise Malformed(line, f"{what}: a container must be a mapping")
    found = Container()
    for entry in _list(container, "envFrom", what):
        if isinstance(entry, dict) and (use := _config_use(entry, "configMapRef")):
            prefix = _text(entry.get("prefix")) or ""
            found.env_from.append(ConfigUse(use.name, use.line, prefix))
    for entry in _list(container, "env", what):
        if isinstance(entry, dict) and isinstance(entry.get("name"), str):
            found.env.append(_env_entry(entry))
    return found


def _env_entry(entry: Mapping) -> EnvEntry:
    """An env entry; one whose value comes from a Secret or a field defines its name only."""
    name, line = entry["name"], line_of(entry)
    value = _text(entry.get("value"))
    if value is not None:
        return EnvEntry(name, line, value=value)
    source = entry.get("valueFrom")
    ref = source.get("configMapKeyRef") if isinstance(source, dict) else None
    if isinstance(ref, dict) and isinstance(ref.get("name"), str):
        key = _text(ref.get("key"))
        if key is not None:
            return EnvEntry(name, line, config=(ref["name"], key))
    return EnvEntry(name, line)


def _config_use(holder: Mapping, key: str, as_env: bool = True) -> ConfigUse | None:
    ref = holder.get(key)
    if isinstance(ref, dict) and isinstance(ref.get("name"), str):
        return ConfigUse(ref["name"], line_of(ref, "name"), as_env=as_env)
    return None


def _volumes(volumes: list[Any]) -> list[ConfigUse]:
    """The ConfigMaps a pod mounts, directly or in a projected volume."""
    holders = [v for v in volumes if isinstance(v, dict)]
    for volume in list(holders):
        projected = volume.get("projected")
        sources = projected.get("sources") if isinstance(projected, dict) else None
        holders += [s for s in sources or [] if isinstance(s, dict)]
    found = [_config_use(holder, "configMap", as_env=False) for holder in holders]
    return [use for use in found if use is not None]


def _service(item: Mapping) -> Service:
    _, name, namespace, line = _metadata(item)
    what = f"Service {name!r}"
    spec = _mapping(item, "spec", what)
    pairs = tuple(sorted(_strings(_mapping(spec, "selector", what)).items()))
    selects = bool(pairs) and spec.get("type") != "ExternalName"
    return Service(name, namespace, line, pairs if selects else None)


def _ingress(path: str, item: Mapping) -> Ingress:
    _, name, namespace, line = _metadata(item)
    what = f"Ingress {name!r}"
    spec = _mapping(item, "spec", what)
    said = [spec.get("defaultBackend"), spec.get("backend")]
    for rule in _list(spec, "rules", what):
        http = rule.get("http") if isinstance(rule, dict) else None
        paths = http.get("paths") if isinstance(http, dict) else None
        said += [p.get("backend") for p in paths or [] if isinstance(p, dict)]
    backends = [found for backend in said if (found := _backend(backend)) is not None]
    return Ingress(name, namespace, path, line, backends)


def _backend(backend: object) -> tuple[str, int | None] | None:
    """The Service a backend names: ``service.name`` (networking.k8s.io/v1) or the old
    ``serviceName``."""
    if not isinstance(backend, dict):
        return None
    service = backend.get("service")
    if isinstance(service, dict) and isinstance(service.get("name"), str):
        return service["name"], line_of(service, "name")
    if isinstance(backend.get("serviceName"), str):
        return backend["serviceName"], line_of(backend, "serviceName")
    return None


def _configmap(path: str, item: Mapping) -> ConfigMap:
    _, name, namespace, _ = _metadata(item)
    data = _mapping(item, "data", f"ConfigMap {name!r}")
    entries = [
        ConfigEntry(str(key), text, line_of(data, str(key)))
        for key, value in data.items()
        if (text := _text(value)) is not None
    ]
    return ConfigMap(name, namespace, path, entries)
