"""Infra Context Explorer: the engine. Loads, analyses, searches and exports the graph.

This package never imports Qt; the desktop app in ``ui/`` is a thin view over it.
"""

__version__ = "0.1.0"
