"""Today, as the gap rules see it: ``$INFRA_EXPLORER_TODAY`` (YYYY-MM-DD) when set, so a
test, a rebuild or a what-if ("which questions will be overdue on Friday?") can fix it."""

from __future__ import annotations

import os
from datetime import date

from explorer.domain.errors import InputError

__all__ = ["TODAY_VARIABLE", "today"]

TODAY_VARIABLE = "INFRA_EXPLORER_TODAY"


def today() -> date:
    fixed = os.environ.get(TODAY_VARIABLE, "").strip()
    if not fixed:
        return date.today()
    try:
        return date.fromisoformat(fixed)
    except ValueError:
        raise InputError(
            None, None, f"${TODAY_VARIABLE} must be a date (YYYY-MM-DD), not {fixed!r}"
        ) from None
