"""File ▸ Export snapshot, Export view as image (with or without its title and legend) and
Save the roster.

A snapshot of an estate that answers slowly (an endpoint) is copied in the background;
a picture is rendered from the scene, named after what the view shows.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal

from explorer.domain.errors import InputError
from explorer.estate import Written
from explorer.formats.registry import save_filter
from explorer.workspace.names import view_name, view_title
from explorer.workspace.state import Workspace
from ui.actions import handles
from ui.canvas import view_export
from ui.canvas.legend import Legend
from ui.canvas.scene import GraphScene
from ui.dialogs.prompts import Prompts
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
        legend drawn in unless that is switched off (File menu)."""
        path = self.prompts.file_to_save(
            "Export view",
            f"{view_name(self.state)}.png",
            view_export.IMAGE_FILTER,
        )
        if path is not None:
            self.export_image(path)

    def export_image(self, path: Path) -> bool:
        heading = view_export.Heading()
        if self.heading:
            heading = view_export.Heading(view_title(self.state), self.legend)
        try:
            view_export.save_scene(self.scene, path, heading)
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
