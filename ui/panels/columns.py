"""The columns of every table: a header, and a function of the record for its value and
tooltip (``ui.panels.models.RecordTableModel`` shows them)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from explorer.analysis import Impacted, TeamToTell, Via
from explorer.analysis.asking import Unattended
from explorer.analysis.changes import Change, What
from explorer.domain.model import Entity
from explorer.domain.relations import Evidence
from explorer.domain.statuses import OwnerStatus
from explorer.report import members_text
from explorer.search import Match, SearchHit

__all__ = [
    "CHANGE_COLUMNS",
    "CYCLE_COLUMNS",
    "ENTITY_COLUMNS",
    "GAP_COLUMNS",
    "IMPACT_COLUMNS",
    "NOBODY_COLUMNS",
    "OWNS",
    "OWNS_WHY",
    "POINT_COLUMNS",
    "PROGRAM_COLUMNS",
    "REACHED_FROM",
    "SEARCH_COLUMNS",
    "TEAM_COLUMNS",
    "Column",
    "path_text",
]


@dataclass(frozen=True)
class Column:
    """One column: its header, its value (a number sorts as a number, anything else as
    text) and tooltip. ``elide``: the column may be cut to fit, its full text on hover;
    any other is as wide as what it holds."""

    header: str
    value: Callable[[Any], object]
    tip: Callable[[Any], str] | None = None
    elide: bool = False


def path_text(i: Impacted) -> str:
    return " → ".join(i.path)


def _closeness(hit: SearchHit) -> str:
    return {
        Match.EXACT: "its name is what you typed",
        Match.START: "its name starts with what you typed",
        Match.WORD: "a word of its name starts with what you typed",
        Match.TEXT: "what you typed is in its description or another field",
    }[hit.match]


def _described(e: Entity) -> str:
    return f"{e.name}: {e.description}" if e.description else e.name


def _team_status(t: TeamToTell) -> str:
    """Empty for a team one can tell; else what is wrong, in a word (the tooltip says more)."""
    return "" if t.status is OwnerStatus.ACTIVE else str(t.status)


def _sure(i: Impacted) -> str:
    return f"{i.confidence}: the surest path here is as sure as its least sure relation"


_ALONE = {
    Evidence.DECLARED: "a source states every relation of a path here",
    Evidence.DEPLOYED: "only a path through what deploy files wire comes here",
    Evidence.OBSERVED: "only a path through calls seen in traffic comes here",
}


def _via(via: Via) -> str:
    """What ``via`` means, for its tooltip."""
    if len(via.kinds) == 1:
        return f"{via}: {_ALONE[next(iter(via.kinds))]}"
    return f"{via}: a path of each of these kinds of evidence comes here"


def _tier(tier: int | None) -> object:
    return tier if tier is not None else ""


SEARCH_COLUMNS = (
    Column("Name", lambda h: h.label, lambda h: f"{h.label} ({h.id}): {h.fragment.text}", True),
    # how close the name is to the query; empty for the list shown before typing
    Column("Relevance", lambda h: h.match.shown if h.score else "", lambda h: _closeness(h)),
    Column("Kind", lambda h: h.kind),
    Column("Matched", lambda h: h.fragment.marked("«", "»"), lambda h: h.fragment.text, True),
)
ENTITY_COLUMNS = (
    Column("Name", lambda e: e.name, lambda e: e.description),
    Column("Kind", lambda e: e.kind),
    Column("Owner", lambda e: ", ".join(e.owners)),
)


def _from(record: Impacted | Unattended) -> str:
    return ", ".join(record.reached_from)


# for a scope of several changes only: which of them reach the row
REACHED_FROM = Column("From", _from, lambda r: f"reached from {_from(r)}", True)
IMPACT_COLUMNS = (
    Column("Distance", lambda i: i.distance),
    Column("Kind", lambda i: i.entity.kind),
    Column("Name", lambda i: i.entity.label, lambda i: _described(i.entity)),
    Column("Tier", lambda i: _tier(i.entity.tier)),
    Column("Sure", lambda i: i.confidence.value, lambda i: _sure(i)),
    Column("Via", lambda i: i.via.value, lambda i: _via(i.via)),
    REACHED_FROM,
    Column("Path", path_text, path_text, True),
)
# what a team owns here; for a scope, with the changes that reach each (``told_for``)
OWNS = Column("Owns here", lambda t: ", ".join(t.owns), lambda t: ", ".join(t.owns), True)
OWNS_WHY = Column("Owns here", lambda t: t.reasons(), lambda t: t.reasons(), True)
TEAM_COLUMNS = (
    Column("Team", lambda t: t.entity.label, lambda t: t.entity.name),
    Column("Status", _team_status, lambda t: f"{t.status}: {t.status.mark or 'somebody to tell'}"),
    Column("Tier", lambda t: _tier(t.worst_tier), lambda t: "the most critical tier it owns here"),
    Column("Contact", lambda t: ", ".join(t.contacts)),
    OWNS,
    OWNS_WHY,
    Column("Members", members_text, members_text, True),
)
# what nobody answers for in an answer: why, and whom to ask instead
NOBODY_COLUMNS = (
    Column("Name", lambda u: u.entity.label, lambda u: _described(u.entity)),
    Column("Kind", lambda u: u.entity.kind),
    Column("Tier", lambda u: _tier(u.entity.tier)),
    Column("Why", lambda u: u.why, lambda u: u.why, True),
    Column("Ask", lambda u: u.ask.words(), lambda u: u.ask.words(), True),
    REACHED_FROM,
)
PROGRAM_COLUMNS = (
    Column("Program", lambda p: p.entity.label, lambda p: _described(p.entity), True),
    Column("Run by", lambda p: ", ".join(o.label for o in p.owners) or "nobody"),
    Column(
        "Changes",
        lambda p: ", ".join(c.label for c in p.changes) or "nothing yet",
        lambda p: "changes " + (", ".join(c.name for c in p.changes) or "nothing yet"),
        True,
    ),
)
GAP_COLUMNS = (
    Column("Impact", lambda g: g.impact),
    Column("Rule", lambda g: g.rule),
    Column("Kind", lambda g: g.entity.kind),
    Column("Name", lambda g: g.entity.name),
    Column("Problem", lambda g: g.message, lambda g: g.message, True),
    # what closes the gap, and whom to ask
    Column("Next step", lambda g: g.next, lambda g: g.next, True),
)


def _change_detail(c: Change) -> str:
    if c.what is What.RELATION and c.target is not None:
        return f"{c.relation} {c.target.name}"
    if c.what is What.ATTRIBUTE:
        return f"{c.attribute}: {c.old or '(none)'} → {c.new or '(none)'}"
    if c.what is What.GAP:
        return f"{c.rule}: {c.message}"
    return c.node.kind


CYCLE_COLUMNS = (
    Column("Size", lambda group: len(group)),
    Column("Nodes", lambda group: ", ".join(e.name for e in group), lambda g: _ids(g)),
)
POINT_COLUMNS = (
    Column("Impact", lambda p: p.impact),
    Column("Kind", lambda p: p.entity.kind),
    Column("Name", lambda p: p.entity.name, lambda p: p.entity.description),
    Column("Tier-1 behind", lambda p: len(p.tier1_services), lambda p: ", ".join(p.tier1_services)),
    Column("Cut off", lambda p: ", ".join(p.cut_off), lambda p: ", ".join(p.cut_off)),
)


def _ids(group: tuple[Entity, ...]) -> str:
    return " → ".join(e.id for e in group)


CHANGE_COLUMNS = (
    Column("Change", lambda row: row[0]),
    Column("What", lambda row: row[1].what),
    Column("Name", lambda row: row[1].node.name),
    Column("Detail", lambda row: _change_detail(row[1]), lambda row: _change_detail(row[1])),
)
