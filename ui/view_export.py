"""The drawn view as a PNG or SVG file, rendered from the scene (fast, any size)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsScene

from explorer.atomic import atomic_write_bytes
from explorer.errors import InputError

__all__ = ["MAX_PIXELS", "save_scene"]

MAX_PIXELS = 8000  # longest side of a PNG export


def _png(scene: QGraphicsScene, rect: QRectF) -> bytes:
    scale = min(2.0, MAX_PIXELS / max(rect.width(), rect.height(), 1.0))
    image = QImage(
        QSize(int(rect.width() * scale), int(rect.height() * scale)), QImage.Format.Format_ARGB32
    )
    image.fill(QColor(scene.backgroundBrush().color()))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scene.render(painter, QRectF(image.rect()), rect)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    QImageWriter(buffer, QByteArray(b"png")).write(image)
    return bytes(buffer.data().data())


def _svg(scene: QGraphicsScene, rect: QRectF) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(rect.size().toSize())
    generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
    generator.setTitle("Infra Context Explorer view")
    painter = QPainter(generator)
    scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
    painter.end()
    return bytes(data.data())


def save_scene(scene: QGraphicsScene, path: Path) -> None:
    """Write the whole scene as ``.png`` or ``.svg`` (by extension), atomically."""
    kind = path.suffix.lower()
    if kind not in (".png", ".svg"):
        raise InputError(path, None, "a view is exported as .png or .svg")
    rect = scene.itemsBoundingRect().adjusted(-20, -20, 20, 20)
    atomic_write_bytes(path, _png(scene, rect) if kind == ".png" else _svg(scene, rect))
