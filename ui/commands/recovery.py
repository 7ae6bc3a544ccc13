"""The recovery file: the context as it stands after every edit, beside the settings, so
that a crash or a kill between an edit and a save loses nothing. The next start offers
it back with the sources it was recorded on; saving or discarding removes it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from explorer.files.atomic import atomic_write_bytes
from explorer.recording.context_file import Context

__all__ = ["RECOVERY", "Pending", "RecoveryFile"]

RECOVERY = "recovery.ctx.ttl"  # a context file by its name, so reopening reads it as one
_META = "recovery.json"


@dataclass(frozen=True)
class Pending:
    """Edits left behind: when they were written, the sources they were recorded on, and
    the context file they belong to (None if it was never saved)."""

    when: datetime
    sources: list[str]
    context: str | None
    path: Path  # the recovery file itself, a context file


class RecoveryFile:
    """The recovery file and what it was recorded on, in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / RECOVERY

    def write(self, context: Context, sources: list[str]) -> None:
        """Keep the context as it stands, with the sources it was recorded on."""
        self.folder.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(self.path, context.to_bytes())
        opened = [s for s in sources if not s.endswith(RECOVERY)]
        meta = {"sources": opened, "context": str(context.path) if context.path else None}
        atomic_write_bytes(self.folder / _META, json.dumps(meta).encode())

    def pending(self) -> Pending | None:
        """What was left behind, if anything."""
        meta_path = self.folder / _META
        if not self.path.exists() or not meta_path.exists():
            return None
        meta = json.loads(meta_path.read_text())
        when = datetime.fromtimestamp(self.path.stat().st_mtime)
        context = meta.get("context")
        sources = [s for s in meta["sources"] if s != context]
        return Pending(when, sources, context, self.path)

    def drop(self) -> None:
        for name in (RECOVERY, _META):
            self.folder.joinpath(name).unlink(missing_ok=True)
