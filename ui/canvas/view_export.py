"""The drawn view as a PNG or SVG file, rendered from the scene (fast, any size), with a
title and the legend above it when asked, and the teams to tell under a highlight: a
picture that explains itself in a slide."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QImageWriter,
    QPainter,
    QPalette,
)
from PySide6.QtSvg import QSvgGenerator

from explorer.domain.errors import InputError
from explorer.files.atomic import atomic_write_bytes
from ui.canvas.caption import Caption
from ui.canvas.legend import Legend
from ui.canvas.scene import GraphScene

__all__ = ["IMAGES", "IMAGE_FILTER", "MAX_PIXELS", "Frame", "Heading", "save_scene"]

MAX_PIXELS = 8000  # longest side of a PNG export
IMAGES = {".png": "PNG image", ".svg": "SVG drawing"}  # what a view is exported as
IMAGE_FILTER = ";;".join(f"{title} (*{extension})" for extension, title in IMAGES.items())
TITLE_MARGIN = 10.0  # around the title
_WRAP = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)


def _title_font() -> QFont:
    """Bold, sized in pixels: a PNG and an SVG (whose devices differ in dots per inch)
    and the measuring agree."""
    font = QFont()
    font.setPixelSize(17)
    font.setBold(True)
    return font


class Heading:
    """What is drawn above the view: a title, and the legend, either or both. The title
    wraps to the picture's width: a program's heading names every change, and a title
    cut at the edge would leave out what the picture is of."""

    def __init__(self, title: str = "", legend: Legend | None = None) -> None:
        self.title, self.legend = title, legend
        self.font = _title_font()

    def _title_box(self, width: float) -> QRectF:
        """Where the title wraps into, ``width`` wide, from the top."""
        room = QRectF(TITLE_MARGIN, TITLE_MARGIN, max(width - 2 * TITLE_MARGIN, 50.0), 1e6)
        box = QFontMetricsF(self.font).boundingRect(room, _WRAP, self.title)
        return QRectF(room.left(), room.top(), room.width(), box.height())

    def height(self, width: float) -> float:
        legend = self.legend.height_for(width) if self.legend is not None else 0
        title = self._title_box(width).bottom() + TITLE_MARGIN if self.title else 0.0
        return title + legend

    def draw(self, painter: QPainter, width: float, ink: QColor) -> None:
        y = 0.0
        if self.title:
            painter.setFont(self.font)
            painter.setPen(ink)
            box = self._title_box(width)
            painter.drawText(box, _WRAP, self.title)
            y = box.bottom() + TITLE_MARGIN
        if self.legend is not None:
            self.legend.draw(painter, QPointF(0, y), width, ink)


class Frame:
    """What is drawn around the view: the heading above it, the caption under it."""

    def __init__(self, heading: Heading | None = None, caption: Caption | None = None) -> None:
        self.heading, self.caption = heading or Heading(), caption or Caption()

    def size(self, rect: QRectF) -> tuple[float, float]:
        """The heading's height, and the height of all, for a view of ``rect``."""
        top = self.heading.height(rect.width())
        return top, top + rect.height() + self.caption.height(rect.width())

    def paint(self, painter: QPainter, scene: GraphScene, rect: QRectF) -> None:
        ink = scene.palette().color(QPalette.ColorRole.WindowText)
        top, _ = self.size(rect)
        self.heading.draw(painter, rect.width(), ink)
        scene.render(painter, QRectF(0, top, rect.width(), rect.height()), rect)
        self.caption.draw(painter, top + rect.height(), rect.width(), ink)


def _png(scene: GraphScene, rect: QRectF, frame: Frame) -> bytes:
    scale = min(2.0, MAX_PIXELS / max(rect.width(), rect.height(), 1.0))
    _, height = frame.size(rect)
    image = QImage(
        QSize(int(rect.width() * scale), int(height * scale)), QImage.Format.Format_ARGB32
    )
    image.fill(QColor(scene.backgroundBrush().color()))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(scale, scale)
    with scene.as_exported(scale):  # labels as large as the picture shows them
        frame.paint(painter, scene, rect)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    QImageWriter(buffer, QByteArray(b"png")).write(image)
    return bytes(buffer.data().data())


def _svg(scene: GraphScene, rect: QRectF, frame: Frame) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    _, height = frame.size(rect)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(int(rect.width()), int(height)))
    generator.setViewBox(QRectF(0, 0, rect.width(), height))
    generator.setTitle(frame.heading.title or "Infra Context Explorer view")
    painter = QPainter(generator)
    with scene.as_exported(1.0):  # drawn at the scene's size, zoomed in at will
        frame.paint(painter, scene, rect)
    painter.end()
    return bytes(data.data())


def save_scene(scene: GraphScene, path: Path, frame: Frame | None = None) -> None:
    """Write the whole scene as ``.png`` or ``.svg`` (by extension), atomically, in
    ``frame`` (a heading above, a caption under) when given. Labels are placed for the
    picture's size, not the window's zoom: a picture of a blast radius names what is hit;
    the selection is not drawn (``GraphScene.as_exported``)."""
    kind = path.suffix.lower()
    if kind not in IMAGES:
        raise InputError(path, None, f"a view is exported as {' or '.join(IMAGES)}")
    rect = scene.itemsBoundingRect().adjusted(-20, -20, 20, 20)
    frame = frame or Frame()
    atomic_write_bytes(
        path, _png(scene, rect, frame) if kind == ".png" else _svg(scene, rect, frame)
    )
