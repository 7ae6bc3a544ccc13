"""A program manager's working session, typed and clicked as a person does: the README's
keyboard path, filters, the roster, consistent state, pictures and compare."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from explorer.analysis import blast_radius, upstream
from explorer.estate import Estate
from explorer.ingest import load
from explorer.workspace.highlight import reach_distances
from helpers import SAMPLES, node
from ui.window.main_window import MainWindow

Write = Callable[[str, str | bytes], Path]
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
DNS = str(node("dns-service"))


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key where the keyboard is, as a person presses it."""
    qtbot.keyClick(focused(), key, modifier)


def search_and_enter(window: MainWindow, qtbot: QtBot, text: str) -> None:
    press(qtbot, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(focused(), text)
    qtbot.waitUntil(
        lambda: window.search.query.text() == text and window.search.results.source.rowCount() > 0
    )
    qtbot.waitUntil(lambda: not window.search._debounce.isActive())
    with qtbot.waitSignal(window.selection_changed):
        press(qtbot, Qt.Key.Key_Return)


def expected_reach(which: Callable[..., object], entity_id: str) -> dict[str, int]:
    return reach_distances(which(load().graph, node(entity_id)))  # type: ignore[arg-type]


@pytest.fixture
def active(window: MainWindow, qtbot: QtBot) -> MainWindow:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return window


class TestTheKeyboardPath:
    def test_search_enter_then_b_u_esc_ctrl2_and_hops_act_at_once(
        self, active: MainWindow, qtbot: QtBot
    ) -> None:
        window = active
        search_and_enter(window, qtbot, "dns")
        assert window.workspace.selected == DNS  # the DNS service, not the vendor
        assert focused() is window.canvas  # the keys that follow go to the canvas
        assert window.search.query.text() == "dns"
        press(qtbot, Qt.Key.Key_B)
        assert window.scene.highlighted() == expected_reach(blast_radius, "dns-service")
        press(qtbot, Qt.Key.Key_U)
        assert window.scene.highlighted() == expected_reach(upstream, "dns-service")
        assert window.summary.text().startswith("Replaced the blast radius of")
        press(qtbot, Qt.Key.Key_Escape)
        assert window.scene.highlighted() == {} and window.impact.answer is None
        press(qtbot, Qt.Key.Key_2, CTRL)
        one_hop = set(window.scene.nodes)
        assert window.workspace.mode == "focus" and DNS in one_hop
        press(qtbot, Qt.Key.Key_BracketRight, CTRL)
        assert window.hops.value() == 2 and set(window.scene.nodes) > one_hop
        press(qtbot, Qt.Key.Key_BracketLeft, CTRL)
        assert set(window.scene.nodes) == one_hop

    def test_arrow_keys_move_through_the_results_and_enter_takes_the_one_marked(
        self, active: MainWindow, qtbot: QtBot
    ) -> None:
        window = active
        press(qtbot, Qt.Key.Key_K, CTRL)
        qtbot.keyClicks(focused(), "dns")
        qtbot.waitUntil(lambda: window.search.results.source.rowCount() > 3)
        qtbot.waitUntil(lambda: not window.search._debounce.isActive())
        press(qtbot, Qt.Key.Key_Down)
        press(qtbot, Qt.Key.Key_Down)
        press(qtbot, Qt.Key.Key_Down)
        press(qtbot, Qt.Key.Key_Up)
        second = window.search.results.record_at(1)  # down to 0, 1, 2, and up to 1
        with qtbot.waitSignal(window.selection_changed) as chosen:
            press(qtbot, Qt.Key.Key_Return)
        assert chosen.args == [second.iri] and second.id == "dns-zone"

    def test_esc_in_the_box_clears_the_highlight_then_the_text(
        self, active: MainWindow, qtbot: QtBot
    ) -> None:
        window = active
        search_and_enter(window, qtbot, "dns")
        press(qtbot, Qt.Key.Key_B)
        press(qtbot, Qt.Key.Key_F, CTRL)
        assert focused() is window.search.query
        press(qtbot, Qt.Key.Key_Escape)
        assert window.workspace.reach is None and window.search.query.text() == "dns"
        press(qtbot, Qt.Key.Key_Escape)
        assert window.search.query.text() == ""

    def test_results_show_closeness_not_raw_scores(self, active: MainWindow, qtbot: QtBot) -> None:
        window = active
        press(qtbot, Qt.Key.Key_F, CTRL)
        qtbot.keyClicks(focused(), "dns")
        qtbot.waitUntil(lambda: window.search.results.source.rowCount() > 3)
        qtbot.waitUntil(lambda: not window.search._debounce.isActive())
        header = window.search.results.model().headerData(1, Qt.Orientation.Horizontal)
        shown = window.search.results.source.index(0, 1).data()
        assert header == "Relevance" and set(shown) <= {"●", "○"}

    def test_f1_lists_every_shortcut_of_the_menus(self, active: MainWindow, qtbot: QtBot) -> None:
        press(qtbot, Qt.Key.Key_F1)
        dialog = active.help.shortcuts
        assert dialog is not None and dialog.isVisible()
        rows = {
            dialog.table.item(r, 1).text(): dialog.table.item(r, 2).text()
            for r in range(dialog.table.rowCount())
        }
        assert rows["Blast radius: affected if it fails"] == "B"
        assert rows["Search"] == "Ctrl+F, Ctrl+K"
        assert rows["Clear filters"] == "Ctrl+Shift+X"
        menus = [m for m in active.menuBar().findChildren(QMenu) if m.title() == "&Help"]
        assert menus and any("Keyboard shortcuts" in a.text() for a in menus[0].actions())


class TestOneStory:
    def test_ctrl_2_with_nothing_selected_says_what_to_do(
        self, active: MainWindow, qtbot: QtBot
    ) -> None:
        active.canvas.setFocus()
        press(qtbot, Qt.Key.Key_2, CTRL)
        assert active.summary.text().startswith("Nothing to focus on: select a node first")
        assert active.workspace.mode == "whole"

    def test_more_hops_with_a_highlight_shows_the_hops_and_says_what_it_cleared(
        self, active: MainWindow, qtbot: QtBot
    ) -> None:
        search_and_enter(active, qtbot, "dns-service")
        press(qtbot, Qt.Key.Key_2, CTRL)
        press(qtbot, Qt.Key.Key_B)
        reached = set(active.scene.nodes)
        press(qtbot, Qt.Key.Key_BracketRight, CTRL)
        assert active.workspace.reach is None and active.scene.highlighted() == {}
        assert set(active.scene.nodes) != reached and active.hops.value() == 2
        assert active.summary.text().startswith("Cleared the blast radius of")

    def test_picking_a_gap_outside_the_highlight_clears_it(
        self, active: MainWindow, qtbot: QtBot
    ) -> None:
        search_and_enter(active, qtbot, "dns-service")
        press(qtbot, Qt.Key.Key_B)
        table = active.gaps.table
        active.docks.show(active.docks.gaps_dock)
        row = next(
            r
            for r, g in enumerate(table.visible_records())
            if g.entity.iri not in active.scene.highlighted()
        )
        gap = table.record_at(row)
        rect = table.visualRect(table.source.index(row, 3))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert active.workspace.selected == gap.entity.iri
        assert active.scene.highlighted() == {} and active.impact.answer is None
        assert "is not in it" in active.summary.text()

    def test_an_expand_is_fitted_anew(self, active: MainWindow, qtbot: QtBot) -> None:
        search_and_enter(active, qtbot, "gps-clock")
        press(qtbot, Qt.Key.Key_2, CTRL)
        item = active.scene.nodes[str(node("time-sync"))]
        with qtbot.waitSignal(active.selection_changed):
            qtbot.mouseDClick(
                active.canvas.viewport(),
                Qt.MouseButton.LeftButton,
                pos=active.canvas.mapFromScene(item.pos()),
            )
        visible = active.canvas.mapToScene(active.canvas.viewport().rect()).boundingRect()
        assert visible.contains(active.scene.drawing.adjusted(30, 30, -30, -30))

    def test_an_assumption_is_false_rather_than_failing(
        self, active: MainWindow, qtbot: QtBot
    ) -> None:
        search_and_enter(active, qtbot, "assume-public-ntp")
        press(qtbot, Qt.Key.Key_B)
        assert active.impact.heading.text().startswith(
            "Affected if assumption Public NTP pools are reachable (assume-public-ntp) is false"
        )

    def test_the_gaps_header_arrow_points_the_way_of_the_sort(self, active: MainWindow) -> None:
        header = active.gaps.table.horizontalHeader()
        assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
            0,
            Qt.SortOrder.DescendingOrder,
        )

    def test_a_new_estate_starts_with_an_empty_search(
        self, active: MainWindow, qtbot: QtBot
    ) -> None:
        press(qtbot, Qt.Key.Key_F, CTRL)
        qtbot.keyClicks(focused(), "dns")
        with qtbot.waitSignal(active.loaded, timeout=20_000):
            job = active.opening.open([SAMPLES / "buyer-profile.yaml"])
        assert job is not None
        job.wait()
        assert active.search.query.text() == ""
        assert active.search.results.source.rowCount() == len(active.workspace.estate.entities())  # type: ignore[union-attr]


