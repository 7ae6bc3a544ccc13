"""The Programs panel as a new user meets it: File > Export brief offers the brief of the
program just picked there (the highlight first, the selection once nodes are picked
again) and says which in the dialog and the status line; the Delete confirmation names
the program; every status line names a program by its name; and no button acts before
an estate is open, while the start asks whether to restore unsaved edits."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from test_context_window import RELATION, discard_when_closing, edit_by_keys
from test_programs_window import click, click_node, click_row
from test_session import CTRL, SHIFT, press, search_and_enter

from helpers import SAMPLES
from ui.dialogs.edit_form import FormDialog
from ui.window.main_window import MainWindow

NONE = Qt.KeyboardModifier.NoModifier
PROGRAM = "DNS and key cutover (program-dns-cutover)"


@pytest.fixture(autouse=True)
def closing_discards(monkeypatch: pytest.MonkeyPatch) -> None:
    discard_when_closing(monkeypatch)


class Dialogs:
    """The save dialog, answered ``where`` (cancelled when None); each title it showed."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.titles: list[str] = []
        self.offered: list[str] = []
        self.where: Path | None = None
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self.save)

    def save(self, parent: object, title: str, name: str, kinds: str) -> tuple[str, str]:
        self.titles.append(title)
        self.offered.append(name)
        return (str(self.where), "") if self.where is not None else ("", "")


@pytest.fixture
def active(window_on: Callable[[list[Path]], MainWindow]) -> MainWindow:
    return window_on([SAMPLES / "region-build.ttl"])


def pick_the_program(window: MainWindow, qtbot: QtBot) -> None:
    press(qtbot, Qt.Key.Key_P, CTRL | SHIFT)  # View > Programs
    click_row(qtbot, window.docks.programs.table, 0, NONE)


def export_brief(qtbot: QtBot) -> None:
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_B, CTRL | SHIFT)  # File > Export brief


class TestWhatTheBriefIsOf:
    def test_the_program_picked_last_wins_over_the_node_selected_before(
        self, active: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        dialogs = Dialogs(monkeypatch)
        click_node(active, qtbot, "kms", NONE)
        pick_the_program(active, qtbot)
        assert active.workspace.reach is None  # no highlight
        dialogs.where = tmp_path / "brief.md"
        with qtbot.waitSignal(active.exports.brief.written, timeout=60_000):
            export_brief(qtbot)
        assert dialogs.titles == [f"Brief of program {PROGRAM}"]
        assert dialogs.offered == ["program-dns-cutover-brief.html"]
        assert active.summary.text().startswith(f"Wrote the brief of program {PROGRAM} to")
        page = dialogs.where.read_text(encoding="utf-8")
        assert page.startswith("# Brief: Program DNS and key cutover (program-dns-cutover)")

    def test_a_node_picked_after_it_is_what_the_brief_is_of_until_the_panel_again(
        self, active: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        dialogs = Dialogs(monkeypatch)
        pick_the_program(active, qtbot)
        click_node(active, qtbot, "kms", NONE)
        export_brief(qtbot)
        assert dialogs.titles[-1] == "Brief of kms (selected)"
        assert dialogs.offered[-1] == "kms-brief.html"
        click_row(qtbot, active.docks.programs.table, 0, NONE)  # the same row, clicked again
        export_brief(qtbot)
        assert dialogs.titles[-1] == f"Brief of program {PROGRAM}"
        assert active.summary.text() == f"Brief of program {PROGRAM}: not written."  # cancelled

    def test_a_highlight_wins_and_enter_on_the_program_briefs_the_program(
        self, active: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        dialogs = Dialogs(monkeypatch)
        pick_the_program(active, qtbot)
        search_and_enter(active, qtbot, "kms")
        press(qtbot, Qt.Key.Key_B)
        qtbot.waitUntil(lambda: active.workspace.reach is not None)
        export_brief(qtbot)
        assert dialogs.titles[-1] == "Brief of the blast radius of Key management (KMS) (kms)"
        pick_the_program(active, qtbot)
        press(qtbot, Qt.Key.Key_Return)  # its blast radius: its changes become the selection
        qtbot.waitUntil(lambda: active.workspace.reach.program is not None)  # type: ignore[union-attr]
        press(qtbot, Qt.Key.Key_Escape)  # Clear highlight: the changes stay selected
        qtbot.waitUntil(lambda: active.workspace.reach is None)
        assert len(active.workspace.chosen) == 3
        export_brief(qtbot)
        assert dialogs.titles[-1] == f"Brief of program {PROGRAM}"


def _answer_form(qtbot: QtBot, seen: list[tuple[str, str]]) -> None:
    """Read the form that is about to open (its title, its words), then press Enter."""

    def act() -> None:
        form = QApplication.activeModalWidget()
        assert isinstance(form, FormDialog), form
        seen.append((form.windowTitle(), form.intro.text() if form.intro.isVisible() else ""))
        qtbot.keyClick(form, Qt.Key.Key_Return)

    QTimer.singleShot(0, act)


def test_each_step_names_the_program_and_delete_asks_by_its_name(
    active: MainWindow, qtbot: QtBot
) -> None:
    panel, seen = active.docks.programs, []
    pick_the_program(active, qtbot)
    click_node(active, qtbot, "iam", NONE)
    _answer_form(qtbot, seen)
    with qtbot.waitSignal(panel.listed, timeout=20_000):
        click(qtbot, panel.add_button)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert active.summary.text().startswith("Added iam to program DNS and key cutover.")
    _answer_form(qtbot, seen)
    with qtbot.waitSignal(panel.listed, timeout=20_000):
        click(qtbot, panel.delete_button)
    title, words = seen[-1]
    assert title == "Delete program DNS and key cutover"
    assert words.startswith(f"Delete the program {PROGRAM}, which changes ")
    assert "Key management (KMS) (kms)" in words and "Undo (Ctrl+Z)" in words
    assert active.summary.text().startswith("Deleted program DNS and key cutover.")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    with qtbot.waitSignal(panel.listed, timeout=20_000):
        press(qtbot, Qt.Key.Key_Z, CTRL)
    assert active.summary.text().startswith("Undid: Delete program DNS and key cutover.")


def test_no_button_acts_while_the_start_asks_to_restore(
    window_on: Callable[[list[Path]], MainWindow],
    qtbot: QtBot,
    settings: QSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = window_on([])
    search_and_enter(first, qtbot, "status-page")
    edit_by_keys(first, qtbot, Qt.Key.Key_R, CTRL | SHIFT, RELATION)  # left unsaved
    later = MainWindow(settings=settings)
    qtbot.addWidget(later)
    later.show()
    panel = later.docks.programs
    buttons = (panel.new_button, panel.add_button, panel.remove_button, panel.delete_button)
    while_asked: list[list[bool]] = []

    def ask(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        while_asked.append([b.isEnabled() for b in buttons])
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "question", ask)
    with qtbot.waitSignal(later.loaded, timeout=30_000):
        assert not later.start([])
    assert while_asked == [[False] * 4]
    discard_when_closing(monkeypatch)
    search_and_enter(later, qtbot, "kms")
    assert panel.new_button.isEnabled()  # the estate is open: a selection can make one
