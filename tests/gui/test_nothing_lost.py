"""Nothing lost: edits left unsaved by a window that never closed come back with the estate
they were recorded on (the bundled sample too), saving them asks only what it must, and
neither the title nor File ▸ Open recent names the recovery; the provenance an edit form
remembers is shown, and forgotten for another node."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from rdflib import Graph
from test_context_window import RELATION, _fill, _in_form, discard_when_closing, edit_by_keys
from test_session import CTRL, SHIFT, press, search_and_enter

from explorer.analysis import Reach
from explorer.estate.files import FileEstate
from explorer.export.provenance import without_provenance
from explorer.recording.recovery import RECOVERY, RESTORING
from explorer.workspace import state as workspace_state
from explorer.workspace.state import Change
from helpers import SAMPLES, opened
from ui.dialogs.edit_form import FormDialog
from ui.window.main_window import MainWindow

Answer = QMessageBox.StandardButton


@pytest.fixture(autouse=True)
def closing_discards(monkeypatch: pytest.MonkeyPatch) -> None:
    discard_when_closing(monkeypatch)


@pytest.fixture
def window_of(qtbot: QtBot, settings: QSettings) -> Callable[[list[Path]], MainWindow]:
    def make(sources: list[Path]) -> MainWindow:
        win = MainWindow(opened(sources), settings=settings)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        win.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        return win

    return make


def _asked(monkeypatch: pytest.MonkeyPatch, answer: Answer) -> list[str]:
    """Every question the window asks, answered with ``answer``."""
    asked: list[str] = []

    def ask(*args: object, **kwargs: object) -> Answer:
        asked.append(str(args[2]))
        return answer

    monkeypatch.setattr(QMessageBox, "question", ask)
    return asked


def _restart(qtbot: QtBot, settings: QSettings, sources: list[str]) -> MainWindow:
    """The next start with the same settings, as ``infra-explorer gui`` makes it."""
    later = MainWindow(settings=settings)
    qtbot.addWidget(later)
    later.show()
    with qtbot.waitSignal(later.loaded, timeout=30_000):
        assert later.start(sources)
    return later


def _ids(answer: Reach) -> set[str]:
    return {i.entity.id for i in answer.impacted}


def _triples(window: MainWindow) -> set[tuple[object, ...]]:
    estate = window.workspace.estate
    assert estate is not None
    graph, _ = estate.snapshot()
    return set(without_provenance(graph))


class TestRestoringTheBundledSample:
    def test_the_whole_sample_comes_back_with_the_edit(
        self,
        window_of: Callable[[list[Path]], MainWindow],
        qtbot: QtBot,
        settings: QSettings,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        first = window_of([])  # no files named: the bundled sample
        search_and_enter(first, qtbot, "status-page")
        edit_by_keys(first, qtbot, Qt.Key.Key_R, CTRL | SHIFT, RELATION)
        before = _triples(first)
        asked = _asked(monkeypatch, Answer.Yes)
        later = _restart(qtbot, settings, [])
        assert asked and "1 statement(s)" in asked[0]
        assert _triples(later) == before
        assert len(later.workspace.estate.entities()) >= 65  # type: ignore[union-attr]
        assert "Restored 1 statement(s)" in later.summary.text()
        assert "the bundled sample" in later.summary.text()
        assert RESTORING not in later.windowTitle() and " *" in later.windowTitle()
        discard_when_closing(monkeypatch)

    def test_saving_it_asks_where_and_nothing_else(
        self,
        window_of: Callable[[list[Path]], MainWindow],
        qtbot: QtBot,
        settings: QSettings,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        first = window_of([])
        search_and_enter(first, qtbot, "status-page")
        edit_by_keys(first, qtbot, Qt.Key.Key_R, CTRL | SHIFT, RELATION)
        _asked(monkeypatch, Answer.Yes)
        later = _restart(qtbot, settings, [])
        where = tmp_path / "program.ctx.ttl"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(where), ""))
        asked = _asked(monkeypatch, Answer.Cancel)
        later.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        press(qtbot, Qt.Key.Key_S, CTRL)
        qtbot.waitUntil(lambda: where.exists())
        assert asked == []  # no false "changed on disk"
        assert "[program.ctx.ttl]" in later.windowTitle() and " *" not in later.windowTitle()
        assert not (
            Path(settings.fileName()).parent / "infra-explorer-recovery" / RECOVERY
        ).exists()
        entries = later.recent.entries()
        assert not any(RESTORING in e or RECOVERY in e for e in entries)


class TestRestoringFilesAndAContextFile:
    def test_a_saved_context_is_saved_again_without_a_false_alarm(
        self,
        window_of: Callable[[list[Path]], MainWindow],
        qtbot: QtBot,
        settings: QSettings,
        tmp_path: Path,
        write: Callable[[str, str], Path],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        sample = write("estate.ttl", (SAMPLES / "region-build.ttl").read_text())
        context = write("program.ctx.ttl", "# mine\n")
        first = window_of([sample, context])
        search_and_enter(first, qtbot, "status-page")
        edit_by_keys(first, qtbot, Qt.Key.Key_R, CTRL | SHIFT, RELATION)
        sample.write_text(sample.read_text() + "\n# touched\n")  # a source changes since
        _asked(monkeypatch, Answer.Yes)
        later = _restart(qtbot, settings, [str(sample), str(context)])
        assert "estate.ttl changed since" in later.summary.text()
        assert "[program.ctx.ttl] *" in later.windowTitle()
        asked = _asked(monkeypatch, Answer.Cancel)
        later.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        press(qtbot, Qt.Key.Key_S, CTRL)
        qtbot.waitUntil(lambda: "# mine" not in context.read_text())
        assert asked == []
        saved = Graph().parse(context, format="turtle")
        assert len(saved) > 0
        assert [str(sample), str(context)] == later.recent.entries()[0].split("\n")

    def test_a_context_file_changed_since_is_not_overwritten_unasked(
        self,
        window_of: Callable[[list[Path]], MainWindow],
        qtbot: QtBot,
        settings: QSettings,
        write: Callable[[str, str], Path],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        context = write("program.ctx.ttl", "# mine\n")
        first = window_of([SAMPLES / "region-build.ttl", context])
        search_and_enter(first, qtbot, "status-page")
        edit_by_keys(first, qtbot, Qt.Key.Key_R, CTRL | SHIFT, RELATION)
        context.write_text("# a colleague's note\n")
        _asked(monkeypatch, Answer.Yes)
        later = _restart(qtbot, settings, [])
        asked = _asked(monkeypatch, Answer.Cancel)
        later.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        press(qtbot, Qt.Key.Key_S, CTRL)
        assert asked and "changed on disk" in asked[0]
        assert context.read_text() == "# a colleague's note\n"
        discard_when_closing(monkeypatch)


class TestWhatAnEditRecords:
    JONAS = "Jonas agreed in the DNS review"

    def _edit(
        self, window: MainWindow, qtbot: QtBot, target: str, source: str | None = None
    ) -> str:
        """Ctrl+Shift+R: read what the form says it will record, type a source if given,
        pick the target and press Enter; returns what the form showed first."""
        seen: list[str] = []

        def answer() -> None:
            form = QApplication.activeModalWidget()
            assert isinstance(form, FormDialog)
            seen.append(f"{form.source.text()} | {form.recorded.text()}")
            if source is not None:
                form.source.clear()
                qtbot.keyClicks(form.source, source)
            _fill(qtbot, {"relation": "depends on", "target": target})()

        count = window.recording.stack.count()
        QTimer.singleShot(0, answer)
        press(qtbot, Qt.Key.Key_R, CTRL | SHIFT)
        qtbot.waitUntil(lambda: window.recording.stack.count() == count + 1)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        return seen[0]

    def test_a_source_follows_the_same_node_and_is_forgotten_for_another(
        self, window_of: Callable[[list[Path]], MainWindow], qtbot: QtBot
    ) -> None:
        window = window_of([SAMPLES / "region-build.ttl"])
        search_and_enter(window, qtbot, "status-page")
        first = self._edit(window, qtbot, "kms", self.JONAS)
        assert first.startswith(" | Will be recorded as said by") and "with no source" in first
        again = self._edit(window, qtbot, "iam")
        assert again.startswith(self.JONAS) and "kept from your last edit of this node" in again
        search_and_enter(window, qtbot, "dns-service")
        other = self._edit(window, qtbot, "iam")
        assert other.startswith(" | ") and "with no source" in other
        context = window.workspace.estate.context  # type: ignore[union-attr]
        sources = {s.fact[0].rsplit("/", 1)[-1]: s.source for s in context.statements.values()}
        assert sources["status-page"] == self.JONAS and sources["dns-service"] == ""


class TestEditsBesideAJob:
    def test_an_edit_waits_for_the_job_that_reads_the_graph(
        self,
        window_of: Callable[[list[Path]], MainWindow],
        qtbot: QtBot,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """U is asked, and its job has its answer but has not handed it over, when an edit
        changes what the node needs: every answer ever shown is the one the graph on
        screen gives, and the edit is recorded once the job is over."""
        monkeypatch.setattr(workspace_state, "SLOW_FROM", 0)  # every answer in a job
        window = window_of([SAMPLES / "region-build.ttl"])
        state, release, asked = window.workspace, threading.Event(), threading.Event()
        real = FileEstate.upstream

        def held(estate: FileEstate, iri: str, *args: Any, **kwargs: Any) -> object:
            answer = real(estate, iri, *args, **kwargs)  # on the graph as it is now
            if not release.is_set():
                asked.set()
                release.wait(20)
            return answer

        shown: list[tuple[set[str], set[str]]] = []

        def check() -> None:
            if state.reach is not None and state.estate is not None:
                fresh = real(state.estate, state.reach.node.iri)  # type: ignore[arg-type]
                shown.append(({i.entity.id for i in state.reach.impacted}, _ids(fresh)))

        state.observe(Change.REACH, check)
        monkeypatch.setattr(FileEstate, "upstream", held)
        search_and_enter(window, qtbot, "kms")
        press(qtbot, Qt.Key.Key_U)
        qtbot.waitUntil(asked.is_set)
        count = window.recording.stack.count()
        _in_form(qtbot, {"relation": "depends on", "target": "dns-service"})
        press(qtbot, Qt.Key.Key_R, CTRL | SHIFT)
        qtbot.waitUntil(lambda: "once the work under way ends" in window.summary.text())
        assert window.recording.stack.count() == count  # waiting, the graph untouched
        release.set()
        qtbot.waitUntil(lambda: window.recording.stack.count() == count + 1)
        qtbot.waitUntil(lambda: state.reach is not None and "dns-service" in _ids(state.reach))
        assert shown and all(on_screen == fresh for on_screen, fresh in shown)
