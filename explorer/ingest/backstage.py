"""Backstage catalog descriptors (``apiVersion: backstage.io/...``, and the scaffolder's
``scaffolder.backstage.io/...`` Templates) as entity records.

Mapping (see the README): Component and API are ``ic:Service`` (an API depends on the
component that provides it, so a provider's failure reaches the API's consumers); Resource is
``ic:Resource``; System and Domain are ``ic:System``; Group is ``ic:Team`` (``parent`` is
``org:subOrganizationOf``); User is ``ic:Person``; a Template, and any other kind, is an
``ic:CatalogEntity``. Names and references follow Backstage's rules
(``explorer.ingest.backstage_names``); references are resolved like every other reference of
the load, so an owner no descriptor defines becomes a flagged placeholder. A Location's
relative targets are files beside it, whatever its ``type``; a Template's skeleton folders
(its ``fetch:template`` steps' ``url``) hold no entities, and are passed by. A descriptor
annotated ``infra-context.dev/id`` (as ``explorer.export.backstage`` writes one) is that id,
and its file's references to it go to that id, so a written catalog loads back to its ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, RDFS

from explorer.domain.errors import InputError, Note
from explorer.domain.kinds import Kind
from explorer.domain.vocab import IC
from explorer.ingest.backstage_names import name_problem, ref
from explorer.ingest.fields import EntityRecord, Link

__all__ = ["ID_ANNOTATION", "BackstageDocuments", "is_backstage"]

ID_ANNOTATION = "infra-context.dev/id"  # the id a descriptor stands for, when not its own

# Backstage kind -> our kind
_KINDS = {
    "component": Kind.SERVICE,
    "api": Kind.SERVICE,
    "resource": Kind.RESOURCE,
    "system": Kind.SYSTEM,
    "domain": Kind.SYSTEM,
    "group": Kind.TEAM,
    "user": Kind.PERSON,
    "template": Kind.OTHER,  # what Backstage lists in its catalog, and we keep as is
}
_SKELETON_STEPS = ("fetch:template", "fetch:cookiecutter", "fetch:template:file")

# spec field -> (predicate, default kind of its references, reverse?)
_RELATIONS: dict[str, tuple[URIRef, str, bool]] = {
    "owner": (IC.ownedBy, "group", False),
    "dependsOn": (IC.dependsOn, "component", False),
    "dependencyOf": (IC.dependsOn, "component", True),
    "consumesApis": (IC.dependsOn, "api", False),
    "providesApis": (IC.dependsOn, "api", True),  # the API depends on its provider
    "system": (IC.partOf, "system", False),
    "domain": (IC.partOf, "domain", False),
    "subcomponentOf": (IC.partOf, "component", False),
    "subdomainOf": (IC.partOf, "domain", False),
    "parent": (ORG.subOrganizationOf, "group", False),
    "children": (ORG.subOrganizationOf, "group", True),
    "memberOf": (IC.memberOf, "group", False),
    "members": (IC.memberOf, "user", True),
}
_GENERIC_FIELDS = ("owner",)  # all a kind we do not model keeps of its spec


def _describe(
    record: EntityRecord,
    kind: str,
    metadata: dict[str, Any],
    spec: dict[str, Any],
    profile: dict[str, Any],
) -> None:
    """The record's label, description, type, lifecycle, contact, tags, labels,
    annotations and links."""
    add = record.attributes.append
    add((RDFS.label, Literal(str(record.label))))
    if metadata.get("description"):
        add((DCTERMS.description, Literal(str(metadata["description"]))))
    kind_type = {"api": f"api {spec.get('type') or ''}".strip(), "domain": "domain"}.get(
        kind.lower(), str(spec.get("type") or "")
    )
    if kind_type:
        add((IC.type, Literal(kind_type)))
    if spec.get("lifecycle"):
        add((IC.status, Literal(str(spec["lifecycle"]))))
    if profile.get("email"):
        add((IC.contact, Literal(str(profile["email"]))))
    for tag in _list(metadata.get("tags")):
        add((IC.tag, Literal(str(tag))))
    for key in ("labels", "annotations"):
        pairs = metadata.get(key) or {}
        if not isinstance(pairs, dict):
            raise ValueError(f"metadata.{key} must be a mapping of names to values")
        for k, v in pairs.items():
            add((IC.annotation, Literal(f"{k}: {v}")))
    for link in _list(metadata.get("links")):
        if isinstance(link, dict) and link.get("url"):
            title = link.get("title")
            add((IC.link, Literal(f"{title}: {link['url']}" if title else str(link["url"]))))


def is_backstage(document: Any) -> bool:
    """A descriptor of Backstage's catalog or scaffolder (``*backstage.io/...``)."""
    if not isinstance(document, dict):
        return False
    group = str(document.get("apiVersion", "")).partition("/")[0]
    return group == "backstage.io" or group.endswith(".backstage.io")


