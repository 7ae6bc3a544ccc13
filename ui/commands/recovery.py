"""The recovery file: the context as it stands after every edit, beside the settings, so
that a crash or a kill between an edit and a save loses nothing. The next start offers
it back with the sources it was recorded on; saving or discarding removes it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from explorer.files.atomic import atomic_write_bytes
from explorer.recording.context_file import Context

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow

__all__ = ["RECOVERY", "RecoveryFile"]

RECOVERY = "recovery.ctx.ttl"  # a context file by its name, so reopening reads it as one


class RecoveryFile:
    """Mixed into ``ContextCommands``: writing, offering and removing the recovery file."""

    # given by ContextCommands: the window, the open estate's context, what is restored
    window: MainWindow
    _restoring: str | None
    _context: Callable[[], Context | None]

    def _recovery_folder(self) -> Path:
        """Beside the settings file: a test's settings keep its recovery to itself."""
        return Path(self.window.settings.fileName()).parent / "infra-explorer-recovery"

    def _write_recovery(self) -> None:
        context, estate = self._context(), self.window.workspace.estate
        if context is None or estate is None:
            return
        folder = self._recovery_folder()
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(folder / RECOVERY, context.to_bytes())
        sources = [s for s in estate.sources if not s.endswith(RECOVERY)]
        meta = {"sources": sources, "context": str(context.path) if context.path else None}
        atomic_write_bytes(folder / "recovery.json", json.dumps(meta).encode())

    def offer_recovery(self) -> bool:
        """If unsaved edits were left behind, offer to restore them; True if restoring."""
        folder = self._recovery_folder()
        if not (folder / RECOVERY).exists() or not (folder / "recovery.json").exists():
            return False
        meta = json.loads((folder / "recovery.json").read_text())
        stamp = (folder / RECOVERY).stat().st_mtime
        when = datetime.fromtimestamp(stamp).strftime("%Y-%m-%d %H:%M")
        answer = QMessageBox.question(
            self.window,
            "Restore unsaved context?",
            f"Edits recorded at {when} were not saved. Restore them with their sources?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            self._drop_recovery()
            return False
        self._restoring = meta.get("context")
        sources = [s for s in meta["sources"] if s != self._restoring]
        self.window.commands.open([*sources, str(folder / RECOVERY)])
        return True

    def _drop_recovery(self) -> None:
        for name in (RECOVERY, "recovery.json"):
            self._recovery_folder().joinpath(name).unlink(missing_ok=True)
