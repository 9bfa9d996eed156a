"""A real SPARQL server (Oxigraph's, started by the tests on 127.0.0.1): push, query, reload exports,
a server stopped in the middle of a push, and credentials from the environment."""

import base64
import http.server
import io
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import QuietHTTPServer

from kgbuild.build import build
from kgbuild.cli import main
from kgbuild.query import bundled_queries, run_query
from kgbuild.remote import Endpoint, load_file, remote_query
from kgbuild.store import open_store

CASES = Path(__file__).parent / "cases"
SEED = Path(__file__).resolve().parent.parent / "seeds"


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(found).exists():
        pytest.fail("the oxigraph server binary is missing: install the test extras (pip install -e '.[test]')")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, location: Path, union: bool = False, port: int | None = None):
        self.location, self.union = location, union
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None

    @property
    def query_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/query"

    def start(self) -> "Server":
        args = [oxigraph_binary(), "serve", "--location", str(self.location), "--bind", f"127.0.0.1:{self.port}"]
        if self.union:
            args.append("--union-default-graph")
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 20
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.query_url + "?query=ASK%7B%7D", timeout=1).read()
                return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("the oxigraph server did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@pytest.fixture()
def server(tmp_path):
    running = Server(tmp_path / "server").start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "kg"
    with open_store(path, writable=True, create=True) as store:
        build([SEED, *sorted(CASES.glob("*.txt"))], store)
    return path


def rows(run_output: bytes) -> list[tuple]:
    data = json.loads(run_output)
    if "boolean" in data:
        return [(data["boolean"],)]
    names = data["head"]["vars"]
    found = [tuple((b.get(n) or {}).get("value") for n in names) for b in data["results"]["bindings"]]
    return sorted(found, key=lambda row: [(value is not None, value or "") for value in row])  # unbound first


def graph_text(run_output: bytes) -> set[str]:
    return set(run_output.decode().splitlines())


def same_answers(store_path: Path, endpoint: Endpoint, as_sets: bool = False) -> None:
    with open_store(store_path) as store:
        for spec in bundled_queries():
            fmt = "nt" if spec.text.lstrip("# \n").find("CONSTRUCT") >= 0 and "CONSTRUCT" in spec.text else "json"
            local = run_query(store.inner, spec, {}, fmt)
            remote = run_query(None, spec, {}, fmt, execute=lambda text: remote_query(endpoint, text))
            if fmt == "nt":
                assert graph_text(local.output) == graph_text(remote.output), spec.name
            elif as_sets:
                assert set(rows(local.output)) == set(rows(remote.output)), spec.name
            else:
                assert rows(local.output) == rows(remote.output), spec.name


@pytest.mark.parametrize("which", ["seed", "corpus"])
def test_every_bundled_query_gives_the_same_rows_on_the_server(runner, server, seed_store_path, corpus_store, which):
    store = seed_store_path if which == "seed" else corpus_store
    result = runner.invoke(main, ["push", "--store", str(store), "--endpoint", server.query_url])
    assert result.exit_code == 0, result.output
    same_answers(store, Endpoint(server.query_url))


def count(endpoint: Endpoint) -> tuple[int, int]:
    default = rows(run_query(None, load_query_text("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"), {}, "json",
                             execute=lambda t: remote_query(endpoint, t)).output)[0][0]
    named = rows(run_query(None, load_query_text("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"), {},
                           "json", execute=lambda t: remote_query(endpoint, t)).output)[0][0]
    return int(default), int(named)


def load_query_text(text):
    from kgbuild.query import parse_header

    return parse_header("-e", text)


def test_pushing_again_or_replacing_leaves_the_same_triples(runner, server, corpus_store):
    endpoint = Endpoint(server.query_url)
    args = ["push", "--store", str(corpus_store), "--endpoint", server.query_url]
    assert runner.invoke(main, args).exit_code == 0
    first = count(endpoint)
    assert runner.invoke(main, args).exit_code == 0
    assert count(endpoint) == first
    assert runner.invoke(main, [*args, "--replace"]).exit_code == 0
    assert count(endpoint) == first
    with open_store(corpus_store) as store:
        assert first[0] == len(store)


@pytest.mark.parametrize("fmt, content_type", [("turtle", "text/turtle"), ("trig", "application/trig")])
def test_exports_loaded_into_a_fresh_server_answer_the_same(tmp_path, corpus_store, fmt, content_type):
    # TriG holds only named graphs: that server queries their union as its default graph, where a triple
    # comes once for each article that states it (the bundled queries must give the same rows there, in
    # kgbuild's 60 s limit: cooperation took minutes until its country tables were grouped)
    fresh = Server(tmp_path / "fresh", union=(fmt == "trig")).start()
    try:
        with open_store(corpus_store) as store:
            buffer = io.BytesIO()
            store.export(fmt, buffer)
        endpoint = Endpoint(fresh.query_url)
        load_file(endpoint, buffer.getvalue(), content_type)
        same_answers(corpus_store, endpoint, as_sets=(fmt == "trig"))
    finally:
        fresh.stop()


def test_build_can_write_straight_to_the_server(runner, server, tmp_path):
    result = runner.invoke(main, ["build", str(SEED), "--store", str(tmp_path / "kg"), "--endpoint", server.query_url])
    assert result.exit_code == 0, result.output
    same_answers(tmp_path / "kg", Endpoint(server.query_url))


def test_a_server_stopped_in_the_middle_of_a_push(tmp_path, tmp_path_factory):
    from conftest import make_corpus, snapshot

    corpus = make_corpus(tmp_path / "corpus", 400)
    store = tmp_path / "kg"
    assert subprocess.run([sys.executable, "-m", "kgbuild", "build", str(corpus), "--store", str(store), "-q"]
                          ).returncode == 0
    before = snapshot(store)
    server = Server(tmp_path / "server").start()
    try:
        push = subprocess.Popen([sys.executable, "-m", "kgbuild", "push", "--store", str(store), "--endpoint",
                                 server.query_url], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(0.8)
        server.stop()
        _, error = push.communicate(timeout=60)
        assert push.returncode == 2, error
        assert error.startswith("Error: cannot reach http://127.0.0.1:") and len(error.strip().splitlines()) == 1
        assert snapshot(store) == before
        server = Server(tmp_path / "server", port=server.port).start()
        done = subprocess.run([sys.executable, "-m", "kgbuild", "push", "--store", str(store), "--endpoint",
                               server.query_url], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        with open_store(store) as local:
            assert count(Endpoint(server.query_url))[0] == len(local)
            graphs = len(local.articles()) + 2  # and the ontology, and the labels
        named = rows(run_query(None, load_query_text("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"),
                               {}, "json", execute=lambda t: remote_query(Endpoint(server.query_url), t)).output)
        assert int(named[0][0]) == graphs
    finally:
        server.stop()


def test_an_unreachable_server_is_one_line_and_exit_2(runner, seed_store_path):
    port = free_port()
    for args in (["query", "trade"], ["push", "--store", str(seed_store_path)]):
        result = runner.invoke(main, [*args, "--endpoint", f"http://127.0.0.1:{port}/query"])
        assert result.exit_code == 2
        assert result.output.startswith(f"Error: cannot reach http://127.0.0.1:{port}/")


def test_a_server_that_fails_in_the_middle_of_its_answer_is_reported(runner, server):
    # Oxigraph's server starts a 200 answer, then the SERVICE call fails and it writes the error instead
    result = runner.invoke(main, ["query", "-e", "SELECT * WHERE { SERVICE <http://127.0.0.1:1/x> { ?s ?p ?o } }",
                                  "--endpoint", server.query_url])
    assert result.exit_code == 2 and "sent results kgbuild cannot read" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_server_error_status_is_reported(runner, server):
    result = runner.invoke(main, ["query", "trade", "--endpoint", server.query_url.replace("/query", "/nowhere")])
    assert result.exit_code == 2 and "answered 404" in result.output


class _AuthHandler(http.server.BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_POST(self):  # noqa: N802 (the http.server API)
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self._answer()

    do_PUT = do_POST

    def _answer(self):
        header = self.headers.get("Authorization", "")
        type(self).seen.append(header)
        expected = "Basic " + base64.b64encode(b"analyst:s3cret-pass").decode()
        self.send_response(204 if header == expected else 401)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_credentials_come_from_the_environment_and_are_never_printed(runner, seed_store_path, monkeypatch):
    httpd = QuietHTTPServer(("127.0.0.1", 0), _AuthHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/query"
    try:
        monkeypatch.delenv("KGBUILD_ENDPOINT_USER", raising=False)
        refused = runner.invoke(main, ["push", "--store", str(seed_store_path), "--endpoint", url])
        assert refused.exit_code == 2 and "answered 401" in refused.output
        monkeypatch.setenv("KGBUILD_ENDPOINT_USER", "analyst")
        monkeypatch.setenv("KGBUILD_ENDPOINT_PASSWORD", "wrong")
        wrong = runner.invoke(main, ["push", "--store", str(seed_store_path), "--endpoint", url])
        assert wrong.exit_code == 2 and "wrong" not in wrong.output
        monkeypatch.setenv("KGBUILD_ENDPOINT_PASSWORD", "s3cret-pass")
        accepted = runner.invoke(main, ["push", "--store", str(seed_store_path), "--endpoint", url])
        assert accepted.exit_code == 0, accepted.output
        assert "s3cret" not in accepted.output
        assert _AuthHandler.seen[-1].startswith("Basic ")
    finally:
        httpd.shutdown()
