"""How a command ends: its exit code, and bad input said in one line, never a traceback.

The command line and the app's ``gui`` and ``screenshot`` commands both run their work
through ``reported``, so an error ends every command the same way.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import NoReturn

from explorer.domain.errors import InputError, SourceProblems

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_GAPS",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "PROG",
    "leave",
    "reported",
    "say_problems",
]

PROG = "infra-explorer"
EXIT_OK = 0
EXIT_GAPS = 1  # gaps found, with --fail-on-gaps
EXIT_BAD_INPUT = 2  # bad input or usage: one line naming the file, line and problem
EXIT_INTERRUPTED = 130  # Ctrl+C, as shells count it

_HINT = "add --keep-going to answer from everything else"


def say_problems(refused: SourceProblems) -> None:
    """Each problem on a line of its own; the way on, on the last."""
    if len(refused.problems) == 1:
        print(f"{PROG}: error: {refused} ({_HINT})", file=sys.stderr)
        return
    for problem in refused.problems:
        print(f"{PROG}: error: {problem}", file=sys.stderr)
    print(
        f"{PROG}: error: {len(refused.problems)} problems, so nothing was answered: fix them, "
        f"or {_HINT}",
        file=sys.stderr,
    )


def reported(work: Callable[[], int]) -> int:
    """Run ``work``; its exit code, or the one its error ends with, said on stderr."""
    try:
        return work()
    except SourceProblems as exc:
        say_problems(exc)
        return EXIT_BAD_INPUT
    except InputError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader went away (``| head``): not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def leave(code: int) -> NoReturn:
    """End a command's process at once, its answer written out: freeing a large estate's
    million objects one by one takes longer than some answers (0.7 s at 100,000 services),
    and nothing is left to do (what is kept for the next command is kept by then, or by a
    process of its own)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            code = code or EXIT_BAD_INPUT  # a closed pipe: the answer did not get out
    os._exit(code)
