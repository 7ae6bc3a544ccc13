"""Recording context in the window, by keys as a person does: an edit through its form,
undo and redo, the context file saved and reopened, questions asked and answered, the
recovery file after a window that never closed, and a context file changed on disk."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot
from test_session import CTRL, SHIFT, focused, press, search_and_enter

from explorer.statements import Confidence
from helpers import SAMPLES, opened
from ui.dialogs.edit_form import FormDialog
from ui.window.main_window import MainWindow

SAMPLE = SAMPLES / "region-build.ttl"
RELATION = {"relation": "depends on", "target": "kms"}
NONE = Qt.KeyboardModifier.NoModifier


def _fill(qtbot: QtBot, answers: dict[str, str], sure: str = "") -> Callable[[], None]:
    """What a person does in the form that is about to open: type each answer, pick how
    sure, press Enter."""

    def act() -> None:
        form = QApplication.activeModalWidget()
        assert isinstance(form, FormDialog), form
        for name, text in answers.items():
            field = form.inputs[name]
            if isinstance(field, QLineEdit):
                field.clear()
                qtbot.keyClicks(field, text)
                if field.completer() is not None:
                    field.completer().popup().hide()
            else:
                field.setCurrentText(text)
        if sure:
            form.sure.setCurrentText(sure)
        qtbot.keyClick(form, Qt.Key.Key_Return)

    return act


def _in_form(qtbot: QtBot, answers: dict[str, str], sure: str = "") -> None:
    QTimer.singleShot(0, _fill(qtbot, answers, sure))


def edit_by_keys(
    window: MainWindow,
    qtbot: QtBot,
    key: Qt.Key,
    modifiers: Qt.KeyboardModifier,
    answers: dict[str, str],
    sure: str = "",
) -> None:
    """Press the edit's keys, answer its form, and wait until it is on the undo stack and
    the keyboard is back in the window."""
    count = window.recording.stack.count()
    _in_form(qtbot, answers, sure)
    press(qtbot, key, modifiers)
    qtbot.waitUntil(lambda: window.recording.stack.count() == count + 1)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)


def discard_when_closing(monkeypatch: pytest.MonkeyPatch) -> None:
    """A window closed at the end of a test with edits unsaved asks what to do: discard
    (a test that asks something else sets its own answer)."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)


@pytest.fixture(autouse=True)
def closing_discards(monkeypatch: pytest.MonkeyPatch) -> None:
    discard_when_closing(monkeypatch)


@pytest.fixture
def fresh(window_on: Callable[[list[Path]], MainWindow]) -> MainWindow:
    """A window of its own on the sample: edits change its graph, so no other test's."""
    return window_on([SAMPLE])


def _reached(window: MainWindow) -> dict[str, Confidence]:
    assert window.workspace.reach is not None
    return {i.entity.id: i.confidence for i in window.workspace.reach.impacted}


def test_a_relation_added_by_keys_reaches_the_blast_radius_and_undo_takes_it_back(
    fresh: MainWindow, qtbot: QtBot
) -> None:
    search_and_enter(fresh, qtbot, "status-page")
    edit_by_keys(fresh, qtbot, Qt.Key.Key_R, CTRL | SHIFT, RELATION, "suspected")
    search_and_enter(fresh, qtbot, "kms")
    press(qtbot, Qt.Key.Key_B)
    assert _reached(fresh)["status-page"] is Confidence.SUSPECTED
    assert "Sure" in [c.header for c in fresh.impact.impacted.source.columns]
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert "status-page" not in _reached(fresh)
    qtbot.waitUntil(lambda: " *" not in fresh.windowTitle())  # nothing left unsaved
    press(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    assert _reached(fresh)["status-page"] is Confidence.SUSPECTED
    qtbot.waitUntil(lambda: " *" in fresh.windowTitle())


def test_saved_context_reopens_with_the_sources_and_says_who_said_it(
    fresh: MainWindow,
    qtbot: QtBot,
    settings: QSettings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings.setValue("context/author", "Alice Doe")
    search_and_enter(fresh, qtbot, "dns-zone")
    owner = {"attribute": "owner", "value": "team-network"}
    edit_by_keys(fresh, qtbot, Qt.Key.Key_F2, NONE, owner, "confirmed")
    where = tmp_path / "program.ctx.ttl"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(where), ""))
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert where.exists() and "Alice Doe" in where.read_text()
    again = MainWindow(opened([SAMPLE, where]), settings=settings)
    qtbot.addWidget(again)
    details = again.workspace.estate.details(fresh.workspace.selected)  # type: ignore[union-attr,arg-type]
    assert details.entity.owners == ("Network Engineering",)
    said = details.said[0]
    assert (
        said.statement.author == "Alice Doe" and said.statement.confidence is Confidence.CONFIRMED
    )
    assert said.files == (str(where),) and said.replaced  # the sample's owner, overruled


