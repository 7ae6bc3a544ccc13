"""Where a label beside a small shape may go, tried in order until one has room: right of
the shape, left of it, then under and over it (centred, then reaching left or right).
Crowded places, the middle of a blast radius most of all, need more than two sides for
each node hit to be named. Plain numbers, as ``ui.canvas.labels`` places thousands."""

from __future__ import annotations

from enum import Enum

__all__ = ["Box", "Side", "extent"]

Box = tuple[float, float, float, float]  # left, top, right, bottom
GAP = 1.0  # between the shape and a label under or over it


class Side(Enum):
    """Where a label goes beside a compact shape, in the order they are tried."""

    RIGHT = "right"
    LEFT = "left"
    BELOW = "below"
    ABOVE = "above"
    BELOW_LEFT = "below, reaching left"
    BELOW_RIGHT = "below, reaching right"
    ABOVE_LEFT = "above, reaching left"
    ABOVE_RIGHT = "above, reaching right"


_UNDER = {Side.BELOW, Side.BELOW_LEFT, Side.BELOW_RIGHT}
# under or over the shape: 0, the label starts at the shape's left; 1, it ends at its right
_ALIGN = {Side.BELOW_LEFT: 1.0, Side.ABOVE_LEFT: 1.0, Side.BELOW_RIGHT: 0.0, Side.ABOVE_RIGHT: 0.0}


def extent(shape: Box, gap: float, size: tuple[float, float], under: float, side: Side) -> Box:
    """A label ``size`` (width, height, already scaled) on ``side`` of ``shape`` (centred
    on the origin), ``gap`` beside it, ``under`` below it (room for what is drawn there).

    >>> extent((-12, -8, 12, 8), 3, (40, 10), 1, Side.LEFT)
    (-55, -5.0, -15, 5.0)
    >>> extent((-12, -8, 12, 8), 3, (40, 10), 1, Side.BELOW_LEFT)
    (-28.0, 9, 12.0, 19)
    """
    w, h = size
    if side is Side.RIGHT:
        return (shape[2] + gap, -h / 2, shape[2] + gap + w, h / 2)
    if side is Side.LEFT:
        return (shape[0] - gap - w, -h / 2, shape[0] - gap, h / 2)
    top = shape[3] + under if side in _UNDER else shape[1] - GAP - h
    left = shape[0] + (shape[2] - shape[0] - w) * _ALIGN.get(side, 0.5)
    return (left, top, left + w, top + h)
