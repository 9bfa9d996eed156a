"""Each bundled query beside a reference query written for speed that returns the same rows.

    python -m benchmarks.queries STORE [--runs 3]

A reference (benchmarks/reference/<name>.rq) is another way to ask the same question, written to be
fast rather than to be read. The table gives each query's time, its reference's, the ratio (target:
within 1.2x) and whether the rows are the same, in the same order. A cell that GROUP_CONCAT joined is
compared as the set of its parts: SPARQL leaves their order to the engine. Both run through Oxigraph
in this process, on the store's merged graph, with the bundled query's prefixes."""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import pyoxigraph as ox

REFERENCES = Path(__file__).resolve().parent / "reference"
JOINED = "; "


def _row(solution, variables) -> tuple:
    cells = []
    for variable in variables:
        term = solution[variable]
        text = None if term is None else term.value if isinstance(term, ox.Literal) else str(term)
        cells.append(frozenset(text.split(JOINED)) if text and JOINED in text else text)
    return tuple(cells)


def timed_rows(store, text: str) -> tuple[float, list[tuple]]:
    started = time.perf_counter()
    solutions = store.query(text)
    rows = [_row(solution, solutions.variables) for solution in solutions]
    return time.perf_counter() - started, rows


def compare(store, runs: int) -> list[tuple[str, float, float, bool, int]]:
    """(query, seconds, reference seconds, same rows in the same order, rows) for each query with a reference."""
    from kgbuild.query import load_query, with_prefixes

    results = []
    for reference in sorted(REFERENCES.glob("*.rq")):
        bundled = with_prefixes(load_query(reference.stem).text)
        written_for_speed = with_prefixes(reference.read_text(encoding="utf-8"))
        ours, theirs = [], []
        for _ in range(runs):  # alternated, so that a slow moment of the machine falls on both
            seconds, rows = timed_rows(store, bundled)
            ours.append(seconds)
            seconds, reference_rows = timed_rows(store, written_for_speed)
            theirs.append(seconds)
        results.append((reference.stem, statistics.median(ours), statistics.median(theirs), rows == reference_rows,
                        len(rows)))
    return results


def main() -> None:
    from kgbuild.store import open_store

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with open_store(args.store) as store:
        results = compare(store.inner, args.runs)
    print(f"{'query':<14} {'rows':>8} {'kgbuild':>10} {'reference':>10} {'ratio':>7}  same rows, same order")
    for name, ours, theirs, same, rows in results:
        print(f"{name:<14} {rows:>8,} {ours * 1000:>8.0f}ms {theirs * 1000:>8.0f}ms {ours / theirs:>6.2f}x  "
              f"{'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
