"""Everything about the selected node; its relations are links that navigate."""

from __future__ import annotations

import html

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from explorer.details import NodeDetails

__all__ = ["DetailsPanel"]


def _e(text: object) -> str:
    return html.escape(str(text))


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
        self.setPlaceholderText("Click a node, or pick a search result, to see its details.")

    def show_details(self, details: NodeDetails) -> None:
        self._targets = []
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
        parts = [f"<h3>{_e(e.label)}</h3>", "<table cellspacing='2'>"]
        parts += [f"<tr><td><b>{_e(k)}</b>&nbsp;</td><td>{_e(v)}</td></tr>" for k, v in rows]
        parts.append("</table>")
        if e.description:
            parts.append(f"<p>{_e(e.description)}</p>")
        if details.gaps:
            parts.append("<p><b style='color:#dc2626'>Ownership gaps</b></p><ul>")
            parts += [f"<li>{_e(g.message)} <i>({_e(g.rule)})</i></li>" for g in details.gaps]
            parts.append("</ul>")
        if details.relations:
            parts.append("<p><b>Relations</b></p><ul>")
            for relation in details.relations:
                self._targets.append(relation.other.iri)
                link = f"<a href='#{len(self._targets) - 1}'>{_e(relation.other.label)}</a>"
                parts.append(
                    f"<li>{_e(relation.name)} {link} <i>{_e(relation.other.kind)}</i></li>"
                )
            parts.append("</ul>")
        origins = ", ".join(details.origins) or "no source describes it (only referenced)"
        parts.append(f"<p><b>From</b> {_e(origins)}</p>")
        self.setHtml("".join(parts))

    def _follow(self, url: QUrl) -> None:
        fragment = url.fragment()
        if fragment.isdigit() and int(fragment) < len(self._targets):
            self.node_chosen.emit(self._targets[int(fragment)])
