"""The real app in a real window: ``infra-explorer gui`` on a virtual X display (Xvfb),
driven from outside by keys (xdotool), as a person at the keyboard drives it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from helpers import REPO, program

__all__ = ["App", "virtual_display"]

APP = [str(Path(sys.executable).with_name("infra-explorer"))]


@contextmanager
def virtual_display() -> Iterator[str]:
    """A fresh X display (its ``DISPLAY``), gone afterwards."""
    xvfb = program("Xvfb", "xvfb")
    program("xdotool", "xdotool")
    read, write = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as number:
        display = f":{number.readline().strip()}"
    try:
        yield display
    finally:
        server.terminate()
        server.wait(10)


def wait_for(check: Callable[[], object], seconds: float = 30, what: str = "") -> object:
    """``check()`` once it is true, polling; an AssertionError naming ``what`` if never."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        found = check()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"waited {seconds:.0f} s for {what or check}")


class App:
    """One ``infra-explorer gui`` process on ``display``, with its own settings folder."""

    def __init__(self, display: str, home: Path, args: list[str]) -> None:
        self.display, self.home = display, home
        self.env = {
            **os.environ,
            "DISPLAY": display,
            "QT_QPA_PLATFORM": "xcb",
            "XDG_CONFIG_HOME": str(home / "config"),
            "INFRA_EXPLORER_CACHE": str(home / "cache"),
        }
        home.mkdir(parents=True, exist_ok=True)
        self.log = (home / "app.log").open("ab")
        self.process = subprocess.Popen(
            [*APP, "gui", *args], env=self.env, cwd=REPO, stdout=self.log, stderr=self.log
        )

    @property
    def recovery(self) -> Path:
        return self.home / "config" / "infra-context" / "infra-explorer-recovery"

    def _xdotool(self, *args: str) -> str:
        done = subprocess.run(
            ["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=30
        )
        return done.stdout.strip()

    def window(self, name: str, seconds: float = 60) -> str:
        """The id of the top-level window whose title holds ``name``, once it shows."""

        def found() -> str:
            assert self.process.poll() is None, f"the app ended: {self.tail()}"
            return self._xdotool("search", "--onlyvisible", "--name", name).split("\n")[0]

        return str(wait_for(found, seconds, f"a window named {name!r}"))

    def title(self, window: str) -> str:
        return self._xdotool("getwindowname", window)

    def keys(self, window: str, *keys: str) -> None:
        """Give ``window`` the keyboard, then press ``keys`` (``ctrl+shift+q``)."""
        self._xdotool("windowfocus", "--sync", window)
        self._xdotool("key", "--clearmodifiers", *keys)

    def type(self, window: str, text: str) -> None:
        self._xdotool("windowfocus", "--sync", window)
        self._xdotool("type", "--delay", "15", text)

    def kill(self) -> None:
        """SIGKILL: no handler runs, nothing is flushed, as a crash or a power cut."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(30)
        self.log.close()

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()

    def tail(self) -> str:
        return (self.home / "app.log").read_text(errors="replace")[-2000:]
