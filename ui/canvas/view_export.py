"""The drawn view as a PNG or SVG file, rendered from the scene (fast, any size), with a
title and the legend above it when asked: a picture that explains itself in a slide."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QImageWriter, QPainter, QPalette
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsScene

from explorer.domain.errors import InputError
from explorer.files.atomic import atomic_write_bytes
from ui.canvas.legend import Legend

__all__ = ["IMAGES", "IMAGE_FILTER", "MAX_PIXELS", "Heading", "save_scene"]

MAX_PIXELS = 8000  # longest side of a PNG export
IMAGES = {".png": "PNG image", ".svg": "SVG drawing"}  # what a view is exported as
IMAGE_FILTER = ";;".join(f"{title} (*{extension})" for extension, title in IMAGES.items())
TITLE_HEIGHT = 34.0


class Heading:
    """What is drawn above the view: a title, and the legend, either or both."""

    def __init__(self, title: str = "", legend: Legend | None = None) -> None:
        self.title, self.legend = title, legend

    def height(self, width: float) -> float:
        legend = self.legend.height_for(width) if self.legend is not None else 0
        return (TITLE_HEIGHT if self.title else 0.0) + legend

    def draw(self, painter: QPainter, width: float, ink: QColor) -> None:
        y = 0.0
        if self.title:
            font = QFont()
            font.setPointSizeF(13)
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(ink)
            flags = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
            painter.drawText(QRectF(10, 0, width - 20, TITLE_HEIGHT), flags, self.title)
            y = TITLE_HEIGHT
        if self.legend is not None:
            self.legend.draw(painter, QPointF(0, y), width, ink)


Paint = Callable[[QPainter, QRectF, float], None]  # painter, target, heading height


def _paint_all(scene: QGraphicsScene, rect: QRectF, heading: Heading) -> Paint:
    ink = scene.palette().color(QPalette.ColorRole.WindowText)

    def paint(painter: QPainter, target: QRectF, top: float) -> None:
        heading.draw(painter, target.width(), ink)
        scene.render(painter, QRectF(0, top, target.width(), target.height() - top), rect)

    return paint


def _png(scene: QGraphicsScene, rect: QRectF, heading: Heading) -> bytes:
    scale = min(2.0, MAX_PIXELS / max(rect.width(), rect.height(), 1.0))
    top = heading.height(rect.width())
    size = QSize(int(rect.width() * scale), int((rect.height() + top) * scale))
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(QColor(scene.backgroundBrush().color()))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(scale, scale)
    _paint_all(scene, rect, heading)(painter, QRectF(0, 0, rect.width(), rect.height() + top), top)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    QImageWriter(buffer, QByteArray(b"png")).write(image)
    return bytes(buffer.data().data())


def _svg(scene: QGraphicsScene, rect: QRectF, heading: Heading) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    top = heading.height(rect.width())
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(int(rect.width()), int(rect.height() + top)))
    generator.setViewBox(QRectF(0, 0, rect.width(), rect.height() + top))
    generator.setTitle(heading.title or "Infra Context Explorer view")
    painter = QPainter(generator)
    _paint_all(scene, rect, heading)(painter, QRectF(0, 0, rect.width(), rect.height() + top), top)
    painter.end()
    return bytes(data.data())


def save_scene(scene: QGraphicsScene, path: Path, heading: Heading | None = None) -> None:
    """Write the whole scene as ``.png`` or ``.svg`` (by extension), atomically, under
    ``heading`` when given."""
    kind = path.suffix.lower()
    if kind not in IMAGES:
        raise InputError(path, None, f"a view is exported as {' or '.join(IMAGES)}")
    rect = scene.itemsBoundingRect().adjusted(-20, -20, 20, 20)
    heading = heading or Heading()
    atomic_write_bytes(
        path, _png(scene, rect, heading) if kind == ".png" else _svg(scene, rect, heading)
    )
