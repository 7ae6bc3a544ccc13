"""The menus and the toolbar, made from the action table (``ui.actions``) and bound to the
methods that handle each action (``@handles`` in ``ui.commands``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar, QWidget

from ui.actions import ACTIONS, TOOLBAR, ActionSpec, toolbar_text

__all__ = ["action_for", "install_actions", "install_toolbar"]

Handler = Callable[..., None]


def action_for(window: QWidget, spec: ActionSpec, handler: Handler) -> QAction:
    """A ``QAction`` of ``window`` for ``spec``: its text, keys and tooltip, bound to
    ``handler`` (given the new state, for a setting that is on or off)."""
    action = QAction(spec.text, window)
    keys = [QKeySequence(k) for k in spec.keys]
    if keys:
        action.setShortcuts(keys)
        action.setToolTip(f"{spec.text.replace('&', '')} ({keys[0].toString()})")
    if spec.icon_text:
        action.setIconText(toolbar_text(spec))
    action.setCheckable(spec.checkable)
    if spec.checkable:
        action.toggled.connect(handler)
    else:
        action.triggered.connect(lambda _checked=False: handler())
    window.addAction(action)
    return action


def install_actions(
    window: QMainWindow, handlers: Mapping[str, Handler]
) -> tuple[dict[str, QAction], dict[str, QMenu]]:
    """Make every action of the table, bound to its handler, in its menu; returns the
    actions, and the menus and submenus by name. An action without a handler, or a
    handler without an action, is a mistake said at once."""
    wanted = {spec.name for spec in ACTIONS if not spec.submenu}
    if set(handlers) != wanted:
        missing, extra = sorted(wanted - set(handlers)), sorted(set(handlers) - wanted)
        raise ValueError(f"actions without a handler: {missing}; unknown actions: {extra}")
    actions: dict[str, QAction] = {}
    menus: dict[str, QMenu] = {}
    last_group: dict[str, int] = {}
    for spec in ACTIONS:
        if spec.menu not in menus:
            menus[spec.menu] = window.menuBar().addMenu(f"&{spec.menu}")
        menu = menus[spec.menu]
        if last_group.setdefault(spec.menu, spec.group) != spec.group:
            menu.addSeparator()
            last_group[spec.menu] = spec.group
        if spec.submenu:
            menus[spec.name] = menu.addMenu(spec.text)
            continue
        actions[spec.name] = action_for(window, spec, handlers[spec.name])
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
