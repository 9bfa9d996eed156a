"""A large store for real: the shards of a build bulk-load into Virtuoso (started here, on 127.0.0.1)
with scripts/load-virtuoso, and every bundled query asked of Virtuoso's endpoint gives the rows the
local store gives. Virtuoso's default graph is the union of all graphs: a triple several articles
state comes once a graph, so rows are compared as sets, and a GROUP_CONCAT cell as a set (SPARQL
leaves the order of its parts to the engine)."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import CASES, SEED, built_by_cli
from test_remote import free_port, graph_text, rows

from kgbuild.query import bundled_queries, run_query
from kgbuild.remote import Endpoint, remote_query
from kgbuild.store import open_store

ROOT = Path(__file__).resolve().parent.parent
SERVER = shutil.which("virtuoso-t")
TEMPLATE = Path("/etc/virtuoso-opensource-7/virtuoso.ini")

pytestmark = pytest.mark.skipif(SERVER is None or not TEMPLATE.exists(),
                                reason="Virtuoso is not installed (apt-get install virtuoso-opensource)")


class Virtuoso:
    """A Virtuoso server of the test's own: its database, ports and allowed folders in tmp_path."""

    def __init__(self, home: Path, allowed: Path):
        self.home, self.allowed = home, allowed
        self.sql_port, self.http_port = free_port(), free_port()
        self.process: subprocess.Popen | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    def start(self) -> "Virtuoso":
        self.home.mkdir(parents=True, exist_ok=True)
        ini = TEMPLATE.read_text(encoding="utf-8").replace("/var/lib/virtuoso-opensource-7/db/", f"{self.home}/")
        ini = re.sub(r"(?m)^ServerPort\s*=\s*1111\b.*$", f"ServerPort = 127.0.0.1:{self.sql_port}", ini)
        ini = re.sub(r"(?m)^ServerPort\s*=\s*8890\b.*$", f"ServerPort = 127.0.0.1:{self.http_port}", ini)
        ini = re.sub(r"(?m)^DirsAllowed\s*=.*$", f"DirsAllowed = ., /usr/share/virtuoso-opensource-7/vad, {self.allowed}",
                     ini)
        (self.home / "virtuoso.ini").write_text(ini, encoding="utf-8")
        self.process = subprocess.Popen([SERVER, "-f", "-c", str(self.home / "virtuoso.ini")], cwd=self.home,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.time() + 120  # the first start of a database installs Virtuoso's own packages
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.endpoint + "?query=ASK%7B%7D", timeout=2).read()
                return self
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.5)
        self.stop()
        raise RuntimeError("the Virtuoso server did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def _as_sets(found: list[tuple]) -> set[tuple]:
    # a GROUP_CONCAT over no value: Virtuoso gives empty text (as SPARQL says), Oxigraph leaves it unbound
    return {tuple(frozenset(value.split("; ")) if value and "; " in value else value or None for value in row)
            for row in found}


def test_shards_bulk_load_into_virtuoso_and_every_bundled_query_answers_as_the_local_store(runner, tmp_path):
    shards = tmp_path / "shards"
    store = built_by_cli(runner, tmp_path / "kg", SEED, *sorted(CASES.glob("*.txt")), "--shards", str(shards))
    server = Virtuoso(tmp_path / "virtuoso", shards).start()
    try:
        loaded = subprocess.run([sys.executable, str(ROOT / "scripts" / "load-virtuoso"), str(shards),
                                 "--isql", f"127.0.0.1:{server.sql_port}"], capture_output=True, text=True)
        assert loaded.returncode == 0, loaded.stderr
        assert "quads/s" in loaded.stderr
        endpoint = Endpoint(server.endpoint)
        checked = 0
        with open_store(store) as opened:
            for spec in bundled_queries():
                fmt = "nt" if "CONSTRUCT" in spec.text else "json"
                local = run_query(opened.inner, spec, {}, fmt)
                remote = run_query(None, spec, {}, fmt, execute=lambda text: remote_query(endpoint, text))
                if fmt == "nt":
                    assert graph_text(local.output) == graph_text(remote.output), spec.name
                else:
                    assert _as_sets(rows(local.output)) == _as_sets(rows(remote.output)), spec.name
                checked += 1
        assert checked >= 15
    finally:
        server.stop()
