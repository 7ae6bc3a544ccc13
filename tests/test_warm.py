"""Warm starts: a load kept in the cache folder answers as the files would, and any change
to the files (an edit, a rename, a removal, a file found on the way) is read afresh; a
damaged or foreign cache is rebuilt with a warning; two processes at once both answer."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.estate import open_estate
from explorer.estate.warm import warm_load
from explorer.export import render
from explorer.files.caches import MARKER, kind_root, usage

SAMPLES = Path(__file__).resolve().parent.parent / "sample_graphs"
Write = Callable[[str, str | bytes], Path]

CATALOG = """\
services:
  - id: checkout
    owner: team-shop
    depends_on: [ledger]
  - id: ledger
    label: Ledger
    tier: "01"
teams:
  - id: team-shop
    label: Shop
"""


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("INFRA_EXPLORER_CACHE", str(folder))
    monkeypatch.delenv("INFRA_EXPLORER_CACHE_MB", raising=False)
    return folder


def entries() -> list[Path]:
    root = kind_root("estates")
    return sorted(root.iterdir()) if root.is_dir() else []


def warm(paths: list[Path]) -> bool:
    """Whether a load of ``paths`` came from the cache: a warm start reads only the index,
    so its graph has not been read yet."""
    return not warm_load(paths).graph.store.made


def test_a_second_load_of_unchanged_files_is_warm_and_the_same(write: Write) -> None:
    path = write("estate.yaml", CATALOG)
    cold = warm_load([path])
    again = warm_load([path])
    assert cold.graph.store.made and not again.graph.store.made
    assert len(entries()) == 1
    assert again.sources == cold.sources and again.warnings == cold.warnings
    assert set(again.graph) == set(cold.graph)  # read from the entry on first use
    assert render(again.graph, ".ttl") == render(cold.graph, ".ttl")  # "01" stays "01"


def test_answers_from_a_warm_start_need_no_graph(write: Write) -> None:
    path = write("estate.yaml", CATALOG)
    open_estate([path])
    estate = open_estate([path])
    hit = estate.resolve("checkout")
    assert [i.entity.id for i in estate.blast_radius(estate.resolve("ledger")).impacted] == [
        "checkout"
    ]
    assert hit.endswith("checkout")
    assert not estate.graph.store.made  # type: ignore[attr-defined]
    assert {g.rule for g in estate.gaps()} >= {"no-owner"}  # small: pyshacl reads the graph


def test_editing_a_source_reads_it_afresh(write: Write, capsys: pytest.CaptureFixture[str]) -> None:
    path = write("estate.yaml", CATALOG)
    assert main(["upstream", "checkout", str(path)]) == 0
    write("estate.yaml", CATALOG.replace("depends_on: [ledger]", "depends_on: []"))
    assert not warm([path])
    capsys.readouterr()
    assert main(["upstream", "checkout", str(path)]) == 0
    assert "ledger" not in capsys.readouterr().out.split("needs", 1)[-1]


def test_renaming_a_source_reads_it_afresh(write: Write) -> None:
    path = write("estate.yaml", CATALOG)
    warm_load([path])
    moved = path.rename(path.with_name("renamed.yaml"))
    result = warm_load([moved])
    assert result.graph.store.made
    assert [s.path.name for s in result.sources] == ["renamed.yaml"]


def test_removing_a_file_from_a_folder_reads_the_folder_afresh(write: Write) -> None:
    write("estate/a.yaml", CATALOG)
    extra = write("estate/b.yaml", "services:\n  - id: billing\n    owner: team-shop\n")
    folder = extra.parent
    assert "billing" in {e.id for e in open_estate([folder]).entities()}
    extra.unlink()
    assert not warm([folder])
    assert "billing" not in {e.id for e in open_estate([folder]).entities()}


def test_a_changed_file_a_location_leads_to_is_read_afresh(write: Write) -> None:
    location = write(
        "catalog-info.yaml",
        "apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: all\n"
        "spec:\n  targets: [./team.yaml]\n",
    )
    team = write(
        "team.yaml",
        "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: shop\n"
        "spec:\n  type: team\n  children: []\n",
    )
    # the folder walk sees only the Location; team.yaml is found through it
    assert "group/default/shop" in {e.id for e in open_estate([location]).entities()}
    assert warm([location])
    team.write_text(team.read_text().replace("name: shop", "name: store"), encoding="utf-8")
    assert not warm([location])
    assert warm([location])  # the fresh load took the old entry's place
    assert "group/default/store" in {e.id for e in open_estate([location]).entities()}


@pytest.mark.parametrize(
    "damage",
    [
        lambda entry: (entry / "index.pickle").write_bytes(b"not a pickle"),
        lambda entry: (entry / MARKER).write_text("{", encoding="utf-8"),
        lambda entry: (entry / "graph.nq").write_bytes(b""),
        lambda entry: (entry / "load.pickle").unlink(),
    ],
    ids=["index", "marker", "graph", "missing"],
)
def test_a_damaged_cache_is_rebuilt_with_a_warning(
    write: Write, caplog: pytest.LogCaptureFixture, damage: Callable[[Path], object]
) -> None:
    path = write("estate.yaml", CATALOG)
    expected = set(warm_load([path]).graph)
    damage(entries()[0])
    with caplog.at_level(logging.WARNING):
        result = warm_load([path])
    assert "is broken" in caplog.text
    assert set(result.graph) == expected
    assert warm([path])  # kept again


def test_a_foreign_cache_is_not_trusted(write: Write, caplog: pytest.LogCaptureFixture) -> None:
    path = write("estate.yaml", CATALOG)
    warm_load([path])
    marker = entries()[0] / MARKER
    written = json.loads(marker.read_text(encoding="utf-8"))
    marker.write_text(json.dumps({**written, "version": "0.0.0-other"}), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert not warm([path])
    assert "another version" in caplog.text


def test_two_processes_at_once_both_answer_and_keep_one_entry(write: Write, cache: Path) -> None:
    path = write("estate.yaml", CATALOG)
    env = {**os.environ, "INFRA_EXPLORER_CACHE": str(cache)}
    command = [sys.executable, "-m", "explorer", "blast-radius", "ledger", str(path), "--json"]
    runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True) for _ in "ab"]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0]
    assert json.loads(outputs[0]) == json.loads(outputs[1])
    # each keeps its load once it has answered, in a process it does not wait for; the
    # next load waits for the entry rather than parsing the files again
    assert warm([path])
    _until(lambda: not [p for p in kind_root("estates").iterdir() if p.name.endswith(".building")])
    assert len(entries()) == 1


def _until(done: Callable[[], bool], seconds: float = 60) -> None:
    """Wait for what processes this test does not own (detached writers) to finish."""
    deadline = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < deadline, "the detached writers did not finish"
        time.sleep(0.05)


def test_keeping_runs_after_the_answer_in_a_process_nobody_waits_for(tmp_path: Path) -> None:
    go_read, go_write = os.pipe()
    done_read, done_write = os.pipe()
    program = (
        "import os, sys\n"
        "from explorer.files.detached import run_detached\n"
        "def keep():\n"
        "    print('from the child')  # never reaches the caller's streams\n"
        f"    os.read({go_read}, 1)\n"
        f"    os.write({done_write}, b'kept')\n"
        "print('answered')\n"
        "run_detached([keep])\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", program],
        pass_fds=(go_read, done_write),
        capture_output=True,
        text=True,
        timeout=60,
    )
    # the command is over, and its output complete, while the keeping still waits
    assert (ran.returncode, ran.stdout, ran.stderr) == (0, "answered\n", "")
    os.close(go_read)
    os.close(done_write)
    os.write(go_write, b"x")
    assert os.read(done_read, 10) == b"kept"


def test_no_cache_keeps_nothing_and_cache_clear_empties_it(
    write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write("estate.yaml", CATALOG)
    assert main(["gaps", str(path), "--no-cache"]) == 0
    assert entries() == []
    assert main(["gaps", str(path)]) == 0
    assert main(["search", "ledger", str(path)]) == 0
    capsys.readouterr()
    assert main(["cache"]) == 0
    shown = capsys.readouterr().out
    assert "2 entries" in shown and "MB of 4,096.0 MB" in shown
    assert main(["cache", "clear"]) == 0
    assert "removed 2 entries" in capsys.readouterr().out
    assert usage().entries == 0 and not warm([path])


def big_estate(write: Write, name: str) -> Path:
    """A Turtle file whose entry in the cache takes a little over a megabyte."""
    lines = [
        f'<urn:{name}:s{n}> <urn:p> "a value long enough to take room {n}" .' for n in range(18000)
    ]
    return write(f"{name}.ttl", "\n".join(lines) + "\n")


def test_the_cache_is_bounded_least_recently_used_first(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second, third = (big_estate(write, name) for name in ("first", "second", "third"))
    warm_load([first])
    one = usage().size
    assert 1024 * 1024 < one < 1.5 * 1024 * 1024
    monkeypatch.setenv("INFRA_EXPLORER_CACHE_MB", "3")  # room for two entries
    warm_load([second])
    sizes = {e.name[:8]: sum(f.stat().st_size for f in e.iterdir()) for e in entries()}
    assert warm([first]), sizes  # used now: the second is the least recently used
    warm_load([third])
    assert usage().size <= usage().limit and len(entries()) == 2
    assert warm([first]) and warm([third]) and not warm([second])


def test_a_bound_of_zero_neither_keeps_nor_reads(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write("estate.yaml", CATALOG)
    warm_load([path])
    monkeypatch.setenv("INFRA_EXPLORER_CACHE_MB", "0")
    assert not warm([path])  # the entry there is not read
    warm_load([write("other.yaml", CATALOG)])
    assert len(entries()) == 1


def test_a_load_with_problems_is_not_kept(write: Write) -> None:
    good = write("good.yaml", CATALOG)
    write("bad.yaml", "services: [\n")
    result = warm_load([good.parent], keep_going=True)
    assert result.problems and entries() == []


def test_an_edit_on_a_warm_estate_changes_its_graph_not_the_cache(write: Write) -> None:
    from datetime import datetime

    from explorer.domain.kinds import Kind
    from explorer.recording.edits import Said, add_node

    path = write("estate.yaml", CATALOG)
    open_estate([path])
    estate = open_estate([path])
    said = Said("alice", datetime(2026, 11, 30, 9, 0))
    edited, _ = estate.apply_edit(add_node(Kind.TEAM, "team-dns", "DNS", said))
    assert "team-dns" in {e.id for e in edited.entities()}
    assert "team-dns" not in {e.id for e in open_estate([path]).entities()}


@pytest.mark.parametrize(
    "words",
    [["--help"], ["--version"], ["gasp"], ["gaps", "--bogus"], ["cache", "bogus"], ["cache"]],
)
def test_help_and_usage_errors_load_no_engine(words: list[str]) -> None:
    """The start-up cost of a command is paid only for what it uses: help, the version,
    the cache folder and a usage error answer without rdflib, Qt or the readers."""
    script = (
        "import sys\nfrom ui.launcher import main\ntry:\n    main(sys.argv[1:])\n"
        "except SystemExit:\n    pass\n"
        "loaded = [m for m in ('rdflib', 'PySide6', 'pyoxigraph', 'yaml', 'explorer.ingest')"
        " if m in sys.modules]\nprint('LOADED', loaded, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, *words], capture_output=True, text=True, timeout=60
    )
    assert "LOADED []" in done.stderr, done.stderr


def test_what_a_command_worked_out_is_read_by_the_next(
    write: Write, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    from explorer.graph.index import index_of

    path = write("estate.yaml", CATALOG)
    assert main(["gaps", str(path)]) == 0
    first = capsys.readouterr().out
    answers = entries()[0] / "answers"
    assert answers.is_dir() and list(answers.iterdir())  # the gaps, kept
    kept = index_of(warm_load([path]).graph).warm
    assert kept is not None and kept.recall("gaps") is not None
    assert main(["gaps", str(path)]) == 0
    assert capsys.readouterr().out == first
    for answer in answers.iterdir():
        answer.write_bytes(b"damaged")
    with caplog.at_level(logging.WARNING):
        assert main(["gaps", str(path)]) == 0
    assert capsys.readouterr().out == first and "is broken" in caplog.text
