"""Gaps between what traffic shows and what the sources declare.

A call nobody declared is the dependency the plan forgot (``undeclared-dependency``, as
urgent as what its caller's failure hurts); a name in traffic that no catalog lists is
``unknown-service``; a declared dependency between two services that both show in the
traffic but with no call between them is ``unobserved-dependency``: a stale entry or a
batch job, ranked last. With nothing observed there are none.
"""

from __future__ import annotations

from collections.abc import Callable

from explorer.analysis.gap import Gap
from explorer.analysis.next_steps import next_step
from explorer.domain.kinds import Kind
from explorer.domain.relations import DEPENDS_ON, SPREADING
from explorer.domain.rules import Rule
from explorer.graph.calls import Call, calls_of, calls_text, files_of
from explorer.graph.index import EstateIndex

__all__ = ["traffic_gaps"]

Impact = Callable[[int], int]  # a node number -> the weighted size of what it hurts


def traffic_gaps(index: EstateIndex, impact: Impact) -> list[Gap]:
    """Every traffic gap (unsorted). A call to or from an unknown service is that
    service's gap, not also an undeclared dependency."""
    calls = calls_of(index)
    if not calls:
        return []
    declared = {
        (s, o)
        for relation in SPREADING
        if not relation.observed
        for s, targets in index.out[relation.predicate].items()
        for o in targets
    }
    known = [pair for pair in calls if Kind.OBSERVED not in map(index.kind_at.__getitem__, pair)]
    return [
        *(_undeclared(index, calls[pair], impact) for pair in known if pair not in declared),
        *_unknown(index, calls, impact),
        *_unobserved(index, calls),
    ]


def _undeclared(index: EstateIndex, call: Call, impact: Impact) -> Gap:
    caller, callee = index.entity_at(call.caller), index.entity_at(call.callee)
    message = (
        f"{caller.label} calls {callee.label} ({calls_text(call)}), "
        f"but no source declares that {caller.label} depends on {callee.label}"
    )
    step = next_step(index, Rule.UNDECLARED_DEPENDENCY, call.caller)
    return Gap(caller, Rule.UNDECLARED_DEPENDENCY, message, impact(call.caller), *step)


def _unknown(index: EstateIndex, calls: dict[tuple[int, int], Call], impact: Impact) -> list[Gap]:
    """One gap per observed-only service, with the calls seen from and to it."""
    its: dict[int, list[Call]] = {}
    for call in calls.values():  # one pass, not one per unknown service
        for n in {call.caller, call.callee}:
            if index.kind_at[n] is Kind.OBSERVED:
                its.setdefault(n, []).append(call)
    gaps = []
    for n in (n for n, kind in enumerate(index.kind_at) if kind is Kind.OBSERVED):
        seen = its.get(n, [])
        made = sum(c.calls for c in seen if c.caller == n)
        taken = sum(c.calls for c in seen if c.callee == n)
        entity = index.entity_at(n)
        message = (
            f"{entity.label} is seen in traffic ({made:,} call(s) out, {taken:,} in, "
            f"in {files_of(seen)}), but no catalog lists it"
        )
        step = next_step(index, Rule.UNKNOWN_SERVICE, n)
        gaps.append(Gap(entity, Rule.UNKNOWN_SERVICE, message, impact(n), *step))
    return gaps


def _unobserved(index: EstateIndex, calls: dict[tuple[int, int], Call]) -> list[Gap]:
    """Declared dependencies between two nodes both seen in traffic, with no call."""
    seen = {n for pair in calls for n in pair}
    callers = {caller for caller, _ in calls}
    sources = files_of(calls.values())
    gaps = []
    for s, targets in index.out[DEPENDS_ON.predicate].items():
        for o in targets:
            if s in callers and o in seen and (s, o) not in calls:
                a, b = index.entity_at(s), index.entity_at(o)
                message = (
                    f"{a.label} depends on {b.label}, but no call from {a.label} to "
                    f"{b.label} was seen in {sources}: a stale entry, or a batch job"
                )
                step = next_step(index, Rule.UNOBSERVED_DEPENDENCY, s)
                gaps.append(Gap(a, Rule.UNOBSERVED_DEPENDENCY, message, 0, *step))
    return gaps
