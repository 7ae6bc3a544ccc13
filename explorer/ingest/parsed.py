"""What reading one file gives, and the text every reader decodes first."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from explorer.domain.errors import InputError
from explorer.ingest.call_graphs import CallRecord
from explorer.ingest.fields import EntityRecord
from explorer.ingest.notes import Notes
from explorer.ingest.question_records import QuestionRecord
from explorer.ingest.sources import Source

__all__ = ["Parsed", "Reader", "decode"]


@dataclass
class Parsed:
    records: list[EntityRecord] = field(default_factory=list)
    questions: list[QuestionRecord] = field(default_factory=list)
    follow: list[Path] = field(default_factory=list)  # more files to read (Backstage Locations)
    calls: list[CallRecord] = field(default_factory=list)  # observed in traffic
    skipped: bool = False  # found in a folder, and not a file of ours
    template: bool = False  # a template's text (placeholders), not entities: passed by
    skeletons: list[Path] = field(default_factory=list)  # folders of template skeletons
    # what a deploy file says that only the load's other files complete (a Kubernetes
    # Service selects workloads another file defines; CODEOWNERS names owners of the
    # descriptors under it): joined once every file is read (``explorer.ingest.deploy``)
    facts: list[object] = field(default_factory=list)


Reader = Callable[[Source, bytes, Notes], Parsed]


def decode(path: str, data: bytes, notes: Notes | None = None) -> str:
    """UTF-8 text; with ``notes``, text that is not UTF-8 but Windows-1252 (as Excel on
    Windows saves CSV) is read too, and noted."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if notes is not None:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                pass
            else:
                notes.warn(path, None, "not UTF-8: read as Windows-1252 (cp1252)")
                return text
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            path, line, f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8"
        ) from None
