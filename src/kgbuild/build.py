"""The build stage: article files -> records -> triples -> the store, one named graph each."""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from . import __version__
from .article import Article, article_id as article_id_of, fingerprint, read_article
from .errors import InputError, StoreError
from .extract import extract
from .files import printable
from .mappers import map_decisions, map_records
from .ontology import BICO, article_iri
from .occurrences import Report, occurrences, reports_of
from .records import Records
from .resolve import ActorIndex, ActorNames, Curation, Resolution, resolve
from .sources import FieldNames, form_of, read_source
from .store import KnowledgeStore, SerializedArticle, serialize_article


# New articles are written this many at a time, each batch in one atomic step, so a killed build
# keeps whole articles only; a bulk write costs ~10 ms whatever its size, so batches share it.
BATCH_ARTICLES = 64
EXTRACT_WINDOW = 256
# Each batch leaves a few small files in the database; past this many batches a build merges them
# before it ends (2 s for 10,000 articles), since queries on an unmerged store ran up to 3x slower.
OPTIMIZE_AFTER_BATCHES = 8
# Replacing an article is a transaction that leaves the database a log to merge; after this many,
# a build merges them (1,000 replaced articles left 1 GB of logs otherwise).
OPTIMIZE_AFTER_REPLACED = 256


@dataclass
class BuildReport:
    articles: list[str] = field(default_factory=list)  # built (new or replaced), in order
    triples: int = 0
    empty: list[str] = field(default_factory=list)  # articles in which nothing was found
    new: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # skipped: same text, same extractor
    rebuilt: list[str] = field(default_factory=list)  # kept, but resolved otherwise now: built again from its text


@dataclass
class CheckedCorpus:
    """The article files under some paths, each read and checked, with what each failed on."""

    files: list[Path | Article] = field(default_factory=list)  # the good ones, in order
    fingerprints: dict[Path, str] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)  # one message per bad file
    notes: list[str] = field(default_factory=list)  # what good files held that is no article (skipped)


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """kgbuild's version and a digest of everything that shapes an article's graph (the extraction
    rules and tables, the mappers, resolution, the ontology): a rebuild redoes the articles an older
    extractor made, and skips the others."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    sources = [*sorted((package / "extract").glob("*.py")), *sorted((package / "data").glob("*")),
               *(package / name for name in ("article.py", "mappers.py", "resolve.py", "occurrences.py", "ontology.py",
                                             "records.py")),
               *sorted((package / "ontology").glob("*.ttl"))]
    for source in sources:
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return f"kgbuild {__version__} {digest.hexdigest()[:12]}"


def find_articles(paths: Iterable[str | Path]) -> list[Path]:
    """Article files named directly, and the .txt files inside folders (recursively, sorted).

    A folder that cannot be listed is an error, not skipped; a linked folder is searched like any other
    (once: a link back up the tree is not followed round)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(f"{printable(path)}: no such file or directory")
        if path.is_dir():
            inside = _articles_in(path)
            if not inside:
                raise InputError(f"{printable(path)}: no articles in this folder (*.txt, *.html, *.jsonl, *.csv, feeds, "
                                 f"*.warc)")
            found.extend(inside)
        else:
            found.append(path)
    seen: dict[str, Path] = {}
    for path in found:
        if form_of(path) not in (None, "txt"):
            continue  # a page, a dump or a feed: its articles' ids are known once it is read
        article_id = article_id_of(path)
        if article_id in seen and seen[article_id].resolve() != path.resolve():
            raise InputError(f"{printable(path)}: same article id '{article_id}' as {printable(seen[article_id])}; "
                             f"rename one of them")
        seen[article_id] = path
    return list(dict.fromkeys(found))


def _articles_in(folder: Path) -> list[Path]:
    def refuse(error: OSError) -> None:
        raise InputError(f"{printable(error.filename or folder)}: cannot read this folder ({error.strerror})")

    found: list[Path] = []
    visited: set[tuple[int, int]] = set()
    for directory, subfolders, files in os.walk(folder, onerror=refuse, followlinks=True):
        info = os.stat(directory)
        if (info.st_dev, info.st_ino) in visited:
            subfolders.clear()  # a link back to a folder already searched
            continue
        visited.add((info.st_dev, info.st_ino))
        for name in files:
            if form_of(Path(name)) is None:
                continue
            path = Path(directory, name)
            try:
                is_file = stat.S_ISREG(os.stat(path).st_mode)
            except FileNotFoundError:
                continue  # a dangling link
            except OSError as exc:  # a folder that can be listed but not entered
                raise InputError(f"{printable(path)}: cannot be read ({exc.strerror})") from None
            if is_file:
                found.append(path)
    return sorted(found)


