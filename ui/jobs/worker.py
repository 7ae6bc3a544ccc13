"""Long work off the GUI thread: a job reports progress and ends in a result or a message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from explorer.domain.errors import Cancelled, InputError
from explorer.domain.progress import StepProgress

__all__ = ["Job"]


class Job(QObject):
    """Runs ``work(progress)`` in its own thread.

    ``progress(step, done, total)`` emits ``progress``; once ``cancel()`` was called, the next
    progress raises ``Cancelled`` inside the work, which ends quietly.

    Signals:
        progress(str, int, int): a step's name, units done, units in all.
        finished(object): the work's result.
        failed(str): a one-line message (the engine's own for bad input).
        cancelled(): the work stopped because the user asked.
    """

    progress = Signal(str, int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, work: Callable[[StepProgress], Any]) -> None:
        super().__init__()
        self._work = work
        self._stop = False
        self.runner = QThread()
        self.moveToThread(self.runner)
        self.runner.started.connect(self._run)
        for signal in (self.finished, self.failed, self.cancelled):
            # quit from the work's own thread (QThread.quit is thread-safe): queued to the GUI
            # thread, it would wait for that thread's event loop, which ``wait`` blocks
            signal.connect(self.runner.quit, Qt.ConnectionType.DirectConnection)

    def start(self) -> None:
        self.runner.start()

    def cancel(self) -> None:
        self._stop = True

    def wait(self, ms: int = 30_000) -> bool:
        """Block until the thread ends (for shutdown and tests)."""
        return self.runner.wait(ms)

    def _report(self, step: str, done: int, total: int) -> None:
        if self._stop:
            raise Cancelled
        self.progress.emit(step, done, total)

    @Slot()
    def _run(self) -> None:
        try:
            result = self._work(self._report)
        except Cancelled:
            self.cancelled.emit()
        except InputError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # a bug must not kill the app; say what it was
            self.failed.emit(f"unexpected {type(exc).__name__}: {exc}")
        else:
            if self._stop:
                self.cancelled.emit()
            else:
                self.finished.emit(result)
