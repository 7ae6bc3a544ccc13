"""Helpers the tests share: sample paths, the CLI run for real, tiny graphs written inline."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from explorer.estate import Estate, open_estate
from explorer.graph.store import new_graph

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "sample_graphs"


def program(name: str, package: str) -> str:
    """The path of a program the test runs; the test is skipped without it, unless
    ``$INFRA_EXPLORER_TEST_TOOLS`` says every tool must be there (as ``scripts/dev`` sets)."""
    found = shutil.which(name)
    if found is None:
        if os.environ.get("INFRA_EXPLORER_TEST_TOOLS") == "required":
            pytest.fail(f"{name} is not installed (apt install {package})")
        pytest.skip(f"{name} is not installed (apt install {package})")
    return found


def run_cli(*args: str | Path, module: str = "ui.launcher") -> subprocess.CompletedProcess[str]:
    """Run the command line in a fresh interpreter, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", module, *map(str, args)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


PREFIXES = """
@prefix ic: <https://infra-context.dev/ontology#> .
@prefix id: <https://infra-context.dev/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""


def estate(turtle: str, store: str = "memory") -> Graph:
    """A tiny graph written inline, with the ic: and id: prefixes already declared.

    On rdflib's memory store by default, or on the Oxigraph store loads use (``oxigraph``).
    """
    graph = Graph() if store == "memory" else new_graph()
    graph.parse(data=PREFIXES + turtle, format="turtle")
    graph.bind("id", "https://infra-context.dev/id/")
    return graph


def node(entity_id: str) -> URIRef:
    """The IRI of an importer id, as the tests write them."""
    return URIRef("https://infra-context.dev/id/" + entity_id)


def opened(sources: list[Path]) -> Estate:
    """An estate as the app opens it: loaded, and ready to show."""
    estate = open_estate(sources)
    estate.prepare()
    return estate


def rdf_snapshot_extensions() -> list[str]:
    """The extensions snapshots are written as in an RDF format (``.ttl``, ``.nt``...)."""
    from explorer.formats.registry import WRITTEN

    return [f.extensions[0] for f in WRITTEN if f.rdf]
