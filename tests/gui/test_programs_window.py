"""Many changes, one answer, clicked and typed as a person does: several nodes picked with
Ctrl and Shift on the canvas and in the search list, B and U for all of them, the impact
panel's reasons and the nodes nobody answers for; a program made from the selection in
the Programs panel, recorded in the context file, answering as one written in YAML, and
undone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton, QTableView
from pytestqt.qtbot import QtBot
from test_context_window import _in_form, discard_when_closing
from test_session import CTRL, SHIFT, focused, press

from explorer.analysis import blast_radius
from explorer.estate import open_estate
from explorer.ingest import load
from explorer.report import nobody_words
from explorer.workspace.highlight import reach_distances
from helpers import SAMPLES, node
from test_program_edits import YAML, program_answer
from ui.window.main_window import MainWindow

SAMPLE = SAMPLES / "region-build.ttl"
CHANGES = ["dns-service", "kms", "vendor-quorum-dns"]
IRIS = [str(node(n)) for n in CHANGES]
LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture(autouse=True)
def closing_discards(monkeypatch: pytest.MonkeyPatch) -> None:
    discard_when_closing(monkeypatch)


@pytest.fixture
def fresh(window_on: Callable[[list[Path]], MainWindow]) -> MainWindow:
    """A window of its own on the sample: its edits change no other test's graph."""
    return window_on([SAMPLE])


def click_node(window: MainWindow, qtbot: QtBot, entity_id: str, held: Qt.KeyboardModifier) -> None:
    """Click a node on the canvas with ``held`` keys down, as a person does."""
    item = window.scene.nodes[str(node(entity_id))]
    pos = window.canvas.mapFromScene(item.pos())
    qtbot.mouseClick(window.canvas.viewport(), LEFT, held, pos=pos)


def pick_three(window: MainWindow, qtbot: QtBot) -> None:
    """dns-service clicked, kms and vendor-quorum-dns Ctrl+clicked."""
    click_node(window, qtbot, CHANGES[0], NONE)
    for entity_id in CHANGES[1:]:
        click_node(window, qtbot, entity_id, CTRL)
    qtbot.waitUntil(lambda: window.workspace.chosen == tuple(IRIS))


def click_row(qtbot: QtBot, table: QTableView, row: int, held: Qt.KeyboardModifier) -> None:
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), LEFT, held, pos=rect.center())


def cells(table: QTableView, header: str) -> dict[str, str]:
    """Name -> the text of the column ``header`` says, for every row the table shows."""
    model = table.model()
    columns = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    name, wanted = columns.index("Name"), columns.index(header)
    assert not table.isColumnHidden(wanted), header
    return {
        model.index(r, name).data(): model.index(r, wanted).data() for r in range(model.rowCount())
    }


def click(qtbot: QtBot, button: QPushButton) -> None:
    qtbot.mouseClick(button, LEFT, pos=button.rect().center())


