"""Builds on a Dask cluster against one process, on real-genre articles (benchmarks/real_genre.py).

    python -m benchmarks.cluster [--articles 2000] [--workers 2] [--rounds 5] [--resolve 100000]

Prints, for --articles articles: the phases the workers take over (read, extract, map) drained alone,
one process against a LocalCluster of --workers processes (cluster start not counted) and against a
pool of as many processes (what --jobs does, for comparison), and whole
builds (`kgbuild build --jobs 1` against `--cluster local:N`, wall clock, cluster start counted),
each the median of --rounds rounds that take turns (this machine's speed drifts over minutes);
then what stays on the client at --resolve articles: resolution in article order, its time per
article and the client's peak memory (the records of that many articles resolved one after another).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.real_genre import generate  # noqa: E402


def drain_one_process(files: list[Path]) -> float:
    from kgbuild.build import _extract_and_map

    started = time.perf_counter()
    for path in files:
        _extract_and_map(path)
    return time.perf_counter() - started


def drain_pool(files: list[Path], jobs: int) -> float:
    from kgbuild.build import _prepared

    started = time.perf_counter()
    for _ in _prepared(files, jobs):
        pass
    return time.perf_counter() - started


def drains(files: list[Path], workers: int, rounds: int) -> tuple[list[float], list[float], list[float]]:
    """Seconds to drain the files in one process, in a pool of `workers` processes (--jobs) and on one
    LocalCluster, round after round."""
    from kgbuild.cluster import ClusterSpec, connected, prepared_on_cluster

    one, pooled, spread = [], [], []
    with connected(ClusterSpec(workers=workers)) as client:
        warm = files[:8]  # every worker's rules compiled and tables read, as in this process
        client.run(lambda: [__import__("kgbuild.build").build._extract_and_map(path) for path in warm])
        drain_one_process(warm)
        for _ in range(rounds):
            one.append(drain_one_process(files))
            pooled.append(drain_pool(files, workers))
            started = time.perf_counter()
            for _ in prepared_on_cluster(client, files):
                pass
            spread.append(time.perf_counter() - started)
    return one, pooled, spread


def whole_build(corpus: Path, store: Path, *options: str) -> float:
    shutil.rmtree(store, ignore_errors=True)
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "kgbuild", "build", str(corpus), "--store", str(store), "-q", *options],
                   check=True, capture_output=True)
    return time.monotonic() - started


def resolution_at(count: int, corpus: Path) -> tuple[list[tuple[int, float]], float]:
    """What the client does for each article besides writing: resolve its names in article order and
    keep its reports (for the events), for `count` articles (the corpus's names over and over, under
    new ids). Seconds per article at each tenth of the way, and the peak MB of this process."""
    import dataclasses

    from kgbuild.build import extract_file
    from kgbuild.occurrences import reports_of
    from kgbuild.resolve import ActorIndex, ActorNames, resolve

    names = [ActorNames.of(extract_file(path)) for path in sorted(corpus.glob("*.txt"))]
    index = ActorIndex()
    reports = []
    rates = []
    last = time.perf_counter()
    for n in range(1, count + 1):
        told = names[n % len(names)]
        told = dataclasses.replace(told, article_id=f"r{n:07d}")
        resolution = resolve(told, index)
        reports += reports_of(told, resolution)
        if n % (count // 10 or 1) == 0:
            now = time.perf_counter()
            rates.append((n, (now - last) / (count // 10 or 1)))
            last = now
    return rates, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--drains-only", action="store_true", help="no whole builds, no resolution at scale")
    parser.add_argument("--resolve", type=int, default=100_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kgbuild-cluster-"))
    try:
        corpus = generate(work / f"real-{args.articles}", args.articles)
        files = sorted(corpus.glob("*.txt"))
        one, pooled, spread = drains(files, args.workers, args.rounds)
        single, clustered = [], []
        for _ in range(0 if args.drains_only else args.rounds):
            single.append(whole_build(corpus, work / "one", "--jobs", "1"))
            clustered.append(whole_build(corpus, work / "cluster", "--cluster", f"local:{args.workers}"))
        rates, peak = resolution_at(args.resolve, corpus) if not args.drains_only else ([], 0.0)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nBuilds on a Dask cluster, {args.articles:,} real-genre articles, {args.workers} workers, "
          f"medians of {args.rounds} rounds\n")
    print("| measure | one process | over the workers | speed-up (median of the rounds' own) | rounds' speed-ups |")
    print("|---|---|---|---|---|")
    for measure, alone, together in (("read, extract, map (drained alone)", one, spread),
                                     (f"the same in a pool of {args.workers} processes (--jobs)", one, pooled),
                                     ("whole build (wall clock)", single, clustered)):
        ratios = [a / b for a, b in zip(alone, together)]
        if not ratios:
            continue
        print(f"| {measure} | {median(alone):.1f} s | {median(together):.1f} s | {median(ratios):.2f}x | "
              + ", ".join(f"{ratio:.2f}" for ratio in ratios) + " |")
    if not rates:
        return
    total = sum(rate for _, rate in rates) * (args.resolve // len(rates))
    print(f"\nOn the client, {args.resolve:,} articles resolved in order with their reports kept: {total:.1f} s in "
          f"all, peak memory {peak:,.0f} MB; ms an article by tenths: "
          + ", ".join(f"{rate * 1e3:.3f} (to {n:,})" for n, rate in rates))


if __name__ == "__main__":
    main()
