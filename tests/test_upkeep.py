"""Living with a store: listing and removing articles, unchanged rebuilds, --keep-going, progress,
JSON output, and a local SPARQL endpoint."""

import csv
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import CASES, QuietHTTPServer, ctrl_c_as_in_a_terminal, snapshot

from kgbuild.build import add_articles, build, check_articles
from kgbuild.cli import main
from kgbuild.query import bundled_queries
from kgbuild.store import open_store

KGBUILD = [sys.executable, "-m", "kgbuild"]


def built(path: Path, *folders_or_files) -> Path:
    with open_store(path, writable=True, create=True) as store:
        build(list(folders_or_files), store)
    return path


def folder_of(tmp_path: Path, name: str, sources: list[Path]) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for source in sources:
        shutil.copy(source, folder / source.name)
    return folder


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def data_bytes(database: Path) -> int:
    """The database's data: its sorted tables and write-ahead logs (not its diagnostic log and settings,
    which it writes afresh at each opening)."""
    return sum(p.stat().st_size for p in database.iterdir() if p.suffix in (".sst", ".log"))


# Two articles that share actors (the same agency), so that removing one touches the other.
SHARED = [CASES / "01_swiss_chamber.txt", CASES / "06_smb_variants.txt"]


@pytest.mark.parametrize("removed", [0, 1], ids=["the first", "the second"])
def test_removing_an_article_gives_what_a_fresh_build_of_the_rest_gives(runner, tmp_path, removed):
    both = built(tmp_path / "both", folder_of(tmp_path, "both-articles", SHARED))
    kept = SHARED[1 - removed]
    alone = built(tmp_path / "alone", folder_of(tmp_path, "alone-articles", [kept]))
    result = runner.invoke(main, ["remove", SHARED[removed].stem, "--store", str(both)])
    assert result.exit_code == 0, result.output
    assert "Removed 1 article(s)" in result.stderr
    assert snapshot(both) == snapshot(alone)


def test_ctrl_c_during_a_removal_puts_back_every_article(runner, tmp_path, monkeypatch):
    import kgbuild.build as build_module
    from kgbuild import upkeep

    store = built(tmp_path / "kg", folder_of(tmp_path, "articles", SHARED))
    before = snapshot(store)
    took_out = []

    def interrupted(*args, **kwargs):  # the article went out, the other one is not yet built again
        with open_store(store) as reading:
            took_out.append(SHARED[0].stem not in reading.articles())
        raise KeyboardInterrupt

    monkeypatch.setattr(build_module, "extract", interrupted)
    with pytest.raises(KeyboardInterrupt):
        with open_store(store, writable=True) as opened_store:
            upkeep.remove_articles(opened_store, [SHARED[0].stem])
    assert took_out == [True]
    assert snapshot(store) == before
    assert not (store / "change-journal.json").exists()


# Kills itself with SIGKILL where a removal has taken articles out and not yet built the affected ones
# again: nothing in the process runs after that, so only the store's own journal can put them back.
_KILLED_REMOVAL = """
import os, signal, sys
import kgbuild.build
from kgbuild.cli import main
kgbuild.build.extract = lambda *args, **kwargs: os.kill(os.getpid(), signal.SIGKILL)
sys.argv = ["kgbuild", "remove", sys.argv[1], "--store", sys.argv[2]]
main()
"""


@pytest.mark.parametrize("reader_first", [False, True], ids=["next command writes", "next command reads"])
def test_a_removal_killed_part_way_is_put_back_at_the_next_opening(runner, tmp_path, reader_first):
    store = built(tmp_path / "kg", folder_of(tmp_path, "articles", SHARED))
    before = snapshot(store)
    done = subprocess.run([sys.executable, "-c", _KILLED_REMOVAL, SHARED[0].stem, str(store)],
                          capture_output=True, timeout=120)
    assert done.returncode == -signal.SIGKILL
    if reader_first:
        listed = runner.invoke(main, ["articles", "--store", str(store), "--format", "json"])
        assert listed.exit_code == 0, listed.output
        assert sorted(a["id"] for a in json.loads(listed.stdout)) == sorted(p.stem for p in SHARED)
    assert snapshot(store) == before
    again = runner.invoke(main, ["remove", SHARED[0].stem, "--store", str(store)])
    assert again.exit_code == 0, again.output
    alone = built(tmp_path / "alone", folder_of(tmp_path, "alone-articles", [SHARED[1]]))
    assert snapshot(store) == snapshot(alone)


