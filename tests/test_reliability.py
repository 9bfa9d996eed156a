"""Bad input, interrupted builds, concurrent builds and hostile text: a clear error, exit code 2,
and the store exactly as it was."""

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kgbuild.build import build
from kgbuild.cli import main
from kgbuild.mappers import map_records
from kgbuild.records import ArticleMeta, Evidence, Meeting, Organization, Person, Records
from kgbuild.store import FORMATS, RDFLIB_FORMAT_NAMES, open_store

from conftest import make_corpus, snapshot

CASES = Path(__file__).parent / "cases"


@pytest.fixture()
def built(tmp_path, seed_path, runner):
    store = tmp_path / "kg"
    assert runner.invoke(main, ["build", str(seed_path), "--store", str(store)]).exit_code == 0
    return store


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


BAD_INPUTS = {
    "missing path": (lambda d: d / "nowhere.txt", "nowhere.txt: no such file or directory"),
    "folder without articles": (lambda d: (d / "empty").mkdir() or d / "empty", "no articles in this folder"),
    "empty file": (lambda d: write(d / "empty.txt", b""), "empty.txt: empty file"),
    "header only": (lambda d: write(d / "head.txt", b"date 2021-01-01\nsource: http://x.org\n"), "no article text"),
    "png": (lambda d: write(d / "x.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), "binary file"),
    "zip": (lambda d: write(d / "y.txt", b"PK\x03\x04\x14\x00\x00\x00\x08\x00"), "binary file"),
    "malformed date": (lambda d: write(d / "bad.txt", b"date 2021-13-45\n\nThe agency met."),
                       "line 1: invalid date '2021-13-45'"),
    "huge file": (lambda d: _sparse(d / "huge.txt", 200 * 1024 * 1024), "byte limit for one article"),
    "broken utf-16": (lambda d: write(d / "u16.txt", b"\xff\xfe\x00\xd8a\x00"), "UTF-16 text that cannot be decoded"),
}


def _sparse(path: Path, size: int) -> Path:
    with open(path, "wb") as handle:
        handle.truncate(size)
    return path


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_exit_2_and_the_store_unchanged(case, built, tmp_path, runner):
    make, message = BAD_INPUTS[case]
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    path = make(inputs)
    before = snapshot(built)
    result = runner.invoke(main, ["build", str(CASES / "03_online_export.txt"), str(path), "--store", str(built)])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1 and result.output.startswith("Error: ")
    assert snapshot(built) == before


def test_a_failed_build_creates_no_store(tmp_path, runner):
    result = runner.invoke(main, ["build", str(tmp_path / "missing.txt"), "--store", str(tmp_path / "kg")])
    assert result.exit_code == 2
    assert not (tmp_path / "kg").exists()


def test_latin1_and_utf16_articles_are_built(tmp_path, runner):
    text = "date 2022-03-01\n\nThe Café Chamber of Commerce Chairman José Müller met Anna Weiß, Head of the Zürich Agency."
    write(tmp_path / "latin1.txt", text.encode("latin-1"))
    write(tmp_path / "utf16.txt", text.encode("utf-16"))
    result = runner.invoke(main, ["build", str(tmp_path / "latin1.txt"), str(tmp_path / "utf16.txt"),
                                  "--store", str(tmp_path / "kg")])
    assert result.exit_code == 0, result.output
    names = runner.invoke(main, ["query", "people", "--store", str(tmp_path / "kg"), "--format", "csv"]).output
    assert "José Müller" in names and "Anna Weiß" in names


def test_text_without_entities_builds_an_empty_article_with_a_warning(tmp_path, runner):
    result = runner.invoke(main, ["build", str(CASES / "05_no_entities.txt"), "--store", str(tmp_path / "kg")])
    assert result.exit_code == 0
    assert "Warning: 05_no_entities: no countries, organisations, persons or events found" in result.stderr
    with open_store(tmp_path / "kg") as store:
        assert store.articles() == ["05_no_entities"]


@pytest.mark.parametrize("args, message", [
    (["info"], "exists and is not a directory"),
    (["export"], "exists and is not a directory"),
    (["query", "people"], "exists and is not a directory"),
])
def test_a_store_path_that_is_a_file(tmp_path, runner, args, message):
    path = write(tmp_path / "kg", b"not a store")
    result = runner.invoke(main, [*args, "--store", str(path)])
    assert (result.exit_code, result.output.strip().startswith("Error:")) == (2, True)
    assert message in result.output
    assert path.read_bytes() == b"not a store"


def test_a_store_left_by_a_newer_version(built, runner, seed_path):
    (built / "kgbuild-store.json").write_text('{"format": 7}')
    before = snapshot_raw(built)
    result = runner.invoke(main, ["build", str(seed_path), "--store", str(built)])
    assert result.exit_code == 2 and "written by a newer kgbuild" in result.output
    assert snapshot_raw(built) == before


def snapshot_raw(path: Path) -> dict[str, bytes]:
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def test_an_export_that_cannot_be_written_keeps_the_old_file(built, runner, tmp_path):
    target = tmp_path / "locked" / "graph.ttl"
    target.parent.mkdir()
    target.write_text("old graph")
    os.chmod(target.parent, 0o500)
    try:
        result = runner.invoke(main, ["export", "--store", str(built), "-o", str(target)])
    finally:
        os.chmod(target.parent, 0o700)
    if os.geteuid() == 0:  # root writes anywhere: the rename must still leave no partial file
        assert result.exit_code == 0
    else:
        assert result.exit_code == 2 and "cannot write" in result.output
        assert target.read_text() == "old graph"
    assert [p.name for p in target.parent.iterdir()] == ["graph.ttl"]


# ---- interrupted and concurrent builds ----------------------------------------------------------

def kgbuild(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kgbuild", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def start_build(corpus: Path, store: Path) -> subprocess.Popen:
    """A build in a process of its own, returned once it has created the store."""
    process = kgbuild("build", str(corpus), "--store", str(store), "-q")
    deadline = time.time() + 60
    while time.time() < deadline and not (store / "oxigraph").exists():
        time.sleep(0.02)
    return process


def graphs(path: Path) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for line in snapshot(path).decode("utf-8").splitlines():
        graph = line.rsplit(" ", 2)[-2]
        out.setdefault(graph, set()).add(line)
    return out


@pytest.fixture(scope="module")
def corpus_and_reference(tmp_path_factory):
    root = tmp_path_factory.mktemp("killed")
    corpus = make_corpus(root / "corpus", 600)
    reference = root / "reference"
    done = subprocess.run([sys.executable, "-m", "kgbuild", "build", str(corpus), "--store", str(reference), "-q"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return corpus, graphs(reference)


def test_a_build_killed_midway_leaves_whole_articles_and_the_next_build_completes(corpus_and_reference, tmp_path):
    corpus, reference = corpus_and_reference
    store = tmp_path / "kg"
    process = start_build(corpus, store)
    time.sleep(0.8)
    process.send_signal(signal.SIGKILL)
    process.wait()
    killed = graphs(store)
    assert 0 < len(killed) < len(reference), "the build was not interrupted midway"
    for graph, lines in killed.items():
        assert lines == reference[graph], f"{graph} is half-written"
    done = subprocess.run([sys.executable, "-m", "kgbuild", "build", str(corpus), "--store", str(store), "-q"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert graphs(store) == reference


def test_a_second_build_on_the_same_store_refuses_and_corrupts_nothing(corpus_and_reference, tmp_path):
    corpus, reference = corpus_and_reference
    store = tmp_path / "kg"
    first = start_build(corpus, store)
    time.sleep(0.2)
    second = subprocess.run([sys.executable, "-m", "kgbuild", "build", str(CASES / "03_online_export.txt"),
                             "--store", str(store)], capture_output=True, text=True)
    first.wait(timeout=120)
    assert first.returncode == 0, first.stderr.read()
    assert second.returncode == 2
    assert "being written by another kgbuild process" in second.stderr
    assert graphs(store) == reference


# ---- hostile text ---------------------------------------------------------------------------------

HOSTILE_NAMES = [
    '<script>alert("x")</script> Agency',
    '"><img src=x onerror=alert(1)> Chamber',
    "javascript:alert(1) Council",
    'Back\\slash "quoted" \'single\' Association',
    "Line\nbreak\r\nand\ttab Forum",
    "Control\x00\x01\x07\x1b\u200b\u2028\u2029\ufeff Bank",
    "Emoji 🌍 and RTL \u202eevil\u202c Union",
]


def hostile_records() -> Records:
    evidence = [Evidence(0, 0, 5, "<b>\x00\"'\\\n</b>")]
    orgs = [Organization(id=f"o{n}", name=name, type="Agency", mentions=evidence) for n, name in enumerate(HOSTILE_NAMES)]
    person = Person(id="p", name='Mr "<Bobby>" Tables\\', post="Head\n<i>", organization=HOSTILE_NAMES[0],
                    mentions=evidence)
    meeting = Meeting(id="meeting-1", participants=[person.name, HOSTILE_NAMES[1]], date="2024-01-01",
                      place="<Baku>", topics=["a\"b\\c\nd"], evidence=evidence)
    return Records(ArticleMeta(id="hostile", title="<title>", date="2024-01-02", publisher="</script>",
                               authors=['"quote"'], source="javascript:alert(1)"),
                   organizations=orgs, persons=[person], meetings=[meeting])


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_hostile_names_survive_every_export_format(tmp_path, fmt):
    with open_store(tmp_path / "kg", writable=True, create=True) as store:
        store.replace_article("hostile", map_records(hostile_records()))
        buffer = io.BytesIO()
        store.export(fmt, buffer)
        expected = store.rdflib_graph()
    data = buffer.getvalue()
    if FORMATS[fmt][1]:
        dataset = Dataset()
        dataset.parse(data=data, format=RDFLIB_FORMAT_NAMES[fmt])
        parsed = Graph()
        for quad in dataset.quads((None, None, None, None)):
            parsed.add(quad[:3])
    else:
        parsed = Graph().parse(data=data, format=RDFLIB_FORMAT_NAMES[fmt])
    assert isomorphic(parsed, expected)
    labels = {str(o) for o in parsed.objects()}
    # characters that no XML document may hold are dropped; everything else is kept as written
    assert {name.replace("\x00", "").replace("\x01", "").replace("\x07", "").replace("\x1b", "")
            .replace("\r\n", "\n") for name in HOSTILE_NAMES} <= labels


def test_hostile_extract_table_keeps_one_row_per_fact(tmp_path, runner):
    path = write(tmp_path / "h.txt", "date 2024-01-02\n\nThe <script>x</script> Agency Chairman Ali Veli met "
                 "Anna Kurz, Head of the \"Quote\" Chamber, on Monday.".encode())
    result = runner.invoke(main, ["extract", str(path), "--format", "table"])
    assert result.exit_code == 0
    assert "Ali Veli" in result.output


def test_files_of_an_interrupted_bulk_write_are_removed_by_the_next_writer_only(seed_path, tmp_path):
    store = tmp_path / "kg"
    with open_store(store, writable=True, create=True) as opened_store:
        build([seed_path], opened_store)
    before = snapshot(store)
    leftover = store / "oxigraph" / "bulk-123456789.sst"
    leftover.write_bytes(b"half of a bulk write")
    with open_store(store):
        pass
    assert leftover.exists(), "a reader must not touch a writer's files"
    with open_store(store, writable=True):
        pass
    assert not leftover.exists()
    assert snapshot(store) == before
