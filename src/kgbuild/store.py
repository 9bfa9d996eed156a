"""The persistent knowledge graph: one named graph per article, on disk.

The store is an Oxigraph database (pyoxigraph): it answers SPARQL and writes Turtle one to two
orders of magnitude faster than rdflib's memory store, and each write is atomic (a bulk load of a
batch of new articles, or a transaction changing a stored one by the triples that differ), so an
article is in the store whole or not at all. `rdflib_graph()` hands the same data to
rdflib-based tools (pySHACL, networkx converters).

Besides the named graphs, the default graph holds their merge as a set: every triple of any
article once. Oxigraph's union of named graphs is a bag (a triple stated by a hundred articles
matches a hundred times, and joins multiply), so queries run on the default graph instead, and
each write keeps it in step in the same atomic step.

The triples of an article's evidence nodes (its sentences and spans: more than half of what it
states) are kept in the default graph only. No other article can state them (their IRIs are the
article's), so a second copy in the named graph told nothing, and writing it was most of the cost
of a build: a quad of a named graph goes into six indexes, a triple of the default graph into
three. An article's graph, as exports, pushes and undo read it, is its named graph with its
evidence nodes' triples (`article_quads`).
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import pyoxigraph as ox

from . import __version__
from .article import Article, fingerprint as article_fingerprint
from .errors import InputError, StoreError
from .export import compacted_jsonld, write_readable_turtle
from .files import atomic_write_bytes, read_regular, sync_files
from .ontology import (
    BICO_IRI, ID_IRI, PREFIXES, article_id_of_article, article_id_of_graph, article_iri, data_file, graph_iri, is_evidence_iri,
    rdflib_graph,
)

if TYPE_CHECKING:  # for annotations only: importing rdflib costs a query's start 0.2 s
    from rdflib import Graph

    from .mappers import Triple
    from .occurrences import Occurrence
    from .resolve import Curation

STORE_FORMAT = 1
# New articles go in through Oxigraph's bulk loader: it writes sorted files and adds them to the
# database in one step (ten times less memory than transactions, whose write buffers reached 1.7 GB
# on 10,000 articles, and twice as fast). A bulk write is atomic only while it fits in one of the
# loader's chunks (1,000,000 quads); a larger batch goes through a transaction instead.
BULK_ATOMIC_QUADS = 1_000_000
MARKER = "kgbuild-store.json"
_KEPT_FIELDS = ("id", "body", "date", "publisher", "authors", "source", "title")
JOURNAL = "change-journal.json"  # the graphs an unfinished change touched, as they were (see begin_change)
BUILD_JOURNAL = "build-journal.json"  # what undoing the running build needs (see journal_build)
UNSETTLED = "unsettled-from.json"  # the first article id a build that did not finish changed (see unsettle_from)
TEXTS = "texts"
ACTOR_NAMES = "actors"  # what resolution reads of each kept text, by fingerprint and extractor (see keep_actor_names)
ONTOLOGY_GRAPH = BICO_IRI.rstrip("#")
# Each organisation's and person's label, as most articles spell it or as the curation file says: one
# graph for the whole store, written by every build (see write_labels).
LABELS_GRAPH = ID_IRI + "labels"
# Each report's occurrence: one meeting told by five outlets is one meeting (README, "Events, not reports").
EVENTS_GRAPH = ID_IRI + "events"
CURATION = "curation.json"  # the curation file the store was last built with (README, "Curation")
# Present while a build has changed articles but not yet written the labels and events graphs again
# (a build stopped part way): the next build writes them, even with no article to build.
DERIVED_STALE = "labels-and-events-stale"
DERIVED = "derived"  # copies of the labels and events graphs as N-Triples, to tell what changed (see _write_derived)
DERIVED_COPY_BYTES = 1 << 31
BICO_IN_ARTICLE = ox.NamedNode(BICO_IRI + "inArticle")

# Export formats: name -> (Oxigraph format, holds named graphs, file suffix)
FORMATS: dict[str, tuple[ox.RdfFormat, bool, str]] = {
    "turtle": (ox.RdfFormat.TURTLE, False, ".ttl"),
    "trig": (ox.RdfFormat.TRIG, True, ".trig"),
    "nt": (ox.RdfFormat.N_TRIPLES, False, ".nt"),
    "nq": (ox.RdfFormat.N_QUADS, True, ".nq"),
    "jsonld": (ox.RdfFormat.JSON_LD, True, ".jsonld"),
    "xml": (ox.RdfFormat.RDF_XML, False, ".rdf"),
}
# The readable layouts are written in Python and hold the whole graph in memory: Turtle at about
# half the speed of Oxigraph's own writer, JSON-LD compaction (PyLD) about seven times slower. Past
# these sizes (triples written) `export` writes Oxigraph's form unless asked for the readable one.
READABLE_UP_TO = {"turtle": 1_000_000, "jsonld": 250_000}
RDFLIB_FORMAT_NAMES = {"turtle": "turtle", "trig": "trig", "nt": "nt", "nq": "nquads", "jsonld": "json-ld",
                       "xml": "xml"}


@dataclass(frozen=True)
class SerializedArticle:
    """An article's triples as the store keeps them: N-Quads in the article's graph (all but its
    evidence nodes') and in the merged default graph. Made wherever the mapping ran (a worker
    process), written by the one writer."""

    article_id: str
    nquads: bytes
    triples: int
    quads: int = 0  # lines of nquads
    # As serialize_article lays nquads out: the article graph's lines, then, from this byte on, the default
    # graph's, whose first lines are the same triples. Only the default graph's lines travel between
    # processes (pickled); the others are made again from them: a third fewer bytes from a worker.
    default_from: int | None = None

    def __reduce__(self):
        if self.default_from is None:
            return SerializedArticle, (self.article_id, self.nquads, self.triples, self.quads)
        return _with_article_graph, (self.article_id, self.nquads[self.default_from:], self.triples, self.quads)


def _with_article_graph(article_id: str, default_graph: bytes, triples: int, quads: int) -> SerializedArticle:
    """A SerializedArticle made again from its default graph's lines (what __reduce__ sends)."""
    in_graph = quads - triples
    lines = default_graph.split(b" .\n", in_graph)[:in_graph]  # N-Triples escape every line break in a term
    suffix = f" {graph_iri(article_id)} .\n".encode()
    article_graph = suffix.join(lines) + suffix if lines else b""
    return SerializedArticle(article_id, article_graph + default_graph, triples, quads, len(article_graph))