def type_query(window: MainWindow, qtbot: QtBot, text: str) -> None:
    press(qtbot, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(focused(), text)
    qtbot.waitUntil(lambda: window.search.results.source.rowCount() > 0)
    qtbot.waitUntil(lambda: not window.search._debounce.isActive())


@pytest.fixture
def active(window: MainWindow, qtbot: QtBot) -> MainWindow:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return window


class TestSeveralSelected:
    def test_three_ctrl_clicks_and_b_answer_the_union_with_whom_nobody_tells(
        self, active: MainWindow, qtbot: QtBot
    ) -> None:
        window = active
        pick_three(window, qtbot)
        assert sorted(window.scene.selected()) == sorted(IRIS)  # each drawn as selected
        assert window.summary.text().startswith("3 nodes selected")
        press(qtbot, Qt.Key.Key_B)
        qtbot.waitUntil(lambda: window.impact.answer is not None)
        expected = blast_radius(load().graph, [node(n) for n in CHANGES])
        shown = window.impact.impacted.visible_records()
        assert [(i.entity.id, i.distance, i.reached_from) for i in shown] == [
            (i.entity.id, i.distance, i.reached_from) for i in expected.impacted
        ]
        assert window.scene.highlighted() == reach_distances(expected)
        assert all(window.scene.highlighted()[iri] == 0 for iri in IRIS)
        heading = window.impact.heading.text()
        assert heading.startswith("Affected if Authoritative and recursive DNS (dns-service),")
        assert "Key management (KMS) (kms) and Quorum DNS (vendor-quorum-dns) fail" in heading
        came = cells(window.impact.impacted, "From")
        assert came["Compute API"] == "dns-service, kms, vendor-quorum-dns"
        nobody = window.impact.nobody.table
        assert nobody.isVisible()
        assert [u.entity.id for u in nobody.visible_records()] == [
            u.entity.id for u in expected.nobody
        ]
        status_page = next(u for u in expected.nobody if u.entity.id == "status-page")
        assert cells(nobody, "Why")["Status page"] == "no owner"
        assert cells(nobody, "Ask")["Status page"] == status_page.ask.words()
        click_row(qtbot, nobody, nobody.visible_records().index(status_page), NONE)
        assert window.impact.detail.text() == f"{status_page.entity.name}: " + nobody_words(
            status_page
        )

    def test_teams_are_told_why_and_u_answers_for_all(
        self, active: MainWindow, qtbot: QtBot
    ) -> None:
        window = active
        pick_three(window, qtbot)
        press(qtbot, Qt.Key.Key_B)
        qtbot.waitUntil(lambda: window.impact.answer is not None)
        teams = window.impact.teams
        model = teams.model()
        owns = [
            c
            for c in range(model.columnCount())
            if model.headerData(c, Qt.Orientation.Horizontal) == "Owns here"
            and not teams.isColumnHidden(c)
        ]
        security = teams.visible_records().index(
            next(t for t in teams.visible_records() if t.entity.id == "team-security")
        )
        shown = model.index(security, owns[0]).data()
        assert shown == "iam (from dns-service, vendor-quorum-dns); kms (from kms)"
        press(qtbot, Qt.Key.Key_U)
        qtbot.waitUntil(lambda: window.workspace.reach.direction == "needs")  # type: ignore[union-attr]
        assert [e.iri for e in window.workspace.reach.changes] == IRIS  # type: ignore[union-attr]
        assert window.impact.heading.text().startswith("Authoritative and recursive DNS")

    def test_one_node_looks_as_before_with_nobody_said(
        self, active: MainWindow, qtbot: QtBot
    ) -> None:
        window = active
        click_node(window, qtbot, "customer-console", NONE)
        press(qtbot, Qt.Key.Key_B)
        qtbot.waitUntil(lambda: window.impact.answer is not None)
        impacted = window.impact.impacted
        headers = [impacted.model().headerData(c, Qt.Orientation.Horizontal) for c in range(8)]
        assert impacted.isColumnHidden(headers.index("From"))
        assert window.impact.nobody.heading.text().startswith("Nobody to tell: 1 node(s)")

    def test_shift_click_adds_and_ctrl_click_takes_out(
        self, active: MainWindow, qtbot: QtBot
    ) -> None:
        window = active
        click_node(window, qtbot, "dns-service", NONE)
        click_node(window, qtbot, "kms", SHIFT)
        assert window.workspace.chosen == (IRIS[0], IRIS[1])
        assert "Key management (KMS)" in window.details.toPlainText()  # the last one picked
        click_node(window, qtbot, "dns-service", CTRL)
        assert window.workspace.chosen == (IRIS[1],)
        assert window.scene.selected() == [IRIS[1]]

    def test_ctrl_click_in_the_search_list_adds_to_what_is_selected(
        self, active: MainWindow, qtbot: QtBot
    ) -> None:
        window = active
        results = window.search.results
        type_query(window, qtbot, "dns")
        ids = [h.id for h in results.visible_records()]
        click_row(qtbot, results, ids.index("dns-service"), NONE)
        click_row(qtbot, results, ids.index("vendor-quorum-dns"), CTRL)
        assert window.workspace.chosen == (IRIS[0], IRIS[2])
        # another query: the two stay selected though not listed, and kms joins them
        results_shown = window.search.searched
        with qtbot.waitSignal(results_shown):
            press(qtbot, Qt.Key.Key_F, CTRL)
            qtbot.keyClicks(focused(), "kms")
        qtbot.waitUntil(lambda: [h.id for h in results.visible_records()][:1] == ["kms"])
        click_row(qtbot, results, 0, CTRL)
        assert set(window.workspace.chosen) == set(IRIS)
        assert window.workspace.selected == IRIS[1]
        press(qtbot, Qt.Key.Key_B)
        qtbot.waitUntil(lambda: window.impact.answer is not None)
        assert {e.iri for e in window.workspace.reach.changes} == set(IRIS)  # type: ignore[union-attr]


def make_program(window: MainWindow, qtbot: QtBot) -> None:
    """New from selection…, the form filled in, recorded."""
    panel = window.docks.programs
    press(qtbot, Qt.Key.Key_P, CTRL | SHIFT)  # View ▸ Programs
    assert panel.new_button.isEnabled()
    count = window.recording.stack.count()
    answers = {
        "id": "program-cutover",
        "label": "Cutover",
        "description": "One change window before launch.",
        "owner": "person-ines",
    }
    _in_form(qtbot, answers)
    with qtbot.waitSignal(panel.listed, timeout=20_000):
        click(qtbot, panel.new_button)
    qtbot.waitUntil(lambda: window.recording.stack.count() == count + 1)


def save_to(window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, where: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(where), ""))
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    press(qtbot, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: " *" not in window.windowTitle())


