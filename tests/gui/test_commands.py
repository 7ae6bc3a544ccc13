"""Command groups without a window: each is built with what it acts on and driven by its
keys; the action table is the one place keys are written (menus, hints, README)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMainWindow, QProgressBar, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from explorer.estate import Estate
from explorer.formats.registry import READ, open_filter
from explorer.workspace.state import Workspace
from explorer.workspace.view_request import Mode
from helpers import REPO, node
from ui import actions
from ui.actions import ACTIONS, BY_NAME, OTHER_KEYS, handlers_of
from ui.commands.analyses import AnalysisCommands
from ui.dialogs.prompts import Button
from ui.dialogs.shortcuts import shortcut_table
from ui.jobs.runner import JobRunner
from ui.panels.structure import StructurePanel
from ui.window.main_window import MainWindow
from ui.window.menus import action_for, install_actions

DNS = str(node("dns-service"))


class Heard:
    """Prompts that record what a command says and asks, and never open a dialog."""

    def __init__(self, host: QWidget) -> None:
        self.host, self.said, self.errors = host, [], []

    def say(self, text: str) -> None:
        self.said.append(text)

    def error(self, title: str, text: str) -> None:
        self.errors.append(text)

    def files_to_open(self, title: str, filters: str) -> list[str]:
        return []

    def folder_to_open(self, title: str) -> str:
        return ""

    def file_to_save(self, title: str, suggested: str, filters: str) -> Path | None:
        return None

    def choose(self, title: str, text: str, buttons: Button, default: Button) -> Button:
        return default

    def text(self, title: str, label: str, value: str) -> str | None:
        return None

    def parent(self) -> QWidget:
        return self.host


@pytest.fixture
def host(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def _bind(host: QWidget, group: object) -> None:
    """The group's actions on ``host``, with the table's keys."""
    for name, handler in handlers_of(group).items():
        action_for(host, BY_NAME[name], handler)


class TestAnalysisCommandsWithoutAWindow:
    @pytest.fixture
    def analyses(
        self, host: QWidget, sample_session: Estate
    ) -> tuple[AnalysisCommands, Workspace, list[QWidget]]:
        state, revealed = Workspace(), []
        state.open(sample_session)
        jobs = JobRunner(QProgressBar(), QPushButton(), lambda text: None, host)
        group = AnalysisCommands(state, jobs, Heard(host), StructurePanel(), revealed.append)
        _bind(host, group)
        host.show()
        return group, state, revealed

    def test_b_answers_for_the_selection(
        self, analyses: tuple, host: QWidget, qtbot: QtBot
    ) -> None:
        _, state, _ = analyses
        state.select(DNS)
        qtbot.keyClick(host, Qt.Key.Key_B)
        qtbot.waitUntil(lambda: state.reach is not None)
        assert state.reach.node.iri == DNS and state.reach.impacted

    def test_the_structure_panel_lists_cycles_and_is_revealed(
        self, analyses: tuple, host: QWidget, qtbot: QtBot
    ) -> None:
        group, _, revealed = analyses
        keys = BY_NAME["cycles"].keys[0]
        qtbot.keySequence(host, keys)
        qtbot.waitUntil(lambda: revealed == [group.structure])
        assert group.structure.currentWidget() is group.structure.cycles


class TestTheActionTable:
    def test_every_action_has_one_handler_in_the_window(self, window: MainWindow) -> None:
        named = {spec.name for spec in ACTIONS if not spec.submenu}
        assert set(window.named_actions) == named

    def test_an_action_without_a_handler_is_refused(self, qtbot: QtBot) -> None:
        window = QMainWindow()
        qtbot.addWidget(window)
        with pytest.raises(ValueError, match="actions without a handler"):
            install_actions(window, {"open": lambda: None})

    def test_a_panels_hint_follows_the_table(self, monkeypatch: pytest.MonkeyPatch) -> None:
        moved = replace(BY_NAME["cycles"], keys=("Ctrl+Alt+9",))
        monkeypatch.setitem(actions.BY_NAME, "cycles", moved)
        panel = StructurePanel()
        assert "Analyse ▸ Dependency cycles (Ctrl+Alt+9)" in panel.cycles.heading.text()

    def test_the_readme_shows_every_shortcut(self, qapp: object) -> None:
        readme = (REPO / "README.md").read_text(encoding="utf-8")
        shown = readme.split("<!-- shortcuts", 1)[1].split("-->", 1)[1].split("<!--", 1)[0]
        assert shown.strip() == shortcut_table().strip()

    def test_every_key_the_readme_names_is_a_real_shortcut(self, qapp: object) -> None:
        readme = (REPO / "README.md").read_text(encoding="utf-8")
        named = set(re.findall(r"\b(?:Ctrl|Alt|Shift)\+[A-Za-z0-9+\-\[\]]+|\bF\d\b", readme))
        table = shortcut_table() + " ".join(keys for keys, _ in OTHER_KEYS)
        assert {key for key in named if key not in table} == set()


class TestTheOpenDialog:
    def test_it_offers_every_readable_format(self) -> None:
        offered = open_filter()
        every = {e for f in READ for e in f.extensions}
        assert {".xlsx", ".json", ".prom", ".csv", ".yaml", ".ttl"} <= every
        assert all(f"*{extension}" in offered.split(";;")[0] for extension in every)

    def test_ctrl_o_opens_it_with_that_filter(
        self, window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        asked: list[str] = []

        def pick(parent: object, title: str, folder: str, filters: str) -> tuple[list, str]:
            asked.append(filters)
            return [], ""

        monkeypatch.setattr(QFileDialog, "getOpenFileNames", pick)
        window.activateWindow()
        qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: asked == [open_filter()])


class TestTheWindowsKeys:
    def test_focus_key_focuses_on_the_selection(self, window: MainWindow, qtbot: QtBot) -> None:
        window.select(DNS)
        window.canvas.setFocus()
        qtbot.keyClick(window.canvas, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: window.workspace.mode is Mode.FOCUS)
