"""The packaged app as a user gets it: the archive `scripts/dev package` built, unpacked
and installed outside the repository, then run with a minimal environment (no virtual
environment, no Python on PATH). Marked ``package``: `scripts/dev test --package` builds
the archive and runs these; the default test command does not."""

from __future__ import annotations

import subprocess
import tarfile
from pathlib import Path

import pytest

from explorer import __version__

pytestmark = pytest.mark.package

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The installed command and the bare environment it runs in."""
    archives = sorted((ROOT / "dist").glob("infra-context-explorer-*-linux-*.tar.gz"))
    assert archives, "no archive in dist/: run scripts/dev package first"
    home = tmp_path_factory.mktemp("home")
    with tarfile.open(archives[-1]) as archive:
        archive.extractall(home / "download", filter="tar")
    (unpacked,) = (home / "download").iterdir()
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        ["/bin/sh", str(unpacked / "install.sh")], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert f"installed Infra Context Explorer {__version__} in" in done.stdout, done.stderr
    assert not done.stderr
    return home / ".local" / "bin" / "infra-explorer", env


def run(installed: tuple[Path, dict[str, str]], *words: str) -> subprocess.CompletedProcess[str]:
    command, env = installed
    cwd = command.parent.parent  # outside the repository
    return subprocess.run(
        [str(command), *words], env=env, cwd=cwd, capture_output=True, text=True, timeout=300
    )


def test_version(installed: tuple[Path, dict[str, str]]) -> None:
    done = run(installed, "--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"infra-explorer {__version__}"


def test_gaps_fail_on_gaps_on_the_bundled_sample(installed: tuple[Path, dict[str, str]]) -> None:
    done = run(installed, "gaps", "--fail-on-gaps")
    assert done.returncode == 1, done.stderr
    assert "no-owner" in done.stdout and "dissolved-owner" in done.stdout


def test_every_bundled_sample_is_found_inside_the_package(
    installed: tuple[Path, dict[str, str]],
) -> None:
    done = run(installed, "blast-radius", "dns-service", "--json")
    assert done.returncode == 0, done.stderr
    assert '"id": "provisioning"' in done.stdout


def test_screenshot_offscreen(installed: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    done = run(installed, "screenshot", "-o", str(out), "--blast-radius", "dns-service")
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 20_000


def test_the_menu_entry_opens_files_of_every_format(
    installed: tuple[Path, dict[str, str]],
) -> None:
    _, env = installed
    entry = Path(env["HOME"]) / ".local/share/applications/infra-context-explorer.desktop"
    text = entry.read_text(encoding="utf-8")
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    assert exec_line.endswith(" gui %F") and Path(exec_line[6:].split('"')[0]).is_file()
    for mime in ("text/turtle", "application/n-triples", "application/ld+json", "text/csv"):
        assert mime in text
    icons = Path(env["HOME"]) / ".local/share/icons/hicolor"
    assert (icons / "256x256/apps/infra-context-explorer.png").is_file()
    assert (icons / "scalable/apps/infra-context-explorer.svg").is_file()


def test_without_a_display_the_window_says_why(installed: tuple[Path, dict[str, str]]) -> None:
    command, env = installed
    bare = {key: value for key, value in env.items() if key != "QT_QPA_PLATFORM"}
    done = subprocess.run(
        [str(command), "gui"],
        env={**bare, "DISPLAY": ":65000"},  # no X server there
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "cannot open a window" in done.stderr and "invalid choice" not in done.stderr
