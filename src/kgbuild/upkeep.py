"""Looking after a store: which articles it holds, and taking articles out of it.

Removing an article takes out its graph, and with it whatever only it stated: its evidence, its
resolution decisions, the actors no other article names (the merged graph is the set union of the
article graphs). Articles that were resolved against it (they name one of its organisations or
persons) may owe a label or a merge to it, so they are taken out too and built again from their
kept texts, in id order, as a fresh build of the remaining articles would build them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .article import Article
from .build import BuildReport, add_articles
from .errors import InputError, StoreError
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
    triples: int


@dataclass
class RemovalReport:
    removed: list[str] = field(default_factory=list)
    rebuilt: list[str] = field(default_factory=list)  # resolved against a removed article, built again


def list_articles(store: KnowledgeStore) -> list[StoredArticle]:
    """The articles in the store, by id, with their header fields and the triples of their graphs."""
    counts = {row["g"].value: int(row["n"].value) for row in store.inner.query(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")}
    # with the triples of each article's evidence nodes, which only the merged graph holds
    for article_id, triples in store.evidence_triples().items():
        key = graph_iri(article_id).value
        counts[key] = counts.get(key, 0) + triples
    found: dict[str, StoredArticle] = {}
    for row in store.inner.query(internal_query("articles").text):
        article_id = row["id"].value
        if article_id in found:
            continue

        def text(name: str) -> str | None:
            return row[name].value if row[name] is not None else None

        found[article_id] = StoredArticle(article_id, text("date"), text("title"), text("publisher"), text("source"),
                                          counts.get(graph_iri(article_id).value, 0))
    return [found[key] for key in sorted(found)]


def _actors_by_article(store: KnowledgeStore) -> dict[str, set[str]]:
    """The organisations and persons each article names, read in one query for the whole store."""
    from .ontology import article_id_of_graph

    found: dict[str, set[str]] = {}
    for row in store.inner.query(internal_query("actors-of-graph").text):
        if article_id := article_id_of_graph(row["graph"].value):
            found.setdefault(article_id, set()).add(row["actor"].value)
    return found


def remove_articles(store: KnowledgeStore, ids: list[str]) -> RemovalReport:
    """Take articles out of the store, and build again from their kept texts the articles that name
    one of their organisations or persons. All or nothing: on failure the store is as before."""
    stored = store.articles()
    unknown = [article_id for article_id in ids if article_id not in stored]
    if unknown:
        raise InputError(f"no article {', '.join(map(repr, unknown))} in the store (see 'kgbuild articles')")
    removed = sorted(set(ids))
    named = _actors_by_article(store)
    actors = set().union(*(named.get(article_id, set()) for article_id in removed))
    affected = sorted(other for other in set(stored) - set(removed) if actors & named.get(other, set()))
    built_from = store.built_from()
    texts: list[Article] = []
    for article_id in affected:
        kept = store.kept_text(built_from.get(article_id, ("",))[0], article_id)
        if kept is None:
            raise InputError(f"{article_id} names actors of the removed articles, and its text is not kept in the "
                             f"store (built by an older kgbuild); build it again from its file first")
        texts.append(kept)
    before = {article_id: store.article_nquads(article_id) for article_id in removed + affected}
    # Journalled first: killed at any point after this, the next opening of the store puts them back.
    store.begin_change(before)
    try:
        for article_id in removed + affected:
            store.remove_article(article_id)
        report: BuildReport = add_articles(texts, store, force=True)
    except BaseException:  # Ctrl-C too: what was to stay is put back now, not left half-removed
        _restore(store, before)
        raise
    store.end_change()
    # after the journal: killed before this, the texts of removed articles are left over, never missing
    store.forget_texts(built_from[a][0] for a in removed if a in built_from)
    return RemovalReport(removed, report.articles)


def _restore(store: KnowledgeStore, graphs: dict[str, bytes]) -> None:
    try:
        store.undo_change(graphs)
    except Exception as exc:
        raise StoreError(f"{store.path}: removing failed and putting the articles back failed too ({exc}); "
                         f"the next opening of the store tries again") from None