def extract_file(path: str | Path) -> Records:
    return extract(read_article(path))


def is_empty(records: Records) -> bool:
    return not (records.countries or records.organizations or records.persons or records.meetings
                or records.agreements or records.trade_figures)


def read_articles(paths: Iterable[str | Path]) -> list[Article]:
    """Every article under paths, read and checked; raises InputError before anything is written."""
    return [read_article(path) for path in find_articles(paths)]


def check_articles(paths: Iterable[str | Path]) -> list[Path]:
    """The article files under paths, each read and checked (InputError before anything is written),
    without keeping their text: a build reads each again when its turn comes, so that its memory does
    not grow with the corpus."""
    corpus = check_corpus(paths)
    if corpus.failures:
        raise InputError(corpus.failures[0])
    return corpus.files


def check_corpus(paths: Iterable[str | Path], progress: Callable[[], None] | None = None,
                 fields: FieldNames | None = None) -> CheckedCorpus:
    """Every article file under paths read and checked; the bad ones named, every one of them."""
    return check_files(find_articles(paths), progress, fields)


def check_files(files: Iterable[Path], progress: Callable[[], None] | None = None,
                fields: FieldNames | None = None, default_date: str | None = None) -> CheckedCorpus:
    """Article files (as find_articles gives them) read and checked; the bad ones named, every one of them.
    A .txt file stays a path, read again at its turn; a page, a dump, a feed or an archive is kept as the
    articles read from it. The same article met twice (a feed and an archive) is built once. An article
    that states no date takes `default_date` (then a .txt file too is kept as the article read from it)."""
    corpus = CheckedCorpus()
    met: dict[str, tuple[str, str]] = {}  # article id -> (its text, where it was met first)
    for path in files:
        try:
            if form_of(path) in (None, "txt") and not path.name.lower().endswith(".gz") and default_date is None:
                corpus.fingerprints[path] = fingerprint(read_article(path))
                corpus.files.append(path)
            else:
                for article in read_source(path, fields, corpus.notes):
                    article.date = article.date or default_date
                    # the same story at the same URL (a page and its AMP version, a feed entry, an archived copy)
                    # is one article, the first met, whatever metadata each wrapping adds; another text is not
                    known = met.get(article.id)
                    if known is not None:
                        if known[0] != article.body:
                            raise InputError(f"{printable(path)}: article '{article.id}' has another text than the "
                                             f"one of the same id in {known[1]}")
                        continue
                    met[article.id] = (article.body, printable(path))
                    corpus.files.append(article)
        except InputError as exc:
            corpus.failures.append(str(exc))
        if progress:
            progress()
    return corpus


def build(paths: Iterable[str | Path], store: KnowledgeStore,
          progress: Callable[[Article], None] | None = None, jobs: int = 1) -> BuildReport:
    """Add every article under paths to the store, replacing earlier versions of the same articles."""
    return add_articles(check_articles(paths), store, progress, jobs)


def _article(item: Article | Path) -> Article:
    return item if isinstance(item, Article) else read_article(item)


class PreparedArticle:
    """An article read and extracted (and, in a worker, mapped), as resolution takes it: the names it gives
    and whether it states anything. Its records are needed again only when a name resolves to another
    actor's node (about one article in ten), so from a worker they travel pickled, to be unpickled here
    only then: unpickling them was the costliest part of taking a worker's result."""

    def __init__(self, article: Article, records: Records | bytes, premapped: SerializedArticle | None,
                 names: ActorNames | None = None, states_nothing: bool | None = None):
        self.article = article
        self._records = records
        self.premapped = premapped
        self.names = names if names is not None else ActorNames.of(self.records)
        self.states_nothing = states_nothing if states_nothing is not None else is_empty(self.records)

    @property
    def records(self) -> Records:
        if isinstance(self._records, bytes):
            self._records = pickle.loads(self._records)
        return self._records

    def __reduce__(self):
        packed = self._records if isinstance(self._records, bytes) else pickle.dumps(
            self._records, protocol=pickle.HIGHEST_PROTOCOL)
        return PreparedArticle, (self.article, packed, self.premapped, self.names, self.states_nothing)


