"""A read-only SPARQL endpoint over the store, served by Oxigraph's own server.

The server opens the store's database read-only (a second reader beside any kgbuild process) and
answers from its default graph, the merged graph that local queries read, so a SPARQL client gets
the rows `kgbuild query` gives.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from .errors import InputError
from .store import opened

START_SECONDS = 30


def server_binary() -> str:
    """The `oxigraph` command of the oxigraph package, installed beside this Python."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise InputError("the Oxigraph server is not installed (pip install oxigraph)")
    return found


def run_server(store_path: Path, port: int, ready: Callable[[str], None] | None = None) -> None:
    """Run the server until it stops or Ctrl-C; raises InputError if it cannot start."""
    with opened(store_path) as store:  # a store, readable: the usual errors, in the usual words
        database = store.path / "oxigraph"
    url = f"http://127.0.0.1:{port}/query"
    # The server's messages go to a file, not a pipe: a pipe nobody reads fills up after some requests
    # and the server stops answering. The file tells why the server would not start.
    log = tempfile.TemporaryFile()
    process = subprocess.Popen([server_binary(), "serve-read-only", "--location", str(database),
                                "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=log)
    try:
        _wait_until_ready(process, url, log)
        if ready:
            ready(url)
        process.wait()
        if process.returncode not in (0, -2, -15):
            raise InputError(f"the server stopped (exit code {process.returncode})")
    except KeyboardInterrupt:
        pass
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()


def _wait_until_ready(process: subprocess.Popen, url: str, log: BinaryIO) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            reason = log.read().decode("utf-8", "replace").strip().splitlines()
            raise InputError(f"the server did not start: {reason[-1] if reason else f'exit code {process.returncode}'}"
                             f" (is port {url.rsplit(':', 1)[1].split('/')[0]} in use?)")
        try:
            urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=1).read()
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            time.sleep(0.1)
    raise InputError(f"the server did not answer at {url} within {START_SECONDS} s")
