"""The brief as a reader gets it: the page opened in a real browser (headless Chromium,
printed to PDF) and the PDF WeasyPrint writes, read back as text (pdftotext), never the
HTML source. Every section must be there and filled, and the picture must label every
node it draws."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.estate import open_estate
from explorer.files.resources import sample_file
from helpers import program

PROGRAM = "program-dns-cutover"


def _text(pdf: Path) -> str:
    """The text of a PDF as pdftotext reads it, every run of blanks one space."""
    done = subprocess.run(
        [program("pdftotext", "poppler-utils"), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return " ".join(done.stdout.split())


def _printed(page: Path, tmp_path: Path) -> str:
    """What headless Chromium prints of ``page``, as text."""
    pdf = tmp_path / "printed.pdf"
    chromium = program("chromium", "chromium")
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    return _text(pdf)


def _bare(text: str) -> str:
    return text.replace(" ", "").replace("-", "")


def _between(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0]


@pytest.fixture(scope="module")
def expected() -> dict[str, object]:
    """What the sample's brief must say, asked of the estate itself."""
    estate = open_estate([])
    answer = estate.blast_radius([c.iri for c in estate.program(PROGRAM).changes])
    gaps = {g.entity.id: g for g in estate.gaps()}
    return {
        "sha256": hashlib.sha256(sample_file().read_bytes()).hexdigest(),
        "labels": [e.label for e in answer.changes] + [i.entity.label for i in answer.impacted],
        "next": gaps["status-page"].next,
    }


def _check_every_section(text: str, expected: dict[str, object]) -> None:
    sections = {
        "Sources": ["Who recorded what", "Emeka Nwosu", "bring-up runbook review"],
        "Scope": ["DNS and key cutover", "Run by Inès Moreau"],
        "Affected, by distance and tier": ["Status page", "dns-service → status-page"],
        "Teams to tell": ["Security Engineering", "Dana Kowalski", "Storage"],
        "Nobody to tell": ["Status page", "ask Observability"],
        "Assumptions in reach": ["Every region has three availability zones", "invalid"],
        "Vendors in reach": ["Quorum DNS", "Northwind Systems"],
        "Open questions": ["share one change window", "DNS and Edge", "2027-03-31"],
        "Gaps in reach": ["Status page has no owner", str(expected["next"])],
        "Cycles and single points of failure": ["SDN controller", "Single points of failure"],
    }
    headings = list(sections)
    places = [text.find(heading) for heading in headings]  # printed: no contents list
    assert -1 not in places and places == sorted(places), dict(zip(headings, places, strict=True))
    for n, heading in enumerate(headings):
        body = text[places[n] : places[n + 1] if n + 1 < len(places) else None]
        for said in sections[heading]:  # pdftotext joins a word broken at a hyphen
            assert _bare(said) in _bare(body), (heading, said)
    assert str(expected["sha256"]) in text.replace(" ", "")  # a cell may break a hash
    assert "Nothing" not in _between(text, "Who recorded what", "Scope")


def _check_the_picture(text: str, expected: dict[str, object]) -> None:
    picture = _between(text, "The picture", "Affected, by distance and tier")
    labels = expected["labels"]
    assert isinstance(labels, list) and len(labels) == 15
    for label in labels:
        assert label in picture, label  # drawn, labelled, and read back as text
    assert "Steps from a change" in picture


def test_the_page_chromium_prints_has_every_section_and_the_picture_labelled(
    tmp_path: Path, expected: dict[str, object]
) -> None:
    page = tmp_path / "brief.html"
    assert main(["brief", "--program", PROGRAM, "-o", str(page)]) == 0
    text = _printed(page, tmp_path)
    _check_every_section(text, expected)
    _check_the_picture(text, expected)


def test_the_pdf_has_every_section_and_the_picture_labelled(
    tmp_path: Path, expected: dict[str, object]
) -> None:
    pdf = tmp_path / "brief.pdf"
    assert main(["brief", "--program", PROGRAM, "-o", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = _text(pdf)
    _check_every_section(text, expected)
    _check_the_picture(text, expected)


def test_the_pdf_fetches_nothing() -> None:
    """Whatever a page named, WeasyPrint's fetcher would refuse it: no network, no disk."""
    pytest.importorskip("weasyprint")
    import weasyprint

    from explorer.brief.pdf import refusing_fetcher

    fetcher = refusing_fetcher()
    for address in ("https://example.org/logo.png", "file:///etc/passwd"):
        with pytest.raises(ValueError, match="fetches nothing"):
            fetcher.fetch(address)
    page = '<p>x</p><img src="file:///etc/hostname"><link rel=stylesheet href="http://x/">'
    assert weasyprint.HTML(string=page, url_fetcher=fetcher).write_pdf().startswith(b"%PDF-")
