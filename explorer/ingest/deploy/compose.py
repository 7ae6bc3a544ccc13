"""Docker Compose files (the Compose Specification) as the services they run.

Each key of ``services:`` is a service node, named by its key. What Compose wires is a
dependency of the deployed kind (``ic:connectsTo``): ``depends_on`` (list and map forms),
``links``, ``external_links`` and ``network_mode: service:x``; an environment value that
names another service as a host (``redis:6379``, ``http://api:8080/x``,
``postgres://db/...``) is one Compose does not check, so it is ``likely``. A service's
names as Compose's network answers them (its key, ``container_name``, ``hostname``, network
``aliases``, ``links`` aliases) all count as it. The project's ``name`` is a system its
services are part of; ``profiles`` are tags; labels with an owner or team key set the owner.

A Compose file is told from a native estate by shape, never by trying one reader after
the other: Compose's ``services:`` is a mapping of services, an estate's is a list. Values
are never kept whole: an environment value may hold a password, so only the host it names
is used, and only in the words of the link's source.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rdflib import Literal

from explorer.domain.vocab import IC
from explorer.ingest.deploy.hosts import hosts_in, split_env_entry
from explorer.ingest.deploy.owners import owner_of
from explorer.ingest.fields import EntityRecord, Link
from explorer.statements import Confidence

__all__ = ["compose_records", "is_compose"]

_DEPLOYED = "deployed"


def is_compose(document: object) -> bool:
    """A Compose file's shape: ``services:`` maps each name to its settings (or nothing)."""
    services = document.get("services") if isinstance(document, dict) else None
    return isinstance(services, dict) and all(
        isinstance(settings, dict) or settings is None for settings in services.values()
    )


def compose_records(path: str, text: str, document: dict[str, Any]) -> list[EntityRecord]:
    """One record per service, and one for the project when the file names it."""
    services: dict[str, Any] = document["services"]
    names = _network_names(services)
    project = document.get("name") if isinstance(document.get("name"), str) else None
    lines = text.splitlines()
    records = [
        _service(path, lines, key, settings or {}, names, project, _line(services, key))
        for key, settings in services.items()
        if isinstance(key, str)
    ]
    if project:
        where = _line(document, "name")
        records.append(EntityRecord("system", project, path, where, evidence=_DEPLOYED))
    return records


def _line(mapping: Any, key: str) -> int | None:
    lines = getattr(mapping, "lines", {})
    return lines.get(key, getattr(mapping, "line", None))


def _network_names(services: dict[str, Any]) -> dict[str, str]:
    """Each name Compose's network answers (lower case) -> the service it reaches."""
    names: dict[str, str] = {}
    for key, settings in services.items():
        found = [str(key)]
        if isinstance(settings, dict):
            found += [str(settings[k]) for k in ("container_name", "hostname") if settings.get(k)]
            found += _aliases(settings.get("networks"))
            for link in _items(settings.get("links")):
                target, _, alias = str(link).partition(":")
                names.setdefault(alias.strip().lower() or target.lower(), target.strip())
        for name in found:
            names.setdefault(name.lower(), str(key))
    return names


def _aliases(networks: object) -> list[str]:
    if not isinstance(networks, dict):
        return []
    return [
        str(alias)
        for settings in networks.values()
        if isinstance(settings, dict)
        for alias in _items(settings.get("aliases"))
    ]


def _items(value: object) -> list[Any]:
    if isinstance(value, list):
        return value
    return [] if value is None else [value]


def _service(
    path: str,
    lines: list[str],
    key: str,
    settings: dict[str, Any],
    names: dict[str, str],
    project: str | None,
    line: int | None,
) -> EntityRecord:
    record = EntityRecord("service", key, path, line, evidence=_DEPLOYED)
    add = record.attributes.append
    add((IC.type, Literal("compose service")))
    if isinstance(settings.get("image"), str):
        add((IC.annotation, Literal(f"image: {settings['image']}")))
    for profile in _items(settings.get("profiles")):
        add((IC.tag, Literal(str(profile))))
    if project:
        record.links.append(Link(IC.partOf, project, line))
    record.links += _wired(settings, line)
    wired = {link.target for link in record.links}
    record.links += [
        link
        for link in _named_in_environment(lines, key, settings, names, line)
        if link.target not in wired  # what Compose wires is surer than what a value says
    ]
    owner = owner_of(_labels(settings.get("labels")))
    if owner is not None:
        record.links.append(Link(IC.ownedBy, owner, _line(settings, "labels") or line))
    return record


def _wired(settings: dict[str, Any], line: int | None) -> Iterator[Link]:
    """What Compose itself connects the service to, each at its own line."""
    depends = settings.get("depends_on")
    if isinstance(depends, dict):
        for name in depends:
            yield Link(IC.connectsTo, str(name), _line(depends, str(name)))
    else:
        for name in _items(depends):
            yield Link(IC.connectsTo, str(name), _line(settings, "depends_on") or line)
    for field in ("links", "external_links"):
        for link in _items(settings.get(field)):
            target = str(link).partition(":")[0].strip()
            yield Link(IC.connectsTo, target, _line(settings, field) or line)
    mode = settings.get("network_mode")
    if isinstance(mode, str) and mode.startswith("service:"):
        yield Link(IC.connectsTo, mode.removeprefix("service:"), _line(settings, "network_mode"))


def _environment(value: object) -> Iterator[tuple[str, object]]:
    """``environment`` in either form, as (name, value) pairs; a bare name has no value."""
    if isinstance(value, dict):
        yield from ((str(name), setting) for name, setting in value.items())
    else:
        yield from (split_env_entry(entry) for entry in _items(value))


def _named_in_environment(
    lines: list[str], key: str, settings: dict[str, Any], names: dict[str, str], line: int | None
) -> Iterator[Link]:
    """A ``likely`` link to each other service an environment value names as a host."""
    environment = settings.get("environment")
    start = _line(settings, "environment") or line or 1
    for name, value in _environment(environment):
        for host in hosts_in(value):
            target = names.get(host)
            if target is None or target == key:
                continue
            where = _line(environment, name) if isinstance(environment, dict) else None
            yield Link(
                IC.connectsTo,
                target,
                where or _entry_line(lines, start, name),
                confidence=Confidence.LIKELY,
                source=f"environment {name} names {host}",
            )


def _entry_line(lines: list[str], start: int, name: str) -> int:
    """The line of a list-form ``- NAME=value`` entry, searched from its list's line."""
    for number in range(start, len(lines) + 1):
        if name in lines[number - 1]:
            return number
    return start


def _labels(value: object) -> dict[str, str]:
    """``labels`` in either form (a mapping, or ``- key=value`` entries)."""
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items() if v is not None}
    pairs = (split_env_entry(entry) for entry in _items(value))
    return {name: setting for name, setting in pairs if setting is not None}