def _extract_and_map(item: Article | Path) -> PreparedArticle:
    """In a worker: the article's records, and its triples mapped as if each name were a node of its own
    (what resolution decides for most names), ready to write. As for a store: the labels graph names them."""
    article = _article(item)
    records = extract(article)
    return PreparedArticle(article, records, serialize_article(article.id, map_records(records, Resolution())))


def _start_worker() -> None:
    """A worker leaves Ctrl-C to the process that started it, which stops the pool (a worker that took
    the same Ctrl-C could die holding the pool's queue and leave the pool's shutdown waiting forever),
    and it ends when that process ends, even by SIGKILL, instead of printing tracebacks to an orphan."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # blocked since the fork (_pool): now ignored
    try:
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: the pool's own shutdown still stops the workers
        pass


def _pool(jobs: int):
    """Worker processes, forked with Ctrl-C blocked: a Ctrl-C in the moment between a worker's fork and its
    _start_worker would otherwise interrupt it there and print its traceback. In this process a Ctrl-C
    of that moment waits until the workers are forked, then stops the build as any other."""
    import multiprocessing
    import signal

    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        return multiprocessing.get_context("fork").Pool(jobs, initializer=_start_worker)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def _prepared(articles: Sequence[Article | Path], jobs: int, client: object | None = None
              ) -> Iterator[PreparedArticle]:
    """Each article with its records, in order. With jobs > 1, worker processes read, extract and map,
    and with a cluster's client, the cluster's workers do (cluster.py); in one process, mapping waits
    for resolution, so that it is done once."""
    if client is not None:
        from .cluster import prepared_on_cluster

        yield from prepared_on_cluster(client, articles)
        return
    if jobs <= 1 or len(articles) < 2 * jobs:
        for item in articles:
            article = _article(item)
            yield PreparedArticle(article, extract(article), None)
        return
    with _pool(jobs) as pool:
        # A bounded window: workers that run ahead of the writer would otherwise queue every record.
        for start in range(0, len(articles), EXTRACT_WINDOW):
            window = articles[start:start + EXTRACT_WINDOW]
            yield from pool.imap(_extract_and_map, window, chunksize=8)


def _serialized(prepared: PreparedArticle, resolution: Resolution, content_hash: str) -> SerializedArticle:
    """The article's triples under the resolution: the worker's mapping when no name changed node,
    with the resolution's own triples added; else mapped again here from the records. With them, what
    the article was built from: its fingerprint and the extractor."""
    article, premapped = prepared.article, prepared.premapped
    built_from = [(article_iri(article.id), BICO.contentHash, ox.Literal(content_hash)),
                  (article_iri(article.id), BICO.extractor, ox.Literal(extractor_version()))]
    if premapped is None or resolution.changes_nodes():
        return serialize_article(article.id, map_records(prepared.records, resolution) + built_from)
    decisions = serialize_article(article.id, map_decisions(article.id, resolution) + built_from)
    return SerializedArticle(article.id, premapped.nquads + decisions.nquads, premapped.triples + decisions.triples,
                             premapped.quads + decisions.quads)


def _changed(articles: Sequence[Article | Path], built_from: dict[str, tuple[str, str]],
             fingerprints: dict[Path, str], report: BuildReport,
             progress: Callable[[Article | str], None] | None) -> list[Article | Path]:
    """The articles that are not in the store as they are now; the others are reported unchanged."""
    changed: list[Article | Path] = []
    version = extractor_version()
    for item in articles:
        article_id = item.id if isinstance(item, Article) else article_id_of(item)
        if article_id in built_from:
            known = fingerprint(item) if isinstance(item, Article) else fingerprints.get(item)
            if known is None:
                known = fingerprint(read_article(item))
            if built_from[article_id] == (known, version):
                report.unchanged.append(article_id)
                if progress:
                    progress(article_id)
                continue
        changed.append(item)
    return changed


def _undo(store: KnowledgeStore, added: list[str], replaced: dict[str, bytes]) -> None:
    """Put the store back as it was before a build that failed part way."""
    try:
        store.undo_build({**dict.fromkeys(added, b""), **replaced})
    except Exception as exc:
        raise StoreError(f"{store.path}: the build failed and undoing it failed too ({exc}); the next opening "
                         f"of the store undoes it (free space first if the disk is full)") from None


def _id_of(item: Article | Path) -> str:
    return item.id if isinstance(item, Article) else article_id_of(item)


class _Fold:
    """Resolution as a fresh build of the store's articles makes it: every article's actors, in id order,
    resolved against those of the articles before it. Two such folds run side by side: over the articles
    the store holds (the resolution their graphs were built with) and over those it will hold. An article
    kept as it is, whose resolution differs between the two, is built again: so identities never depend on
    the order in which articles came into the store, or left it."""

    def __init__(self, store: KnowledgeStore, built_from: dict[str, tuple[str, str]],
                 sources: dict[str, Article | Path], fingerprints: dict[Path, str], unsettled: str | None = None,
                 keep: bool = True, curation: Curation | None = None):
        self.store, self.built_from, self.sources, self.fingerprints = store, built_from, sources, fingerprints
        self.keep = keep  # names extracted again are kept for the next build (not by a dry run)
        self.unsettled = unsettled  # from this id on, the stored graphs may not be what the fold gives
        self.version = extractor_version()
        # Up to the first article that changes, the two folds are one: `before` forks from `after` there
        # (with the curation the store was built with; the build's own may differ).
        self.curation_before = store.curation()
        self.after = ActorIndex(curation=self.curation_before if curation is None else curation)
        self.before: ActorIndex | None = None
        self.before_known = True  # False once a stored article's names cannot be had: then compare nothing
        self.spellings = Spellings()
        self.reports: list[Report] = []  # every article's meetings, agreements and figures, for event identity

    def text(self, article_id: str, content_hash: str) -> Article | None:
        """The stored article's text: the file given for it when it is the same text, else the kept one."""
        source = self.sources.get(article_id)
        if source is not None:
            known = self.fingerprints.get(source) if isinstance(source, Path) else None
            article = _article(source)
            if (known or fingerprint(article)) == content_hash:
                self.store.keep_text(article, content_hash)  # a store built before texts were kept gains it
                return article
        return self.store.kept_text(content_hash, article_id)

    def names(self, article_id: str) -> ActorNames | None:
        """The names of a stored article's actors, as kept, else extracted again from its text (and kept)."""
        content_hash = self.built_from.get(article_id, ("",))[0]
        kept = self.store.actor_names(content_hash, self.version)
        if kept is not None:
            try:
                return ActorNames.from_json(article_id, kept)
            except ValueError:
                pass  # damaged: made again below
        article = self.text(article_id, content_hash) if content_hash else None
        if article is None:
            return None
        names = ActorNames.of(extract(article))
        if self.keep:
            self.store.keep_actor_names(content_hash, self.version, names.to_json())
        return names

    def diverge(self) -> None:
        """At the first article that changes, comes or goes: from here on the two folds differ."""
        if self.before is None:
            self.before = self.after.fork(curation=self.curation_before)

    def leaves(self, article_id: str) -> None:
        """A stored article that changes or goes: only the fold of the store as it is resolves it."""
        assert self.before is not None, "diverge() first"
        if self.before_known and (names := self.names(article_id)) is not None:
            resolve(names, self.before)
        else:
            self.before_known = False

    def kept(self, article_id: str) -> tuple[Article, Resolution] | None:
        """A stored article that stays: its text and new resolution when that differs from the one it has."""
        no_text = InputError(f"{article_id}: its text is not kept in the store (built by an older kgbuild), and "
                             f"articles before it changed; build it again from its file")
        names = self.names(article_id)
        if names is None:
            raise no_text
        now = resolve(names, self.after)
        self.spellings.count(now)
        self.reports += reports_of(names, now)
        if self.before is None:
            return None  # before the first change: resolved as it was
        as_it_was = self.before_known and resolve(names, self.before) == now
        if as_it_was and (self.unsettled is None or article_id < self.unsettled):
            return None
        article = self.text(article_id, self.built_from[article_id][0])
        if article is None:
            raise no_text
        return article, now

    def walk(self, stored: set[str], changing: set[str], leaving: set[str]
             ) -> Iterator[tuple[str, tuple[Article, Resolution] | None]]:
        """Every article the store holds or will hold, in id order, through both folds: each that changes or
        comes (with None: the caller resolves its new version), and each kept one that resolves otherwise
        now (with its text and new resolution). Those that go, and those kept as they are, are folded only."""
        for article_id in sorted(stored | changing):
            if article_id in changing or self.unsettled is not None and article_id >= self.unsettled:
                self.diverge()
            if article_id in stored and article_id in changing:
                self.leaves(article_id)
            if article_id in leaving:
                continue
            if article_id in changing:
                yield article_id, None
            elif (again := self.kept(article_id)) is not None:
                yield article_id, again


