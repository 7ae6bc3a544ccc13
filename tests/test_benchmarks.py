"""A smoke run of the benchmarks: they still work. Timings are never asserted here."""

from __future__ import annotations

import os
import subprocess
import sys

from helpers import REPO


def test_a_small_benchmark_run_prints_its_table() -> None:
    done = subprocess.run(
        [sys.executable, "benchmarks/run.py", "--services", "1000", "--repeat", "1"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    table = done.stdout
    assert table.startswith("### 1,000 services")
    for step in (
        "load Turtle",
        "graph ready",
        "blast radius of a hub",
        "ownership gaps",
        "search p50",
        "whole-graph layout",
        "full canvas repaint",
        "peak RSS",
    ):
        assert f"| {step}" in table
    assert "x pyoxigraph" in table and "x scipy BFS" in table
