"""Where the GUI thread is while the event loop stalls: a sampler for benchmarks/window.py.

A daemon thread looks at the heartbeat every 2 ms; while it is late by more than
``LATE`` seconds, it samples the GUI thread's Python stack and counts the innermost frame
of this project's own code (with its caller), so that a stall can be read as "the scene
building its items" rather than guessed at.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = str(Path(__file__).resolve().parent.parent)
LATE = 0.03


class StallSampler:
    """Counts, per action, the project frames the GUI thread is in while it is late."""

    def __init__(self, last_tick: Callable[[], float]) -> None:
        self.last_tick = last_tick
        self.gui = threading.get_ident()
        self.counts: Counter[str] = Counter()
        self.stopped = threading.Event()
        threading.Thread(target=self._run, daemon=True).start()

    def take(self) -> Counter[str]:
        """What was counted since the last call, and start afresh."""
        found, self.counts = self.counts, Counter()
        return found

    def stop(self) -> None:
        self.stopped.set()

    def _run(self) -> None:
        while not self.stopped.wait(0.002):  # every 2 ms, until stopped
            if time.perf_counter() - self.last_tick() > LATE:
                frame = sys._current_frames().get(self.gui)
                if frame is not None:
                    self.counts[_where(frame)] += 1


def _where(frame: object) -> str:
    """The innermost two frames of the project's code, as file:function."""
    mine, top = [], frame
    while frame is not None and len(mine) < 2:
        code = frame.f_code  # type: ignore[attr-defined]
        if code.co_filename.startswith(ROOT) and "/benchmarks/" not in code.co_filename:
            name = code.co_filename[len(ROOT) + 1 :]
            mine.append(f"{name}:{code.co_name}:{frame.f_lineno}")  # type: ignore[attr-defined]
        frame = frame.f_back  # type: ignore[attr-defined]
    if mine:
        return " < ".join(mine)
    code = top.f_code  # type: ignore[attr-defined]
    return f"(outside the project) {Path(code.co_filename).name}:{code.co_name}"


def report(name: str, counts: Counter[str], top: int = 6) -> str:
    """The most sampled places of one action, each with its share of the samples."""
    total = sum(counts.values())
    if not total:
        return ""
    lines = [f"  {name}: {total} samples of 2 ms while late"]
    for where, count in counts.most_common(top):
        lines.append(f"    {count * 100 // total:3d}%  {where}")
    return "\n".join(lines)