def serialize_article(article_id: str, triples: Iterable[Triple]) -> SerializedArticle:
    # Serialised once, as N-Triples (the default graph's lines); the named graph's lines are the
    # same with the graph's IRI before the final " .". Serialising both copies took twice as long.
    # A term's str() is its N-Triples form, the very text Oxigraph's serialiser writes; making an
    # ox.Triple of each only to serialise it cost 3x as much as the whole formatting here.
    named = []
    evidence = []
    for s, p, o in triples:
        subject = str(s)
        (evidence if is_evidence_iri(subject) else named).append(f"{subject} {p} {o}")
    lines = named + evidence  # the article graph's first: see SerializedArticle.default_from
    if not lines:
        return SerializedArticle(article_id, b"", 0)
    in_graph = f" {graph_iri(article_id)} .\n"
    article_graph = (in_graph.join(named) + in_graph).encode() if named else b""
    default_graph = (" .\n".join(lines) + " .\n").encode()
    return SerializedArticle(article_id, article_graph + default_graph, len(lines), len(named) + len(lines),
                             len(article_graph))


class KnowledgeStore:
    """A kgbuild store at a path. Open it with `open_store()`; writers hold an exclusive lock."""

    def __init__(self, path: Path, inner: ox.Store, writable: bool):
        self.path = path
        self._inner: ox.Store | None = inner
        self.writable = writable
        self.bulk_batches = 0  # bulk writes since the store was opened
        self._unsynced: list[Path] = []  # texts and names kept, not yet synced to disk (see unsynced)

    # ---- lifecycle ---------------------------------------------------------------------------
    @property
    def inner(self) -> ox.Store:
        if self._inner is None:
            raise StoreError(f"{self.path}: store is closed")
        return self._inner

    def close(self) -> None:
        if self._inner is not None:
            inner, self._inner = self._inner, None
            if self.writable:
                self.sync_kept(self.unsynced())  # kept outside a batch of articles (the stored ones' names)
                try:
                    inner.flush()
                except OSError as exc:
                    raise StoreError(f"{self.path}: cannot write the store ({exc})") from None

    def __enter__(self) -> "KnowledgeStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- writing -------------------------------------------------------------------------------
    def replace_article(self, article_id: str, triples: Iterable[Triple]) -> int:
        """Put an article's triples in its named graph, replacing what it held, in one atomic step."""
        return self.write_articles([serialize_article(article_id, triples)])

    def write_articles(self, articles: list[SerializedArticle], stored_as: dict[str, bytes] | None = None,
                       kept: Sequence[Path] = ()) -> int:
        """Store several articles, once the files kept for them (`kept`: unsynced()) are on disk. An article
        already stored changes into the new one by the triples that differ, in one transaction, when
        `stored_as` gives its graph as it is (article_nquads); otherwise it is taken out first, in an
        atomic step of its own. Then every article to write whole goes in together, in one atomic step.
        Killed part way, the store lacks at most some replaced articles (whole: their triples went with
        their graphs), and the next build adds them again as it adds any article the store lacks.
        Returns the triples written."""
        self.sync_kept(kept)
        whole = []
        for article in articles:
            graph = graph_iri(article.article_id)
            if self.inner.contains_named_graph(graph):
                stored = (stored_as or {}).get(article.article_id)
                if stored is not None and self._change_article(article, stored):
                    continue
                # Taken out, then loaded with the batch: replacing it in one transaction with its new
                # triples as SPARQL text made a --force rebuild 3.3x a fresh one.
                self._update(_forget(graph.value).rstrip(" ;\n"))
            whole.append(article)
        data = b"".join(article.nquads for article in whole)
        if data:
            # lenient: the loader does not validate IRIs and language tags again. The text is the
            # serialisation of terms Oxigraph validated when they were made (serialize_article), and
            # validating it again was 13 % of the loader's CPU (1,000 real-genre articles, 3 runs
            # alternated: 9.5-10.3 -> 8.2-8.9 ms an article).
            try:
                if sum(article.quads for article in whole) < BULK_ATOMIC_QUADS:
                    self.inner.bulk_load(data, format=ox.RdfFormat.N_QUADS, lenient=True)
                    self.bulk_batches += 1
                else:
                    self.inner.load(data, format=ox.RdfFormat.N_QUADS, lenient=True)
            except OSError as exc:
                raise StoreError(f"{self.path}: cannot write the store ({exc})") from None
        return sum(article.triples for article in articles)

    def _change_article(self, article: SerializedArticle, stored: bytes) -> bool:
        """Change a stored article's graph (`stored`, as article_nquads gave it) into `article`'s by
        the triples that differ, in one transaction. A rebuild changes few of an article's triples
        (a new extractor, a new resolution), and deleting and writing all of them cost more than
        building them. False, with nothing done, for graphs this does not diff: an article that an
        older kgbuild stored with its evidence in its graph, or triples with blank nodes."""
        if b"_:" in stored or b"_:" in article.nquads or self._evidence_in_graph(article.article_id):
            return False
        graph = graph_iri(article.article_id)
        in_graph = f" {graph} .\n"
        old = {line[:-len(in_graph)] for line in stored.decode("utf-8").splitlines(keepends=True)}
        # the article's triples are its merged-graph lines, the ones without the graph's name
        new = {line[:-3] for line in article.nquads.decode("utf-8").splitlines(keepends=True)
               if not line.endswith(in_graph)}
        removed, added = old - new, new - old
        operations = []
        if removed:
            evidence = [triple for triple in removed if _of_evidence(triple)]
            shared = [triple for triple in removed if not _of_evidence(triple)]
            operations.append(f"DELETE DATA {{ GRAPH {graph} {{\n" + " .\n".join(removed) + " .\n} }")
            if evidence:  # only this article states them: they go from the merged graph
                operations.append("DELETE DATA {\n" + " .\n".join(evidence) + " .\n}")
            if shared:  # out of the merged graph unless another article's graph states them
                rows = "\n".join(f"({triple})" for triple in shared)
                operations.append(f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES (?s ?p ?o) {{\n{rows}\n}} ?s ?p ?o "
                                  f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} }} }}")
        if added:
            named = [triple for triple in added if not _of_evidence(triple)]
            if named:
                operations.append(f"INSERT DATA {{ GRAPH {graph} {{\n" + " .\n".join(named) + " .\n} }")
            operations.append("INSERT DATA {\n" + " .\n".join(added) + " .\n}")
        if operations:
            self._update(" ;\n".join(operations))
        return True

    # ---- changes that land whole or not at all ------------------------------------------------------
    # A change of several articles (a removal and the rebuilds it entails) first writes the graphs it
    # will touch, as they are, to a journal beside the database; the journal goes once the change is
    # done. Killed part way (Ctrl-C, SIGTERM, SIGKILL, a power cut), the journal is still there, and the
    # next opening of the store puts those graphs back as they were.
    def begin_change(self, graphs: dict[str, bytes]) -> None:
        """Journal the graphs (article id -> article_nquads) a change is about to touch."""
        try:
            atomic_write_bytes(self.path / JOURNAL, _journal_lines(graphs), follow_links=False)
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot write the store ({exc.strerror})") from None

    def end_change(self) -> None:
        """The change is whole: its journal goes."""
        (self.path / JOURNAL).unlink(missing_ok=True)

    def undo_change(self, graphs: dict[str, bytes] | None = None) -> None:
        """Put the journalled graphs (or `graphs`) back as they were, whatever the change left of them."""
        if graphs is None:
            graphs = _read_journal(read_regular(self.path / JOURNAL, 1 << 34, "journal"))
        self._restore(graphs)
        self.end_change()

    def _restore(self, graphs: dict[str, bytes]) -> None:
        for article_id in graphs:
            self.remove_article(article_id)
        self.put_back(graphs)

    # A build keeps the whole articles it wrote when it is stopped (Ctrl-C, a kill), and undoes them
    # when it fails. The undo itself writes, and on a full disk it can fail too; so before each batch
    # the build appends to a journal of its own what undoing the batch needs (the ids it adds, the
    # graphs it replaces as they were). A failed build turns that journal into the change journal,
    # by a rename, which needs no free space: the undo that fails now is made at the next opening.
    def journal_build(self, graphs: dict[str, bytes], undo_at_opening: bool = False) -> None:
        """Before a batch is written: its articles' graphs as they are (b"" for an article it adds). With
        `undo_at_opening`, straight into the change journal: a build that is all or nothing even if killed."""
        try:
            path = self.path / (JOURNAL if undo_at_opening else BUILD_JOURNAL)
            # appended to, never through a link left in its place
            with os.fdopen(os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o644), "ab") as journal:
                journal.write(_journal_lines(graphs))
                journal.flush()
                os.fsync(journal.fileno())
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot write the store ({exc.strerror})") from None

    def end_build(self) -> None:
        """The build ended keeping what it wrote: its journal goes."""
        (self.path / BUILD_JOURNAL).unlink(missing_ok=True)

    # A build that changes articles builds again the stored ones that resolve otherwise now. Stopped part
    # way (Ctrl-C, a kill), it keeps whole batches, but maybe not all those rebuilds: it says before it
    # starts from which article id the store may not be settled, and the next build settles it.
    def unsettle_from(self, article_id: str) -> None:
        self._write_own(self.path / UNSETTLED, json.dumps(article_id).encode("utf-8"))

    def unsettled_from(self) -> str | None:
        if not (self.path / UNSETTLED).exists():
            return None
        try:
            value = json.loads(_own_small_file(self.path / UNSETTLED))
        except (OSError, ValueError):
            value = None
        return value if isinstance(value, str) else ""  # damaged: from the first article

    def settled(self) -> None:
        (self.path / UNSETTLED).unlink(missing_ok=True)

    # ---- labels and curation ---------------------------------------------------------------------
    def derived_stale(self) -> bool:
        return (self.path / DERIVED_STALE).exists()

    def mark_derived_stale(self, stale: bool = True) -> None:
        if stale:
            self._write_own(self.path / DERIVED_STALE, b"")
        else:
            (self.path / DERIVED_STALE).unlink(missing_ok=True)

    def curation(self) -> "Curation":
        """The curation the store was last built with (none: an empty one)."""
        from .resolve import Curation

        path = self.path / CURATION
        if not path.exists():
            return Curation()
        try:
            return Curation.from_json(json.loads(_own_small_file(path)), f"{self.path}/{CURATION}")
        except (OSError, ValueError) as exc:
            raise StoreError(f"{self.path}: its curation file ({CURATION}) is damaged ({exc}); build with "
                             f"--curation FILE to replace it") from None

    def keep_curation(self, curation: "Curation") -> None:
        self._write_own(self.path / CURATION, json.dumps(curation.to_json(), ensure_ascii=False, indent=1).encode("utf-8"))

    def write_labels(self, labels: dict[str, tuple[str, str, bool]]) -> None:
        """The labels graph as `labels` (actor IRI -> (label, the label it was first seen under, a person))
        gives it: rdfs:label, foaf:name for a person, bico:firstLabel, and the first label as another name
        when the label differs. Only the triples that change are written."""
        from .ontology import BICO, FOAF, RDFS, SKOS

        label_of, first_of, name_of, other_of = (f"{RDFS.label}", f"{BICO.firstLabel}", f"{FOAF.name}",
                                                 f"{SKOS.altLabel}")
        wanted: set[str] = set()
        for iri, (label, first, person) in labels.items():
            node, text, was = f"<{iri}>", f"{ox.Literal(label)}", f"{ox.Literal(first)}"
            wanted.add(f"{node} {label_of} {text} .")
            wanted.add(f"{node} {first_of} {was} .")
            if person:
                wanted.add(f"{node} {name_of} {text} .")
            if first != label:
                wanted.add(f"{node} {other_of} {was} .")
        self._write_derived(LABELS_GRAPH, wanted)

    def write_events(self, occurrences: list["Occurrence"]) -> None:
        """The events graph: each report's occurrence and why, each occurrence's kind, report count and
        conflicts. Only the triples that change are written."""
        from .ontology import BICO, RDF, XSD

        a, kind_of, count_of, report_of, reason_of, conflicts = (
            f"{RDF.type}", f"{BICO.occurrenceKind}", f"{BICO.reportCount}", f"{BICO.reportOf}",
            f"{BICO.reportReason}", f"{BICO.conflictsWith}")
        occurrence_class = f"{BICO.Occurrence}"
        wanted: set[str] = set()
        for occurrence in occurrences:
            node = f"<{occurrence.iri}>"
            wanted.add(f"{node} {a} {occurrence_class} .")
            wanted.add(f"{node} {kind_of} {ox.Literal(occurrence.kind)} .")
            wanted.add(f"{node} {count_of} {ox.Literal(str(len(occurrence.reports)), datatype=XSD.integer)} .")
            for report, reason in occurrence.reports:
                wanted.add(f"<{report.iri}> {report_of} {node} .")
                wanted.add(f"<{report.iri}> {reason_of} {ox.Literal(reason)} .")
            for other in occurrence.conflicts:
                wanted.add(f"{node} {conflicts} <{other}> .")
        self._write_derived(EVENTS_GRAPH, wanted)

    def _write_derived(self, graph_name: str, wanted: set[str]) -> None:
        """A graph made from all the articles (labels, events) as `wanted` (N-Triples lines): only what
        changes is written. What the graph holds is read from a copy kept beside the database (reading the
        graph itself took 0.4 s at 2,000 articles); a missing or unreadable copy, the graph. The copy goes
        before the graph changes and comes back after, so that a copy is never older than the graph."""
        copy = self.path / DERIVED / (graph_name.rsplit("/", 1)[-1] + ".nt")
        stored = self._derived_copy(copy)
        if stored is None:
            graph = ox.NamedNode(graph_name)
            stored = {f"{q.subject} {q.predicate} {q.object} ." for q in self.inner.quads_for_pattern(None, None, None, graph)}
        gone, new = sorted(stored - wanted), sorted(wanted - stored)
        if gone or new:
            copy.unlink(missing_ok=True)
            update = ""
            if gone:  # out of the graph, and of the merged graph unless another graph states it too
                update += (f"DELETE DATA {{ GRAPH <{graph_name}> {{\n" + "\n".join(gone) + "\n} } ;\n"
                           "DELETE { ?s ?p ?o } WHERE { VALUES (?s ?p ?o) { "
                           + " ".join(f"({line[:-2]})" for line in gone)
                           + " } FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } } ;\n")
            if new:
                body = "\n".join(new)
                update += f"INSERT DATA {{ GRAPH <{graph_name}> {{\n{body}\n}} }} ;\nINSERT DATA {{\n{body}\n}}"
            self._update(update.rstrip(" ;\n"))
        if gone or new or not copy.exists():
            self._write_own(copy, "\n".join(sorted(wanted)).encode("utf-8") + b"\n")

    def _derived_copy(self, copy: Path) -> set[str] | None:
        """The lines of a derived graph's copy; None when it cannot be had whole (missing, a link, cut off)."""
        try:
            data = _own_small_file(copy, limit=DERIVED_COPY_BYTES + 1)
        except OSError:
            return None
        if len(data) > DERIVED_COPY_BYTES or not data.endswith(b"\n"):
            return None  # larger than read, or not written to its end: the graph itself is read instead
        return {line for line in data.decode("utf-8", "replace").split("\n") if line}

    def undo_build(self, graphs: dict[str, bytes]) -> None:
        """Undo a failed build: its graphs (b"" for an article it added) put back as they were. Should
        that fail, the build's journal is left as the change journal, for the next opening."""
        try:
            os.replace(self.path / BUILD_JOURNAL, self.path / JOURNAL)
        except FileNotFoundError:
            if not (self.path / JOURNAL).exists():  # it failed before its first batch: nothing written
                return
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot write the store ({exc.strerror})") from None
        self.undo_change(graphs)

    def put_back(self, graphs: dict[str, bytes]) -> None:
        """Store article graphs as they were (N-Quads taken with article_nquads() before they changed)."""
        for article_id, nquads in graphs.items():
            quads = ox.parse(nquads, format=ox.RdfFormat.N_QUADS)
            self.write_articles([serialize_article(article_id, [(q.subject, q.predicate, q.object) for q in quads])])

    def optimize(self) -> None:
        """Merge the files that bulk writes left, so that queries read few of them."""
        try:
            self.inner.flush()  # first: what transactions left in memory and in the write-ahead log goes to files
            self.inner.optimize()
            # The database deletes a write-ahead log it no longer needs only when it is opened (after
            # 1,000 replaced articles: 268 MB beside a 77 MB store), so open it again.
            database = self.path / "oxigraph"
            self._inner = None  # the last reference: the database closes
            self._inner = ox.Store(str(database))
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot optimize the store ({exc})") from None

    def load_ontology(self) -> None:
        """Keep the ontology in its own graph, so that queries see labels, classes and CAMEO codes."""
        triples = list(ox.parse(path=str(data_file("bico.ttl")), format=ox.RdfFormat.TURTLE))
        graph = ox.NamedNode(ONTOLOGY_GRAPH)
        stored = {(q.subject, q.predicate, q.object) for q in self.inner.quads_for_pattern(None, None, None, graph)}
        if stored == {(t.subject, t.predicate, t.object) for t in triples}:
            return  # unchanged: a rebuild that changes nothing must write nothing
        self._replace_graph(ONTOLOGY_GRAPH, [f"{t.subject} {t.predicate} {t.object} ." for t in triples])

    def _replace_graph(self, graph: str, lines: list[str]) -> None:
        """In one transaction: the graph's old triples out, `lines` in the graph and in the default graph."""
        body = "\n".join(lines)
        update = (_forget(graph) + f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}} }} ;\n"
                  f"INSERT DATA {{\n{body}\n}}")
        self._update(update)

    def _update(self, update: str) -> None:
        try:
            self.inner.update(update)
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot write the store ({exc})") from None

    def remove_article(self, article_id: str) -> bool:
        graph = graph_iri(article_id)
        if not self.inner.contains_named_graph(graph):
            return False
        self._update(_forget(graph.value).rstrip(" ;\n"))
        return True

    # ---- the articles' texts ---------------------------------------------------------------------
    # Each article's text is kept beside the database, named by its fingerprint, so that a build or a
    # removal can build again the stored articles that resolve otherwise now. Named by content, a text never
    # contradicts the graph: the graph says which fingerprint it was built from.
    def _text_path(self, fingerprint: str) -> Path:
        return self.path / TEXTS / f"{fingerprint}.json"

    def keep_text(self, article: object, fingerprint: str) -> None:
        path = self._text_path(fingerprint)
        if path.is_file() and not path.is_symlink():
            return
        fields = {name: getattr(article, name) for name in _KEPT_FIELDS + ("form",)}
        self._write_own(path, json.dumps(fields, ensure_ascii=False).encode("utf-8"), durable=False)

    # Kept texts and names are synced to disk a batch at a time, in the writer's thread, before the graphs
    # of the batch are written: a sync each, in the build's own thread, was half of a build's time.
    def unsynced(self) -> list[Path]:
        """The texts and names kept since the last call, not yet on disk: give them to write_articles."""
        taken, self._unsynced = self._unsynced, []
        return taken

    def sync_kept(self, kept: Sequence[Path]) -> None:
        try:
            sync_files(kept)
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot write the store ({exc.strerror})") from None

    def _write_own(self, path: Path, data: bytes, durable: bool = True) -> None:
        """Write one of the store's own files, in a folder of the store's (never one a link leads
        elsewhere), and not through a link left in the folder: the name is replaced, whatever it pointed at.
        Not durable: the file is synced with the next batch of articles written (unsynced)."""
        try:
            if path.parent != self.path:  # (the store itself may be reached through a link)
                if path.parent.is_symlink():
                    raise StoreError(f"{self.path}: its {path.parent.name} folder is a symbolic link; kgbuild keeps "
                                     f"its files only inside the store")
                path.parent.mkdir(exist_ok=True)
            atomic_write_bytes(path, data, follow_links=False, durable=durable)
            if not durable:
                self._unsynced.append(path)
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot write the store ({exc.strerror})") from None

    def kept_text(self, fingerprint: str, article_id: str) -> Article | None:
        """The article kept under this fingerprint, or None when none is kept. A kept text is checked
        against its name before it is used: it must be the article `article_id` whose fingerprint it
        is named by; a text changed, swapped or damaged on disk is a StoreError, never built."""
        if not re.fullmatch(r"[0-9a-f]{64}", fingerprint):
            return None
        path = self._text_path(fingerprint)
        if path.is_symlink() or not path.exists():
            return None
        damaged = StoreError(f"{self.path}: the kept text of {article_id} ({TEXTS}/{fingerprint}.json) was changed "
                             f"or damaged on disk; build {article_id} again from its file first")
        try:
            fields = json.loads(read_regular(path, 1 << 24, "kept text"))
        except (InputError, ValueError):
            raise damaged from None
        if not (isinstance(fields, dict) and set(fields) - {"form"} == set(_KEPT_FIELDS)  # (no form: kept before it)
                and all(isinstance(fields.get(name, ""), str) for name in ("id", "body", "form"))
                and all(fields[name] is None or isinstance(fields[name], str)
                        for name in ("date", "publisher", "source", "title"))
                and isinstance(fields["authors"], list) and all(isinstance(a, str) for a in fields["authors"])):
            raise damaged
        article = Article(**fields)
        if article.id != article_id or article_fingerprint(article) != fingerprint:
            raise damaged
        return article

    def forget_texts(self, fingerprints: Iterable[str]) -> None:
        for fingerprint in fingerprints:
            self._text_path(fingerprint).unlink(missing_ok=True)
            self._actor_names_path(fingerprint).unlink(missing_ok=True)

    # Beside each kept text, the names of its actors as the extractor found them (a few hundred bytes),
    # so that a build resolves every stored article again in id order, as a fresh build does, without
    # extracting them: whatever order articles came in, identities are those of a fresh build. Derived
    # data: a missing, damaged or outdated file is made again from the kept text.
    def _actor_names_path(self, fingerprint: str) -> Path:
        return self.path / ACTOR_NAMES / f"{fingerprint}.json"

    def keep_actor_names(self, fingerprint: str, extractor: str, names: dict) -> None:
        data = json.dumps({"extractor": extractor, **names}, ensure_ascii=False).encode("utf-8")
        self._write_own(self._actor_names_path(fingerprint), data, durable=False)

    def actor_names(self, fingerprint: str, extractor: str) -> dict | None:
        """The names kept for this fingerprint by this extractor, or None (none kept, another extractor's,
        or not readable as such: the caller extracts them again)."""
        if not re.fullmatch(r"[0-9a-f]{64}", fingerprint):
            return None
        try:
            data = json.loads(_own_small_file(self._actor_names_path(fingerprint)))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.pop("extractor", None) != extractor:
            return None
        return data

    def built_from(self) -> dict[str, tuple[str, str]]:
        """Each stored article's fingerprint and the extractor that built it: id -> (hash, extractor)."""
        rows = self.inner.query(f"PREFIX bico: <{BICO_IRI}> SELECT ?id ?hash ?extractor WHERE {{ "
                                f"?article bico:articleId ?id ; bico:contentHash ?hash ; bico:extractor ?extractor }}")
        return {row["id"].value: (row["hash"].value, row["extractor"].value) for row in rows}

    # ---- reading -------------------------------------------------------------------------------
    def articles(self) -> list[str]:
        ids = []
        for graph in self.inner.named_graphs():
            if isinstance(graph, ox.NamedNode) and (article_id := article_id_of_graph(graph.value)):
                ids.append(article_id)
        return sorted(ids)

    def __len__(self) -> int:
        """Triples in the merged graph."""
        result = self.inner.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(next(iter(result))["n"].value)

    def export(self, fmt: str, output: BinaryIO, readable: bool | None = None) -> bool:
        """Write the graph: dataset formats keep one named graph per article; triple formats hold the
        merged graph. The same store always gives the same bytes.

        Turtle and JSON-LD come laid out for people (export.py) unless `readable` is False, or is None
        and the graph is past the size where that layout costs more than it is worth (READABLE_UP_TO).
        Returns whether the readable layout was written."""
        ox_format, dataset, _ = FORMATS[fmt]
        if readable is None:
            readable = fmt in READABLE_UP_TO and self._size_for(fmt) <= READABLE_UP_TO[fmt]
        readable = readable and fmt in READABLE_UP_TO
        if readable and fmt == "turtle":
            write_readable_turtle(self.inner.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()),
                                  output)
        elif not dataset:
            self.inner.dump(output, ox_format, from_graph=ox.DefaultGraph(), prefixes=PREFIXES)
        elif readable:
            output.write(compacted_jsonld(self.dataset_quads()))
        else:
            output.write(ox.serialize(self.dataset_quads(), format=ox_format, prefixes=PREFIXES))
        return readable

    def article_quads(self, article_id: str) -> Iterator[ox.Quad]:
        """The article's graph: its named graph's quads, then its evidence nodes' triples (kept in the
        merged graph only) as quads of that graph."""
        graph = graph_iri(article_id)
        yield from self.inner.quads_for_pattern(None, None, None, graph)
        yield from self._evidence_quads(article_iri(article_id), graph)

    def article_nquads(self, article_id: str) -> bytes:
        return ox.serialize(self.article_quads(article_id), format=ox.RdfFormat.N_QUADS)

    def _evidence_quads(self, article: ox.NamedNode, graph: ox.NamedNode) -> Iterator[ox.Quad]:
        default = ox.DefaultGraph()
        for node in self._evidence_nodes(article):
            for quad in self.inner.quads_for_pattern(node, None, None, default):
                yield ox.Quad(node, quad.predicate, quad.object, graph)

    def _evidence_nodes(self, article: ox.NamedNode) -> list[ox.NamedNode]:
        """The article's evidence nodes, if only the merged graph holds their triples."""
        nodes = [link.subject for link in self.inner.quads_for_pattern(None, BICO_IN_ARTICLE, article, ox.DefaultGraph())
                 if isinstance(link.subject, ox.NamedNode) and is_evidence_iri(link.subject.value)]
        article_id = article_id_of_article(article.value)
        if not nodes or article_id is None or self._evidence_in_graph(article_id):
            return []
        return nodes

    def _evidence_in_graph(self, article_id: str) -> bool:
        """Whether the article's graph holds its evidence too, as a store written by an older kgbuild does.
        (Its resolution decisions name the article too: those links are in its graph either way.)"""
        links = self.inner.quads_for_pattern(None, BICO_IN_ARTICLE, article_iri(article_id), graph_iri(article_id))
        return any(isinstance(link.subject, ox.NamedNode) and is_evidence_iri(link.subject.value) for link in links)

    def dataset_quads(self) -> Iterator[ox.Quad]:
        """Every article's graph (with its evidence nodes) and the ontology's, as datasets export them."""
        for graph in sorted(self.inner.named_graphs(), key=str):
            article_id = article_id_of_graph(graph.value) if isinstance(graph, ox.NamedNode) else None
            if article_id is None:
                yield from self.inner.quads_for_pattern(None, None, None, graph)
            else:
                yield from self.article_quads(article_id)

    def _size_for(self, fmt: str) -> int:
        """Triples the format writes: the merged graph's, or (for datasets) the article graphs'."""
        if not FORMATS[fmt][1]:
            return len(self)
        result = self.inner.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(next(iter(result))["n"].value) + sum(self.evidence_triples().values())

    def evidence_triples(self) -> dict[str, int]:
        """Article id -> the triples of its evidence nodes, which only the merged graph holds."""
        from .query import internal_query

        counts = {}
        # Only a store written by an older kgbuild holds evidence in article graphs: then those are told
        # apart, one check per node (four times slower at 3,000 articles); else a plain count does.
        older = self.inner.query(f"PREFIX bico: <{BICO_IRI}> ASK {{ GRAPH ?g {{ ?e a bico:Evidence }} }}")
        name = "evidence-triples" if bool(older) else "evidence-triples-merged-only"
        for row in self.inner.query(internal_query(name).text):
            if (article_id := article_id_of_article(row["article"].value)) is not None:
                counts[article_id] = int(row["n"].value)
        return counts

    def rdflib_graph(self) -> Graph:
        """The merged graph as an rdflib Graph (for pySHACL and other rdflib tools)."""
        return rdflib_graph(self.inner.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()))

    def query(self, sparql: str, **kwargs: object) -> object:
        """Run SPARQL over the merged graph (named graphs are there for GRAPH patterns)."""
        return self.inner.query(sparql, **kwargs)

    def counts(self) -> dict[str, int]:
        """How many articles, triples and things of each kind the store holds."""
        counts = {"articles": len(self.articles()), "triples": len(self)}
        prefix = f"PREFIX bico: <{PREFIXES['bico']}>\n"

        def number(where: str) -> int:
            return int(next(iter(self.query(prefix + f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {where} }}")))["n"].value)

        for name, cls in {"countries": "bico:Country", "organizations": "bico:Organization",
                          "persons": "bico:Person"}.items():
            counts[name] = number(f"?x a {cls}")
        # events (one meeting told by five outlets is one), and the reports of them; a store built before
        # events were told apart counts its reports as events
        grouped = number("?x a bico:Occurrence") > 0
        for name, cls, kind in (("meetings", "bico:Meeting", "meeting"), ("agreements", "bico:Agreement", "agreement"),
                                ("trade_figures", "bico:TradeFigure", "trade")):
            reports = number(f"?x a {cls}")
            counts[name] = number(f'?x bico:occurrenceKind "{kind}"') if grouped else reports
            counts[name.rstrip("s") + "_reports"] = reports
        return counts


def _of_evidence(triple: str) -> bool:
    """Whether an N-Triples line (without its final " .") is about an evidence node."""
    return is_evidence_iri(triple.split(" ", 1)[0])


def _forget(graph: str) -> str:
    """Update operations that take a named graph out, with its triples that no other graph states,
    and the triples of its article's evidence nodes, which only the merged graph holds."""
    evidence = ""
    if (article_id := article_id_of_graph(graph)) is not None:
        evidence = (f"DELETE {{ ?e ?p ?o }} WHERE {{ ?e <{BICO_IN_ARTICLE.value}> <{article_iri(article_id).value}> ; "
                    f"a <{BICO_IRI}Evidence> ; ?p ?o }} ;\n")
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != <{graph}>) }} }} ;\n"
            + evidence + f"DROP SILENT GRAPH <{graph}> ;\n")


