"""Snapshot, then load: the identity, for every snapshot format and any text.

Entities are generated with arbitrary labels and descriptions (every Unicode category but
lone surrogates, which no file can hold: control characters, CR and LF, quotes, separators,
formula characters, leading apostrophes and spaces), loaded from native YAML, written as a
snapshot in every format that loads back, and loaded again. What comes back must be what
went in: the same triples, except where a reference was made (a placeholder's
``ic:referencedIn`` names the file that named it, which for a table is the table).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Graph

from explorer.domain.kinds import SECTIONS, Kind
from explorer.domain.statuses import STATUSES
from explorer.domain.vocab import IC
from explorer.export import dump
from explorer.export.provenance import provenance_of, without_provenance
from explorer.formats.registry import written_extensions
from explorer.ingest import load

# the snapshot formats that load back (GraphML and DOT are views for other tools)
LOADABLE = [".ttl", ".nt", ".jsonld", ".trig", ".csv", ".xlsx"]
assert set(LOADABLE) <= set(written_extensions())

ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=24)
# ids are trimmed, and ';' and ',' separate them in a table's reference cells
IDS = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=10).filter(
    lambda t: t == t.strip() and t and not set(t) & set(";,")
)
# what each section may state beyond a label and a description
REFERENCES = {
    "services": ("owner", "depends_on", "vendors", "assumptions", "part_of"),
    "resources": ("owner", "depends_on", "vendors"),
    "systems": ("owner", "part_of"),
    "vendors": ("owner",),
    "assumptions": ("owner",),
    "people": ("member_of",),
    "teams": (),
    "programs": ("owner", "changes"),
}
TIERED = ("services", "resources")
_STATUSES = {section: STATUSES.get(kind, ()) for section, kind in SECTIONS.items()}


@st.composite
def estates(draw: st.DrawFn) -> dict[str, list[dict[str, object]]]:
    """A native YAML estate: every section, arbitrary text, references that may dangle."""
    ids = draw(st.lists(IDS, min_size=1, max_size=8, unique_by=str.casefold))
    pool = st.sampled_from(ids) | IDS
    estate: dict[str, list[dict[str, object]]] = {section: [] for section in SECTIONS}
    for entity_id in ids:
        section = draw(st.sampled_from(sorted(SECTIONS)))
        item: dict[str, object] = {"id": entity_id}
        for field in ("label", "description"):
            if text := draw(ANY_TEXT):
                item[field] = text
        for field in REFERENCES[section]:
            if targets := draw(st.lists(pool, max_size=2, unique=True)):
                item[field] = targets
        if section in TIERED and draw(st.booleans()):
            item["tier"] = draw(st.integers(1, 3))
        if _STATUSES[section] and draw(st.booleans()):
            item["status"] = str(draw(st.sampled_from(_STATUSES[section])))
        estate[section].append(item)
    return {section: items for section, items in estate.items() if items}


def facts(graph: Graph) -> set[tuple[object, object, object]]:
    """Every triple but provenance and where references were made."""
    return {t for t in without_provenance(graph) if t[1] != IC.referencedIn}


@given(estates())
def test_a_snapshot_loads_back_to_what_was_loaded(
    estate: dict[str, list[dict[str, object]]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "estate.yaml"
        source.write_text(yaml.safe_dump(estate, allow_unicode=True), encoding="utf-8")
        loaded = load([source])
        for extension in LOADABLE:
            out = Path(folder) / f"snapshot{extension}"
            dump(loaded.graph, out, provenance_of(loaded))
            again = load([out]).graph
            assert facts(again) == facts(loaded.graph), extension
            assert sorted(again.subjects(None, IC.Placeholder)) == sorted(
                loaded.graph.subjects(None, IC.Placeholder)
            ), extension


def test_the_generator_reaches_every_kind_and_the_hard_characters() -> None:
    """The property above is only as strong as what it is given."""
    seen_kinds: set[str] = set()
    seen_text = ""

    @given(estates())
    def collect(estate: dict[str, list[dict[str, object]]]) -> None:
        nonlocal seen_text
        seen_kinds.update(estate)
        seen_text += "".join(str(i.get("label", "")) for items in estate.values() for i in items)

    collect()
    assert seen_kinds == set(SECTIONS)
    assert {Kind.SERVICE, Kind.TEAM} <= {SECTIONS[s] for s in seen_kinds}
    assert any(ord(c) < 0x20 for c in seen_text), "control characters"
    assert any(ord(c) > 0xFFFF for c in seen_text), "characters beyond the BMP"
