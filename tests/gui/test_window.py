"""The desktop app, driven through its real widgets with qtbot, offscreen."""

from __future__ import annotations

import html
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent, QGuiApplication, QImage, QPainterPath, QPalette
from PySide6.QtWidgets import QGraphicsSceneHoverEvent, QLabel, QMenu
from pytestqt.qtbot import QtBot
from rdflib import Graph
from rdflib.compare import isomorphic

from explorer.analysis import blast_radius, ownership_gaps, single_points_of_failure, upstream
from explorer.estate import Estate
from explorer.export.provenance import without_provenance
from explorer.ingest import load
from explorer.report import reach_csv, roster_csv, roster_markdown
from helpers import SAMPLES, node, opened
from ui.canvas import view_export
from ui.dialogs import messages as dialogs
from ui.panels import columns as models
from ui.panels import impact as impact_panel
from ui.panels import problems as problems_panel
from ui.panels.models import RecordTableModel
from ui.window.main_window import MainWindow

Write = Callable[[str, str | bytes], Path]
DNS = str(node("dns-service"))


def test_void_qt_calls_do_not_leak_references_to_none(qapp: object) -> None:
    """PySide6 6.12.0 drops a reference to None per void call and aborts (so pyproject.toml
    pins it below 6.12)."""
    path = QPainterPath()
    before = sys.getrefcount(None)
    for i in range(5000):
        path.moveTo(i, i)
        path.lineTo(i + 1, i)
    assert sys.getrefcount(None) - before > -100


class TestModels:
    @pytest.mark.parametrize(
        ("columns", "records"),
        [
            ("SEARCH_COLUMNS", lambda s: s.search("dns")),
            ("ENTITY_COLUMNS", lambda s: s.entities()),
            ("IMPACT_COLUMNS", lambda s: s.blast_radius(DNS).impacted),
            ("TEAM_COLUMNS", lambda s: s.blast_radius(DNS).teams),
            ("GAP_COLUMNS", lambda s: s.gaps()),
        ],
    )
    def test_every_table_model_passes_the_model_tester(
        self, qtmodeltester: object, sample_session: Estate, columns: str, records: object
    ) -> None:
        model = RecordTableModel(getattr(models, columns))
        model.set_records(records(sample_session))  # type: ignore[operator]
        assert model.rowCount() > 0
        qtmodeltester.check(model)  # type: ignore[attr-defined]
        record = model.data(model.index(0, 0), Qt.ItemDataRole.UserRole)
        assert record is model.records[0]


class TestPalette:
    def test_a_dark_system_palette_gives_a_dark_canvas(
        self, qtbot: QtBot, settings: QSettings, sample_session: Estate
    ) -> None:
        win = MainWindow(settings=settings)
        qtbot.addWidget(win)
        dark = QPalette()
        for role, colour in (
            (QPalette.ColorRole.Window, "#202124"),
            (QPalette.ColorRole.Base, "#17181a"),
            (QPalette.ColorRole.WindowText, "#e8eaed"),
        ):
            dark.setColor(role, QColor(colour))
        win.setPalette(dark)
        win.set_estate(sample_session)
        assert win.scene.backgroundBrush().color() == QColor("#17181a")
        assert all(item.dark for item in win.scene.nodes.values())


class TestCanvas:
    def test_shows_every_node_of_the_sample(self, window: MainWindow) -> None:
        assert window.workspace.estate is not None
        assert set(window.scene.nodes) == set(window.workspace.estate.whole().nodes)
        assert len(window.scene.nodes) > 40 and window.scene.edges
        assert window.workspace.mode == "whole" and "region-build.ttl" in window.windowTitle()

    def test_nodes_with_a_gap_are_marked(self, window: MainWindow) -> None:
        marked = {iri for iri, item in window.scene.nodes.items() if item.has_gap}
        assert marked == {g.entity.iri for g in ownership_gaps(load().graph)}

    def test_focus_view_and_double_click_expands(self, window: MainWindow, qtbot: QtBot) -> None:
        window.select(str(node("gps-clock")))
        qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
        ids = {i.rsplit("/", 1)[1] for i in window.scene.nodes}
        assert ids == {"gps-clock", "team-dc-ops", "time-sync", "vendor-meridian"}
        item = window.scene.nodes[str(node("time-sync"))]
        point = window.canvas.mapFromScene(item.pos())
        with qtbot.waitSignal(window.selection_changed):
            qtbot.mouseDClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)
        assert str(node("control-plane")) in window.scene.nodes  # time-sync's dependents
        assert window.workspace.selected == str(node("time-sync"))

    def test_clicking_a_node_selects_it(self, window: MainWindow, qtbot: QtBot) -> None:
        item = window.scene.nodes[DNS]
        with qtbot.waitSignal(window.selection_changed) as signal:
            qtbot.mouseClick(
                window.canvas.viewport(),
                Qt.MouseButton.LeftButton,
                pos=window.canvas.mapFromScene(item.pos()),
            )
        assert signal.args == [DNS] and item.chosen
        assert "Authoritative and recursive DNS" in window.details.toPlainText()

    def test_zoom_and_fit(self, window: MainWindow, qtbot: QtBot) -> None:
        fitted = window.canvas.zoom_level()
        window.canvas.zoom(2.0)
        assert window.canvas.zoom_level() == pytest.approx(fitted * 2.0)
        qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
        assert window.canvas.zoom_level() == pytest.approx(fitted)


