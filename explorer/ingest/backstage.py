"""Backstage catalog descriptors (``apiVersion: backstage.io/...``) as entity records.

Mapping (see the README): Component and API are ``ic:Service`` (an API depends on the
component that provides it, so a provider's failure reaches the API's consumers); Resource is
``ic:Resource``; System and Domain are ``ic:System``; Group is ``ic:Team`` (``parent`` is
``org:subOrganizationOf``); User is ``ic:Person``; any other kind is an ``ic:CatalogEntity``.
Ids are ``kind/namespace/name`` in lower case; references are resolved like every other
reference of the load, so an owner that no descriptor defines becomes a flagged placeholder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, RDFS

from explorer.domain.errors import InputError, Note
from explorer.domain.kinds import Kind
from explorer.domain.vocab import IC
from explorer.ingest.fields import EntityRecord, Link

__all__ = ["BackstageDocuments", "is_backstage"]

# Backstage kind -> our kind
_KINDS = {
    "component": Kind.SERVICE,
    "api": Kind.SERVICE,
    "resource": Kind.RESOURCE,
    "system": Kind.SYSTEM,
    "domain": Kind.SYSTEM,
    "group": Kind.TEAM,
    "user": Kind.PERSON,
}

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
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-]*$")


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
    return isinstance(document, dict) and str(document.get("apiVersion", "")).startswith(
        "backstage.io/"
    )


@dataclass
class BackstageDocuments:
    """The descriptors of one file, turned into records and Location targets to follow."""

    path: Path
    root: Path  # Location targets must stay inside this folder
    warnings: list[str]
    records: list[EntityRecord] = field(default_factory=list)
    follow: list[Path] = field(default_factory=list)

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
        if not _NAME.match(metadata["name"]):
            raise InputError(
                self.path,
                _at(metadata, "name", line),
                f"{where}: metadata.name {metadata['name']!r} is not a Backstage name "
                "(letters, digits and -_. only)",
            )
        spec = document.get("spec") or {}
        if not isinstance(spec, dict):
            raise InputError(
                self.path, _at(document, "spec", line), f"{where}: spec must be a mapping"
            )
        if kind.lower() == "location":
            self._follow(spec, where, line)
            return
        namespace = str(metadata.get("namespace") or "default")
        try:
            self.records.append(self._record(kind, namespace, metadata, spec, line))
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
        if ours is Kind.OTHER:
            self._not_modelled(kind)
        profile: dict[str, Any] = spec["profile"] if isinstance(spec.get("profile"), dict) else {}
        label = metadata.get("title") or profile.get("displayName") or name
        record = EntityRecord(
            ours,
            _ref(f"{kind}:{namespace}/{name}", kind, namespace),
            str(self.path),
            line,
            label=str(label),
        )
        _describe(record, kind, metadata, spec, profile)
        relations = _GENERIC_FIELDS if ours is Kind.OTHER else tuple(_RELATIONS)
        for name_of_field in relations:
            predicate, default_kind, reverse = _RELATIONS[name_of_field]
            for value in _list(spec.get(name_of_field)):
                target = _ref(value, default_kind, namespace)
                record.links.append(
                    Link(predicate, target, _at(spec, name_of_field, line), reverse)
                )
        return record

    def _not_modelled(self, kind: str) -> None:
        message = f"Backstage kind {kind!r} is not modelled: kept as a generic entity"
        if not any(w.startswith(message) for w in self.warnings):
            self.warnings.append(Note.of(f"{message} (first in {self.path})", self.path))

    def _follow(self, spec: dict[str, Any], where: str, line: int | None) -> None:
        targets = [(t, _at(spec, "targets", line)) for t in _list(spec.get("targets"))]
        targets += [(t, _at(spec, "target", line)) for t in _list(spec.get("target"))]
        for target, line in targets:
            text = str(target)
            if "://" in text or str(spec.get("type", "file")) == "url":
                self.warnings.append(
                    Note.at(
                        self.path,
                        line,
                        f"{where}: Location {text!r} is a URL; "
                        "not followed (loading never uses the network)",
                    )
                )
                continue
            matches = (
                sorted(self.path.parent.glob(text))
                if any(c in text for c in "*?[")
                else [self.path.parent / text]
            )
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


def _ref(value: Any, default_kind: str, default_namespace: str) -> str:
    """An entity reference in any documented form, as our id ``kind/namespace/name``.

    >>> _ref("payments", "group", "default"), _ref("user:ops/jo", "group", "default")
    ('group/default/payments', 'user/ops/jo')
    >>> _ref({"kind": "API", "name": "Orders"}, "component", "shop")
    'api/shop/orders'
    """
    if isinstance(value, dict):
        kind = value.get("kind") or default_kind
        namespace = value.get("namespace") or default_namespace
        name = value.get("name")
    elif isinstance(value, str):
        head, colon, rest = value.strip().partition(":")
        kind, rest = (head, rest) if colon else (default_kind, value.strip())
        namespace, slash, name = rest.rpartition("/")
        namespace = namespace if slash else default_namespace
    else:
        raise ValueError(f"an entity reference must be text or a mapping, not {value!r}")
    parts = [str(part) for part in (kind, namespace, name) if part is not None]
    if len(parts) != 3 or not all(_NAME.match(part) for part in parts):
        raise ValueError(f"malformed entity reference {value!r}")
    return "/".join(parts).lower()
