"""Reading a saved API response: the line each object of the parsed JSON is written on, so
a fact names its place (Python's ``json`` keeps no positions), and lenient getters, so a
missing or odd piece is passed by rather than fatal."""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Iterator
from typing import Any

__all__ = ["JsonLines", "dicts", "id_of", "pages", "text_of"]

_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[{}]')


class JsonLines:
    """The n-th object of a depth-first walk of the document is the n-th ``{`` of the text
    outside strings (dicts keep their keys' order); an object with an id is placed at its
    ``"id": ...``. When the text does not match the document (a duplicate key), an object
    is placed at the first ``"id": ...`` of its id, else on line 1."""

    def __init__(self, text: str, document: object) -> None:
        self.text = text
        self.newlines = [found.start() for found in re.finditer("\n", text)]
        objects, spans = list(_objects(document)), _spans(text)
        matched = len(objects) == len(spans)
        self.spans = {id(o): s for o, s in zip(objects, spans, strict=True)} if matched else {}
        self._objects = objects  # their ids stay theirs while they live

    def line(self, obj: object) -> int:
        """The line of ``obj``'s id, else of its ``{``, counted from 1."""
        start, end = self.spans.get(id(obj), (0, len(self.text)))
        at = start
        if isinstance(obj, dict) and isinstance(obj.get("id"), str | int):
            said = re.escape(json.dumps(obj["id"]))
            found = re.compile(r'"id"\s*:\s*' + said).search(self.text, start, end)
            at = found.start() if found else start
        return bisect_left(self.newlines, at) + 1


def _objects(document: object) -> Iterator[object]:
    if isinstance(document, dict):
        yield document
        for value in document.values():
            yield from _objects(value)
    elif isinstance(document, list):
        for item in document:
            yield from _objects(item)


def _spans(text: str) -> list[tuple[int, int]]:
    """Where each object starts and ends, in the order they start."""
    spans: list[tuple[int, int]] = []
    open_at: list[int] = []
    for token in _TOKENS.finditer(text):
        if token.group() == "{":
            open_at.append(len(spans))
            spans.append((token.start(), len(text)))
        elif token.group() == "}" and open_at:
            index = open_at.pop()
            spans[index] = (spans[index][0], token.end())
    return spans


def text_of(value: object) -> str:
    """A scalar as trimmed text; "" for none, a mapping or a list."""
    return str(value).strip() if isinstance(value, str | int) and value is not True else ""


def id_of(ref: object) -> str:
    """The id of an object or reference; "" when it has none."""
    return text_of(ref.get("id")) if isinstance(ref, dict) else ""


def dicts(value: object) -> list[dict[str, Any]]:
    """The objects of a list; none when it is not one."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def pages(document: object) -> list[dict[str, Any]]:
    """A response, or a JSON array of the pages of one (a paged list saved whole)."""
    return dicts(document) if isinstance(document, list) else dicts([document])
