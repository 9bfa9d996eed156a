"""A read-only SPARQL endpoint over the store, served by Oxigraph's own server behind a small guard.

The server opens the store's database read-only (a second reader beside any kgbuild process) and
answers from its default graph, the merged graph that local queries read, so a SPARQL client gets
the rows `kgbuild query` gives. It listens on a port of its own on 127.0.0.1 that only kgbuild
knows; the user's port belongs to the guard, which passes a request on only when

- its Host header names this machine (127.0.0.1, localhost or [::1], with the port): a web page
  whose name was rebound to 127.0.0.1 (DNS rebinding) sends its own name and is refused;
- it comes from no other web origin (a cross-site form POST carries an Origin header);
- its query passes the checks local queries pass: no SERVICE (the server would call any URL a
  query names), no update, no nesting deep enough to crash the engine.

The server process dies with kgbuild: killed by any signal, kgbuild leaves no server answering.
"""

from __future__ import annotations

import http.client
import http.server
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from .errors import InputError
from .query import MAX_QUERY_BYTES, check_read_only
from .store import opened

START_SECONDS = 30
_LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")
# Request headers the server needs to answer; the others (cookies above all) stay with the guard.
_PASSED_ON = ("Accept", "Content-Type", "Content-Length")
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authenticate",
               "proxy-authorization", "content-length"}


def server_binary() -> str:
    """The `oxigraph` command of the oxigraph package, installed beside this Python."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise InputError("the Oxigraph server is not installed (pip install oxigraph)")
    return found


def _die_with_parent() -> None:
    """In the server's process, before it starts: be sent SIGTERM when kgbuild dies, however it dies."""
    import ctypes

    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def run_server(store_path: Path, port: int, ready: Callable[[str], None] | None = None) -> None:
    """Run the server until it stops, Ctrl-C, SIGTERM or SIGHUP; raises InputError if it cannot start."""
    with opened(store_path) as store:  # a store, readable: the usual errors, in the usual words
        database = store.path / "oxigraph"
    try:
        guard = _Guard(port)  # the user's port first: if it is taken, nothing else is started
    except OSError as exc:
        raise InputError(f"the server did not start: port {port} on 127.0.0.1 cannot be used "
                         f"({exc.strerror or exc}; is it in use?)") from None
    inner_port = _free_port()
    # The server's messages go to a file, not a pipe: a pipe nobody reads fills up after some requests
    # and the server stops answering. The file tells why the server would not start.
    log = tempfile.TemporaryFile()
    process = subprocess.Popen([server_binary(), "serve-read-only", "--location", str(database),
                                "--bind", f"127.0.0.1:{inner_port}"], stdout=subprocess.DEVNULL, stderr=log,
                               preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)
    guard.inner_port = inner_port
    # SIGTERM (a kill, a service manager) and SIGHUP (the terminal closed) stop it as Ctrl-C does
    previous = {number: signal.signal(number, _stop_on_sigterm) for number in (signal.SIGTERM, signal.SIGHUP)}
    try:
        _wait_until_ready(process, f"http://127.0.0.1:{inner_port}/query", log, port)
        # the guard stops when the server does, so that kgbuild never serves a dead server's errors
        threading.Thread(target=lambda: (process.wait(), guard.shutdown()), daemon=True).start()
        if ready:
            ready(f"http://127.0.0.1:{port}/query")
        guard.serve_forever()
        if process.poll() not in (None, 0, -2, -15):
            raise InputError(f"the server stopped (exit code {process.returncode})")
    except KeyboardInterrupt:
        pass
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        guard.server_close()
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()


def _stop_on_sigterm(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # stops as Ctrl-C does: the server is stopped, "Stopped." is said


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_ready(process: subprocess.Popen, url: str, log: BinaryIO, port: int) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            reason = [line for line in log.read().decode("utf-8", "replace").strip().splitlines()
                      if line.strip() and not line.lstrip().startswith(("at ", "stack backtrace", "note:"))]
            raise InputError(f"the server did not start: {reason[-1] if reason else f'exit code {process.returncode}'}")
        try:
            urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=1).read()
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            time.sleep(0.1)
    raise InputError(f"the server did not answer within {START_SECONDS} s (port {port})")


