"""The Analyse menu: blast radius and upstream of the selection (one node, or several
picked with Ctrl or Shift, or a program's changes: one answer for all), the highlight
cleared, dependency cycles and single points of failure.

Each answer is one question to the estate, asked through the job runner: off the GUI
thread when the workspace says answers are slow, on the spot otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QWidget

from explorer.analysis import Reach
from explorer.analysis.programs import Program
from explorer.domain.progress import StepProgress
from explorer.domain.vocab import id_from_iri
from explorer.workspace.state import Workspace
from ui.actions import handles
from ui.dialogs.prompts import Prompts
from ui.jobs.runner import JobRunner, Work
from ui.panels.structure import StructurePanel

__all__ = ["AnalysisCommands"]

Ask = Callable[[StepProgress], Reach]


class AnalysisCommands:
    """What B, U, Esc, Ctrl+Shift+Y and Ctrl+Shift+F do."""

    def __init__(
        self,
        state: Workspace,
        jobs: JobRunner,
        prompts: Prompts,
        structure: StructurePanel,
        reveal: Callable[[QWidget], None],
    ) -> None:
        self.state, self.jobs, self.prompts = state, jobs, prompts
        self.structure, self.reveal = structure, reveal

    def _scope(self) -> list[str]:
        """The nodes selected (one or several); none, with a note, when a group is."""
        chosen = list(self.state.chosen)
        if any(self.state.drawn_group(node) is not None for node in chosen):
            self.prompts.say("A group is selected: open it and pick one node.")
            return []
        return chosen

    @handles("blast")
    def blast_radius(self) -> None:
        """Everything affected if the selected nodes fail, and the teams to tell."""
        estate, nodes = self.state.estate, self._scope()
        if estate is not None and nodes:
            scope = nodes if len(nodes) > 1 else nodes[0]
            self._reach(lambda p: estate.blast_radius(scope, None, p), "What fails with", nodes)

    @handles("upstream")
    def upstream(self) -> None:
        """Everything the selected nodes need, and whose it is."""
        estate, nodes = self.state.estate, self._scope()
        if estate is not None and nodes:
            scope = nodes if len(nodes) > 1 else nodes[0]
            self._reach(lambda p: estate.upstream(scope, None, p), "What is needed by", nodes)

    def program_reach(self, program: Program) -> None:
        """The blast radius of what ``program`` changes, headed by the program; its
        changes become the selection, so U then asks what they need."""
        estate, nodes = self.state.estate, [e.iri for e in program.changes]
        if estate is None or not nodes:
            self.prompts.say(
                f"Program {program.entity.label} changes nothing yet: add the selection."
            )
            return
        self.state.choose(nodes)
        self.state.pick_program(program.entity)  # the program, not its changes: its brief

        def ask(progress: StepProgress) -> Reach:
            found = estate.blast_radius(nodes if len(nodes) > 1 else nodes[0], None, progress)
            return replace(found, program=program.entity)

        self._reach(ask, f"What fails with program {program.entity.label}:", nodes)

    def _reach(self, ask: Ask, doing: str, nodes: list[str]) -> None:
        view = self.state.drawn

        def answer(progress: StepProgress) -> Reach:
            found = ask(progress).ready()
            if view is not None and view.groups:
                view.hits(found.distances)  # the highlight's groups, for the GUI thread
            return found

        self.jobs.run(
            answer,
            self.state.show_reach,
            f"{doing} {', '.join(map(id_from_iri, nodes))}…",
            "Cannot answer",
            background=self.state.answers_slowly(),
        )

    @handles("clear")
    def clear_highlight(self) -> None:
        self.state.clear_reach()

    @handles("cycles")
    def cycles(self) -> None:
        """The dependency cycles, listed in the Structure panel."""
        estate = self.state.estate
        if estate is not None:
            doing = "Finding dependency cycles…"
            self._structure(estate.cycles, self.structure.show_cycles, doing)

    @handles("spof")
    def single_points(self) -> None:
        """The single points of failure, listed in the Structure panel."""
        estate = self.state.estate
        if estate is not None:
            doing = "Finding single points of failure…"
            self._structure(estate.single_points_of_failure, self.structure.show_points, doing)

    def _structure(self, ask: Work, show: Callable[[Any], None], doing: str) -> None:
        """Ask in the background; list the answer in the Structure panel."""

        def done(answer: Any) -> None:
            show(answer)
            self.reveal(self.structure)

        self.jobs.run(ask, done, doing, "Cannot answer")
