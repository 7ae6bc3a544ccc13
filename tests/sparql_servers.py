"""Real SPARQL servers on loopback for the endpoint tests, and a proxy that misbehaves.

``OxigraphServer`` runs the ``oxigraph`` command (the PyPI package ships the server) in
memory on a free port. ``Proxy`` stands between a client and a server and can answer
with errors, record the requests it saw, or ask for credentials.
"""

from __future__ import annotations

import http.server
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import requests
from rdflib import Graph

__all__ = ["OxigraphServer", "Proxy", "free_port", "oxigraph_command"]


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
        self._wait_until_listening()

    @property
    def query_url(self) -> str:
        return f"{self.base}/query"

    def _wait_until_listening(self) -> None:
        """Read the server's log until it says it listens (it logs that once bound)."""
        assert self.process.stderr is not None
        for line in self.process.stderr:
            if "Listening" in line or "listening" in line:
                threading.Thread(target=self.process.stderr.read, daemon=True).start()
                return
        raise RuntimeError(f"oxigraph exited with {self.process.wait()}")

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
