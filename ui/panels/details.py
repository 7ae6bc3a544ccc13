"""Everything about the selected node; its relations are links that navigate."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Mapping

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from explorer.analysis.details import NodeDetails
from explorer.domain.looks import GAP_COLOUR
from explorer.domain.model import Entity
from explorer.graph.calls import calls_text
from explorer.report import node_changes
from explorer.report.structure import said_line
from explorer.views.graph_view import MORE_IRI, Group
from explorer.workspace.state import Change, Workspace
from ui.actions import hint

__all__ = ["HINT", "DetailsPanel"]

RELATIONS_LISTED = 200  # a hub has thousands; a page of them says what it is
GROUP_LINKS = 15  # members of a group listed, most critical first
HINT = "Click a node, or search and press Enter, to see everything about it here."


def _e(text: object) -> str:
    return html.escape(str(text))


def _facts(details: NodeDetails) -> list[str]:
    """Kind, id, IRI, owner, tier, status and contact, as a table."""
    e = details.entity
    rows = [
        ("Kind", e.kind),
        ("Id", e.id),
        ("IRI", e.iri),
        ("Owner", ", ".join(e.owners) or "none"),
        ("Tier", e.tier if e.tier is not None else "not set"),
    ]
    if e.status:
        rows.append(("Status", e.status))
    if details.contacts:
        rows.append(("Contact", ", ".join(details.contacts)))
    cells = [f"<tr><td><b>{_e(k)}</b>&nbsp;</td><td>{_e(v)}</td></tr>" for k, v in rows]
    return ["<table cellspacing='2'>", *cells, "</table>"]


class DetailsPanel(QTextBrowser):
    """Shows one ``NodeDetails``. Graph text is escaped: it is never markup.

    Signals:
        node_chosen(str): the IRI of a related node the user clicked.
    """

    node_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._follow)
        self._targets: list[str] = []
        self.show_hint()

    def observe(self, state: Workspace) -> None:
        """Describe what is selected: a node (while comparing, with what changed about
        it), a drawn group, or nothing yet."""

        def show() -> None:
            iri, group = state.selected, state.drawn_group(state.selected)
            describer = state.describer(iri) if iri and group is None else None
            if group is not None and state.estate is not None and state.drawn is not None:
                name = state.drawn.nodes[group.iri].label
                self.show_group(name, group, state.estate.whole().nodes)
            elif iri is None or describer is None or not describer.knows(iri):
                self.show_hint()
            else:
                marks = state.comparison.changes if state.comparison else None
                changes = node_changes(marks, iri) if marks is not None else None
                self.show_details(describer.details(iri), changes)

        state.observe(Change.SELECTION, show)

    def show_hint(self) -> None:
        """What to do to see something here (a placeholder would not wrap, and be cut)."""
        self._targets = []
        self.setHtml(f"<p style='color:gray'>{_e(HINT)}</p>")

    def show_details(self, details: NodeDetails, changes: list[str] | None = None) -> None:
        """Show a node; while comparing, ``changes`` says what changed about it, before
        and after."""
        self._targets = []
        e = details.entity
        parts = [f"<h3>{_e(e.label)}</h3>", *_facts(details)]
        if e.description:
            parts.append(f"<p>{_e(e.description)}</p>")
        if changes is not None:
            parts.append("<p><b>Since the snapshot</b></p>")
            lines = [f"<li>{_e(line)}</li>" for line in changes] or ["<li>unchanged</li>"]
            parts += ["<ul>", *lines, "</ul>"]
        if details.gaps:
            parts.append(f"<p><b style='color:{GAP_COLOUR}'>Ownership gaps</b></p><ul>")
            parts += [
                f"<li>{_e(g.message)} <i>({_e(g.rule)})</i><br>Next: {_e(g.next)}</li>"
                for g in details.gaps
            ]
            parts.append("</ul>")
        parts += self._relations(details)
        parts += _context(details)
        origins = ", ".join(details.origins) or "no source describes it (only referenced)"
        parts.append(f"<p><b>From</b> {_e(origins)}</p>")
        if details.described_as:
            also = "".join(f"<li>{_e(m.words())}</li>" for m in details.described_as)
            parts.append(f"<p><b>Also described as</b></p><ul>{also}</ul>")
        self.setHtml("".join(parts))

    def _relations(self, details: NodeDetails) -> list[str]:
        """The relations as links; each link's target is remembered for ``_follow``."""
        if not details.relations:
            return []
        parts = ["<p><b>Relations</b></p><ul>"]
        for relation in details.relations[:RELATIONS_LISTED]:
            self._targets.append(relation.other.iri)
            link = f"<a href='#{len(self._targets) - 1}'>{_e(relation.other.label)}</a>"
            call = relation.seen
            seen = f" <small>({_e(calls_text(call, where=False))})</small>" if call else ""
            kind = _e(relation.other.kind)
            parts.append(f"<li>{_e(relation.name)} {link} <i>{kind}</i>{seen}</li>")
        parts.append("</ul>")
        if len(details.relations) > RELATIONS_LISTED:
            more = len(details.relations) - RELATIONS_LISTED
            parts.append(f"<p><i>and {more:,} more (infra-explorer show lists them all)</i></p>")
        return parts

    def show_group(self, name: str, group: Group, known: Mapping[str, Entity]) -> None:
        """A drawn group (or a node's hidden neighbours): what it holds by kind, and its
        most critical members (of those ``known``), as links."""
        self._targets = []
        members = [known[m] for m in group.members if m in known]
        more = group.iri.startswith(MORE_IRI)
        opens = "show more of them" if more else "draw its members"
        parts = [
            f"<h3>{_e(name)}</h3>",
            f"<p>Double-click it (or {hint('open_group')}) to {opens}.</p>",
        ]
        kinds = Counter(str(m.kind) for m in members)
        parts.append("<p>" + _e(", ".join(f"{n:,} {k}" for k, n in kinds.most_common())) + "</p>")
        first = sorted(members, key=lambda m: (m.tier or 9, m.label.casefold()))[:GROUP_LINKS]
        parts.append(f"<p><b>The {len(first)} most critical</b></p><ul>")
        for member in first:
            self._targets.append(member.iri)
            tier = f" tier {member.tier}" if member.tier else ""
            link = f"<a href='#{len(self._targets) - 1}'>{_e(member.label)}</a>"
            parts.append(f"<li>{link} <i>{_e(member.kind)}{_e(tier)}</i></li>")
        parts.append("</ul>")
        self.setHtml("".join(parts))

    def _follow(self, url: QUrl) -> None:
        fragment = url.fragment()
        if fragment.isdigit() and int(fragment) < len(self._targets):
            self.node_chosen.emit(self._targets[int(fragment)])


def _context(details: NodeDetails) -> list[str]:
    """Who said what about the node, how sure, from where; then the questions on it."""
    parts: list[str] = []
    if details.said:
        parts.append("<p><b>Said about it</b></p><ul>")
        for said in details.said:
            overrules = "".join(f"<br><i>overrules: {_e(r)}</i>" for r in said.replaced)
            parts.append(f"<li>{_e(said_line(said))}{overrules}</li>")
        parts.append("</ul>")
    if details.questions:
        parts.append("<p><b>Questions</b></p><ul>")
        for q in details.questions:
            due = f", due {q.due.isoformat()}" if q.due else ""
            answer = f": {q.answer}" if q.answer else ""
            parts.append(f"<li>{_e(q.text)} <i>({_e(q.status.value)}{due}{answer})</i></li>")
        parts.append("</ul>")
    return parts
