"""Extraction speed on articles of the real genre, per word, and how it grows with the text.

    python -m benchmarks.extraction [--corpus DIR ...] [--runs 5] [--rounds 5] [--against REV] [--instructions]

Texts are the project's own articles (seeds/ and tests/cases/, real-length news items of the genre)
unless --corpus folders are given. --against REV measures the extractor of a git revision on the
same texts in the same run (from a temporary worktree), the two measured in turn for --rounds rounds,
so that the ratio (the median of the rounds' ratios) holds on a shared machine whose speed drifts.
Then a table of CPU milliseconds per KB for articles of 2 KB, 20 KB, 200 KB and 2 MB of adversarial
text (repeated organisation words, money amounts, abbreviations, trade amounts and persons with posts in
one sentence) and of the real articles one after
another, the same 200 KB of text cut into articles of each size: a flat row means extraction is
linear in the text.
Prints one table: CPU milliseconds per 1,000 words (median of --runs passes over all texts, median of
the rounds), and the
cost per word of one body repeated 10 and 40 times against the body once (1.00x is linear).
--instructions also counts, under valgrind, the machine instructions one pass over the texts takes
(the difference of a run of three passes and a run of one): a figure that does not drift with the
machine's load, for comparing two extractors exactly. It takes a few minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Run in a child process so that the extractor measured is the one on its sys.path.
_MEASURE = r"""
import json, statistics, sys, time
from pathlib import Path
from kgbuild.article import read_article
from kgbuild.extract import extract

paths, runs = json.loads(sys.argv[1]), int(sys.argv[2])
articles = [read_article(Path(p)) for p in paths]
words = sum(len(a.body.split()) for a in articles)
for article in articles:  # warm caches (gazetteers, compiled patterns)
    extract(article)

def seconds(items):  # CPU time of this process: other work on a shared machine does not count
    started = time.process_time()
    for item in items:
        extract(item)
    return time.process_time() - started