def _kept_text_of(store: Path, article_id: str) -> Path:
    return next(p for p in (store / "texts").iterdir() if json.loads(p.read_text(encoding="utf-8"))["id"] == article_id)


@pytest.mark.parametrize("tamper", [
    lambda fields: {**fields, "body": fields["body"].replace("Agency", "Bureau")},
    lambda fields: {**fields, "id": "../../etc/passwd"},
    lambda fields: {**fields, "extra": 1},
    lambda fields: {**fields, "authors": "not a list"},
], ids=["text replaced", "another id", "an extra key", "a wrong type"])
def test_a_kept_text_changed_on_disk_is_refused_and_nothing_is_removed(runner, tmp_path, tamper):
    store = built(tmp_path / "kg", folder_of(tmp_path, "articles", SHARED))
    kept = _kept_text_of(store, SHARED[1].stem)  # built again when the first is removed
    kept.write_text(json.dumps(tamper(json.loads(kept.read_text(encoding="utf-8")))), encoding="utf-8")
    before = snapshot(store)
    result = runner.invoke(main, ["remove", SHARED[0].stem, "--store", str(store)])
    assert result.exit_code == 2, result.output
    assert "was changed or damaged on disk" in result.stderr and result.stderr.count("\n") == 1
    assert snapshot(store) == before


def test_a_link_left_in_the_kept_texts_is_replaced_not_followed(tmp_path):
    store = built(tmp_path / "kg", folder_of(tmp_path, "first", SHARED[:1]))
    kept = _kept_text_of(store, SHARED[0].stem)
    outside = tmp_path / "outside.json"
    kept.unlink()
    kept.symlink_to(outside)  # dangling: a build that followed it would write outside the store
    with open_store(store, writable=True) as opened_store:
        add_articles(check_articles([SHARED[0]]), opened_store, force=True)
    assert not outside.exists()
    assert kept.is_file() and not kept.is_symlink()


def test_removing_an_unknown_article_changes_nothing(runner, tmp_path):
    store = built(tmp_path / "kg", folder_of(tmp_path, "articles", SHARED))
    before = snapshot(store)
    result = runner.invoke(main, ["remove", "no-such-article", "--store", str(store)])
    assert result.exit_code == 2 and "no article 'no-such-article'" in result.stderr
    assert snapshot(store) == before


def test_an_unchanged_rebuild_writes_nothing_and_keeps_the_size(runner, tmp_path):
    corpus = folder_of(tmp_path, "articles", sorted(CASES.glob("*.txt"))[:12])
    store = tmp_path / "kg"
    assert runner.invoke(main, ["build", str(corpus), "--store", str(store)]).exit_code == 0
    assert runner.invoke(main, ["optimize", "--store", str(store)]).exit_code == 0
    before, data, size = snapshot(store), data_bytes(store / "oxigraph"), folder_bytes(store)
    for _ in range(3):
        result = runner.invoke(main, ["build", str(corpus), "--store", str(store)])
        assert result.exit_code == 0, result.output
        assert "0 new, 0 replaced, 12 unchanged, 0 failed" in result.stderr
    assert snapshot(store) == before
    # Opening the database writable rewrites a few bytes of its own (its version); nothing of the graph.
    assert abs(data_bytes(store / "oxigraph") - data) < 1024
    assert folder_bytes(store) < size * 1.02
    forced = runner.invoke(main, ["build", str(corpus), "--store", str(store), "--force"])
    assert "0 new, 12 replaced, 0 unchanged" in forced.stderr
    assert snapshot(store) == before


