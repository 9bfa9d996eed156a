"""What living with a store costs: small changes to a store of real-genre articles, each a `kgbuild`
process, timed by the wall clock.

    python -m benchmarks.upkeep [--articles 1000] [--against REV]

A store of --articles real-genre articles (benchmarks/real_genre.py) is built fresh; then, in turn: 10 new
articles whose ids sort after every stored one; 10 whose ids sort before them (a build resolves every
stored article again in id order, and builds again those that resolve otherwise); the text of the
first article changed; the first article removed. --against REV runs the same steps with the kgbuild
of a git revision (from a temporary worktree) on a store of its own, and prints both.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.real_genre import generate  # noqa: E402


def kgbuild(src: Path, *args: str) -> float:
    """Seconds one kgbuild process of that source tree took."""
    started = time.monotonic()
    subprocess.run([sys.executable, "-c", "from kgbuild.cli import main; main()", *args], check=True,
                   capture_output=True, env={**os.environ, "PYTHONPATH": str(src)})
    return time.monotonic() - started


def steps(src: Path, corpus: Path, work: Path) -> dict[str, float]:
    store = str(work / "kg")
    first = sorted(corpus.glob("*.txt"))[0]
    late, early = work / "late", work / "early"
    for folder, prefix in ((late, "z"), (early, "a")):
        folder.mkdir()
        for n, source in enumerate(sorted(corpus.glob("*.txt"))[:10]):
            (folder / f"{prefix}{n:03d}.txt").write_text(source.read_text(encoding="utf-8") + "\nIt was the "
                                                         f"{n + 1}th such meeting.\n", encoding="utf-8")
    timings = {"fresh build": kgbuild(src, "build", str(corpus), "--store", store, "-q")}
    timings["10 new articles, ids after the rest"] = kgbuild(src, "build", str(late), "--store", store, "-q")
    timings["10 new articles, ids before the rest"] = kgbuild(src, "build", str(early), "--store", store, "-q")
    changed = work / "changed"
    changed.mkdir()
    text = first.read_text(encoding="utf-8")
    (changed / first.name).write_text(text.split("\n\n", 1)[0] + "\n\n" + text.split("\n\n", 2)[2].split("\n\n")[-1],
                                      encoding="utf-8")
    timings["the first article changed"] = kgbuild(src, "build", str(changed), "--store", store, "-q")
    timings["the first article removed"] = kgbuild(src, "remove", first.stem, "--store", store)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--against", metavar="REV", help="also time the kgbuild of this git revision")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = generate(Path(tmp) / "corpus", args.articles)
        trees = {"this tree": ROOT / "src"}
        if args.against:
            other = Path(tmp) / "tree"
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(other), args.against],
                           check=True, capture_output=True)
            trees[args.against] = other / "src"
        results = {}
        try:
            for name, src in trees.items():
                work = Path(tmp) / f"work-{len(results)}"
                work.mkdir()
                results[name] = steps(src, corpus, work)
                shutil.rmtree(work)
        finally:
            if args.against:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(Path(tmp) / "tree")],
                               check=True, capture_output=True)
    names = list(results)
    rows = [("step", *(f"{name} (s)" for name in names))]
    for step in results[names[0]]:
        rows.append((step, *(f"{results[name][step]:.1f}" for name in names)))
    print(f"Upkeep of a store of {args.articles:,} real-genre articles, one kgbuild process a step (wall clock, one run)")
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())


if __name__ == "__main__":
    main()
