"""Looking after a store: which articles it holds, and taking articles out of it.

Removing an article takes out its graph, and with it whatever only it stated: its evidence, its
resolution decisions, the actors no other article names (the merged graph is the set union of the
article graphs). Articles that were resolved against it may owe a label or a merge to it: the
remaining articles are resolved again in id order, as a fresh build of them would resolve them, and
those that resolve otherwise now are built again from their kept texts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .errors import InputError
from .ontology import graph_iri
from .query import internal_query
from .store import KnowledgeStore


@dataclass
class StoredArticle:
    id: str
    date: str | None
    title: str | None
    publisher: str | None
    source: str | None
    triples: int | None  # None unless asked for (list_articles)


@dataclass
class RemovalReport:
    removed: list[str] = field(default_factory=list)
    rebuilt: list[str] = field(default_factory=list)  # resolving otherwise without the removed: built again


def list_articles(store: KnowledgeStore, triples: bool = False) -> list[StoredArticle]:
    """The articles in the store, by id, with their header fields: one query. With `triples`, also the
    triples of each (its graph and its evidence nodes), which costs a pass over the whole store (about
    a second at 2,000 articles) and is left out otherwise."""
    counts: dict[str, int] = {}
    if triples:
        counts = {row["g"].value: int(row["n"].value) for row in store.inner.query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")}
        # with the triples of each article's evidence nodes, which only the merged graph holds
        for article_id, evidence in store.evidence_triples().items():
            key = graph_iri(article_id).value
            counts[key] = counts.get(key, 0) + evidence
    found: dict[str, StoredArticle] = {}
    for row in store.inner.query(internal_query("articles").text):
        article_id = row["id"].value
        if article_id in found:
            continue

        def text(name: str) -> str | None:
            return row[name].value if row[name] is not None else None

        found[article_id] = StoredArticle(article_id, text("date"), text("title"), text("publisher"), text("source"),
                                          counts.get(graph_iri(article_id).value, 0) if triples else None)
    return [found[key] for key in sorted(found)]


def remove_articles(store: KnowledgeStore, ids: list[str], step: Callable[[str], None] | None = None
                    ) -> RemovalReport:
    """Take articles out of the store, and build again from their kept texts the articles that resolve
    otherwise without them. All or nothing: on failure, Ctrl-C or a kill the store is as before (after a
    kill, once it is next opened)."""
    stored = store.articles()
    unknown = [article_id for article_id in ids if article_id not in stored]
    if unknown:
        raise InputError(f"no article {', '.join(map(repr, unknown))} in the store (see 'kgbuild articles')")
    removed = sorted(set(ids))
    built_from = store.built_from()
    from .build import add_articles  # not at the top: listing articles need not compile the extraction rules

    report = add_articles([], store, force=True, removed=removed, whole=True, step=step)
    # after the change: killed before this, the texts of removed articles are left over, never missing
    store.forget_texts(built_from[a][0] for a in removed if a in built_from)
    return RemovalReport(removed, report.rebuilt)