class Spellings:
    """How the articles spell each actor, to label it as most of them do (README, "One graph across
    articles"): counted over every article the store will hold, in id order."""

    def __init__(self) -> None:
        self.names: dict[str, dict[str, list[int]]] = {}  # actor IRI -> name -> [articles, first article's place]
        self.first: dict[str, tuple[str, bool]] = {}  # actor IRI -> (the label it was first seen under, a person)
        self.articles = 0

    def count(self, resolution: Resolution) -> None:
        self.articles += 1
        for table, person in ((resolution.organizations, False), (resolution.persons, True)):
            for name, (iri, label) in table.items():
                self.first.setdefault(iri, (label, person))
                seen = self.names.setdefault(iri, {})
                if name in seen:
                    seen[name][0] += 1
                else:
                    seen[name] = [1, self.articles]

    def labels(self, curation: Curation) -> dict[str, tuple[str, str, bool]]:
        """Actor IRI -> (its label, the label it was first seen under, a person): the curation file's label
        for it if it gives one (by IRI or by any of its names), else the spelling most articles use, and of
        those the one the earliest article (in id order) uses."""
        given = {Curation.key(name): label for name, label in curation.labels}
        labels = {}
        for iri, names in self.names.items():
            first, person = self.first[iri]
            chosen = (given.get(Curation.key(iri)) or next(
                (given[Curation.key(n)] for n in sorted(names) if Curation.key(n) in given), None)) if given else None
            if chosen is None:
                chosen = max(names.items(), key=lambda item: (item[1][0], -item[1][1]))[0]
            labels[iri] = (chosen, first, person)
        return labels


