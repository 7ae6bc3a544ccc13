"""The desktop window, driven through its real widgets with qtbot."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainterPath
from pytestqt.qtbot import QtBot

from conftest import SAMPLES
from explorer.ingest import load
from explorer.model import Entity, entities
from ui import main_window
from ui.entity_model import EntityTableModel
from ui.launcher import main as launcher_main
from ui.main_window import MainWindow

Write = Callable[[str, str | bytes], Path]


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    win = MainWindow(load())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_void_qt_calls_do_not_leak_references_to_none(qapp: object) -> None:
    """PySide6 6.12.0 drops a reference to None per void call and aborts (DESIGN.md)."""
    path = QPainterPath()
    before = sys.getrefcount(None)
    for i in range(5000):
        path.moveTo(i, i)
        path.lineTo(i + 1, i)
    assert sys.getrefcount(None) - before > -100


class TestEntityTableModel:
    def test_passes_the_model_tester(self, qtmodeltester: object) -> None:
        model = EntityTableModel(entities(load().graph))
        qtmodeltester.check(model)  # type: ignore[attr-defined]

    def test_user_role_gives_the_entity(self) -> None:
        model = EntityTableModel(entities(load().graph))
        item = model.data(model.index(0, 0), Qt.ItemDataRole.UserRole)
        assert isinstance(item, Entity) and item.kind == "service"

    def test_a_tooltip_shows_markup_as_text(self) -> None:
        evil = Entity("urn:x", "x", "x", "service", description='<img src="http://evil/">')
        model = EntityTableModel([evil])
        tip = model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
        assert "<img" not in tip and "&lt;img" in tip


class TestMainWindow:
    def test_shows_every_entity_of_the_sample(self, window: MainWindow) -> None:
        assert window.proxy.rowCount() == len(entities(load().graph)) > 40
        assert "region-build.ttl" in window.windowTitle()
        assert window.summary.text().startswith(f"{window.proxy.rowCount()} entities")

    def test_typing_in_the_filter_narrows_the_rows(self, window: MainWindow, qtbot: QtBot) -> None:
        qtbot.keyClicks(window.filter_box, "DNS and Edge")
        labels = {window.proxy.index(r, 0).data() for r in range(window.proxy.rowCount())}
        assert labels == {
            "Authoritative and recursive DNS",
            "eu-sovereign-1 DNS zone",
            "Quorum DNS",
            "DNS and Edge",
        }

    def test_ctrl_f_focuses_the_filter(self, window: MainWindow, qtbot: QtBot) -> None:
        window.table.setFocus()
        qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(window.filter_box.hasFocus)

    def test_a_bad_file_keeps_the_open_graph_and_says_why(
        self, window: MainWindow, write: Write, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        shown: list[str] = []
        monkeypatch.setattr(main_window, "show_error", lambda p, t, text: shown.append(text))
        rows = window.proxy.rowCount()
        bad = write("bad.csv", "id,tier\na,9\n")
        assert not window.open_sources([SAMPLES / "buyer-profile.yaml", bad])
        assert shown == [f"{bad}:2: tier must be 1, 2 or 3, not '9'"]
        assert window.proxy.rowCount() == rows
        assert "region-build.ttl" in window.windowTitle()

    def test_opening_a_good_source_replaces_the_graph(self, window: MainWindow) -> None:
        assert window.open_sources([SAMPLES / "buyer-profile.yaml"])
        assert "buyer-profile.yaml" in window.windowTitle()
        labels = {window.proxy.index(r, 0).data() for r in range(window.proxy.rowCount())}
        assert "Profile API" in labels and "Region control plane" not in labels


class TestScreenshotCommand:
    def test_writes_a_png_of_the_window(self, qapp: object, tmp_path: Path) -> None:
        out = tmp_path / "shot.png"
        assert launcher_main(["screenshot", str(SAMPLES), "-o", str(out), "--size", "900x600"]) == 0
        image = QImage(str(out))
        assert (image.width(), image.height()) == (900, 600)

    def test_bad_input_exits_2(
        self, qapp: object, write: Write, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        bad = write("bad.ttl", "not turtle at all")
        assert launcher_main(["screenshot", str(bad), "-o", str(tmp_path / "x.png")]) == 2
        assert capsys.readouterr().err.startswith(f"infra-explorer: error: {bad}:1:")
        assert not (tmp_path / "x.png").exists()
