"""What telling events from reports costs as a store grows: every build groups all the store's reports.

    python -m benchmarks.events [--rounds 3]

Synthetic reports of the real mix: each event told by one to five outlets (some with the date, some with
only the month, some undated), pairs of actors meeting again on other days, trade figures told in
rounding variants and conflicting amounts. Prints, at 10,000 and 100,000 reports, the median seconds to
group them and the microseconds a report, and their ratio: reports are grouped by their kind and actors
(a dictionary), so the cost a report should not grow with the store.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from kgbuild.occurrences import Report, occurrences  # noqa: E402


def reports(count: int, seed: int = 7) -> list[Report]:
    rng = random.Random(seed)
    actors = [f"https://w3id.org/kgbuild/id/org/o{n}" for n in range(max(50, count // 20))]
    countries = [f"https://w3id.org/kgbuild/id/country/C{n}" for n in range(60)]
    made: list[Report] = []
    article = 0
    while len(made) < count:
        day = date(2019, 1, 1) + timedelta(days=rng.randrange(2400))
        if rng.random() < 0.2:  # a trade figure
            pair = frozenset(rng.sample(countries, 2))
            amount = rng.choice([1.2e9, 3.4e8, 7.5e7]) * rng.choice([1, 1, 1.002, 1.3])
            for _ in range(rng.randint(1, 4)):
                article += 1
                made.append(Report(f"a{article}", "trade-1", "trade", pair, str(day.year - 1),
                                   (day + timedelta(days=rng.randint(0, 3))).isoformat(), amount, "USD", "turnover"))
            continue
        pair = frozenset(rng.sample(actors, 2))
        kind = rng.choice(["meeting", "meeting", "agreement:memorandum", "agreement:agreement"])
        for _ in range(rng.randint(1, 5)):
            article += 1
            told = rng.random()
            when = day.isoformat() if told < 0.6 else day.isoformat()[:7] if told < 0.8 else None
            made.append(Report(f"a{article}", "meeting-1", kind, pair, when,
                               (day + timedelta(days=rng.randint(0, 6))).isoformat()))
    return made[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print("Grouping reports into events (median of %d rounds)" % args.rounds)
    print(f"{'reports':>10}{'events':>10}{'seconds':>10}{'us a report':>14}")
    per = {}
    for count in (10_000, 100_000):
        told = reports(count)
        times = []
        for _ in range(args.rounds):
            started = time.perf_counter()
            found = occurrences(told)
            times.append(time.perf_counter() - started)
        seconds = statistics.median(times)
        per[count] = seconds / count * 1e6
        print(f"{count:>10,}{len(found):>10,}{seconds:>10.2f}{per[count]:>14.1f}")
    print(f"a report at 100,000 / at 10,000: {per[100_000] / per[10_000]:.2f}x")


if __name__ == "__main__":
    main()
