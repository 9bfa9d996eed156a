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

from conftest import QuietHTTPServer, ctrl_c_as_in_a_terminal
from kgbuild import remote
from kgbuild.cli import main

KGBUILD = [sys.executable, "-m", "kgbuild"]


class Recorder(QuietHTTPServer):
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


def streamed_reply(handler, chunk: bytes, times: int, pause: float = 0.0):
    """A reply that goes on: `times` chunks, with a pause after each, until the client hangs up."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/sparql-results+json")
    handler.end_headers()
    try:
        for _ in range(times):
            handler.wfile.write(chunk)
            handler.wfile.flush()
            time.sleep(pause)
    except OSError:
        pass


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


def test_an_escaped_hash_in_a_prefixed_name_hides_no_service_from_the_check(runner, seed_store_path, server_factory):
    server = server_factory(json_reply)
    text = f"SELECT * WHERE {{ ?s ?p person:a\\#b . SERVICE <{server.url}/x> {{ ?s ?p ?o }} }}"
    result = runner.invoke(main, ["query", "-e", text, "--store", str(seed_store_path)])
    assert "line 1, column" in one_line_error(result) and "SERVICE would send" in one_line_error(result)
    assert server.requests == []


def test_the_syntax_check_before_an_endpoint_query_calls_no_service(runner, server_factory):
    endpoint, elsewhere = server_factory(json_reply), server_factory(json_reply)
    text = f"SELECT ?s WHERE {{ SERVICE SILENT <{elsewhere.url}/x> {{ ?s ?p ?o }} }}"
    result = runner.invoke(main, ["query", "-e", text, "--endpoint", endpoint.url + "/query"])
    assert result.exit_code == 0, result.output
    assert len(endpoint.requests) == 1 and elsewhere.requests == []


def test_nesting_after_an_escaped_hash_is_refused_not_a_crash(seed_store_path):
    text = "SELECT * WHERE { ?s ?p person:a\\#b . " + "{" * 20000 + "}" * 20000 + " }"
    done = subprocess.run([*KGBUILD, "query", "-e", text, "--store", str(seed_store_path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert "nested over 100 deep" in done.stderr


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
    from kgbuild.store import open_store

    with open_store(seed_store_path) as store:
        assert f"\n{len(store)}\n" in result.stdout


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
    server = server_factory(lambda handler: streamed_reply(handler, b" " * 65536, times=10_000))
    monkeypatch.setattr(remote, "MAX_REPLY_BYTES", 1 << 20)
    result = runner.invoke(main, ["query", "-e", "SELECT ?s WHERE { ?s ?p ?o }", "--endpoint", server.url + "/q"])
    assert "sent more than 1,048,576 bytes" in one_line_error(result)


def test_a_trickling_reply_is_cut_off_at_the_total_time_limit(runner, server_factory, monkeypatch):
    server = server_factory(lambda handler: streamed_reply(handler, b" ", times=60, pause=0.5))
    monkeypatch.setattr(remote, "TIMEOUT_SECONDS", 2)
    started = time.monotonic()
    result = runner.invoke(main, ["query", "-e", "SELECT ?s WHERE { ?s ?p ?o }", "--endpoint", server.url + "/q"])
    assert "did not finish its reply within 2 s" in one_line_error(result)
    assert time.monotonic() - started < 8


def trickled_headers(handler, pause: float = 0.5):
    """Status line and headers a byte at a time, each read well within a socket's timeout."""
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n" + b"X-Pad: " + b"a" * 200 + b"\r\n\r\n"
    try:
        for byte in head:
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
            time.sleep(pause)
    except OSError:
        pass


def test_trickled_headers_are_cut_off_at_the_total_time_limit(runner, server_factory, monkeypatch):
    server = server_factory(trickled_headers)
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


# ---- files -------------------------------------------------------------------------------------

def run_kgbuild(*args, timeout=60, **kwargs):
    return subprocess.run([*KGBUILD, *map(str, args)], capture_output=True, text=True, timeout=timeout, **kwargs)


def test_a_fifo_given_as_an_article_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "news.txt"
    os.mkfifo(fifo)
    done = run_kgbuild("build", fifo, "--store", tmp_path / "kg", timeout=30)
    assert done.returncode == 2
    assert "not a regular file" in done.stderr
    assert not (tmp_path / "kg").exists()


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_endless_devices_are_refused_as_articles(device, tmp_path):
    done = run_kgbuild("extract", device, timeout=30)
    assert done.returncode == 2 and "not a regular file" in done.stderr


def test_a_fifo_in_place_of_the_store_marker_is_refused_without_waiting(tmp_path, seed_store_path):
    store = tmp_path / "kg"
    store.mkdir()
    os.mkfifo(store / "kgbuild-store.json")
    done = run_kgbuild("info", "--store", store, timeout=30)
    assert done.returncode == 2 and "not a kgbuild store" in done.stderr


