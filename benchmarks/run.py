"""Benchmarks at estate scale: one table per size, medians of repeated runs.

    python benchmarks/run.py --services 1000,10000,100000

Each size gets a synthetic estate (benchmarks/generate.py), then every step a user waits
for is timed: loading each format, the graph becoming analysable, search (cold build, warm
reopen, query p50/p95), blast radius of a hub and of a median node, upstream, gaps, cycles,
single points of failure, layouts, building and repainting the canvas. Reference points
from other tools are timed on the same data, and our time is shown as a ratio to them:
pyoxigraph's bulk load (the load limit), scipy's csgraph BFS (the traversal limit) and
rdflib's own Turtle parser (the naive baseline). Peak RSS is the process's high-water mark.
Needs the benchmark extras: pip install -e .[bench]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate, write_csv, write_turtle, write_yaml

QUERIES = (
    "payments",
    "time sync",
    '"service 4"',
    "ledg*",
    "kind:vendor",
    "tier:1 search",
    "refunds sellers",
    "ledgr",
    'owner:"Team 3"',
    "dns",
)


def median_time(step: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median seconds over ``repeat`` runs, and the last run's result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Table:
    def __init__(self, title: str) -> None:
        self.title = title
        self.rows: list[tuple[str, str, str]] = []

    def add(self, step: str, seconds: float, reference: str = "") -> None:
        shown = f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"
        self.rows.append((step, shown, reference))

    def note(self, step: str, value: str, reference: str = "") -> None:
        self.rows.append((step, value, reference))

    def render(self) -> str:
        width = max(len(r[0]) for r in self.rows)
        lines = [
            f"### {self.title}",
            "",
            f"| {'step':<{width}} | median | compared |",
            f"|{'-' * (width + 2)}|--------|----------|",
        ]
        lines += [f"| {s:<{width}} | {t} | {c} |" for s, t, c in self.rows]
        return "\n".join(lines)


def ratio(ours: float, reference: float, name: str) -> str:
    return f"{ours / reference:.1f}x {name}" if reference > 0 else ""


def bench(services: int, repeat: int, folder: Path, with_gui: bool) -> Table:
    from rdflib import Graph, URIRef

    from explorer.analysis import (
        blast_radius,
        cycles,
        ownership_gaps,
        single_points_of_failure,
        upstream,
    )
    from explorer.domain.vocab import iri_for_id
    from explorer.graph.index import index_of
    from explorer.ingest import load
    from explorer.search import SearchIndex
    from explorer.search.cache import sources_key
    from explorer.views.focus import focus_view

    estate = generate(services)
    ttl, yml, csv_path = folder / "estate.ttl", folder / "estate.yaml", folder / "estate.csv"
    write_turtle(estate, ttl)
    write_yaml(estate, yml)
    write_csv(estate, csv_path)
    table = Table(f"{services:,} services")

    oxigraph = _oxigraph_load(ttl, repeat)
    naive, _ = median_time(lambda: Graph().parse(ttl, format="turtle"), repeat)
    for name, path in (("load Turtle", ttl), ("load YAML", yml), ("load CSV", csv_path)):
        seconds, result = median_time(lambda p=path: load([p]), repeat)
        table.add(
            name, seconds, ratio(seconds, oxigraph, "pyoxigraph") if name == "load Turtle" else ""
        )
    ready, result = median_time(lambda: (r := load([ttl]), index_of(r.graph))[0], repeat)
    graph = result.graph
    table.add("graph ready (load + index)", ready, ratio(ready, oxigraph, "pyoxigraph"))
    table.add("rdflib Graph().parse (baseline)", naive, "")
    table.note("triples", f"{len(graph):,}")

    hub, median_node = iri_for_id("dns"), iri_for_id(f"service-{services // 2}")
    bfs = _scipy_bfs(graph, hub, repeat)
    seconds, answer = median_time(lambda: blast_radius(graph, hub), 1)
    table.add("blast radius of a hub, first (builds the walk's graph, node records)", seconds)
    seconds, answer = median_time(lambda: blast_radius(graph, hub), max(repeat, 3))
    table.add(
        f"blast radius of a hub ({len(answer.impacted):,} hurt)",
        seconds,
        ratio(seconds, bfs, "scipy BFS"),
    )
    seconds, answer = median_time(lambda: blast_radius(graph, median_node), max(repeat, 3))
    table.add(f"blast radius of a median node ({len(answer.impacted):,} hurt)", seconds)
    seconds, _ = median_time(lambda: upstream(graph, iri_for_id(f"service-{services - 1}")), repeat)
    table.add("upstream of a service", seconds)
    seconds, gaps = median_time(lambda: ownership_gaps(graph), repeat)
    table.add(f"ownership gaps ({len(gaps):,})", seconds)
    seconds, _ = median_time(lambda: cycles(graph), repeat)
    table.add("cycles", seconds)
    seconds, _ = median_time(lambda: single_points_of_failure(graph), 1)
    table.add("single points of failure", seconds)

    cache = Path(tempfile.mkdtemp(prefix="bench-cache-"))
    key = sources_key([s.sha256 for s in result.sources])  # as the app names the index
    cold, index = median_time(lambda: _cold_index(graph, cache, key), 1)
    table.add("search index, cold build", cold)
    warm, index = median_time(lambda: SearchIndex.for_graph(graph, root=cache, key=key), repeat)
    table.add("search index, warm reopen", warm)
    times = []
    for query in QUERIES * 3:
        start = time.perf_counter()
        index.search(query, 20)
        times.append(time.perf_counter() - start)
    times.sort()
    table.add("search p50", times[len(times) // 2])
    table.add("search p95", times[int(len(times) * 0.95)])

    seconds, view = median_time(lambda: _whole_picture(graph), 1)
    table.add(f"whole-graph layout ({len(view.nodes):,} nodes drawn)", seconds)
    seconds, focus = median_time(lambda: focus_view(graph, [URIRef(iri_for_id("auth"))], 1), 1)
    table.add(f"focus layout ({len(focus.nodes):,} nodes)", seconds)
    if with_gui:
        _canvas(table, view)
    table.note("peak RSS", f"{peak_rss_mb():,.0f} MB")
    return table


def _whole_picture(graph: Any) -> Any:
    """The whole graph as the window draws it: grouped past ``GROUP_FROM`` nodes."""
    from explorer.estate.files import FileEstate
    from explorer.ingest import LoadResult
    from explorer.views.filters import NO_FILTER
    from explorer.workspace.picture import picture
    from explorer.workspace.view_request import Mode, ViewRequest

    estate = FileEstate(LoadResult(graph))
    return picture(estate, ViewRequest(Mode.WHOLE), NO_FILTER, {}).view


def _cold_index(graph: Any, cache: Path, key: str) -> Any:
    from explorer.search import SearchIndex

    for entry in cache.iterdir():
        import shutil

        shutil.rmtree(entry, ignore_errors=True)
    return SearchIndex.for_graph(graph, root=cache, key=key)


def _oxigraph_load(ttl: Path, repeat: int) -> float:
    try:
        import pyoxigraph
    except ImportError:
        return 0.0

    def run() -> None:
        store = pyoxigraph.Store()
        store.bulk_load(path=str(ttl), format=pyoxigraph.RdfFormat.TURTLE)

    seconds, _ = median_time(run, repeat)
    return seconds


def _scipy_bfs(graph: Any, hub: Any, repeat: int) -> float:
    try:
        import numpy as np
        from scipy.sparse import csr_matrix
        from scipy.sparse.csgraph import breadth_first_order
    except ImportError:
        return 0.0
    from explorer.domain.vocab import IC

    number: dict[Any, int] = {}
    rows, cols = [], []
    for s, o in graph.subject_objects(IC.dependsOn):  # reversed: who is hurt
        rows.append(number.setdefault(o, len(number)))
        cols.append(number.setdefault(s, len(number)))
    matrix = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(number), len(number)))
    seconds, _ = median_time(lambda: breadth_first_order(matrix, number[hub]), repeat)
    return seconds


def _canvas(table: Table, view: Any) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QApplication

    from ui.canvas.graph_canvas import GraphCanvas, GraphScene

    app = QApplication.instance() or QApplication([])
    scene = GraphScene()
    seconds, _ = median_time(lambda: scene.show_view(view, frozenset(), app.palette()), 1)
    table.add(f"canvas build ({len(view.nodes):,} nodes, {len(view.edges):,} edges)", seconds)
    image = QImage(1920, 1080, QImage.Format.Format_ARGB32)
    # the zoom that fits the drawing, as the canvas tells the scene when it fits the view
    scene.set_zoom(min(1920 / scene.drawing.width(), 1080 / scene.drawing.height()))

    def repaint() -> None:
        painter = QPainter(image)
        painter.setRenderHints(GraphCanvas.RENDER_HINTS)
        scene.render(painter, QRectF(image.rect()), scene.drawing)
        painter.end()

    seconds, _ = median_time(repaint, 1)
    table.add("first canvas paint, 1920x1080, all nodes on screen", seconds)
    seconds, _ = median_time(repaint, 3)
    table.add("full canvas repaint, 1920x1080, all nodes on screen", seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--services", default="1000,10000", help="comma-separated sizes (default 1000,10000)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per step (median)")
    parser.add_argument("--no-gui", action="store_true", help="skip the canvas steps")
    args = parser.parse_args(argv)
    for size in (int(s) for s in args.services.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            repeat = args.repeat if size <= 10_000 else 1
            table = bench(size, repeat, Path(folder), not args.no_gui)
        print(table.render(), end="\n\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