class _Guard(http.server.ThreadingHTTPServer):
    """The listener on the user's port: checks each request, then passes it on to the server."""

    daemon_threads = True
    allow_reuse_address = True  # a port left in TIME_WAIT by the last run can be used again; a listening one cannot

    def __init__(self, port: int) -> None:
        super().__init__(("127.0.0.1", port), _GuardHandler)
        self.port = port
        self.inner_port = 0
        self.hosts = {f"{host}:{port}" for host in _LOCAL_HOSTS} | (set(_LOCAL_HOSTS) if port == 80 else set())
        self.origins = {f"http://{host}" for host in self.hosts}


class _GuardHandler(http.server.BaseHTTPRequestHandler):
    server: _Guard
    protocol_version = "HTTP/1.0"  # one request a connection: the answer streams until the server's ends

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass  # requests are not logged on the terminal kgbuild serve runs in

    def do_GET(self) -> None:  # noqa: N802 - the base class's naming
        self._pass_on(None)

    def do_HEAD(self) -> None:  # noqa: N802
        self._pass_on(None)

    def do_POST(self) -> None:  # noqa: N802
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            return self._refuse(411, "a POST needs a Content-Length")
        if int(length) > MAX_QUERY_BYTES:
            return self._refuse(413, f"a query is at most {MAX_QUERY_BYTES:,} bytes")
        self._pass_on(self.rfile.read(int(length)))

    def _refuse(self, status: int, reason: str) -> None:
        body = (reason + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _pass_on(self, body: bytes | None) -> None:
        if self.headers.get("Host", "").lower() not in self.server.hosts:
            return self._refuse(403, "refused: the Host header does not name this machine")
        origin = self.headers.get("Origin")
        if origin is not None and origin.lower() not in self.server.origins:
            return self._refuse(403, "refused: requests from other web origins are not served")
        for text in _queries_in(self.path, self.headers.get("Content-Type", ""), body):
            try:
                check_read_only(text, local=True, service_refusal="this endpoint answers from its own store only")
            except InputError as exc:
                return self._refuse(400, str(exc))
        if body is not None and _is_update(self.headers.get("Content-Type", ""), body):
            return self._refuse(403, "refused: this endpoint only reads")
        connection = http.client.HTTPConnection("127.0.0.1", self.server.inner_port)
        try:
            headers = {name: self.headers[name] for name in _PASSED_ON if self.headers.get(name) is not None}
            connection.request(self.command, self.path, body=body, headers=headers)
            answer = connection.getresponse()
            self.send_response(answer.status, answer.reason)
            for name, value in answer.getheaders():
                if name.lower() not in _HOP_BY_HOP:
                    self.send_header(name, value)
            self.end_headers()
            while chunk := answer.read1(1 << 16):
                self.wfile.write(chunk)
        except (OSError, http.client.HTTPException):
            pass  # the client or the server went away; the connection closes
        finally:
            connection.close()


def _queries_in(path: str, content_type: str, body: bytes | None) -> list[str]:
    """Every query text a request carries: `query` in the URL or a form body, or a sparql-query body."""
    found = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query).get("query", [])
    kind = content_type.split(";")[0].strip().lower()
    if body is not None and kind == "application/x-www-form-urlencoded":
        found += urllib.parse.parse_qs(body.decode("utf-8", "replace")).get("query", [])
    elif body is not None and kind == "application/sparql-query":
        found.append(body.decode("utf-8", "replace"))
    return found


def _is_update(content_type: str, body: bytes) -> bool:
    kind = content_type.split(";")[0].strip().lower()
    return kind == "application/sparql-update" or kind == "application/x-www-form-urlencoded" and \
        "update" in urllib.parse.parse_qs(body.decode("utf-8", "replace"))