def _read_marker(path: Path) -> dict:
    marker = path / MARKER
    try:
        data = json.loads(read_regular(marker, 1 << 16, "store marker").decode("utf-8"))
    except (InputError, ValueError):
        raise StoreError(f"{path}: not a kgbuild store (its {MARKER} is missing or unreadable)") from None
    if not isinstance(data, dict) or not isinstance(data.get("format"), int):
        raise StoreError(f"{path}: not a kgbuild store ({MARKER} has no format number)")
    if data["format"] > STORE_FORMAT:
        raise StoreError(f"{path}: store format {data['format']} was written by a newer kgbuild "
                         f"(this one, {__version__}, reads format {STORE_FORMAT}); upgrade kgbuild")
    return data


def open_store(path: str | Path, *, writable: bool = False, create: bool = False) -> KnowledgeStore:
    """Open (or create) the store at path. Raises StoreError with a one-line reason."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: exists and is not a directory, so it cannot be a store")
    if not path.exists() or (path.is_dir() and not any(path.iterdir())):
        if not create:
            raise StoreError(f"{path}: no store here (build one with 'kgbuild build ARTICLES --store {path}')")
        try:
            path.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(path / MARKER, json.dumps({"format": STORE_FORMAT, "kgbuild": __version__}).encode())
        except OSError as exc:
            raise StoreError(f"{path}: cannot create the store ({exc.strerror})") from None
    _read_marker(path)
    database = path / "oxigraph"
    if not database.exists():
        if not writable:
            raise StoreError(f"{path}: the store is empty (build it with 'kgbuild build ARTICLES --store {path}')")
    inner = _database(path, writable)
    if writable:
        _remove_unloaded_bulk_files(database)
        (path / BUILD_JOURNAL).unlink(missing_ok=True)  # a killed build's: it keeps the whole batches it wrote
    store = KnowledgeStore(path, inner, writable)
    if (path / JOURNAL).exists():
        store = _finish_interrupted_change(store)
    return store


def _database(path: Path, writable: bool) -> ox.Store:
    """The store's database, opened; StoreError with the reason in the user's words."""
    database = path / "oxigraph"
    try:
        return ox.Store(str(database)) if writable else ox.Store.read_only(str(database))
    except RuntimeError as exc:  # damaged or foreign files where the database should be
        raise StoreError(f"{path}: cannot open the store, its database is damaged or not kgbuild's "
                         f"({str(exc).splitlines()[0] if str(exc) else 'unreadable'})") from None
    except OSError as exc:
        message = str(exc)
        if "lock" in message.lower():
            raise StoreError(f"{path}: the store is being written by another kgbuild process; try again when it ends") \
                from None
        raise StoreError(f"{path}: cannot open the store ({message.splitlines()[0] if message else 'I/O error'})") \
            from None


def _finish_interrupted_change(store: KnowledgeStore) -> KnowledgeStore:
    """Put back what an interrupted change touched. A reader does it too when no writer holds the store
    (the change's process is gone), so that nobody reads a half-made change; while a writer holds it,
    the change is still being made and the reader goes on."""
    if not store.writable:
        path = store.path
        store.close()
        try:
            open_store(path, writable=True).close()  # puts the change back, unless a writer holds the store
        except StoreError:
            pass
        return KnowledgeStore(path, _database(path, False), False)
    try:
        store.undo_change()
    except (OSError, ValueError, InputError) as exc:
        raise StoreError(f"{store.path}: an interrupted change could not be put back ({exc}); "
                         f"the graphs it touched are in {JOURNAL}") from None
    return store


def _own_small_file(path: Path, limit: int = 1 << 24) -> bytes:
    """A small file of the store's own: not read through a link, nor from anything but a regular file
    (OSError otherwise), and never more than `limit` bytes of it (16 MiB unless given)."""
    with open(path, "rb", opener=lambda name, flags: os.open(name, flags | os.O_NOFOLLOW | os.O_NONBLOCK)) as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise OSError(f"{path}: not a regular file")
        return file.read(limit)


def _journal_lines(graphs: dict[str, bytes]) -> bytes:
    """A journal's entries, one JSON line each, so that a build can append to its journal."""
    return b"".join(json.dumps([article_id, nquads.decode("utf-8")]).encode("utf-8") + b"\n"
                    for article_id, nquads in graphs.items())


def _read_journal(data: bytes) -> dict[str, bytes]:
    """The graphs of a journal (article id -> N-Quads), in the order they were journalled; the first
    entry of an article is the graph as it was before the change."""
    graphs: dict[str, bytes] = {}
    for line in data.decode("utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            if not (isinstance(entry, list) and len(entry) == 2 and all(isinstance(x, str) for x in entry)):
                raise ValueError("an entry is not [article id, N-Quads]")
            article_id, nquads = entry
            graphs.setdefault(article_id, nquads.encode("utf-8"))
    return graphs


def _remove_unloaded_bulk_files(database: Path) -> None:
    """Delete the files of a bulk write that a killed build made but never added to the database.

    Only a writer does this, once it holds the database's lock: then no other process can be in
    the middle of a bulk write, and a file the database took in has been renamed already."""
    for leftover in database.glob("bulk-*.sst"):
        leftover.unlink(missing_ok=True)
    # The database's diagnostic log is started afresh at each opening and the old one kept beside it
    # (about 140 KB each time, for ever): only the current one is worth keeping.
    for old_log in database.glob("LOG.old.*"):
        old_log.unlink(missing_ok=True)


@contextmanager
def opened(path: str | Path, *, writable: bool = False, create: bool = False) -> Iterator[KnowledgeStore]:
    store = open_store(path, writable=writable, create=create)
    try:
        yield store
    except BaseException:
        try:
            store.close()
        except Exception:  # noqa: BLE001 - closing after a failure (a full disk) fails the same way
            pass
        raise
    store.close()
