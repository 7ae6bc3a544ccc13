"""The programs of the estate: what each changes and who runs it, asked about together.

Enter or a double-click on a program shows the blast radius of all it changes, headed by
the program. The buttons make a program of the nodes selected, add the selection to the
program picked or take it out, and delete the program; each is an edit the window records
(``ui.commands.programs``), and the list follows every edit and undo. A program picked
here by hand (or the keyboard coming back to the panel) is what File > Export brief is of,
until nodes are chosen again (``Workspace.pick_program``). No button acts before an
estate is open (while the start asks whether to restore unsaved edits, say).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal, SignalInstance
from PySide6.QtWidgets import QApplication, QGridLayout, QPushButton, QVBoxLayout, QWidget

from explorer.analysis.programs import Program
from explorer.domain.progress import StepProgress
from explorer.workspace.state import Change, Workspace
from ui.actions import hint
from ui.jobs.runner import JobRunner, Lane
from ui.panels.columns import PROGRAM_COLUMNS
from ui.panels.table import RecordTable, wrapped_label

__all__ = ["ProgramsPanel"]


def _hint() -> str:
    blast = hint("blast")
    return (
        "No programs yet. Select what one changes (Ctrl+click several nodes), then "
        f"New from selection…; {blast} answers for a selection as it is."
    )


class ProgramsPanel(QWidget):
    """Signals:
    asked(object): Enter or a double-click on this ``Program``: its blast radius.
    create_asked(): make a program of the nodes selected.
    add_asked(object), remove_asked(object), delete_asked(object): the selection into this
        ``Program``, out of it, or the program deleted.
    listed(): the estate's programs are shown (after opening it, an edit or an undo).
    """

    asked = Signal(object)
    create_asked = Signal()
    add_asked = Signal(object)
    remove_asked = Signal(object)
    delete_asked = Signal(object)
    listed = Signal()

    def __init__(self, jobs: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.jobs = jobs
        self.programs: list[Program] = []
        self.chosen: tuple[str, ...] = ()  # the nodes selected in the window
        self.pending: str | None = None  # the program to pick once listed (one just made)
        self.heading = wrapped_label()
        self.table = RecordTable(PROGRAM_COLUMNS)
        self.table.widest_column = 200
        self.detail = wrapped_label(selectable=True)
        self._add_buttons()
        self._lay_out()
        self.state: Workspace | None = None  # once observed
        self.table.activated.connect(self._activated)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._moved())
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_changed)
        self._follow()

    def _add_buttons(self) -> None:
        self.new_button = QPushButton("New from selection…")
        self.add_button = QPushButton("Add selection")
        self.remove_button = QPushButton("Remove selection")
        self.delete_button = QPushButton("Delete program…")
        tips = (
            (self.new_button, "New program from the selection: it changes the nodes selected"),
            (self.add_button, "Add the nodes selected to the program picked"),
            (self.remove_button, "Remove the nodes selected from the program picked"),
            (self.delete_button, "Delete the program picked (undo brings it back)"),
        )
        for button, tip in tips:
            button.setToolTip(tip)
        self.new_button.clicked.connect(self.create_asked.emit)
        self.add_button.clicked.connect(lambda: self._with_picked(self.add_asked))
        self.remove_button.clicked.connect(lambda: self._with_picked(self.remove_asked))
        self.delete_button.clicked.connect(lambda: self._with_picked(self.delete_asked))

    def _lay_out(self) -> None:
        buttons = QGridLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.new_button, 0, 0)
        buttons.addWidget(self.delete_button, 0, 1)
        buttons.addWidget(self.add_button, 1, 0)
        buttons.addWidget(self.remove_button, 1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)

    def observe(self, state: Workspace) -> None:
        """List the estate's programs when it opens and after every edit; follow the
        selection, which the buttons act on."""

        def refresh() -> None:
            estate = state.estate
            if estate is None:
                return

            def work(progress: StepProgress) -> list[Program]:
                return estate.programs(progress)

            self.jobs.run(
                work,
                self.show_programs,
                failure="Cannot list the programs",
                lane=Lane.LISTS,
                background=state.answers_slowly(),
            )

        def selected() -> None:
            self.chosen = state.chosen
            self._follow()

        self.state = state

        for change in (Change.ESTATE, Change.FACTS):
            state.observe(change, refresh)
        state.observe(Change.SELECTION, selected)

    def show_programs(self, programs: list[Program]) -> None:
        """List ``programs``; the one picked before (or just made) stays picked."""
        before = self.picked()
        wanted = self.pending or (before.entity.iri if before is not None else None)
        self.pending = None
        self.programs = list(programs)
        self.table.set_records(self.programs)
        self.heading.setText(
            f"{len(programs)} program(s): Enter or double-click one for the blast radius of "
            "all it changes."
            if programs
            else _hint()
        )
        rows = [r for r, p in enumerate(self.table.visible_records()) if p.entity.iri == wanted]
        if rows:
            self.table.selectRow(rows[0])
        state, listed = self.state, {p.entity.iri for p in self.programs}
        if state is not None and state.program is not None and state.program.iri not in listed:
            state.pick_program(None)  # deleted, or undone: a brief is no longer of it
        self._follow()
        self.listed.emit()

    def picked(self) -> Program | None:
        """The program of the current row, if any."""
        row = self.table.currentIndex().row()
        return self.table.record_at(row) if row >= 0 else None

    def _with_picked(self, signal: SignalInstance) -> None:
        program = self.picked()
        if program is not None:
            signal.emit(program)

    def _activated(self, index: QModelIndex) -> None:
        program = self.table.record_at(index.row())
        if program is not None:
            self.asked.emit(program)

    def _inside(self, widget: QWidget | None) -> bool:
        return widget is not None and self.isAncestorOf(widget)

    def _here(self) -> bool:
        """Whether the keyboard is in the panel (the window's, while it is inactive too)."""
        return self._inside(self.window().focusWidget())

    def _moved(self) -> None:
        """Another row is current: picked by hand when the keyboard is here (a click, the
        arrow keys), else the list was filled again."""
        if self._here() and self.state is not None:
            program = self.picked()
            self.state.pick_program(program.entity if program is not None else None)
        self._follow()

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        """The keyboard came into the panel: its program is picked again, last."""
        program, state = self.picked(), self.state
        came = self._inside(new) and not self._inside(old)
        if came and state is not None and program is not None:
            state.pick_program(program.entity)

    def _follow(self) -> None:
        """The buttons that can act now (none before an estate is open), and what the
        program picked is."""
        program, selection = self.picked(), bool(self.chosen)
        buttons = (self.new_button, self.add_button, self.remove_button, self.delete_button)
        pressed = self.window().focusWidget()  # the window's, while it is inactive too
        if self.state is None or self.state.estate is None:
            program, selection = None, False
        self.new_button.setEnabled(selection)
        for button in (self.add_button, self.remove_button):
            button.setEnabled(selection and program is not None)
        self.delete_button.setEnabled(program is not None)
        if pressed in buttons and pressed is not None and not pressed.isEnabled():
            self.table.setFocus()  # the button pressed can no longer act: keep the keyboard
        if program is None:
            self.detail.setText(f"{len(self.chosen)} node(s) selected." if selection else "")
            self.detail.setToolTip("")
            return
        owners = ", ".join(o.label for o in program.owners) or "nobody"
        changes = ", ".join(c.label for c in program.changes) or "nothing yet"
        self.detail.setText(f"{program.entity.label}, run by {owners}, changes {changes}.")
        self.detail.setToolTip(program.entity.description)
