"""The Analyse menu: blast radius and upstream of the selection, the highlight cleared,
dependency cycles and single points of failure.

Each answer is one question to the estate, asked through the job runner: off the GUI
thread when the workspace says answers are slow, on the spot otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from explorer.analysis import Reach
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

    def _one_node(self) -> str | None:
        """The selected node; None, with a note, when a group is selected."""
        node = self.state.selected
        if self.state.drawn_group(node) is not None:
            self.prompts.say("A group is selected: open it and pick one node.")
            return None
        return node

    @handles("blast")
    def blast_radius(self) -> None:
        """Everything affected if the selected node fails, and the teams to tell."""
        estate, node = self.state.estate, self._one_node()
        if estate is not None and node is not None:
            self._reach(lambda p: estate.blast_radius(node, None, p), "What fails with", node)

    @handles("upstream")
    def upstream(self) -> None:
        """Everything the selected node needs, and whose it is."""
        estate, node = self.state.estate, self._one_node()
        if estate is not None and node is not None:
            self._reach(lambda p: estate.upstream(node, None, p), "What is needed by", node)

    def _reach(self, ask: Ask, doing: str, node: str) -> None:
        view = self.state.drawn

        def answer(progress: StepProgress) -> Reach:
            found = ask(progress).ready()
            if view is not None and view.groups:
                view.hits(found.distances)  # the highlight's groups, for the GUI thread
            return found

        self.jobs.run(
            answer,
            self.state.show_reach,
            f"{doing} {id_from_iri(node)}…",
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
