"""A user's query, checked and turned into a whoosh query.

whoosh's parser never fails: an unknown field becomes two words, an unbalanced quote is
dropped. A user would get quietly wrong answers, so we check first and say what is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from whoosh import qparser
from whoosh.query import FuzzyTerm, NullQuery, Or, Prefix, Query

from explorer.domain.errors import InputError
from explorer.search.documents import SCHEMA, TEXT_FIELDS

__all__ = ["FIELDS", "parse_query"]

# field names a query may use, e.g. kind:vendor, owner:"Payments Core", tier:1
FIELDS = ("kind", "owner", "tier", "status", "id", "label", "description", "text")

_FIELD = re.compile(r"(?<![\w\-])([A-Za-z_][\w\-]*):(?!//)")
_SINGLE_WORD = re.compile(r"^\w[\w\-]*$")


def _refuse(query: str, problem: str) -> InputError:
    return InputError(None, None, f"cannot search for {query!r}: {problem}")


def _check(query: str) -> None:
    if not query.strip():
        raise _refuse(query, "the query is empty")
    if query.count('"') % 2:
        raise _refuse(query, "a quote is not closed")
    unquoted = re.sub(r'"[^"]*"', " ", query)
    depth = 0
    for char in unquoted:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            break
    if depth:
        raise _refuse(query, "the parentheses do not match")
    for name in _FIELD.findall(unquoted):
        if name.lower() not in FIELDS:
            raise _refuse(query, f"unknown field {name!r}; use one of {', '.join(FIELDS)}")


def parse_query(query: str) -> Query:
    """The whoosh query for ``query``; a single plain word also matches near misspellings.

    >>> print(parse_query('kind:vendor'))
    kind:vendor
    >>> parse_query('owner:"Payments')
    Traceback (most recent call last):
    ...
    explorer.domain.errors.InputError: cannot search for 'owner:"Payments': a quote is not closed
    """
    _check(query)
    lowered = _FIELD.sub(lambda m: f"{m.group(1).lower()}:", query)
    parser = qparser.MultifieldParser(
        list(TEXT_FIELDS), SCHEMA, fieldboosts=TEXT_FIELDS, group=qparser.AndGroup
    )
    parsed = parser.parse(lowered).accept(_unstemmed_prefixes(query))
    if parsed is NullQuery:
        raise _refuse(query, "there is nothing to search for")
    word = query.strip()
    if _SINGLE_WORD.match(word) and len(word) >= 4:
        return Or([parsed, *_near_misses(word)])
    return parsed


def _unstemmed_prefixes(query: str) -> Callable[[Query], Query]:
    """A prefix as the user typed it: whoosh stems ``pay*`` to ``pai*``, which no word
    ("payments", stemmed "payment") starts with."""
    typed: dict[str, str] = {}
    for word in re.findall(r"([\w\-]+)\*", query):
        tokens = [t.text for t in SCHEMA["label"].analyzer(word)]
        if len(tokens) == 1:
            typed[tokens[0]] = word.lower()

    def fix(node: Query) -> Query:
        if isinstance(node, Prefix) and node.text in typed:
            return Prefix(node.fieldname, typed[node.text], boost=node.boost)
        return node

    return fix


def _near_misses(word: str) -> list[Query]:
    """Fuzzy terms for a single word in every text field, analysed as the field is."""
    distance = 1 if len(word) <= 6 else 2
    fuzzy: list[Query] = []
    for field, boost in TEXT_FIELDS.items():
        for token in SCHEMA[field].analyzer(word):
            fuzzy.append(
                FuzzyTerm(field, token.text, boost=0.3 * boost, maxdist=distance, prefixlength=1)
            )
    return fuzzy
