"""The ``gui`` and ``screenshot`` commands: start Qt, open the sources, show or render."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QBuffer, QEventLoop, QIODevice, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from explorer.cli import OneLineParser
from explorer.cli.exits import EXIT_OK, PROG, reported
from explorer.cli.filtering import filter_from
from explorer.cli.parser import add_filter_options
from explorer.domain.errors import InputError
from explorer.estate import Estate, open_estate
from explorer.files.atomic import atomic_write_bytes
from ui.display import display_problem
from ui.window.main_window import MainWindow

__all__ = ["application", "run_gui_command", "save_screenshot"]

SETTLE_MS = 150
ICON = "infra-context-explorer"  # the icon's name: ui/icons/ICON.svg, and in the icon theme


def _parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog=PROG)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=OneLineParser)
    gui = commands.add_parser("gui", help="open the desktop app")
    gui.add_argument(
        "sources", nargs="*", default=[], metavar="SOURCE", help="files, folders or an endpoint"
    )
    shot = commands.add_parser("screenshot", help="render the app's window to a PNG")
    shot.add_argument(
        "sources", nargs="*", default=[], metavar="SOURCE", help="files, folders or an endpoint"
    )
    shot.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.png")
    shot.add_argument("--focus", metavar="NODE", help="select NODE and show its neighbourhood")
    shot.add_argument("--hops", type=int, default=1, metavar="N", help="focus depth (default 1)")
    shot.add_argument("--blast-radius", metavar="NODE", help="highlight what NODE's failure hurts")
    shot.add_argument("--upstream", metavar="NODE", help="highlight what NODE needs")
    shot.add_argument("--size", default="1600x1000", help="window size, WIDTHxHEIGHT")
    shot.add_argument(
        "--keep-going", action="store_true", help="draw what loads; say each problem on stderr"
    )
    add_filter_options(shot)
    return parser


def application() -> QApplication:
    """The one QApplication of the process."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Infra Context Explorer")
    app.setOrganizationName("infra-context")
    app.setDesktopFileName("infra-context-explorer")  # the menu entry, for the task bar
    app.setWindowIcon(QIcon(str(Path(__file__).resolve().parent / "icons" / f"{ICON}.svg")))
    return app


def settle(ms: int = SETTLE_MS) -> None:
    """Let the event loop run a moment, as it does before a user's first click: a window
    just shown tidies the tab bars of its tabbed docks on a timer, and a dock raised
    before then (or a picture taken) keeps a stale one."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def quiet_down(window: MainWindow, rounds: int = 100) -> None:
    """Wait until the window's background work is done and shown, answers that start more
    work included (a blast radius that redraws the picture)."""
    for _ in range(rounds):
        window.jobs.wait()
        application().processEvents()
        if not window.jobs.busy():
            return


def save_screenshot(window: MainWindow, output: Path) -> None:
    """Render ``window`` into a PNG, written atomically, once its layout has settled."""
    settle()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not window.grab().save(buffer, "PNG"):
        raise InputError(output, None, "could not render the window")
    atomic_write_bytes(output, bytes(buffer.data().data()))


def run_gui_command(argv: list[str]) -> int:
    """Run ``gui`` (the default) or ``screenshot``; bad input exits 2 with one line."""
    if not argv or argv[0] not in ("gui", "screenshot"):
        argv = ["gui", *argv]
    args = _parser().parse_args(argv)
    return reported(lambda: _run(args))


def _run(args: argparse.Namespace) -> int:
    if args.command == "screenshot":
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        if args.output.suffix.lower() != ".png":
            raise InputError(args.output, None, "a screenshot is written as .png")
    problem = display_problem()
    if problem is not None:
        raise InputError(None, None, problem)
    application()
    if args.command == "gui":
        return _show(args.sources)
    estate = open_estate(args.sources, keep_going=args.keep_going)
    for found in estate.problems:
        print(f"{PROG}: problem: {found}", file=sys.stderr)
    estate.prepare()
    return _screenshot(estate, args)


def _show(sources: list[str]) -> int:
    """Show the window at once and open the sources in the background."""
    app = application()
    window = MainWindow()
    window.load_failed.connect(lambda message: print(f"{PROG}: error: {message}", file=sys.stderr))
    window.show()
    window.start(sources)
    return app.exec()


def _screenshot(estate: Estate, args: argparse.Namespace) -> int:
    try:
        width, height = (int(n) for n in args.size.lower().split("x"))
    except ValueError:
        raise InputError(None, None, f"--size must be WIDTHxHEIGHT, not {args.size!r}") from None
    with tempfile.TemporaryDirectory() as folder:  # the default layout, not the user's last
        settings = QSettings(str(Path(folder) / "screenshot.ini"), QSettings.Format.IniFormat)
        return _render(estate, args, MainWindow(estate, settings=settings), (width, height))


def _render(
    estate: Estate, args: argparse.Namespace, window: MainWindow, size: tuple[int, int]
) -> int:
    width, height = size
    window.resize(width, height)
    window.docks.size_for(width, height)
    window.show()
    settle()
    window.workspace.set_filter(filter_from(args, estate))
    if window.workspace.filter.active:  # the choices behind the picture
        window.docks.show(window.docks.filter_dock)
    node = args.focus or args.blast_radius or args.upstream
    if node:
        window.select(estate.resolve(node))
        if args.focus:
            window.hops.setValue(args.hops)
            window.views.show_focus()
        if args.blast_radius:
            window.select(estate.resolve(args.blast_radius))
            window.analyses.blast_radius()
        elif args.upstream:
            window.select(estate.resolve(args.upstream))
            window.analyses.upstream()
    quiet_down(window)
    window.canvas.fit()
    save_screenshot(window, args.output)
    print(f"wrote {args.output}")
    return EXIT_OK
