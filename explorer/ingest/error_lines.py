"""The line an RDF/XML or JSON-LD error is about, where the parser gives none.

Oxigraph's RDF/XML and JSON-LD parsers name what is wrong ("rdf:li is not a valid
attribute", "@propagate value must be a boolean") but not where. The document is read
again here: every element (with expat, namespaces expanded) or every JSON string (key or
value) with its line, and the one the message names best is where the error is; of
several equally good, the last when the message is about a second occurrence ("already
been used", "defined twice", "Overriding the protected term").

>>> document = b'{\\n  "@context": {\\n    "@propagate": "yes"\\n  }\\n}'
>>> json_line(document, "@propagate value must be a boolean")
3
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from xml.parsers import expat

__all__ = ["json_line", "xml_line"]

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_IRI = re.compile(r"https?://[^\s<>,']+")
_QNAME = re.compile(r"\brdf:(\w+)")
_BAD_VALUE = re.compile(r"^(.+?) is not a valid ")
_USED = re.compile(r"#([^>\s]+)> has already been used")
_SECOND = ("already", "twice", "overrid", "redefined", "inconsistent", "cyclic")
_ABOUT_CONTEXT = re.compile(r"\b(term|mapping|definition)\b", re.IGNORECASE)
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"(\s*:)?')


@dataclass
class _Element:
    line: int
    names: set[str] = field(default_factory=set)  # the tag and attribute IRIs
    values: set[str] = field(default_factory=set)  # the attribute values


def _second(message: str) -> bool:
    lowered = message.casefold()
    return any(word in lowered for word in _SECOND)


def _best(scores: list[tuple[int, int]], last: bool) -> int | None:
    """The line of the best score (> 0): the first of equals, or the last."""
    top = max((score for score, _ in scores), default=0)
    if top == 0:
        return None
    lines = [line for score, line in scores if score == top]
    return lines[-1] if last else lines[0]


def _elements(data: bytes) -> list[_Element]:
    found: list[_Element] = []
    parser = expat.ParserCreate(namespace_separator="")

    def start(tag: str, attributes: dict[str, str]) -> None:
        element = _Element(parser.CurrentLineNumber, {tag, *attributes})
        element.values.update(attributes.values())
        found.append(element)

    parser.StartElementHandler = start
    with contextlib.suppress(expat.ExpatError):  # what was read is what there is to search
        parser.Parse(data, True)
    return found


def xml_line(data: bytes, message: str) -> int | None:
    """The line of the element an RDF/XML error names, if one does."""
    iris = {iri.rstrip(".") for iri in _IRI.findall(message)}
    iris |= {_RDF + name for name in _QNAME.findall(message)}
    values = {m.group(1).strip() for m in (_BAD_VALUE.match(message),) if m}
    values |= set(_USED.findall(message))
    scores = [(len(iris & e.names) * 2 + len(values & e.values), e.line) for e in _elements(data)]
    return _best(scores, _second(message))


def json_line(data: bytes, message: str) -> int | None:
    """The line of the JSON string (a key or a value) a JSON-LD error names, if one does."""
    text = data.decode("utf-8", "replace")
    words = {w.strip(".,:;'\"") for w in message.split()}
    words |= {re.split(r"[/#]", iri.rstrip("/"))[-1] for iri in _IRI.findall(message)}
    keywords = {w for w in words if w.startswith("@")}
    hinted = {f"@{w}" for w in words}  # "reverse properties": where @reverse is
    if _ABOUT_CONTEXT.search(message):
        hinted.add("@context")  # a term's definition: where the context is
    values = {m.group(1).strip() for m in (_BAD_VALUE.match(message),) if m}
    scores = []
    for found in _STRING.finditer(text):
        token, is_key = found.group(1), found.group(2) is not None
        score = (
            4 * (is_key and token in keywords)
            + 3 * (token in values)
            + (2 if is_key else 1) * (token in words)
            + (is_key and token in hinted)
        )
        scores.append((score, text.count("\n", 0, found.start()) + 1))
    return _best(scores, _second(message))
