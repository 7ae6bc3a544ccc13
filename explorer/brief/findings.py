"""The sections of a brief about what the reached nodes rest on and what is open about
them: assumptions, vendors, open questions, gaps, cycles and choke points, and what changed
since a snapshot. Each says so when it has nothing to list."""

from __future__ import annotations

from explorer.brief.gather import Brief
from explorer.brief.parts import Section, named, table
from explorer.report import diff_text

__all__ = ["findings"]


def _assumptions(brief: Brief) -> Section:
    rows = (
        (
            r.entity.name,
            r.entity.status or "no status",
            ", ".join(r.entity.owners),
            named(r.by) or "a change itself",
        )
        for r in brief.around.assumptions
    )
    header = ("Assumption", "Status", "Owner", "Relied on by")
    listed = table(header, rows, "Nothing in the brief rests on an assumption.")
    return Section("assumptions", "Assumptions in reach", tables=(listed,))


def _vendors(brief: Brief) -> Section:
    rows = (
        (r.entity.name, ", ".join(r.entity.owners) or "nobody", named(r.by) or "a change itself")
        for r in brief.around.vendors
    )
    listed = table(("Vendor", "Managed by", "Used by"), rows, "Nothing in the brief uses a vendor.")
    return Section("vendors", "Vendors in reach", tables=(listed,))


def _questions(brief: Brief) -> Section:
    name = brief.names.get

    def due(q_due: object, late: bool) -> str:
        return f"{q_due} (overdue)" if late else str(q_due or "no date")

    rows = (
        (
            q.text,
            ", ".join(name(a, a) for a in q.about),
            name(q.assignee, q.assignee) if q.assignee else "nobody yet",
            due(q.due, q.overdue(brief.on)),
            q.author,
        )
        for q in brief.answer.questions
    )
    header = ("Question", "About", "Asked of", "Due", "Asked by")
    listed = table(header, rows, "No open question about what is reached.")
    return Section("questions", "Open questions", tables=(listed,))


def _gaps(brief: Brief) -> Section:
    rows = ((g.message, g.rule.value, g.impact, g.next) for g in brief.gaps)
    listed = table(("Gap", "Rule", "Impact", "Next step"), rows, "No ownership gap in reach.")
    return Section("gaps", "Gaps in reach", tables=(listed,))


def _structure(brief: Brief) -> Section:
    cycles = table(
        ("Nodes that depend on each other", "How many"),
        ((named(c), len(c)) for c in brief.cycles),
        "No dependency cycle touches the scope or what it reaches.",
        "Dependency cycles: plan how each one starts",
    )
    points = table(
        ("Choke point", "Kind", "Impact", "Tier-1 services behind it", "Cuts off"),
        (
            (
                p.entity.name,
                p.entity.kind,
                p.impact,
                ", ".join(p.tier1_services),
                ", ".join(p.cut_off),
            )
            for p in brief.single_points
        ),
        "Nothing in the scope or what it reaches is a single point of failure.",
        "Single points of failure",
    )
    return Section("structure", "Cycles and single points of failure", tables=(cycles, points))


def _changes(brief: Brief) -> list[Section]:
    since = brief.asked.since
    if since is None or brief.changes is None:
        return []
    text = diff_text(since.name, "now", brief.changes)
    return [Section("changes", f"What changed since {since.name}", text=text)]


def findings(brief: Brief) -> list[Section]:
    """Assumptions, vendors, questions, gaps, cycles and choke points, then the changes."""
    return [
        _assumptions(brief),
        _vendors(brief),
        _questions(brief),
        _gaps(brief),
        _structure(brief),
        *_changes(brief),
    ]
