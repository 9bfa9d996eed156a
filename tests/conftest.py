from __future__ import annotations

import http.server
import io

from pathlib import Path

import pytest
from click.testing import CliRunner

from kgbuild.build import build, extract_file
from kgbuild.store import open_store

class QuietHTTPServer(http.server.ThreadingHTTPServer):
    """A test's local HTTP server that keeps quiet when a client hangs up on it (timeout tests do, on
    purpose): the traceback it would print comes seconds later, into whichever test's output is then
    being checked."""

    daemon_threads = True

    def handle_error(self, request, client_address) -> None:  # noqa: ANN001 - as socketserver calls it
        pass


ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_a347758bee459792.txt"
CASES = Path(__file__).resolve().parent / "cases"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_records():
    return extract_file(SEED)


@pytest.fixture(scope="session")
def seed_store_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("seed") / "kg"
    with open_store(path, writable=True, create=True) as store:
        build([SEED], store)
    return path


@pytest.fixture()
def seed_store(seed_store_path):
    with open_store(seed_store_path) as store:
        yield store


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def snapshot(path: Path) -> bytes:
    """Everything a store holds, as N-Quads: equal snapshots, equal stores."""
    with open_store(path) as store:
        buffer = io.BytesIO()
        store.export("nq", buffer)
        return buffer.getvalue()


def make_corpus(folder: Path, copies: int) -> Path:
    """A folder of many articles (copies of the test cases under new names)."""
    folder.mkdir()
    sources = sorted(CASES.glob("0[1-46]*.txt"))
    for n in range(copies):
        source = sources[n % len(sources)]
        (folder / f"{n:05d}_{source.name}").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def ctrl_c_as_in_a_terminal():
    """In the child, before it starts: Ctrl-C as a terminal delivers it. A test run started in the
    background (`make test &`) ignores SIGINT, and children inherit that, so a Ctrl-C test would hang."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


def built_by_cli(runner, store: Path, *args) -> Path:
    """`kgbuild build ARGS --store STORE -q`, which must succeed; the store."""
    from kgbuild.cli import main

    result = runner.invoke(main, ["build", *map(str, args), "--store", str(store), "-q"])
    assert result.exit_code == 0, result.output
    return store


def dataset_lines(store: Path) -> list[str]:
    """Every quad of the store as the dataset exports give them, sorted: two stores compared whole."""
    with open_store(store) as opened:
        return sorted(str(quad) for quad in opened.dataset_quads())
