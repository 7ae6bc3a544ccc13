"""What the window's export actions do: snapshots, pictures of the view, the roster.

A mixin of ``ui.commands.window.WindowCommands``, which gives it the window and its workspace.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from explorer.domain.errors import InputError
from explorer.estate import Written
from explorer.export import WRITERS
from explorer.workspace.names import view_name, view_title
from explorer.workspace.state import Workspace
from ui.canvas import view_export
from ui.dialogs import messages as dialogs

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow

__all__ = ["ExportCommands"]


class ExportCommands:
    window: MainWindow
    state: Workspace

    def export_snapshot(self, path: Path) -> bool:
        """Write the estate to ``path``; one that answers slowly is copied in the background
        first. False if it was refused at once."""
        estate = self.state.estate
        if estate is None:
            return False
        try:
            estate.check_export(path)
        except InputError as exc:
            dialogs.show_error(self.window, "Cannot export", str(exc))
            return False
        self.window.jobs.run(
            lambda report: estate.export(path, report),
            self._exported,
            f"Writing {estate.title} to {path.name}…",
            "Cannot export",
            background=estate.capabilities.slow,
        )
        return True

    def _exported(self, written: Written) -> None:
        self.window.summary.setText(f"Wrote {written.triples} triples to {written.path}.")
        self.window.exported.emit(str(written.path))

    def ask_snapshot(self) -> None:
        kinds = ";;".join(f"{ext[1:].upper()} (*{ext})" for ext in WRITERS)
        name, _ = QFileDialog.getSaveFileName(self.window, "Export snapshot", "snapshot.ttl", kinds)
        if name:
            self.export_snapshot(Path(name))

    def ask_image(self) -> None:
        """Save the view as a picture named after what it shows, with its title and the
        legend drawn in unless that is switched off (File menu)."""
        name, _ = QFileDialog.getSaveFileName(
            self.window,
            "Export view",
            f"{view_name(self.state)}.png",
            "PNG image (*.png);;SVG drawing (*.svg)",
        )
        if name:
            self.export_image(Path(name))

    def export_image(self, path: Path) -> bool:
        heading = view_export.Heading()
        if self.window.named_actions["image_heading"].isChecked():
            heading = view_export.Heading(view_title(self.state), self.window.legend)
        try:
            view_export.save_scene(self.window.scene, path, heading)
        except InputError as exc:
            dialogs.show_error(self.window, "Cannot export", str(exc))
            return False
        self.window.summary.setText(f"Saved the view to {path}.")
        return True

    def restore_settings(self) -> None:
        """What the window remembers besides its layout: whether pictures get a heading."""
        heading = str(self.window.settings.value("image_heading", "true")).lower() != "false"
        self.window.named_actions["image_heading"].setChecked(heading)

    def remember_image_heading(self) -> None:
        checked = self.window.named_actions["image_heading"].isChecked()
        self.window.settings.setValue("image_heading", checked)

    def save_roster(self) -> None:
        self.window.impact.ask_save()
