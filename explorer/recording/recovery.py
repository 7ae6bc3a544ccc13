"""The recovery file: what a window holds that no source can give back, kept after every
edit, so that a crash or a kill loses nothing.

One JSON file, written atomically (a kill leaves the last one whole): the sources as
opened (none: the bundled sample), each file's SHA-256 as it was read, the context file
the edits belong to and its SHA-256 as last read or written, how many statements and
questions are not saved, and the context itself (Turtle). Restoring opens the same
sources with the context read beside them (``Estate`` ``context=``), says what changed
since, and leaves the context file to be saved where it was.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from explorer.domain.errors import InputError
from explorer.files.atomic import atomic_write_bytes
from explorer.recording.context_file import Context, is_context_file

__all__ = ["RECOVERY", "RESTORING", "Recovered", "RecoveryFile"]

RECOVERY = "recovery.json"
RESTORING = "restoring.ctx.ttl"  # the context being restored: a context file by its name


@dataclass(frozen=True)
class Recovered:
    """What a window held when it was last written."""

    written: str  # when, ISO 8601
    sources: tuple[str, ...]  # as opened; () is the bundled sample
    hashes: dict[str, str]  # each file read (context files aside) -> its SHA-256
    context: str | None  # the context file the edits belong to; None: never saved
    context_read_as: str | None  # its SHA-256 as last read or written
    statements: int  # not saved
    questions: int  # not saved
    turtle: str = field(repr=False)  # the context as it stood

    @property
    def when(self) -> datetime:
        return datetime.fromisoformat(self.written).astimezone()

    def to_load(self) -> list[str]:
        """The sources to open again: those opened, but the context file the edits belong
        to, which the recovered context replaces."""
        return [s for s in self.sources if s != self.context]

    def changed(self, now: dict[str, str]) -> list[str]:
        """The files whose bytes are not those the edits were recorded on (or are gone)."""
        return sorted(p for p, sha in self.hashes.items() if now.get(p) != sha)

    def restored(self) -> str:
        """What restoring brings back, in words."""
        where = ", ".join(Path(s).name for s in self.sources) or "the bundled sample"
        stamp = self.when.strftime("%Y-%m-%d %H:%M")
        return (
            f"Restored {self.statements} statement(s) and {self.questions} question(s) not "
            f"saved, recorded at {stamp} on {where}"
        )


class RecoveryFile:
    """The recovery file in ``folder`` (one per settings file, so per user and test)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / RECOVERY

    def write(self, context: Context, sources: tuple[str, ...], hashes: dict[str, str]) -> None:
        """Keep ``context`` with what it was recorded on."""
        statements, questions = context.unsaved()
        kept = Recovered(
            datetime.now(UTC).isoformat(timespec="seconds"),
            tuple(sources),
            {p: sha for p, sha in hashes.items() if not is_context_file(Path(p))},
            str(context.path) if context.path else None,
            context.read_as,
            statements,
            questions,
            context.to_bytes().decode("utf-8"),
        )
        self.folder.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(self.path, json.dumps(asdict(kept), indent=1).encode("utf-8"))

    def pending(self) -> Recovered | None:
        """What was left behind, if anything; a file that cannot be read is an InputError."""
        if not self.path.exists():
            return None
        try:
            kept = json.loads(self.path.read_text(encoding="utf-8"))
            kept["sources"], kept["hashes"] = tuple(kept["sources"]), dict(kept["hashes"])
            return Recovered(**kept)
        except (ValueError, TypeError, KeyError) as exc:
            raise InputError(self.path, None, f"is not a recovery file: {exc}") from None

    def restoring(self, recovered: Recovered) -> Path:
        """The recovered context as a context file, to open beside the sources."""
        path = self.folder / RESTORING
        atomic_write_bytes(path, recovered.turtle.encode("utf-8"))
        return path

    def drop(self) -> None:
        for name in (RECOVERY, RESTORING):
            self.folder.joinpath(name).unlink(missing_ok=True)