class TestSearch:
    def test_typing_updates_results_and_enter_selects_and_centres(
        self, window: MainWindow, qtbot: QtBot
    ) -> None:
        qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
        assert window.search.query.hasFocus()
        qtbot.keyClicks(window.search.query, "time sync")
        qtbot.waitUntil(lambda: window.search.results.record_at(0).id == "time-sync")
        with qtbot.waitSignal(window.selection_changed) as signal:
            qtbot.keyClick(window.search.query, Qt.Key.Key_Return)
        assert signal.args == [str(node("time-sync"))]
        item = window.scene.nodes[str(node("time-sync"))]
        assert item.chosen
        centre = window.canvas.mapToScene(window.canvas.viewport().rect().center())
        assert (centre - item.pos()).manhattanLength() < 5

    def test_kind_filter(self, window: MainWindow) -> None:
        window.search.kind.setCurrentText("vendor")
        kinds = {hit.kind for hit in window.search.results.visible_records()}
        assert kinds == {"vendor"} and len(window.search.results.visible_records()) == 6

    def test_a_malformed_query_is_explained_not_raised(
        self, window: MainWindow, qtbot: QtBot
    ) -> None:
        qtbot.keyClicks(window.search.query, 'owner:"Network')
        qtbot.waitUntil(lambda: "a quote is not closed" in window.search.message.text())
        assert window.search.results.source.rowCount() == 0


class TestReach:
    def test_b_highlights_exactly_the_blast_radius(self, window: MainWindow, qtbot: QtBot) -> None:
        window.select(DNS)
        qtbot.keyClick(window.canvas, Qt.Key.Key_B)
        answer = blast_radius(load().graph, node("dns-service"))
        expected = {DNS: 0, **{i.entity.iri: i.distance for i in answer.impacted}}
        assert window.scene.highlighted() == expected
        faded = {iri for iri, item in window.scene.nodes.items() if item.faded}
        assert faded == set(window.scene.nodes) - set(expected)
        assert window.impact.heading.text().startswith(
            "Affected if Authoritative and recursive DNS"
        )
        assert window.impact.impacted.source.rowCount() == len(answer.impacted)
        attention = {t.entity.id: t.status for t in window.impact.teams.visible_records()}
        assert attention["team-legacy-infra"] == "dissolved"

    def test_u_shows_what_a_node_needs(self, window: MainWindow, qtbot: QtBot) -> None:
        window.select(str(node("control-plane")))
        qtbot.keyClick(window.canvas, Qt.Key.Key_U)
        answer = upstream(load().graph, node("control-plane"))
        assert len(window.scene.highlighted()) == len(answer.impacted) + 1
        assert window.impact.heading.text().startswith("Region control plane (control-plane) needs")

    def test_escape_clears_the_highlight(self, window: MainWindow, qtbot: QtBot) -> None:
        window.select(DNS)
        qtbot.keyClick(window.canvas, Qt.Key.Key_B)
        assert window.scene.highlighted()
        qtbot.keyClick(window.canvas, Qt.Key.Key_Escape)
        assert window.scene.highlighted() == {} and window.impact.answer is None

    def test_in_focus_view_the_reach_is_what_is_drawn(self, window: MainWindow) -> None:
        window.select(DNS)
        window.views.show_focus()
        window.analyses.blast_radius()
        assert set(window.scene.nodes) == set(window.scene.highlighted())

    def test_the_roster_copies_as_markdown_and_each_format_from_the_menu(
        self, window: MainWindow, qtbot: QtBot
    ) -> None:
        window.select(DNS)
        qtbot.keyClick(window.canvas, Qt.Key.Key_B)
        answer = blast_radius(load().graph, node("dns-service"))
        qtbot.mouseClick(window.impact.copy_button, Qt.MouseButton.LeftButton)
        assert QGuiApplication.clipboard().text() == roster_markdown(answer)
        qtbot.keyClick(window.impact, Qt.Key.Key_C, CTRL_SHIFT)
        assert QGuiApplication.clipboard().text() == roster_markdown(answer)
        menu = window.impact.copy_button.menu()
        assert menu is not None
        csv_copy = next(a for a in menu.actions() if a.text() == "Roster as CSV")
        csv_copy.trigger()
        assert QGuiApplication.clipboard().text() == roster_csv(answer)
        everything = next(a for a in menu.actions() if a.text() == "Everything reached as CSV")
        everything.trigger()
        assert QGuiApplication.clipboard().text() == reach_csv(answer)

    @pytest.mark.parametrize(("name", "writer"), [("roster.md", "md"), ("roster.csv", "csv")])
    def test_saving_the_roster_says_where(
        self,
        window: MainWindow,
        qtbot: QtBot,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        name: str,
        writer: str,
    ) -> None:
        window.select(DNS)
        qtbot.keyClick(window.canvas, Qt.Key.Key_B)
        target = tmp_path / name
        monkeypatch.setattr(
            impact_panel.QFileDialog, "getSaveFileName", lambda *args: (str(target), "")
        )
        with qtbot.waitSignal(window.impact.saved):
            qtbot.mouseClick(window.impact.save_button, Qt.MouseButton.LeftButton)
        answer = blast_radius(load().graph, node("dns-service"))
        expected = roster_markdown(answer) if writer == "md" else roster_csv(answer)
        assert target.read_bytes().decode("utf-8") == expected
        assert window.summary.text() == f"Saved the roster to {target}."


