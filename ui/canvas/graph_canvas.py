"""The graph canvas: pan by dragging, zoom with the wheel, click to select (Ctrl+click or
Shift+click to select several), double-click to expand. It shows a ``GraphScene``."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QWidget

from ui.canvas.node_item import NodeItem
from ui.canvas.scene import GraphScene

__all__ = ["GraphCanvas"]


class GraphCanvas(QGraphicsView):
    """Pan by dragging, zoom with the wheel, click to select, double-click to expand.

    Signals:
        node_clicked(str): the IRI of a node the user clicked.
        node_toggled(str): the IRI of a node Ctrl+clicked: into the selection, or out.
        node_added(str): the IRI of a node Shift+clicked: into the selection.
        node_double_clicked(str): the IRI of a node the user double-clicked.
    """

    node_clicked = Signal(str)
    node_toggled = Signal(str)
    node_added = Signal(str)
    node_double_clicked = Signal(str)
    RENDER_HINTS = QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing

    def __init__(self, scene: GraphScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.graph_scene = scene
        self.setRenderHints(self.RENDER_HINTS)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.auto_fit = True
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def zoom_level(self) -> float:
        return self.transform().m11()

    def zoom(self, factor: float) -> None:
        """Zoom by ``factor``; from then on, resizing the window keeps the user's zoom."""
        self.auto_fit = False
        target = min(max(self.zoom_level() * factor, 0.02), 6.0)
        self.scale(target / self.zoom_level(), target / self.zoom_level())
        self.graph_scene.set_zoom(self.zoom_level())

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.zoom(1.0015 ** event.angleDelta().y())

    def fit(self) -> None:
        """Show the whole drawing, never magnified past 1.2x; keep it fitted on resize."""
        self.fitInView(self.graph_scene.drawing, Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom_level() > 1.2:
            self.scale(1.2 / self.zoom_level(), 1.2 / self.zoom_level())
        self.graph_scene.set_zoom(self.zoom_level())
        self.auto_fit = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.auto_fit:
            self.fit()

    def centre_on(self, iri: str) -> None:
        item = self.graph_scene.nodes.get(iri)
        if item is not None:
            if self.zoom_level() < 0.6:
                self.zoom(0.9 / self.zoom_level())
            self.auto_fit = False
            self.centerOn(item.scenePos())  # the shape, not the shape and its label

    def _node_at(self, event: QMouseEvent) -> NodeItem | None:
        """The node under the pointer; a node's shape wins over a neighbour's label."""
        point = event.position().toPoint()
        scene_point = self.mapToScene(point)
        far = self.graph_scene.node_at(scene_point)
        if far is not None:
            return far
        nodes = [i for i in self.items(point) if isinstance(i, NodeItem)]
        for item in nodes:
            if item.path.contains(item.mapFromScene(scene_point)):
                return item
        return nodes[0] if nodes else None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        node = self._node_at(event)
        if node is not None and event.button() == Qt.MouseButton.LeftButton:
            held = event.modifiers()
            if held & Qt.KeyboardModifier.ControlModifier:
                self.node_toggled.emit(node.entity.iri)
            elif held & Qt.KeyboardModifier.ShiftModifier:
                self.node_added.emit(node.entity.iri)
            else:
                self.node_clicked.emit(node.entity.iri)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        node = self._node_at(event)
        if node is not None:
            self.node_double_clicked.emit(node.entity.iri)
        else:
            super().mouseDoubleClickEvent(event)
