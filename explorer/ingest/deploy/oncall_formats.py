"""Saved PagerDuty and Opsgenie (REST API v2) responses as on-call facts, never the network.

A load may spread one tool's answers over several files (services in one, on-calls in
another), so a file is read into facts by the tool's own ids, with the line of each, and
``explorer.ingest.deploy.oncall`` joins the facts of every file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from explorer.ingest.deploy.saved_json import JsonLines, dicts, id_of, pages, text_of

__all__ = ["OnCallFacts", "is_opsgenie", "is_pagerduty", "opsgenie_facts", "pagerduty_facts"]

_PD_LISTS = {"services", "escalation_policies", "oncalls", "users", "business_services"}
_PD_LISTS |= {"teams", "schedules", "relationships"}
_PD_KEYS = _PD_LISTS | {"limit", "offset", "more", "total", "next_cursor"}
# both spellings of a dependency's end: requests say the first two, responses the others
_SERVICE_TYPES = {"service", "business_service", "technical_service_reference"}
_SERVICE_TYPES |= {"business_service_reference"}
_ENVELOPE = {"data", "took", "requestId"}
_SCHEDULE_KEYS = {"ownerTeam", "timezone", "rotations"}
_TEAM_KEYS = {"id", "name", "description", "links", "members"}  # not a service's teamId


@dataclass(frozen=True)
class Named:
    """A team or service as the tool names it; ``listed``: listed, not referred to."""

    id: str
    name: str
    path: str
    line: int
    listed: bool = False


@dataclass(frozen=True)
class ServiceFact:
    service: Named
    description: str | None = None
    policy: str | None = None  # its escalation policy's id
    team: Named | None = None  # its first team (a reference: the name may be "")
    contact: str | None = None  # a business service's point_of_contact


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    email: str


@dataclass(frozen=True)
class OnCall:
    """Someone on call on an escalation policy (PagerDuty) or a schedule (Opsgenie)."""

    on: str
    level: int | None
    user: str  # the user's id
    summary: str  # how the entry itself names them


@dataclass(frozen=True)
class Dependency:
    key: str  # the relationship's id: both services' answers hold the same relationship
    supporting: str
    dependent: str
    path: str
    line: int


@dataclass
class OnCallFacts:
    """What one file says, by the tool's ids; joined with the other files' facts later."""

    path: str
    tool: str  # "pagerduty" or "opsgenie"
    services: list[ServiceFact] = field(default_factory=list)
    teams: list[Named] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    oncalls: list[OnCall] = field(default_factory=list)
    dependencies: list[Dependency] = field(default_factory=list)
    owners: list[tuple[str, str]] = field(default_factory=list)  # (policy/schedule, team)
    policies: list[tuple[str, str]] = field(default_factory=list)  # (policy, service)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (line, why): warnings


def _pd_page(page: object) -> bool:
    said = page if isinstance(page, dict) and set(page) <= _PD_KEYS else {}
    lists = [value for key, value in said.items() if key in _PD_LISTS]
    return bool(lists) and all(isinstance(value, list) for value in lists)


def is_pagerduty(document: object) -> bool:
    """A PagerDuty list response (``{"services": [...], "limit": ...}``), service
    dependencies (``{"relationships": [...]}``), or a JSON array of such pages."""
    answers = document if isinstance(document, list) else [document]
    return bool(answers) and all(_pd_page(page) for page in answers)


def is_opsgenie(document: object) -> bool:
    """An Opsgenie response: ``data`` in the envelope every answer has (took, requestId)."""
    answers = document if isinstance(document, list) else [document]
    return bool(answers) and all(isinstance(p, dict) and p.keys() >= _ENVELOPE for p in answers)


class _Reader:
    def __init__(self, tool: str, path: str, text: str, document: object) -> None:
        self.facts = OnCallFacts(path, tool)
        self.lines = JsonLines(text, document)

    def named(self, ref: object, listed: bool = False) -> Named | None:
        """A reference or object by its id, name (or summary) and line; None without id."""
        if not isinstance(ref, dict) or not (ref_id := text_of(ref.get("id"))):
            return None
        name = text_of(ref.get("name")) or text_of(ref.get("summary"))
        return Named(ref_id, name, self.facts.path, self.lines.line(ref), listed)

    def team(self, team: Named | None) -> None:
        if team is not None and team.name:
            self.facts.teams.append(team)


class _PagerDuty(_Reader):
    def service(self, item: dict[str, Any], business: bool = False) -> None:
        service = self.named(item, listed=True)
        if service is None or not service.name:
            why = "a PagerDuty service without an id or a name"
            self.facts.skipped.append((self.lines.line(item), why))
            return
        refs = [item.get("team")] if business else dicts(item.get("teams"))
        team = next(filter(None, map(self.named, refs)), None)
        self.team(team)
        policy = self.named(item.get("escalation_policy"))
        said = [text_of(item.get(key)) or None for key in ("description", "point_of_contact")]
        policy_id = policy.id if policy else None
        self.facts.services.append(ServiceFact(service, said[0], policy_id, team, said[1]))

    def policy(self, item: dict[str, Any]) -> None:
        if not (policy := text_of(item.get("id"))):
            return
        for team in filter(None, map(self.named, dicts(item.get("teams")))):
            self.facts.owners.append((policy, team.id))
            self.team(team)
        for service in filter(None, map(self.named, dicts(item.get("services")))):
            self.facts.policies.append((policy, service.id))

    def oncall(self, item: dict[str, Any]) -> None:
        user, policy = item.get("user"), self.named(item.get("escalation_policy"))
        if not isinstance(user, dict) or not (user_id := id_of(user)) or not policy:
            return  # no one, or on call for nothing we can name
        level = item.get("escalation_level")
        level = level if isinstance(level, int) and level is not True else None
        said = [text_of(user.get(key)) for key in ("summary", "name", "email")]
        summary = next(filter(None, said), user_id)
        self.facts.oncalls.append(OnCall(policy.id, level, user_id, summary))
        self.user(user)  # include[]=users: the entry's user says its name and email

    def user(self, item: dict[str, Any]) -> None:
        name, email = text_of(item.get("name")), text_of(item.get("email"))
        if (user_id := text_of(item.get("id"))) and (name or email):
            self.facts.people.append(Person(user_id, name, email))

    def relationship(self, item: dict[str, Any]) -> None:
        ends = [item.get("supporting_service"), item.get("dependent_service")]
        ids = [id_of(end) for end in ends]
        types = [end.get("type", "service") for end in ends if isinstance(end, dict)]
        line = self.lines.line(item)
        if not all(ids) or not all(kind in _SERVICE_TYPES for kind in types):
            self.facts.skipped.append((line, "a service dependency between no two services"))
            return
        key = text_of(item.get("id")) or f"{ids[0]} -> {ids[1]}"
        self.facts.dependencies.append(Dependency(key, ids[0], ids[1], self.facts.path, line))


_PD_READERS: dict[str, Callable[[_PagerDuty, dict[str, Any]], None]] = {
    "services": _PagerDuty.service,
    "business_services": lambda reader, item: reader.service(item, business=True),
    "teams": lambda reader, item: reader.team(reader.named(item, listed=True)),
    "escalation_policies": _PagerDuty.policy,
    "oncalls": _PagerDuty.oncall,
    "users": _PagerDuty.user,
    "relationships": _PagerDuty.relationship,
}  # schedules say nothing the on-calls do not


def pagerduty_facts(path: str, text: str, document: object) -> OnCallFacts:
    """What one saved PagerDuty response says, by PagerDuty's ids."""
    reader = _PagerDuty("pagerduty", path, text, document)
    for page in pages(document):
        for key, read in _PD_READERS.items():
            for item in dicts(page.get(key)):
                read(reader, item)
    return reader.facts


