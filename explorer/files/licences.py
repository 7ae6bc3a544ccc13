"""The libraries this program runs with, and their licences, read from their own metadata.

The About box and ``--version`` list them as installed (or as bundled by the packaged
app, which carries their metadata), so the list is never a copy that goes stale. Qt is
the one that asks for more than a name: it is LGPL, so a user may obtain its sources and
relink the program against their own build; ``QT_SOURCES`` says where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, distribution

__all__ = ["DISTRIBUTION", "QT_SOURCES", "Library", "libraries"]

DISTRIBUTION = "infra-context-explorer"
QT_SOURCES = (
    "Qt and Qt for Python (PySide6, shiboken6) are used under the GNU LGPL version 3. "
    "Their sources are at https://download.qt.io/official_releases/qt/ and "
    "https://download.qt.io/official_releases/QtForPython/ (or code.qt.io); the packaged "
    "app keeps Qt's libraries as separate files in its _internal folder, which may be "
    "replaced by a build of one's own."
)
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*")


@dataclass(frozen=True)
class Library:
    name: str
    version: str
    licence: str
    home: str


def libraries() -> list[Library]:
    """Every library the program needs, directly or through another, by name."""
    seen: dict[str, Library] = {}
    todo = _needs(DISTRIBUTION)
    while todo:
        name = todo.pop()
        key = name.lower().replace("_", "-")
        if key in seen:
            continue
        try:
            found = distribution(name)
        except PackageNotFoundError:
            continue  # needed only on another platform, or not installed here
        meta = found.metadata
        seen[key] = Library(meta["Name"], found.version, _licence(meta), _home(meta))
        todo.extend(_needs(name))
    return sorted(seen.values(), key=lambda lib: lib.name.lower())


def _needs(name: str) -> list[str]:
    """The distributions ``name`` requires, leaving out extras and other platforms'."""
    try:
        required = distribution(name).requires or []
    except PackageNotFoundError:
        return []
    names = []
    for requirement in required:
        spec, _, marker = requirement.partition(";")
        if "extra" in marker:
            continue
        match = _NAME.match(spec.strip())
        if match:
            names.append(match.group(0))
    return names


def _licence(meta: object) -> str:
    """The SPDX expression if there is one, else the licence classifiers, else the first
    line of the licence field."""
    expression = meta.get("License-Expression")  # type: ignore[attr-defined]
    if expression:
        return str(expression)
    classifiers = meta.get_all("Classifier") or []  # type: ignore[attr-defined]
    named = [str(c).split(" :: ")[-1] for c in classifiers if str(c).startswith("License ::")]
    if named:
        return " / ".join(named)
    text = (meta.get("License") or "").strip().splitlines()  # type: ignore[attr-defined]
    return text[0][:60] if text else "see the library's own files"


def _home(meta: object) -> str:
    home = meta.get("Home-page")  # type: ignore[attr-defined]
    if home:
        return str(home)
    for url in meta.get_all("Project-URL") or []:  # type: ignore[attr-defined]
        label, _, address = url.partition(",")
        if label.strip().lower() in ("homepage", "source", "repository", "source code"):
            return address.strip()
    return ""
