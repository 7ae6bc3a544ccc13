"""The resource instances of a terraform file, with only what a record may show of them.

``terraform show -json`` writes each instance with its absolute address, under ``values`` (a
state) or ``planned_values`` (a plan, whose ``resource_changes`` may add one terraform
deferred); a raw ``terraform.tfstate`` writes each resource once with its instances and their
``index_key``s. Of an instance's values only the owner and team tags or labels are read:
the rest may hold secrets in clear text.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

from explorer.domain.errors import InputError
from explorer.ingest.deploy.owners import owner_of
from explorer.ingest.deploy.terraform_addresses import join, key_text, provider_source
from explorer.ingest.notes import Notes

__all__ = ["Instance", "Lines", "is_raw_state", "raw_instances", "shown_instances"]

_ADDRESS = re.compile(r'"address"\s*:\s*("(?:[^"\\]|\\.)*")')
# maps that may say an owner, the most complete first (tags_all holds default_tags too)
_OWNER_MAPS = ("tags_all", "tags", "effective_labels", "terraform_labels", "labels")
_LEAVING = frozenset(("delete", "forget"))  # a change after which terraform manages nothing


@dataclass
class Instance:
    """One managed resource instance, with only what a record may show of it."""

    address: str
    type: str
    provider: str  # its source address, or the bare name older files write
    line: int | None
    owners: list[str] = field(default_factory=list)
    depends_on: list[str] = field(default_factory=list)
    name: str | None = None  # its ``Name`` tag, as AWS's console names it


class Lines:
    """Lines of the file's text, found by offset or by a resource's address."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._breaks = [found.start() for found in re.finditer("\n", text)]
        self._addresses: dict[str, int] | None = None

    def at(self, offset: int) -> int:
        """The line (from 1) of a character offset."""
        return bisect_left(self._breaks, offset) + 1

    def of_address(self, address: str) -> int | None:
        """The line of ``"address": "<it>"``, else of its first mention anywhere."""
        if self._addresses is None:
            self._addresses = {}
            for found in _ADDRESS.finditer(self.text):
                self._addresses.setdefault(json.loads(found.group(1)), found.start())
        offset = self._addresses.get(address)
        return self.at(offset) if offset is not None else self.first(json.dumps(address))

    def after(self, start: int, *pairs: tuple[str, object]) -> re.Match[str] | None:
        """The first ``"key": value, ...`` run of ``pairs`` from ``start``: where a raw
        state's resource, or its instance, is written."""
        run = r"\s*,\s*".join(
            rf"{re.escape(json.dumps(key))}\s*:\s*{re.escape(json.dumps(value))}"
            for key, value in pairs
        )
        return re.compile(run + r"(?=\s*[,}\]])").search(self.text, start)

    def first(self, needle: str, start: int = 0) -> int | None:
        """The line of ``needle``'s first occurrence from ``start``, if any."""
        offset = self.text.find(needle, start)
        return self.at(offset) if offset >= 0 else None


def is_raw_state(document: dict[str, object]) -> bool:
    """A raw ``terraform.tfstate`` of version 4: resources, each with its instances."""
    resources = document.get("resources")
    return (
        document.get("version") == 4
        and not isinstance(document.get("version"), bool)
        and isinstance(resources, list)
        and all(isinstance(r, dict) and isinstance(r.get("instances"), list) for r in resources)
    )


def shown_instances(
    path: str, document: dict[str, object], lines: Lines, notes: Notes
) -> list[Instance]:
    """A state's ``values``, or a plan's ``planned_values`` and the changes it makes that
    leave a resource in place (one terraform defers is in no planned value)."""
    found: dict[str, Instance] = {}
    for key in ("values", "planned_values"):
        values = document.get(key)
        root = values.get("root_module") if isinstance(values, dict) else None
        _module_instances(path, root, lines, notes, found)
    for change in _list(document.get("resource_changes")):
        after = _after(change)
        if after is not None:
            _add(path, after, lines, notes, found)
    return list(found.values())


def _after(change: object) -> dict[str, object] | None:
    """A resource change as the resource it leaves, or None if it leaves none."""
    if not isinstance(change, dict):
        return None
    detail = change.get("change")
    detail = detail if isinstance(detail, dict) else {}
    actions = set(_list(detail.get("actions")))
    if actions and actions <= _LEAVING:
        return None
    return {
        **change,
        "values": detail.get("after"),
        "sensitive_values": detail.get("after_sensitive"),
    }


def _module_instances(
    path: str, module: object, lines: Lines, notes: Notes, found: dict[str, Instance]
) -> None:
    """A module's resources, then its children's, as terraform sorts them."""
    if not isinstance(module, dict):
        return
    for resource in _list(module.get("resources")):
        _add(path, resource, lines, notes, found)
    for child in _list(module.get("child_modules")):
        _module_instances(path, child, lines, notes, found)