per_word = statistics.median(seconds(articles) for _ in range(runs)) / words
longest = max(articles, key=lambda a: len(a.body))
growth = {}
for times in (1, 10, 40):
    body = "\n".join([longest.body] * times)
    copy = type(longest)(**{**vars(longest), "body": body})
    growth[times] = statistics.median(seconds([copy]) for _ in range(max(1, runs // 2))) / (len(body.split()))
print(json.dumps({"words": words, "articles": len(articles), "per_word": per_word,
                  "growth": {k: v / growth[1] for k, v in growth.items()}}))
"""


_PASSES = r"""
import sys
from pathlib import Path
from kgbuild.article import read_article
from kgbuild.extract import extract
articles = [read_article(Path(p)) for p in sys.argv[2:]]
for _ in range(int(sys.argv[1])):
    for article in articles:
        extract(article)
"""


def instructions_per_pass(src: Path, paths: list[Path]) -> int:
    """Machine instructions of one pass of extraction over the texts, counted by valgrind."""
    counts = []
    for passes in (1, 3):
        done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
                               "-c", _PASSES, str(passes), *map(str, paths)],
                              capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(src)}, check=True)
        counts.append(int(re.search(r"Collected\s*:\s*(\d+)", done.stderr).group(1)))
    return (counts[1] - counts[0]) // 2


def texts(corpora: list[Path]) -> list[Path]:
    if corpora:
        return sorted(p for folder in corpora for p in folder.glob("*.txt"))
    return sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "cases").glob("*.txt"))


def measure(src: Path, paths: list[Path], runs: int) -> dict:
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run([sys.executable, "-c", _MEASURE, json.dumps([str(p) for p in paths]), str(runs)],
                          capture_output=True, text=True, env=env, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, action="append", default=[], help="folder of *.txt articles")
    parser.add_argument("--runs", type=int, default=5, help="passes over the texts in each round")
    parser.add_argument("--rounds", type=int, default=5, help="rounds, each measuring both extractors in turn")
    parser.add_argument("--against", metavar="REV", help="also measure the extractor of this git revision")
    parser.add_argument("--instructions", action="store_true", help="also count instructions under valgrind (slow)")
    parser.add_argument("--no-scaling", dest="scaling", action="store_false",
                        help="skip the table of cost per KB at 2 KB to 2 MB of adversarial and real text")
    args = parser.parse_args()
    paths = texts(args.corpus)
    rounds: list[tuple[dict, dict | None]] = []
    with tempfile.TemporaryDirectory() as tmp:
        other = None
        if args.against:
            other = Path(tmp) / "tree"
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(other), args.against],
                           check=True, capture_output=True)
        try:
            for _ in range(args.rounds):
                rounds.append((measure(ROOT / "src", paths, args.runs),
                               measure(other / "src", paths, args.runs) if other else None))
            counted = {}
            if args.instructions:
                counted["this tree"] = instructions_per_pass(ROOT / "src", paths)
                if other:
                    counted[args.against] = instructions_per_pass(other / "src", paths)
        finally:
            if other:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(other)],
                               check=True, capture_output=True)

    def row(name: str, results: list[dict]) -> tuple[str, str, str, str]:
        return (name, f"{statistics.median(r['per_word'] for r in results) * 1e6:.1f}",
                f"{statistics.median(r['growth']['10'] for r in results):.2f}x",
                f"{statistics.median(r['growth']['40'] for r in results):.2f}x")

    ours = [a for a, _ in rounds]
    rows = [("extractor", "ms per 1,000 words", "x10 text, cost per word", "x40 text, cost per word"),
            row("this tree", ours)]
    if args.against:
        theirs = [b for _, b in rounds]
        rows.append(row(args.against, theirs))
        ratio = statistics.median(a["per_word"] / b["per_word"] for a, b in rounds)
        rows.append(("ratio (this / that)", f"{ratio:.2f}x", "", ""))
    print(f"Extraction of {ours[0]['articles']} articles, {ours[0]['words']:,} words, {args.rounds} rounds of "
          f"{args.runs} passes")
    widths = [max(len(line[i]) for line in rows) for i in range(4)]
    for line in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip())
    words = ours[0]["words"]
    for name, count in counted.items():
        print(f"instructions, {name}: {count / words * 1000 / 1e6:.1f} million per 1,000 words")
    if len(counted) == 2:
        mine, theirs = counted.values()
        print(f"instructions, ratio (this / that): {mine / theirs:.2f}x")
    if args.scaling:
        print()
        print_scaling(paths)


# Texts made to find what grows faster than the text: one sentence after another of organisation
# words, of money amounts, of abbreviations that do not end a sentence; and the articles themselves,
# one after another, as a body of real text.
ADVERSARIAL_UNITS = {
    "organisation words": "Agency Chamber Council Ministry Commission Agency of Trade ",
    "money amounts": "$1.5 million, 2 billion rubles and €3,4 mln, ",
    "abbreviations": "Mr. A. B. Smith met Dr. x. A Inc. Co. Ltd. U.S. ",
    # one sentence of trade amounts between two countries, each with its year
    "trade amounts": "trade between Kenya and Uganda reached $1.5 million in 2019, ",
    # one sentence of persons, each with a post and an organisation
    "persons with posts": "".join(f"Chairman of the Kenya Chamber of Commerce {c}amir {c}okolo, "
                                  for c in "ABCDEFGHIJKLMNOPRSTVWYZ"),
}
SCALING_SIZES = (2_000, 20_000, 200_000, 2_000_000)
SCALING_COVERS = 200_000  # characters of text measured at each size (or one article, if longer)


def print_scaling(paths: list[Path]) -> None:
    """CPU milliseconds per KB of text at 2 KB, 20 KB, 200 KB and 2 MB: flat when extraction is linear."""
    import time

    sys.path.insert(0, str(ROOT / "src"))
    from kgbuild.article import parse_article, read_article
    from kgbuild.extract import extract

    real = "\n\n".join(read_article(path).body for path in paths)
    units = {**ADVERSARIAL_UNITS, "real articles": real}
    # Warm up on every kind of text first: tables and patterns first used by one of them are loaded
    # once per process, and charging that to the first 2 KB measured made it look 4x as costly.
    for unit in units.values():
        extract(parse_article("date 2022-03-01\n\n" + unit[:2_000] + "\n", "warm-up"))
    header = ["text", *(f"{size // 1000:,} KB" for size in SCALING_SIZES), "2 MB / 2 KB"]
    rows = [header]
    for name, unit in units.items():
        per_kb = []
        for size in SCALING_SIZES:
            # The same text at every size: at least 200 KB of it cut into articles of `size`, so that a
            # column differs from another by the length of the articles alone, not by which text it got.
            pieces = max(1, SCALING_COVERS // size)
            text = unit * (pieces * size // len(unit) + 1)
            articles = [parse_article("date 2022-03-01\n\n" + text[n * size:(n + 1) * size] + "\n", "scaling")
                        for n in range(pieces)]
            started = time.process_time()
            for article in articles:
                extract(article)
            per_kb.append((time.process_time() - started) * 1000 / (pieces * size / 1000))
        rows.append([name, *(f"{value:.2f}" for value in per_kb), f"{per_kb[-1] / per_kb[0]:.2f}x"])
    print("Extraction CPU ms per KB of text, by the size of one article (flat: linear)")
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())


if __name__ == "__main__":
    main()
