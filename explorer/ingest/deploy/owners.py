"""Which label or tag of a deploy file names an owner: one rule for Compose labels,
Kubernetes labels and annotations, and Terraform tags.

A key names an owner when its last part (after the last ``/`` or ``.``: ``owner``,
``com.example.team``, ``example.com/owner``), in any case, is one of ``OWNER_KEYS``;
an ``owner`` key is preferred to a ``team`` key when a file says both.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = ["OWNER_KEYS", "owner_key", "owner_of"]

OWNER_KEYS = ("owner", "owned-by", "owned_by", "owner_team", "owning-team", "team", "team-name")


def owner_key(key: str) -> int | None:
    """How strongly ``key`` names an owner: its place in ``OWNER_KEYS``; None if it does not.

    >>> owner_key("com.example.team"), owner_key("app.kubernetes.io/owner"), owner_key("tier")
    (5, 0, None)
    """
    last = re.split(r"[/.]", key.strip())[-1].casefold()
    return OWNER_KEYS.index(last) if last in OWNER_KEYS else None


def owner_of(labels: Mapping[str, object]) -> str | None:
    """The owner a set of labels names, by the strongest owner key; None for none."""
    found = [
        (rank, str(value).strip())
        for key, value in labels.items()
        if (rank := owner_key(str(key))) is not None and str(value).strip()
    ]
    return min(found)[1] if found else None
