"""The ``gui`` and ``screenshot`` commands: start Qt, load the sources, show or render."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import BinaryIO

from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtWidgets import QApplication

from explorer.atomic import atomic_write
from explorer.cli import EXIT_BAD_INPUT, EXIT_OK, PROG, OneLineParser
from explorer.errors import InputError
from explorer.ingest import LoadResult, load
from ui.main_window import MainWindow

__all__ = ["application", "run_gui_command", "save_screenshot"]


def _parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog=PROG)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=OneLineParser)
    gui = commands.add_parser("gui", help="open the desktop app")
    gui.add_argument("sources", nargs="*", type=Path, metavar="SOURCE")
    shot = commands.add_parser("screenshot", help="render the app's window to a PNG")
    shot.add_argument("sources", nargs="*", type=Path, metavar="SOURCE")
    shot.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.png")
    shot.add_argument("--size", default="1280x800", help="window size, WIDTHxHEIGHT")
    return parser


def application() -> QApplication:
    """The one QApplication of the process."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Infra Context Explorer")
    app.setOrganizationName("infra-context")
    return app


def save_screenshot(window: MainWindow, output: Path) -> None:
    """Render ``window`` into a PNG, written atomically."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not window.grab().save(buffer, "PNG"):
        raise InputError(output, None, "could not render the window")
    data = bytes(buffer.data().data())

    def write(handle: BinaryIO) -> None:
        handle.write(data)

    atomic_write(output, write)


def run_gui_command(argv: list[str]) -> int:
    """Run ``gui`` (the default) or ``screenshot``; bad input exits 2 with one line."""
    if not argv or argv[0] not in ("gui", "screenshot"):
        argv = ["gui", *argv]
    try:
        args = _parser().parse_args(argv)
        if args.command == "screenshot":
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
            if args.output.suffix.lower() != ".png":
                raise InputError(args.output, None, "a screenshot is written as .png")
        result = load(args.sources)
        return _screenshot(result, args) if args.command == "screenshot" else _show(result)
    except InputError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _show(result: LoadResult) -> int:
    app = application()
    window = MainWindow(result)
    window.show()
    return app.exec()


def _screenshot(result: LoadResult, args: argparse.Namespace) -> int:
    try:
        width, height = (int(n) for n in args.size.lower().split("x"))
    except ValueError:
        raise InputError(None, None, f"--size must be WIDTHxHEIGHT, not {args.size!r}") from None
    application()
    window = MainWindow(result)
    window.resize(width, height)
    window.show()
    save_screenshot(window, args.output)
    print(f"wrote {args.output}")
    return EXIT_OK
