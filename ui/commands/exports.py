"""File ▸ Export snapshot, Export view as image (with or without its title and legend; a
highlight's teams to tell under it, when asked), Save the roster and Export brief (the
page to send, ``ui.commands.brief``).

A snapshot of an estate that answers slowly (an endpoint) is copied in the background;
a picture is rendered from the scene, named after what the view shows.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal

from explorer.analysis import Direction
from explorer.domain.errors import InputError
from explorer.estate import Written
from explorer.formats.registry import save_filter
from explorer.report.caption import reach_caption
from explorer.report.reach import TEAM_HEADINGS
from explorer.workspace.names import view_name, view_title
from explorer.workspace.state import Workspace
from ui.actions import handles
from ui.canvas import view_export
from ui.canvas.caption import Caption
from ui.canvas.legend import Legend
from ui.canvas.scene import GraphScene
from ui.commands.brief import BriefExport
from ui.dialogs.prompts import Button, Prompts
from ui.jobs.runner import JobRunner
from ui.panels.impact import ImpactPanel

__all__ = ["ExportCommands"]

_HEADING = "image_heading"  # the setting: pictures get the view's title and the legend


class ExportCommands(QObject):
    """Signals:
    exported(str): a snapshot written in the background went to this path.
    """

    exported = Signal(str)

    def __init__(
        self,
        state: Workspace,
        jobs: JobRunner,
        prompts: Prompts,
        settings: QSettings,
        *,
        scene: GraphScene,
        legend: Legend,
        impact: ImpactPanel,
    ) -> None:
        super().__init__(prompts.parent())
        self.state, self.jobs, self.prompts, self.settings = state, jobs, prompts, settings
        self.scene, self.legend, self.impact = scene, legend, impact
        self.heading = str(settings.value(_HEADING, "true")).lower() != "false"
        self.brief = BriefExport(state, jobs, prompts)

    def export_snapshot(self, path: Path) -> bool:
        """Write the estate to ``path``; one that answers slowly is copied in the background
        first. False if it was refused at once."""
        estate = self.state.estate
        if estate is None:
            return False
        try:
            estate.check_export(path)
        except InputError as exc:
            self.prompts.error("Cannot export", str(exc))
            return False
        self.jobs.run(
            lambda progress: estate.export(path, progress),
            self._exported,
            f"Writing {estate.title} to {path.name}…",
            "Cannot export",
            background=estate.capabilities.slow,
        )
        return True

    def _exported(self, written: Written) -> None:
        self.prompts.say(f"Wrote {written.triples} triples to {written.path}.")
        self.exported.emit(str(written.path))

    @handles("snapshot")
    def ask_snapshot(self) -> None:
        path = self.prompts.file_to_save("Export snapshot", "snapshot.ttl", save_filter())
        if path is not None:
            self.export_snapshot(path)

    @handles("image")
    def ask_image(self) -> None:
        """Save the view as a picture named after what it shows, with its title and the
        legend drawn in unless that is switched off (File menu), and, when asked, the
        teams a highlight tells under it."""
        teams = self.ask_teams()
        if teams is None:
            return
        path = self.prompts.file_to_save(
            "Export view",
            f"{view_name(self.state)}.png",
            view_export.IMAGE_FILTER,
        )
        if path is not None:
            self.export_image(path, teams)

    def ask_teams(self) -> bool | None:
        """Whether the teams of the highlight go under the picture (yes by default for a
        blast radius: a picture of it is sent to say whom it concerns); False without a
        highlight, None when the person cancels."""
        answer = self.state.filtered_reach()
        if answer is None:
            return False
        teams = TEAM_HEADINGS[answer.direction].lower()
        default = Button.Yes if answer.direction is Direction.AFFECTED else Button.No
        nobody = f" and what nobody answers for ({len(answer.nobody)})" if answer.nobody else ""
        chosen = self.prompts.choose(
            "Export view",
            f"Put the {teams} ({len(answer.teams)}){nobody} under the picture?",
            Button.Yes | Button.No | Button.Cancel,
            default,
        )
        return None if chosen == Button.Cancel else chosen == Button.Yes

    def export_image(self, path: Path, teams: bool = False) -> bool:
        """Write the picture; ``teams``: the highlight's teams to tell under it."""
        heading = view_export.Heading()
        if self.heading:
            heading = view_export.Heading(view_title(self.state), self.legend)
        answer = self.state.filtered_reach() if teams else None
        caption = Caption(reach_caption(answer) if answer is not None else ())
        try:
            view_export.save_scene(self.scene, path, view_export.Frame(heading, caption))
        except InputError as exc:
            self.prompts.error("Cannot export", str(exc))
            return False
        self.prompts.say(f"Saved the view to {path}.")
        return True

    @handles("image_heading")
    def remember_image_heading(self, checked: bool) -> None:
        self.heading = checked
        self.settings.setValue(_HEADING, checked)

    @handles("save_roster")
    def save_roster(self) -> None:
        self.impact.ask_save()

    @handles("brief")
    def ask_brief(self) -> None:
        self.brief.ask()
