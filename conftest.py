"""Settings for every test and doctest of the repository."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest
from hypothesis import HealthCheck, settings

_cache = tempfile.mkdtemp(prefix="infra-explorer-test-cache-")


# property-based tests: bounded and repeatable in CI; ``--hypothesis-profile=long`` on demand
settings.register_profile(
    "ci",
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "long", max_examples=2_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci")


def pytest_configure(config: pytest.Config) -> None:
    """Tests never read or write the user's own search cache, and Qt draws offscreen."""
    os.environ["INFRA_EXPLORER_CACHE"] = _cache
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_cache, ignore_errors=True)