class _Opsgenie(_Reader):
    def listed(self, item: dict[str, Any]) -> None:
        """A team, or a schedule and the team that owns it (other lists say nothing)."""
        owner = self.named(item.get("ownerTeam")) if _SCHEDULE_KEYS & set(item) else None
        if set(item) <= _TEAM_KEYS:
            self.team(self.named(item, listed=True))
        elif owner is not None and (schedule := id_of(item)):
            self.facts.owners.append((schedule, owner.id))
            self.team(owner)

    def oncalls(self, data: dict[str, Any]) -> None:
        """A schedule's users on call, however deep in teams and escalations (or the
        usernames of a ``flat=true`` answer)."""
        schedule, flat = id_of(data.get("_parent")), data.get("onCallRecipients")
        users = [(u, u) for u in map(text_of, flat if isinstance(flat, list) else []) if u]
        for user_id, name in users + _participants(data) if schedule else []:
            self.facts.oncalls.append(OnCall(schedule, 1, user_id, name))


def _participants(node: dict[str, Any]) -> list[tuple[str, str]]:
    found = []
    for participant in dicts(node.get("onCallParticipants")):
        name = text_of(participant.get("name"))
        if participant.get("type") == "user" and name:
            found.append((text_of(participant.get("id")) or name, name))
        found += _participants(participant)
    return found


def opsgenie_facts(path: str, text: str, document: object) -> OnCallFacts:
    """What one saved Opsgenie response says (teams, schedules, on-calls), by its ids."""
    reader = _Opsgenie("opsgenie", path, text, document)
    for page in pages(document):
        data = page.get("data")
        if isinstance(data, dict) and ("_parent" in data or "onCallParticipants" in data):
            reader.oncalls(data)
        for item in dicts(data):
            reader.listed(item)
    return reader.facts
