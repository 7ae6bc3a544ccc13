"""The brief as one self-contained web page: inline CSS, the picture as inline SVG, no
script and no address outside the page, so it opens offline, is safe to mail, and prints
(a print stylesheet: A4 pages, tables kept whole where they fit, headings kept with what
follows them). Every text is escaped.
"""

from __future__ import annotations

from html import escape

from explorer.brief.gather import Brief
from explorer.brief.parts import Section, Table
from explorer.brief.sections import PICTURE, sections
from explorer.brief.svg import picture_svg
from explorer.domain.looks import GAP_COLOUR, INK, PAPER
from explorer.report import reach_heading

__all__ = ["html_bytes", "html_page"]

_CSS = f"""
:root {{ color-scheme: light; }}
body {{ font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.4;
  color: {INK}; background: {PAPER}; margin: 0; }}
main {{ max-width: 60rem; margin: 0 auto; padding: 1.5rem; }}
h1 {{ font-size: 1.6em; margin: 0 0 .25em; }}
h2 {{ font-size: 1.2em; margin: 1.6em 0 .4em; padding-bottom: .15em;
  border-bottom: 2px solid #d1d5db; break-after: avoid; page-break-after: avoid; }}
h3 {{ font-size: 1em; margin: 1em 0 .3em; break-after: avoid; page-break-after: avoid; }}
p {{ margin: .3em 0 .6em; }}
.meta {{ color: #4b5563; }}
nav ol {{ columns: 2; margin: .5em 0; padding-left: 1.4em; }}
table {{ border-collapse: collapse; width: 100%; margin: .3em 0 .8em; font-size: .92em; }}
th, td {{ border: 1px solid #d1d5db; padding: .25em .45em; text-align: left;
  vertical-align: top; overflow-wrap: break-word; }}
th {{ background: #f3f4f6; }}
tr {{ break-inside: avoid; page-break-inside: avoid; }}
thead {{ display: table-header-group; }}
td.file {{ font-family: "DejaVu Sans Mono", monospace; font-size: .85em; word-break: break-all; }}
td.short {{ white-space: nowrap; }}
td.long {{ overflow-wrap: anywhere; }}
.none {{ color: #4b5563; font-style: italic; }}
figure {{ margin: .5em 0; break-inside: avoid; page-break-inside: avoid; }}
figure svg {{ width: 100%; height: auto; }}
figcaption {{ color: #4b5563; font-size: .92em; }}
pre {{ white-space: pre-wrap; font-size: .9em; background: #f9fafb; padding: .6em;
  border-left: 3px solid {GAP_COLOUR}; }}
a {{ color: inherit; }}
@page {{ size: A4; margin: 14mm 12mm; }}
@page wide {{ size: A4 landscape; margin: 10mm 12mm; }}
@media print {{
  main {{ max-width: none; padding: 0; }}
  nav {{ display: none; }}
  a[href]:not([href^="#"])::after {{ content: " <" attr(href) ">"; }}
  h2 {{ break-before: auto; }}
  section {{ break-inside: auto; }}
  #picture {{ page: wide; }}
  figure svg {{ max-height: 160mm; }}
}}
"""


_FILE_COLUMNS = {"Source", "SHA-256"}  # paths and hashes: broken anywhere, in type
_LONG_COLUMNS = {"Contact", "Members", "In"}  # addresses: broken where they must be
_SHORT_COLUMNS = {"Steps", "Steps away", "Tier", "Impact", "Due", "When", "How many"}


def _cell_class(header: str) -> str:
    if header in _FILE_COLUMNS:
        return ' class="file"'
    if header in _LONG_COLUMNS:
        return ' class="long"'
    return ' class="short"' if header in _SHORT_COLUMNS else ""


def _table(table: Table) -> str:
    title = f"<h3>{escape(table.title)}</h3>" if table.title else ""
    if not table.rows:
        return f'{title}<p class="none">{escape(table.empty)}</p>'
    head = "".join(f"<th>{escape(h)}</th>" for h in table.header)
    kinds = [_cell_class(h) for h in table.header]
    body = "".join(
        "<tr>" + "".join(f"<td{kinds[n]}>{escape(c)}</td>" for n, c in enumerate(row)) + "</tr>"
        for row in table.rows
    )
    return f"{title}<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _section(section: Section, brief: Brief) -> str:
    parts = [f'<section id="{section.key}"><h2>{escape(section.title)}</h2>']
    if section.key == PICTURE:
        said = "".join(escape(s) for s in section.said)
        parts.append(f"<figure>{picture_svg(brief)}<figcaption>{said}</figcaption></figure>")
    else:
        parts += [f"<p>{escape(s)}</p>" for s in section.said]
    parts += [_table(t) for t in section.tables]
    if section.text:
        parts.append(f"<pre>{escape(section.text)}</pre>")
    parts.append("</section>")
    return "".join(parts)


def html_page(brief: Brief) -> str:
    """The page, as text."""
    title = reach_heading(brief.answer)
    every = sections(brief)
    contents = "".join(f'<li><a href="#{s.key}">{escape(s.title)}</a></li>' for s in every)
    body = "".join(_section(s, brief) for s in every)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="{escape(brief.tool)}">'
        f"<title>Brief: {escape(title)}</title><style>{_CSS}</style></head><body><main>"
        f"<header><h1>Brief: {escape(title)}</h1>"
        f'<p class="meta">{escape(brief.on.isoformat())} \u00b7 {escape(brief.tool)}</p></header>'
        f"<nav><ol>{contents}</ol></nav>{body}</main></body></html>\n"
    )


def html_bytes(brief: Brief) -> bytes:
    return html_page(brief).encode("utf-8")
