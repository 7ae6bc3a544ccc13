"""A view of hundreds of edges is built a slice per turn of the event loop, so that the
window answers meanwhile, and a newer view stops an older one's build."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from explorer.domain.kinds import Kind
from explorer.domain.model import Entity
from explorer.views.graph_view import Edge, GraphView
from ui.canvas.scene import SLICE_EDGES, GraphScene


def star(name: str, leaves: int) -> GraphView:
    """One hub that every leaf depends on: ``leaves`` edges."""
    nodes = {
        f"urn:{name}:{i}": Entity(f"urn:{name}:{i}", f"{name}{i}", f"{name}{i}", Kind.SERVICE)
        for i in range(leaves + 1)
    }
    edges = tuple(
        Edge(f"urn:{name}:{i}", "dependsOn", f"urn:{name}:0") for i in range(1, leaves + 1)
    )
    positions = {iri: (float(i % 40), float(i // 40)) for i, iri in enumerate(nodes)}
    return GraphView(nodes, edges, positions, layered=False)


def shown(scene: GraphScene, view: GraphView) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    scene.show_view(view, frozenset(), app.palette())
    scene.add_edges()


def test_edges_come_in_slices_then_complete(qtbot: QtBot) -> None:
    scene = GraphScene()
    with qtbot.waitSignal(scene.complete, timeout=10_000):
        shown(scene, star("a", 3 * SLICE_EDGES + 7))
        assert len(scene.edges) == SLICE_EDGES and scene.building  # the rest still to come
    assert len(scene.edges) == 3 * SLICE_EDGES + 7 and not scene.building


def test_a_newer_view_stops_the_older_build(qtbot: QtBot) -> None:
    scene = GraphScene()
    shown(scene, star("old", 5 * SLICE_EDGES))
    with qtbot.waitSignal(scene.complete, timeout=10_000):
        shown(scene, star("new", 2 * SLICE_EDGES))
    qtbot.wait(50)  # turns of the event loop in which the old build would have gone on
    assert len(scene.edges) == 2 * SLICE_EDGES
    assert {e.edge.source.split(":")[1] for e in scene.edges} == {"new"}


def test_a_small_view_is_complete_at_once(qtbot: QtBot) -> None:
    scene = GraphScene()
    with qtbot.waitSignal(scene.complete, timeout=1000):
        shown(scene, star("s", 5))
    assert len(scene.edges) == 5


def test_edges_built_late_fade_with_a_highlight_set_before(qtbot: QtBot) -> None:
    scene = GraphScene()
    view = star("h", 2 * SLICE_EDGES)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    scene.show_view(view, frozenset(), app.palette())
    scene.set_highlight({"urn:h:0": 0, "urn:h:1": 1})
    with qtbot.waitSignal(scene.complete, timeout=10_000):
        scene.add_edges()
    lit = [e for e in scene.edges if e.opacity() == 1.0]
    assert [e.edge.source for e in lit] == ["urn:h:1"]