class TestFilters:
    def tick(self, window: MainWindow, qtbot: QtBot, facet: str, value: object) -> None:
        """Click the choice, then Space, as a person ticks a box with the keyboard."""
        item = window.filters.choice(facet, value)
        assert item is not None
        tree = window.filters.tree
        rect = tree.visualItemRect(item)
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.keyClick(tree, Qt.Key.Key_Space)

    def test_ticking_kinds_narrows_the_canvas_and_the_bar_clears_it(
        self, active: MainWindow, qtbot: QtBot, sample_session: Estate
    ) -> None:
        press(qtbot, Qt.Key.Key_L, CTRL | SHIFT)
        assert active.docks.filter_dock.isVisible()
        services = sum(e.kind == "service" for e in sample_session.entities())
        assert active.filters.choice("kinds", "service").text(0) == f"service ({services})"  # type: ignore[union-attr]
        self.tick(active, qtbot, "kinds", "service")
        assert {item.entity.kind for item in active.scene.nodes.values()} == {"service"}
        assert len(active.scene.nodes) == services
        assert active.filter_bar.isVisible()
        everything = len(sample_session.whole().nodes)
        assert active.filter_bar.text.text() == (
            f"Filtered ({services} of {everything} nodes shown): kind: service"
        )
        qtbot.mouseClick(active.filter_bar.clear_button, Qt.MouseButton.LeftButton)
        assert len(active.scene.nodes) == len(sample_session.whole().nodes)
        assert not active.filter_bar.isVisible() and not active.workspace.filter.active

    def test_a_tier_filter_narrows_the_impact_list_and_the_gaps(
        self, active: MainWindow, qtbot: QtBot
    ) -> None:
        press(qtbot, Qt.Key.Key_L, CTRL | SHIFT)
        self.tick(active, qtbot, "tiers", 1)
        assert active.workspace.filter.tiers == {1}
        search_and_enter(active, qtbot, "dns-service")
        press(qtbot, Qt.Key.Key_B)
        shown = active.impact.impacted.visible_records()
        full = blast_radius(load().graph, node("dns-service"))
        assert shown and all(i.entity.tier == 1 for i in shown) and len(shown) < len(full.impacted)
        assert f"the filter shows {len(shown)} node(s)" in active.impact.heading.text()
        gaps = active.gaps.table.visible_records()
        assert all(g.entity.tier == 1 for g in gaps)
        press(qtbot, Qt.Key.Key_X, CTRL | SHIFT)
        assert len(active.impact.impacted.visible_records()) == len(full.impacted)


