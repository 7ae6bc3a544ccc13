"""Pictures of a highlight, made as a person makes them: what is hit is labelled before
what is faded, nearest first, on the canvas and in the exported picture; the teams to tell
go under the picture when the person says so; the file name offered says what is shown."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from test_session import CTRL, SHIFT, press, search_and_enter

from ui.canvas.node_item import NodeItem
from ui.window.main_window import MainWindow

Button = QMessageBox.StandardButton


@pytest.fixture
def active(window: MainWindow, qtbot: QtBot) -> MainWindow:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return window


class Asked:
    """The save dialog and the question before it, answered as a person would: the file
    named ``as_name`` (the name offered when None) in ``folder``, and ``answer``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
        self.folder, self.offered, self.questions = folder, [], []
        self.answer, self.as_name = Button.Yes, None
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self.save_as)
        monkeypatch.setattr(QMessageBox, "question", self.question)

    def save_as(self, parent: object, title: str, name: str, kinds: str) -> tuple[str, str]:
        self.offered.append(name)
        return str(self.folder / (self.as_name or name)), ""

    def question(self, *asked: object) -> Button:
        self.questions.append(asked)
        return self.answer

    @property
    def written(self) -> Path:
        return self.folder / (self.as_name or self.offered[-1])


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Asked:
    return Asked(monkeypatch, tmp_path)


def _label(item: NodeItem) -> QRectF:
    return item.label_box().translated(item.pos())


def _shape(item: NodeItem) -> QRectF:
    return item.rect.translated(item.pos())


def _export(qtbot: QtBot) -> None:
    press(qtbot, Qt.Key.Key_E, CTRL | SHIFT)


class TestLabels:
    def test_what_is_hit_is_labelled_before_what_is_faded_nearest_first(
        self, active: MainWindow, qtbot: QtBot
    ) -> None:
        search_and_enter(active, qtbot, "dns-service")
        press(qtbot, Qt.Key.Key_B)
        nodes = list(active.scene.nodes.values())
        hit = [i for i in nodes if i.distance is not None]
        assert len(hit) > 10 and all(not i.faded for i in hit)
        for item in (i for i in hit if not i.label_shown):
            assert item.distance is not None
            keeping_out = [_shape(i) for i in hit if i is not item] + [
                _label(i)
                for i in hit
                if i.label_shown and i.distance is not None and i.distance <= item.distance
            ]
            # only what is hit, as near or nearer, keeps a label of the highlight out
            assert any(_label(item).intersects(box) for box in keeping_out), item.entity.id
        labelled = [i for i in hit if i.label_shown]
        assert len(labelled) > len(hit) // 2
        nearest = min(i.distance for i in hit if i.distance)
        assert any(i.distance == nearest for i in labelled)

    def test_the_exported_picture_names_what_is_hit(
        self, active: MainWindow, qtbot: QtBot, asked: Asked
    ) -> None:
        search_and_enter(active, qtbot, "dns-service")
        press(qtbot, Qt.Key.Key_B)
        asked.answer, asked.as_name = Button.No, "dns.svg"
        for _ in range(6):  # far out, where the labels the window shows are few
            press(qtbot, Qt.Key.Key_Minus, CTRL)
        hit = [i for i in active.scene.nodes.values() if i.distance is not None]
        few = sum(i.label_shown for i in hit)
        assert few <= len(hit) // 2
        on_screen = {
            i.entity.iri: (i.label_shown, i.label_scale) for i in active.scene.nodes.values()
        }
        _export(qtbot)
        drawn = asked.written.read_bytes().decode("utf-8")
        named = [i for i in hit if f">{html.escape(i.text, quote=False)}<" in drawn]
        assert len(named) > few and len(named) >= 2 * len(hit) // 3, [
            i.entity.id for i in hit if i not in named
        ]
        after = {i.entity.iri: (i.label_shown, i.label_scale) for i in active.scene.nodes.values()}
        assert after == on_screen  # the window's labels are as they were


class TestTeamsUnderThePicture:
    def test_a_blast_radius_picture_carries_its_teams_unless_declined(
        self, active: MainWindow, qtbot: QtBot, asked: Asked
    ) -> None:
        search_and_enter(active, qtbot, "dns-service")
        press(qtbot, Qt.Key.Key_B)
        answer = active.workspace.reach
        assert answer is not None
        asked.as_name = "with.svg"
        _export(qtbot)
        ((_, _, text, _, default),) = asked.questions
        assert default == Button.Yes and "teams to tell (10)" in str(text)
        drawn = asked.written.read_bytes().decode("utf-8")
        assert f">Teams to tell: {len(answer.teams)}<" in drawn
        for team in answer.teams:
            assert f">{html.escape(team.entity.name, quote=False)}: " in drawn
        assert ">Nobody to tell: 3 (no active owner answers for these)<" in drawn
        assert "Status page (status-page): no owner; ask Observability" in drawn
        asked.as_name = "with.png"
        _export(qtbot)
        asked.answer, asked.as_name = Button.No, "without.png"
        _export(qtbot)
        with_teams = QImage(str(asked.folder / "with.png"))
        without = QImage(str(asked.folder / "without.png"))
        assert with_teams.width() == without.width()
        assert with_teams.height() > without.height() + 13 * 2 * (len(answer.teams) + 4)

    def test_upstream_asks_with_no_as_the_default_and_cancel_writes_nothing(
        self, active: MainWindow, qtbot: QtBot, asked: Asked
    ) -> None:
        search_and_enter(active, qtbot, "dns-service")
        press(qtbot, Qt.Key.Key_U)
        asked.answer = Button.Cancel
        _export(qtbot)
        ((_, _, text, _, default),) = asked.questions
        assert default == Button.No and "teams involved" in str(text)
        assert asked.offered == [] and list(asked.folder.iterdir()) == []

    def test_without_a_highlight_nothing_is_asked(
        self, active: MainWindow, qtbot: QtBot, asked: Asked
    ) -> None:
        _export(qtbot)
        assert asked.questions == [] and asked.offered == ["whole-graph.png"]


def test_the_name_offered_says_what_is_shown(
    active: MainWindow, qtbot: QtBot, asked: Asked
) -> None:
    asked.answer = Button.No
    search_and_enter(active, qtbot, "dns-service")
    press(qtbot, Qt.Key.Key_B)
    _export(qtbot)
    press(qtbot, Qt.Key.Key_Escape)
    press(qtbot, Qt.Key.Key_2, CTRL)
    qtbot.waitUntil(lambda: active.workspace.mode == "focus")
    _export(qtbot)
    press(qtbot, Qt.Key.Key_B)
    _export(qtbot)
    assert asked.offered == [
        "dns-service-blast-radius.png",
        "focus-dns-service.png",
        "focus-dns-service-blast-radius.png",
    ]
    assert all((asked.folder / name).stat().st_size > 1000 for name in asked.offered)
