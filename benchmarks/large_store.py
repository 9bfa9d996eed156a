"""Bulk loads of a build's shards into the large stores, on real-genre articles (benchmarks/real_genre.py).

    python -m benchmarks.large_store [--articles 2000]

Builds --articles articles with `--shards`, then loads the shards into a Virtuoso started here (as
tests/test_virtuoso.py starts one; skipped when Virtuoso is not installed) with scripts/load-virtuoso,
and into a new Oxigraph store with `oxigraph load`; prints quads a second of each.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from benchmarks.real_genre import generate  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    from kgbuild.serve import server_binary

    work = Path(tempfile.mkdtemp(prefix="kgbuild-large-store-"))
    rows: list[tuple[str, int, float]] = []
    try:
        corpus = generate(work / f"real-{args.articles}", args.articles)
        shards = work / "shards"
        subprocess.run([sys.executable, "-m", "kgbuild", "build", str(corpus), "--store", str(work / "kg"), "-q",
                        "--shards", str(shards)], check=True, capture_output=True)
        quads = int(re.search(r'"quads": (\d+)', (shards / "manifest.json").read_text()).group(1))
        files = sorted(str(path) for path in shards.glob("part-*.nq.gz"))
        started = time.monotonic()
        subprocess.run([server_binary(), "load", "--location", str(work / "oxigraph"), "--file", *files], check=True,
                       capture_output=True)
        rows.append(("oxigraph load", quads, time.monotonic() - started))
        if shutil.which("virtuoso-t"):
            from test_virtuoso import Virtuoso

            server = Virtuoso(work / "virtuoso", shards).start()
            try:
                started = time.monotonic()
                done = subprocess.run([sys.executable, str(ROOT / "scripts" / "load-virtuoso"), str(shards), "--isql",
                                       f"127.0.0.1:{server.sql_port}"], check=True, capture_output=True, text=True)
                rows.append(("Virtuoso (load-virtuoso: ld_dir, rdf_loader_run, checkpoint)", quads,
                             time.monotonic() - started))
                print(done.stderr.strip(), file=sys.stderr)
            finally:
                server.stop()
        else:
            print("Virtuoso is not installed: its row is left out", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nBulk loads of the shards of {args.articles:,} real-genre articles\n")
    print("| loader | quads | seconds | quads/s |")
    print("|---|---|---|---|")
    for name, count, seconds in rows:
        print(f"| {name} | {count:,} | {seconds:.1f} | {count / seconds:,.0f} |")


if __name__ == "__main__":
    main()