class TestAProgramMadeInTheApp:
    def test_it_answers_as_the_same_program_written_in_yaml(
        self, fresh: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        pick_three(fresh, qtbot)
        make_program(fresh, qtbot)
        panel = fresh.docks.programs
        picked = panel.picked()
        assert picked is not None and picked.entity.id == "program-cutover"
        assert [c.id for c in picked.changes] == CHANGES  # by name, as it happens
        assert "Cutover, run by Inès Moreau" in panel.detail.text()
        save_to(fresh, qtbot, monkeypatch, tmp_path / "mine.ctx.ttl")
        written = tmp_path / "program.yaml"
        written.write_text(YAML)
        made = open_estate([SAMPLE, tmp_path / "mine.ctx.ttl"])
        yaml = open_estate([SAMPLE, written])
        assert program_answer(made) == program_answer(yaml)
        # Enter on the program in the panel: its blast radius, headed by it
        row = [p.entity.id for p in panel.table.visible_records()].index("program-cutover")
        click_row(qtbot, panel.table, row, NONE)
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: fresh.impact.answer is not None)
        assert fresh.impact.heading.text().startswith(
            "Program Cutover (program-cutover): affected if Authoritative and recursive DNS"
        )
        expected = program_answer(yaml)
        shown = fresh.impact.impacted.visible_records()
        assert [(i.entity.id, i.distance, list(i.reached_from)) for i in shown] == [
            (i["id"], i["distance"], i["reached_from"]) for i in expected["impacted"]
        ]
        assert [t.entity.id for t in fresh.impact.teams.visible_records()] == [
            t["id"] for t in expected["teams"]
        ]

    def test_undo_takes_it_out_of_the_panel_and_the_context_file(
        self, fresh: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        pick_three(fresh, qtbot)
        make_program(fresh, qtbot)
        where = tmp_path / "mine.ctx.ttl"
        save_to(fresh, qtbot, monkeypatch, where)
        assert "program-cutover" in where.read_text()
        panel = fresh.docks.programs
        with qtbot.waitSignal(panel.listed, timeout=20_000):
            press(qtbot, Qt.Key.Key_Z, CTRL)
        assert [p.entity.id for p in panel.programs] == ["program-dns-cutover"]
        context = fresh.workspace.estate.context  # type: ignore[union-attr]
        assert context is not None and context.statements == {}
        press(qtbot, Qt.Key.Key_S, CTRL)
        qtbot.waitUntil(lambda: "program-cutover" not in where.read_text())
        assert "program-cutover" not in {
            p.entity.id for p in open_estate([SAMPLE, where]).programs()
        }

    def test_the_selection_added_taken_out_and_a_program_deleted_undo_by_undo(
        self, fresh: MainWindow, qtbot: QtBot
    ) -> None:
        panel = fresh.docks.programs
        press(qtbot, Qt.Key.Key_P, CTRL | SHIFT)
        click_row(qtbot, panel.table, 0, NONE)  # DNS and key cutover
        click_node(fresh, qtbot, "iam", NONE)
        for button, changes in (
            (panel.add_button, {*CHANGES, "iam"}),
            (panel.remove_button, set(CHANGES)),
        ):
            _in_form(qtbot, {})
            with qtbot.waitSignal(panel.listed, timeout=20_000):
                click(qtbot, button)
            qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
            assert {c.id for c in panel.programs[0].changes} == changes
        _in_form(qtbot, {})
        with qtbot.waitSignal(panel.listed, timeout=20_000):
            click(qtbot, panel.delete_button)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.table)  # not lost
        assert panel.programs == [] and not panel.delete_button.isEnabled()
        assert "No programs yet" in panel.heading.text()
        for _ in range(3):
            with qtbot.waitSignal(panel.listed, timeout=20_000):
                press(qtbot, Qt.Key.Key_Z, CTRL)
        assert [p.entity.id for p in panel.programs] == ["program-dns-cutover"]
        assert {c.id for c in panel.programs[0].changes} == set(CHANGES)
