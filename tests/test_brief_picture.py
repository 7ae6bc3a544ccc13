"""The brief's picture read as a reader reads it: a changed node's badge is a delta, which
no one takes for removed's minus, and the legend names each kind in plain words beside its
shape, in type as large as the nodes' labels."""

from __future__ import annotations

import re
from pathlib import Path

from explorer.analysis.changes import ChangeMark
from explorer.cli import main
from explorer.domain.kinds import Kind
from explorer.domain.looks import CHANGE_LOOKS, KIND_LOOKS
from explorer.files.resources import sample_file

PROGRAM = "program-dns-cutover"


def _picture(tmp_path: Path) -> str:
    """The picture of the program's brief since a snapshot where Status page was tier 2."""
    older = sample_file().read_text(encoding="utf-8")
    older = older.replace('rdfs:label "Status page" ;', 'rdfs:label "Status page" ; ic:tier 2 ;')
    snapshot, out = tmp_path / "older.ttl", tmp_path / "brief.html"
    snapshot.write_text(older, encoding="utf-8")
    assert main(["brief", "--program", PROGRAM, "--since", str(snapshot), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    return page.split("<svg", 1)[1].split("</svg>", 1)[0]


def _size(svg: str, rule: str) -> int:
    found = re.search(rf"{re.escape(rule)}\{{[^}}]*font-size:(\d+)px", svg)
    assert found is not None, rule
    return int(found.group(1))


def test_a_changed_node_is_badged_with_a_delta_not_a_sign_like_minus(tmp_path: Path) -> None:
    changed, removed = CHANGE_LOOKS[ChangeMark.CHANGED][1], CHANGE_LOOKS[ChangeMark.REMOVED][1]
    assert changed == "\u0394" and changed not in {"~", "-", removed}
    svg = _picture(tmp_path)
    status = svg.split("<title>Status page (status-page)</title>", 1)[1].split("</g>", 1)[0]
    assert re.search(r'<text class="badge"[^>]*>\u0394</text>', status)
    assert ">~<" not in svg
    assert _size(svg, ".badge") >= 14


def test_the_legend_names_each_kind_in_plain_words_beside_its_shape(tmp_path: Path) -> None:
    svg = _picture(tmp_path)
    words = re.findall(r'<text class="legend"[^>]*>([^<]*)</text>', svg)
    assert words == [
        "Steps from a change:",
        "Service",
        "Vendor",
        "added since the snapshot",
        "changed since the snapshot",
    ]
    assert _size(svg, ".legend") >= _size(svg, "text") >= 14  # as large as a node's name
    vendor = svg.split('">Vendor</text>', 1)[0].rsplit("<polygon", 1)[1]
    assert len(re.search(r'points="([^"]*)"', vendor).group(1).split()) == 8  # type: ignore[union-attr]
    assert f'stroke="{KIND_LOOKS[Kind.VENDOR].colour}"' in vendor
    assert "roundrect" not in svg and "octagon" not in svg
