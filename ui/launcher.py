"""The ``infra-explorer`` console script: the GUI commands here, every other in explorer.cli.

Qt is imported only for ``gui`` and ``screenshot``, so ``infra-explorer gaps`` never pays
for Qt's start-up and works where PySide6 cannot load.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from explorer.cli import COMMANDS, EXIT_BAD_INPUT, GUI_COMMANDS, PROG, looks_like_source
from explorer.cli import main as cli_main
from explorer.cli.exits import leave

__all__ = ["main", "run"]


def _wants_gui(argv: list[str]) -> bool:
    """No arguments, a GUI command, or sources only (``infra-explorer estate/``)."""
    if not argv:
        return True
    first = argv[0]
    if first in GUI_COMMANDS:
        return True
    return not first.startswith("-") and first not in COMMANDS and looks_like_source(first)


def main(argv: Sequence[str] | None = None, background: bool = False) -> int:
    """Dispatch one command line; returns the exit code. ``background``: see
    ``explorer.cli.main`` (the console script, ``run``, keeps its work in the background)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not _wants_gui(args):
        return cli_main(args, background)  # a misspelt command is told so there
    try:
        from ui.app import run_gui_command  # Qt starts here, and only here
    except ImportError as exc:
        print(
            f"{PROG}: error: the desktop app cannot start: {exc}; on Debian or Ubuntu, "
            "'scripts/dev app' installs what Qt needs (or run a command without the app: "
            f"'{PROG} --help')",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    return run_gui_command(args)


def run() -> None:
    """The console script: a command without the app ends its process at once once it
    has answered (``explorer.cli.exits.leave``); the app ends as Qt does."""
    args = sys.argv[1:]
    code = main(args, background=True)
    if not _wants_gui(args):
        leave(code)
    sys.exit(code)


if __name__ == "__main__":
    run()
