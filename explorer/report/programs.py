"""The programs of an estate, as text and JSON: what each changes, and who runs it."""

from __future__ import annotations

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


def programs_text(programs: list[Program]) -> str:
    """One paragraph per program: its name, who runs it, what it changes, and how to ask
    about it."""
    if not programs:
        return "No programs. Add one under 'programs:' in a YAML estate, or in the app."
    lines = [f"{len(programs)} program(s)"]
    for p in programs:
        owners = ", ".join(o.name for o in p.owners) or "nobody"
        lines += ["", f"{p.entity.name}, run by {owners}"]
        if p.entity.description:
            lines.append(f"  {p.entity.description}")
        changes = ", ".join(c.name for c in p.changes) or "nothing yet"
        lines.append(f"  changes: {changes}")
        lines.append(f"  ask: blast-radius --program {p.entity.id}")
    return "\n".join(lines)