class TestGapsPanel:
    def test_sorted_by_impact_and_a_click_selects_the_node(
        self, window: MainWindow, qtbot: QtBot
    ) -> None:
        table = window.gaps.table
        impacts = [g.impact for g in table.visible_records()]
        assert impacts == sorted(impacts, reverse=True) and len(impacts) > 5
        second = table.record_at(1)
        rect = table.visualRect(table.source.index(1, 3))
        with qtbot.waitSignal(window.selection_changed) as signal:
            qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert signal.args == [second.entity.iri]

    def test_each_gap_says_its_next_step_and_whom_to_ask(self, window: MainWindow) -> None:
        model = window.gaps.table.source
        headers = [
            model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())
        ]
        column = headers.index("Next step")
        rows = range(model.rowCount())
        shown = [model.data(model.index(row, column)) for row in rows]
        tips = [model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole) for row in rows]
        expected = [g.next for g in window.gaps.table.visible_records()][: len(shown)]
        assert shown == expected and len(shown) > 5
        assert all(text in html.unescape(tip) for text, tip in zip(shown, tips, strict=True))
        assert "name an owner; ask Observability (owns Observability" in " ".join(shown)


CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


class TestStructure:
    def test_the_analyse_menu_offers_cycles_and_single_points_of_failure(
        self, window: MainWindow
    ) -> None:
        menu = next(m for m in window.findChildren(QMenu) if m.title() == "&Analyse")
        shortcuts = {a.text(): a.shortcut().toString() for a in menu.actions() if a.text()}
        assert shortcuts["Dependency &cycles"] == "Ctrl+Shift+Y"
        assert shortcuts["Single points of &failure"] == "Ctrl+Shift+F"

    def test_single_points_of_failure_are_listed_and_a_click_selects_one(
        self, window: MainWindow, qtbot: QtBot
    ) -> None:
        qtbot.keyClick(window, Qt.Key.Key_F, CTRL_SHIFT)
        table = window.structure.points.table
        qtbot.waitUntil(lambda: table.source.rowCount() > 0)
        expected = [p.entity.id for p in single_points_of_failure(load().graph)]
        assert [p.entity.id for p in table.visible_records()] == expected
        assert window.docks.structure_dock.isVisible()
        second = table.record_at(1)
        rect = table.visualRect(table.source.index(1, 2))
        with qtbot.waitSignal(window.selection_changed) as signal:
            qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert signal.args == [second.entity.iri]
        assert window.scene.nodes[second.entity.iri].chosen

    def test_a_click_on_a_cycle_focuses_the_view_on_it(
        self, window: MainWindow, qtbot: QtBot
    ) -> None:
        qtbot.keyClick(window, Qt.Key.Key_Y, CTRL_SHIFT)
        table = window.structure.cycles.table
        qtbot.waitUntil(lambda: table.source.rowCount() == 1)
        rect = table.visualRect(table.source.index(0, 1))
        with qtbot.waitSignal(window.selection_changed):
            qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        cycle = {DNS, str(node("network-controller"))}
        assert window.workspace.mode == "focus" and set(window.workspace.centres) == cycle
        assert cycle <= set(window.scene.nodes) and window.workspace.selected in cycle


