"""An endpoint that is down, slow, failing or asking for credentials: clear errors,
retries with backoff, and secrets that never reach a file or a log."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from rdflib import URIRef

from explorer.domain.errors import InputError
from explorer.estate.endpoint import EndpointEstate
from explorer.estate.files import FileEstate
from explorer.ingest import load
from explorer.remote.client import SparqlClient
from explorer.remote.endpoint import Credentials, Endpoint, credentials_for, parse_endpoint
from helpers import SAMPLES, run_cli
from sparql_servers import OxigraphServer, Proxy, free_port

# what the bundled sample holds, counted as a file estate counts it (an endpoint must agree)
SAMPLE_ENTITIES = len(FileEstate(load()).entities())

SECRET = "s3cret-t0ken-4711"
DNS = URIRef("https://infra-context.dev/id/dns-zone")


@pytest.fixture(scope="module")
def server() -> Iterator[OxigraphServer]:
    running = OxigraphServer()
    running.put(load([SAMPLES / "region-build.ttl"]).graph)
    yield running
    running.close()


@pytest.fixture
def proxy(server: OxigraphServer) -> Iterator[Proxy]:
    between = Proxy(server.query_url)
    yield between
    between.close()


def _estate(url: str, **options: object) -> EndpointEstate:
    client = SparqlClient(Endpoint(url), Credentials(), backoff=0.01, **options)  # type: ignore[arg-type]
    return EndpointEstate(client.endpoint, client)


class TestClearErrors:
    def test_an_endpoint_nobody_listens_on(self) -> None:
        url = f"http://127.0.0.1:{free_port()}/query"
        with pytest.raises(InputError, match=r"cannot be reached \(.*refused"):
            _estate(url).gaps()

    def test_an_error_answer_is_named_with_its_status_and_text(self, proxy: Proxy) -> None:
        proxy.fail = lambda n: 400
        with pytest.raises(InputError) as caught:
            _estate(proxy.url).blast_radius(DNS)
        message = str(caught.value)
        assert message.startswith(proxy.url)
        assert "answered 400 Bad Request: injected failure 400 second line" in message
        assert "\n" not in message
        assert len(proxy.seen) == 1  # a client error is not retried

    def test_a_slow_endpoint_times_out(self, proxy: Proxy) -> None:
        release = threading.Event()

        def stall(n: int) -> None:
            release.wait(10)  # holds the answer back until the client has given up

        proxy.fail = stall  # type: ignore[assignment]
        try:
            with pytest.raises(InputError, match=r"did not answer within 0\.3 s"):
                _estate(proxy.url, timeout=0.3).count_entities()
        finally:
            release.set()

    def test_an_answer_that_is_not_sparql_results(self, server: OxigraphServer) -> None:
        with pytest.raises(InputError, match=r"not SPARQL JSON results|answered 404"):
            _estate(server.base + "/").count_entities()

    def test_bad_endpoint_sources(self) -> None:
        with pytest.raises(InputError, match="not an endpoint"):
            parse_endpoint("sparql+ftp://host/query")
        with pytest.raises(InputError, match="credentials do not go in the endpoint's address"):
            parse_endpoint(f"sparql+https://reader:{SECRET}@kg.example/query")
        with pytest.raises(InputError, match="#graph=IRI"):
            parse_endpoint("sparql+https://kg.example/query#estate")

    def test_the_command_line_says_what_is_wrong_in_one_line(self, proxy: Proxy) -> None:
        down = run_cli("gaps", f"sparql+http://127.0.0.1:{free_port()}/query", module="explorer")
        assert down.returncode == 2
        assert "cannot be reached" in down.stderr
        assert "Traceback" not in down.stderr and len(down.stderr.splitlines()) == 1
        mixed = run_cli("gaps", f"sparql+{proxy.url}", SAMPLES / "region-build.ttl")
        assert mixed.returncode == 2 and "on its own" in mixed.stderr


class TestRetries:
    def test_a_passing_failure_is_retried_with_backoff(self, proxy: Proxy) -> None:
        proxy.fail = lambda n: 503 if n <= 2 else None
        assert _estate(proxy.url).count_entities() == SAMPLE_ENTITIES
        assert len(proxy.seen) == 3

    def test_a_lasting_failure_ends_in_an_error(self, proxy: Proxy) -> None:
        proxy.fail = lambda n: 502
        with pytest.raises(InputError, match="answered 502 Bad Gateway"):
            _estate(proxy.url).count_entities()
        assert len(proxy.seen) == 4  # the first try and three retries


class TestPaging:
    def test_a_long_answer_is_read_in_pages(self, server: OxigraphServer) -> None:
        client = SparqlClient(Endpoint(server.query_url), Credentials())
        rows = [
            row
            for page in client.pages("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o", 50)
            for row in page
        ]
        assert len(rows) == len(load([SAMPLES / "region-build.ttl"]).graph)
        assert client.queries == len(rows) // 50 + 1

    def test_a_copy_equals_the_graph_served(self, server: OxigraphServer) -> None:
        from explorer.analysis.changes import diff

        copy = _estate(server.query_url).copy()
        assert not diff(load([SAMPLES / "region-build.ttl"]).graph, copy).to_json()["added"]
        assert len(copy) == len(load([SAMPLES / "region-build.ttl"]).graph)

    def test_a_server_that_cuts_answers_short_is_noticed(self, proxy: Proxy) -> None:
        import explorer.remote.client as client_module

        estate = _estate(proxy.url)
        original = estate.client.pages

        def short(query: str, page: int = client_module.PAGE, progress=None):  # type: ignore[no-untyped-def]
            for rows in original(query, page, progress):
                yield rows[:-1]  # as a server with a lower row cap than the page asked for

        estate.client.pages = short  # type: ignore[method-assign]
        with pytest.raises(InputError, match="kept changing while it was copied"):
            estate.copy()


class _MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture
def no_credentials(monkeypatch: pytest.MonkeyPatch) -> Iterator[_MemoryKeyring]:
    import keyring

    for name in ("TOKEN", "USER", "PASSWORD"):
        monkeypatch.delenv(f"INFRA_EXPLORER_SPARQL_{name}", raising=False)
    before = keyring.get_keyring()
    memory = _MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(before)


class TestCredentials:
    def test_a_token_from_the_environment(
        self, proxy: Proxy, no_credentials: _MemoryKeyring, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        proxy.password = SECRET
        monkeypatch.setenv("INFRA_EXPLORER_SPARQL_TOKEN", SECRET)
        assert EndpointEstate(Endpoint(proxy.url)).count_entities() == SAMPLE_ENTITIES
        assert proxy.seen[0]["Authorization"] == f"Bearer {SECRET}"

    def test_a_user_and_password_from_the_environment(
        self, proxy: Proxy, no_credentials: _MemoryKeyring, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        proxy.password = SECRET
        monkeypatch.setenv("INFRA_EXPLORER_SPARQL_USER", "estate-reader")
        monkeypatch.setenv("INFRA_EXPLORER_SPARQL_PASSWORD", SECRET)
        assert EndpointEstate(Endpoint(proxy.url)).count_entities() == SAMPLE_ENTITIES
        assert proxy.seen[0]["Authorization"].startswith("Basic ")

    def test_from_the_keyring(
        self, proxy: Proxy, no_credentials: _MemoryKeyring, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        proxy.password = SECRET
        endpoint = Endpoint(proxy.url)
        no_credentials.set_password("infra-explorer", endpoint.origin, SECRET)
        assert credentials_for(endpoint).token == SECRET
        assert EndpointEstate(endpoint).count_entities() == SAMPLE_ENTITIES
        monkeypatch.setenv("INFRA_EXPLORER_SPARQL_USER", "estate-reader")
        no_credentials.set_password("infra-explorer", f"estate-reader@{endpoint.origin}", SECRET)
        assert credentials_for(endpoint) == Credentials(user="estate-reader", password=SECRET)
        assert EndpointEstate(endpoint).count_entities() == SAMPLE_ENTITIES

    def test_wrong_credentials_are_refused_clearly(
        self, proxy: Proxy, no_credentials: _MemoryKeyring, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        proxy.password = "another"
        monkeypatch.setenv("INFRA_EXPLORER_SPARQL_TOKEN", SECRET)
        with pytest.raises(InputError, match="refused the request \\(401") as caught:
            EndpointEstate(Endpoint(proxy.url)).count_entities()
        assert SECRET not in str(caught.value)

    def test_credentials_never_reach_a_file_or_a_log(
        self,
        proxy: Proxy,
        no_credentials: _MemoryKeyring,
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
        caplog: pytest.LogCaptureFixture,
    ) -> None:
        proxy.password = SECRET
        monkeypatch.setenv("INFRA_EXPLORER_SPARQL_TOKEN", SECRET)
        caplog.set_level(logging.DEBUG)
        estate = EndpointEstate(Endpoint(proxy.url))
        estate.gaps()
        estate.search("dns")
        assert SECRET not in repr(estate.client.http.auth) + repr(credentials_for(estate.endpoint))
        written = tmp_path / "copy.ttl"
        done = run_cli("snapshot", "--from", proxy.url, "-o", written, module="explorer")
        assert done.returncode == 0, done.stderr
        assert proxy.seen[-1]["Authorization"] == f"Bearer {SECRET}"
        text = written.read_text(encoding="utf-8")
        assert f"sparql+{proxy.url}" in text  # the provenance names where the copy came from
        for output in (text, done.stdout, done.stderr, caplog.text):
            assert SECRET not in output
