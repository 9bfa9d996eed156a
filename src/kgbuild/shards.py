"""The graph as gzip N-Quads shards with a manifest, for the bulk loaders of large stores (Virtuoso's
`ld_dir` and `rdf_loader_run`, `oxigraph load`, QLever's index builder).

The shards hold the dataset as `export --format nq` writes it, graph by graph in the order of their
IRIs: one named graph per article (with its evidence), the ontology's, the labels' and the events',
cut every QUADS_PER_SHARD quads. The same store always gives the same bytes (gzip without a time stamp). The
manifest, `manifest.json`, names each shard with its quads and SHA-256, and counts the articles.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyoxigraph as ox

from . import __version__
from .errors import InputError
from .files import printable
from .store import KnowledgeStore

QUADS_PER_SHARD = 1_000_000
MANIFEST = "manifest.json"


@dataclass
class Shard:
    file: str
    quads: int
    sha256: str


@dataclass
class Manifest:
    articles: int
    quads: int
    shards: list[Shard] = field(default_factory=list)
    format: str = "application/n-quads+gzip"
    made_by: str = f"kgbuild {__version__}"

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2) + "\n"


def check_shards_folder(folder: Path) -> None:
    """Shards go only to a new or empty folder: never mixed with, or over, files already there."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InputError(f"{printable(folder)}: --shards wants a new or empty folder")


def write_shards(store: KnowledgeStore, folder: Path, quads_per_shard: int = QUADS_PER_SHARD) -> Manifest:
    """Write the store's dataset into `folder` (new, or empty) as shards and a manifest."""
    check_shards_folder(folder)
    folder.mkdir(parents=True, exist_ok=True)
    manifest = Manifest(articles=len(store.articles()), quads=0)
    batch: list[ox.Quad] = []

    def flush() -> None:
        if not batch:
            return
        name = f"part-{len(manifest.shards):05d}.nq.gz"
        data = ox.serialize(batch, format=ox.RdfFormat.N_QUADS)
        packed = gzip.compress(data, compresslevel=6, mtime=0)  # no time stamp: same store, same bytes
        partial = folder / (name + ".partial")
        partial.write_bytes(packed)
        os.replace(partial, folder / name)
        manifest.shards.append(Shard(name, len(batch), hashlib.sha256(packed).hexdigest()))
        manifest.quads += len(batch)
        batch.clear()

    for quad in store.dataset_quads():
        batch.append(quad)
        if len(batch) >= quads_per_shard:
            flush()
    flush()
    (folder / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")
    return manifest
