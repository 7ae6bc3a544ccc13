"""Write a file so that readers only ever see the old one or the complete new one."""

from __future__ import annotations

import glob
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from explorer.domain.errors import InputError

__all__ = ["atomic_write", "atomic_write_bytes"]


def _mode_for(path: Path) -> int:
    """The replaced file's permissions, or what a plain ``open`` would give a new file.

    (``mkstemp`` makes files only their owner can read.)
    """
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Call ``write`` on a temporary file beside ``path``, then rename it into place.

    The temporary file is flushed to disk before the rename, and removed if ``write``
    fails, so an interrupted export never leaves a truncated file under the real name. A
    process killed mid-write cannot remove its temporary file; the next write to the same
    path does (its name carries the writer's process id, so a live writer's is kept).
    """
    path = Path(path)
    _remove_abandoned(path)
    fd, temp_name = tempfile.mkstemp(
        prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temp_name).chmod(_mode_for(path))
        Path(temp_name).replace(path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def _remove_abandoned(path: Path) -> None:
    """Temporary files of earlier writes to ``path`` whose process is gone."""
    for temp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        pid = temp.name[len(path.name) + 2 :].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            temp.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: asks whether the process exists, sends nothing
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; a failure is the user's one-line InputError."""

    def write(handle: BinaryIO) -> None:
        handle.write(data)

    try:
        atomic_write(Path(path), write)
    except OSError as exc:
        raise InputError(path, None, f"cannot write: {exc.strerror or exc}") from None
