"""Fixtures every test may use."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from explorer.estate import Estate, open_estate
from explorer.workspace.changes import Change
from explorer.workspace.state import Workspace

# one cache folder for the run, fresh each time: the user's own is never touched, and every
# run starts cold (the command-line tests' subprocesses inherit it)
os.environ["INFRA_EXPLORER_CACHE"] = tempfile.mkdtemp(prefix="infra-explorer-test-cache-")


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write a file under tmp_path (text or bytes) and return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


@pytest.fixture(scope="module")
def sample() -> Estate:
    """The bundled sample, opened as the app opens it with no files named."""
    return open_estate([])


@pytest.fixture
def state(sample: Estate) -> Workspace:
    """A workspace on the sample."""
    opened = Workspace()
    opened.open(sample)
    return opened


@pytest.fixture
def told(sample: Estate) -> tuple[Workspace, list[Change]]:
    """A workspace on the sample, and the list of changes it announces from then on."""
    state, heard = Workspace(), []
    for change in Change:
        state.observe(change, lambda change=change: heard.append(change))
    state.open(sample)
    heard.clear()
    return state, heard