def test_a_changed_article_is_built_again(runner, tmp_path):
    corpus = folder_of(tmp_path, "articles", SHARED)
    store = tmp_path / "kg"
    runner.invoke(main, ["build", str(corpus), "--store", str(store)])
    article = corpus / SHARED[0].name
    article.write_text(article.read_text() + "\nThe Ruritania Export Agency met the Elbonia Chamber of Commerce.\n")
    result = runner.invoke(main, ["build", str(corpus), "--store", str(store)])
    assert "0 new, 1 replaced, 1 unchanged" in result.stderr


@pytest.mark.parametrize("change", ["a sentence added", "the text cut to its first sentence", "another story"])
@pytest.mark.parametrize("which", [0, 1], ids=["an article", "an article with a stored resolution decision"])
def test_a_stored_article_changed_by_its_differences_is_the_one_replaced_whole(tmp_path, monkeypatch, change,
                                                                                 which):
    # A rebuild changes a stored article by the triples that differ; taking it out and loading it
    # again must give the same store, its merged graph included (the two articles share actors, so
    # a triple the changed one no longer states may stay because the other states it). The second
    # article holds a resolution decision, which names its article as evidence does.
    from kgbuild.store import KnowledgeStore

    def merged(store_path: Path) -> bytes:
        with open_store(store_path) as store:
            buffer = io.BytesIO()
            store.export("nt", buffer, readable=False)
            return b"\n".join(sorted(buffer.getvalue().splitlines()))

    results = []
    for how in ("by differences", "whole"):
        corpus = folder_of(tmp_path, f"articles-{how}", SHARED)
        store = built(tmp_path / f"kg-{how}", corpus)
        article = corpus / SHARED[which].name
        text = article.read_text(encoding="utf-8")
        if change == "a sentence added":
            text += "\nThe Ruritania Export Agency met the Elbonia Chamber of Commerce in Vienna.\n"
        elif change == "another story":  # the actors it shared with the other article are its no more
            text = text.split("\n\n", 1)[0] + "\n\nThe Ruritania Export Agency met the Elbonia Chamber of Commerce.\n"
        else:
            header, body = text.split("\n\n", 1)
            text = header + "\n\n" + body.split(". ", 1)[0] + ".\n"
        article.write_text(text, encoding="utf-8")
        changed = []
        if how == "whole":
            monkeypatch.setattr(KnowledgeStore, "_change_article", lambda *args: False)
        else:
            real = KnowledgeStore._change_article
            monkeypatch.setattr(KnowledgeStore, "_change_article",
                                lambda self, *args: changed.append(real(self, *args)) or changed[-1])
        with open_store(store, writable=True) as opened_store:
            report = build([corpus], opened_store)
        assert report.replaced == [SHARED[which].stem]
        # the second article first met its actors in the first: told another story, the first no longer
        # names them, and the second is resolved again and built again, as a fresh build would build it
        assert report.rebuilt == ([SHARED[1].stem] if change == "another story" and which == 0 else [])
        assert changed == ([True] * (1 + len(report.rebuilt)) if how == "by differences" else [])
        results.append((snapshot(store), merged(store)))
    assert results[0] == results[1]


def test_keep_going_names_every_bad_file_and_builds_the_good_ones(runner, tmp_path):
    corpus = folder_of(tmp_path, "articles", SHARED)
    (corpus / "empty.txt").write_text("")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    store = tmp_path / "kg"
    strict = runner.invoke(main, ["build", str(corpus), "--store", str(store)])
    assert strict.exit_code == 2
    assert "binary.txt" in strict.stderr and "empty.txt" in strict.stderr
    assert "2 bad file(s) of 4; nothing was built" in strict.stderr
    assert not store.exists()
    going = runner.invoke(main, ["build", str(corpus), "--store", str(store), "--keep-going"])
    assert going.exit_code == 2
    assert "binary.txt" in going.stderr and "empty.txt" in going.stderr
    assert "2 new, 0 replaced, 0 unchanged, 2 failed" in going.stderr
    with open_store(store) as opened_store:
        assert opened_store.articles() == sorted(p.stem for p in SHARED)


