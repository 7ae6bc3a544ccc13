"""The outline of each kind's shape, as a path in a node's rectangle."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath, QPolygonF

__all__ = ["outline", "shared_outline"]

Corners = Callable[[float, float, float, float], list[tuple[float, float]]]


def _hexagon(x: float, y: float, w: float, h: float) -> list[tuple[float, float]]:
    c = h / 2
    return [
        (x + c, y),
        (x + w - c, y),
        (x + w, y + c),
        (x + w - c, y + h),
        (x + c, y + h),
        (x, y + c),
    ]


def _octagon(x: float, y: float, w: float, h: float) -> list[tuple[float, float]]:
    c = min(7.0, h / 3)
    return [
        (x + c, y),
        (x + w - c, y),
        (x + w, y + c),
        (x + w, y + h - c),
        (x + w - c, y + h),
        (x + c, y + h),
        (x, y + h - c),
        (x, y + c),
    ]


def _slant(x: float, y: float, w: float, h: float) -> list[tuple[float, float]]:
    s = 8.0
    return [(x + s, y), (x + w, y), (x + w - s, y + h), (x, y + h)]


_POLYGONS: dict[str, Corners] = {"hexagon": _hexagon, "octagon": _octagon, "slant": _slant}


def outline(shape: str, rect: QRectF) -> QPainterPath:
    """``shape`` (roundrect, rect, hexagon, pill, octagon, slant, dashed) filling ``rect``."""
    path = QPainterPath()
    if shape in ("roundrect", "dashed"):
        path.addRoundedRect(rect, 7, 7)
    elif shape == "pill":
        path.addRoundedRect(rect, rect.height() / 2, rect.height() / 2)
    elif shape in _POLYGONS:
        corners = _POLYGONS[shape](rect.x(), rect.y(), rect.width(), rect.height())
        path.addPolygon(QPolygonF([QPointF(x, y) for x, y in [*corners, corners[0]]]))
    else:
        path.addRect(rect)
    return path


_OUTLINES: dict[tuple[str, float, float], QPainterPath] = {}


def shared_outline(shape: str, rect: QRectF) -> QPainterPath:
    """One outline per shape and size: an overview's nodes all share a handful."""
    key = (shape, rect.width(), rect.height())
    if key not in _OUTLINES:
        _OUTLINES[key] = outline(shape, rect)
    return _OUTLINES[key]
