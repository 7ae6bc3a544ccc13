"""Observed calls in the window: the undeclared DNS dependency among the gaps, "via" in
the impact list, observed-only relations drawn apart with their counts, and the
"observed" box that leaves them out, each by keys and clicks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_session import CTRL, SHIFT, press, search_and_enter

from explorer.domain.relations import Evidence
from helpers import SAMPLES, node
from ui.canvas.edge_item import EdgeItem
from ui.canvas.theme import relation_style
from ui.window.main_window import MainWindow

TRACES = SAMPLES / "region-build-traces.json"


@pytest.fixture
def observed(window_on: Callable[[list[Path]], MainWindow]) -> MainWindow:
    return window_on([SAMPLES / "region-build.ttl", TRACES])


def impact_rows(window: MainWindow) -> dict[str, str]:
    """Name -> via, as the impact list shows them."""
    model = window.impact.impacted.model()
    columns = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    name, via = columns.index("Name"), columns.index("Via")
    return {
        model.index(r, name).data(): model.index(r, via).data() for r in range(model.rowCount())
    }


def test_the_undeclared_dns_dependency_is_a_gap_in_the_list(observed: MainWindow) -> None:
    rules = [g.rule for g in observed.gaps.table.visible_records()]
    assert "undeclared-dependency" in rules and "unknown-service" in rules
    first = next(
        g for g in observed.gaps.table.visible_records() if g.rule == "undeclared-dependency"
    )
    assert first.message.startswith("Machine image registry calls Authoritative and recursive DNS")


def test_b_says_via_and_the_observed_box_leaves_observed_out(
    observed: MainWindow, qtbot: QtBot
) -> None:
    search_and_enter(observed, qtbot, "Authoritative and recursive DNS")
    press(qtbot, Qt.Key.Key_B)
    qtbot.waitUntil(lambda: observed.workspace.reach is not None)
    rows = impact_rows(observed)
    assert rows["Machine image registry"] == "observed" and rows["Log collection"] == "observed"
    assert rows["Identity and access management (IAM)"] == "declared+observed"
    press(qtbot, Qt.Key.Key_L, CTRL | SHIFT)  # the filters
    box = observed.filters.evidence[Evidence.OBSERVED]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    qtbot.waitUntil(lambda: not observed.workspace.filter.counts(Evidence.OBSERVED))
    rows = impact_rows(observed)
    assert "Machine image registry" not in rows and set(rows.values()) == {"declared"}
    assert observed.filter_bar.text.text().endswith("evidence: declared, deployed")
    assert not [e for e in observed.scene.edges if e.edge.relation == "calls"]
    lit = observed.scene.highlighted()
    assert str(node("image-registry")) not in lit and str(node("iam")) in lit


def test_picking_a_team_to_tell_keeps_the_answer(observed: MainWindow, qtbot: QtBot) -> None:
    search_and_enter(observed, qtbot, "Authoritative and recursive DNS")
    press(qtbot, Qt.Key.Key_B)
    qtbot.waitUntil(lambda: observed.workspace.reach is not None)
    table = observed.impact.teams
    row = next(r for r in range(table.model().rowCount()) if table.record_at(r).status == "active")
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: observed.workspace.selected == table.record_at(row).entity.iri)
    assert observed.workspace.reach is not None
    assert "is not in it" not in observed.summary.text()


def test_observed_only_calls_are_drawn_apart_with_their_counts(observed: MainWindow) -> None:
    calls = [e for e in observed.scene.edges if e.edge.relation == "calls"]
    assert calls, "no observed-only relation drawn"
    style = relation_style("calls")
    assert all(isinstance(e, EdgeItem) and e.pen().color().name() == style.colour for e in calls)
    tips = {e.toolTip() for e in calls}
    assert any(
        "Machine image registry calls Authoritative" in t and "2,900 call(s)" in t for t in tips
    )
    declared = [e for e in observed.scene.edges if e.edge.relation == "depends on" and e.edge.calls]
    assert declared and all("(also seen in traffic)" in e.toolTip() for e in declared)
    assert any("seen in traffic" in text for _, text in observed.legend.entries)
