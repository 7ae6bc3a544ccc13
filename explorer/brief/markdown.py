"""The brief as Markdown, to paste into a decision document or a ticket: the same sections
as the page, as headings, sentences and GitHub tables (every cell made safe); the picture
is the page's and the PDF's, so here only its caption says what it shows."""

from __future__ import annotations

import re

from explorer.brief.gather import Brief
from explorer.brief.parts import Section
from explorer.brief.sections import PICTURE, sections
from explorer.report import reach_heading
from explorer.report.tables import markdown_cell, markdown_table

__all__ = ["markdown_bytes", "markdown_text"]


def _fenced(text: str) -> list[str]:
    """``text`` as a code block whose fence no run of backticks in it closes."""
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence, *text.splitlines(), fence]


def _section(section: Section) -> list[str]:
    lines = [f"## {markdown_cell(section.title)}", ""]
    said = list(section.said)
    if section.key == PICTURE:
        said.insert(0, "The picture is drawn in the HTML and PDF forms of this brief.")
    lines += [line for s in said for line in (markdown_cell(s), "")]
    for table in section.tables:
        if table.title:
            lines += [f"### {markdown_cell(table.title)}", ""]
        if table.rows:
            lines += [*markdown_table(table.header, table.rows), ""]
        else:
            lines += [f"*{markdown_cell(table.empty)}*", ""]
    if section.text:
        lines += [*_fenced(section.text), ""]
    return lines


def markdown_text(brief: Brief) -> str:
    lines = [
        f"# Brief: {markdown_cell(reach_heading(brief.answer))}",
        "",
        markdown_cell(f"{brief.on.isoformat()} · {brief.tool}"),
        "",
    ]
    for section in sections(brief):
        lines += _section(section)
    return "\n".join(lines).rstrip("\n") + "\n"


def markdown_bytes(brief: Brief) -> bytes:
    return markdown_text(brief).encode("utf-8")