def test_a_question_asked_on_a_blast_radius_is_listed_and_answered(
    fresh: MainWindow, qtbot: QtBot
) -> None:
    search_and_enter(fresh, qtbot, "dns-service")
    press(qtbot, Qt.Key.Key_B)
    sample = [q.text for q in fresh.docks.questions.questions]  # the sample asks one already
    question = {"text": "Who approves the DNS change?", "assignee": "team-dns", "due": "2026-12-15"}
    edit_by_keys(fresh, qtbot, Qt.Key.Key_Q, CTRL | SHIFT, question)
    assert len(fresh.docks.questions.questions) == len(sample) + 1
    # the blast radius shown is worked out again: it lists its open question
    asked = [q.text for q in fresh.workspace.reach.questions]  # type: ignore[union-attr]
    assert sorted(asked) == sorted([*sample, "Who approves the DNS change?"])
    assert f"{len(asked)} open question" in fresh.impact.heading.text()
    panel = fresh.docks.questions
    press(qtbot, Qt.Key.Key_J, CTRL | SHIFT)
    shown = panel.table.model()
    row = next(
        r
        for r in range(shown.rowCount())
        for c in range(shown.columnCount())
        if "Who approves" in str(shown.index(r, c).data())
    )
    panel.table.selectRow(row)
    _in_form(qtbot, {"answer": "The DNS change board"})
    qtbot.mouseClick(panel.answer_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: fresh.recording.stack.count() == 2)
    answered = next(q for q in fresh.docks.questions.questions if q.text.startswith("Who approves"))
    assert answered.answer == "The DNS change board"
    assert panel.table.source.rowCount() == len(sample)  # open only: the sample's is left
    assert fresh.workspace.reach is not None
    assert [q.text for q in fresh.workspace.reach.questions] == sample


def test_unsaved_edits_come_back_after_a_window_that_never_closed(
    fresh: MainWindow, qtbot: QtBot, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    search_and_enter(fresh, qtbot, "status-page")
    edit_by_keys(fresh, qtbot, Qt.Key.Key_R, CTRL | SHIFT, RELATION)
    # the process is gone without closing: the next start, with the same settings, asks
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    later = MainWindow(settings=settings)
    qtbot.addWidget(later)
    later.show()
    with qtbot.waitSignal(later.loaded, timeout=20_000):
        assert later.start([])
    estate = later.workspace.estate
    assert estate is not None
    answer = estate.blast_radius(str(estate.resolve("kms")))
    assert "status-page" in {i.entity.id for i in answer.impacted}
    assert later.recording.unsaved()
    qtbot.waitUntil(lambda: " *" in later.windowTitle())
    discard_when_closing(monkeypatch)


def test_a_context_file_changed_on_disk_is_not_overwritten_without_asking(
    qtbot: QtBot, settings: QSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    where = tmp_path / "program.ctx.ttl"
    where.write_text("# mine\n")
    win = MainWindow(opened([SAMPLE, where]), settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    search_and_enter(win, qtbot, "status-page")
    edit_by_keys(win, qtbot, Qt.Key.Key_R, CTRL | SHIFT, RELATION)
    where.write_text("# a colleague's note\n")
    asked: list[str] = []

    def cancel(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", cancel)
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert asked and "changed on disk" in asked[0]
    assert where.read_text() == "# a colleague's note\n"
    assert focused() is not None


def test_the_paths_choice_leaves_out_what_rests_on_a_guess(fresh: MainWindow, qtbot: QtBot) -> None:
    search_and_enter(fresh, qtbot, "status-page")
    edit_by_keys(fresh, qtbot, Qt.Key.Key_R, CTRL | SHIFT, RELATION, "suspected")
    search_and_enter(fresh, qtbot, "kms")
    press(qtbot, Qt.Key.Key_B)
    shown = {i.entity.id for i in fresh.impact.impacted.visible_records()}
    assert "status-page" in shown
    press(qtbot, Qt.Key.Key_L, CTRL | SHIFT)  # the filters
    sure = fresh.filters.sure
    sure.setFocus()
    qtbot.keyClicks(sure, "likely")
    kept = {i.entity.id for i in fresh.impact.impacted.visible_records()}
    assert "status-page" not in kept and kept == shown - {"status-page"}
    assert "confidence: at least likely" in fresh.filter_bar.text.text()


KILLED = """
import os, sys
from datetime import UTC, datetime
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from explorer.recording.edits import Said, add_relation
from explorer.estate.files import load_files
from explorer.domain.vocab import iri_for_id
from ui.window.main_window import MainWindow

app = QApplication([])
settings = QSettings(sys.argv[1], QSettings.Format.IniFormat)
window = MainWindow(load_files([sys.argv[2]]), settings=settings)
said = Said("alice", datetime(2026, 12, 1, tzinfo=UTC), "the DNS team lead")
edit = add_relation(iri_for_id("status-page"), "depends on", iri_for_id("kms"), said)
window.recording.push(edit)
os.kill(os.getpid(), 9)  # killed between the edit and a save
"""


def test_a_killed_app_offers_its_unsaved_edits_at_the_next_start(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ini = tmp_path / "settings.ini"
    done = subprocess.run(
        [sys.executable, "-c", KILLED, str(ini), str(SAMPLE)],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        cwd=SAMPLES.parent,
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == -9, done.stderr
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    later = MainWindow(settings=QSettings(str(ini), QSettings.Format.IniFormat))
    qtbot.addWidget(later)
    with qtbot.waitSignal(later.loaded, timeout=20_000):
        assert later.start([])
    estate = later.workspace.estate
    assert estate is not None
    hurt = {i.entity.id for i in estate.blast_radius(str(estate.resolve("kms"))).impacted}
    assert "status-page" in hurt
    discard_when_closing(monkeypatch)
