"""What people mean by a query: a name that is the query, then one that starts with it,
then one with its words, then everything else; ties to the more critical, more connected.

whoosh scores by word statistics, under which "Quorum DNS" (a short label that is mostly
the word) outranks the DNS service itself for ``dns``. Users typing a name want that
name: ``Match`` says how a hit's id or label meets the query's plain words, and ``rank``
orders by it first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import IntEnum
from typing import Protocol, TypeVar

__all__ = ["Match", "Ranked", "match_of", "plain_words", "rank"]

_FIELD_TERM = re.compile(r'(?<![\w\-])[A-Za-z_][\w\-]*:("[^"]*"|\S+)')
_OPERATORS = {"and", "or", "not"}
_WORD = re.compile(r"[^\W_]+")


class Match(IntEnum):
    """How a hit's name meets the query, best last (so a larger value ranks first)."""

    TEXT = 0  # the words are elsewhere: a description, an owner, another literal
    WORD = 1  # every word of the query starts a word of the id or label
    START = 2  # the id or label starts with the query
    EXACT = 3  # the id or label is the query

    @property
    def shown(self) -> str:
        """How a list shows it: a bar, fuller for a closer match."""
        return "●" * (self + 1) + "○" * (len(Match) - 1 - self)


class Ranked(Protocol):
    """What ranking reads of a hit."""

    @property
    def id(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def tier(self) -> int | None: ...
    @property
    def degree(self) -> int: ...


H = TypeVar("H", bound=Ranked)


def plain_words(query: str) -> list[str]:
    """The words of ``query`` that name something: not fields, operators or wildcards.

    >>> plain_words('dns kind:service "time sync" NOT foo* owner:"Payments Core"')
    ['dns', 'time', 'sync', 'foo']
    """
    rest = _FIELD_TERM.sub(" ", query)
    words = [w.casefold() for w in _WORD.findall(rest)]
    return [w for w in words if w not in _OPERATORS]


def _words(name: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(name)]


def match_of(words: Sequence[str], entity_id: str, label: str) -> Match:
    """How a node named ``entity_id`` and ``label`` meets the query's plain ``words``.

    >>> match_of(["dns"], "dns-service", "Authoritative and recursive DNS")
    <Match.START: 2>
    >>> match_of(["dns"], "vendor-quorum", "Quorum DNS")
    <Match.WORD: 1>
    >>> match_of(["time", "sync"], "time-sync", "Time sync (NTP)")
    <Match.EXACT: 3>
    >>> match_of(["auth"], "dns-service", "Authoritative and recursive DNS")
    <Match.START: 2>
    """
    if not words:
        return Match.TEXT
    names = [_words(entity_id), _words(label)]
    wanted = list(words)
    if wanted in names:
        return Match.EXACT
    if any(_starts(name, wanted) for name in names):
        return Match.START
    in_names = [w for name in names for w in name]
    if all(any(n.startswith(w) for n in in_names) for w in wanted):
        return Match.WORD
    return Match.TEXT


def _starts(name: list[str], wanted: list[str]) -> bool:
    """``name`` begins with the words typed, the last of which may be cut short."""
    last = len(wanted) - 1
    return len(name) > last and name[:last] == wanted[:last] and name[last].startswith(wanted[last])


def rank(hits: Sequence[H], query: str) -> list[H]:
    """``hits`` best first: by ``Match``; among names, the more critical (tier 1 first)
    and more connected first; among the rest, by score, then the same."""
    words = plain_words(query)

    def key(hit: H) -> tuple[int, float, int, int, str, str]:
        match = match_of(words, hit.id, hit.label)
        tier = hit.tier if hit.tier is not None else 9
        score = -hit.score if match is Match.TEXT else 0.0
        return (-match, score, tier, -hit.degree, hit.label.casefold(), hit.id)

    return sorted(hits, key=key)
