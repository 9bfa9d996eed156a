"""Hostile input, hostile servers, hostile files: each case ends with a documented exit code and one
line, nothing lost, no request to a server the user did not name, and nothing hangs."""

import base64
import http.server
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kgbuild import remote
from kgbuild.cli import main

KGBUILD = [sys.executable, "-m", "kgbuild"]


class Recorder(http.server.ThreadingHTTPServer):
    """A local HTTP server that records every request and answers with `reply(handler)`."""

    daemon_threads = True

    def __init__(self, reply):
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.reply = reply
        recorder = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _any(self):
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                recorder.requests.append((self.command, self.path, dict(self.headers)))
                recorder.reply(self)

            do_GET = do_POST = do_PUT = _any

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def stop(self):
        self.shutdown()
        self.server_close()


@pytest.fixture()
def server_factory():
    servers = []

    def make(reply):
        servers.append(Recorder(reply))
        return servers[-1]

    yield make
    for server in servers:
        server.stop()


def json_reply(handler, body=b'{"head":{"vars":["s"]},"results":{"bindings":[]}}'):
    handler.send_response(200)
    handler.send_header("Content-Type", "application/sparql-results+json")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def one_line_error(result, code=2):
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


# ---- queries -----------------------------------------------------------------------------------

def test_a_local_query_never_sends_service_requests(runner, seed_store_path, server_factory):
    server = server_factory(json_reply)
    text = f"SELECT * WHERE {{ SERVICE <{server.url}/x> {{ ?s ?p ?o }} }}"
    result = runner.invoke(main, ["query", "-e", text, "--store", str(seed_store_path)])
    assert "SERVICE would send the query to another server" in one_line_error(result)
    assert server.requests == []


def test_service_is_allowed_on_a_named_endpoint(runner, server_factory):
    server = server_factory(json_reply)
    result = runner.invoke(main, ["query", "-e", "SELECT ?s WHERE { SERVICE <http://x/> { ?s ?p ?o } }",
                                  "--endpoint", server.url + "/query"])
    assert result.exit_code == 0, result.output
    assert len(server.requests) == 1