def test_output_through_a_symlink_updates_the_file_it_points_to(runner, seed_store_path, tmp_path):
    real = tmp_path / "real.ttl"
    real.write_text("stale")
    link = tmp_path / "link.ttl"
    link.symlink_to(real)
    result = runner.invoke(main, ["export", "--store", str(seed_store_path), "-o", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert real.read_text().startswith("@base")


def test_output_to_a_device_writes_to_it_and_never_replaces_it(runner, seed_store_path):
    import stat

    result = runner.invoke(main, ["export", "--store", str(seed_store_path), "-o", "/dev/null"])
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("command", [["export"], ["query", "meetings"], ["draw"]])
def test_output_to_dev_stdout_goes_down_a_pipe(seed_store_path, command):
    done = subprocess.run([*KGBUILD, *command, "--store", str(seed_store_path), "-o", "/dev/stdout"],
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith((b"@base", b"meeting", b"<!DOCTYPE html>"))


def test_output_to_dev_stdout_appended_to_a_log_keeps_its_earlier_lines(seed_store_path, tmp_path):
    log = tmp_path / "log"
    log.write_bytes(b"earlier line\n")
    with open(log, "ab") as appended:
        done = subprocess.run([*KGBUILD, "query", "meetings", "--store", str(seed_store_path), "--format", "csv",
                               "-o", "/dev/stdout"], stdout=appended, stderr=subprocess.PIPE, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = log.read_bytes().splitlines()
    assert lines[0] == b"earlier line" and lines[1].startswith(b"meeting,")


@pytest.mark.parametrize("command", [["export"], ["query", "meetings"], ["draw"]])
def test_output_inside_the_store_is_refused_and_its_files_are_kept(runner, seed_store_path, command):
    marker = next(p for p in seed_store_path.iterdir() if p.suffix == ".json")
    before = marker.read_bytes()
    result = runner.invoke(main, [*command, "--store", str(seed_store_path), "-o", str(marker)])
    assert "is inside the store" in one_line_error(result)
    assert marker.read_bytes() == before


def test_output_with_a_name_near_the_length_limit(runner, seed_store_path, tmp_path):
    target = tmp_path / ("g" * 246 + ".ttl")
    result = runner.invoke(main, ["export", "--store", str(seed_store_path), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"@base")
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


def test_linked_sub_folders_are_searched_and_loops_do_not_repeat(tmp_path, seed_path):
    from kgbuild.build import find_articles

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "linked.txt").write_text(seed_path.read_text())
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "sub" / "inner.txt").write_text(seed_path.read_text())
    (corpus / "link").symlink_to(elsewhere)
    (corpus / "sub" / "back").symlink_to(corpus)
    assert sorted(p.name for p in find_articles([corpus])) == ["inner.txt", "linked.txt"]


def test_a_folder_that_cannot_be_listed_is_an_error(tmp_path, monkeypatch, seed_path):
    from kgbuild.build import find_articles
    from kgbuild.errors import InputError

    corpus = tmp_path / "corpus"
    (corpus / "locked").mkdir(parents=True)
    (corpus / "a.txt").write_text(seed_path.read_text())
    real_scandir = os.scandir

    def refusing(path="."):  # what a folder without read permission does (root reads any folder)
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    with pytest.raises(InputError, match="locked: cannot read this folder"):
        find_articles([corpus])


def test_utf32_articles_are_read_as_text(runner, tmp_path):
    article = tmp_path / "wide.txt"
    article.write_bytes("date 2022-03-01\n\nThe Ruritania Export Agency met the Elbonia Chamber of "
                        "Commerce.\n".encode("utf-32"))
    result = runner.invoke(main, ["extract", str(article)])
    assert result.exit_code == 0, result.output
    assert "Ruritania Export Agency" in result.stdout


# ---- identifiers -------------------------------------------------------------------------------

def test_names_in_other_scripts_stay_distinct_actors(runner, tmp_path):
    article = tmp_path / "greek.txt"
    article.write_text("date 2022-03-01\n\nThe Όμικρον Agency and the Σίγμα Agency signed a memorandum of "
                       "understanding. Пётр Smith, chairman of the Όμικρον Agency, met Олег Smith, director of the "
                       "Σίγμα Agency.\n", encoding="utf-8")
    store = tmp_path / "kg"
    assert runner.invoke(main, ["build", str(article), "--store", str(store)]).exit_code == 0
    from kgbuild.store import open_store

    with open_store(store) as opened_store:
        orgs = {r["o"].value for r in opened_store.query(
            "SELECT ?o WHERE { ?o a <https://w3id.org/kgbuild/bico#Organization> }")}
        persons = {r["p"].value for r in opened_store.query(
            "SELECT ?p WHERE { ?p a <https://w3id.org/kgbuild/bico#Person> }")}
    assert len(orgs) == 2 and len(persons) == 2, (orgs, persons)


def test_a_clash_of_identifiers_is_resolved_to_an_unused_one():
    from kgbuild.resolve import _unused

    taken = {"x-agency", "x-agency-2"}
    assert _unused(lambda n: f"x-agency{'-' + n if n else ''}", taken.__contains__) == "x-agency-3"


def test_file_names_that_differ_give_different_articles(runner, tmp_path, seed_path):
    from kgbuild.article import article_id

    assert article_id(Path("a b.txt")) != article_id(Path("a-b.txt"))
    assert article_id(Path("Доклад.txt")) == "Доклад"
    store = str(tmp_path / "kg")
    for name in ("a b.txt", "a-b.txt", "Доклад.txt", "x..txt"):
        folder = tmp_path / name.replace(".", "_")
        folder.mkdir()
        (folder / name).write_text(seed_path.read_text(), encoding="utf-8")
        assert runner.invoke(main, ["build", str(folder / name), "--store", store]).exit_code == 0
    from kgbuild.store import open_store

    with open_store(store) as opened_store:
        assert len(opened_store.articles()) == 4
    for fmt in ("turtle", "trig"):
        data = runner.invoke(main, ["export", "--store", store, "--format", fmt]).stdout_bytes
        from rdflib import Dataset

        Dataset().parse(data=data, format=fmt)  # rdflib reads every id back


# ---- builds ------------------------------------------------------------------------------------

def articles(folder: Path, count: int) -> Path:
    folder.mkdir()
    for n in range(count):
        (folder / f"late{n}.txt").write_text(
            f"date 2022-03-0{n + 1}\n\nThe Ruritania Export Agency met the Elbonia Chamber of Commerce in "
            f"Vienna on Friday.\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("failure", ["extraction fails", "file changed after the check"])
def test_a_build_that_fails_late_leaves_the_store_as_it_was(tmp_path, seed_path, monkeypatch, failure):
    import kgbuild.build as build_module
    from conftest import snapshot
    from kgbuild.errors import InputError
    from kgbuild.store import open_store

    store_path = tmp_path / "kg"
    with open_store(store_path, writable=True, create=True) as store:
        build_module.build([seed_path], store)
    before = snapshot(store_path)
    folder = articles(tmp_path / "new", 3)
    if failure == "extraction fails":
        real = build_module.extract
        monkeypatch.setattr(build_module, "extract", lambda a: (_ for _ in ()).throw(RuntimeError("boom"))
                            if a.id == "late2" else real(a))
        expected = RuntimeError
    else:
        real_read = build_module.read_article
        monkeypatch.setattr(build_module, "read_article", lambda p: (_ for _ in ()).throw(
            InputError(f"{p}: changed")) if Path(p).name == "late2.txt" else real_read(p))
        expected = InputError
    monkeypatch.setattr(build_module, "BATCH_ARTICLES", 1)  # the seed and two articles are written first
    with open_store(store_path, writable=True) as store:
        with pytest.raises(expected):
            build_module.add_articles([seed_path, *sorted(folder.iterdir())], store)
    assert snapshot(store_path) == before


class FillingDisk:
    """A database whose disk fills: its `writes` (calls of the methods named) fail from the `at`-th one,
    until the `until`-th one included (for ever when None)."""

    def __init__(self, inner, writes: set[str], at: int, until: int | None = None):
        self.inner, self.names, self.at, self.until, self.writes = inner, writes, at, until, 0

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def __contains__(self, quad):
        return quad in self.inner

    def _write(self, name, *args, **kwargs):
        if name in self.names:
            self.writes += 1
            if self.writes >= self.at and (self.until is None or self.writes <= self.until):
                raise OSError(28, "No space left on device")
        return getattr(self.inner, name)(*args, **kwargs)

    def update(self, *args, **kwargs):
        return self._write("update", *args, **kwargs)

    def bulk_load(self, *args, **kwargs):
        return self._write("bulk_load", *args, **kwargs)


@pytest.mark.parametrize("failing,at", [("update", 3), ("bulk_load", 2)])
def test_a_rebuild_whose_write_fails_part_way_puts_the_store_back(tmp_path, seed_path, monkeypatch, failing, at):
    # A rebuild changes stored articles one transaction each (update: the seed, late0, late1) and loads
    # new ones in batches (bulk_load: late2, late3): the disk filling at the last of either must leave
    # the store as it was, the articles changed and written before the failure included.
    import kgbuild.build as build_module
    from conftest import snapshot
    from kgbuild.errors import StoreError
    from kgbuild.store import open_store

    folder = articles(tmp_path / "new", 4)
    store_path = tmp_path / "kg"
    with open_store(store_path, writable=True, create=True) as store:
        build_module.build([seed_path, *sorted(folder.iterdir())[:2]], store)
    before = snapshot(store_path)
    for path in folder.iterdir():  # the stored ones change; late2 and late3 are new
        path.write_text(path.read_text(encoding="utf-8").replace("Vienna", "Geneva"), encoding="utf-8")

    monkeypatch.setattr(build_module, "BATCH_ARTICLES", 1)
    files = [seed_path, *sorted(folder.iterdir())]
    with open_store(store_path, writable=True) as store:
        real = store._inner
        store._inner = disk = FillingDisk(real, {failing}, at, until=at)
        with pytest.raises(StoreError, match="No space left"):
            build_module.add_articles(files, store, force=True)
        store._inner = real
    disk.inner = real = None  # the last references: the database closes
    assert disk.writes >= at
    assert snapshot(store_path) == before


def test_a_build_whose_undo_fails_on_a_full_disk_is_undone_at_the_next_opening(tmp_path, seed_path, monkeypatch):
    # The disk fills at the second batch and stays full: undoing the first batch fails too. The store is
    # put back when it is next opened (the disk freed), not left half built.
    import kgbuild.build as build_module
    from conftest import snapshot
    from kgbuild.errors import StoreError
    from kgbuild.store import open_store

    folder = articles(tmp_path / "new", 3)
    store_path = tmp_path / "kg"
    with open_store(store_path, writable=True, create=True) as store:
        build_module.build([seed_path, folder / "late0.txt"], store)
    before = snapshot(store_path)
    (folder / "late0.txt").write_text((folder / "late0.txt").read_text().replace("Vienna", "Geneva"))

    monkeypatch.setattr(build_module, "BATCH_ARTICLES", 1)
    with open_store(store_path, writable=True) as store:
        real = store._inner
        # full from the third write on: after the replaced article and the first new one
        store._inner = disk = FillingDisk(real, {"update", "bulk_load"}, 3)
        with pytest.raises(StoreError, match="undoing it failed too .* the next opening of the store undoes it"):
            build_module.add_articles(sorted(folder.iterdir()), store)
        store._inner = real
    disk.inner = real = None  # the last references: the database closes
    assert (store_path / "change-journal.json").exists()
    assert snapshot(store_path) == before  # snapshot opens the store: the build is undone then
    assert not (store_path / "change-journal.json").exists()


def test_a_killed_build_keeps_the_batches_it_wrote_and_no_journal(tmp_path, seed_path, monkeypatch):
    import kgbuild.build as build_module
    from kgbuild.store import open_store

    folder = articles(tmp_path / "new", 3)
    store_path = tmp_path / "kg"
    monkeypatch.setattr(build_module, "BATCH_ARTICLES", 1)
    real = build_module.extract
    monkeypatch.setattr(build_module, "extract", lambda a: (_ for _ in ()).throw(KeyboardInterrupt)
                        if a.id == "late2" else real(a))
    with open_store(store_path, writable=True, create=True) as store:
        with pytest.raises(KeyboardInterrupt):
            build_module.add_articles(sorted(folder.iterdir()), store)
    assert not (store_path / "build-journal.json").exists()
    (store_path / "build-journal.json").write_text('["late0", ""]\n')  # as a SIGKILL leaves it
    with open_store(store_path, writable=True) as store:
        assert sorted(store.articles()) == ["late0", "late1"]
    assert not (store_path / "build-journal.json").exists()


def test_a_publication_date_no_calendar_arithmetic_can_use_is_refused_before_anything_is_written(runner, tmp_path):
    article = tmp_path / "ancient.txt"
    article.write_text("date 0001-01-01\n\nThe Ruritania Export Agency met the Elbonia Chamber on Friday.\n")
    result = runner.invoke(main, ["build", str(article), "--store", str(tmp_path / "kg")])
    assert "is not between 1800 and 2200" in one_line_error(result)
    assert not (tmp_path / "kg").exists()


def test_rebuilding_keeps_every_resolution_reason(tmp_path):
    from conftest import snapshot
    from kgbuild.build import build
    from kgbuild.resolve import explain
    from kgbuild.store import open_store

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("date 2022-03-01\n\nBertil Vasko, chairman of the Ruritania Export Agency, met "
                                  "the Elbonia Chamber of Commerce.\n")
    (folder / "b.txt").write_text("date 2022-04-01\n\nBertl Vasko, chairman of the Ruritania Export Agency, "
                                  "visited Vienna.\n")
    store_path = tmp_path / "kg"
    for _ in range(2):
        with open_store(store_path, writable=True, create=True) as store:
            build([folder], store)
        if _ == 0:
            first = snapshot(store_path)
    assert snapshot(store_path) == first
    with open_store(store_path) as store:
        reasons = [reason for e in explain(store.inner, "Bertil Vasko") for _, _, reason in e.decisions]
    assert any("1 edit from 'Bertil Vasko'" in reason for reason in reasons), reasons


def _corpus(tmp_path: Path, count: int) -> Path:
    from conftest import make_corpus

    return make_corpus(tmp_path / "corpus", count)


def test_ctrl_c_during_a_build_with_jobs_stops_cleanly(tmp_path):
    import signal

    corpus = _corpus(tmp_path, 400)
    for attempt in range(3):
        store = tmp_path / f"kg{attempt}"
        process = subprocess.Popen([*KGBUILD, "build", str(corpus), "--store", str(store), "--jobs", "2"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                                   preexec_fn=ctrl_c_as_in_a_terminal)
        deadline = time.monotonic() + 60
        while not (store / "oxigraph").exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)  # until the build writes: Ctrl-C then lands in the work, not in start-up
        time.sleep(0.5 + attempt)
        os.killpg(process.pid, signal.SIGINT)  # what a terminal's Ctrl-C sends: to every process of the group
        try:
            _, stderr = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            pytest.fail("the build hung after Ctrl-C")
        assert "Traceback" not in stderr, stderr
        if process.returncode == 0:
            continue  # finished before the Ctrl-C
        assert process.returncode == 130 and stderr.strip().endswith("Interrupted."), stderr


def test_a_killed_build_with_jobs_leaves_no_workers_and_no_tracebacks(tmp_path):

    corpus = _corpus(tmp_path, 400)
    store = tmp_path / "kg"
    process = subprocess.Popen([*KGBUILD, "build", str(corpus), "--store", str(store), "--jobs", "2"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    time.sleep(3)
    process.kill()
    _, stderr = process.communicate(timeout=30)  # ends when the workers, which share stderr, have ended
    assert "Traceback" not in stderr
    done = run_kgbuild("info", "--store", store)
    assert done.returncode == 0, done.stderr


# ---- environment and messages -------------------------------------------------------------------

def test_a_damaged_database_is_an_input_error(tmp_path, seed_store_path):
    import shutil

    store = tmp_path / "kg"
    shutil.copytree(seed_store_path, store)
    (store / "oxigraph" / "CURRENT").write_text("garbage")
    done = run_kgbuild("info", "--store", store)
    assert done.returncode == 2 and "database is damaged" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_stdout_on_a_full_device_is_an_input_error(seed_store_path):
    with open("/dev/full", "w") as full:
        done = subprocess.run([*KGBUILD, "export", "--store", str(seed_store_path)], stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip() == "Error: No space left on device"


def test_usage_errors_take_one_line(runner):
    result = runner.invoke(main, ["query", "meetings", "--format", "nope"])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "query --help')" in result.stderr


def test_a_newline_in_a_file_name_does_not_split_the_message(runner, tmp_path):
    result = runner.invoke(main, ["build", str(tmp_path / "no\nsuch.txt"), "--store", str(tmp_path / "kg")])
    assert "no\\nsuch.txt: no such file" in one_line_error(result)


@pytest.mark.parametrize("value, shows_traceback", [("0", False), ("", False), ("1", True)])
def test_kgbuild_debug_is_on_only_when_set_to_a_true_value(runner, seed_store_path, monkeypatch, value,
                                                          shows_traceback):
    from kgbuild import store as store_module

    monkeypatch.setattr(store_module.KnowledgeStore, "counts", lambda self: 1 / 0)
    monkeypatch.setenv("KGBUILD_DEBUG", value)
    result = runner.invoke(main, ["info", "--store", str(seed_store_path)])
    if shows_traceback:
        assert isinstance(result.exception, ZeroDivisionError)
    else:
        assert result.exit_code == 3 and "internal error (ZeroDivisionError" in result.stderr


# ---- long queries ------------------------------------------------------------------------------

CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_a_query_past_its_timeout_is_stopped(seed_store_path):
    started = time.monotonic()
    done = run_kgbuild("query", "-e", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
                       "--store", seed_store_path, "--timeout", "2", timeout=60)
    assert done.returncode == 2 and "ran past 2 s and was stopped" in done.stderr
    assert time.monotonic() - started < 30


def test_ctrl_c_stops_a_running_query(seed_store_path):
    import signal

    process = subprocess.Popen([*KGBUILD, "query", "-e", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . "
                                "?g ?h ?i }", "--store", str(seed_store_path)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=ctrl_c_as_in_a_terminal)
    time.sleep(2)
    process.send_signal(signal.SIGINT)
    try:
        _, stderr = process.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail("Ctrl-C did not stop the query")
    assert process.returncode == 130 and stderr.strip() == "Interrupted."


def test_csv_rows_stream_out_before_the_query_ends(seed_store_path):
    process = subprocess.Popen([*KGBUILD, "query", "-e", CARTESIAN, "--format", "csv", "--store",
                                str(seed_store_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        header = process.stdout.readline()
        first = process.stdout.readline()
    finally:
        process.kill()
        process.wait(timeout=15)
    assert header.strip() == b"a,b,c,d,e,f,g,h,i"
    assert first.count(b",") >= 8


@pytest.mark.parametrize("fmt", ["nt", "turtle"])
def test_construct_triples_stream_out_before_the_query_ends(seed_store_path, fmt):
    # Distinct triples without end in sight (every pair of subjects, through a third pattern's rows):
    # held whole in memory, as before, nothing came out until memory ran out.
    endless = ("CONSTRUCT { ?a <http://example.org/p> ?d } WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    process = subprocess.Popen([*KGBUILD, "query", "-e", endless, "--format", fmt, "--store", str(seed_store_path)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    import select

    received = b""
    deadline = time.monotonic() + 60
    try:
        while received.count(b"<http://example.org/p>") < 2 and time.monotonic() < deadline:
            if select.select([process.stdout], [], [], 1)[0]:
                chunk = os.read(process.stdout.fileno(), 1 << 16)
                if not chunk:
                    break
                received += chunk
    finally:
        process.kill()
        process.wait(timeout=15)
    assert received.count(b"<http://example.org/p>") >= 2


def test_a_table_stops_at_its_row_limit_and_says_so(runner, seed_store_path, monkeypatch):
    from kgbuild import query as query_module

    monkeypatch.setattr(query_module, "TABLE_ROWS", 50)
    result = runner.invoke(main, ["query", "-e", CARTESIAN, "--store", str(seed_store_path)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[-2] == "(50 rows)" and lines[-1].startswith("(the first 50 rows; more follow")


# ---- text that grew faster than linearly --------------------------------------------------------

@pytest.mark.parametrize("unit", [
    "Agency Chamber Council Ministry Commission Agency of Trade ",
    "$1.5 million, 2 billion rubles and €3,4 mln, ",
    "Mr. A. B. Smith met Dr. x. A Inc. Co. Ltd. U.S. ",
    "Mr. " * 20,
], ids=["organisation words", "money amounts", "abbreviations", "titles"])
def test_half_a_megabyte_of_adversarial_text_is_extracted_in_seconds(tmp_path, unit):
    # Linear extraction takes about 3 s here; the quadratic steps these texts found took minutes.
    article = tmp_path / "long.txt"
    article.write_text("date 2022-03-01\n\n" + unit * (500_000 // len(unit)) + "met.\n", encoding="utf-8")
    started = time.monotonic()
    done = run_kgbuild("extract", article, timeout=120)
    assert done.returncode == 0, done.stderr[-300:]
    assert time.monotonic() - started < 60


def _surnames():
    letters = "abcdefghijklmnopqrstuvwxyz"
    return (a.upper() + b + c + d for a in letters for b in letters for c in letters for d in letters)


def _many_trade_amounts() -> str:
    return "Trade between Kenya and Uganda reached " + ", ".join(
        f"${n}.5 million in {2000 + n % 20}" for n in range(16_000)) + ".\n"


def _many_persons_with_posts() -> str:
    names = _surnames()
    return "The meeting was attended by " + ", ".join(
        f"Chairman of the Kenya Chamber of Commerce {next(names)} {next(names)}" for _ in range(8_000)) + ".\n"


@pytest.mark.parametrize("body", [_many_trade_amounts, _many_persons_with_posts],
                         ids=["trade amounts in one sentence", "persons with posts in one sentence"])
def test_long_sentences_of_figures_or_persons_are_extracted_in_linear_time(body):
    # 400 KB each; linear extraction takes 1-3 s here, the quadratic steps took minutes.
    from kgbuild.article import Article
    from kgbuild.extract import extract

    text = body()
    article = Article(id="long", body=text, date="2023-05-01")
    started = time.monotonic()
    records = extract(article)
    assert time.monotonic() - started < 60
    assert len(records.trade_figures) + len(records.persons) >= 7_900


def test_a_folder_that_can_be_listed_but_not_entered_is_an_error(tmp_path, monkeypatch, seed_path):
    from kgbuild.build import find_articles
    from kgbuild.errors import InputError

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(seed_path.read_text())
    real_stat = os.stat

    def refusing(path, *args, **kwargs):  # what a folder with read but no search permission does
        if str(path).endswith("a.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", refusing)
    with pytest.raises(InputError, match="a.txt: cannot be read"):
        find_articles([corpus])


def test_the_first_error_of_a_failing_build_is_the_one_reported(runner, tmp_path, seed_path, monkeypatch):
    from kgbuild.errors import StoreError
    from kgbuild.store import KnowledgeStore

    def full(self, *args, **kwargs):
        raise StoreError(f"{self.path}: cannot write the store (No space left on device)")

    def close_fails(self):
        raise StoreError("closing failed as well")

    monkeypatch.setattr(KnowledgeStore, "write_articles", full)
    monkeypatch.setattr(KnowledgeStore, "close", close_fails)
    result = runner.invoke(main, ["build", str(seed_path), "--store", str(tmp_path / "kg")])
    assert "No space left on device" in one_line_error(result)


# ---- small things a red team found -------------------------------------------------------------

def test_a_dateline_date_outside_the_accepted_years_is_refused_like_a_header_date(runner, tmp_path):
    article = tmp_path / "old.txt"
    article.write_text("LONDON, January 1, 0001 - Kenya and Uganda signed a memorandum.\n", encoding="utf-8")
    result = runner.invoke(main, ["extract", str(article)])
    assert "is not between 1800 and 2200" in one_line_error(result)


@pytest.mark.parametrize("value", ["nan", "inf"])
def test_a_timeout_that_is_not_a_number_of_seconds_is_refused(runner, seed_store_path, value):
    result = runner.invoke(main, ["query", "meetings", "--store", str(seed_store_path), "--timeout", value])
    assert f"{value} is not a number of seconds" in one_line_error(result)


def test_control_characters_of_an_article_are_shown_not_obeyed_in_a_table(runner, tmp_path):
    article = tmp_path / "escape.txt"
    article.write_bytes(b"title: Evil \x1b]0;retitled\x07 news\ndate 2022-01-01\n\n"
                        b"The Agency of Kenya signed a memorandum with the Chamber of Uganda.\n")
    result = runner.invoke(main, ["extract", str(article), "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "Evil \\x1b]0;retitled\\x07 news" in result.stdout


# A worker that is slow to start: a Ctrl-C to the process group lands between its fork and its
# _start_worker, where Python would interrupt it and print "Process ForkPoolWorker-1:" and a traceback.
_SLOW_WORKERS = """
import os, signal, sys, time
from kgbuild import build
started = build._start_worker
def slow_start():
    time.sleep(1.0)
    started()
build._start_worker = slow_start
pool = build._pool(2)  # forked from a process that takes Ctrl-C, as a build is
signal.signal(signal.SIGINT, signal.SIG_IGN)  # this process keeps going: only the workers are watched
os.killpg(os.getpgrp(), signal.SIGINT)  # what a terminal's Ctrl-C sends, while the workers still sleep
time.sleep(1.5)
print(pool.map(abs, [-1, -2, -3]))
pool.close()
pool.join()
"""


def test_ctrl_c_while_workers_start_prints_no_worker_traceback():
    done = subprocess.run([sys.executable, "-c", _SLOW_WORKERS], capture_output=True, text=True, timeout=60,
                          start_new_session=True)
    assert "Traceback" not in done.stderr and "Process " not in done.stderr, done.stderr
    assert done.stdout.strip() == "[1, 2, 3]"


# ---- identities independent of the store's history -----------------------------------------------------

# Three articles naming the same actors under other spellings (an acronym, a typo, another form of the
# name): which spelling labels an actor, and which names merge, is decided by the article read first.
VARIANTS = {
    "a1": "date 2024-01-10\n\nAhmed Kahn, Chairman of the Ruritania Export Promotion Agency (REPA), met Maria "
          "Lopes, President of the Elbonia Chamber of Commerce and Industry, in Vienna on Monday.\n",
    "b2": "date 2024-02-12\n\nAhmed Khan, Chairman of the Ruritania Export Promotion Agency, received a delegation "
          "of the Elbonia Chamber of Commerce and Industry in Zenda on Tuesday. Maria Lopez, President of the Elbonia "
          "Chamber of Commerce and Industry, led the delegation.\n",
    "c3": "date 2024-03-15\n\nThe REPA signed a memorandum of understanding with the Elbonia Chamber of Commerce "
          "and Industry (ECCI) on Friday. Ahmed Khan, Chairman of the Ruritania Export Promotion Agency, and Maria "
          "Lopez, President of the ECCI, signed it.\n",
}


def _variants(folder: Path, texts: dict[str, str]) -> list[Path]:
    folder.mkdir(exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return [folder / f"{name}.txt" for name in texts]


def _fresh(tmp_path: Path, name: str, texts: dict[str, str]) -> bytes:
    from conftest import snapshot
    from kgbuild.build import build
    from kgbuild.store import open_store

    with open_store(tmp_path / name, writable=True, create=True) as store:
        build(_variants(tmp_path / f"{name}-files", texts), store)
    return snapshot(tmp_path / name)


def test_articles_built_in_any_order_give_the_graph_of_a_fresh_build(tmp_path):
    from conftest import snapshot
    from kgbuild.build import build
    from kgbuild.store import open_store

    files = _variants(tmp_path / "files", VARIANTS)
    store_path = tmp_path / "kg"
    for path in reversed(files):  # the last id first: each earlier one comes in after those it precedes
        with open_store(store_path, writable=True, create=True) as store:
            build([path], store)
    assert snapshot(store_path) == _fresh(tmp_path, "fresh", VARIANTS)


def test_a_store_that_took_in_changed_articles_equals_a_fresh_build_of_them(tmp_path):
    from conftest import snapshot
    from kgbuild.build import build
    from kgbuild.store import open_store

    files = _variants(tmp_path / "files", {**VARIANTS, "a1": "date 2024-01-10\n\nNothing of note happened.\n"})
    store_path = tmp_path / "kg"
    with open_store(store_path, writable=True, create=True) as store:
        build(files, store)
    files = _variants(tmp_path / "files", VARIANTS)  # the first article now names the actors first
    with open_store(store_path, writable=True) as store:
        report = build(files, store)
    assert report.replaced == ["a1"] and report.rebuilt  # the later ones resolve otherwise now
    assert snapshot(store_path) == _fresh(tmp_path, "fresh", VARIANTS)


@pytest.mark.parametrize("seed", range(1, 9))
def test_any_history_of_builds_changes_and_removals_ends_in_the_graph_of_a_fresh_build(tmp_path, seed):
    import random

    from conftest import snapshot
    from kgbuild.build import build
    from kgbuild.store import open_store
    from kgbuild.upkeep import remove_articles

    cases = Path(__file__).parent / "cases"
    chance = random.Random(seed)
    pool = {**VARIANTS, **{p.stem: p.read_text(encoding="utf-8") for p in sorted(cases.glob("0[1-3]_*.txt"))}}
    for number in range(6):  # more articles naming the same two men under one spelling or the other
        chair, head = chance.choice(["Ahmed Khan", "Ahmed Kahn"]), chance.choice(["Maria Lopez", "Maria Lopes"])
        agency = chance.choice(["Ruritania Export Promotion Agency", "Ruritania Export Promotion Agency (REPA)"])
        pool[f"{chance.choice('abcd')}{number}"] = (
            f"date 2024-04-0{number + 1}\n\n{chair}, Chairman of the {agency}, met {head}, President of the Elbonia "
            f"Chamber of Commerce and Industry, in Vienna on Monday.\n")
    held: dict[str, str] = {}
    store_path = tmp_path / "kg"
    for step in range(8):
        folder = tmp_path / f"step{step}"
        if held and chance.random() < 0.3:
            gone = chance.sample(sorted(held), k=min(2, len(held) - 1) or 1)
            with open_store(store_path, writable=True) as store:
                remove_articles(store, gone)
            for name in gone:
                del held[name]
            continue
        batch = {name: pool[name] for name in chance.sample(sorted(pool), k=4)}
        for name in list(batch):
            if chance.random() < 0.3:  # a changed text: the first two sentences only
                batch[name] = batch[name].split("\n\n", 1)[0] + "\n\n" + ". ".join(
                    batch[name].split("\n\n", 1)[1].split(". ")[:2]).rstrip(".\n") + ".\n"
        with open_store(store_path, writable=True, create=True) as store:
            build(_variants(folder, batch), store)
        held.update(batch)
    assert snapshot(store_path) == _fresh(tmp_path, "fresh", held)


def test_a_build_stopped_before_its_rebuilds_is_settled_by_the_next_build(tmp_path, monkeypatch):
    # The first article, changed, makes the later ones resolve otherwise; Ctrl-C lands when the first
    # later one is to be built again. The batch written stays (a build keeps what it wrote); the next
    # build, which brings nothing new, builds the rest again.
    import kgbuild.build as build_module
    from conftest import snapshot
    from kgbuild.build import build
    from kgbuild.store import open_store

    files = _variants(tmp_path / "files", {**VARIANTS, "a1": "date 2024-01-10\n\nNothing of note happened.\n"})
    store_path = tmp_path / "kg"
    with open_store(store_path, writable=True, create=True) as store:
        build(files, store)
    files = _variants(tmp_path / "files", VARIANTS)
    real = build_module.extract
    calls = []

    def stopped(article):
        calls.append(article.id)
        if article.id != "a1":
            raise KeyboardInterrupt
        return real(article)

    monkeypatch.setattr(build_module, "BATCH_ARTICLES", 1)
    monkeypatch.setattr(build_module, "extract", stopped)
    with pytest.raises(KeyboardInterrupt):
        with open_store(store_path, writable=True) as store:
            build(files, store)
    monkeypatch.setattr(build_module, "extract", real)
    assert "b2" in calls  # stopped at a rebuild, after the changed article was written
    with open_store(store_path, writable=True) as store:
        report = build(files, store)
    assert report.unchanged == ["a1", "b2", "c3"] and report.rebuilt == ["a1", "b2", "c3"]  # from where it began
    assert snapshot(store_path) == _fresh(tmp_path, "fresh", VARIANTS)
    assert not (store_path / "unsettled-from.json").exists()