class TestDetails:
    def test_relations_are_links_that_navigate(self, window: MainWindow, qtbot: QtBot) -> None:
        window.select(str(node("gps-clock")))
        text = window.details.toPlainText()
        assert "needed by Time sync (NTP)" in text and "region-build.ttl" in text
        with qtbot.waitSignal(window.selection_changed) as signal:
            window.details.anchorClicked.emit(QUrl("#0"))
        assert signal.args[0] != str(node("gps-clock"))


class TestOpening:
    def test_a_bad_file_keeps_the_open_graph_and_says_why(
        self, window: MainWindow, qtbot: QtBot, write: Write, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Nothing loads: the estate that was open stays, and the message says why."""
        shown: list[str] = []
        monkeypatch.setattr(dialogs, "show_error", lambda p, t, text: shown.append(text))
        before = (window.workspace.estate, set(window.scene.nodes))
        bad = write("bad.csv", "id,tier\n,9\n")  # its one row has no id: nothing loads
        with qtbot.waitSignal(window.load_failed, timeout=20_000):
            window.opening.open([bad])
        assert shown == [f"{bad}:2: column 'id': a service without an id"]
        assert (window.workspace.estate, set(window.scene.nodes)) == before
        assert "region-build.ttl" in window.windowTitle()

    def test_what_loads_opens_and_the_problems_are_listed_with_their_files(
        self, window: MainWindow, qtbot: QtBot, write: Write, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        opened: list[str] = []
        monkeypatch.setattr(
            problems_panel.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile())
        )
        bad = write("bad.csv", "id,tier\na,9\nb,1\n")
        with qtbot.waitSignal(window.loaded, timeout=20_000):
            window.opening.open([SAMPLES / "buyer-profile.yaml", bad])
        assert (
            str(node("profile-api")) in window.scene.nodes and str(node("b")) in window.scene.nodes
        )
        # the row with a bad cell stays, without the value the cell could not give
        assert str(node("a")) in window.scene.nodes
        assert window.workspace.estate.details(str(node("a"))).entity.tier is None  # type: ignore[union-attr]
        table = window.problems.table
        (finding,) = [f for f in table.visible_records() if f.severity == "problem"]
        assert (finding.where, finding.path) == ("bad.csv:2", str(bad))
        assert (
            window.docks.problems_dock.isVisible()
            and "1 problem(s) left out" in window.summary.text()
        )
        rect = table.visualRect(table.source.index(table.visible_records().index(finding), 2))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert opened == []  # a click selects the row
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert opened == [str(bad)]

    def test_opening_runs_in_the_background_then_replaces_the_graph(
        self, window: MainWindow, qtbot: QtBot
    ) -> None:
        with qtbot.waitSignal(window.loaded, timeout=20_000):
            job = window.opening.open([SAMPLES / "buyer-profile.yaml"])
            assert window.progress.isVisible() and window.cancel_button.isVisible()
        job.wait()
        assert "buyer-profile.yaml" in window.windowTitle()
        assert str(node("profile-api")) in window.scene.nodes
        assert not window.progress.isVisible()
        assert window.recent.menu.actions()[0].text().startswith("buyer-profile.yaml (in ")
        assert window.recent.menu.actions()[0].text().endswith("sample_graphs)")

    def test_cancel_keeps_the_graph_that_was_open(self, window: MainWindow, qtbot: QtBot) -> None:
        session = window.workspace.estate
        job = window.opening.open([SAMPLES / "buyer-profile.yaml"])
        with qtbot.waitSignal(job.cancelled, timeout=20_000):
            qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
        job.wait()
        assert window.workspace.estate is session and not window.progress.isVisible()
        assert "region-build.ttl" in window.windowTitle()

    def test_dropping_files_opens_them(self, window: MainWindow, qtbot: QtBot) -> None:
        data = QMimeData()
        data.setUrls([QUrl.fromLocalFile(str(SAMPLES / "buyer-profile.csv"))])
        drop = QDropEvent(
            QPointF(10, 10),
            Qt.DropAction.CopyAction,
            data,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        with qtbot.waitSignal(window.loaded, timeout=20_000):
            window.dropEvent(drop)
        window.jobs.wait()
        assert "buyer-profile.csv" in window.windowTitle()


def window_on(qtbot: QtBot, settings: QSettings, path: Path) -> MainWindow:
    """A window on the estate in ``path``."""
    win = MainWindow(opened([path]), settings=settings)
    qtbot.addWidget(win)
    return win


class TestUntrustedText:
    def test_a_label_with_html_is_shown_literally(
        self, qtbot: QtBot, settings: QSettings, write: Write
    ) -> None:
        path = write("evil.yaml", 'services:\n  - id: evil\n    label: "<b>bold</b> <img src=x>"\n')
        win = window_on(qtbot, settings, path)
        win.select(str(node("evil")))
        assert "<b>bold</b> <img src=x>" in win.details.toPlainText()
        assert win.scene.nodes[str(node("evil"))].text.startswith("<b>bold</b>")
        assert win.search.results.record_at(0).label == "<b>bold</b> <img src=x>"
        assert win.search.results.source.index(0, 0).data() == "<b>bold</b> <img src=x>"

    def test_every_label_is_plain_text_and_tooltips_are_escaped(
        self, qtbot: QtBot, settings: QSettings, write: Write
    ) -> None:
        path = write("evil.yaml", 'services:\n  - id: evil\n    label: "<img src=x>"\n')
        win = window_on(qtbot, settings, path)
        labels = win.findChildren(QLabel)
        assert labels and all(lb.textFormat() == Qt.TextFormat.PlainText for lb in labels)
        item = win.scene.nodes[str(node("evil"))]
        item.hoverEnterEvent(QGraphicsSceneHoverEvent())
        assert "&lt;img src=x&gt;" in item.toolTip() and "<img" not in item.toolTip()

    def test_an_extremely_long_label_is_elided_on_the_canvas(
        self, qtbot: QtBot, settings: QSettings, write: Write
    ) -> None:
        path = write("long.yaml", f"services:\n  - id: long\n    label: {'word ' * 20_000}\n")
        win = window_on(qtbot, settings, path)
        item = win.scene.nodes[str(node("long"))]
        assert item.text.endswith("…") and len(item.text) < 100
        assert item.boundingRect().width() < 400

    def test_a_load_that_fails_keeps_the_selection_and_the_panels(
        self, window: MainWindow, qtbot: QtBot, write: Write, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(dialogs, "show_error", lambda *args: None)
        chosen = str(node("dns-zone"))
        window.select(chosen)
        details, gaps = window.details.toPlainText(), window.gaps.table.model().rowCount()
        bad = write("bad.ttl", "@prefix ex: <http://e/> .\nex:a ex:b .\n")
        with qtbot.waitSignal(window.load_failed, timeout=20_000):
            window.opening.open([bad])
        assert window.workspace.selected == chosen and window.details.toPlainText() == details
        assert window.gaps.table.model().rowCount() == gaps > 0


class TestDamagedSettings:
    @pytest.mark.parametrize(
        "content",
        [
            b"[window]\ngeometry=not a layout\nstate=@ByteArray(garbage)\n",
            b"\x00\xff\xfe[window\ngeometry=@ByteArray(\x01\x02\nrecent=@Variant(\x00\x01)\n",
        ],
    )
    def test_the_window_opens_with_defaults_and_says_so(
        self,
        qtbot: QtBot,
        tmp_path: Path,
        sample_session: Estate,
        content: bytes,
        caplog: pytest.LogCaptureFixture,
    ) -> None:
        (tmp_path / "damaged.ini").write_bytes(content)
        settings = QSettings(str(tmp_path / "damaged.ini"), QSettings.Format.IniFormat)
        win = MainWindow(sample_session, settings=settings)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        assert win.scene.nodes
        assert "ignored" in caplog.text or "cannot be read" in caplog.text
        win.close()  # and the layout is saved over the damage
        assert isinstance(
            QSettings(str(tmp_path / "damaged.ini"), QSettings.Format.IniFormat).value(
                "window/state"
            ),
            QByteArray,
        )


class TestExports:
    @pytest.mark.parametrize(
        "suffix", [".ttl", ".nt", ".jsonld", ".trig", ".graphml", ".dot", ".csv"]
    )
    def test_snapshot_in_every_format(
        self, window: MainWindow, tmp_path: Path, suffix: str
    ) -> None:
        assert window.exports.export_snapshot(tmp_path / f"x{suffix}")
        assert (tmp_path / f"x{suffix}").stat().st_size > 1000
        if suffix == ".nt":
            snapshot = without_provenance(Graph().parse(tmp_path / "x.nt"))
            assert isomorphic(snapshot, load().graph)

    def test_a_snapshot_never_overwrites_an_open_source(
        self, qtbot: QtBot, settings: QSettings, write: Write, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        shown: list[str] = []
        monkeypatch.setattr(dialogs, "show_error", lambda p, t, text: shown.append(text))
        source = write("e.ttl", (SAMPLES / "region-build.ttl").read_text())
        win = MainWindow(opened([source]), settings=settings)
        qtbot.addWidget(win)
        assert not win.exports.export_snapshot(source)
        assert "refusing to overwrite" in shown[0]

    @pytest.mark.parametrize("suffix", [".png", ".svg"])
    def test_the_view_as_an_image(self, window: MainWindow, tmp_path: Path, suffix: str) -> None:
        out = tmp_path / f"view{suffix}"
        view_export.save_scene(window.scene, out)
        if suffix == ".png":
            assert QImage(str(out)).width() > 500
        else:
            labelled = [i.text for i in window.scene.nodes.values() if i.label_shown]
            assert labelled and b"<svg" in out.read_bytes()[:400]
            assert all(text.encode() in out.read_bytes() for text in labelled)


class TestCompare:
    def test_changes_since_a_snapshot_are_marked_and_listed(
        self, qtbot: QtBot, compared: MainWindow
    ) -> None:
        win = compared
        marked = {i: item.change for i, item in win.scene.nodes.items() if item.change}
        assert marked == {str(node("search-personalisation")): "changed"}
        rows = win.changes.table.visible_records()
        assert [(change, c.attribute) for change, c in rows] == [("changed", "owner")]
        assert win.changes.heading.text() == (
            "Since buyer-profile.yaml: 0 added, 0 removed, 1 changed."
        )
        rect = win.changes.table.visualRect(win.changes.table.source.index(0, 2))
        with qtbot.waitSignal(win.selection_changed) as signal:
            qtbot.mouseClick(
                win.changes.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
            )
        assert signal.args == [str(node("search-personalisation"))]
        win.opening.stop_comparing()
        assert not any(item.change for item in win.scene.nodes.values())
        assert win.workspace.mode == "whole"


def test_a_backstage_catalog_opens_with_its_owners_and_gaps(
    qtbot: QtBot, settings: QSettings
) -> None:
    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.loaded, timeout=20_000):
        job = win.opening.open([SAMPLES / "backstage"])
    job.wait()
    gaps = {(g.entity.id, g.rule) for g in win.gaps.table.visible_records()}
    assert ("component/default/fraud-check", "dangling-owner") in gaps
    win.select(str(node("resource/default/payments-db")))
    assert "owned by Platform Team" in win.details.toPlainText()


class TestSettings:
    def test_window_layout_is_remembered(
        self, qtbot: QtBot, settings: QSettings, sample_session: Estate
    ) -> None:
        first = MainWindow(sample_session, settings=settings)
        qtbot.addWidget(first)
        first.show()
        first.docks.gaps_dock.hide()
        first.close()
        second = MainWindow(sample_session, settings=settings)
        qtbot.addWidget(second)
        second.show()
        assert not second.docks.gaps_dock.isVisible() and second.docks.search_dock.isVisible()


def test_the_screenshot_command_renders_focus_and_blast_radius(
    qapp: object, tmp_path: Path
) -> None:
    from ui.launcher import main as launcher_main

    out = tmp_path / "shot.png"
    args = [
        "screenshot",
        "--focus",
        "dns-service",
        "--blast-radius",
        "dns-service",
        "-o",
        str(out),
        "--size",
        "1200x800",
    ]
    assert launcher_main(args) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, 800)


def test_no_two_actions_share_a_key(window: MainWindow) -> None:
    """A key bound twice fires neither action (Qt calls it ambiguous)."""
    bound: dict[str, str] = {}
    clashes = []
    for name, action in window.named_actions.items():
        for key in action.shortcuts():
            text = key.toString()
            if text in bound:
                clashes.append(f"{text}: {bound[text]} and {name}")
            bound[text] = name
    assert clashes == []
