"""Terraform's deployed resources, read offline from ``terraform show -json`` (of a state or
of a plan) or from a raw ``terraform.tfstate`` (version 4); terraform itself is never run.

Each managed resource instance is an ``ic:Resource`` whose id is its address exactly as
terraform writes it, so two files naming one instance meet; data sources are not nodes. What
it depends on (a state's ``depends_on``, a plan's ``configuration`` references) becomes
``ic:connectsTo``; its provider is its vendor (utility providers are none); owner and team
tags or labels become ``ic:ownedBy``. Resource values may hold secrets in clear text, so
nothing of them but the type and those tags ever reaches a record.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

from rdflib import Literal
from rdflib.namespace import RDFS

from explorer.domain.errors import InputError
from explorer.domain.kinds import Kind
from explorer.domain.vocab import IC
from explorer.ingest.deploy.terraform_addresses import (
    Vendor,
    config_references,
    dependency_target,
    join,
    module_of,
    resource_key,
    strip_keys,
    vendor_of,
)
from explorer.ingest.deploy.terraform_instances import (
    Instance,
    Lines,
    is_raw_state,
    raw_instances,
    shown_instances,
)
from explorer.ingest.fields import EntityRecord, Link
from explorer.ingest.notes import Notes

__all__ = ["is_terraform", "terraform_records"]

_SHOW_KEYS = ("values", "planned_values", "resource_changes", "configuration", "prior_state")
_VERSION = re.compile(r"(\d+)\.\d+(?:\.\d+)?")


def is_terraform(document: object) -> bool:
    """``terraform show -json`` output (a state or a plan) or a raw version 4 state, told
    by shape, as terraform names neither in the file."""
    if not isinstance(document, dict):
        return False
    if isinstance(document.get("format_version"), str):
        return "terraform_version" in document or any(key in document for key in _SHOW_KEYS)
    return is_raw_state(document)


def terraform_records(
    path: str, text: str, document: dict[str, object], notes: Notes
) -> list[EntityRecord]:
    """The records of one terraform file: its managed resources, and their vendors."""
    lines = Lines(text)
    config: dict[str, list[str]] = {}
    if "format_version" not in document and is_raw_state(document):
        instances = raw_instances(path, document, lines, notes)
    elif _supported(path, document, lines, notes):
        instances = shown_instances(path, document, lines, notes)
        config = config_references(document.get("configuration"))
    else:
        return []
    return _records(path, instances, config)


def _supported(path: str, document: dict[str, object], lines: Lines, notes: Notes) -> bool:
    """Majors 0 and 1 only: terraform says a new major breaks readers."""
    version = document.get("format_version")
    found = _VERSION.fullmatch(version) if isinstance(version, str) else None
    if found and int(found.group(1)) <= 1:
        return True
    said = f"unsupported format_version {version}" if found else "format_version"
    if not found:
        said += f" must be a version such as 1.0, not {json.dumps(version)}"
    notes.problem(InputError(path, lines.first('"format_version"'), said))
    return False


class _Known:
    """The file's instances, found by address or by config address (keys dropped)."""

    def __init__(self, instances: list[Instance]) -> None:
        self.addresses = {instance.address for instance in instances}
        self.by_config: dict[str, list[str]] = defaultdict(list)
        for instance in instances:
            self.by_config[strip_keys(instance.address)].append(instance.address)

    def expand(self, target: str, module: str) -> list[str]:
        """The instances ``target`` names: itself, or every instance of a counted resource
        (those of the asking instance's module instance, when it is in one of them)."""
        if target in self.addresses:
            return [target]
        key = resource_key(target)
        found = [
            a
            for a in self.by_config.get(strip_keys(target), [])
            if resource_key(a) == key or not key
        ]
        return [a for a in found if module_of(a) == module] or found


def _dependencies(instance: Instance, config: dict[str, list[str]], known: _Known) -> list[str]:
    """What an instance depends on: its ``depends_on`` (absolute, else relative to its
    module) and its configuration's references; a target no instance matches is kept."""
    module = module_of(instance.address)
    targets: list[str] = []
    for entry in instance.depends_on:
        if target := dependency_target(entry):
            relative = join(strip_keys(module), target)
            targets += known.expand(target, module) or known.expand(relative, module) or [target]
    for target in config.get(strip_keys(instance.address), []):
        targets += known.expand(target, module) or [target]
    return [t for t in dict.fromkeys(targets) if t != instance.address]


def _records(
    path: str, instances: list[Instance], config: dict[str, list[str]]
) -> list[EntityRecord]:
    """A record per instance, then one per vendor, first met where a resource uses it."""
    known = _Known(instances)
    vendors: dict[str, EntityRecord] = {}
    records = []
    for instance in instances:
        record = _resource(path, instance)
        record.links += [
            Link(IC.connectsTo, t, instance.line) for t in _dependencies(instance, config, known)
        ]
        record.links += [Link(IC.ownedBy, owner, instance.line) for owner in instance.owners]
        vendor = vendor_of(instance.provider) if instance.provider else None
        if vendor is not None:
            record.links.append(Link(IC.usesVendor, vendor.id, instance.line))
            vendors.setdefault(vendor.id, _vendor(path, vendor, instance.line))
        records.append(record)
    return records + list(vendors.values())


def _resource(path: str, instance: Instance) -> EntityRecord:
    """An instance as a resource: its address, type, module, provider and ``Name`` tag
    (its label, which a catalog's entity of that name matches); no other values."""
    label = instance.name or instance.address
    record = EntityRecord(
        Kind.RESOURCE, instance.address, path, instance.line, label, evidence="deployed"
    )
    add = record.attributes.append
    add((RDFS.label, Literal(label)))
    add((IC.type, Literal(instance.type)))
    if module := module_of(instance.address):
        add((IC.annotation, Literal(f"terraform module: {module}")))
    if instance.provider:
        add((IC.annotation, Literal(f"provider: {instance.provider}")))
    return record


def _vendor(path: str, vendor: Vendor, line: int | None) -> EntityRecord:
    """A provider's vendor, so the estate shows who it runs on."""
    record = EntityRecord(Kind.VENDOR, vendor.id, path, line, vendor.label, evidence="deployed")
    record.attributes.append((RDFS.label, Literal(vendor.label)))
    return record
