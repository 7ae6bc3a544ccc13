"""A large overview zoomed far out: drawn by one item, yet clicks and highlights still work."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import ui.canvas.scene
from explorer.estate import Estate
from ui.canvas.graph_canvas import GraphCanvas
from ui.canvas.scene import GraphScene


@pytest.fixture
def canvas(qtbot: QtBot, sample_session: Estate, monkeypatch: pytest.MonkeyPatch) -> GraphCanvas:
    monkeypatch.setattr(
        ui.canvas.scene, "CLOUD_FROM", 10
    )  # the sample stands in for a large estate
    scene = GraphScene()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    scene.show_view(sample_session.whole(), frozenset(), app.palette())
    view = GraphCanvas(scene)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    view.fit()
    return view


def far_out(canvas: GraphCanvas) -> None:
    canvas.zoom(0.1 / canvas.zoom_level())


class TestFarOut:
    def test_the_cloud_replaces_the_node_items_and_gives_them_back_near(
        self, canvas: GraphCanvas
    ) -> None:
        scene = canvas.graph_scene
        assert scene.cloud is not None
        far_out(canvas)
        assert scene.cloud.isVisible()
        assert not any(item.isVisible() for item in scene.nodes.values())
        canvas.zoom(1.0 / canvas.zoom_level())
        assert not scene.cloud.isVisible()
        assert all(item.isVisible() for item in scene.nodes.values())

    def test_a_click_on_a_box_selects_its_node(self, canvas: GraphCanvas, qtbot: QtBot) -> None:
        far_out(canvas)
        item = canvas.graph_scene.nodes["https://infra-context.dev/id/dns-zone"]
        at = canvas.mapFromScene(item.scenePos())
        with qtbot.waitSignal(canvas.node_clicked) as clicked:
            qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=at)
        assert clicked.args == [item.entity.iri]

    def test_a_highlight_recolours_the_boxes(self, canvas: GraphCanvas) -> None:
        scene = canvas.graph_scene
        far_out(canvas)
        assert scene.cloud is not None
        before = {(colour.rgba(), alpha) for colour, alpha, _ in scene.cloud.groups}
        scene.set_highlight({"https://infra-context.dev/id/dns-zone": 0})
        after = {(colour.rgba(), alpha) for colour, alpha, _ in scene.cloud.groups}
        assert any(alpha < 1.0 for _, alpha in after)  # the rest fades
        assert after != before
