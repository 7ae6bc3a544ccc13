"""The window's actions, as one table: name, text, keys, menu and place in it.

The table is the one statement of what the window can do and with which keys: the menus,
the toolbar, the shortcut sheet, every hint a panel shows ("Analyse ▸ Dependency cycles
(Ctrl+Shift+Y)") and the README's shortcut table (a test compares) are made from it. What
an action does is declared beside its code: a command group marks the method with
``@handles("name")`` (as qutebrowser registers its commands), and the window binds each row
to the one method that handles it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtGui import QKeySequence

__all__ = [
    "ACTIONS",
    "BY_NAME",
    "COPY_ROSTER_KEYS",
    "COPY_ROWS_KEYS",
    "OTHER_KEYS",
    "TOOLBAR",
    "ActionSpec",
    "handlers_of",
    "handles",
    "hint",
    "keys_text",
    "menu_path",
    "toolbar_text",
]

Key = str | QKeySequence.StandardKey
_STD = QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    """One action; ``group`` starts a new section of its menu when it changes."""

    name: str
    text: str
    keys: tuple[Key, ...] = ()
    menu: str = ""
    group: int = 0
    icon_text: str = ""  # the toolbar's words, when the menu's are too long
    submenu: bool = False  # not an action: a submenu the window fills (the recent list)
    checkable: bool = False  # a setting that is on or off; its handler takes the new state


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("open", "&Open files…", (_STD.Open,), "File"),
    ActionSpec("open_folder", "Open &folder…", ("Ctrl+Shift+O",), "File"),
    ActionSpec("open_endpoint", "Open SPARQL &endpoint…", ("Ctrl+L",), "File"),
    ActionSpec("recent", "Open &recent", (), "File", submenu=True),
    ActionSpec("compare", "&Compare with snapshot…", ("Ctrl+D",), "File", 1),
    ActionSpec("stop_compare", "S&top comparing", ("Ctrl+Shift+D",), "File", 1),
    ActionSpec("snapshot", "Export &snapshot…", ("Ctrl+E",), "File", 2),
    ActionSpec("image", "Export view as &image…", ("Ctrl+Shift+E",), "File", 2),
    ActionSpec(
        "image_heading", "Title and legend in exported images", (), "File", 2, checkable=True
    ),
    ActionSpec("save_roster", "Save the &roster…", ("Ctrl+Shift+S",), "File", 2),
    ActionSpec("brief", "Export &brief…", ("Ctrl+Shift+B",), "File", 2),
    ActionSpec("save_context", "&Save context", (_STD.Save,), "File", 3),
    ActionSpec("save_context_as", "Save context &as…", ("Ctrl+Alt+S",), "File", 3),
    ActionSpec("quit", "&Quit", (_STD.Quit,), "File", 4),
    ActionSpec("undo", "&Undo", (_STD.Undo,), "Edit"),
    ActionSpec("redo", "&Redo", ("Ctrl+Shift+Z", "Ctrl+Y"), "Edit"),
    ActionSpec("history", "Undo &history", ("Ctrl+H",), "Edit"),
    ActionSpec("add_node", "Add a &node…", ("Ctrl+Shift+N",), "Edit", 1),
    ActionSpec("change_node", "&Change the selected node…", ("F2",), "Edit", 1),
    ActionSpec("add_relation", "Add a &relation from it…", ("Ctrl+Shift+R",), "Edit", 1),
    ActionSpec("remove_relation", "Re&move a relation of it…", ("Shift+Del",), "Edit", 1),
    ActionSpec("verified", "Mark assumption &verified…", (), "Edit", 1),
    ActionSpec("invalid", "Mark assumption &invalid…", (), "Edit", 1),
    ActionSpec("ask", "Ask a &question…", ("Ctrl+Shift+Q",), "Edit", 2),
    ActionSpec("questions", "Open &questions", ("Ctrl+Shift+J",), "Edit", 2),
    ActionSpec("author", "Your &name…", (), "Edit", 3),
    ActionSpec("find", "&Search", (_STD.Find, "Ctrl+K"), "View"),
    ActionSpec("whole", "&Whole graph", ("Ctrl+1",), "View"),
    ActionSpec("focus", "&Focus on selection", ("Ctrl+2",), "View"),
    ActionSpec("more_hops", "More hops", ("Ctrl+]",), "View"),
    ActionSpec("fewer_hops", "Fewer hops", ("Ctrl+[",), "View"),
    ActionSpec("open_group", "Open the selected &group", ("Alt+Down",), "View"),
    ActionSpec("group_back", "&Back out of the group", ("Backspace", "Alt+Up"), "View"),
    ActionSpec("filters", "F&ilters…", ("Ctrl+Shift+L",), "View", 1),
    ActionSpec("clear_filters", "Clear filters", ("Ctrl+Shift+X",), "View", 1),
    ActionSpec("programs", "&Programs", ("Ctrl+Shift+P",), "View", 1),
    ActionSpec("fit", "Fit to &view", ("Ctrl+0",), "View", 2),
    ActionSpec("zoom_in", "Zoom &in", (_STD.ZoomIn,), "View", 2),
    ActionSpec("zoom_out", "Zoom &out", (_STD.ZoomOut,), "View", 2),
    ActionSpec(
        "blast",
        "&Blast radius: affected if it fails",
        ("B",),
        "Analyse",
        icon_text="Affected if it fails",
    ),
    ActionSpec("upstream", "&Upstream: what it needs", ("U",), "Analyse", icon_text="Needs"),
    ActionSpec("clear", "&Clear highlight", ("Esc",), "Analyse"),
    ActionSpec("cycles", "Dependency &cycles", ("Ctrl+Shift+Y",), "Analyse", 1),
    ActionSpec("spof", "Single points of &failure", ("Ctrl+Shift+F",), "Analyse", 1),
    ActionSpec("shortcuts", "&Keyboard shortcuts", (_STD.HelpContents,), "Help"),
    ActionSpec("about", "&About Infra Context Explorer", (), "Help"),
)
BY_NAME: dict[str, ActionSpec] = {spec.name: spec for spec in ACTIONS}

COPY_ROSTER_KEYS = "Ctrl+Shift+C"  # the impact panel's Copy button
COPY_ROWS_KEYS = "Ctrl+C"  # in any list: the rows selected, or all, as a Markdown table
# keys that are not actions: what the search box, the lists and the canvas answer to
OTHER_KEYS: tuple[tuple[str, str], ...] = (
    ("Up / Down in the search box", "move through the results"),
    ("Enter in the search box", "select the result (the best one unless moved), centre it"),
    ("Esc in the search box", "clear the highlight; pressed again, clear the text"),
    ("Enter or a click in a list", "select that node"),
    ("Drag / wheel on the canvas", "pan / zoom"),
    ("Double-click a node", "bring its neighbours into the focus view"),
    (
        "Ctrl+click / Shift+click a node or a search result",
        "add it to the selection (Ctrl+click again: take it out); an analysis answers for all",
    ),
    ("Enter or double-click a program", "the blast radius of all it changes"),
    (f"{COPY_ROSTER_KEYS} in the impact panel", "copy the roster as Markdown"),
    (f"{COPY_ROWS_KEYS} in a list", "copy the rows selected (all when none is) as Markdown"),
    ("Right-click a list", "copy it as Markdown or CSV, or save it as CSV"),
)

# the toolbar, left to right: action names, "|" for a separator, other names for widgets
TOOLBAR = (
    "open",
    "whole",
    "focus",
    "hops",
    "|",
    "blast",
    "upstream",
    "clear",
    "|",
    "filters",
    "fit",
    "snapshot",
)

Method = TypeVar("Method", bound=Callable[..., Any])
_MARK = "__handles_action__"


def handles(name: str) -> Callable[[Method], Method]:
    """Mark a method as what the action ``name`` does (a row of ``ACTIONS``)."""
    if name not in BY_NAME or BY_NAME[name].submenu:
        raise KeyError(f"no action named {name!r} in ui.actions.ACTIONS")

    def mark(method: Method) -> Method:
        setattr(method, _MARK, name)
        return method

    return mark


def handlers_of(*groups: object) -> dict[str, Callable[..., None]]:
    """Action name -> the bound method of ``groups`` that handles it; an action handled
    twice is a mistake, said at once."""
    found: dict[str, Callable[..., None]] = {}
    for group in groups:
        for attribute in dir(type(group)):
            name = getattr(getattr(type(group), attribute, None), _MARK, None)
            if name is None:
                continue
            if name in found:
                raise ValueError(f"the action {name!r} has two handlers")
            found[name] = getattr(group, attribute)
    return found


def keys_text(spec: ActionSpec) -> str:
    """An action's keys as the user's platform writes them (``Ctrl+F, Ctrl+K``)."""
    return ", ".join(
        QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in spec.keys
    )


def hint(name: str) -> str:
    """The first key of an action, for a hint in a panel (``Ctrl+Shift+Y``)."""
    spec = BY_NAME[name]
    return keys_text(ActionSpec(spec.name, spec.text, spec.keys[:1])) if spec.keys else ""


def menu_path(name: str) -> str:
    """Where an action is in the menus, with its key: ``Analyse ▸ Dependency cycles
    (Ctrl+Shift+Y)``."""
    spec = BY_NAME[name]
    keys = f" ({hint(name)})" if spec.keys else ""
    return f"{spec.menu} ▸ {spec.text.replace('&', '')}{keys}"


def toolbar_text(spec: ActionSpec) -> str:
    """The toolbar's words for an action, with its key: ``Needs (U)``."""
    return f"{spec.icon_text} ({hint(spec.name)})" if spec.keys else spec.icon_text
