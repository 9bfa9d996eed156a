"""Where a build's CPU goes, per article, phase by phase.

    python -m benchmarks.phases [--count 1000] [--corpus real|synthetic|both]

The build runs in this process (--jobs 1) into a new store, with the pipeline's functions wrapped so
that each call adds its thread's CPU time to its phase: read, split, entities, events, figures, records
(the rest of extraction: assembling the records), resolve, map, serialise, write (all the CPU of other
threads: the writer thread and the threads of Oxigraph's loader), and other (the rest of this thread's
CPU: hashing, keeping texts, loading the ontology and the actor index, bookkeeping). Thread CPU time, not wall time, so other work on a shared machine does not count."""

from __future__ import annotations

import argparse
import contextlib
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

PHASES = ("read", "split", "entities", "events", "figures", "records", "resolve", "map", "serialise", "write",
          "other")


class PhaseClock:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self._lock = threading.Lock()
        self._inside = threading.local()

    def wrap(self, phase: str, function):
        def timed(*args, **kwargs):
            # A phase inside another (extraction's steps inside extract) is taken out of the outer one.
            stack = getattr(self._inside, "stack", None)
            if stack is None:
                stack = self._inside.stack = []
            stack.append(0.0)
            started = time.thread_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent = time.thread_time() - started
                inner = stack.pop()
                with self._lock:
                    self.seconds[phase] += spent - inner
                if stack:
                    stack[-1] += spent

        return timed


@contextlib.contextmanager
def instrumented(clock: PhaseClock):
    import kgbuild.build as build
    import kgbuild.extract as extract

    patches = [
        (build, "read_article", "read"), (build, "extract", "records"), (extract, "split_sentences", "split"),
        (extract, "read_entities", "entities"), (extract, "find_meetings", "events"),
        (extract, "find_agreements", "events"), (extract, "share_dates", "events"),
        (extract, "find_trade_figures", "figures"), (build, "resolve", "resolve"), (build, "map_records", "map"),
        (build, "serialize_article", "serialise"),
    ]
    originals = [(owner, name, getattr(owner, name)) for owner, name, _ in patches]
    try:
        for owner, name, phase in patches:
            setattr(owner, name, clock.wrap(phase, getattr(owner, name)))
        yield
    finally:
        for owner, name, original in originals:
            setattr(owner, name, original)


def profile_build(corpus: Path, store_path: Path) -> tuple[dict[str, float], int, int]:
    """CPU seconds per phase of building corpus into a new store, the articles and the words built."""
    from kgbuild.build import add_articles, check_articles
    from kgbuild.store import open_store

    files = check_articles([corpus])
    words = sum(len(path.read_text(encoding="utf-8").split()) for path in files)
    clock = PhaseClock()
    started, started_here = time.process_time(), time.thread_time()
    with instrumented(clock), open_store(store_path, writable=True, create=True) as store:
        add_articles(files, store)
    total, here = time.process_time() - started, time.thread_time() - started_here
    seconds = dict(clock.seconds)
    # Everything off this thread is writing: the writer thread and the threads of Oxigraph's loader.
    seconds["write"] = total - here
    seconds["other"] = max(0.0, here - sum(v for k, v in seconds.items() if k != "write"))
    return seconds, len(files), words


def phase_rows(corpora: dict[str, Path], work: Path) -> list[tuple]:
    """One row per phase (a label, then ms of CPU per article in each corpus), then words/s of
    extraction and words per article."""
    results = {}
    for name, corpus in corpora.items():
        with tempfile.TemporaryDirectory(dir=work) as scratch:
            results[name] = profile_build(corpus, Path(scratch) / "store")
    rows = []
    for phase in (*PHASES, "total"):
        cells = []
        for seconds, articles, _ in results.values():
            spent = sum(seconds.values()) if phase == "total" else seconds.get(phase, 0.0)
            cells.append(spent * 1000 / articles)
        rows.append((f"CPU ms per article: {phase}", *cells))
    extraction_phases = ("split", "entities", "events", "figures", "records")
    rows.append(("words/s of extraction", *(words / sum(seconds.get(p, 0.0) for p in extraction_phases)
                                            for seconds, _, words in results.values())))
    rows.append(("words per article", *(words / articles for _, articles, words in results.values())))
    return rows


def main() -> None:
    from . import corpus as synthetic, real_genre

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="articles in each corpus (default 1000)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kgbuild-bench")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    corpora = {"real-genre": real_genre.generate(args.work / f"real-{args.count}", args.count),
               "synthetic": synthetic.generate(args.work / f"corpus-{args.count}", args.count)}
    rows = phase_rows(corpora, args.work)
    print(f"{'measure':<34} {'real-genre':>12} {'synthetic':>12}")
    for label, real, synth in rows:
        print(f"{label:<34} {real:>12,.2f} {synth:>12,.2f}")


if __name__ == "__main__":
    main()