@dataclass
class BackstageDocuments:
    """The descriptors of one file, turned into records and Location targets to follow."""

    path: Path
    root: Path  # Location targets must stay inside this folder
    warnings: list[str]
    described: list[EntityRecord] = field(default_factory=list)  # references as written
    renamed: dict[str, str] = field(default_factory=dict)  # Backstage id -> ID_ANNOTATION's
    follow: list[Path] = field(default_factory=list)
    skeletons: list[Path] = field(default_factory=list)  # Templates' folders of placeholders

    def read(self, number: int, document: dict[str, Any]) -> None:
        """Read the ``number``-th document of the file (1-based, as users count)."""
        line = getattr(document, "line", None)
        where = f"document {number}"
        kind = document.get("kind")
        metadata = document.get("metadata")
        if not isinstance(kind, str) or not kind.strip():
            raise InputError(self.path, line, f"{where}: a descriptor needs a kind")
        if not isinstance(metadata, dict) or not isinstance(metadata.get("name"), str):
            raise InputError(
                self.path,
                _at(document, "metadata", line),
                f"{where}: a descriptor needs metadata.name",
            )
        namespace = metadata.get("namespace", "default")
        problem = name_problem(metadata["name"], kind, namespace)
        if problem is not None:
            at = _at(document, "kind", line) if problem.startswith("kind") else None
            raise InputError(self.path, at or _at(metadata, "name", line), f"{where}: {problem}")
        spec = document.get("spec") or {}
        if not isinstance(spec, dict):
            raise InputError(
                self.path, _at(document, "spec", line), f"{where}: spec must be a mapping"
            )
        if kind.lower() == "location":
            self._follow(spec, where, line)
            return
        if kind.lower() == "template":
            self.skeletons += _skeletons(self.path, spec)
        try:
            self.described.append(self._record(kind, str(namespace), metadata, spec, line))
        except ValueError as exc:
            raise InputError(self.path, line, f"{where}: {exc}") from None

    def _record(
        self,
        kind: str,
        namespace: str,
        metadata: dict[str, Any],
        spec: dict[str, Any],
        line: int | None,
    ) -> EntityRecord:
        name = metadata["name"]
        ours = _KINDS.get(kind.lower(), Kind.OTHER)
        if ours is Kind.OTHER and kind.lower() not in _KINDS:
            self._not_modelled(kind)
        profile: dict[str, Any] = spec["profile"] if isinstance(spec.get("profile"), dict) else {}
        label = metadata.get("title") or profile.get("displayName") or name
        backstage_id = ref(f"{kind}:{namespace}/{name}", kind, namespace).id
        annotations = metadata.get("annotations")
        declared = annotations.get(ID_ANNOTATION) if isinstance(annotations, dict) else None
        record_id = backstage_id
        if isinstance(declared, str) and declared.strip():
            record_id = self.renamed[backstage_id] = declared
        record = EntityRecord(
            ours,
            record_id,
            str(self.path),
            line,
            label=str(label),
            names=(name,),
        )
        _describe(record, kind, metadata, spec, profile)
        relations = _GENERIC_FIELDS if ours is Kind.OTHER else tuple(_RELATIONS)
        for name_of_field in relations:
            predicate, default_kind, reverse = _RELATIONS[name_of_field]
            for value in _list(spec.get(name_of_field)):
                target = ref(value, default_kind, namespace)
                at = _at(spec, name_of_field, line)
                record.links.append(Link(predicate, target.id, at, reverse, name=target.name))
        return record

    @property
    def records(self) -> list[EntityRecord]:
        """The file's records, each reference to a descriptor of the file that names its id
        (``ID_ANNOTATION``) made to that id."""
        if not self.renamed:
            return self.described
        to = self.renamed
        return [
            replace(r, links=[replace(k, target=to.get(k.target, k.target)) for k in r.links])
            for r in self.described
        ]

    def _not_modelled(self, kind: str) -> None:
        message = f"Backstage kind {kind!r} is not modelled: kept as a generic entity"
        if not any(w.startswith(message) for w in self.warnings):
            self.warnings.append(Note.of(f"{message} (first in {self.path})", self.path))

    def _follow(self, spec: dict[str, Any], where: str, line: int | None) -> None:
        targets = [(t, _at(spec, "targets", line)) for t in _list(spec.get("targets"))]
        targets += [(t, _at(spec, "target", line)) for t in _list(spec.get("target"))]
        for target, line in targets:
            text = str(target)
            if "://" in text:
                self.warnings.append(
                    Note.at(
                        self.path,
                        line,
                        f"{where}: Location {text!r} is a URL; "
                        "not followed (loading never uses the network)",
                    )
                )
                continue
            base = self.root if text.startswith("/") else self.path.parent  # "/": the repo's
            text = text.lstrip("/")
            matches = sorted(base.glob(text)) if any(c in text for c in "*?[") else [base / text]
            for match in matches:
                if not match.resolve().is_relative_to(self.root.resolve()):
                    self.warnings.append(
                        Note.at(
                            self.path,
                            line,
                            f"{where}: Location {text!r} leaves {self.root}; not followed",
                        )
                    )
                elif not match.is_file():
                    self.warnings.append(
                        Note.at(
                            self.path,
                            line,
                            f"{where}: Location {text!r} names no file; not followed",
                        )
                    )
                else:
                    self.follow.append(match)


def _at(mapping: Any, key: str, line: int | None) -> int | None:
    """The line ``key`` is written on in ``mapping``, so a message points at the field."""
    return getattr(mapping, "lines", {}).get(key, line)


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _skeletons(path: Path, spec: dict[str, Any]) -> list[Path]:
    """The folders a Template's ``fetch:template`` steps render: files of placeholders."""
    found = []
    for step in _list(spec.get("steps")):
        if not isinstance(step, dict) or step.get("action") not in _SKELETON_STEPS:
            continue
        url = (step.get("input") or {}).get("url") if isinstance(step.get("input"), dict) else None
        if isinstance(url, str) and "://" not in url and "${{" not in url:
            found.append((path.parent / url).resolve())
    return found
