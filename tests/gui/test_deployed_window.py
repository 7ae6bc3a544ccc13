"""What deploys the estate, in the window: the Harbor sample's deploy gaps in the list,
"via" in the impact list, the Count boxes that choose which kinds of evidence a walk
counts, and the legend's line for a connection only deploy files make; by keys and clicks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_observed_window import impact_rows
from test_session import CTRL, SHIFT, press, search_and_enter

from explorer.domain.relations import Evidence
from explorer.domain.rules import DEPLOY_RULES
from helpers import SAMPLES
from ui.window.main_window import MainWindow


@pytest.fixture
def harbor(window_on: Callable[[list[Path]], MainWindow]) -> MainWindow:
    return window_on([SAMPLES / "harbor"])


def click(qtbot: QtBot, box: object) -> None:
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())  # type: ignore[attr-defined]


def test_each_deploy_gap_is_in_the_list(harbor: MainWindow) -> None:
    rules = {g.rule for g in harbor.gaps.table.visible_records()}
    assert set(DEPLOY_RULES) <= rules


def test_the_count_boxes_choose_the_kinds_of_evidence_a_walk_counts(
    harbor: MainWindow, qtbot: QtBot
) -> None:
    search_and_enter(harbor, qtbot, "Payments")
    press(qtbot, Qt.Key.Key_B)
    qtbot.waitUntil(lambda: harbor.workspace.reach is not None)
    assert impact_rows(harbor) == {
        "Checkout": "declared+deployed",  # the catalog says so, and so does its ConfigMap
        "Shopfront": "declared+deployed",
        "shop-ingress": "deployed",  # only the Ingress's backend reaches it
    }
    press(qtbot, Qt.Key.Key_L, CTRL | SHIFT)  # the filters
    click(qtbot, harbor.filters.evidence[Evidence.DECLARED])
    qtbot.waitUntil(lambda: not harbor.workspace.filter.counts(Evidence.DECLARED))
    # what deploy files wire alone: walked again, every path of theirs
    assert impact_rows(harbor) == {
        "Checkout": "deployed",
        "Shopfront": "deployed",
        "shop-ingress": "deployed",
    }
    assert harbor.filter_bar.text.text().endswith("evidence: deployed, observed")
    click(qtbot, harbor.filters.evidence[Evidence.DECLARED])
    click(qtbot, harbor.filters.evidence[Evidence.DEPLOYED])
    qtbot.waitUntil(lambda: not harbor.workspace.filter.counts(Evidence.DEPLOYED))
    assert impact_rows(harbor) == {"Checkout": "declared", "Shopfront": "declared"}
    lit = harbor.scene.highlighted()
    assert not [iri for iri in lit if iri.endswith("/shop-ingress")]


def test_the_legend_says_which_line_only_deploy_files_make(harbor: MainWindow) -> None:
    words = [label for _, label in harbor.legend.entries]
    assert "connects to (deployed, not declared)" in words


def test_a_connection_under_a_dependency_is_one_line_until_declared_is_not_counted(
    harbor: MainWindow, qtbot: QtBot
) -> None:
    def lines(source: str, target: str) -> list[str]:
        return [
            e.edge.relation
            for e in harbor.scene.edges
            if e.edge.source.endswith(source) and e.edge.target.endswith(target)
        ]

    assert lines("/checkout", "/payments") == ["depends on"]
    line = next(
        e
        for e in harbor.scene.edges
        if e.edge.source.endswith("/checkout") and e.edge.target.endswith("/payments")
    )
    assert "and connects to, as deploy files wire it" in line.toolTip()
    press(qtbot, Qt.Key.Key_L, CTRL | SHIFT)
    click(qtbot, harbor.filters.evidence[Evidence.DECLARED])
    qtbot.waitUntil(lambda: lines("/checkout", "/payments") == ["connects to"])
