"""Queries bound to one actor or country, as a user runs them: each a cold `kgbuild query` process.

    python -m benchmarks.bound STORE [--runs 3]

The store picks its own worst cases: the actor in the most meetings, the party to the most agreements,
the organisation with the most people, the country in the most trade figures and its most frequent
partner, the country with the most actors. Each bound query runs --runs times (the median is given,
wall time of the whole process: start, open the store, evaluate, print CSV), then once more to count
its rows."""

from __future__ import annotations

import argparse
import csv
import io
import statistics
import subprocess
import sys
from pathlib import Path

from .run import KGBUILD, timed_process

# What to bind, found by a query over the store: (name, SPARQL returning ?pick as its first row)
PICKS = {
    "meeting participant": """SELECT ?pick WHERE { ?m a bico:Meeting ; bico:participant ?pick }
                              GROUP BY ?pick ORDER BY DESC(COUNT(?m)) ?pick LIMIT 1""",
    "agreement party": """SELECT ?pick WHERE { ?a a bico:Agreement ; bico:party ?pick }
                          GROUP BY ?pick ORDER BY DESC(COUNT(?a)) ?pick LIMIT 1""",
    "organisation with people": """SELECT ?pick WHERE { ?post org:postIn ?pick . ?person org:holds ?post }
                                   GROUP BY ?pick ORDER BY DESC(COUNT(DISTINCT ?person)) ?pick LIMIT 1""",
    "trading country": """SELECT ?pick WHERE { ?f a bico:TradeFigure ; bico:tradeBetween ?pick }
                          GROUP BY ?pick ORDER BY DESC(COUNT(?f)) ?pick LIMIT 1""",
    "country with actors": """SELECT ?pick WHERE { ?actor bico:country ?pick }
                              GROUP BY ?pick ORDER BY DESC(COUNT(DISTINCT ?actor)) ?pick LIMIT 1""",
}
PARTNER = """SELECT ?pick WHERE { ?f a bico:TradeFigure ; bico:tradeBetween COUNTRY, ?pick FILTER(?pick != COUNTRY) }
             GROUP BY ?pick ORDER BY DESC(COUNT(?f)) ?pick LIMIT 1"""


def picks(store_path: Path) -> dict[str, str]:
    """The IRI of each pick, as `<IRI>` for --bind."""
    import pyoxigraph as ox

    from kgbuild.query import with_prefixes

    store = ox.Store.read_only(str(store_path / "oxigraph"))
    found = {}
    for name, text in PICKS.items():
        rows = list(store.query(with_prefixes(text)))
        if rows:
            found[name] = str(rows[0]["pick"])
    if "trading country" in found:
        rows = list(store.query(with_prefixes(PARTNER.replace("COUNTRY", found["trading country"]))))
        if rows:
            found["its partner"] = str(rows[0]["pick"])
    return found


def bound_queries(found: dict[str, str]) -> list[tuple[str, list[str]]]:
    """(query, --bind arguments) for each bound query the picks allow."""
    wanted = [
        ("meetings", {"actor": "meeting participant"}),
        ("actor-mentions", {"actor": "meeting participant"}),
        ("provenance", {"about": "meeting participant"}),
        ("agreements", {"party": "agreement party"}),
        ("people", {"organization": "organisation with people"}),
        ("trade", {"country": "trading country"}),
        ("cooperation", {"a": "trading country", "b": "its partner"}),
        ("actors", {"country": "country with actors"}),
    ]
    runs = []
    for query, binds in wanted:
        if all(pick in found for pick in binds.values()):
            arguments = [part for name, pick in binds.items() for part in ("--bind", f"{name}={found[pick]}")]
            runs.append((query, arguments))
    return runs


def _compact(binding: str) -> str:
    """name=<IRI> as name=prefix:local, as query tables show terms."""
    import pyoxigraph as ox

    from kgbuild.query import compact

    name, _, value = binding.partition("=")
    return f"{name}={compact(ox.NamedNode(value[1:-1]))}"


def measure(store_path: Path, runs: int) -> list[tuple[str, str, float, int]]:
    """(query, what was bound, median seconds of a cold process, rows) for each bound query."""
    results = []
    for query, arguments in bound_queries(picks(store_path)):
        command = [*KGBUILD, "query", query, "--store", str(store_path), "--format", "csv", *arguments]
        seconds = statistics.median(timed_process(command).seconds for _ in range(runs))
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        rows = max(len(list(csv.reader(io.StringIO(done.stdout)))) - 1, 0)  # after the header
        bound = " ".join(_compact(value) for value in arguments if value != "--bind")
        results.append((query, bound, seconds, rows))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results = measure(args.store, args.runs)
    width = max(len(f"{query} {bound}") for query, bound, _, _ in results)
    print(f"{'query and binding'.ljust(width)}  {'seconds':>8}  {'rows':>7}")
    for query, bound, seconds, rows in results:
        print(f"{(query + ' ' + bound).ljust(width)}  {seconds:8.2f}  {rows:7,}")


if __name__ == "__main__":
    sys.exit(main())
