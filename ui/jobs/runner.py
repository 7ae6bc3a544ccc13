"""The window's long work: one runner for the window and its panels.

Each job runs in a lane; a newer job in a lane supersedes the older one (which is
cancelled, and whose answer is dropped when it comes). The main and view lanes show their
progress, a Cancel in the status bar and a busy cursor over the window; the search lane
works quietly. Work on an estate that answers at once runs on the spot, so its answer is
on screen when the call returns.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QProgressBar, QPushButton, QWidget

from explorer.domain.errors import Cancelled, InputError
from explorer.domain.progress import StepProgress, quiet
from ui.jobs.worker import Job

__all__ = ["JobRunner", "Lane"]

# How long a worker thread may hold the GIL while the GUI thread waits for it. Python's
# 5 ms default is paid at every call from Qt into Python (each item painted, each cell
# asked for), so a repaint while a worker computes stalled for hundreds of milliseconds.
SWITCH_INTERVAL = 0.0005

Work = Callable[[StepProgress], Any]
Done = Callable[[Any], None]


class Lane(StrEnum):
    MAIN = "main"  # opening, analyses, comparing, exporting: with progress and Cancel
    VIEW = "view"  # the picture the canvas draws next, with progress and Cancel
    SEARCH = "search"  # an endpoint's search as the user types
    LISTS = "lists"  # a panel's list of what the estate holds (its programs), quietly


SHOWN = (Lane.MAIN, Lane.VIEW)  # lanes whose work the status bar shows


class _Delivery(QObject):
    """Hands one job's outcome to the runner on the GUI thread, where it lives (a slot of
    a QObject there is called queued, unlike a lambda)."""

    def __init__(self, runner: JobRunner, lane: Lane, job: Job, done: Done, failure: str) -> None:
        super().__init__(runner)
        self.runner, self.lane, self.job, self.done, self.failure = runner, lane, job, done, failure
        job.finished.connect(self.finished)
        job.failed.connect(self.failed)
        job.cancelled.connect(self.cancelled)

    @Slot(object)
    def finished(self, result: object) -> None:
        if self.runner._settle(self):
            self.done(result)  # shown before anything waiting for idle acts on the estate
            self.runner._idle_if_done()

    @Slot(str)
    def failed(self, message: str) -> None:
        if self.runner._settle(self):
            self.runner.failed.emit(self.failure, message)
            self.runner._idle_if_done()

    @Slot()
    def cancelled(self) -> None:
        if self.runner._settle(self):
            self.runner._idle_if_done()


class JobRunner(QObject):
    """Signals:
    failed(str, str): a job failed: a title for its message, and the one-line message.
    settled(): no shown lane has anything under way any more (finished, failed or
    cancelled).
    idle(): no lane has anything under way: nothing reads the estate in the background.
    """

    failed = Signal(str, str)
    settled = Signal()
    idle = Signal()

    def __init__(
        self, bar: QProgressBar, cancel: QPushButton, say: Callable[[str], None], parent: QWidget
    ) -> None:
        super().__init__(parent)
        sys.setswitchinterval(SWITCH_INTERVAL)
        self.window = parent
        self.bar, self.cancel_button, self.say = bar, cancel, say
        self.lanes: dict[Lane, _Delivery] = {}
        self.running: set[Job] = set()  # kept alive until their threads end
        cancel.clicked.connect(self.cancel_shown)
        bar.hide()
        cancel.hide()

    def run(
        self,
        work: Work,
        done: Done,
        message: str = "",
        failure: str = "Cannot open",
        lane: Lane = Lane.MAIN,
        background: bool = True,
    ) -> Job | None:
        """Run ``work(progress)``; hand its result to ``done``. ``failure`` titles the message
        if it fails. Not in the ``background``: now, on this thread, with no Job."""
        self.cancel(lane)
        if not background:
            self._now(work, done, failure)
            return None
        job = Job(work)
        self.lanes[lane] = _Delivery(self, lane, job, done, failure)
        self.running.add(job)
        job.runner.finished.connect(self._forget_finished)
        if lane in SHOWN:
            job.progress.connect(self._progress)
            self.bar.setRange(0, 0)
            self.bar.show()
            self.cancel_button.show()
            self.window.setCursor(Qt.CursorShape.BusyCursor)
            if message:
                self.say(message)
        job.start()
        return job

    def _now(self, work: Work, done: Done, failure: str) -> None:
        try:
            result = work(quiet)
        except Cancelled:
            return
        except InputError as exc:
            self.failed.emit(failure, str(exc))
            return
        done(result)

    def current(self, lane: Lane = Lane.MAIN) -> Job | None:
        delivery = self.lanes.get(lane)
        return delivery.job if delivery is not None else None

    def cancel(self, lane: Lane = Lane.MAIN) -> None:
        """Stop waiting for the lane's job; what is shown stays."""
        delivery = self.lanes.get(lane)
        if delivery is not None:
            delivery.job.cancel()
            self._settle(delivery)
            self._idle_if_done()

    def cancel_shown(self) -> None:
        """The status bar's Cancel: stop what it shows."""
        for lane in SHOWN:
            self.cancel(lane)

    def wait(self, ms: int = 30_000) -> None:
        """Block until every job's thread has ended (for shutdown, scripts and tests)."""
        for job in list(self.running):
            job.wait(ms)

    def shutdown(self) -> None:
        for lane in list(self.lanes):
            self.cancel(lane)
        self.wait()

    def _settle(self, delivery: _Delivery) -> bool:
        """End the delivery's lane if it is still the lane's; False for a superseded one."""
        if self.lanes.get(delivery.lane) is not delivery:
            return False
        del self.lanes[delivery.lane]
        delivery.deleteLater()
        if delivery.lane in SHOWN and not self.busy():
            self.bar.hide()
            self.cancel_button.hide()
            self.window.unsetCursor()
            self.settled.emit()
        return True

    def _idle_if_done(self) -> None:
        """Say ``idle`` once a job's outcome is handed over and nothing else is under way."""
        if not self.lanes:
            self.idle.emit()

    def busy(self) -> bool:
        """Whether a shown lane has work under way."""
        return any(lane in self.lanes for lane in SHOWN)

    @Slot(str, int, int)
    def _progress(self, step: str, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.bar.setFormat(f"{step} %v/%m")

    @Slot()
    def _forget_finished(self) -> None:
        self.running = {job for job in self.running if not job.runner.isFinished()}