def test_progress_without_a_terminal_prints_lines_every_few_seconds(runner, tmp_path, monkeypatch):
    from kgbuild import progress

    monkeypatch.setattr(progress, "LOG_EVERY", 0.0)
    corpus = folder_of(tmp_path, "articles", sorted(CASES.glob("*.txt"))[:8])
    result = runner.invoke(main, ["build", str(corpus), "--store", str(tmp_path / "kg")])
    lines = [line for line in result.stderr.splitlines() if " articles, " in line]
    assert len(lines) >= 4, result.stderr
    assert lines[-1].startswith("8/8 articles, ") and "/s, " in lines[-1] and "left" in lines[-1]
    assert "\r" not in result.stderr


def test_progress_on_a_terminal_is_one_line_cut_to_its_width(monkeypatch):
    from kgbuild.progress import Progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr(shutil, "get_terminal_size", lambda fallback=None: os.terminal_size((40, 20)))
    stream = Terminal()
    bar = Progress(1000, stream=stream)
    for _ in range(1000):
        bar.advance(1, "a-very-long-article-identifier-" * 3)
    bar.finish()
    drawn = [part.replace("\x1b[K", "") for part in stream.getvalue().split("\r") if part.strip("\x1b[K")]
    assert drawn and all(len(part) <= 39 for part in drawn)
    assert "\n" not in stream.getvalue()


def test_json_output_of_info_articles_actors_and_queries(runner, tmp_path):
    store = str(built(tmp_path / "kg", *SHARED))
    info = json.loads(runner.invoke(main, ["info", "--store", store, "--format", "json"]).stdout)
    assert info["articles"] == 2 and info["triples"] > 100
    articles = json.loads(runner.invoke(main, ["articles", "--store", store, "--format", "json", "--triples"]).stdout)
    assert [a["id"] for a in articles] == sorted(p.stem for p in SHARED)
    assert all(a["triples"] > 0 and a["date"] for a in articles)
    actors = json.loads(runner.invoke(main, ["actors", "--store", store, "--format", "json"]).stdout)
    assert actors and all(set(a) == {"actor", "kind", "label", "aliases"} for a in actors)
    assert all(isinstance(a["aliases"], list) for a in actors)
    queries = json.loads(runner.invoke(main, ["queries", "--format", "json"]).stdout)
    assert {q["name"] for q in queries} == {q.name for q in bundled_queries()}


