"""Extraction speed on articles of the real genre, per word, and how it grows with the text.

    python -m benchmarks.extraction [--corpus DIR ...] [--runs 15] [--against REV]

Texts are the project's own articles (seeds/ and tests/cases/, real-length news items of the genre)
unless --corpus folders are given. --against REV measures the extractor of a git revision on the
same texts in the same run (from a temporary worktree), so the ratio holds on a noisy machine.
Prints one table: CPU milliseconds per 1,000 words (median of --runs passes over all texts), and the
cost per word of one body repeated 10 and 40 times against the body once (1.00x is linear).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
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
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--against", metavar="REV", help="also measure the extractor of this git revision")
    args = parser.parse_args()
    paths = texts(args.corpus)
    ours = measure(ROOT / "src", paths, args.runs)
    rows = [("extractor", "ms per 1,000 words", "x10 text, cost per word", "x40 text, cost per word")]
    rows.append(("this tree", f"{ours['per_word'] * 1e6:.1f}", f"{ours['growth']['10']:.2f}x",
                 f"{ours['growth']['40']:.2f}x"))
    if args.against:
        with tempfile.TemporaryDirectory() as tmp:
            worktree = Path(tmp) / "tree"
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(worktree), args.against],
                           check=True, capture_output=True)
            try:
                theirs = measure(worktree / "src", paths, args.runs)
            finally:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(worktree)],
                               check=True, capture_output=True)
        rows.append((args.against, f"{theirs['per_word'] * 1e6:.1f}", f"{theirs['growth']['10']:.2f}x",
                     f"{theirs['growth']['40']:.2f}x"))
        rows.append(("ratio (this / that)", f"{ours['per_word'] / theirs['per_word']:.2f}x", "", ""))
    print(f"Extraction of {ours['articles']} articles, {ours['words']:,} words, median of {args.runs} passes")
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())


if __name__ == "__main__":
    main()
