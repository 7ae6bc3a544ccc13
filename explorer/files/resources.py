"""Where the bundled vocabulary, shapes and sample graphs live, installed or in a checkout."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["DEFAULT_SAMPLE", "ontology_file", "sample_dir", "sample_file"]

DEFAULT_SAMPLE = "region-build.ttl"


def _package_dir(package: str) -> Path:
    return Path(str(files(package)))


def ontology_file(name: str) -> Path:
    """A file of ``ontology/``, e.g. ``ontology_file("shapes.ttl")``."""
    return _package_dir("ontology") / name


def sample_dir() -> Path:
    """The folder of bundled sample estates."""
    return _package_dir("sample_graphs")


def sample_file(name: str = DEFAULT_SAMPLE) -> Path:
    """One bundled sample estate; the default is the graph opened when no source is given."""
    return sample_dir() / name
