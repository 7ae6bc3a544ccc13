"""The programs of an estate, as text and JSON: what each changes, and who runs it."""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from typing import Any

from explorer.analysis.programs import Program
from explorer.report.answers import node_json

__all__ = ["programs_json", "programs_text"]


def programs_json(programs: list[Program]) -> list[dict[str, Any]]:
    """``[{"id", "label", ..., "description", "owners", "changes"}]``, by name."""
    return [
        {
            **node_json(p.entity),
            "description": p.entity.description,
            "owners": [node_json(o) for o in p.owners],
            "changes": [node_json(c) for c in p.changes],
        }
        for p in programs
    ]


def programs_text(programs: list[Program], sources: Sequence[str] = ()) -> str:
    """One paragraph per program: its name, who runs it, what it changes, and how to ask
    about it (of the same ``sources``)."""
    if not programs:
        return "No programs. Add one under 'programs:' in a YAML estate, or in the app."
    lines = [f"{len(programs)} program(s)"]
    for p in programs:
        owners = ", ".join(o.name for o in p.owners) or "nobody"
        lines += ["", f"{p.entity.name}, run by {owners}"]
        if p.entity.description:
            lines.append(f"  {p.entity.description}")
        if not p.changes:
            lines.append("  changes: nothing yet (name what it changes under 'changes:')")
            continue
        lines.append(f"  changes: {', '.join(c.name for c in p.changes)}")
        ask = shlex.join(["blast-radius", "--program", p.entity.id, *sources])
        lines.append(f"  ask: {ask}")
    return "\n".join(lines)
