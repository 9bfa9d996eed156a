"""kgbuild: a knowledge graph of bilateral economic cooperation, built from news articles.

The library API follows the pipeline: read_article -> extract -> map_records -> store.
"""

__version__ = "0.1.0"

__all__ = ["__version__", "build", "extract_file", "open_store"]


def __getattr__(name: str):
    # Imported lazily, so that `kgbuild --help` does not pay for rdflib and pyoxigraph.
    if name == "build":
        from .build import build

        return build
    if name == "extract_file":
        from .build import extract_file

        return extract_file
    if name == "open_store":
        from .store import open_store

        return open_store
    raise AttributeError(name)
