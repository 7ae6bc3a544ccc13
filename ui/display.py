"""Whether the desktop app can open a window here, asked before Qt is started.

Qt aborts the whole process (exit 134) when it cannot open its display, with no word a
user can act on; so a display is looked for first, and, when there is one, a throwaway
process tries to open it.
"""

from __future__ import annotations

import os
import subprocess
import sys

__all__ = ["PROBE_ENV", "display_problem", "probe_if_asked"]

_HEADLESS = ("offscreen", "minimal", "vnc")  # platforms that need no screen
_PROBE = "import sys\nfrom PySide6.QtGui import QGuiApplication\nQGuiApplication(sys.argv[:1])\n"
_INSTEAD = (
    "; run the app in a desktop session, or render its window to a file with "
    "'infra-explorer screenshot -o window.png'"
)
_LIBRARIES = "libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1"
PROBE_ENV = "INFRA_EXPLORER_DISPLAY_PROBE"  # the packaged app, run again as the probe


def _probe_command() -> list[str]:
    """Python running the probe; the packaged app (PyInstaller) has no ``-c``, so it is
    run again with ``PROBE_ENV`` set, and ``probe_if_asked`` does the same there."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-c", _PROBE]


def _probe_env() -> dict[str, str]:
    return {**os.environ, PROBE_ENV: "1"}


def probe_if_asked() -> None:
    """In the packaged app: when run as the probe, open the display and end there."""
    if os.environ.get(PROBE_ENV) and getattr(sys, "frozen", False):
        from PySide6.QtGui import QGuiApplication  # as _PROBE does unpackaged

        QGuiApplication(sys.argv[:1])
        sys.exit(0)


def display_problem() -> str | None:
    """Why no window can be opened, in one line with what to do instead; None if it can."""
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0]
    if platform in _HEADLESS:
        return None
    if not platform and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return (
            "no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set)" + _INSTEAD
        )
    try:
        probe = subprocess.run(
            _probe_command(), capture_output=True, text=True, timeout=60, env=_probe_env()
        )
    except subprocess.TimeoutExpired:
        return "the display did not answer within a minute" + _INSTEAD
    if probe.returncode == 0:
        return None
    said = [line.strip() for line in probe.stderr.splitlines() if line.strip()]
    reason = said[0].rstrip(".") if said else f"Qt stopped with exit code {probe.returncode}"
    return (
        f"cannot open a window: {reason}; on Debian or Ubuntu, Qt's X11 libraries are "
        f"installed with 'sudo apt install {_LIBRARIES}' (scripts/dev app does it)" + _INSTEAD
    )
