"""The shapes of what is asked of an estate: the nodes a question is about (one, or a
scope of several), and the work a fresh load leaves for after the answer."""

from __future__ import annotations

from collections.abc import Callable, Sequence

__all__ = ["Keep", "Nodes", "several"]

Keep = Callable[[], None]  # keeping a fresh load for the next command, once it has answered

Nodes = str | Sequence[str]  # one node's IRI, or a scope's (a program's changes)


def several(nodes: Nodes) -> list[str]:
    """The IRIs of ``nodes``, each once, in the order given."""
    return list(dict.fromkeys([nodes] if isinstance(nodes, str) else nodes))
