"""The desktop app on a SPARQL endpoint: open it, analyse, cancel, export, and keep no
secret in the settings."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from explorer.analysis import blast_radius, ownership_gaps
from explorer.domain.vocab import iri_for_id
from explorer.ingest import load
from explorer.remote.endpoint import Endpoint
from explorer.report import reach_json
from helpers import SAMPLES
from sparql_servers import OxigraphServer, Proxy
from ui.dialogs.endpoint import EndpointDialog
from ui.window.main_window import MainWindow

SECRET = "gui-s3cret-0815"
GRAPH = "https://tests.infra-context.dev/graph/region-build"


@pytest.fixture(scope="module")
def server() -> Iterator[OxigraphServer]:
    running = OxigraphServer()
    running.put(load([SAMPLES / "region-build.ttl"]).graph, GRAPH)
    yield running
    running.close()


@pytest.fixture
def proxy(server: OxigraphServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[Proxy]:
    monkeypatch.setenv("INFRA_EXPLORER_SPARQL_TOKEN", SECRET)
    between = Proxy(server.query_url, password=SECRET)
    yield between
    between.close()


def _open(window: MainWindow, qtbot: QtBot, endpoint: Endpoint) -> None:
    with qtbot.waitSignal(window.loaded, timeout=60_000):
        window.opening.open([endpoint.source])


def test_an_endpoint_opens_and_answers_as_the_file_does(
    window: MainWindow, qtbot: QtBot, proxy: Proxy, settings: QSettings, tmp_path: Path
) -> None:
    graph = load([SAMPLES / "region-build.ttl"]).graph
    _open(window, qtbot, Endpoint(proxy.url, GRAPH))
    assert "66 entities at 127.0.0.1" in window.summary.text()  # the undefined team too
    assert window.windowTitle().startswith("127.0.0.1")
    assert window.workspace.estate is not None
    assert window.workspace.estate.gaps() == ownership_gaps(graph)
    assert not window.named_actions["compare"].isEnabled()

    dns = str(iri_for_id("dns-zone"))
    window.search.query.setText("eu-sovereign-1 DNS zone")
    with qtbot.waitSignal(window.search.searched, timeout=60_000):
        qtbot.keyClick(window.search.query, Qt.Key.Key_Return)
    assert window.workspace.selected == dns
    assert "From sparql+http://127.0.0.1" in window.details.toPlainText()
    qtbot.keyClick(window.canvas, Qt.Key.Key_B)
    qtbot.waitUntil(lambda: window.workspace.reach is not None, timeout=60_000)
    assert window.workspace.reach is not None
    assert reach_json(window.workspace.reach) == reach_json(
        blast_radius(graph, iri_for_id("dns-zone"))
    )

    target = tmp_path / "copy.ttl"
    with qtbot.waitSignal(window.exported, timeout=60_000):
        window.exports.export_snapshot(target)
    assert len(load([target]).graph) > len(graph)  # the estate and the copy's provenance

    window.close()
    stored = Path(settings.fileName()).read_text(encoding="utf-8")
    assert "sparql+http://127.0.0.1" in stored  # the endpoint is in the recent list
    for written in (stored, target.read_text(encoding="utf-8")):
        assert SECRET not in written
    assert all(h.get("Authorization") == f"Bearer {SECRET}" for h in proxy.seen)


def test_a_slow_endpoint_search_leaves_the_app_responsive_and_shows_the_latest_query(
    window: MainWindow, qtbot: QtBot, proxy: Proxy
) -> None:
    _open(window, qtbot, Endpoint(proxy.url, GRAPH))
    release = threading.Event()
    proxy.fail = lambda n: release.wait(30) and None  # type: ignore[assignment, func-returns-value]
    try:
        qtbot.keyClicks(window.search.query, "dns")
        window.search.refresh()  # as the pause after typing would
        assert window.search.message.text().startswith("Searching 127.0.0.1")
        window.search.query.clear()
        qtbot.keyClicks(window.search.query, "time sync")
        with qtbot.waitSignal(window.search.searched, timeout=60_000):
            qtbot.keyClick(window.search.query, Qt.Key.Key_Return)
            release.set()
    finally:
        release.set()
    qtbot.waitUntil(lambda: not window.jobs.running, timeout=60_000)  # the "dns" answer came too
    assert window.search.results.record_at(0) is not None, window.search.message.text()
    assert window.search.results.record_at(0).id == "time-sync"
    assert window.workspace.selected == str(iri_for_id("time-sync"))
    assert not window.search.message.isVisible()


def test_cancel_stops_waiting_for_a_slow_endpoint(
    window: MainWindow, qtbot: QtBot, proxy: Proxy
) -> None:
    before = window.workspace.estate
    release = threading.Event()
    proxy.fail = lambda n: release.wait(30) and None  # type: ignore[assignment, func-returns-value]
    try:
        job = window.opening.open([Endpoint(proxy.url, GRAPH).source])
        assert window.cancel_button.isVisible()
        with qtbot.waitSignal(job.cancelled, timeout=30_000):
            qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
            release.set()  # the request under way ends; the next progress report cancels
    finally:
        release.set()
    assert window.workspace.estate is before
    assert not window.cancel_button.isVisible()


def test_a_down_endpoint_is_reported(window: MainWindow, qtbot: QtBot, monkeypatch) -> None:
    monkeypatch.setattr("ui.dialogs.messages.show_error", lambda *args: None)
    from sparql_servers import free_port

    with qtbot.waitSignal(window.load_failed, timeout=30_000) as failed:
        window.opening.open([Endpoint(f"http://127.0.0.1:{free_port()}/query").source])
    assert "cannot be reached" in failed.args[0]


def test_the_dialog_asks_until_the_address_is_an_endpoint(qtbot: QtBot) -> None:
    dialog = EndpointDialog(last="sparql+https://kg.example/query#graph=https://kg.example/g")
    qtbot.addWidget(dialog)
    assert dialog.url.text() == "https://kg.example/query"
    assert dialog.graph.text() == "https://kg.example/g"
    dialog.url.setText("ftp://nowhere")
    dialog.accept()
    assert dialog.problem.isVisibleTo(dialog) and "not an endpoint" in dialog.problem.text()
    assert dialog.result() == 0
    dialog.url.setText("https://kg.example/sparql")
    dialog.graph.clear()
    with qtbot.waitSignal(dialog.accepted):
        dialog.accept()
    assert dialog.endpoint == Endpoint("https://kg.example/sparql")


def test_a_failing_analysis_is_reported_as_such(
    window: MainWindow, qtbot: QtBot, proxy: Proxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    titles: list[str] = []
    monkeypatch.setattr(
        "ui.dialogs.messages.show_error", lambda parent, title, text: titles.append(title)
    )
    _open(window, qtbot, Endpoint(proxy.url, GRAPH))
    window.select(str(iri_for_id("dns-zone")))
    proxy.fail = lambda n: 400  # type: ignore[assignment]
    with qtbot.waitSignal(window.load_failed, timeout=30_000) as failed:
        qtbot.keyClick(window.canvas, Qt.Key.Key_B)
    assert "answered 400" in failed.args[0]
    assert titles == ["Cannot answer"]
    estate = window.workspace.estate
    assert estate is not None and estate.capabilities.slow  # the endpoint's estate stays open
