"""File ▸ Export brief in the window: the chosen program's or the highlight's brief, named
after it, written off the GUI thread; nothing chosen, or a format no brief is written as,
is said in a message."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from helpers import node
from ui.window.main_window import MainWindow

Asked = list[tuple[str, str]]


def _save_to(monkeypatch: pytest.MonkeyPatch, where: Path) -> Asked:
    """The save dialog answers ``where``; what it was asked (suggested name, filters)."""
    asked: Asked = []

    def save(parent: object, title: str, suggested: str, filters: str) -> tuple[str, str]:
        asked.append((suggested, filters))
        return str(where), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    return asked


def _errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        "ui.dialogs.messages.show_error", lambda parent, title, text: shown.append(text)
    )
    return shown


def test_the_chosen_programs_brief_is_written_in_the_background(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    where = tmp_path / "brief.html"
    asked = _save_to(monkeypatch, where)
    window.workspace.select(str(node("program-dns-cutover")))
    with qtbot.waitSignal(window.exports.brief.written, timeout=60_000):
        window.named_actions["brief"].trigger()
    suggested, filters = asked[0]
    assert suggested == "program-dns-cutover-brief.html"
    assert all(f"*{e}" in filters for e in (".html", ".md", ".pdf"))
    page = where.read_text(encoding="utf-8")
    assert "<h1>Brief: Program DNS and key cutover" in page and "<svg" in page
    assert "Status page" in page and "ask Observability" in page


def test_the_highlights_brief_as_markdown(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    where = tmp_path / "kms.md"
    asked = _save_to(monkeypatch, where)
    window.workspace.select(str(node("kms")))
    window.named_actions["blast"].trigger()
    qtbot.waitUntil(lambda: window.workspace.reach is not None, timeout=30_000)
    with qtbot.waitSignal(window.exports.brief.written, timeout=60_000):
        window.named_actions["brief"].trigger()
    assert asked[0][0] == "kms-brief.html"
    text = where.read_text(encoding="utf-8")
    assert text.startswith("# Brief: Affected if Key management (KMS) (kms) fails")


def test_nothing_chosen_or_a_wrong_format_is_said(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = _errors(monkeypatch)
    asked = _save_to(monkeypatch, tmp_path / "brief.txt")
    window.named_actions["brief"].trigger()
    assert asked == [] and "Select a node or a program" in shown[0]
    window.workspace.select(str(node("kms")))
    window.named_actions["brief"].trigger()
    assert "a brief is written as .html, .md, .pdf" in shown[1]
    assert not (tmp_path / "brief.txt").exists()


def test_while_comparing_the_brief_says_what_changed(
    compared: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    where = tmp_path / "recommendations.md"
    _save_to(monkeypatch, where)
    compared.workspace.select(str(node("recommendations")))
    with qtbot.waitSignal(compared.exports.brief.written, timeout=60_000):
        compared.named_actions["brief"].trigger()
    changed = where.read_text(encoding="utf-8").split("## What changed since buyer-profile.yaml")[1]
    assert "Search personalisation (search-personalisation): owner" in changed