def test_deeply_nested_queries_are_refused_not_a_crash(seed_store_path):
    text = "SELECT * WHERE " + "{" * 4000 + "}" * 4000
    done = subprocess.run([*KGBUILD, "query", "-e", text, "--store", str(seed_store_path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert "nested over 100 deep" in done.stderr


@pytest.mark.parametrize("value, message", [
    ("<>", "<> is not a valid IRI"),
    ("person:a{b}", "person:a{b} is not a valid IRI"),
    ('"\\N"', "\\N is not an escape SPARQL knows"),
    ('"\\uD800"', "is not a character"),
])
def test_bad_bind_values_are_input_errors(runner, seed_store_path, value, message):
    result = runner.invoke(main, ["query", "-e", "SELECT ?v WHERE { ?s ?p ?v }", "--bind", f"v={value}",
                                  "--store", str(seed_store_path)])
    assert message in one_line_error(result)


def test_a_non_ascii_bind_literal_with_an_escape_keeps_its_letters(runner, seed_store_path):
    from kgbuild.query import parse_term

    assert parse_term('"Müller\\t"').value == "Müller\t"
    assert parse_term('"Agency\\u2019s"').value == "Agency’s"
    result = runner.invoke(main, ["query", "-e", 'SELECT ?l WHERE { ?s rdfs:label ?l FILTER(STRSTARTS(?l, ?v)) }',
                                  "--bind", 'v="Azerbaij\\u00e1n"', "--store", str(seed_store_path)])
    assert result.exit_code == 0 and "(0 rows)" in result.stdout


def test_query_text_that_is_not_utf8_is_an_input_error(runner, seed_store_path):
    result = runner.invoke(main, ["query", "-", "--store", str(seed_store_path)],
                           input=b'SELECT ?s WHERE { ?s ?p "\xff" }')
    assert "not UTF-8 text" in one_line_error(result)


def test_a_query_file_with_a_byte_order_mark_runs(runner, seed_store_path, tmp_path):
    query = tmp_path / "bom.rq"
    query.write_bytes(b"\xef\xbb\xbfSELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    result = runner.invoke(main, ["query", str(query), "--store", str(seed_store_path)])
    assert result.exit_code == 0, result.output
    assert "646" in result.stdout


# ---- servers -----------------------------------------------------------------------------------

def test_credentials_do_not_follow_a_redirect_to_another_origin(runner, server_factory, monkeypatch):
    other = server_factory(json_reply)

    def redirect(handler):
        handler.send_response(302)
        handler.send_header("Location", other.url + "/query")
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    first = server_factory(redirect)
    monkeypatch.setenv("KGBUILD_ENDPOINT_USER", "analyst")
    monkeypatch.setenv("KGBUILD_ENDPOINT_PASSWORD", "secret")
    result = runner.invoke(main, ["query", "-e", "SELECT ?s WHERE { ?s ?p ?o }", "--endpoint", first.url + "/query"])
    assert result.exit_code == 0, result.output
    assert "Authorization" in first.requests[0][2]
    assert len(other.requests) == 1 and "Authorization" not in other.requests[0][2]


def test_credentials_follow_a_redirect_on_the_same_origin(runner, server_factory, monkeypatch):
    def reply(handler):
        if handler.path == "/old":
            handler.send_response(307)
            handler.send_header("Location", "/query")
            handler.send_header("Content-Length", "0")
            handler.end_headers()
        else:
            json_reply(handler)

    server = server_factory(reply)
    monkeypatch.setenv("KGBUILD_ENDPOINT_USER", "analyst")
    result = runner.invoke(main, ["query", "-e", "SELECT ?s WHERE { ?s ?p ?o }", "--endpoint", server.url + "/old"])
    assert result.exit_code == 0, result.output
    token = base64.b64encode(b"analyst:").decode()
    assert [r[2].get("Authorization") for r in server.requests] == [f"Basic {token}"] * 2


def test_an_endless_reply_is_cut_off_at_the_size_limit(runner, server_factory, monkeypatch):
    def endless(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "application/sparql-results+json")
        handler.end_headers()
        try:
            for _ in range(10_000):
                handler.wfile.write(b" " * 65536)
        except OSError:
            pass

    server = server_factory(endless)
    monkeypatch.setattr(remote, "MAX_REPLY_BYTES", 1 << 20)
    result = runner.invoke(main, ["query", "-e", "SELECT ?s WHERE { ?s ?p ?o }", "--endpoint", server.url + "/q"])
    assert "sent more than 1,048,576 bytes" in one_line_error(result)


def test_a_trickling_reply_is_cut_off_at_the_total_time_limit(runner, server_factory, monkeypatch):
    def trickle(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "application/sparql-results+json")
        handler.end_headers()
        try:
            for _ in range(60):
                handler.wfile.write(b" ")
                handler.wfile.flush()
                time.sleep(0.5)
        except OSError:
            pass

    server = server_factory(trickle)
    monkeypatch.setattr(remote, "TIMEOUT_SECONDS", 2)
    started = time.monotonic()
    result = runner.invoke(main, ["query", "-e", "SELECT ?s WHERE { ?s ?p ?o }", "--endpoint", server.url + "/q"])
    assert "did not finish its reply within 2 s" in one_line_error(result)
    assert time.monotonic() - started < 8


@pytest.mark.parametrize("url, message", [
    ("http://127.0.0.1:99999/query", "not a usable URL"),
    ("http://127.0.0.1:7878/qu\nery", "spaces or control characters"),
    ("http://[::1]:1/query", "cannot reach http://[::1]:1/query"),
    ("ftp://127.0.0.1/query", "expected an http:// or https:// URL"),
])
def test_bad_endpoint_urls_are_input_errors(runner, url, message):
    result = runner.invoke(main, ["query", "-e", "ASK {}", "--endpoint", url])
    assert message in one_line_error(result)


def test_a_password_in_the_endpoint_url_is_never_printed(runner):
    result = runner.invoke(main, ["query", "-e", "ASK {}", "--endpoint", "http://me:hunter2@127.0.0.1:1/query"])
    assert "hunter2" not in result.output
    one_line_error(result)
