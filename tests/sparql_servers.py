"""Real SPARQL servers on loopback for the endpoint tests, and a proxy that misbehaves.

``OxigraphServer`` runs the ``oxigraph`` command (the PyPI package ships the server) in
memory on a free port. ``VirtuosoServer`` runs Debian's ``virtuoso-t`` on a scratch
database, with its free-text index on. ``Proxy`` stands between a client and a server
and can answer with errors, record the requests it saw, or ask for credentials.
"""

from __future__ import annotations

import http.server
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Protocol

import requests
from rdflib import Graph

from helpers import program

__all__ = [
    "ENGINES",
    "OxigraphServer",
    "Proxy",
    "Server",
    "VirtuosoServer",
    "free_port",
    "oxigraph_command",
    "start_engine",
    "wait_for_log",
]

ENGINES = ["oxigraph", "virtuoso"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def oxigraph_command() -> str:
    """The server binary installed beside this Python (the test extra installs it)."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if found is None:
        raise RuntimeError("the oxigraph server is not installed: pip install -e '.[test]'")
    return found


def wait_for_log(process: subprocess.Popen[str], log: IO[str] | None, sign: str) -> None:
    """Read a server's ``log`` until a line holds ``sign`` (it is ready then), and keep
    draining the log after, so the server never blocks on a full pipe."""
    assert log is not None
    for line in log:
        if sign in line.lower():
            threading.Thread(target=log.read, daemon=True).start()
            return
    raise RuntimeError(f"{process.args[0]} exited with {process.wait()}")


class OxigraphServer:
    """An in-memory Oxigraph server on 127.0.0.1, stopped by ``close``."""

    def __init__(self) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [oxigraph_command(), "serve", "--bind", f"127.0.0.1:{self.port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        wait_for_log(self.process, self.process.stderr, "listening")  # logged once bound

    @property
    def query_url(self) -> str:
        return f"{self.base}/query"

    def put(self, graph: Graph, named: str | None = None) -> None:
        """Replace the default graph (or the graph ``named``) with ``graph``."""
        target = f"{self.base}/store" + (f"?graph={named}" if named else "?default")
        body = graph.serialize(format="nt", encoding="utf-8")
        answer = requests.put(
            target, data=body, headers={"Content-Type": "application/n-triples"}, timeout=30
        )
        answer.raise_for_status()

    def clear(self) -> None:
        requests.post(
            f"{self.base}/update", data={"update": "CLEAR ALL"}, timeout=30
        ).raise_for_status()

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {home}/db
ErrorLogFile = {home}/log
LockFile = {home}/lck
TransactionFile = {home}/trx
xa_persistent_file = {home}/pxa
[TempDatabase]
DatabaseFile = {home}/temp-db
TransactionFile = {home}/temp-trx
[Parameters]
ServerPort = {sql_port}
DisableUnixSocket = 1
DirsAllowed = {home}
CheckpointInterval = 0
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = {http_port}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 10000
MaxQueryExecutionTime = 60
"""


class VirtuosoServer:
    """Virtuoso Open Source on a scratch database in a temporary folder.

    Data is loaded with ``isql`` (the SPARQL endpoint is read-only to anonymous users).
    Each graph's texts go into the free-text index unless ``put`` is told otherwise, and
    the index is brought up to date after each load, as an operator would have it.
    Virtuoso has no separate default graph: a query that names no graph sees them all.
    """

    SERVER = "virtuoso-t"

    def __init__(self) -> None:
        self.isql = shutil.which("isql-vt") or shutil.which("isql-v")
        if shutil.which(self.SERVER) is None or self.isql is None:
            raise RuntimeError("Virtuoso is not installed: apt install virtuoso-opensource")
        self._home = tempfile.TemporaryDirectory(prefix="virtuoso-")
        self.home = Path(self._home.name)
        self.sql_port, http_port = free_port(), free_port()
        self.base = f"http://127.0.0.1:{http_port}"
        ini = self.home / "virtuoso.ini"
        ini.write_text(
            _VIRTUOSO_INI.format(home=self.home, sql_port=self.sql_port, http_port=http_port)
        )
        self.process = subprocess.Popen(
            [self.SERVER, "+foreground", "+configfile", str(ini)],
            cwd=self.home,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.loaded = 0
        try:
            # it logs this last, once it takes SQL connections
            wait_for_log(self.process, self.process.stdout, "server online at")
            self.sql("DB.DBA.RDF_OBJ_FT_RULE_DEL(null, null, 'ALL')")  # Debian indexes all
        except BaseException:
            self.close()  # no server left running behind a failed start
            raise

    @property
    def query_url(self) -> str:
        return f"{self.base}/sparql"

    def sql(self, statement: str) -> str:
        """Run one SQL statement through ``isql``; raise with its output when it fails."""
        assert self.isql is not None
        done = subprocess.run(
            [self.isql, str(self.sql_port), "dba", "dba", f"exec={statement};"],
            capture_output=True,
            text=True,
            timeout=300,
        )
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(f"isql failed on {statement!r}: {done.stdout}{done.stderr}")
        return done.stdout

    def put(self, graph: Graph, named: str, text_index: bool = True) -> None:
        """Replace the graph ``named`` with ``graph``; index its texts unless told not to."""
        self.loaded += 1
        data = self.home / f"load-{self.loaded}.nt"
        graph.serialize(data, format="nt", encoding="utf-8")
        self.sql(f"SPARQL CLEAR GRAPH <{named}>")
        if text_index:
            self.sql(f"DB.DBA.RDF_OBJ_FT_RULE_ADD('{named}', null, 'graph {self.loaded}')")
        self.sql(f"DB.DBA.TTLP(file_to_string_output('{data}'), '', '{named}', 0)")
        self.sql("DB.DBA.VT_INC_INDEX_DB_DBA_RDF_OBJ()")

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self._home.cleanup()


class Server(Protocol):
    @property
    def query_url(self) -> str: ...

    def put(self, graph: Graph, named: str) -> None: ...

    def close(self) -> None: ...


def start_engine(engine: str) -> Server:
    """A running server of ``engine``. Without Virtuoso installed its tests are skipped,
    unless ``$INFRA_EXPLORER_TEST_TOOLS`` says every tool must run (as in CI)."""
    if engine == "oxigraph":
        return OxigraphServer()
    program(VirtuosoServer.SERVER, "virtuoso-opensource-7-bin")
    return VirtuosoServer()


@dataclass
class Proxy:
    """Forwards POSTs to ``target``; ``fail`` answers instead while it returns a status.

    ``seen`` keeps each request's headers; ``password`` demands HTTP basic or a bearer
    token equal to it.
    """

    target: str
    fail: Callable[[int], int | None] = lambda n: None
    password: str | None = None
    seen: list[dict[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                proxy.seen.append(dict(self.headers))
                status = proxy.fail(len(proxy.seen))
                if status is None and proxy.password and not proxy.allowed(self.headers):
                    status = 401
                if status is not None:
                    self.send_response(status)
                    self.send_header("Content-Type", "text/plain")
                    self.end_headers()
                    self.wfile.write(f"injected failure {status}\nsecond line".encode())
                    return
                answer = requests.post(
                    proxy.target,
                    data=body,
                    headers={
                        "Content-Type": self.headers["Content-Type"],
                        "Accept": self.headers["Accept"],
                    },
                    timeout=30,
                )
                self.send_response(answer.status_code)
                self.send_header("Content-Type", answer.headers.get("Content-Type", ""))
                self.end_headers()
                self.wfile.write(answer.content)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sparql"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def allowed(self, headers: object) -> bool:
        import base64

        sent = str(getattr(headers, "get", lambda _k, _d=None: None)("Authorization") or "")
        basic = "Basic " + base64.b64encode(f"estate-reader:{self.password}".encode()).decode()
        return sent in (f"Bearer {self.password}", basic)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
