"""Measure kgbuild at corpus scale and print one table.

    python -m benchmarks [--sizes 1000 10000] [--large] [--runs 3] [--work DIR]

Everything is measured in this one run, so ratios hold on a noisy machine: build rate with --jobs 1
and 2, each bundled query, Turtle and N-Quads export, the HTML drawing, cold start, peak memory, and
beside them what plain rdflib (its memory store's SPARQL and Turtle serialiser) does on the same graph.
Medians of --runs runs; single runs are marked (1 run).
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from . import real_genre
from .corpus import generate
from .phases import phase_rows

ROOT = Path(__file__).resolve().parent.parent
KGBUILD = [sys.executable, "-m", "kgbuild"]


@dataclass
class ProcessRun:
    seconds: float  # wall time
    peak_rss_kib: int
    cpu_seconds: float  # user + system, of the process and of the workers it waited for

    @property
    def cores_busy(self) -> float:
        return self.cpu_seconds / self.seconds


def _run_and_wait(args: list[str], cwd: Path | None) -> ProcessRun:
    started = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(args)} failed: {process.stderr.read().decode()[-500:]}")
    # wait4 counts the child and the workers it waited for (--jobs)
    return ProcessRun(elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)


_launcher = None


def timed_process(args: list[str], cwd: Path | None = None) -> ProcessRun:
    """Wall time, peak RSS and CPU time of a child process.

    Children are started by a small launcher process, not by this one: Linux reports as a child's
    peak RSS at least the memory of the process it was forked from, and this one grows to
    gigabytes (the rdflib graph). Forked from here, every child showed the same 1,989 MB."""
    global _launcher
    if _launcher is None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        _launcher = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("forkserver"))
    return _launcher.submit(_run_and_wait, args, cwd).result()


def median_of(runs: int, measure) -> float:
    return statistics.median(measure() for _ in range(runs))


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, str]] = []

    def add(self, measure: str, value: str, target: str = "", baseline: str = "", ratio: str = "") -> None:
        self.rows.append((measure, value, target, baseline, ratio))
        print(f"  {measure}: {value} {ratio}", file=sys.stderr, flush=True)

    def print(self) -> None:
        header = ("measure", "kgbuild", "target", "plain rdflib / Oxigraph", "ratio")
        widths = [max(len(r[i]) for r in [header, *self.rows]) for i in range(5)]
        line = "  ".join(h.ljust(w) for h, w in zip(header, widths))
        print(line)
        print("  ".join("-" * w for w in widths))
        for row in self.rows:
            print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def build_store(corpus: Path, store: Path, jobs: int) -> ProcessRun:
    import shutil

    shutil.rmtree(store, ignore_errors=True)
    return timed_process([*KGBUILD, "build", str(corpus), "--store", str(store), "-q", "--jobs", str(jobs)])


RDFLIB_SECONDS = 120
RDFLIB_MEMORY = 6 * 1024 ** 3


def rdflib_query_seconds(nt_file: Path, name: str) -> tuple[float | None, str]:
    """rdflib's evaluation time of a bundled query, or why there is none."""
    import resource

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (RDFLIB_MEMORY, RDFLIB_MEMORY))

    try:
        done = subprocess.run([sys.executable, "-m", "benchmarks.rdflib_query", str(nt_file), name],
                              capture_output=True, text=True, timeout=RDFLIB_SECONDS, preexec_fn=limit, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return None, f"> {RDFLIB_SECONDS} s (stopped)"
    if done.returncode != 0:
        last = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"
        reason = "over 6 GB of memory (stopped)" if "MemoryError" in last else f"failed: {last[:60]}"
        return None, reason
    return float(done.stdout.strip()), ""


def rdflib_graph_of(store_path: Path):
    from rdflib import Graph

    from kgbuild.store import open_store

    with open_store(store_path) as store:
        data = io.BytesIO()
        store.export("nt", data)
    graph = Graph()
    graph.parse(data=data.getvalue().decode("utf-8"), format="nt")
    return graph


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[1000, 10000], metavar=("SMALL", "LARGE"))
    parser.add_argument("--large", action="store_true", help="also build 100,000 articles (slow)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kgbuild-bench")
    args = parser.parse_args()
    small, large = args.sizes
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    table = Table()
    print(f"Generating corpora of {small} and {large} articles in {work} ...", file=sys.stderr)
    small_corpus = generate(work / f"corpus-{small}", small)
    large_corpus = generate(work / f"corpus-{large}", large)
    small_real = real_genre.generate(work / f"real-{small}", small)
    large_real = real_genre.generate(work / f"real-{large}", large)

    # ---- build: text like the real articles beside the synthetic corpus -------------------------------
    cores = os.cpu_count() or 1
    for label, corpus in (("real-genre", small_real), ("synthetic", small_corpus)):
        rates, busy, cpu = {}, {}, {}
        for jobs in (1, 2):
            runs = [build_store(corpus, work / "store-small", jobs) for _ in range(args.runs)]
            rates[jobs] = small / statistics.median(r.seconds for r in runs)
            busy[jobs] = statistics.median(r.cores_busy for r in runs)
            cpu[jobs] = statistics.median(r.cpu_seconds for r in runs) * 1000 / small
            table.add(f"build {small} {label} articles, --jobs {jobs}", f"{rates[jobs]:.0f} articles/s",
                      "CPU <= 5 ms/article" if jobs == 1 else "",
                      f"{cpu[jobs]:.1f} CPU ms/article, {busy[jobs]:.2f} of {cores} cores busy")
        # A build can go at most (cores / cores busy with --jobs 1) times faster with more processes.
        table.add(f"build {label} --jobs 2 / --jobs 1", f"{rates[2] / rates[1]:.2f}x", ">= 1.5x",
                  f"at most {min(2, cores) / busy[1]:.2f}x on {cores} cores")
        table.add(f"store bytes per {label} article ({small} articles)",
                  f"{folder_bytes(work / 'store-small') / small / 1000:,.1f} KB")
    for measure, real, synthetic in phase_rows({"real-genre": small_real, "synthetic": small_corpus}, work):
        table.add(f"{measure} ({small} articles, 1 run)", f"{real:,.2f}", "", f"synthetic {synthetic:,.2f}",
                  f"{real / synthetic:.2f}x" if synthetic else "")
    # The synthetic store is built last: the measures below use it.
    for label, corpus, store_path in (("real-genre", large_real, work / "store-large-real"),
                                      ("synthetic", large_corpus, work / "store-large")):
        run = build_store(corpus, store_path, 1)
        table.add(f"build {large} {label} articles, --jobs 1 (1 run)", f"{large / run.seconds:.0f} articles/s", "",
                  f"{run.cpu_seconds * 1000 / large:.1f} CPU ms/article, {run.cores_busy:.2f} of {cores} cores busy")
        table.add(f"peak RSS, build of {large} {label} articles", f"{run.peak_rss_kib / 1024:.0f} MB", "<= 500 MB")
        table.add(f"store bytes per {label} article ({large} articles)",
                  f"{folder_bytes(store_path) / large / 1000:,.1f} KB")
    # Rebuilding: an unchanged corpus is read and hashed and nothing is written; a full rebuild
    # (--force) replaces every article and must leave a store of the fresh one's size.
    fresh_size = folder_bytes(work / "store-large")
    unchanged = timed_process([*KGBUILD, "build", str(large_corpus), "--store", str(work / "store-large"), "-q"])
    table.add(f"rebuild of {large} unchanged articles (1 run)", f"{unchanged.seconds:.1f} s",
              "<= 5 % of the fresh build", f"fresh build {run.seconds:.1f} s", f"{unchanged.seconds / run.seconds:.1%}")
    table.add(f"store after the unchanged rebuild ({large} articles)", f"{folder_bytes(work / 'store-large') / 1e6:,.0f} MB",
              "<= 1.1x the fresh store", f"fresh {fresh_size / 1e6:,.0f} MB",
              f"{folder_bytes(work / 'store-large') / fresh_size:.2f}x")
    small_fresh = build_store(small_corpus, work / "store-small", 1)
    small_size = folder_bytes(work / "store-small")
    forced = timed_process([*KGBUILD, "build", str(small_corpus), "--store", str(work / "store-small"), "-q", "--force"])
    table.add(f"full rebuild (--force) of {small} articles (1 run)", f"{forced.seconds:.1f} s", "",
              f"fresh build {small_fresh.seconds:.1f} s", f"{forced.seconds / small_fresh.seconds:.2f}x the time")
    table.add(f"store after the full rebuild ({small} articles)", f"{folder_bytes(work / 'store-small') / 1e6:,.0f} MB",
              "<= 1.1x the fresh store", f"fresh {small_size / 1e6:,.0f} MB",
              f"{folder_bytes(work / 'store-small') / small_size:.2f}x")

    from kgbuild.query import bundled_queries, run_query
    from kgbuild.store import open_store

    with open_store(work / "store-large") as store:
        triples = len(store)
    table.add(f"triples in the {large}-article graph", f"{triples:,}")

    # ---- queries -------------------------------------------------------------------------------

    from kgbuild.query import with_prefixes

    with open_store(work / "store-large") as store:
        for spec in bundled_queries():
            ours = median_of(args.runs, lambda: _timed(lambda: run_query(store.inner, spec, {}, _format_of(spec))))
            oxigraph = median_of(args.runs, lambda: _timed(lambda: list(store.inner.query(with_prefixes(spec.text)))))
            table.add(f"query {spec.name} ({large} articles)", f"{ours * 1000:.0f} ms", "<= 2x Oxigraph",
                      f"Oxigraph {oxigraph * 1000:.0f} ms", f"{ours / oxigraph:.2f}x")

    # and beside a reference query written for speed that returns the same rows (benchmarks/reference/)
    from .queries import compare

    with open_store(work / "store-large") as store:
        for name, ours, theirs, same, rows in compare(store.inner, args.runs):
            table.add(f"query {name} against its reference ({large} articles)", f"{ours * 1000:.0f} ms", "<= 1.2x",
                      f"reference {theirs * 1000:.0f} ms, {'the same' if same else 'NOT the same'} {rows:,} rows",
                      f"{ours / theirs:.2f}x")

    # bound to one actor or country, each a cold process (benchmarks/bound.py)
    from .bound import measure as measure_bound

    for query, bound, seconds, rows in measure_bound(work / "store-large", args.runs):
        table.add(f"query {query} bound to {bound} ({large} articles, cold process)",
                  f"{seconds:.2f} s", "interactive", f"{rows:,} rows")

    # the same queries on the small graph, against rdflib's memory store (each in a process of its own,
    # with RDFLIB_SECONDS and RDFLIB_MEMORY as limits)
    graph = rdflib_graph_of(work / "store-small")
    nt_file = work / "store-small.nt"
    graph.serialize(nt_file, format="nt")
    with open_store(work / "store-small") as store:
        for spec in bundled_queries():
            ours = median_of(args.runs, lambda: _timed(lambda: run_query(store.inner, spec, {}, _format_of(spec))))
            plain, failure = rdflib_query_seconds(nt_file, spec.name)
            measure, value, target = f"query {spec.name} ({small} articles)", f"{ours * 1000:.1f} ms", \
                ">= 10x faster than rdflib"
            if plain is None:
                table.add(measure, value, target, f"rdflib {failure}")
            else:
                table.add(measure, value, target, f"rdflib {plain * 1000:.0f} ms (1 run)", f"{plain / ours:.0f}x faster")

    # ---- export ----
    import pyoxigraph as ox

    from kgbuild.store import FORMATS

    with open_store(work / "store-large") as store:
        for fmt in ("turtle", "nq"):
            def export() -> float:
                started = time.perf_counter()
                store.export(fmt, io.BytesIO(), readable=False)
                return time.perf_counter() - started

            seconds = median_of(args.runs, export)
            # N-Quads: the quads of every article's graph, evidence included (the store keeps that in the
            # merged graph only), and of the ontology's graph
            count = triples if fmt == "turtle" else sum(1 for _ in store.dataset_quads())
            # What Oxigraph itself reads and writes from this store: the default graph for Turtle, the
            # whole dataset for N-Quads (which also holds the merged graph, hence its own count).
            whole = {"from_graph": ox.DefaultGraph()} if fmt == "turtle" else {}
            dumped = len(list(store.inner.quads_for_pattern(None, None, None, whole.get("from_graph"))))
            plain = median_of(args.runs, lambda: _timed(lambda: store.inner.dump(format=FORMATS[fmt][0], **whole)))
            layout = ", fast layout" if fmt == "turtle" else ""
            table.add(f"export {fmt}{layout} ({large} articles)", f"{count / seconds:,.0f} triples/s",
                      ">= 1,000,000/s", f"Oxigraph's dump of the store {dumped / plain:,.0f}/s",
                      f"{(count / seconds) / (dumped / plain):.2f}x")
            if fmt == "turtle":
                fast_seconds = seconds
                seconds = median_of(args.runs, lambda: _timed(lambda: store.export("turtle", io.BytesIO(),
                                                                                   readable=True)))
                table.add(f"export turtle, readable layout ({large} articles)", f"{count / seconds:,.0f} triples/s",
                          "", f"fast layout {count / fast_seconds:,.0f}/s", f"{seconds / fast_seconds:.2f}x the time")
    with open_store(work / "store-small") as store:
        small_triples = len(store)
        seconds = median_of(args.runs, lambda: _timed(lambda: store.export("turtle", io.BytesIO())))
    plain = _timed(lambda: graph.serialize(format="turtle"))
    table.add(f"export turtle, readable layout ({small} articles)", f"{small_triples / seconds:,.0f} triples/s", "",
              f"rdflib {small_triples / plain:,.0f} triples/s (1 run)", f"{plain / seconds:.0f}x faster")

    # ---- draw ----------------------------------------------------------------------------------
    from kgbuild.draw import actor_graph, render_html

    with open_store(work / "store-large") as store:
        network = actor_graph(store.inner)
        seconds = median_of(args.runs, lambda: _timed(lambda: render_html(actor_graph(store.inner))))
    table.add(f"draw ({network.number_of_nodes():,} actors, {network.number_of_edges():,} reports)",
              f"{seconds:.2f} s", "<= 2 s for 5,000 actors")
    page = work / "actors-large.html"
    page.write_text(render_html(network), encoding="utf-8")
    settled = page_settle_seconds(page)
    if settled is None:
        table.add("actor page in Chromium", "not measured", "", "Chromium or playwright is missing")
    else:
        first, everything = settled
        table.add(f"actor page settles in Chromium, first view ({page.stat().st_size / 1e6:.1f} MB page)",
                  f"{first:.1f} s", "", "the 600 most connected actors")
        table.add(f"actor page settles in Chromium after 'Show all' ({network.number_of_nodes():,} actors)",
                  f"{everything:.1f} s")

    # ---- cold start and memory of a query ---------------------------------------------------------
    seed_store = work / "store-seed"
    build_store(ROOT / "seeds", seed_store, 1)
    help_seconds = median_of(5, lambda: timed_process([*KGBUILD, "--help"]).seconds)
    table.add("cold start: kgbuild --help", f"{help_seconds:.2f} s", "<= 0.3 s")
    query_seconds = median_of(5, lambda: timed_process([*KGBUILD, "query", "meetings", "--store", str(seed_store)]).seconds)
    table.add("cold start: kgbuild query meetings (seed)", f"{query_seconds:.2f} s", "<= 1 s")
    run = timed_process([*KGBUILD, "query", "meetings", "--store", str(work / "store-large")])
    table.add(f"peak RSS, query meetings on {large} articles", f"{run.peak_rss_kib / 1024:.0f} MB")

    if args.large:
        huge = generate(work / "corpus-100000", 100000)
        run = build_store(huge, work / "store-100000", 1)
        table.add("build 100000 articles, --jobs 1 (1 run)", f"{100000 / run.seconds:.0f} articles/s")
        table.add("peak RSS, build of 100000 articles", f"{run.peak_rss_kib / 1024:.0f} MB", "no growth past 10,000")
        run = timed_process([*KGBUILD, "query", "meetings", "--store", str(work / "store-100000")])
        table.add("query meetings on 100000 articles (1 run, cold)", f"{run.seconds:.2f} s", "",
                  f"peak RSS {run.peak_rss_kib / 1024:.0f} MB")
        for query, bound, seconds, rows in measure_bound(work / "store-100000", args.runs):
            table.add(f"query {query} bound to {bound} (100000 articles, cold process)",
                      f"{seconds:.2f} s", "interactive", f"{rows:,} rows")

    print()
    table.print()


def page_settle_seconds(page: Path) -> tuple[float, float] | None:
    """Seconds for the actor page to open and settle in headless Chromium, and to settle again after
    'Show all'; None without Chromium or playwright."""
    from benchmarks.page import settled_page

    with settled_page(page) as opened:
        if opened is None:
            return None
        view, first = opened
        if not view.locator("#show-all").is_visible():
            return first, first
        started = time.perf_counter()
        view.click("#show-all")
        view.wait_for_function("document.getElementById('status').dataset.stabilized === 'false'"
                               " || window.kgbuildData.nodeView.length > 600", timeout=600_000)
        view.wait_for_selector("#status[data-stabilized=true]", timeout=600_000)
        return first, time.perf_counter() - started


def _format_of(spec) -> str:
    return "turtle" if "CONSTRUCT" in spec.text else "table"


def _timed(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
