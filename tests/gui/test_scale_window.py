"""The window as a large estate shows it, driven by mouse and keys: labels that never
cover each other, groups that open and close, a hub's "+N more", a blast radius over
groups. The thresholds are lowered so the sample behaves as 10,000 services do."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from pytestqt.qtbot import QtBot

from explorer.estate import Estate
from explorer.views import focus, grouping
from explorer.views import graph_view as view
from explorer.views.graph_view import MORE_IRI
from explorer.workspace import picture as drawing
from helpers import node
from ui.panels.models import RecordTableModel
from ui.window.main_window import MainWindow

DNS = str(node("dns-service"))
LEFT = Qt.MouseButton.LeftButton


def _shown_labels(window: MainWindow) -> list:
    return [
        item.label_box().translated(item.pos())
        for item in window.scene.nodes.values()
        if item.label_shown
    ]


def _double_click(window: MainWindow, qtbot: QtBot, iri: str) -> None:
    item = window.scene.nodes[iri]
    window.canvas.centerOn(item.pos())
    with qtbot.waitSignal(window.drawn):
        qtbot.mouseDClick(
            window.canvas.viewport(), LEFT, pos=window.canvas.mapFromScene(item.pos())
        )


@pytest.fixture
def grouped_window(
    qtbot: QtBot, settings: QSettings, sample_session: Estate, monkeypatch: pytest.MonkeyPatch
) -> MainWindow:
    for module in (drawing, grouping, view):
        monkeypatch.setattr(module, "GROUP_FROM", 20)
    win = MainWindow(sample_session, settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_labels_never_cover_each_other_and_zooming_in_shows_more(
    window: MainWindow, qtbot: QtBot
) -> None:
    boxes = _shown_labels(window)
    assert boxes and not any(a.intersects(b) for a, b in itertools.combinations(boxes, 2))
    for _ in range(4):
        qtbot.keyClick(window.canvas, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    closer = _shown_labels(window)
    assert len(closer) > len(boxes)
    assert not any(a.intersects(b) for a, b in itertools.combinations(closer, 2))


def test_no_label_is_drawn_over_another_node(window: MainWindow, qtbot: QtBot) -> None:
    for _ in range(2):
        qtbot.keyClick(window.canvas, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    items = window.scene.nodes.values()
    shapes = {item: item.rect.translated(item.pos()) for item in items}
    for item in items:
        if item.label_shown and not (item.chosen or item.distance == 0):
            box = item.label_box().translated(item.pos())
            covered = [
                o.entity.id
                for o, shape in shapes.items()
                if o is not item and shape.intersects(box)
            ]
            assert covered == [], f"{item.entity.id}'s label covers {covered}"


def test_the_selection_always_shows_its_full_name(window: MainWindow, qtbot: QtBot) -> None:
    item = window.scene.nodes[DNS]
    with qtbot.waitSignal(window.selection_changed):
        qtbot.mouseClick(window.canvas.viewport(), LEFT, pos=window.canvas.mapFromScene(item.pos()))
    assert item.label_shown and item.text == item.entity.label


def test_a_group_opens_on_double_click_and_backspace_goes_back(
    grouped_window: MainWindow, qtbot: QtBot
) -> None:
    win = grouped_window
    assert win.breadcrumb.isVisible() and len(win.breadcrumb.steps) == 1
    core = f"{grouping.GROUP_IRI}system:{node('region-core')}"
    members = win.scene.view.groups[core].members
    _double_click(win, qtbot, core)
    assert set(members) <= set(win.scene.nodes) and len(win.breadcrumb.steps) == 2
    assert (
        win.breadcrumb.steps[1].text() == "region-core"
        or "Region" in win.breadcrumb.steps[1].text()
    )
    with qtbot.waitSignal(win.drawn):
        qtbot.keyClick(win.canvas, Qt.Key.Key_Backspace)
    assert core in win.scene.nodes and len(win.breadcrumb.steps) == 1


def test_a_group_selected_lists_its_most_critical_members(
    grouped_window: MainWindow, qtbot: QtBot
) -> None:
    win = grouped_window
    core = f"{grouping.GROUP_IRI}system:{node('region-core')}"
    item = win.scene.nodes[core]
    win.canvas.centerOn(item.pos())
    qtbot.mouseClick(win.canvas.viewport(), LEFT, pos=win.canvas.mapFromScene(item.pos()))
    qtbot.waitUntil(lambda: "most critical" in win.details.toPlainText())
    assert "Authoritative and recursive DNS" in win.details.toPlainText()
    qtbot.keyClick(win.canvas, Qt.Key.Key_B)  # of a group there is no one blast radius
    assert win.workspace.reach is None and "open it" in win.summary.text()


def test_a_blast_radius_over_groups_marks_the_source_and_shades_the_groups(
    grouped_window: MainWindow, qtbot: QtBot
) -> None:
    win = grouped_window
    with qtbot.waitSignal(win.drawn):
        win.search.query.setFocus()
        qtbot.keyClicks(win.search.query, "dns-service")
        qtbot.waitUntil(lambda: win.search.results.source.rowCount() > 0)
        qtbot.keyClick(win.search.query, Qt.Key.Key_Return)
    source = win.scene.nodes[DNS]  # drawn on its own, beside its group
    qtbot.keyClick(win.canvas, Qt.Key.Key_B)
    qtbot.waitUntil(lambda: source.distance == 0)
    assert source.label_shown and source.text == source.entity.label
    hit = [i for i in win.scene.nodes.values() if i.members and i.hit]
    assert hit and all(0 < i.hit <= i.members for i in hit)
    assert all(i.faded for i in win.scene.nodes.values() if i.members and not i.hit)


def test_a_hub_s_focus_gathers_the_rest_into_one_node_that_opens(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(focus, "CAP", 3)
    monkeypatch.setattr(focus, "PAGE", 2)
    window.select(DNS)
    qtbot.keyClick(window.canvas, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    (more,) = [iri for iri in window.scene.nodes if iri.startswith(MORE_IRI)]
    before = len(window.scene.nodes)
    assert window.scene.nodes[more].entity.label.endswith(" more")
    _double_click(window, qtbot, more)
    assert len(window.scene.nodes) == before + 2 and window.scene.view.layered


def test_a_header_click_sorts_every_row_not_only_those_fetched(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(RecordTableModel, "PAGE", 10)
    results = window.search.results
    window.search.refresh()  # the empty query lists every entity, 10 fetched at a time
    assert results.source.rowCount() == 10 < len(results.visible_records())
    header = results.horizontalHeader()
    qtbot.mouseClick(header.viewport(), LEFT, pos=QPoint(header.sectionViewportPosition(0) + 5, 5))
    names = [hit.label.casefold() for hit in results.visible_records()]
    assert names == sorted(names) and len(names) == len(window.workspace.estate.entities())  # type: ignore[union-attr]
    qtbot.keyClicks(window.search.kind, "vendor")
    vendors = results.visible_records()
    assert vendors and {hit.kind for hit in vendors} == {"vendor"}
    assert [h.label.casefold() for h in vendors] == sorted(h.label.casefold() for h in vendors)
