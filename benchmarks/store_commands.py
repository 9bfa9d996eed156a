"""What the commands that read or change a whole store cost at size: a store of --articles real-genre
articles (benchmarks/real_genre.py) is built, then validated, listed and changed, each a `kgbuild`
process timed by the wall clock, its peak memory read from the kernel when it ends.

    python -m benchmarks.store_commands [--articles 2000]

Prints a table, and the bounds the project holds itself to: validate within 3x a build's time and
under 1 GB, `articles` under 1 s.
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

KGBUILD = [sys.executable, "-m", "kgbuild"]


def timed(*args: str) -> tuple[float, float, int]:
    """Seconds, peak resident MB and exit status of one kgbuild process (validate's 1 is an answer)."""
    started = time.monotonic()
    process = subprocess.Popen([*KGBUILD, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait for it again
    return time.monotonic() - started, usage.ru_maxrss / 1024, process.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--work", type=Path, default=None, help="folder for the corpus and store (default: temporary)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="kgbuild-store-commands-"))
    corpus = generate(work / f"real-{args.articles}", args.articles)
    store = work / "kg"
    shutil.rmtree(store, ignore_errors=True)
    ids = sorted(path.stem for path in corpus.glob("*.txt"))
    rows: list[tuple[str, float, float, int]] = []

    def run(name: str, *command: str) -> float:
        seconds, peak, status = timed(*command)
        rows.append((name, seconds, peak, status))
        print(f"  {name}: {seconds:.2f} s", file=sys.stderr, flush=True)
        return seconds

    build = run(f"build {args.articles:,} articles", "build", str(corpus), "--store", str(store), "-q")
    validate = run("validate", "validate", "--store", str(store))
    listing = run("articles", "articles", "--store", str(store), "--format", "csv")
    run("articles --triples", "articles", "--store", str(store), "--format", "csv", "--triples")
    run("remove --dry-run, 1 article", "remove", ids[len(ids) // 2], "--store", str(store), "--dry-run")
    run("remove 1 article", "remove", ids[len(ids) // 2], "--store", str(store))
    run("remove 10 articles", "remove", *ids[:10], "--store", str(store))
    run("optimize", "optimize", "--store", str(store))

    print(f"\nStore commands at {args.articles:,} real-genre articles (one process each, wall clock)\n")
    print(f"| {'command':<32} | {'seconds':>8} | {'peak MB':>8} | exit |")
    print(f"|{'-' * 34}|{'-' * 10}|{'-' * 10}|------|")
    for name, seconds, peak, status in rows:
        print(f"| {name:<32} | {seconds:>8.2f} | {peak:>8.0f} | {status:>4} |")
    validate_peak = rows[1][2]
    print(f"\nvalidate / build: {validate / build:.2f}x (bound 3x); validate peak {validate_peak:,.0f} MB "
          f"(bound 1,024 MB); articles {listing:.2f} s (bound 1 s)")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
