"""How a reached node's paths go: which kinds of evidence (declared, deployed, observed)
reach it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from explorer.domain.relations import EVIDENCE, Evidence

__all__ = ["ALL_EVIDENCE", "Via"]


@dataclass(frozen=True)
class Via:
    """How a reached node's paths go: each kind of evidence (``Evidence``) whose relations
    alone reach it, and the kind a path first needed to reach it at all. ``declared``: a
    source states every relation of a path there; ``declared+observed``: a declared path
    and a path of calls seen in traffic each come there; ``deployed``: only a path through
    what deploy files wire does."""

    kinds: frozenset[Evidence]

    DECLARED: ClassVar[Via]
    DEPLOYED: ClassVar[Via]
    OBSERVED: ClassVar[Via]

    @property
    def value(self) -> str:
        """The kinds in the order walks count them, joined: ``declared+observed``."""
        return "+".join(e.value for e in EVIDENCE if e in self.kinds)

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)

    def __or__(self, other: Via) -> Via:
        return Via(self.kinds | other.kinds)

    def __and__(self, kinds: frozenset[Evidence]) -> Via:
        return Via(self.kinds & kinds)

    @classmethod
    def of(cls, *kinds: Evidence) -> Via:
        return cls(frozenset(kinds))


Via.DECLARED = Via.of(Evidence.DECLARED)
Via.DEPLOYED = Via.of(Evidence.DEPLOYED)
Via.OBSERVED = Via.of(Evidence.OBSERVED)
ALL_EVIDENCE = frozenset(Evidence)
