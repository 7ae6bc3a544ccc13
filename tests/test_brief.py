"""``infra-explorer brief``: the page is one self-contained file (no script, no address
outside it, every text escaped), the Markdown pastes as headings and tables, comparing
with a snapshot says what changed, a large answer's picture is capped and says so, and
bad input is one line and exit 2. (The rendered page: ``test_brief_rendered``.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph

from explorer.brief import Asked, gather
from explorer.brief.html import html_page
from explorer.brief.output import brief_name
from explorer.brief.svg import picture_svg
from explorer.cli import main
from explorer.estate import open_estate
from explorer.files.resources import sample_file
from explorer.ingest import load
from explorer.views.focus import CENTRES
from helpers import PREFIXES, node

PROGRAM = "program-dns-cutover"
# every attribute the page may use: none runs a script or names another document
# fmt: off
_ATTRIBUTES = {
    "lang", "charset", "name", "content", "id", "href", "class", "viewBox", "width", "height",
    "role", "aria-label", "x", "y", "rx", "points", "fill", "stroke", "stroke-width",
    "stroke-dasharray", "d", "marker-end", "cx", "cy", "r", "refX", "refY", "markerWidth",
    "markerHeight", "orient",
}
# fmt: on
HEADINGS = [
    "Sources",
    "Scope",
    "The picture",
    "Affected, by distance and tier",
    "Teams to tell",
    "Nobody to tell",
    "Assumptions in reach",
    "Vendors in reach",
    "Open questions",
    "Gaps in reach",
    "Cycles and single points of failure",
]


def _brief(tmp_path: Path, name: str, *words: str) -> str:
    out = tmp_path / name
    assert main(["brief", *words, "-o", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def _self_contained(page: str) -> None:
    """No script, nothing embedded from elsewhere, every link and url() inside the page."""
    tags = re.findall(r"<[a-zA-Z][^>]*>", page)
    embedding = r"<(script|iframe|object|embed|img|image|link|audio|video|source)\b"
    assert not [t for t in tags if re.match(embedding, t, re.IGNORECASE)]
    attributes = re.findall(r'\s([\w:-]+)="([^"]*)"', " ".join(tags))
    assert {a for a, _ in attributes} <= _ATTRIBUTES, {a for a, _ in attributes} - _ATTRIBUTES
    assert all(value.startswith("#") for name, value in attributes if name == "href")
    assert all(u.startswith("#") for u in re.findall(r"url\(([^)]*)\)", page))
    assert "@import" not in page and not re.search(r"\b(https?|ftp|file|data):", page)


def test_the_program_brief_is_one_page_with_every_section(tmp_path: Path) -> None:
    page = _brief(tmp_path, "brief.html", "--program", PROGRAM)
    _self_contained(page)
    for heading in HEADINGS:
        assert f">{heading}</h2>" in page
    assert page.count("<svg") == 1 and "@media print" in page and "@page" in page
    assert "What changed" not in page  # only when comparing


def test_every_text_is_escaped(tmp_path: Path) -> None:
    path = tmp_path / "odd.ttl"
    path.write_text(
        PREFIXES + 'id:a a ic:Service ; rdfs:label "<script>alert(1)</script> & \\"x\\"" ;'
        " ic:dependsOn id:b .\nid:b a ic:Service ; rdfs:label \"B <img src='x'>\" .\n",
        encoding="utf-8",
    )
    estate = open_estate([str(path)])
    page = html_page(gather(estate, Asked((str(node("b")),)), lambda *_: None))
    _self_contained(page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;" in page
    assert "<img" not in page


def test_the_markdown_pastes_as_headings_and_tables(tmp_path: Path) -> None:
    text = _brief(tmp_path, "brief.md", "--program", PROGRAM)
    assert text.startswith("# Brief: Program DNS and key cutover")
    for heading in HEADINGS:
        assert f"\n## {heading}\n" in text
    assert "| Team | Status | Contact | Members | Why: what it owns here |" in text
    assert "| Status page (status-page) | 3 | no owner | ask Observability" in text
    assert "| Quorum DNS (vendor-quorum-dns) | DNS and Edge |" in text
    assert "/sample\\_graphs/region-build.ttl |" in text  # markup characters escaped


def test_a_node_brief_needs_no_program(tmp_path: Path) -> None:
    text = _brief(tmp_path, "kms.md", "kms")
    assert "# Brief: Affected if Key management (KMS) (kms) fails" in text
    assert "| 1 | 1 | Block storage (block-storage) | service | kms → block-storage |" in text


def test_comparing_with_a_snapshot_says_what_changed(tmp_path: Path) -> None:
    older = sample_file().read_text(encoding="utf-8")
    older = older.replace('rdfs:label "Status page" ;', 'rdfs:label "Status page" ; ic:tier 2 ;')
    older = re.sub(r"id:metrics-pipeline a ic:Service ;.*?\n\n", "", older, flags=re.S)
    snapshot = tmp_path / "older.ttl"
    snapshot.write_text(older, encoding="utf-8")
    page = _brief(tmp_path, "since.html", "--program", PROGRAM, "--since", str(snapshot))
    _self_contained(page)
    changes = page.split('id="changes"', 1)[1]
    assert "What changed since" in changes and "Metrics pipeline" in changes
    assert "Status page" in changes and "tier" in changes
    assert "since the snapshot" in page.split("<svg", 1)[1]  # the picture marks them


def test_a_large_answer_draws_the_nearest_and_says_so(tmp_path: Path) -> None:
    many = CENTRES + 20
    rows = "".join(
        f'id:s{n:03} a ic:Service ; rdfs:label "Service {n:03}" ; ic:dependsOn id:hub .\n'
        for n in range(many)
    )
    path = tmp_path / "hub.ttl"
    path.write_text(PREFIXES + 'id:hub a ic:Service ; rdfs:label "Hub" .\n' + rows, "utf-8")
    brief = gather(open_estate([str(path)]), Asked((str(node("hub")),)), lambda *_: None)
    svg = picture_svg(brief)
    drawn = re.findall(r"<title>Service (\d+)", svg)
    assert len(drawn) == CENTRES - 1 and "+21 more" in svg
    page = html_page(brief)
    assert f"the nearest {CENTRES} of these {many + 1}" in page
    assert page.count("Service 079") >= 1  # every one is listed, if not drawn


@pytest.mark.parametrize(
    ("words", "said"),
    [
        ([], "name a NODE"),
        (["--program", "no-such-program"], "no-such-program"),
        (["--program", "dns-service"], "is not a program"),
        (["dns-service", "--program", PROGRAM], "not both"),
    ],
)
def test_a_bad_scope_is_one_line_and_exit_2(
    words: list[str], said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        code = main(["brief", *words, "-o", str(tmp_path / "b.html")])
    except SystemExit as usage:  # refused by the grammar, before anything is loaded
        code = int(str(usage.code))
    assert code == 2
    err = capsys.readouterr().err
    assert said in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "b.html").exists()


@pytest.mark.parametrize(
    ("name", "said"),
    [("brief.txt", "a brief is written as .html, .md, .pdf"), ("gone/brief.html", "folder")],
)
def test_a_bad_output_is_refused_before_any_work(
    name: str, said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["brief", "kms", "-o", str(tmp_path / name)]) == 2
    err = capsys.readouterr().err
    assert said in err and len(err.strip().splitlines()) == 1


def test_the_default_file_names() -> None:
    assert brief_name("program-dns-cutover", True) == "program-dns-cutover-brief.html"
    assert brief_name("kms", extension=".pdf") == "kms-brief.pdf"
    assert brief_name("a b/c", more=1) == "a-b-c-and-1-more-brief.html"


def load_sample() -> Graph:
    return load([sample_file()]).graph


def test_an_endpoint_briefs_as_its_files_do() -> None:
    """The same sections and the same picture; only where it was read from differs."""
    from explorer.brief.sections import sections
    from explorer.estate.endpoint import EndpointEstate
    from explorer.remote.endpoint import Endpoint
    from sparql_servers import OxigraphServer

    local = open_estate([])
    server = OxigraphServer()
    try:
        server.put(load_sample())
        remote = EndpointEstate(Endpoint(server.query_url))
        briefs = []
        for estate in (local, remote):
            program = estate.program(PROGRAM)
            asked = Asked(tuple(e.iri for e in program.changes), program)
            briefs.append(gather(estate, asked, lambda *_: None))
    finally:
        server.close()
    mine, theirs = (sections(b) for b in briefs)
    assert [s.key for s in mine] == [s.key for s in theirs]
    assert mine[1:] == theirs[1:]  # but the sources: files with hashes, an endpoint
    assert picture_svg(briefs[0]) == picture_svg(briefs[1])
    assert [(r.name, r.sha256) for r in briefs[1].sources] == [(f"sparql+{server.query_url}", "")]
