"""What the filter options of ``snapshot``, ``import`` and ``screenshot`` ask for
(``--kinds``, ``--relations``, ``--owner``, ``--tier``; their grammar is in the parser),
each a comma-separated list checked against what exists and turned into an
``explorer.views.filters.Filter``."""

from __future__ import annotations

import argparse

from explorer.domain.errors import InputError
from explorer.domain.kinds import KINDS
from explorer.domain.relations import BY_FIELD, BY_NAME
from explorer.domain.tiers import parse_tier
from explorer.estate import Estate
from explorer.views.filters import Filter

__all__ = ["filter_from"]


def _items(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def _refuse(option: str, value: str, known: list[str]) -> InputError:
    return InputError(None, None, f"{option}: unknown {value!r}; use one of {', '.join(known)}")


def _relation(text: str) -> str:
    name = text.replace("_", " ").casefold()
    if name in BY_NAME:
        return name
    field = BY_FIELD.get(text.casefold())
    if field is not None:
        return field[0].name
    raise _refuse("--relations", text, list(BY_NAME))


def filter_from(args: argparse.Namespace, estate: Estate) -> Filter:
    """The filter the options ask for; an unknown kind, relation, team or tier is an
    InputError that says what there is."""
    kinds = _items(args.kinds)
    for kind in kinds:
        if kind.casefold() not in KINDS:
            raise _refuse("--kinds", kind, list(KINDS))
    tiers = []
    for text in _items(args.tier):
        tier = parse_tier(text)
        if tier is None:
            raise _refuse("--tier", text, ["1", "2", "3"])
        tiers.append(tier)
    owners = [estate.details(estate.resolve(name)).entity.label for name in _items(args.owner)]
    return Filter(
        kinds=frozenset(k.casefold() for k in kinds),
        relations=frozenset(_relation(r) for r in _items(args.relations)),
        owners=frozenset(owners),
        tiers=frozenset(tiers),
    )
