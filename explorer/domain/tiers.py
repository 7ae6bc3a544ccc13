"""What a tier is, however a source writes it: ``1``, ``"1"``, ``"tier 1"``, ``"T1"``.

One pattern decides, the same in the importers, the index, the code engine, the SHACL
shapes (``sh:pattern``) and the SPARQL queries, so a tier means the same everywhere.
"""

from __future__ import annotations

import re

__all__ = ["TIERS", "TIER_PATTERN", "parse_tier", "tier_problem", "tier_weight"]

TIERS = (1, 2, 3)  # 1 is the most critical
# in the syntax XPath, SHACL, SPARQL and Python share; matched ignoring case
TIER_PATTERN = rf"^\s*(tier\s*|t)?0*[{TIERS[0]}-{TIERS[-1]}]\s*$"
_TIER = re.compile(TIER_PATTERN, re.IGNORECASE)


def parse_tier(text: object) -> int | None:
    """The tier ``text`` names, None if it names none.

    >>> [parse_tier(t) for t in (1, "2", " tier 3", "T1", "01", "gold", "7", None)]
    [1, 2, 3, 1, 1, None, None, None]
    """
    if text is None:
        return None
    found = _TIER.match(str(text))
    return int(found.group(0).strip()[-1]) if found else None


def tier_problem(text: object) -> str:
    """What is wrong with a tier that names none."""
    listed = ", ".join(map(str, TIERS[:-1])) + f" or {TIERS[-1]}"
    return f"tier is {str(text)!r}: expected {listed} (also written 'tier 1' or 'T1')"


def tier_weight(tier: int | None) -> int:
    """How much a hurt node counts: tier 1 counts 3, tier 2 counts 2, the rest 1.

    >>> [tier_weight(t) for t in (1, 2, 3, None)]
    [3, 2, 1, 1]
    """
    return len(TIERS) + 1 - tier if tier in TIERS else 1
