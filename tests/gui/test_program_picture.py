"""The picture of a program's blast radius, exported as a person does it: Enter on the
program in the Programs panel (or B on its three changes), then File > Export view. It
names every node one step away, its title is whole however long, wrapped to the
picture's width, and the selection's rings, which its legend does not explain, stay out."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from test_pictures import Asked, Button, _label, _shape
from test_programs_window import IRIS, click_row, pick_three
from test_session import CTRL, SHIFT, press

from explorer.domain.looks import SELECTION_HALO
from explorer.workspace.names import view_title
from ui.canvas.view_export import Heading
from ui.window.main_window import MainWindow

SVG = "{http://www.w3.org/2000/svg}"
PROGRAM = (
    "Program DNS and key cutover (program-dns-cutover): affected if Authoritative and "
    "recursive DNS (dns-service), Key management (KMS) (kms) and Quorum DNS "
    "(vendor-quorum-dns) fail"
)


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Asked:
    return Asked(monkeypatch, tmp_path)


def enter_on_the_program(window: MainWindow, qtbot: QtBot) -> None:
    press(qtbot, Qt.Key.Key_P, CTRL | SHIFT)  # View > Programs
    click_row(qtbot, window.docks.programs.table, 0, Qt.KeyboardModifier.NoModifier)
    press(qtbot, Qt.Key.Key_Return)


def b_on_the_three(window: MainWindow, qtbot: QtBot) -> None:
    pick_three(window, qtbot)
    press(qtbot, Qt.Key.Key_B)


def no_room_taken_from_the_hit(window: MainWindow) -> None:
    """On the canvas, no label of what is faded covers a shape or a label of what is hit."""
    items = window.scene.nodes.values()
    hit = [i for i in items if i.distance is not None]
    kept = [_shape(i) for i in hit] + [_label(i) for i in hit if i.label_shown]
    faded = [i for i in items if i.faded and i.label_shown]
    assert faded and not [i.entity.id for i in faded if any(_label(i).intersects(b) for b in kept)]


def texts(svg: bytes) -> list[str]:
    """The words drawn in the picture, in the order drawn (not its <title>)."""
    return [t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text")]


@pytest.mark.parametrize("ask", [enter_on_the_program, b_on_the_three])
def test_the_picture_names_each_node_a_step_away_whole_titled_without_rings(
    window: MainWindow, qtbot: QtBot, asked: Asked, ask: Callable[[MainWindow, QtBot], None]
) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    ask(window, qtbot)
    qtbot.waitUntil(lambda: window.impact.answer is not None)
    assert sorted(window.scene.selected()) == sorted(IRIS)  # the changes: selected
    no_room_taken_from_the_hit(window)
    asked.answer, asked.as_name = Button.No, "program.svg"
    press(qtbot, Qt.Key.Key_E, CTRL | SHIFT)
    drawn = texts(asked.written.read_bytes())
    near = [i for i in window.scene.nodes.values() if i.distance == 1]
    assert len(near) == 7
    assert [i.entity.id for i in near if i.text not in drawn] == []
    title = view_title(window.workspace)
    lines = drawn[: drawn.index("Service")]  # the title's lines, then the legend
    assert " ".join(lines) == title
    width = float(ET.fromstring(asked.written.read_bytes()).attrib["viewBox"].split()[2])
    metrics = QFontMetricsF(Heading().font)
    assert (len(lines) > 1) == (metrics.horizontalAdvance(title) > width - 20)
    assert all(metrics.horizontalAdvance(line) <= width - 20 for line in lines)
    if ask is enter_on_the_program:
        assert title == PROGRAM and len(lines) > 1
    assert SELECTION_HALO not in asked.written.read_text(encoding="utf-8")
    assert sorted(window.scene.selected()) == sorted(IRIS)  # the window's, as it was
