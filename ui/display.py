"""Whether the desktop app can open a window here, asked before Qt is started.

Qt aborts the whole process (exit 134) when it cannot open its display, with no word a
user can act on; so a display is looked for first, and, when there is one, a throwaway
process tries to open it.
"""

from __future__ import annotations

import os
import subprocess
import sys

__all__ = ["display_problem"]

_HEADLESS = ("offscreen", "minimal", "vnc")  # platforms that need no screen
_PROBE = "import sys\nfrom PySide6.QtGui import QGuiApplication\nQGuiApplication(sys.argv[:1])\n"
_INSTEAD = (
    "; run the app in a desktop session, or render its window to a file with "
    "'infra-explorer screenshot -o window.png'"
)
_LIBRARIES = "libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1"


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
            [sys.executable, "-c", _PROBE], capture_output=True, text=True, timeout=60
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
