"""Builds on a Dask cluster give the graph one process builds, byte for byte, with one worker or two and
with a worker killed part way; an unreachable scheduler is one line and exit 2; the shards a build
writes load into a fresh Oxigraph store as the same dataset."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import signal
import subprocess

import pytest
from conftest import CASES, SEED, built_by_cli, dataset_lines
from test_remote import free_port

from kgbuild import cluster as cluster_module
from kgbuild.build import add_articles, check_articles
from kgbuild.cli import main
from kgbuild.serve import server_binary
from kgbuild.store import open_store

distributed = pytest.importorskip("distributed")

ARTICLES = [SEED, *sorted(CASES.glob("*.txt"))]


@pytest.fixture(scope="module")
def one_process(tmp_path_factory) -> list[str]:
    from click.testing import CliRunner

    return dataset_lines(built_by_cli(CliRunner(), tmp_path_factory.mktemp("one") / "kg", *ARTICLES))


@pytest.mark.parametrize("workers", [1, 2])
def test_a_build_on_a_local_cluster_is_the_graph_of_one_process(runner, tmp_path, one_process, workers):
    store = built_by_cli(runner, tmp_path / "kg", *ARTICLES, "--cluster", f"local:{workers}")
    assert dataset_lines(store) == one_process


def test_a_worker_killed_part_way_costs_a_retry_not_the_build(tmp_path, one_process, monkeypatch):
    # small partitions, so that the killed worker holds some when it dies
    monkeypatch.setattr(cluster_module, "PARTITION_ARTICLES_MAX", 2)
    killed: list[int] = []
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        pids = client.run(os.getpid)
        resolved: list = []

        def told(article) -> None:
            if not killed and len(resolved) == 10:  # part way: a tenth of the articles resolved
                pid = sorted(pids.values())[0]
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
            resolved.append(article)

        with open_store(tmp_path / "kg", writable=True, create=True) as store:
            report = add_articles(check_articles(ARTICLES), store, progress=told, client=client)
    assert killed and len(report.articles) == len(ARTICLES)
    assert dataset_lines(tmp_path / "kg") == one_process


@pytest.mark.parametrize("articles, workers, size", [
    (100_000, 2, 128),  # a large input: the largest partitions
    (1_000, 2, 63),  # eight partitions a worker
    (100, 2, 8),  # a small one: partitions of the smallest size
])
def test_partitions_are_large_for_a_large_input_and_spread_a_small_one(articles, workers, size):
    assert cluster_module.partition_size(articles, workers) == size


def test_a_scheduler_that_cannot_be_reached_is_one_line_and_exit_2(runner, tmp_path):
    address = f"tcp://127.0.0.1:{free_port()}"
    result = runner.invoke(main, ["build", str(SEED), "--store", str(tmp_path / "kg"), "--cluster", address])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: cannot reach the Dask scheduler at {address}")
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "kg").exists()


@pytest.mark.parametrize("given, message", [
    ("local:0", "local:N wants a number of workers of 1 or more"),
    ("nowhere", "give local, local:N or a scheduler's address"),
])
def test_a_cluster_not_understood_is_one_line_and_exit_2(runner, tmp_path, given, message):
    result = runner.invoke(main, ["build", str(SEED), "--store", str(tmp_path / "kg"), "--cluster", given])
    assert result.exit_code == 2 and message in result.stderr
    assert not (tmp_path / "kg").exists()


def test_a_store_built_on_a_cluster_lives_on_as_any_store(runner, tmp_path):
    store = built_by_cli(runner, tmp_path / "kg", *ARTICLES[:12], "--cluster", "local:1")
    again = runner.invoke(main, ["build", *map(str, ARTICLES[:12]), "--store", str(store)])
    assert f"0 new, 0 replaced, {len(ARTICLES[:12])} unchanged" in again.stderr
    removed = runner.invoke(main, ["remove", ARTICLES[1].stem, "--store", str(store)])
    assert removed.exit_code == 0, removed.output
    fresh = built_by_cli(runner, tmp_path / "fresh", ARTICLES[0], *ARTICLES[2:12])
    assert dataset_lines(store) == dataset_lines(fresh)


def test_shards_load_into_a_fresh_oxigraph_store_as_the_same_dataset(runner, tmp_path):
    import pyoxigraph as ox

    from kgbuild import shards as shards_module

    store = built_by_cli(runner, tmp_path / "kg", *ARTICLES[:20], "--shards", str(tmp_path / "shards"))
    manifest = json.loads((tmp_path / "shards" / "manifest.json").read_text(encoding="utf-8"))
    files = sorted((tmp_path / "shards").glob("part-*.nq.gz"))
    assert [shard["file"] for shard in manifest["shards"]] == [f.name for f in files]
    assert manifest["articles"] == 20
    for shard, file in zip(manifest["shards"], files):
        assert hashlib.sha256(file.read_bytes()).hexdigest() == shard["sha256"]
        assert len(gzip.decompress(file.read_bytes()).splitlines()) == shard["quads"]
    loaded = tmp_path / "loaded"
    subprocess.run([server_binary(), "load", "--location", str(loaded), "--file", *map(str, files)], check=True,
                   capture_output=True)
    quads = sorted(str(q) for q in ox.Store(str(loaded)))
    assert len(quads) == manifest["quads"]
    assert quads == dataset_lines(store)
    # the same store, the same bytes, cut where asked
    with open_store(store) as opened:
        small = shards_module.write_shards(opened, tmp_path / "small", quads_per_shard=1000)
    assert len(small.shards) == -(-manifest["quads"] // 1000) and small.quads == manifest["quads"]
    with open_store(store) as opened:
        twice = shards_module.write_shards(opened, tmp_path / "twice", quads_per_shard=1000)
    assert [s.sha256 for s in twice.shards] == [s.sha256 for s in small.shards]


def test_shards_go_only_to_a_new_or_empty_folder(runner, tmp_path):
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "notes.txt").write_text("mine", encoding="utf-8")
    result = runner.invoke(main, ["build", str(SEED), "--store", str(tmp_path / "kg"), "--shards", str(taken)])
    assert result.exit_code == 2 and "--shards wants a new or empty folder" in result.stderr
    assert not (tmp_path / "kg").exists() and (taken / "notes.txt").read_text(encoding="utf-8") == "mine"
