"""The text around a hit, with the matched words marked by position, not by markup.

Graph text is untrusted: a label may contain ``<b>`` or worse. So a fragment is plain text
plus (start, end) spans; each view decides how to show a span, and escapes the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

from whoosh import highlight
from whoosh.searching import Hit

__all__ = ["Fragment", "fragment_of"]

_OPEN, _CLOSE = "\x02", "\x03"  # removed from indexed text, so they only mark matches
_FIELDS = ("description", "text", "label", "id")


class _Marks(highlight.Formatter):
    between = " … "

    def format_token(self, text: str, token: object, replace: bool = False) -> str:
        return _OPEN + highlight.get_text(text, token, replace) + _CLOSE


@dataclass(frozen=True)
class Fragment:
    """Plain text and the spans of it that matched the query."""

    text: str
    spans: tuple[tuple[int, int], ...] = ()

    def marked(self, before: str = "[", after: str = "]") -> str:
        """The text with each span wrapped, e.g. for a terminal."""
        out, last = [], 0
        for start, end in self.spans:
            out += [self.text[last:start], before, self.text[start:end], after]
            last = end
        out.append(self.text[last:])
        return "".join(out)


def _parse(marked: str) -> Fragment:
    text: list[str] = []
    spans: list[tuple[int, int]] = []
    length, start = 0, 0
    for char in marked:
        if char == _OPEN:
            start = length
        elif char == _CLOSE:
            spans.append((start, length))
        else:
            text.append(char)
            length += 1
    return Fragment("".join(text), tuple(spans))


def fragment_of(hit: Hit, max_chars: int = 160) -> Fragment:
    """The best-matching passage of the hit's stored text, or the start of its description."""
    hit.results.formatter = _Marks()
    for field in _FIELDS:
        short = len(str(hit.get(field, ""))) <= max_chars
        hit.results.fragmenter = (
            highlight.WholeFragmenter()  # the whole text, first character included
            if short
            else highlight.ContextFragmenter(maxchars=max_chars, surround=40)
        )
        marked = hit.highlights(field, top=2)
        if marked and _OPEN in marked:
            return _parse(marked)
    description = " ".join(str(hit.get("description", "")).split())
    return Fragment(description[:max_chars] + ("…" if len(description) > max_chars else ""))
