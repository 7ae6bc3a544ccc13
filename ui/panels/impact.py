"""Blast radius or upstream of the selection (one node, several, or a program's changes):
what is reached and from which change, who must be told and why, and what nobody answers
for, with whom to ask instead.

The teams-to-tell list is a roster that can be sent as it is: copied or saved as Markdown
(for a status report or a ticket) or CSV, with each team's contact, members and the most
critical tier it owns in the answer. The line under the lists shows in full, and lets one
copy, the path of the reached node or the roster entry of the team picked.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from explorer.analysis import Direction, Impacted, Reach, TeamToTell
from explorer.analysis.asking import Unattended
from explorer.domain.errors import InputError
from explorer.files.atomic import atomic_write_bytes
from explorer.report import (
    members_text,
    nobody_words,
    reach_csv,
    reach_heading,
    reach_summary,
    roster_csv,
    roster_markdown,
    told_for,
)
from explorer.workspace.names import reach_file_name
from explorer.workspace.state import Change, Workspace
from ui.actions import COPY_ROSTER_KEYS, hint
from ui.dialogs import messages as dialogs
from ui.panels.columns import (
    IMPACT_COLUMNS,
    OWNS,
    OWNS_WHY,
    REACHED_FROM,
    TEAM_COLUMNS,
    path_text,
)
from ui.panels.nobody import NobodyList
from ui.panels.table import RecordTable, wrapped_label

__all__ = ["FORMATS", "ImpactPanel", "heading_for"]

SUMMARY_FROM = 30  # answers larger than this get their counts under the lists


def hint_text() -> str:
    """What to press to see an answer here, with the keys the action table gives."""
    blast, needs = hint("blast"), hint("upstream")
    return (
        f"Select a node (Ctrl+click for several) and press {blast} (affected if it fails) "
        f"or {needs} (what it needs)."
    )


# what the roster can be copied or saved as: name -> (file filter, extension, writer)
FORMATS: dict[str, tuple[str, str, Callable[[Reach], str]]] = {
    "Roster as Markdown": ("Markdown (*.md)", ".md", roster_markdown),
    "Roster as CSV": ("CSV (*.csv)", ".csv", roster_csv),
    "Everything reached as CSV": ("CSV (*.csv)", ".csv", reach_csv),
}


def heading_for(answer: Reach, shown: Reach | None = None) -> str:
    """The panel's title, said as the node's kind calls for; with how much a filter shows."""
    teams = "team(s) to tell" if answer.direction is Direction.AFFECTED else "team(s) involved"
    text = f"{reach_heading(answer)}: {len(answer.impacted)} node(s), {len(answer.teams)} {teams}"
    if shown is not None and shown is not answer:
        text += f" (the filter shows {len(shown.impacted)} node(s), {len(shown.teams)} team(s))"
    return text


class ImpactPanel(QWidget):
    """Signals:
    node_chosen(str): the IRI of a reached node or team the user picked.
    saved(str): the roster was written to this path.
    answered(): an answer is shown (the panel should be seen).
    """

    node_chosen = Signal(str)
    saved = Signal(str)
    answered = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.answer: Reach | None = None  # what the filter shows of it
        self.heading = QLabel(hint_text())
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        bold = self.heading.font()
        bold.setBold(True)
        self.heading.setFont(bold)
        self.heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.impacted = RecordTable(IMPACT_COLUMNS, elide=Qt.TextElideMode.ElideMiddle)
        self.teams = RecordTable(TEAM_COLUMNS)
        self.impacted.widest_column = 420
        self.teams.widest_column = 260
        self.nobody = NobodyList()
        self._columns_for(several=False)
        self.detail = wrapped_label(selectable=True)
        self._add_buttons()
        self._lay_out()
        self.impacted.record_activated.connect(self._impacted_picked)
        self.teams.record_activated.connect(self._team_picked)
        self.nobody.table.record_activated.connect(self._nobody_picked)

    def _add_buttons(self) -> None:
        self.copy_button = QToolButton()
        self.copy_button.setText("Copy")
        self.copy_button.setToolTip(
            f"Copy the roster as Markdown ({COPY_ROSTER_KEYS}); more formats ▾"
        )
        self.copy_button.setShortcut(QKeySequence(COPY_ROSTER_KEYS))
        self.copy_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        menu = QMenu(self.copy_button)
        for name in FORMATS:
            action = menu.addAction(name)
            action.triggered.connect(lambda _=False, name=name: self.copy(name))
        self.copy_button.setMenu(menu)
        self.copy_button.clicked.connect(lambda: self.copy("Roster as Markdown"))
        self.save_button = QPushButton("Save roster…")
        self.save_button.setToolTip("Save the roster as Markdown or CSV")
        self.save_button.clicked.connect(self.ask_save)
        for button in (self.copy_button, self.save_button):
            button.setEnabled(False)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.copy_button)
        top.addWidget(self.save_button)
        right = QWidget()
        told = QVBoxLayout(right)
        told.setContentsMargins(0, 0, 0, 0)
        told.addWidget(self.teams, 1)
        told.addWidget(self.nobody)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("impact-split")
        split.addWidget(self.impacted)
        split.addWidget(right)
        split.setStretchFactor(0, 11)
        split.setStretchFactor(1, 9)
        self.split = split
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.detail)

    def observe(self, state: Workspace) -> None:
        """Show the highlight's answer as the filter keeps it, or nothing."""

        def show() -> None:
            answer, shown = state.reach, state.filtered_reach()
            if answer is None or shown is None:
                self.clear()
                return
            self.show_reach(answer, shown)
            self.answered.emit()

        for change in (Change.ESTATE, Change.REACH, Change.FILTER, Change.FACTS):
            state.observe(change, show)

    def show_reach(self, answer: Reach, shown: Reach | None = None) -> None:
        """Show ``answer``, or of it what a filter keeps (``shown``)."""
        self.answer = shown if shown is not None else answer
        asked = self.answer.questions
        open_questions = (
            f". {len(asked)} open question(s) in it: " + "; ".join(q.text for q in asked[:3])
            if asked
            else ""
        )
        self.heading.setText(heading_for(answer, shown) + open_questions)
        self.impacted.set_records(self.answer.impacted)
        self.teams.set_records(self.answer.teams)
        self._show_scope(self.answer)
        self._share_width()
        self.detail.setText(
            reach_summary(self.answer)
            if len(self.answer.impacted) > SUMMARY_FROM
            else "Pick a row to see its whole path, or a team's whole roster entry."
        )
        for button in (self.copy_button, self.save_button):
            button.setEnabled(True)

    def _show_scope(self, answer: Reach) -> None:
        """For several changes: which reach each row, and why each team is told; and,
        for any answer, what nobody answers for."""
        self._columns_for(several=bool(answer.scope))
        self.nobody.show_answer(answer)

    def _columns_for(self, several: bool) -> None:
        """The columns a scope of ``several`` changes needs, and one change does not."""
        self.impacted.setColumnHidden(IMPACT_COLUMNS.index(REACHED_FROM), not several)
        self.teams.setColumnHidden(TEAM_COLUMNS.index(OWNS), several)
        self.teams.setColumnHidden(TEAM_COLUMNS.index(OWNS_WHY), not several)

    def _share_width(self) -> None:
        """Each list gets room by what it needs to show in full."""
        needs = [
            sum(
                table.columnWidth(c)
                for c in range(table.source.columnCount())
                if not table.isColumnHidden(c)
            )
            for table in (self.impacted, self.teams)
        ]
        total = self.split.width() or sum(needs)
        self.split.setSizes([total * n // max(sum(needs), 1) for n in needs])

    def clear(self) -> None:
        self.answer = None
        self.heading.setText(hint_text())
        self.impacted.set_records([])
        self.teams.set_records([])
        self._columns_for(several=False)
        self.nobody.clear()
        self.detail.clear()
        for button in (self.copy_button, self.save_button):
            button.setEnabled(False)

    def _impacted_picked(self, impacted: Impacted) -> None:
        self.detail.setText(f"{impacted.entity.name}: {path_text(impacted)}")
        self.node_chosen.emit(impacted.entity.iri)

    def _team_picked(self, team: TeamToTell) -> None:
        parts = [team.entity.name, team.status.mark or "active"]
        if team.contacts:
            parts.append(f"contact {', '.join(team.contacts)}")
        if team.members:
            parts.append(f"members {members_text(team)}")
        if self.answer is not None:
            parts.append(f"owns here {told_for(self.answer, team)}")
        self.detail.setText("; ".join(parts))
        self.node_chosen.emit(team.entity.iri)

    def _nobody_picked(self, node: Unattended) -> None:
        self.detail.setText(f"{node.entity.name}: {nobody_words(node)}")
        self.node_chosen.emit(node.entity.iri)

    def text_as(self, name: str) -> str:
        """The answer shown, in one of ``FORMATS``."""
        assert self.answer is not None
        return FORMATS[name][2](self.answer)

    def copy(self, name: str) -> None:
        if self.answer is not None:
            QGuiApplication.clipboard().setText(self.text_as(name))

    def save(self, path: Path) -> None:
        """Write the roster (Markdown for ``.md``, else CSV) atomically, and say where."""
        if self.answer is None:
            return
        name = "Roster as Markdown" if path.suffix.lower() == ".md" else "Roster as CSV"
        atomic_write_bytes(path, self.text_as(name).encode("utf-8"))
        self.saved.emit(str(path))

    def ask_save(self) -> None:
        if self.answer is None:
            return
        answer = self.answer
        filters = ";;".join(FORMATS[name][0] for name in ("Roster as Markdown", "Roster as CSV"))
        name, _ = QFileDialog.getSaveFileName(
            self, "Save the roster", f"{reach_file_name(answer)}-roster.md", filters
        )
        if name:
            try:
                self.save(Path(name))
            except InputError as exc:
                dialogs.show_error(self, "Cannot save", str(exc))