def _add(
    path: str, resource: object, lines: Lines, notes: Notes, found: dict[str, Instance]
) -> None:
    """One resource of a values representation; a bad one is a problem, the rest go on."""
    if not isinstance(resource, dict) or not isinstance(resource.get("address"), str):
        notes.problem(InputError(path, None, "a terraform resource without an address"))
        return
    address = resource["address"]
    line = lines.of_address(address)
    if not isinstance(resource.get("type"), str) or not resource["type"]:
        notes.problem(InputError(path, line, f"terraform resource {address} has no type"))
        return
    if resource.get("mode") != "managed" or address in found:
        return
    found[address] = Instance(
        address,
        resource["type"],
        str(resource.get("provider_name") or ""),
        line,
        _owners(resource.get("values"), resource.get("sensitive_values")),
        [str(entry) for entry in _list(resource.get("depends_on"))],
        _name_tag(resource.get("values"), resource.get("sensitive_values")),
    )


def raw_instances(
    path: str, document: dict[str, object], lines: Lines, notes: Notes
) -> list[Instance]:
    """A raw state's managed resources, an instance per ``index_key``."""
    found: dict[str, Instance] = {}
    cursor = 0
    for resource in _list(document.get("resources")):
        kind, name = resource.get("type"), resource.get("name")
        if not isinstance(kind, str) or not isinstance(name, str) or not kind or not name:
            notes.problem(InputError(path, None, "a terraform resource without a type and name"))
            continue
        if resource.get("mode") != "managed":
            continue
        at = lines.after(cursor, ("mode", "managed"), ("type", kind), ("name", name))
        cursor = at.end() if at else cursor
        address = join(str(resource.get("module") or ""), f"{kind}.{name}")
        provider = provider_source(str(resource.get("provider") or ""))
        for instance in resource["instances"]:
            if not isinstance(instance, dict):
                line = lines.at(at.start()) if at else None
                notes.problem(InputError(path, line, f"an instance of {address} is not a mapping"))
                continue
            made = _raw_instance(address, kind, provider, instance, lines, at)
            found.setdefault(made.address, made)
    return list(found.values())


def _raw_instance(
    address: str,
    kind: str,
    provider: str,
    instance: dict[str, Any],
    lines: Lines,
    at: re.Match[str] | None,
) -> Instance:
    """One instance of a raw state's resource, at the line of its ``index_key``."""
    key = key_text(instance.get("index_key"))
    if at and key:
        at = lines.after(at.end(), ("index_key", instance["index_key"])) or at
    hidden = _hidden_paths(instance.get("sensitive_attributes"))
    depends = _list(instance.get("dependencies")) + _list(instance.get("depends_on"))
    owners = _owners(instance.get("attributes"), hidden)
    line = lines.at(at.start()) if at else None
    name = _name_tag(instance.get("attributes"), hidden)
    return Instance(address + key, kind, provider, line, owners, [str(d) for d in depends], name)


def _hidden_paths(paths: object) -> dict[str, object]:
    """A raw state's sensitive attribute paths in the shape of ``sensitive_values``."""
    hidden: dict[str, object] = {}
    for steps in _list(paths):
        names = [str(step.get("value")) for step in _list(steps) if isinstance(step, dict)]
        if len(names) == 1:
            hidden[names[0]] = True
        elif names and isinstance(inner := hidden.setdefault(names[0], {}), dict):
            inner[names[1]] = True
    return hidden


def _owners(values: object, sensitive: object) -> list[str]:
    """The owner the first tag or label map that names one names (``explorer.ingest.deploy
    .owners``); a list (Google's network tags) and a sensitive value are not read."""
    if not isinstance(values, dict):
        return []
    hidden_maps = sensitive if isinstance(sensitive, dict) else {}
    for name in _OWNER_MAPS:
        pairs, hidden = values.get(name), hidden_maps.get(name)
        if hidden is True or not isinstance(pairs, dict):
            continue
        shown = {
            str(key): value
            for key, value in pairs.items()
            if isinstance(value, str) and not (isinstance(hidden, dict) and hidden.get(key) is True)
        }
        if (owner := owner_of(shown)) is not None:
            return [owner]
    return []


def _name_tag(values: object, sensitive: object) -> str | None:
    """The ``Name`` tag (the name a resource goes by in AWS's console), unless sensitive."""
    if not isinstance(values, dict):
        return None
    hidden = sensitive if isinstance(sensitive, dict) else {}
    for field_name in ("tags", "tags_all"):
        tags, secret = values.get(field_name), hidden.get(field_name)
        if secret is True or (isinstance(secret, dict) and secret.get("Name") is True):
            continue
        if isinstance(tags, dict) and isinstance(tags.get("Name"), str) and tags["Name"].strip():
            return str(tags["Name"]).strip()
    return None


def _list(value: object) -> list[Any]:
    """A list as written, or none: the format omits empty lists, and a bad one is read as none."""
    return value if isinstance(value, list) else []
