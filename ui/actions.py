"""The window's actions, from one table: text, shortcuts, handler, menu and toolbar.

Menus, the toolbar and the shortcuts all come from ``ACTIONS``, so an action is declared
once and shows the same shortcut everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar, QWidget

__all__ = [
    "ACTIONS",
    "OTHER_KEYS",
    "TOOLBAR",
    "ActionSpec",
    "install_actions",
    "install_toolbar",
    "shortcut_text",
]

Key = str | QKeySequence.StandardKey
_STD = QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    """One action. ``handler`` names a method of the window's commands that takes no
    argument; ``group`` starts a new section of its menu when it changes."""

    name: str
    text: str
    handler: str
    keys: tuple[Key, ...] = ()
    menu: str = ""
    group: int = 0
    icon_text: str = ""
    submenu: bool = False  # not an action: a submenu the window fills (the recent list)
    checkable: bool = False  # a setting that is on or off; its handler reads the action


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("open", "&Open files…", "ask_files", (_STD.Open,), "File"),
    ActionSpec("open_folder", "Open &folder…", "ask_folder", ("Ctrl+Shift+O",), "File"),
    ActionSpec("open_endpoint", "Open SPARQL &endpoint…", "ask_endpoint", ("Ctrl+L",), "File"),
    ActionSpec("recent", "Open &recent", "", (), "File", submenu=True),
    ActionSpec("compare", "&Compare with snapshot…", "ask_compare", ("Ctrl+D",), "File", 1),
    ActionSpec("stop_compare", "S&top comparing", "stop_comparing", ("Ctrl+Shift+D",), "File", 1),
    ActionSpec("snapshot", "Export &snapshot…", "ask_snapshot", ("Ctrl+E",), "File", 2),
    ActionSpec("image", "Export view as &image…", "ask_image", ("Ctrl+Shift+E",), "File", 2),
    ActionSpec(
        "image_heading",
        "Title and legend in exported images",
        "remember_image_heading",
        (),
        "File",
        2,
        checkable=True,
    ),
    ActionSpec("save_roster", "Save the &roster…", "save_roster", ("Ctrl+Shift+S",), "File", 2),
    ActionSpec("save_context", "&Save context", "context.save_context", (_STD.Save,), "File", 3),
    ActionSpec(
        "save_context_as",
        "Save context &as…",
        "context.save_context_as",
        ("Ctrl+Alt+S",),
        "File",
        3,
    ),
    ActionSpec("quit", "&Quit", "quit", (_STD.Quit,), "File", 4),
    ActionSpec("undo", "&Undo", "context.undo", (_STD.Undo,), "Edit"),
    ActionSpec("redo", "&Redo", "context.redo", ("Ctrl+Shift+Z", "Ctrl+Y"), "Edit"),
    ActionSpec("history", "Undo &history", "context.show_history", ("Ctrl+H",), "Edit"),
    ActionSpec("add_node", "Add a &node…", "context.add_node", ("Ctrl+Shift+N",), "Edit", 1),
    ActionSpec(
        "change_node", "&Change the selected node…", "context.change_node", ("F2",), "Edit", 1
    ),
    ActionSpec(
        "add_relation",
        "Add a &relation from it…",
        "context.add_relation",
        ("Ctrl+Shift+R",),
        "Edit",
        1,
    ),
    ActionSpec(
        "remove_relation",
        "Re&move a relation of it…",
        "context.remove_relation",
        ("Shift+Del",),
        "Edit",
        1,
    ),
    ActionSpec("verified", "Mark assumption &verified…", "context.mark_verified", (), "Edit", 1),
    ActionSpec("invalid", "Mark assumption &invalid…", "context.mark_invalid", (), "Edit", 1),
    ActionSpec("ask", "Ask a &question…", "context.ask_question", ("Ctrl+Shift+Q",), "Edit", 2),
    ActionSpec(
        "questions", "Open &questions", "context.show_questions", ("Ctrl+Shift+J",), "Edit", 2
    ),
    ActionSpec("author", "Your &name…", "context.set_author", (), "Edit", 3),
    ActionSpec("find", "&Search", "find", (_STD.Find, "Ctrl+K"), "View"),
    ActionSpec("whole", "&Whole graph", "show_whole", ("Ctrl+1",), "View"),
    ActionSpec("focus", "&Focus on selection", "show_focus", ("Ctrl+2",), "View"),
    ActionSpec("more_hops", "More hops", "more_hops", ("Ctrl+]",), "View"),
    ActionSpec("fewer_hops", "Fewer hops", "fewer_hops", ("Ctrl+[",), "View"),
    ActionSpec(
        "open_group", "Open the selected &group", "open_selected_group", ("Alt+Down",), "View"
    ),
    ActionSpec(
        "group_back", "&Back out of the group", "group_back", ("Backspace", "Alt+Up"), "View"
    ),
    ActionSpec("filters", "F&ilters…", "show_filters", ("Ctrl+Shift+L",), "View", 1),
    ActionSpec("clear_filters", "Clear filters", "clear_filters", ("Ctrl+Shift+X",), "View", 1),
    ActionSpec("fit", "Fit to &view", "fit", ("Ctrl+0",), "View", 2),
    ActionSpec("zoom_in", "Zoom &in", "zoom_in", (_STD.ZoomIn,), "View", 2),
    ActionSpec("zoom_out", "Zoom &out", "zoom_out", (_STD.ZoomOut,), "View", 2),
    ActionSpec(
        "blast",
        "&Blast radius: affected if it fails",
        "blast_radius",
        ("B",),
        "Analyse",
        icon_text="Affected if it fails (B)",
    ),
    ActionSpec(
        "upstream", "&Upstream: what it needs", "upstream", ("U",), "Analyse", icon_text="Needs (U)"
    ),
    ActionSpec("clear", "&Clear highlight", "clear_highlight", ("Esc",), "Analyse"),
    ActionSpec("cycles", "Dependency &cycles", "cycles", ("Ctrl+Shift+Y",), "Analyse", 1),
    ActionSpec(
        "spof", "Single points of &failure", "single_points", ("Ctrl+Shift+F",), "Analyse", 1
    ),
    ActionSpec("shortcuts", "&Keyboard shortcuts", "show_shortcuts", (_STD.HelpContents,), "Help"),
    ActionSpec("about", "&About Infra Context Explorer", "show_about", (), "Help"),
)

# keys that are not actions: what the search box, the lists and the canvas answer to
OTHER_KEYS: tuple[tuple[str, str], ...] = (
    ("Up / Down in the search box", "move through the results"),
    ("Enter in the search box", "select the result (the best one unless moved), centre it"),
    ("Esc in the search box", "clear the highlight; pressed again, clear the text"),
    ("Enter or a click in a list", "select that node"),
    ("Drag / wheel on the canvas", "pan / zoom"),
    ("Double-click a node", "bring its neighbours into the focus view"),
    ("Ctrl+Shift+C in the impact panel", "copy the roster as Markdown"),
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


def _action(window: QMainWindow, spec: ActionSpec, commands: object) -> QAction:
    action = QAction(spec.text, window)
    keys = [QKeySequence(k) for k in spec.keys]
    if keys:
        action.setShortcuts(keys)
        action.setToolTip(f"{spec.text.replace('&', '')} ({keys[0].toString()})")
    if spec.icon_text:
        action.setIconText(spec.icon_text)
    action.setCheckable(spec.checkable)
    handler = attrgetter(spec.handler)(commands)  # "context.undo": a method of a part
    action.triggered.connect(lambda _checked=False: handler())
    window.addAction(action)
    return action


def install_actions(
    window: QMainWindow, commands: object, specs: tuple[ActionSpec, ...] = ACTIONS
) -> tuple[dict[str, QAction], dict[str, QMenu]]:
    """Make every action of ``specs`` and put it in its menu; returns the actions, and the
    menus and submenus by name."""
    actions: dict[str, QAction] = {}
    menus: dict[str, QMenu] = {}
    last_group: dict[str, int] = {}
    for spec in specs:
        if spec.menu not in menus:
            menus[spec.menu] = window.menuBar().addMenu(f"&{spec.menu}")
        menu = menus[spec.menu]
        if last_group.setdefault(spec.menu, spec.group) != spec.group:
            menu.addSeparator()
            last_group[spec.menu] = spec.group
        if spec.submenu:
            menus[spec.name] = menu.addMenu(spec.text)
            continue
        actions[spec.name] = _action(window, spec, commands)
        menu.addAction(actions[spec.name])
    return actions, menus


def install_toolbar(
    window: QMainWindow, actions: dict[str, QAction], widgets: dict[str, QWidget]
) -> QToolBar:
    tools = window.addToolBar("Main")
    tools.setObjectName("main-toolbar")
    for name in TOOLBAR:
        if name == "|":
            tools.addSeparator()
        elif name in widgets:
            tools.addWidget(widgets[name])
        else:
            tools.addAction(actions[name])
    return tools


def shortcut_text(spec: ActionSpec) -> str:
    """An action's keys as the user's platform writes them (``Ctrl+F, Ctrl+K``)."""
    return ", ".join(
        QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in spec.keys
    )
