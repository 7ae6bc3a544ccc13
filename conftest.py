"""Settings for every test and doctest of the repository."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

_cache = tempfile.mkdtemp(prefix="infra-explorer-test-cache-")


def pytest_configure(config: pytest.Config) -> None:
    """Tests never read or write the user's own search cache, and Qt draws offscreen."""
    os.environ["INFRA_EXPLORER_CACHE"] = _cache
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_cache, ignore_errors=True)
