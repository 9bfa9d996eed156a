"""The graph of the project's own articles as sorted N-Quads, to show that a speed change changed nothing.

    python -m benchmarks.snapshot before.nq     # before the change
    python -m benchmarks.snapshot after.nq      # after it
    cmp before.nq after.nq

Builds seeds/ and tests/cases/ into a new store and writes every quad of its article graphs, its
ontology graph and its merged graph, one per line, sorted. The
bico:extractor statement is left out: it names a digest of the extractor's source, which any change
alters by design."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from kgbuild.ontology import BICO_IRI

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = (ROOT / "seeds", ROOT / "tests" / "cases")
EXTRACTOR = f"<{BICO_IRI}extractor>".encode()


def snapshot() -> bytes:
    import pyoxigraph as ox

    from kgbuild.build import build
    from kgbuild.store import open_store

    with tempfile.TemporaryDirectory() as scratch, \
            open_store(Path(scratch) / "store", writable=True, create=True) as store:
        build(ARTICLES, store)
        # The graph as it is read, whatever the store's layout: every article's graph, the ontology's,
        # and the merged graph.
        dump = ox.serialize(store.dataset_quads(), format=ox.RdfFormat.N_QUADS) + \
            store.inner.dump(format=ox.RdfFormat.N_QUADS, from_graph=ox.DefaultGraph())
    lines = sorted(line for line in dump.split(b"\n") if line and EXTRACTOR not in line)
    return b"\n".join(lines) + b"\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path)
    args = parser.parse_args()
    data = snapshot()
    args.output.write_bytes(data)
    quads = data.count(b"\n")
    print(f"{args.output}: {quads:,} quads")


if __name__ == "__main__":
    main()
