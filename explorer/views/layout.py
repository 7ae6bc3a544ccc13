"""Where each node of a view sits, from igraph's layouts, tidied so nothing sits on another.

Layered views use Sugiyama's layout (dependencies left to right); the others a force
layout (Kamada-Kawai, or Fruchterman-Reingold past ``FORCE_SMALL`` nodes), rotated wide as
screens are. Then: nodes without a relation are packed in rows below the drawing, where
they neither shrink the fitted picture nor sit among strangers, and any two nodes closer
than their sizes allow are pushed apart (a group is drawn larger; see ``size_of``).
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

import igraph

__all__ = ["FORCE_SMALL", "Places", "placed", "size_of"]

Places = dict[str, tuple[float, float]]
FORCE_SMALL = 300  # up to here Kamada-Kawai, beyond Fruchterman-Reingold
MIN_ROOM = 0.45  # side of the square each node gets at least, in layout units (see _roomy)
GAP = 0.5  # least distance between two ordinary nodes, in layout units
MAX_ROWS, SUB_COLUMN = 15, 0.9  # rows of a layer before it wraps; a wrapped column's width
IN_PROCESS = 150  # layouts of more nodes than this run in a worker process (see _igraph)
_pool: ProcessPoolExecutor | None = None


def size_of(members: int) -> float:
    """How many times an ordinary node's size a group of ``members`` is drawn.

    >>> size_of(1), size_of(100), size_of(10_000)
    (1.0, 2.0, 3.0)
    """
    return min(4.0, 1.0 + math.log10(max(members, 1)) / 2)


def placed(
    nodes: Sequence[str],
    pairs: Sequence[tuple[int, int]],
    layered: bool,
    sizes: Mapping[str, float],
) -> Places:
    """Positions for ``nodes`` (``pairs`` of indexes are the links, source first)."""
    if not nodes:
        return {}
    linked = sorted({n for pair in pairs for n in pair if pair[0] != pair[1]})
    alone = [nodes[n] for n in range(len(nodes)) if n not in set(linked)]
    renumber = {old: new for new, old in enumerate(linked)}
    inner = [(renumber[a], renumber[b]) for a, b in pairs if a != b]
    names = [nodes[n] for n in linked]
    coords = _layered(names, inner) if layered else _force(names, inner)
    places = dict(zip(names, coords, strict=True))
    if not layered:
        places = _apart(places, sizes)
    places.update(_aside(alone, places, layered))
    return places


def _layered(names: list[str], pairs: list[tuple[int, int]]) -> list[tuple[float, float]]:
    if not names:
        return []
    coords = _igraph(len(names), pairs, "sugiyama")
    return _packed([(c[1], c[0]) for c in coords])


def _force(names: list[str], pairs: list[tuple[int, int]]) -> list[tuple[float, float]]:
    if not names:
        return []
    if len(names) == 1:
        return [(0.0, 0.0)]
    coords = _widest_along_x(_igraph(len(names), pairs, "force"))
    scale = min(_typical_edge_length(coords, pairs), _roomy(coords))
    return [(float(c[0]) / scale, float(c[1]) / scale) for c in coords]


def _igraph(count: int, pairs: list[tuple[int, int]], kind: str) -> list[list[float]]:
    """igraph's layout of ``count`` nodes, in a worker process past ``IN_PROCESS`` nodes:
    igraph holds Python's lock while it lays out, which would stop the app's window
    for seconds even from another thread."""
    if count <= IN_PROCESS:
        return _igraph_layout(count, pairs, kind)
    global _pool
    if _pool is None:
        _pool = ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn"))
    return _pool.submit(_igraph_layout, count, pairs, kind).result()


def _igraph_layout(count: int, pairs: list[tuple[int, int]], kind: str) -> list[list[float]]:
    shape = igraph.Graph(n=count, edges=pairs, directed=True)
    if kind == "sugiyama":
        return [list(c) for c in shape.layout_sugiyama(maxiter=60).coords[:count]]
    igraph.set_random_number_generator(random.Random(count))  # same graph, same picture
    try:
        if count <= FORCE_SMALL:  # Kamada-Kawai spaces small graphs evenly
            return [list(c) for c in shape.layout_kamada_kawai(maxiter=50 * count).coords]
        return [list(c) for c in shape.layout_fruchterman_reingold(niter=500, grid="auto").coords]
    finally:
        igraph.set_random_number_generator(random)


def _packed(places: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Sugiyama's (layer, slot) places with the slots of each layer made 0, 1, 2... in
    their order and centred on the middle row: the library leaves room for the bends of
    long edges, which at 60 nodes made a drawing 80 rows tall, unreadable at fit. A layer
    of more than ``MAX_ROWS`` wraps into further columns, so that a hub's sixty dependents
    make a block, not a line.

    >>> _packed([(0, 0.0), (0, 7.0), (1, 3.0)])
    [(0.0, -0.5), (0.0, 0.5), (1.0, 0.0)]
    >>> [x for x, _ in _packed([(0, float(n)) for n in range(MAX_ROWS + 1)] + [(1, 0.0)])][-3:]
    [0.0, 0.9, 1.9]
    """
    layers: dict[float, list[int]] = {}
    for n, (layer, _) in enumerate(places):
        layers.setdefault(layer, []).append(n)
    packed: list[tuple[float, float]] = [(0.0, 0.0)] * len(places)
    left = 0.0
    for _, members in sorted(layers.items()):
        members.sort(key=lambda n: places[n][1])
        rows = min(len(members), MAX_ROWS)
        middle = (rows - 1) / 2
        for slot, n in enumerate(members):
            packed[n] = (left + (slot // MAX_ROWS) * SUB_COLUMN, slot % MAX_ROWS - middle)
        left += 1.0 + ((len(members) - 1) // MAX_ROWS) * SUB_COLUMN
    return packed


def _aside(alone: list[str], places: Places, layered: bool) -> Places:
    """Nodes without relations in rows under the drawing, as wide as it is.

    >>> _aside(["a", "b", "c"], {"x": (0.0, 0.0), "y": (1.0, 0.0)}, layered=False)
    {'a': (0.0, 1.5), 'b': (1.0, 1.5), 'c': (0.0, 2.5)}
    """
    if not alone:
        return {}
    xs = [x for x, _ in places.values()] or [0.0]
    ys = [y for _, y in places.values()] or [-1.0]
    step = 1.0
    across = max(1, int((max(xs) - min(xs)) / step) + 1)
    if not places:
        across = max(1, math.ceil(math.sqrt(len(alone) * (1 if layered else 3))))
    top = max(ys) + (1.0 if layered else 1.5)
    return {
        name: (min(xs) + (n % across) * step, top + (n // across) * step)
        for n, name in enumerate(alone)
    }


def _apart(places: Places, sizes: Mapping[str, float], rounds: int = 12) -> Places:
    """Push apart any two nodes nearer than ``GAP`` times their sizes (a grid finds the
    near ones, so this stays linear in the nodes)."""
    if len(places) < 2:
        return places
    moved = {name: [x, y] for name, (x, y) in places.items()}
    reach = GAP * max(sizes.values(), default=1.0)
    for _ in range(rounds):
        cells: defaultdict[tuple[int, int], list[str]] = defaultdict(list)
        for name, (x, y) in moved.items():
            cells[(int(x // reach), int(y // reach))].append(name)
        pushed = False
        for (cx, cy), here in cells.items():
            near = [
                n
                for dx in (-1, 0, 1)
                for dy in (-1, 0, 1)
                for n in cells.get((cx + dx, cy + dy), [])
            ]
            for a in here:
                for b in near:
                    if a < b:
                        pushed |= _push(
                            moved[a], moved[b], GAP * (sizes.get(a, 1.0) + sizes.get(b, 1.0)) / 2
                        )
        if not pushed:
            break
    return {name: (x, y) for name, (x, y) in moved.items()}


def _push(a: list[float], b: list[float], least: float) -> bool:
    """Move ``a`` and ``b`` apart along the line between them to ``least``, if nearer."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    distance = math.hypot(dx, dy)
    if distance >= least:
        return False
    if distance == 0:
        dx, dy, distance = 1.0, 0.0, 1.0
    shift = (least - distance) / 2 / distance
    a[0] -= dx * shift
    a[1] -= dy * shift
    b[0] += dx * shift
    b[1] += dy * shift
    return True


def _widest_along_x(coords: list[list[float]]) -> list[list[float]]:
    """Rotate a force layout so its longest spread is horizontal, as screens are wide."""
    n = len(coords)
    mx, my = sum(c[0] for c in coords) / n, sum(c[1] for c in coords) / n
    sxx = sum((c[0] - mx) ** 2 for c in coords)
    syy = sum((c[1] - my) ** 2 for c in coords)
    sxy = sum((c[0] - mx) * (c[1] - my) for c in coords)
    angle = -0.5 * math.atan2(2 * sxy, sxx - syy)
    cos, sin = math.cos(angle), math.sin(angle)
    return [
        [(c[0] - mx) * cos - (c[1] - my) * sin, (c[0] - mx) * sin + (c[1] - my) * cos]
        for c in coords
    ]


def _roomy(coords: list[list[float]]) -> float:
    """The unit that leaves each node at least ``MIN_ROOM`` of the layout's area.

    Scaled by edge length alone, a large estate's hubs pull thousands of nodes into a
    drawing where they cover each other; this spreads the drawing out instead.
    """
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    area = (max(xs) - min(xs)) * (max(ys) - min(ys))
    return math.sqrt(area / len(coords)) / MIN_ROOM if area > 0 else math.inf


def _typical_edge_length(coords: list[list[float]], pairs: Sequence[tuple[int, int]]) -> float:
    lengths = sorted(
        ((coords[a][0] - coords[b][0]) ** 2 + (coords[a][1] - coords[b][1]) ** 2) ** 0.5
        for a, b in pairs
    )
    return lengths[len(lengths) // 2] or 1.0 if lengths else 1.0
