"""What changed between two snapshots, as a change log to paste into a status report."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from explorer.analysis.changes import Change, Diff, What
from explorer.domain.relations import BY_NAME
from explorer.report.structure import said_line

__all__ = ["diff_text", "node_changes"]


def _entity(sign: str) -> Callable[[Change], str]:
    return lambda c: f"  {sign} {c.node.kind} {c.node.name}"


def _relation(sign: str) -> Callable[[Change], str]:
    def line(c: Change) -> str:
        seen = f" ({c.message})" if c.message else ""
        return f"  {sign} {c.node.label} {c.relation} {c.target.label if c.target else ''}{seen}"

    return line


def _gap(sign: str) -> Callable[[Change], str]:
    return lambda c: f"  {sign} {c.message} ({c.rule})"


def _attribute(c: Change) -> str:
    return f"  ~ {c.node.name}: {c.attribute} {c.old or '(none)'} -> {c.new or '(none)'}"


def _rows(
    changes: Iterable[Change], what: What, line: Callable[[Change], str], seen: bool = False
) -> list[str]:
    """The lines of one section; of relations, those seen in traffic (``seen``) or not."""
    return [
        line(c)
        for c in changes
        if c.what is what
        and (what is not What.RELATION or (c.target and BY_NAME[c.relation].observed == seen))
    ]


def diff_text(old_name: str, new_name: str, changes: Diff) -> str:
    """A change log; empty sections are left out."""
    if not changes:
        return f"No changes from {old_name} to {new_name}."
    sections = [
        ("New", _rows(changes.added, What.ENTITY, _entity("+"))),
        ("Gone", _rows(changes.removed, What.ENTITY, _entity("-"))),
        ("Changed", [_attribute(c) for c in changes.changed]),
        ("New relations", _rows(changes.added, What.RELATION, _relation("+"))),
        ("Removed relations", _rows(changes.removed, What.RELATION, _relation("-"))),
        ("Calls that appeared", _rows(changes.added, What.RELATION, _relation("+"), True)),
        ("Calls no longer seen", _rows(changes.removed, What.RELATION, _relation("-"), True)),
        ("Ownership gaps opened", _rows(changes.added, What.GAP, _gap("+"))),
        ("Ownership gaps closed", _rows(changes.removed, What.GAP, _gap("-"))),
        ("Recorded", [f"  {said_line(s)}" for s in changes.said]),
    ]
    lines = [f"Changes from {old_name} to {new_name}"]
    for title, rows in sections:
        if rows:
            lines += ["", f"{title} ({len(rows)})", *rows]
    return "\n".join(lines)


def node_changes(changes: Diff, iri: str) -> list[str]:
    """What changed about one node since the earlier snapshot, before and after: its
    fields (``owner: Payments -> Checkout``), relations and gaps, either way they point.

    >>> from explorer.analysis.changes import Change, Diff, What
    >>> from explorer.domain.model import Entity
    >>> api = Entity("x:api", "api", "API", "service")
    >>> moved = Change(What.ATTRIBUTE, api, attribute="owner", old="Payments", new="Checkout")
    >>> node_changes(Diff((), (), (moved,)), "x:api")
    ['owner: Payments -> Checkout']
    """
    lines: list[str] = []
    for sign, found in (("added", changes.added), ("removed", changes.removed)):
        for c in found:
            if c.what is What.ENTITY and c.node.iri == iri:
                lines.append(f"{sign} since the snapshot")
            elif (
                c.what is What.RELATION
                and c.target is not None
                and iri
                in (
                    c.node.iri,
                    c.target.iri,
                )
            ):
                lines.append(f"relation {sign}: {c.node.label} {c.relation} {c.target.label}")
            elif c.what is What.GAP and c.node.iri == iri:
                lines.append(f"gap {'opened' if sign == 'added' else 'closed'}: {c.message}")
    lines += [
        f"{c.attribute}: {c.old or '(none)'} -> {c.new or '(none)'}"
        for c in changes.changed
        if c.node.iri == iri
    ]
    return lines
