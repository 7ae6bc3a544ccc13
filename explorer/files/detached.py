"""Work done after a command has answered, in a process the command does not wait for.

Keeping a fresh load in the cache folder takes as long as a third of the load itself; a
user waits for the answer, not for that. On POSIX the work runs in a forked child, which
leaves the terminal (its own session, standard streams on ``/dev/null``) so that a shell
or a pipe reading the answer is not held open; elsewhere it runs before returning.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Sequence

__all__ = ["run_detached"]


def run_detached(work: Sequence[Callable[[], object]]) -> None:
    """Run ``work`` in order, in a child process when the system can fork one."""
    if not hasattr(os, "fork"):
        for done in work:
            done()
        return
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()  # what the answer printed is out before the child is made
    if os.fork() != 0:
        return
    try:  # the child: nothing it does may reach the parent's streams or its exit code
        os.setsid()
        quiet = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(quiet, fd)
        for done in work:
            done()
    finally:
        os._exit(0)
