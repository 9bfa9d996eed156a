"""Builds past one machine: reading, extraction and mapping on the workers of a Dask cluster, partition
by partition, while resolution and writing stay in this process, in article order, as in any build.

The workers run the very function `--jobs` workers run (build._extract_and_map), and the client takes
their results in the articles' order, so the graph is the one a single process builds, byte for byte,
whatever the number of workers or partitions. A worker that dies costs the scheduler a retry of its
partitions on another worker (Dask's own bookkeeping), not the build.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .article import Article, read_article
from .errors import InputError

if TYPE_CHECKING:
    from distributed import Client

    from .build import PreparedArticle

# Articles a task reads and extracts: as many as keep every worker with several partitions to do, within
# these bounds. The scheduler and the client spend some milliseconds on each task, about what an article's
# extraction takes, so small partitions of a large input cost speed-up on two cores (benchmarks/cluster.py);
# large ones bound the memory in flight (an article's result is about 25 KB pickled).
PARTITION_ARTICLES_MIN = 8
PARTITION_ARTICLES_MAX = 128
# Partitions submitted ahead of the one the client is resolving: every worker busy, memory bounded.
AHEAD_PER_WORKER = 4
# The workers of a cluster started here: without the statistical profiler (a thread sampling every 10 ms,
# which took a sixth of the two cores here), and sending their results compressed (an article's result is
# about 25 KB pickled and compresses about sevenfold; lz4 or no compression measured no better).
# Measured with `python -m benchmarks.cluster` (README, Past one machine).
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.comm.compression": "zlib",
}
# How long to try to reach a scheduler given by its address.
CONNECT_SECONDS = 10


@dataclass(frozen=True)
class ClusterSpec:
    """`local` or `local:N` (a cluster of N worker processes on this machine), or a scheduler's address."""

    address: str | None = None
    workers: int | None = None

    @property
    def is_local(self) -> bool:
        return self.address is None

    def __str__(self) -> str:
        if self.is_local:
            return f"local:{self.workers}" if self.workers else "local"
        return self.address


def parse_cluster(text: str) -> ClusterSpec:
    """'local', 'local:4', 'tcp://10.0.0.5:8786' (any Dask address: tcp://, tls://, ws://)."""
    value = text.strip()
    if value == "local":
        return ClusterSpec()
    if value.startswith("local:"):
        count = value.removeprefix("local:")
        if not count.isdigit() or int(count) < 1:
            raise InputError(f"--cluster {text!r}: local:N wants a number of workers of 1 or more")
        return ClusterSpec(workers=int(count))
    if "://" in value and value.split("://", 1)[1]:
        return ClusterSpec(address=value)
    raise InputError(f"--cluster {text!r}: give local, local:N or a scheduler's address such as tcp://host:8786")


@contextmanager
def connected(spec: ClusterSpec) -> Iterator[Client]:
    """A client of the cluster: a LocalCluster started here (and stopped on the way out), or the
    scheduler at the address. A scheduler that cannot be reached is an InputError of one line."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise InputError("--cluster needs Dask's distributed scheduler: pip install 'kgbuild[cluster]'") from None
    # the cluster's own chatter (workers starting, a worker lost and its tasks retried) is not the build's
    logging.getLogger("distributed").setLevel(logging.ERROR)
    import dask

    if spec.is_local:
        import os

        workers = spec.workers or os.cpu_count() or 1
        with dask.config.set(LOCAL_CLUSTER_CONFIG), LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(spec.address, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError, ValueError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"cannot reach the Dask scheduler at {spec.address} ({reason})") from None
    with dask.config.set({"distributed.comm.compression": "zlib"}), client:
        yield client  # (what this client sends compressed too; the workers' settings are their own)


def workers_in_use(client: Client) -> int:
    return len(client.scheduler_info().get("workers", {}))


def partition_size(articles: int, workers: int) -> int:
    """Articles a partition: a large input in large partitions, a small one still spread over every worker."""
    spread = -(-articles // (max(1, workers) * AHEAD_PER_WORKER * 2))
    return min(PARTITION_ARTICLES_MAX, max(PARTITION_ARTICLES_MIN, spread))


def _extract_partition(items: list[Article | Path]) -> list[PreparedArticle]:
    """On a worker: each article of a partition read, extracted and mapped, as a --jobs worker does it."""
    from .build import _extract_and_map

    return [_extract_and_map(item) for item in items]


def prepared_on_cluster(client: Client, articles: Sequence[Article | Path]) -> Iterator[PreparedArticle]:
    """Each article read, extracted and mapped, in order, from the cluster's workers. Files are read
    by the workers of a local cluster; for a remote one they are read here and travel once, as text."""
    on_this_machine = _on_this_machine(client)
    workers = max(1, workers_in_use(client))
    size = partition_size(len(articles), workers)
    partitions = [list(articles[start:start + size]) for start in range(0, len(articles), size)]
    ahead = workers * AHEAD_PER_WORKER
    waiting: deque = deque()
    following = iter(partitions)

    def submit_next() -> None:
        partition = next(following, None)
        if partition is not None:
            if not on_this_machine:
                partition = [item if isinstance(item, Article) else read_article(item) for item in partition]
            waiting.append(client.submit(_extract_partition, partition, pure=False))

    for _ in range(ahead):
        submit_next()
    while waiting:
        future = waiting.popleft()
        results = future.result()
        future.release()
        submit_next()
        yield from results


def _on_this_machine(client: Client) -> bool:
    """Do all the cluster's workers run on this machine (so that they read the files given here)?"""
    import socket

    here = {"127.0.0.1", "localhost", "::1", socket.gethostname()}
    try:
        here.add(socket.gethostbyname(socket.gethostname()))
    except OSError:
        pass
    hosts = {address.split("://", 1)[-1].rsplit(":", 1)[0].strip("[]")
             for address in client.scheduler_info().get("workers", {})}
    return bool(hosts) and hosts <= here
