"""What the Programs panel's buttons do: a program made of the selection, the selection
added to a program or taken out, a program deleted, and a program's blast radius.

Each change is an edit of ``explorer.recording.programs``, asked for through the Edit
forms (so it records who said it, where from and how sure) and pushed on the undo stack:
written to the context file, undone exactly, and the panel lists the programs again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from explorer.analysis.programs import Program
from explorer.domain.vocab import id_from_iri, iri_for_id
from explorer.recording.edits import Edit, Said
from explorer.recording.programs import add_changes, delete_program, new_program, remove_changes
from explorer.workspace.state import Workspace
from ui.actions import handles
from ui.commands.analyses import AnalysisCommands
from ui.commands.edit_forms import EditForms
from ui.dialogs.edit_form import Field
from ui.dialogs.prompts import Prompts
from ui.panels.programs import ProgramsPanel

__all__ = ["ProgramCommands"]

ChangeEdit = Callable[[Program, list[str], Said], Edit]


class ProgramCommands:
    """The Programs panel's actions, and View ▸ Programs."""

    def __init__(
        self,
        state: Workspace,
        prompts: Prompts,
        forms: EditForms,
        analyses: AnalysisCommands,
        panel: ProgramsPanel,
        reveal: Callable[[QWidget], None],
    ) -> None:
        self.state, self.prompts, self.forms = state, prompts, forms
        self.panel, self.reveal = panel, reveal
        panel.asked.connect(analyses.program_reach)
        panel.create_asked.connect(self.new_from_selection)
        panel.add_asked.connect(lambda p: self._change(p, add_changes, "Add", "to"))
        panel.remove_asked.connect(lambda p: self._change(p, remove_changes, "Remove", "from"))
        panel.delete_asked.connect(self.delete)

    @handles("programs")
    def show_programs(self) -> None:
        self.reveal(self.panel)
        self.panel.table.setFocus()

    def _selection(self) -> list[str]:
        chosen = list(self.state.chosen)
        if not chosen:
            self.prompts.say("Select what the program changes first (Ctrl+click several nodes).")
        return chosen

    def new_from_selection(self) -> None:
        """Ask the new program's id, name, description and who runs it; it changes the
        nodes selected."""
        chosen = self._selection()
        if not chosen:
            return
        ids = ", ".join(map(id_from_iri, chosen))
        fields = [
            Field("id", "Id", placeholder="e.g. program-region-launch"),
            Field("label", "Name", placeholder="e.g. Region launch (optional)"),
            Field("description", "Description", placeholder="what and why (optional)"),
            Field(
                "owner",
                "Run by",
                completions=self.forms.choices(("team", "person")),
                placeholder="a team or person (optional)",
            ),
        ]
        self.forms.record_from_form(
            f"New program changing {ids}", fields, lambda got, said: self._new(got, said, chosen)
        )

    def _new(self, got: dict[str, str], said: Said, chosen: list[str]) -> Edit:
        estate = self.state.estate
        program = str(iri_for_id(got["id"]))
        if estate is not None and got["id"] and estate.knows(program):
            raise ValueError(f"{got['id']} names a node already: choose another id")
        owner = self.forms.node_named(got["owner"]) if got["owner"] else None
        edit = new_program(got["id"], got["label"], chosen, said, got["description"], owner)
        self.panel.pending = program  # picked in the list once it is there
        return edit

    def _change(self, program: Program, change: ChangeEdit, verb: str, where: str) -> None:
        """The selection added to ``program``, or taken out of it."""
        chosen = self._selection()
        if chosen:
            title = f"{verb} {len(chosen)} node(s) {where} program {program.entity.label}"
            self.forms.record_from_form(
                title, [], lambda _, said: change(program, chosen, said), program.entity.iri
            )

    def delete(self, program: Program) -> None:
        """Delete ``program`` (a form asks who says so, and serves as the confirmation: it
        names the program, and what it changes, in its body)."""
        changes = ", ".join(c.name for c in program.changes) or "nothing"
        self.forms.record_from_form(
            f"Delete program {program.entity.label}",
            [],
            lambda _, said: delete_program(program, said),
            program.entity.iri,
            intro=f"Delete the program {program.entity.name}, which changes {changes}? "
            "Undo (Ctrl+Z) brings it back.",
        )