def rebuilt_without(store: KnowledgeStore, removed: Iterable[str]) -> list[str]:
    """The stored articles that taking `removed` out would build again (they resolve otherwise without
    them), found as the removal finds them, but with nothing written or extracted but missing names."""
    leaving = set(removed)
    fold = _Fold(store, store.built_from(), {}, {}, store.unsettled_from(), keep=False)
    return [article_id for article_id, _ in fold.walk(set(store.articles()), leaving, leaving)]


def add_articles(articles: Sequence[Article | Path], store: KnowledgeStore,
                 progress: Callable[[Article | str], None] | None = None, jobs: int = 1, force: bool = False,
                 fingerprints: dict[Path, str] | None = None, step: Callable[[str], None] | None = None,
                 removed: Iterable[str] = (), whole: bool = False, curation: Curation | None = None,
                 client: object | None = None) -> BuildReport:
    """Extract, resolve and map each article (given, or a file to read), take out the `removed` ones, and
    store the result in batches, each whole or not at all. An article already stored from the same text by
    the same extractor is skipped (progress is told its id) unless `force`; `fingerprints` (from
    check_corpus) spares reading a file to know.

    Articles are resolved in id order, those kept included, as a fresh build of the articles the store
    will hold resolves them; a kept article that resolves otherwise now is built again from its text.
    Extraction and mapping may run in `jobs` processes, or on the workers of a Dask cluster (`client`,
    from cluster.connected); resolution and writing stay in this one, so the graph is the same whatever
    the number of jobs or workers.

    Failing, the build is undone; stopped (Ctrl-C, a kill), it keeps the whole batches it wrote, unless
    `whole`: then that is undone too (at once, or after a kill at the store's next opening)."""
    report = BuildReport()
    store.load_ontology()
    built_from = store.built_from()
    stored = set(store.articles())
    given = list(articles)
    if not force:
        articles = _changed(articles, built_from, fingerprints or {}, report, progress)
    articles = sorted(articles, key=_id_of)  # a fresh build's order, whatever order the files came in
    leaving = set(removed)
    changing = {_id_of(item) for item in articles} | leaving
    # A build stopped part way kept some articles and not the rebuilds they entail: the stored articles
    # from where it began are resolved again, and built again, by the next build, whatever it brings.
    unsettled = store.unsettled_from()
    curated = curation is not None and curation != store.curation()
    if curated and stored:  # another curation: every article may resolve otherwise
        unsettled = min(stored | ({unsettled} if unsettled is not None else set()))
    if not changing and unsettled is None and not store.derived_stale():
        if curated:  # an empty store: the curation waits for its articles
            store.keep_curation(curation)
        return report
    if step and stored - changing:
        step(f"Resolving the {len(stored - changing):,} stored articles' actors again, in id order ...")
    fold = _Fold(store, built_from, {_id_of(item): item for item in given}, fingerprints or {}, unsettled,
                 curation=curation)
    first = min(changing | ({unsettled} if unsettled is not None else set()), default=None)
    if first is not None and any(article_id > first for article_id in stored - changing):  # it may build them again
        store.unsettle_from(first)
    store.mark_derived_stale()  # until the labels and events graphs are written again, below
    # What undoes this build if an article fails late: the articles it added, and the graphs of those
    # it replaced (or took out) as they were.
    added: list[str] = []
    replaced: dict[str, bytes] = {}
    pending: list[SerializedArticle] = []
    # One batch is written (in a thread: Oxigraph's loader runs without the GIL) while the next one is
    # resolved and mapped; writes stay in id order, one at a time.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kgbuild-writer") as writer:
        in_flight: Future[int] | None = None

        def finish_write() -> None:
            nonlocal in_flight
            if in_flight is None:
                return
            future, in_flight = in_flight, None
            report.triples += future.result()

        def write() -> None:
            nonlocal in_flight
            finish_write()
            if pending:
                # with the graphs of the articles it replaces, as they are: those change by the triples
                # that differ
                stored_as = {a.article_id: replaced[a.article_id] for a in pending if a.article_id in replaced}
                store.journal_build({a.article_id: stored_as.get(a.article_id, b"") for a in pending}, whole)
                in_flight = writer.submit(store.write_articles, list(pending), stored_as, store.unsynced())
            pending.clear()

        try:
            if leaving:
                graphs = {article_id: store.article_nquads(article_id) for article_id in sorted(leaving)}
                store.journal_build(graphs, whole)
                replaced.update(graphs)
                for article_id in sorted(leaving):
                    store.remove_article(article_id)
            prepared = _prepared(articles, jobs, client)
            for article_id, again in fold.walk(stored, changing, leaving):
                if again is not None:  # kept, but resolving otherwise now: built again from its text
                    article, resolution = again
                    replaced.setdefault(article_id, store.article_nquads(article_id))
                    pending.append(_serialized(PreparedArticle(article, extract(article), None), resolution,
                                               built_from[article_id][0]))
                    report.rebuilt.append(article_id)
                else:
                    taken = next(prepared)
                    article, names = taken.article, taken.names
                    resolution = resolve(names, fold.after)
                    fold.spellings.count(resolution)
                    fold.reports += reports_of(names, resolution)
                    if article.id in stored:
                        replaced.setdefault(article.id, store.article_nquads(article.id))
                        report.replaced.append(article.id)
                    else:
                        added.append(article.id)
                        report.new.append(article.id)
                    content_hash = fingerprint(article)  # once: it names the kept text and goes in the graph
                    store.keep_text(article, content_hash)
                    store.keep_actor_names(content_hash, fold.version, names.to_json())
                    pending.append(_serialized(taken, resolution, content_hash))
                    report.articles.append(article.id)
                    if progress:
                        progress(article)
                    if taken.states_nothing:
                        report.empty.append(article.id)
                if len(pending) >= BATCH_ARTICLES:
                    write()
            if step and (pending or in_flight):
                step("Writing the last articles ...")
            write()
            finish_write()
            store.sync_kept(store.unsynced())  # (kept for stored articles, with no batch after them)
            # the labels of every actor, as the articles the store now holds spell them
            store.write_labels(fold.spellings.labels(fold.after.curation))
            # and the events: each report's occurrence, over all those articles
            store.write_events(occurrences(fold.reports))
            store.mark_derived_stale(False)
            if curation is not None:
                store.keep_curation(curation)
        except BaseException as failure:
            try:
                finish_write()  # the write in flight ends before anything is undone or left
            except Exception:  # noqa: BLE001 - the first failure is the one to report
                pass
            if whole or isinstance(failure, Exception):  # a build stopped by Ctrl-C keeps its whole batches
                _undo(store, added, replaced)
                if unsettled is None:
                    store.settled()  # as it was before, settled
            store.end_build()
            raise
        if whole:
            store.end_change()
        store.end_build()
    store.settled()
    if report.replaced:  # the texts replaced articles were built from before
        now = store.built_from()
        store.forget_texts(built_from[a][0] for a in report.replaced
                           if a in built_from and now.get(a, ("",))[0] != built_from[a][0])
    if store.bulk_batches >= OPTIMIZE_AFTER_BATCHES or len(report.replaced) >= OPTIMIZE_AFTER_REPLACED:
        if step:
            step("Merging the store's files ...")
        store.optimize()
    return report
