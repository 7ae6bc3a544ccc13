"""Who is on call, from saved PagerDuty and Opsgenie responses, as entity records.

Whoever is paged first (escalation level 1) for a team or service is its contact; a
PagerDuty service's first team is its owner; PagerDuty's business and technical service
dependencies are declared dependencies. Services and teams are named as the tool shows
them, so they match other sources' entities by name as any name does. A tool's answers
may be spread over several files of a load (services in one, on-calls in another): each
file is read into facts by the tool's ids (``oncall_formats``), and the facts of every
file are joined here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TypeVar

from rdflib import Literal
from rdflib.namespace import DCTERMS, RDFS

from explorer.domain.kinds import Kind
from explorer.domain.vocab import IC
from explorer.ingest.deploy.oncall_formats import (
    Dependency,
    Named,
    OnCall,
    OnCallFacts,
    Person,
    ServiceFact,
    is_opsgenie,
    is_pagerduty,
    opsgenie_facts,
    pagerduty_facts,
)
from explorer.ingest.fields import EntityRecord, Link
from explorer.ingest.notes import Notes

__all__ = [
    "OnCallFacts",
    "is_opsgenie",
    "is_pagerduty",
    "oncall_records",
    "opsgenie_facts",
    "pagerduty_facts",
]

_FIRST = 1  # the escalation level paged first: who to call
T = TypeVar("T", Named, Person)


def oncall_records(facts: list[OnCallFacts], notes: Notes) -> list[EntityRecord]:
    """The services and teams every file of a load describes, joined one tool at a time
    (each tool's ids are its own)."""
    records: list[EntityRecord] = []
    for tool in dict.fromkeys(each.tool for each in facts):
        records += _Joined(tool, [each for each in facts if each.tool == tool], notes).records()
    return records


class _Joined:
    """One tool's facts from every file of the load, by the tool's ids."""

    def __init__(self, tool: str, facts: list[OnCallFacts], notes: Notes) -> None:
        self.tool, self.facts, self.notes = tool, facts, notes
        self.services: dict[str, ServiceFact] = {}
        for service in (s for each in facts for s in each.services):
            self.services.setdefault(service.service.id, service)
        self.teams = _first((t for each in facts for t in each.teams), lambda t: not t.listed)
        people = (p for each in facts for p in each.people)
        self.people = _first(people, lambda p: not (p.name and p.email))
        self.on_call: dict[str, list[OnCall]] = defaultdict(list)  # policy or schedule
        for oncall in (o for each in facts for o in each.oncalls if o.level == _FIRST):
            self.on_call[oncall.on].append(oncall)
        self.owned = _grouped((team, on) for each in facts for on, team in each.owners)
        policies = [(s.service.id, s.policy) for s in self.services.values() if s.policy]
        policies += [(service, p) for each in facts for p, service in each.policies]
        self.policies = _grouped(policies)
        self.made: dict[tuple[str, str, str], EntityRecord] = {}

    def records(self) -> list[EntityRecord]:
        """Services, then teams, then dependencies said in a file of their own."""
        for service in self.services.values():
            self._service(service)
        for team in self.teams.values():
            self._team(team)
        dependencies: dict[str, Dependency] = {}
        for dependency in (d for each in self.facts for d in each.dependencies):
            dependencies.setdefault(dependency.key, dependency)  # both ends' answers hold it
        for dependency in dependencies.values():
            self._dependency(dependency)
        for each in self.facts:
            for line, why in each.skipped:
                self.notes.warn(each.path, line, why)
        return list(self.made.values())

    def _record(self, kind: Kind, named: Named, described: bool = True) -> EntityRecord:
        """The record of ``named`` in its file; ``described``: with its name and tool id.
        Its name is a name as a catalog's (a catalog's id is kept over it when they meet)."""
        record = EntityRecord(
            kind, named.name, named.path, named.line, label=named.name, names=(named.name,)
        )
        if described:
            record.attributes.append((RDFS.label, Literal(named.name)))
            record.attributes.append((IC.annotation, Literal(f"{self.tool}: {named.id}")))
        self.made[(kind, named.id, named.path)] = record
        return record

    def _service(self, fact: ServiceFact) -> None:
        record = self._record(Kind.SERVICE, fact.service)
        if fact.description:
            record.attributes.append((DCTERMS.description, Literal(fact.description)))
        contacts = self._contacts(self.policies.get(fact.service.id, []))
        _contact(record, [*contacts, *([fact.contact] if fact.contact else [])])
        if fact.team is None:
            return
        team = self.teams.get(fact.team.id)
        if team is None:
            said = f"{fact.service.name}: no file names team {fact.team.id}; no owner said"
            self.notes.warn(fact.team.path, fact.team.line, said)
            return
        record.links.append(Link(IC.ownedBy, team.name, fact.team.line))

    def _team(self, team: Named) -> None:
        record = self._record(Kind.TEAM, team)
        _contact(record, self._contacts(self.owned.get(team.id, [])))

    def _dependency(self, dependency: Dependency) -> None:
        """The dependent service depends on the supporting one, said in the file (and on
        the line) that says so: its record there, beside the service's own."""
        ends = (dependency.supporting, dependency.dependent)
        missing = [end for end in dict.fromkeys(ends) if end not in self.services]
        if missing:
            said = f"service dependency {dependency.key}: no file names service "
            self.notes.warn(dependency.path, dependency.line, said + ", ".join(missing))
            return
        supporting, dependent = (self.services[end].service for end in ends)
        record = self.made.get((Kind.SERVICE, dependent.id, dependency.path))
        if record is None:
            at = Named(dependent.id, dependent.name, dependency.path, dependency.line)
            record = self._record(Kind.SERVICE, at, described=False)
        record.links.append(Link(IC.dependsOn, supporting.name, dependency.line))

    def _contacts(self, on: Iterable[str]) -> list[str]:
        """Who is on call first on these escalation policies or schedules."""
        return [self._person(oncall) for each in on for oncall in self.on_call.get(each, [])]

    def _person(self, oncall: OnCall) -> str:
        """As "Ana Silva <ana@example.com>" when the users say so, else as the entry does."""
        person = self.people.get(oncall.user, Person(oncall.user, "", ""))
        name = person.name or oncall.summary
        return f"{name} <{person.email}>" if person.email and person.email != name else name


def _contact(record: EntityRecord, contacts: Iterable[str]) -> None:
    """Each contact once, in the order the answers give them."""
    for contact in dict.fromkeys(contacts):
        record.attributes.append((IC.contact, Literal(contact)))


def _first(items: Iterable[T], worse: Callable[[T], bool]) -> dict[str, T]:
    """Each id's best: a listed team over a reference to it, a user with a name and email."""
    found: dict[str, T] = {}
    for item in sorted(items, key=worse):
        found.setdefault(item.id, item)
    return found


def _grouped(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """The seconds of the pairs, by their firsts."""
    found: dict[str, list[str]] = defaultdict(list)
    for one, other in pairs:
        found[one].append(other)
    return found
