"""A brief's sections in words, in the order a reader needs them (``parts`` says what a
section is made of; ``findings`` makes those about what the reached nodes rest on).

Every section is always there: when it has nothing to list it says so, so a reader knows
it was looked at.
"""

from __future__ import annotations

from collections import Counter

from explorer.analysis import Reach
from explorer.analysis.details import Said
from explorer.brief.findings import findings
from explorer.brief.gather import Brief
from explorer.brief.parts import Section, Table, named, table
from explorer.brief.svg import caption
from explorer.domain.relations import EVIDENCE
from explorer.domain.tiers import TIERS
from explorer.report import members_text, reach_heading, reach_summary, team_status
from explorer.report.reach import NOBODY, TEAM_HEADINGS, told_for

__all__ = ["PICTURE", "sections"]

PICTURE = "picture"  # the key of the section a page draws the picture in


def _counted(counts: Counter[str], one: str) -> str:
    return ", ".join(f"{who} ({n} {one}{'s' if n > 1 else ''})" for who, n in counts.most_common())


def _recorded_by(brief: Brief) -> str:
    """``Emeka (2 facts); questions asked by Inès (1 question)``; "" when nobody is named."""
    said = Counter(s.statement.author or "someone unnamed" for s in brief.recorded)
    asked = Counter(q.author for q in brief.answer.questions if q.author)
    parts = [_counted(said, "fact")] if said else []
    parts += [f"questions asked by {_counted(asked, 'question')}"] if asked else []
    return "; ".join(parts)


def _said_row(said: Said) -> tuple[str, ...]:
    s = said.statement
    fact = f"not so: {said.fact}" if s.retracted else said.fact
    when = f"{s.made:%Y-%m-%d}" if s.made else ""
    sure = s.confidence.value if s.confidence else ""
    return (fact, s.author or "not said", when, s.source, sure, ", ".join(said.files))


def _sources(brief: Brief) -> Section:
    found = brief.around
    said = [
        f"Written by {brief.tool} on {brief.on.isoformat()}, from {len(brief.sources)} source(s)."
    ]
    if by_whom := _recorded_by(brief):
        said.append(f"Recorded about what this brief reaches: {by_whom}.")
    if found.asked < found.reached:
        said.append(
            f"What was recorded, the assumptions and the vendors are those of the nearest "
            f"{found.asked:,} of the {found.reached:,} nodes in the brief."
        )
    digests = ((r.name, r.sha256 or "asked live: no hash") for r in brief.sources)
    recorded = table(
        ("Fact", "By", "When", "Whence", "How sure", "In"),
        map(_said_row, brief.recorded),
        "Nothing said of what this brief reaches names who said it.",
        "Who recorded what",
    )
    return Section(
        "sources",
        "Sources",
        tuple(said),
        (table(("Source", "SHA-256"), digests, "Nothing was read."), recorded),
    )


def _walked(brief: Brief) -> str:
    asked = brief.asked
    how_far = "all the way" if asked.depth is None else f"at most {asked.depth} step(s)"
    kinds = [e.value for e in EVIDENCE if e in asked.counted]
    along = ", ".join(kinds[:-1]) + " or " + kinds[-1] if len(kinds) > 1 else kinds[0]
    sure = f", keeping what is reached at least {asked.floor.value}" if asked.floor else ""
    return f"Walked {how_far} along what is {along}{sure}."


def _scope(brief: Brief) -> Section:
    said = [reach_heading(brief.answer) + "."]
    program = brief.program
    if program is not None:
        if program.entity.description:
            said.append(program.entity.description)
        if program.owners:
            said.append(f"Run by {named(program.owners)}.")
    said.append(_walked(brief))
    rows = ((e.name, e.kind, e.tier or "", ", ".join(e.owners)) for e in brief.answer.changes)
    listed = table(("Change", "Kind", "Tier", "Owner"), rows, "No change.")
    return Section("scope", "Scope", tuple(said), (listed,))


def _by_distance(answer: Reach) -> Table:
    tiers = [*TIERS, None]
    cells: Counter[tuple[int, int | None]] = Counter(
        (i.distance, i.entity.tier) for i in answer.impacted
    )
    rows = []
    for distance in sorted({d for d, _ in cells}):
        counts = [cells[(distance, t)] for t in tiers]
        rows.append((distance, *(n or "" for n in counts), sum(counts)))
    header = ("Steps away", *(f"Tier {t}" for t in TIERS), "No tier", "All")
    return table(header, rows, "Nothing is reached.", "How many, by distance and tier")


def _affected(brief: Brief) -> Section:
    answer = brief.answer
    said = (
        f"{len(answer.impacted):,} node(s) reached: {reach_summary(answer)}."
        if answer.impacted
        else ""
    )
    rows = (
        (
            i.distance,
            i.entity.tier or "",
            i.entity.name,
            i.entity.kind,
            " → ".join(i.path),
            ", ".join(i.reached_from),
        )
        for i in answer.impacted
    )
    header = ("Steps", "Tier", "Name", "Kind", "How it spreads", "Reached from")
    every = table(
        header, rows, "Nothing else fails with the scope.", "Every node reached, nearest first"
    )
    return Section(
        "affected",
        "Affected, by distance and tier",
        (said,) if said else (),
        (_by_distance(answer), every),
    )


def _teams(brief: Brief) -> Section:
    answer = brief.answer
    rows = (
        (
            t.entity.name,
            team_status(t),
            ", ".join(t.contacts),
            members_text(t),
            told_for(answer, t),
            t.worst_tier or "",
        )
        for t in answer.teams
    )
    header = (
        "Team",
        "Status",
        "Contact",
        "Members",
        "Why: what it owns here",
        "Most critical tier",
    )
    listed = table(header, rows, "No team owns anything reached.")
    return Section("teams", TEAM_HEADINGS[answer.direction], tables=(listed,))


def _nobody(brief: Brief) -> Section:
    rows = (
        (u.entity.name, u.entity.tier or "", u.why, u.ask.words(), ", ".join(u.reached_from))
        for u in brief.answer.nobody
    )
    header = ("Name", "Tier", "Why nobody answers", "Ask instead", "Reached from")
    listed = table(header, rows, "An active owner answers for everything reached.")
    return Section("nobody", NOBODY.capitalize(), tables=(listed,))


def sections(brief: Brief) -> list[Section]:
    """The sections in the order a reader needs them: where it comes from, what is asked,
    the picture, what fails, whom to tell, what it rests on, what is open, what changed."""
    picture = Section(PICTURE, "The picture", (caption(brief),))
    return [
        _sources(brief),
        _scope(brief),
        picture,
        _affected(brief),
        _teams(brief),
        _nobody(brief),
        *findings(brief),
    ]
