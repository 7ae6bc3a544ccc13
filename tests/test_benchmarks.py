"""A smoke run of the benchmarks: they still work. Timings are never asserted here."""

from __future__ import annotations

import os
import subprocess
import sys

from helpers import REPO


def run_benchmark(
    script: str, services: str, timeout: int, once: bool = True
) -> subprocess.CompletedProcess[str]:
    """One benchmark at a small size, once, drawing offscreen."""
    repeat = ["--repeat", "1"] if once else []
    return subprocess.run(
        [sys.executable, f"benchmarks/{script}", "--services", services, *repeat],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=timeout,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def test_a_small_benchmark_run_prints_its_table() -> None:
    done = run_benchmark("run.py", "1000", 600)
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


def test_a_small_end_to_end_run_prints_every_command_cold_and_warm() -> None:
    done = run_benchmark("end_to_end.py", "100", 900)
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    named = {row.split(" | ")[0][2:] for row in rows}
    assert {"--help", "blast-radius of the hub", "gaps", "search", "show the hub"} <= named
    assert any(name.startswith("pyoxigraph") for name in named)
    assert all(row.count(" s |") >= 1 and "MB |" in row for row in rows[2:])


def test_a_small_window_run_drives_every_step_of_the_keyboard_path() -> None:
    done = run_benchmark("window.py", "100", 600, once=False)
    assert done.returncode == 0, done.stderr
    for step in ("open", "B (blast radius)", "U (upstream)", "focus on the hub", "back out"):
        assert f"| {step}" in done.stdout
