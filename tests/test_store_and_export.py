"""The store: rebuilding changes nothing; exports parse back to the same graph; Turtle is deterministic."""

import io
import shutil

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kgbuild.build import build
from kgbuild.cli import main
from kgbuild.errors import StoreError
from kgbuild.store import FORMATS, RDFLIB_FORMAT_NAMES, open_store


def exported(store, fmt, readable=None) -> bytes:
    buffer = io.BytesIO()
    store.export(fmt, buffer, readable=readable)
    return buffer.getvalue()


def test_rebuilding_the_same_article_changes_nothing(tmp_path, seed_path):
    with open_store(tmp_path / "kg", writable=True, create=True) as store:
        build([seed_path], store)
        first, count = exported(store, "nq"), len(store)
        build([seed_path], store)
        assert len(store) == count
        assert exported(store, "nq") == first


def test_turtle_export_is_byte_identical_across_builds(tmp_path, seed_path):
    outputs = []
    for name in ("a", "b"):
        with open_store(tmp_path / name, writable=True, create=True) as store:
            build([seed_path], store)
            outputs.append(exported(store, "turtle"))
    assert outputs[0] == outputs[1]
    assert outputs[0].startswith(b"@base")


@pytest.mark.parametrize("readable", [True, False], ids=["readable", "fast"])
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_export_format_parses_back_to_the_same_graph(seed_store, fmt, readable):
    data = exported(seed_store, fmt, readable)
    merged = seed_store.rdflib_graph()
    if FORMATS[fmt][1]:  # formats with named graphs: compare graph by graph, then the union
        dataset = Dataset()
        dataset.parse(data=data, format=RDFLIB_FORMAT_NAMES[fmt])
        graphs = [g for g in dataset.graphs() if len(g)]
        assert sorted(str(g.identifier) for g in graphs) == [
            "https://w3id.org/kgbuild/bico", "https://w3id.org/kgbuild/id/events",
            "https://w3id.org/kgbuild/id/graph/000_a347758bee459792", "https://w3id.org/kgbuild/id/labels"]
        union = Graph()
        for triple in dataset.quads((None, None, None, None)):
            union.add(triple[:3])
        assert isomorphic(union, merged)
    else:
        parsed = Graph().parse(data=data, format=RDFLIB_FORMAT_NAMES[fmt])
        assert isomorphic(parsed, merged)


def test_cli_export_writes_the_file_atomically(runner, seed_store_path, tmp_path):
    target = tmp_path / "graph.ttl"
    target.write_text("old")
    result = runner.invoke(main, ["export", "--store", str(seed_store_path), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"@base")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]


def test_cli_export_to_an_unwritable_place_fails_and_keeps_the_old_file(runner, seed_store_path, tmp_path):
    result = runner.invoke(main, ["export", "--store", str(seed_store_path), "-o", str(tmp_path / "no" / "g.ttl")])
    assert result.exit_code == 2
    assert "no such directory" in result.output


def test_the_format_follows_the_output_suffix(runner, seed_store_path, tmp_path):
    result = runner.invoke(main, ["export", "--store", str(seed_store_path), "-o", str(tmp_path / "g.nq")])
    assert result.exit_code == 0
    graphs = {line.rsplit(" ", 2)[-2] for line in (tmp_path / "g.nq").read_text().splitlines()}
    assert graphs == {"<https://w3id.org/kgbuild/bico>", "<https://w3id.org/kgbuild/id/graph/000_a347758bee459792>",
                      "<https://w3id.org/kgbuild/id/events>", "<https://w3id.org/kgbuild/id/labels>"}


def test_a_store_path_that_is_a_file_is_refused(tmp_path):
    path = tmp_path / "file"
    path.write_text("x")
    with pytest.raises(StoreError, match="not a directory"):
        open_store(path, writable=True, create=True)


def test_a_store_from_a_newer_version_is_refused(tmp_path, seed_store_path):
    copy = tmp_path / "kg"
    shutil.copytree(seed_store_path, copy)
    (copy / "kgbuild-store.json").write_text('{"format": 99}')
    with pytest.raises(StoreError, match="newer kgbuild"):
        open_store(copy)


def test_a_writer_excludes_a_second_writer(tmp_path, seed_path):
    with open_store(tmp_path / "kg", writable=True, create=True):
        with pytest.raises(StoreError, match="another kgbuild process"):
            open_store(tmp_path / "kg", writable=True)


def test_info_counts_the_seed(runner, seed_store_path):
    result = runner.invoke(main, ["info", "--store", str(seed_store_path)])
    assert result.exit_code == 0
    lines = dict(line.split(None, 1) if " " in line else (line, "") for line in result.output.splitlines()[1:])
    assert {k: lines[k].strip() for k in ("articles", "countries", "organizations", "persons", "meetings",
                                          "agreements")} == {
        "articles": "1", "countries": "2", "organizations": "5", "persons": "2", "meetings": "1", "agreements": "1"}


def test_an_article_mapped_in_a_worker_travels_without_its_graph_copy_and_arrives_the_same():
    import pickle

    from conftest import SEED

    from kgbuild.build import _extract_and_map
    from kgbuild.store import SerializedArticle

    prepared = _extract_and_map(SEED)
    mapped = prepared.premapped
    assert mapped.quads > mapped.triples  # the article graph's lines and the default graph's
    sent = pickle.dumps(mapped)
    assert len(sent) < len(mapped.nquads[mapped.default_from:]) + 200 < 0.75 * len(mapped.nquads)
    assert pickle.loads(sent) == mapped
    # as built on the client, after resolution, it travels whole
    joined = SerializedArticle(mapped.article_id, mapped.nquads + b"", mapped.triples, mapped.quads)
    assert pickle.loads(pickle.dumps(joined)) == joined
    # the records travel packed, and are unpacked only when asked for
    arrived = pickle.loads(pickle.dumps(prepared))
    assert (arrived.names, arrived.states_nothing, arrived.premapped) == (
        prepared.names, prepared.states_nothing, prepared.premapped)
    assert isinstance(arrived._records, bytes) and arrived.records == prepared.records


def test_every_text_a_build_keeps_is_synced_with_the_batch_of_its_article(tmp_path, seed_path, monkeypatch):
    import kgbuild.store as store_module

    synced: list = []
    monkeypatch.setattr(store_module, "sync_files", lambda paths: synced.extend(paths))
    with open_store(tmp_path / "kg", writable=True, create=True) as store:
        build([seed_path], store)
        assert store.unsynced() == []
    kept = sorted(p for folder in ("texts", "actors") for p in (tmp_path / "kg" / folder).glob("*.json"))
    assert len(kept) == 2 and sorted(synced) == kept


@pytest.mark.parametrize("by_file_system", [True, False])
def test_files_written_without_a_sync_are_synced_together_and_a_folder_gone_is_an_error(
        tmp_path, monkeypatch, by_file_system):
    import kgbuild.files as files

    if not by_file_system:
        monkeypatch.setattr(files, "_syncfs", lambda: None)  # as where there is no syncfs(): a file at a time
    written = [tmp_path / "texts" / f"{n}.json" for n in range(3)]
    written[0].parent.mkdir()
    for n, path in enumerate(written):
        files.atomic_write_bytes(path, b"%d" % n, follow_links=False, durable=False)
    files.sync_files(written)
    assert [path.read_bytes() for path in written] == [b"0", b"1", b"2"]
    assert not list(written[0].parent.glob(".kgbuild-*"))  # no temporary file left
    with pytest.raises(OSError):
        files.sync_files([tmp_path / "gone" / "0.json"])
