"""The next step of every gap: what to do (its rule's step, ``explorer.domain.rules``) and
whom to ask, by one rule for every gap.

Whom to ask about a node: a team or a person somebody is there for, itself; else its
active owner; else, for a team, the active team it is a sub-team of, else whom one asks
about the first thing it owns; else whom to ask when nobody answers for a node
(``explorer.analysis.asking``): the active owner of a system it is part of, else the
active team owning most of what it touches; else nobody, and the step says so.
"""

from __future__ import annotations

from collections.abc import Iterable

from explorer.analysis.asking import Ask, active, whom_to_ask
from explorer.domain.kinds import OWNER_KINDS
from explorer.domain.model import Entity
from explorer.domain.relations import OWNED_BY, SUB_TEAM_OF
from explorer.domain.rules import Rule
from explorer.graph.index import EstateIndex

__all__ = ["asked_of", "next_step", "who_answers"]


def _active(index: EstateIndex, nodes: Iterable[int]) -> list[int]:
    """The active teams and people among ``nodes``, by label."""
    found = active(index, nodes)
    return sorted(found, key=lambda n: (index.label_at(n).casefold(), index.id_at(n)))


def who_answers(index: EstateIndex, n: int) -> Ask:
    """Whom to ask about node ``n`` (see the module)."""
    kind = index.kind_at[n]
    if kind in OWNER_KINDS and _active(index, [n]):
        return Ask(index.entity_at(n), f"the {kind} itself")
    owners = index.out[OWNED_BY.predicate].get(n, ())
    if found := _active(index, owners):
        why = "its owner" if len(owners) == 1 else f"one of its {len(owners)} owners"
        return Ask(index.entity_at(found[0]), why)
    if found := _active(index, index.out[SUB_TEAM_OF.predicate].get(n, ())):
        return Ask(index.entity_at(found[0]), "its parent team")
    if kind in OWNER_KINDS:
        return _for_what_it_owns(index, n)
    return whom_to_ask(index, n)


def _for_what_it_owns(index: EstateIndex, n: int) -> Ask:
    """Whom to ask about a team nobody is there for: whom one asks about the first thing
    it owns that somebody answers for."""
    for owned in sorted(index.into[OWNED_BY.predicate].get(n, ()), key=index.id_at):
        if index.kind_at[owned] not in OWNER_KINDS:
            ask = who_answers(index, owned)
            if ask.entity is not None:
                label = index.label_at(owned)
                return Ask(ask.entity, f"for {label}, which the team owns: {ask.why}")
    return Ask(
        None, "nobody to ask: the team has no parent team, and nobody answers for what it owns"
    )


def asked_of(index: EstateIndex, assignee: int | None, about: int) -> Ask:
    """Whom to ask about an open question: its assignee, when somebody is there; else whom
    to ask about node ``about``, what it is about."""
    if assignee is not None and _active(index, [assignee]):
        return Ask(index.entity_at(assignee), "it was asked of them")
    return who_answers(index, about)


def next_step(
    index: EstateIndex, rule: Rule, n: int, ask: Ask | None = None, **fields: object
) -> tuple[str, Entity | None]:
    """(the step that closes a gap of ``rule``, with whom to ask about node ``n``; that
    team or person), as ``Gap.next`` and ``Gap.ask``; ``ask`` when the rule knows better
    (an overdue question's assignee). ``fields`` fill the rule's step in."""
    asked = ask or who_answers(index, n)
    return f"{rule.step(**fields)}; {asked.words()}", asked.entity
