"""The canvas follows the workspace: the picture it asks for is worked out (in the
background for a large estate; a newer request supersedes it), then drawn with the
selection, the highlight through the filter and the changes marked.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from explorer.workspace.highlight import reach_distances
from explorer.workspace.picture import Picture, picture
from explorer.workspace.state import Change, Workspace
from ui.canvas.breadcrumb import Breadcrumb
from ui.canvas.filter_bar import FilterBar
from ui.canvas.graph_canvas import GraphCanvas
from ui.jobs.runner import JobRunner, Lane

__all__ = ["CanvasPainter"]


class CanvasPainter(QObject):
    """Signals:
    drawn(): the canvas shows a new picture, every item of it built.
    loaded(): a newly opened estate's first picture is drawn.
    """

    drawn = Signal()
    loaded = Signal()

    def __init__(
        self,
        state: Workspace,
        jobs: JobRunner,
        canvas: GraphCanvas,
        say: Callable[[str], None],
        *,
        filter_bar: FilterBar,
        breadcrumb: Breadcrumb,
    ) -> None:
        super().__init__(canvas)
        self.state, self.jobs, self.canvas, self.say = state, jobs, canvas, say
        self.scene = canvas.graph_scene
        self.filter_bar, self.breadcrumb = filter_bar, breadcrumb
        self.opening = False  # until the new estate's first picture is drawn
        self.scene.complete.connect(self._complete)
        state.observe(Change.ESTATE, self._opening)
        state.observe(Change.SELECTION, self._select)
        for change in (Change.REACH, Change.FILTER, Change.FACTS):
            state.observe(change, self._highlight)
        state.observe(Change.VIEW, self.draw)
        state.observe(Change.NOTE, self.show_summary)

    def _select(self) -> None:
        self.scene.set_selected(self.state.chosen)

    def _opening(self) -> None:
        self.opening = True

    def _highlight(self) -> None:
        shown = self.state.filtered_reach()
        self.scene.set_highlight(reach_distances(shown) if shown is not None else None)

    def draw(self) -> None:
        """Ask for the picture the workspace wants, through its filter."""
        state, estate = self.state, self.state.estate
        assert estate is not None
        request, chosen, comparison = state.view_request(), state.filter, state.comparison
        rules = state.gap_rules()
        self.jobs.run(
            lambda progress: picture(estate, request, chosen, rules, comparison, progress),
            self._paint,
            "Drawing…",
            "Cannot draw",
            Lane.VIEW,
            background=state.answers_slowly(),
        )

    def _paint(self, shot: Picture) -> None:
        """Draw a picture with the workspace's selection, highlight and changes."""
        state, estate, scene = self.state, self.state.estate, self.scene
        assert estate is not None
        self.filter_bar.show_filter(state.filter, shot.after_filter, shot.before_filter)
        grouped = bool(shot.path) or (bool(shot.view.groups) and not shot.view.layered)
        self.breadcrumb.show_path(shot.path if grouped else None)
        scene.show_view(shot.view, estate.gap_nodes(), self.canvas.palette())
        state.was_drawn(shot.view)
        scene.set_changes(state.change_marks())
        scene.set_selected(state.chosen, place=False)
        if (shown := state.filtered_reach()) is not None:
            scene.set_highlight(reach_distances(shown), place=False)
        self.canvas.fit()  # places the labels for the zoom it settles on
        self.show_summary()
        scene.add_edges()  # in slices; ``complete`` when done

    def _complete(self) -> None:
        """Every item of the new picture is built: say so, and that the estate is open."""
        self.drawn.emit()
        if self.opening:
            self.opening = False
            self.loaded.emit()

    def show_summary(self) -> None:
        """The estate and the view in a line; first, what the last action replaced."""
        estate, note = self.state.estate, self.state.note
        if estate is not None:
            drawn = f"Showing {len(self.scene.nodes)} node(s), {self.state.mode} view."
            self.say(" ".join(t for t in (note, estate.summary(), drawn) if t))