class TestPictures:
    def test_a_picture_is_named_after_the_view_and_carries_its_title(
        self, active: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        offered: list[str] = []

        def save_as(parent: object, caption: str, name: str, kinds: str) -> tuple[str, str]:
            offered.append(name)
            return str(tmp_path / name), ""

        monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
        no_teams = QMessageBox.StandardButton.No  # the teams under it: tests/gui/test_pictures.py
        monkeypatch.setattr(QMessageBox, "question", lambda *asked: no_teams)
        search_and_enter(active, qtbot, "dns-service")
        press(qtbot, Qt.Key.Key_B)
        press(qtbot, Qt.Key.Key_E, CTRL | SHIFT)
        assert offered == ["dns-service-blast-radius.png"]
        with_heading = QImage(str(tmp_path / offered[0]))
        active.named_actions["image_heading"].trigger()  # off
        press(qtbot, Qt.Key.Key_E, CTRL | SHIFT)
        without = QImage(str(tmp_path / offered[1]))
        assert with_heading.width() == without.width()
        assert with_heading.height() > without.height() + 40  # the title and the legend
        assert active.summary.text() == f"Saved the view to {tmp_path / offered[1]}."


class TestCompareDetails:
    def test_a_changed_node_shows_before_and_after(
        self, qtbot: QtBot, compared: MainWindow
    ) -> None:
        win = compared
        table = win.changes.table
        rect = table.visualRect(table.source.index(0, 2))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        details = win.details.toPlainText()
        assert "Since the snapshot" in details and "owner: " in details and " -> " in details


class TestFocusLabels:
    @pytest.mark.parametrize(("size", "hops"), [((1920, 1080), 3), ((1366, 768), 2)])
    def test_labels_are_drawn_at_fit(
        self,
        qtbot: QtBot,
        settings: QSettings,
        sample_session: Estate,
        size: tuple[int, int],
        hops: int,
    ) -> None:
        win = MainWindow(sample_session, settings=settings)
        qtbot.addWidget(win)
        win.resize(*size)
        win.docks.size_for(*size)
        win.show()
        qtbot.waitExposed(win)
        win.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        search_and_enter(win, qtbot, "dns-service")
        for _ in range(hops - 1):
            press(qtbot, Qt.Key.Key_BracketRight, CTRL)
        press(qtbot, Qt.Key.Key_2, CTRL)
        qtbot.waitUntil(lambda: win.workspace.mode == "focus")
        assert len(win.scene.nodes) >= (50 if hops == 3 else 30)
        shown = [i for i in win.scene.nodes.values() if i.label_shown]
        assert win.scene.nodes[DNS] in shown and len(shown) >= len(win.scene.nodes) // 3
        assert all(i.label_scale == 1.0 for i in shown)  # inside their shapes, which are large
