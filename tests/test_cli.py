"""The command line: import and snapshot write atomically and never overwrite an input."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import pytest
from rdflib.compare import isomorphic

from explorer import export
from explorer.cli import COMMANDS, build_parser, main
from explorer.domain.errors import InputError
from explorer.export.provenance import without_provenance
from explorer.files.atomic import atomic_write
from explorer.ingest import load
from helpers import SAMPLES, run_cli

Write = Callable[[str, str | bytes], Path]


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class TestSnapshot:
    def test_done_when_yaml_snapshot_reloads_to_the_same_graph(self, tmp_path: Path) -> None:
        out = tmp_path / "x.ttl"
        done = run_cli("snapshot", SAMPLES / "buyer-profile.yaml", "-o", out)
        assert done.returncode == 0, done.stderr
        assert "wrote" in done.stdout and str(out) in done.stdout
        snapshot = without_provenance(load([out]).graph)
        assert isomorphic(snapshot, load([SAMPLES / "buyer-profile.yaml"]).graph)

    def test_no_source_snapshots_the_bundled_sample(self, tmp_path: Path) -> None:
        assert main(["snapshot", "-o", str(tmp_path / "s.nt")]) == 0
        assert isomorphic(without_provenance(load([tmp_path / "s.nt"]).graph), load().graph)

    @pytest.mark.parametrize("extension", [".ttl", ".nt", ".jsonld"])
    def test_python_dash_m_explorer_works_too(self, tmp_path: Path, extension: str) -> None:
        out = tmp_path / f"estate{extension}"
        done = run_cli("import", SAMPLES, "-o", out, module="explorer")
        assert done.returncode == 0, done.stderr
        assert isomorphic(without_provenance(load([out]).graph), load([SAMPLES]).graph)


class TestRefusals:
    def test_overwriting_an_input_file_is_refused(
        self, write: Write, capsys: pytest.CaptureFixture[str]
    ) -> None:
        source = write("estate.ttl", (SAMPLES / "region-build.ttl").read_text())
        before = source.read_bytes()
        assert main(["import", str(source), "-o", str(source)]) == 2
        assert "is one of the inputs" in capsys.readouterr().err
        assert source.read_bytes() == before

    def test_overwriting_a_file_inside_an_input_folder_is_refused(self, write: Write) -> None:
        source = write("estate/a.ttl", (SAMPLES / "region-build.ttl").read_text())
        assert main(["import", str(source.parent), "-o", str(source)]) == 2

    def test_an_unknown_output_format_is_refused_before_loading(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["snapshot", "-o", str(tmp_path / "x.docx")]) == 2
        assert "unknown output format" in capsys.readouterr().err

    def test_a_missing_output_folder_is_refused(self, tmp_path: Path) -> None:
        assert main(["snapshot", "-o", str(tmp_path / "no" / "x.ttl")]) == 2

    def test_a_usage_error_is_one_line_exit_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        with pytest.raises(SystemExit) as caught:
            main(["import", "-o", "x.ttl"])
        assert caught.value.code == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "required: SOURCE" in err

    def test_gui_commands_need_the_console_script(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["gui"]) == 2
        assert "needs the desktop app" in capsys.readouterr().err

    def test_the_parser_knows_every_command(self) -> None:
        parser = build_parser()
        choices = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
        assert set(choices) == set(COMMANDS)


# writes stdin's text through atomic_write, says when it starts, when half is written or
# when the file is renamed into place, then waits (for a signal) to be killed
_SLOW_WRITER = """
import signal, sys
from pathlib import Path
from explorer.files.atomic import atomic_write
target, stop = Path(sys.argv[1]), sys.argv[2]
data = sys.stdin.read().encode()
def write(handle):
    if stop == "start":
        print("start", flush=True)
        signal.pause()
    handle.write(data[: len(data) // 2])
    handle.flush()
    if stop == "half":
        print("half", flush=True)
        signal.pause()
    handle.write(data[len(data) // 2 :])
atomic_write(target, write)
print("renamed", flush=True)
signal.pause()
"""


class TestAtomicWrites:
    def test_a_write_that_fails_midway_keeps_the_old_file_and_leaves_no_temp(
        self, tmp_path: Path
    ) -> None:
        out = tmp_path / "estate.ttl"
        out.write_text("old and complete")

        def half_then_fail(handle: BinaryIO) -> None:
            handle.write(b"@prefix half")
            raise OSError(28, "No space left on device")

        with pytest.raises(OSError, match="No space left"):
            atomic_write(out, half_then_fail)
        assert out.read_text() == "old and complete"
        assert [p.name for p in tmp_path.iterdir()] == ["estate.ttl"]

    @pytest.mark.parametrize("kill_after", ["start", "half", "renamed"])
    def test_a_writer_killed_leaves_the_old_or_the_new_file_and_its_temp_is_cleaned(
        self, tmp_path: Path, kill_after: str
    ) -> None:
        out = tmp_path / "estate.ttl"
        out.write_text("old and complete")
        new = load().graph.serialize(format="turtle").encode()
        writer = subprocess.Popen(
            [sys.executable, "-c", _SLOW_WRITER, str(out), kill_after],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert writer.stdin is not None and writer.stdout is not None
        writer.stdin.write(new.decode())
        writer.stdin.close()
        assert writer.stdout.readline().strip() == kill_after  # it got that far: kill it
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
        killed_midway = kill_after != "renamed"
        assert out.read_bytes() == (b"old and complete" if killed_midway else new)
        temps = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        assert bool(temps) == killed_midway  # a kill leaves its temp behind...
        atomic_write(out, lambda handle: handle.write(b"next"))
        assert out.read_bytes() == b"next"
        assert [p.name for p in tmp_path.iterdir()] == ["estate.ttl"]  # ...the next write clears it

    def test_a_failing_export_keeps_the_old_file(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        out = tmp_path / "estate.ttl"
        out.write_text("old and complete")
        graph = load().graph

        def broken(*args: object, **kwargs: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(
            "explorer.files.atomic.os.fsync", broken
        )  # the disk fills as it flushes
        with pytest.raises(InputError, match="cannot write: No space left on device"):
            export.dump(graph, out)
        assert out.read_text() == "old and complete"
        assert [p.name for p in tmp_path.iterdir()] == ["estate.ttl"]

    def test_a_new_file_gets_ordinary_permissions_and_a_replaced_one_keeps_its_own(
        self, tmp_path: Path
    ) -> None:
        fresh, kept = tmp_path / "fresh.ttl", tmp_path / "kept.ttl"
        kept.write_text("old")
        kept.chmod(0o640)
        export.dump(load().graph, fresh)
        export.dump(load().graph, kept)
        assert fresh.stat().st_mode & 0o777 == 0o666 & ~_umask()
        assert kept.stat().st_mode & 0o777 == 0o640

    def test_a_successful_write_replaces_the_old_file(self, tmp_path: Path) -> None:
        out = tmp_path / "estate.ttl"
        out.write_text("old")
        export.dump(load().graph, out)
        assert isomorphic(load([out]).graph, load().graph)
        assert [p.name for p in tmp_path.iterdir()] == ["estate.ttl"]
