"""Each command as a user runs it: a fresh process, cold (an empty cache folder) and warm
(the same command again), beside pyoxigraph's bare load of the same N-Triples file.

    python benchmarks/end_to_end.py --services 10000,100000

Per size, a synthetic estate (benchmarks/generate.py) is written as N-Triples; every row
is the median wall time of ``--repeat`` fresh processes, with its peak resident memory
and its ratio to the reference: a fresh Python process that imports pyoxigraph and bulk
loads the file into a store, and nothing else. "cold" starts each run from an empty
cache folder, so it includes keeping the load (and, for search, building the index);
"warm" runs after one cold run. ``screenshot`` is the app opening the estate and drawing
its first picture, offscreen.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate, write_turtle

COMMANDS = (
    ("--help", ["--help"]),
    ("blast-radius of the hub", ["blast-radius", "dns"]),
    ("upstream of a service", ["upstream", "service-7"]),
    ("gaps", ["gaps"]),
    ("search", ["search", "payments"]),
    ("single points of failure", ["spof"]),
    ("cycles", ["cycles"]),
    ("show the hub", ["show", "dns"]),
    ("screenshot (the app, first picture)", ["screenshot"]),
)
_TIME = "/usr/bin/time"
_REFERENCE = (
    "import sys, pyoxigraph as ox; "
    "ox.Store().bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_TRIPLES)"
)


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak resident megabytes of one fresh process.

    The peak is measured by GNU time, a small process of its own: Linux keeps a process's
    peak across exec, so a child of this (large) process would report this one's.
    """
    if not Path(_TIME).is_file():
        raise SystemExit(f"{_TIME} (GNU time) is needed to measure memory: apt install time")
    with tempfile.NamedTemporaryFile("r") as peak:
        start = time.perf_counter()
        done = subprocess.run(
            [_TIME, "-q", "-f", "%M", "-o", peak.name, *argv],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        seconds = time.perf_counter() - start
        if done.returncode not in (0, 1):  # 1: gaps found
            raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr[-500:]}")
        return seconds, int(peak.read().split()[-1]) / 1024


def settle(cache: Path, seconds: float = 600) -> None:
    """Wait until no process is still writing an entry into ``cache`` (a command keeps
    what it loaded in a process of its own once it has answered)."""
    deadline = time.monotonic() + seconds
    while any(cache.glob("*/*.building")) and time.monotonic() < deadline:
        time.sleep(0.1)


def median(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(s for s, _ in runs), max(m for _, m in runs)


def command_line(words: list[str], estate: Path, out: Path) -> list[str]:
    program = [str(Path(sys.executable).parent / "infra-explorer")]  # as installed
    if words == ["--help"]:
        return [*program, "--help"]
    if words == ["screenshot"]:
        return [*program, "screenshot", str(estate), "-o", str(out / "shot.png")]
    return [*program, *words, str(estate)]


def bench(services: int, repeat: int, folder: Path) -> list[str]:
    import pyoxigraph as ox

    ttl, nt = folder / "estate.ttl", folder / "estate.nt"
    write_turtle(generate(services), ttl)
    store = ox.Store()
    store.bulk_load(path=str(ttl), format=ox.RdfFormat.TURTLE)
    store.dump(output=str(nt), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    del store
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    reference, ref_mb = median(
        [run([sys.executable, "-c", _REFERENCE, str(nt)], env) for _ in range(repeat)]
    )
    rows = [
        f"### {services:,} services, end to end",
        "",
        "| command | cold | warm | cold / pyoxigraph | warm / pyoxigraph | target cold / warm "
        "| met | peak RSS, warm |",
        "|---|---|---|---|---|---|---|---|",
        f"| pyoxigraph: import, bulk load the N-Triples | {reference:.2f} s | | 1.0x | | | "
        f"| {ref_mb:,.0f} MB |",
    ]
    print("\n".join(rows), flush=True)
    for name, words in COMMANDS:
        argv = command_line(words, nt, folder)
        cold = []
        for _ in range(repeat):
            cache = Path(tempfile.mkdtemp(prefix="e2e-cache-", dir=folder))
            cold.append(run(argv, {**env, "INFRA_EXPLORER_CACHE": str(cache)}))
            settle(cache)  # the command keeps its load after answering: not on the next's time
        warm = [run(argv, {**env, "INFRA_EXPLORER_CACHE": str(cache)}) for _ in range(repeat)]
        (cold_s, _), (warm_s, warm_mb) = median(cold), median(warm)
        cold_x, warm_x = cold_s / reference, warm_s / reference
        target = targets(services, name)
        rows.append(
            f"| {name} | {cold_s:.2f} s | {warm_s:.2f} s | {cold_x:.1f}x | {warm_x:.2f}x "
            f"| {_target(target)} | {_met(target, cold_x, warm_x)} | {warm_mb:,.0f} MB |"
        )
        print(rows[-1], flush=True)
    return rows


def targets(services: int, name: str) -> tuple[float, float] | None:
    """The most each command may take, cold and warm, as a multiple of pyoxigraph's bare
    load of the same file (issue 36); None for what has no target (``--help``, the app)."""
    if name in ("--help", "screenshot (the app, first picture)"):
        return None
    search = name == "search"
    if services >= 100_000:
        return (6.0 if search else 2.0, 1.0 if name == "blast-radius of the hub" else 0.3)
    return (10.0 if search else 3.0, 1.0)


def _target(target: tuple[float, float] | None) -> str:
    return "" if target is None else f"<= {target[0]:g}x / <= {target[1]:g}x"


def _met(target: tuple[float, float] | None, cold: float, warm: float) -> str:
    if target is None:
        return ""
    return " / ".join(
        "yes" if got <= most else "no" for got, most in zip((cold, warm), target, strict=True)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--services", default="10000", help="comma-separated sizes")
    parser.add_argument("--repeat", type=int, default=3, help="fresh processes per row (median)")
    args = parser.parse_args(argv)
    for size in (int(s) for s in args.services.split(",")):
        folder = Path(tempfile.mkdtemp(prefix=f"e2e-{size}-"))
        try:
            bench(size, args.repeat, folder)
            print(flush=True)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
