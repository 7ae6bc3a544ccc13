"""Property-based tests of every entry point that reads user input.

The only allowed outcomes are an answer or the project's own ``InputError`` (with the
file named, for loads). Anything else is a bug; hypothesis shrinks it to an example that
then becomes a regular test. CI runs the ``ci`` profile (bounded, derandomised; see the
root conftest.py); ``pytest tests/test_fuzz.py --hypothesis-profile=long`` searches longer.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.domain.errors import InputError
from explorer.graph.lookup import resolve_node
from explorer.ingest import LoadResult, load
from explorer.search.query import parse_query
from helpers import SAMPLES

# ids as people type them: words, dashes, unicode, and now and then something odd
IDS = st.one_of(
    st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True),
    st.text(min_size=1, max_size=12),
)
TEXT = st.text(max_size=40)
SAMPLE_FILES = sorted(p for p in SAMPLES.rglob("*") if p.is_file())


def load_file(name: str, data: bytes) -> LoadResult | InputError:
    """Load one file written under a fresh folder: a graph, or the InputError it raised."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            return load([path])
        except InputError as error:
            assert error.path == str(path), error  # the message names the file
            return error


@st.composite
def estates(draw: st.DrawFn) -> dict[str, list[dict[str, object]]]:
    """A native YAML estate: random ids, references that may dangle or loop, unicode."""
    ids = draw(st.lists(IDS, min_size=1, max_size=8))
    refs = st.lists(st.sampled_from(ids) | IDS, max_size=3)
    services = [
        {
            "id": entity_id,
            "label": draw(TEXT),
            "owner": draw(st.sampled_from(ids) | IDS),
            "depends_on": draw(refs),
            "tier": draw(st.sampled_from([1, 2, 3, 0, "gold", None])),
        }
        for entity_id in ids
    ]
    teams = [{"id": draw(IDS), "label": draw(TEXT)} for _ in range(draw(st.integers(0, 3)))]
    return {"services": services, "teams": teams}


class TestImportersTakeAnything:
    @given(estates())
    def test_structured_yaml(self, estate: dict[str, list[dict[str, object]]]) -> None:
        text = yaml.safe_dump(estate, allow_unicode=True, sort_keys=False)
        load_file("estate.yaml", text.encode("utf-8"))

    @given(st.lists(st.lists(TEXT, min_size=2, max_size=6), max_size=8))
    def test_structured_csv(self, rows: list[list[str]]) -> None:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["id", "kind", "label", "owner", "depends_on"])
        writer.writerows(rows)
        load_file("estate.csv", out.getvalue().encode("utf-8"))

    @given(st.sampled_from(SAMPLE_FILES), st.data())
    def test_mutated_samples(self, sample: Path, data: st.DataObject) -> None:
        original = sample.read_bytes()
        mutate = data.draw(st.sampled_from(MUTATIONS))
        load_file(sample.name, mutate(original, data))


def _truncate(raw: bytes, data: st.DataObject) -> bytes:
    return raw[: data.draw(st.integers(0, len(raw)))]


def _flip(raw: bytes, data: st.DataObject) -> bytes:
    at = data.draw(st.integers(0, max(len(raw) - 1, 0)))
    return raw[:at] + bytes([raw[at] ^ data.draw(st.integers(1, 255))]) + raw[at + 1 :]


def _insert(raw: bytes, data: st.DataObject) -> bytes:
    at = data.draw(st.integers(0, len(raw)))
    return raw[:at] + data.draw(st.binary(min_size=1, max_size=8)) + raw[at:]


def _swap_lines(raw: bytes, data: st.DataObject) -> bytes:
    lines = raw.split(b"\n")
    a, b = (data.draw(st.integers(0, len(lines) - 1)) for _ in range(2))
    lines[a], lines[b] = lines[b], lines[a]
    return b"\n".join(lines)


MUTATIONS: list[Callable[[bytes, st.DataObject], bytes]] = [_truncate, _flip, _insert, _swap_lines]


@pytest.fixture(scope="module")
def sample() -> LoadResult:
    return load()


class TestQueriesAndNames:
    @given(st.text(max_size=60))
    def test_a_search_query_parses_or_says_why_not(self, query: str) -> None:
        try:
            parse_query(query)
        except InputError as error:
            assert str(error).startswith("cannot search for")

    @given(text=st.text(max_size=40))
    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
    def test_a_node_name_resolves_or_lists_candidates(self, sample: LoadResult, text: str) -> None:
        try:
            node = resolve_node(sample.graph, text)
        except InputError as error:
            assert error.path is None and str(error)
        else:
            assert (node, None, None) in sample.graph or (None, None, node) in sample.graph