def test_articles_lists_the_store_as_a_table(runner, tmp_path):
    store = str(built(tmp_path / "kg", *SHARED))
    result = runner.invoke(main, ["articles", "--store", store])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].split() == ["id", "date", "title", "publisher", "source"]
    assert "(2 rows)" in result.stdout
    counted = runner.invoke(main, ["articles", "--store", store, "--triples"])
    assert counted.stdout.splitlines()[0].split() == ["id", "date", "title", "publisher", "source", "triples"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rows_of(csv_text: str) -> list[tuple]:
    return sorted(tuple(row) for row in csv.reader(io.StringIO(csv_text)))


def test_serve_answers_every_bundled_query_as_the_local_store_does(runner, tmp_path):
    store = built(tmp_path / "kg", *sorted(CASES.glob("*.txt"))[:10])
    port = free_port()
    server = subprocess.Popen([*KGBUILD, "serve", "--store", str(store), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                              preexec_fn=ctrl_c_as_in_a_terminal)
    try:
        deadline = time.monotonic() + 30
        url = f"http://127.0.0.1:{port}/query"
        while runner.invoke(main, ["query", "-e", "ASK {}", "--endpoint", url]).exit_code != 0:
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        import urllib.request

        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as page:  # the page the message names
            assert b"<html" in page.read(4096).lower()
        for spec in bundled_queries():
            fmt = "nt" if "CONSTRUCT" in spec.text.upper() else "csv"
            local = runner.invoke(main, ["query", spec.name, "--store", str(store), "--format", fmt])
            remote = runner.invoke(main, ["query", spec.name, "--endpoint", url, "--format", fmt])
            assert local.exit_code == remote.exit_code == 0, (spec.name, remote.output)
            if fmt == "csv":
                assert rows_of(remote.stdout) == rows_of(local.stdout), spec.name
            else:
                assert sorted(remote.stdout.splitlines()) == sorted(local.stdout.splitlines()), spec.name
    finally:
        _, stderr = _stopped(server)  # Ctrl-C
    assert server.returncode == 0, stderr
    assert "Serving" in stderr and stderr.strip().endswith("Stopped.")
    assert f"a query page for the browser at http://127.0.0.1:{port}/ " in stderr
    assert "Traceback" not in stderr


def _serving(store: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    server = subprocess.Popen([*KGBUILD, "serve", "--store", str(store), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 30
    while True:  # answering, not only listening: the guard listens before the server behind it starts
        try:
            if _ask(port)[0] == 200:
                return server, port
        except OSError:
            pass
        assert time.monotonic() < deadline and server.poll() is None, "the server did not start"
        time.sleep(0.2)


def _stopped(server: subprocess.Popen, signum: int = signal.SIGINT) -> tuple[str, str]:
    """Stop a served store as Ctrl-C does and wait for it (a minute: a loaded machine is slow to stop
    a process group); one that does not stop is killed, so that no server outlives the test, and fails it."""
    os.killpg(server.pid, signum)
    try:
        return server.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.communicate()
        raise AssertionError("kgbuild serve did not stop within a minute of the signal") from None


def _servers_of(store: Path) -> list[int]:
    """Processes of Oxigraph's server reading this store's database."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"serve-read-only" in command and str(store / "oxigraph").encode() in command:
            found.append(int(entry.name))
    return found


def _ask(port: int, headers: dict | None = None, data: bytes | None = None, query: str = "ASK {}") -> tuple[int, str]:
    import urllib.error
    import urllib.parse
    import urllib.request

    url = f"http://127.0.0.1:{port}/query" + ("" if data else "?" + urllib.parse.urlencode({"query": query}))
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_serve_refuses_other_hosts_other_origins_and_service(tmp_path):
    import http.server
    import threading

    calls = []

    class Elsewhere(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            calls.append(self.path)
            self.send_response(500)
            self.end_headers()

        do_POST = do_GET

    elsewhere = QuietHTTPServer(("127.0.0.1", 0), Elsewhere)
    threading.Thread(target=elsewhere.serve_forever, daemon=True).start()
    store = built(tmp_path / "kg", *SHARED)
    server, port = _serving(store)
    try:
        assert _ask(port)[0] == 200
        assert _ask(port, {"Host": f"localhost:{port}"})[0] == 200
        status, reason = _ask(port, {"Host": f"rebound.example:{port}"})
        assert status == 403 and "Host" in reason
        form = b"query=ASK%20%7B%7D"
        status, reason = _ask(port, {"Origin": "http://attacker.example",
                                     "Content-Type": "application/x-www-form-urlencoded"}, data=form)
        assert status == 403 and "origins" in reason
        service = f"PREFIX person: <https://example.org/p/> SELECT * WHERE {{ ?s ?p person:a\\#b . SERVICE <http://127.0.0.1:{elsewhere.server_address[1]}/> " \
                  f"{{ ?s ?p ?o }} }}"
        status, reason = _ask(port, query=service)
        assert status == 400 and "SERVICE would send" in reason
        status, reason = _ask(port, {"Content-Type": "application/sparql-query"}, data=service.encode())
        assert status == 400 and "SERVICE would send" in reason
        assert calls == []
    finally:
        _stopped(server)
        elsewhere.shutdown()


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP, signal.SIGKILL], ids=["SIGTERM", "SIGHUP", "SIGKILL"])
def test_serve_stopped_by_a_signal_leaves_no_server_running(tmp_path, stop):
    store = built(tmp_path / "kg", *SHARED)
    server, port = _serving(store)
    assert len(_servers_of(store)) == 1
    os.kill(server.pid, stop)
    _, stderr = server.communicate(timeout=15)
    if stop != signal.SIGKILL:  # stopped as Ctrl-C stops it, saying so
        assert server.returncode == 0 and stderr.strip().endswith("Stopped."), stderr
    deadline = time.monotonic() + 10
    while _servers_of(store) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _servers_of(store) == []
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


def test_serve_on_a_port_in_use_is_an_input_error(tmp_path):
    store = built(tmp_path / "kg", *SHARED)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run([*KGBUILD, "serve", "--store", str(store), "--port", str(port)],
                              capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "the server did not start" in done.stderr
    assert "Serving" not in done.stderr and "Traceback" not in done.stderr


def test_serve_on_a_port_another_web_server_answers_on_is_refused_before_serving(tmp_path, monkeypatch):
    import http.server
    import threading

    class AnswersAnything(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Length", "4")
            self.end_headers()
            self.wfile.write(b"true")

        def log_message(self, *args):
            pass

    monkeypatch.setenv("RUST_BACKTRACE", "1")
    other = QuietHTTPServer(("127.0.0.1", 0), AnswersAnything)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    store = built(tmp_path / "kg", *SHARED)
    try:
        done = subprocess.run([*KGBUILD, "serve", "--store", str(store), "--port", str(other.server_address[1])],
                              capture_output=True, text=True, timeout=60)
    finally:
        other.shutdown()
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "port" in done.stderr and "in use" in done.stderr
    assert "Serving" not in done.stderr


def test_a_dry_run_of_a_removal_names_what_would_be_built_again_and_changes_nothing(runner, tmp_path):
    store = built(tmp_path / "kg", folder_of(tmp_path, "articles", SHARED))
    before = snapshot(store)
    files_before = sorted(p.relative_to(store) for p in store.rglob("*") if "oxigraph" not in p.parts)
    result = runner.invoke(main, ["remove", SHARED[0].stem, "--store", str(store), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Would remove 1 article(s) and build again 1" in result.stderr
    assert result.stdout.split() == [SHARED[1].stem]
    assert snapshot(store) == before
    assert sorted(p.relative_to(store) for p in store.rglob("*") if "oxigraph" not in p.parts) == files_before
    done = runner.invoke(main, ["remove", SHARED[0].stem, "--store", str(store)])
    assert f"built again 1 that resolve otherwise without them ({SHARED[1].stem})" in done.stderr
    unknown = runner.invoke(main, ["remove", "no-such-article", "--store", str(store), "--dry-run"])
    assert unknown.exit_code == 2 and "no article 'no-such-article'" in unknown.stderr


def test_articles_counts_each_triple_once_in_a_store_of_this_kgbuild_and_of_an_older_one(tmp_path):
    # This kgbuild keeps evidence nodes in the merged graph only; an older one kept them in the article's
    # graph too. The count is the same either way (the fast count serves the first kind of store).
    import pyoxigraph as ox

    from kgbuild.ontology import graph_iri, is_evidence_iri
    from kgbuild.upkeep import list_articles

    store_path = built(tmp_path / "kg", SHARED[0])
    with open_store(store_path) as store:
        before = {a.id: a.triples for a in list_articles(store, triples=True)}
    with open_store(store_path, writable=True) as store:
        evidence = [q for q in store.inner.quads_for_pattern(None, None, None, ox.DefaultGraph())
                    if isinstance(q.subject, ox.NamedNode) and is_evidence_iri(q.subject.value)]
        assert len(evidence) > 10
        store.inner.extend([ox.Quad(q.subject, q.predicate, q.object, graph_iri(SHARED[0].stem)) for q in evidence])
    with open_store(store_path) as store:
        assert {a.id: a.triples for a in list_articles(store, triples=True)} == before


def test_optimize_tells_the_sizes_of_the_store_before_and_after_as_they_are_on_disk(runner, tmp_path):
    import re

    store = built(tmp_path / "kg", *sorted(CASES.glob("*.txt"))[:12])
    assert runner.invoke(main, ["build", *map(str, sorted(CASES.glob("*.txt"))[:12]), "--store", str(store),
                                "--force", "-q"]).exit_code == 0
    before = folder_bytes(store)
    result = runner.invoke(main, ["optimize", "--store", str(store)])
    assert result.exit_code == 0, result.output
    told = re.search(r"([\d,.]+) MB -> ([\d,.]+) MB on disk", result.stderr)
    assert told, result.stderr
    assert float(told.group(1).replace(",", "")) == round(before / 1e6, 1)
    assert float(told.group(2).replace(",", "")) == round(folder_bytes(store) / 1e6, 1)
