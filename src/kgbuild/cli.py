"""The kgbuild command line: each command parses options, calls the library, formats the result.

Heavy libraries (rdflib, pyoxigraph, pySHACL, pyvis) are imported inside the commands that
need them, so `kgbuild --help` starts fast.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

import click

from . import __version__
from .errors import KgbuildError
from .files import check_output, printable

EXIT_OK, EXIT_CHECK_FAILED, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


# A store of fewer articles is quick enough that naming the steps of its upkeep would be noise.
STEPS_FROM_ARTICLES = 100
# A store this large takes seconds to optimize: the step is named even in a log.
OPTIMIZE_STEPS_FROM_BYTES = 100_000_000
# Validating or exporting a graph this large takes long enough to name the step even in a log.
STEPS_FROM_TRIPLES = 100_000

# Other names of the RDF formats: file extensions and media types ("ttl", "text/turtle", "n-quads").
FORMAT_ALIASES = {
    "ttl": "turtle", "text/turtle": "turtle", "n3": "turtle",
    "ntriples": "nt", "n-triples": "nt", "application/n-triples": "nt",
    "nquads": "nq", "n-quads": "nq", "application/n-quads": "nq",
    "json-ld": "jsonld", "application/ld+json": "jsonld",
    "application/trig": "trig",
    "rdf": "xml", "rdfxml": "xml", "rdf/xml": "xml", "owl": "xml", "application/rdf+xml": "xml",
}


class FormatChoice(click.Choice):
    """A choice of formats that also takes their other names (see FORMAT_ALIASES)."""

    def convert(self, value, param, ctx):  # noqa: ANN001, ANN201 - click's signature
        if isinstance(value, str):
            alias = FORMAT_ALIASES.get(value.strip().lower())
            if alias is not None and alias in self.choices:
                value = alias
        return super().convert(value, param, ctx)


class KgbuildGroup(click.Group):
    """Turns kgbuild's own errors into one line on stderr and exit code 2, never a traceback."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Each command with the whole first sentence of its help, wrapped to the terminal, never cut."""
        rows = [(name, command.get_short_help_str(limit=1_000)) for name in self.list_commands(ctx)
                if (command := self.get_command(ctx, name)) is not None and not command.hidden]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):  # noqa: ANN001
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:  # one line, as every other error, with where to look
            command = exc.ctx.command_path if exc.ctx else "kgbuild"
            click.echo(f"Error: {printable(exc.format_message())} (see '{command} --help')", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"Error: {printable(exc.format_message())}", err=True)
            sys.exit(exc.exit_code)
        except click.exceptions.Abort:
            click.echo("Interrupted.", err=True)
            sys.exit(130)
        sys.exit(result if isinstance(result, int) else EXIT_OK)

    def invoke(self, ctx: click.Context):
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a full disk behind stdout is reported here, not at exit
            return result
        except KgbuildError as exc:
            click.echo(f"Error: {printable(str(exc))}", err=True)  # one line even if a file name holds a newline
            if exc.detail:
                click.echo(exc.detail, err=True)
            sys.exit(exc.exit_code)
        except BrokenPipeError:  # `kgbuild export | head`
            sys.stderr.close()
            sys.exit(EXIT_OK)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(130)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except OSError as exc:  # the machine, not kgbuild: a full disk, a device error
            _discard_unwritten_output()
            where = f" ({printable(exc.filename)})" if exc.filename else ""
            click.echo(f"Error: {exc.strerror or exc}{where}", err=True)
            sys.exit(EXIT_BAD_INPUT)
        except RuntimeError as exc:
            if str(exc).startswith("Corruption"):  # what the database says of damaged files
                click.echo(f"Error: the store is damaged ({str(exc).splitlines()[0]}); rebuild it from its "
                           f"articles", err=True)
                sys.exit(EXIT_BAD_INPUT)
            self._internal_error(exc)
        except Exception as exc:  # a bug: still one line, and a code of its own
            self._internal_error(exc)

    @staticmethod
    def _internal_error(exc: Exception) -> None:
        if os.environ.get("KGBUILD_DEBUG", "").lower() in ("1", "true", "yes", "on"):
            raise exc
        click.echo(f"Error: internal error ({type(exc).__name__}: {exc}); set KGBUILD_DEBUG=1 for the "
                   f"traceback and please report it", err=True)
        sys.exit(EXIT_INTERNAL)


def _discard_unwritten_output() -> None:
    """Drop what stdout could not write, so that exiting does not try again and fail a second time."""
    try:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives until exit
    except OSError:
        pass


def store_option(writable: bool = False):
    return click.option(
        "--store", "store_path", type=click.Path(path_type=Path), envvar="KGBUILD_STORE", default="kg",
        show_default=True, show_envvar=True,
        help="The store directory." + (" Created if missing." if writable else ""))


@click.group(cls=KgbuildGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kgbuild")
def main() -> None:
    """Build, query and draw a knowledge graph of bilateral economic cooperation from news articles.

    \b
    Example:
        kgbuild build seeds/
        kgbuild info
        kgbuild export -o out/graph.ttl
    """


DATE_OPTION = click.option(
    "--date", "default_date", metavar="YYYY-MM-DD", callback=lambda ctx, param, value: _publication_date(param, value),
    help="The publication date of articles that state none (a .txt without its header, a dump row without a "
         "date): relative dates in them ('on Monday', 'last year') are read against it.")


def _publication_date(param: click.Parameter, value: str | None) -> str | None:
    from .article import EARLIEST_YEAR, LATEST_YEAR
    from datetime import date

    if value is None:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date YYYY-MM-DD", param=param) from None
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise click.BadParameter(f"{value!r} is not between {EARLIEST_YEAR} and {LATEST_YEAR}", param=param)
    return day.isoformat()


FIELD_OPTION = click.option(
    "--field", "fields", multiple=True, metavar="WHAT=NAME",
    help="Which field of a .jsonl or .csv dump holds what (WHAT: text, title, date, url, publisher, id), when "
         "its name is not one of the usual ones (README, Input); may be given several times.")


@main.command()
@click.argument("paths", nargs=-1)
@store_option(writable=True)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.option("--curation", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
              help="A curation file (README, Curation): labels of actors, names that are one actor, names that are "
                   "two. The store keeps it and every later build applies it; the stored articles are resolved "
                   "again with it. Alone (no PATHS), it only applies the file.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes that read, extract and map articles while this one resolves and stores "
                   "them; the graph is the same for any number.")
@click.option("--cluster", metavar="local[:N]|ADDRESS",
              help="Read, extract and map on a Dask cluster: local:N starts N worker processes here, an address "
                   "(tcp://host:8786) joins a running scheduler. Resolution and writing stay here; the graph is "
                   "the one a single process builds. Needs kgbuild[cluster].")
@click.option("--shards", type=click.Path(path_type=Path, file_okay=False), metavar="DIR",
              help="Also write the store's dataset to DIR (new or empty) as gzip N-Quads shards with a "
                   "manifest, for a large store's bulk loader (README, Past one machine).")
@click.option("--endpoint", metavar="URL", help="Also send the built articles to this SPARQL server (see push).")
@click.option("--graph-store", metavar="URL", help="The server's Graph Store endpoint, if not beside --endpoint.")
@click.option("--keep-going", "-k", is_flag=True,
              help="Build the good files even if some are bad (each bad file is named; exit code 2). "
                   "Without it a bad file stops the build before anything is written.")
@click.option("--force", is_flag=True,
              help="Build every article again, even one stored from the same text by the same extractor.")
@FIELD_OPTION
@DATE_OPTION
def build(paths: tuple[str, ...], store_path: Path, quiet: bool, curation: Path | None, jobs: int,
          cluster: str | None, shards: Path | None, endpoint: str | None, graph_store: str | None,
          keep_going: bool, force: bool, fields: tuple[str, ...], default_date: str | None) -> None:
    """Add articles to the store: .txt files, saved pages (.html), dumps (.jsonl, .csv, and .gz of
    each), RSS or Atom feeds, web archives (.warc, .warc.gz), folders of them, or http(s) URLs of pages
    (fetched). Rebuilding an article replaces it, and an article stored from the same text by the same
    extractor is skipped.

    \b
    Example:
        kgbuild build seeds/ more-articles/ --store kg
        kgbuild build corpus/ --keep-going --jobs 2
        kgbuild build archive/ --cluster local:8 --shards shards/
        kgbuild build news-dump.jsonl.gz --field text=story
        kgbuild build https://news.example.org/business/kenya-uganda-mou
        kgbuild build --curation curation.json
    """
    import time

    from .article import Article
    from .build import add_articles, check_files, find_articles
    from .errors import InputError
    from .progress import Progress, duration
    from .store import opened

    from .sources import FieldNames, fetch_article, is_url

    if not paths and curation is None:
        raise click.UsageError("give the articles to build (files, folders or URLs), or --curation FILE")
    spec = None
    if cluster is not None:
        from .cluster import parse_cluster

        if jobs > 1:
            raise click.UsageError("--jobs and --cluster: give one (the cluster's workers are its jobs)")
        spec = parse_cluster(cluster)
    if shards is not None:
        from .shards import check_shards_folder

        check_shards_folder(shards)  # before anything is read or built
    curated = _read_curation(curation) if curation is not None else None
    started = time.monotonic()
    urls = [item for item in paths if is_url(item)]
    files = find_articles([Path(item) for item in paths if not is_url(item)]) if len(urls) < len(paths) else []
    checking = Progress(len(files) + len(urls), "files checked", quiet=quiet or len(files) + len(urls) < 2)
    # every file is checked, and every page fetched, before the store is touched
    corpus = check_files(files, progress=checking.advance, fields=FieldNames.parse(fields), default_date=default_date)
    for url in urls:
        try:
            page = fetch_article(url)
            page.date = page.date or default_date
            corpus.files.append(page)
        except InputError as exc:
            corpus.failures.append(str(exc))
        checking.advance()
    checking.finish()
    for note in corpus.notes:
        click.echo(f"Note: {printable(note)}", err=True)
    if len(corpus.failures) == 1 and not keep_going:
        raise InputError(corpus.failures[0])
    for failure in corpus.failures:
        click.echo(f"Error: {printable(failure)}", err=True)
    if corpus.failures and not keep_going:
        raise InputError(f"{len(corpus.failures):,} bad file(s) of {len(files) + len(urls):,}; nothing was built "
                         f"(--keep-going builds the good ones)")
    with contextlib.ExitStack() as stack:
        client = None
        if spec is not None:  # reached (or started) before the store is touched: unreachable is exit 2
            from .cluster import connected, workers_in_use

            client = stack.enter_context(connected(spec))
            if not quiet:
                click.echo(f"Cluster {spec}: {workers_in_use(client):,} worker(s).", err=True)
        store = stack.enter_context(opened(store_path, writable=True, create=True))
        # Counting is a pass over the store (a second for 10,000 articles): only for the summary.
        before = None if quiet else store.counts()
        progress = Progress(len(corpus.files), "articles", quiet=quiet or len(corpus.files) < 2)
        report = add_articles(corpus.files, store, jobs=jobs, force=force, fingerprints=corpus.fingerprints,
                              progress=lambda item: progress.advance(1, item.id if isinstance(item, Article) else item),
                              step=progress.step, curation=curated, client=client)
        progress.finish()
        after = None if quiet else store.counts()
        if shards is not None:
            from .shards import write_shards

            progress.step(f"Writing the shards to {printable(shards)} ...")
            manifest = write_shards(store, shards)
            progress.finish()
            if not quiet:
                click.echo(f"Wrote {len(manifest.shards):,} shard(s) of {manifest.quads:,} quads to "
                           f"{printable(shards)} (manifest.json).", err=True)
        if endpoint is not None:
            from .remote import Endpoint, push as push_graphs

            push_graphs(store, Endpoint(endpoint, graph_store), replace=True, articles=report.articles)
    for article_id in report.empty:
        click.echo(f"Warning: {article_id}: no countries, organisations, persons or events found", err=True)
    if before is not None and after is not None:
        elapsed = time.monotonic() - started
        actors = sum(after[k] - before[k] for k in ("countries", "organizations", "persons"))
        events = sum(after[k] - before[k] for k in ("meetings", "agreements", "trade_figures"))
        built = len(report.articles)
        click.echo(f"Built {built:,} article(s) into {printable(store_path)} in {duration(elapsed)}"
                   f"{f' ({built / elapsed:,.0f}/s)' if built and elapsed >= 1 else ''}: "
                   f"{len(report.new):,} new, {len(report.replaced):,} replaced, {len(report.unchanged):,} unchanged, "
                   f"{f'{len(report.rebuilt):,} built again (they resolve otherwise now), ' if report.rebuilt else ''}"
                   f"{len(corpus.failures):,} failed; {actors:+,} actors, {events:+,} events and trade figures; "
                   f"{len(report.empty):,} warning(s); {after['triples']:,} triples in the store.", err=True)
    if corpus.failures:
        sys.exit(EXIT_BAD_INPUT)


def _read_inputs(arguments: tuple[str, ...], fields: tuple[str, ...]) -> tuple[list, dict]:
    """The articles named on the command line (files and folders of any input form, URLs, - for standard
    input, left as None to be read when its turn comes), and what each source gave. Every file is
    checked, and every page fetched, before the caller prints anything."""
    from .build import find_articles
    from .sources import FieldNames, fetch_article, is_url, read_source

    if arguments.count("-") > 1:
        raise click.UsageError("standard input (-) can be given once")
    names = FieldNames.parse(fields)
    sources: list[Path | str | None] = []  # None: standard input; a str: a URL
    for item in arguments:
        sources.extend([None] if item == "-" else [item] if is_url(item) else find_articles([Path(item)]))
    read: dict[Path | str, list] = {}
    notes: list[str] = []
    for source in sources:
        if source is not None:
            read[source] = [fetch_article(source)] if isinstance(source, str) else read_source(source, names, notes)
    for note in notes:
        click.echo(f"Note: {printable(note)}", err=True)
    return [article for source in sources for article in ([None] if source is None else read[source])], read


def _read_curation(path: Path):  # noqa: ANN202 - a Curation
    """A curation file, checked; InputError naming what is wrong."""
    from .errors import InputError
    from .files import read_regular
    from .resolve import Curation

    try:
        data = json.loads(read_regular(path, 1 << 24, "curation file").decode("utf-8"))
    except InputError:
        raise
    except UnicodeDecodeError:
        raise InputError(f"{printable(path)}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{printable(path)}: not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    try:
        return Curation.from_json(data, printable(path))
    except ValueError as exc:
        raise InputError(str(exc)) from None


@main.command()
@click.argument("articles", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json", show_default=True,
              help="json: the records contract (README), one JSON document per line (JSON Lines) when there are "
                   "several articles; table: for a person to read.")
@FIELD_OPTION
@DATE_OPTION
def extract(articles: tuple[str, ...], fmt: str, fields: tuple[str, ...], default_date: str | None) -> None:
    """Print what articles state, as records (no store involved): .txt files, saved pages, dumps, feeds,
    web archives (as 'build' reads them), folders of them, or - for standard input.

    \b
    Example:
        kgbuild extract seeds/000_a347758bee459792.txt --format table
        kgbuild extract more-articles/ > records.jsonl
        cat article.txt | kgbuild extract -
    """
    from .article import read_article_stream
    from .extract import extract as extract_records
    from .report import records_table
    from .sources import form_of, is_url

    items, read = _read_inputs(articles, fields)
    several = len(items) > 1 or any(Path(item).is_dir() for item in articles if not is_url(item)) \
        or any(form_of(path) not in (None, "txt", "html") for path in read if isinstance(path, Path))
    for number, article in enumerate(items):
        article = read_article_stream(sys.stdin.buffer) if article is None else article
        article.date = article.date or default_date
        records = extract_records(article)
        if fmt == "table":
            click.echo(("\n" if number else "") + records_table(records), nl=False)
        else:
            click.echo(records.to_json(indent=None if several else 1))
    sys.stdout.flush()


@main.command()
@click.argument("articles", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("review.html"), show_default=True,
              help="The HTML file to write.")
@click.option("--gold", type=click.Path(path_type=Path), metavar="FILE|DIR",
              help="Mark each fact right or wrong against gold annotations (README, Evaluation): a NAME.gold.json "
                   "for one article, or a folder holding one beside each article's name or id.")
@store_option()
@FIELD_OPTION
@DATE_OPTION
def review(articles: tuple[str, ...], output: Path, gold: Path | None, store_path: Path, fields: tuple[str, ...],
           default_date: str | None) -> None:
    """Write a page showing each article's text with the evidence of every fact highlighted.

    ARTICLES are files of any input form, folders, URLs, - for standard input, or ids of articles in the
    store (those also show which actor each name was resolved to, and why). Click a fact to mark its
    places in the text; click a highlighted place to see its fact. One self-contained page, offline.

    \b
    Example:
        kgbuild review seeds/000_a347758bee459792.txt -o review.html
        kgbuild review 000_a347758bee459792 --store kg
        kgbuild review annotated/ --gold annotated/ -o review.html
    """
    from .article import read_article_stream
    from .errors import InputError
    from .evaluate import gold_path_of, read_gold
    from .extract import extract as extract_records
    from .files import atomic_write_bytes
    from .review import judge, render_review, review_article, stored_review
    from .sources import is_url

    check_output(output, store_path)
    stored_ids = [item for item in articles if item != "-" and not is_url(item) and not Path(item).exists()]
    given = tuple(item for item in articles if item not in stored_ids)
    items, read = _read_inputs(given, fields) if given else ([], {})
    if gold is not None and not gold.is_dir() and len(items) + len(stored_ids) != 1:
        raise click.UsageError("--gold FILE is for one article; give a folder of NAME.gold.json for several")
    origin = {id(article): path for path, found in read.items() if isinstance(path, Path) for article in found}
    pages = []  # (review, records, the file it came from)
    for article in items:
        article = read_article_stream(sys.stdin.buffer) if article is None else article
        article.date = article.date or default_date
        records = extract_records(article)
        pages.append((review_article(article, records), records, origin.get(id(article))))
    if stored_ids:
        from .store import opened

        if not store_path.is_dir():
            raise InputError(f"{printable(stored_ids[0])}: no such file, and no store at {printable(store_path)} "
                             f"to find it in")
        with opened(store_path) as store:
            built = store.built_from()
            pages += [(*stored_review(store, article_id, built), None) for article_id in stored_ids]
    for page, records, path in pages:
        gold_file = gold
        if gold is not None and gold.is_dir():
            candidates = ([gold / gold_path_of(path).name] if path else []) + [gold / f"{page.id}.gold.json"]
            gold_file = next((c for c in candidates if c.is_file()), None)
        if gold_file is not None:
            judge(page, records, read_gold(gold_file))
            page.gold = gold_file.name
    reviewed = [page for page, _, _ in pages]
    try:
        atomic_write_bytes(output, render_review(reviewed).encode("utf-8"))
    except OSError as exc:
        raise InputError(f"{printable(output)}: cannot write ({exc.strerror})") from None
    click.echo(f"Wrote {printable(os.fspath(output))}: {len(reviewed):,} article(s), "
               f"{sum(len(p.facts) for p in reviewed):,} facts", err=True)


@main.command()
@store_option()
@click.option("--format", "fmt", type=FormatChoice(["turtle", "trig", "nt", "nq", "jsonld", "xml"]), default=None,
              help="RDF format (also by its other names: ttl, n-triples, n-quads, json-ld, rdf, or a media type "
                   "such as text/turtle). Default: from the -o suffix, else turtle.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="File to write (atomically). Default: standard output.")
@click.option("--layout", type=click.Choice(["auto", "readable", "fast"]), default="auto", show_default=True,
              help="turtle and jsonld only. readable: Turtle grouped by kind and sorted, one object per line; "
                   "JSON-LD compacted with kgbuild's prefixes. fast: the writer's own order, much faster on large "
                   "graphs. auto: readable up to 1,000,000 triples (turtle) or 250,000 (jsonld), fast beyond.")
def export(store_path: Path, fmt: str | None, output: Path | None, layout: str) -> None:
    """Write the graph in a standard RDF format; trig, nq and jsonld keep one named graph per article.

    \b
    Example:
        kgbuild export -o out/graph.ttl
        kgbuild export --format nq > graph.nq
        kgbuild export --format jsonld --layout readable -o graph.jsonld
    """
    import io

    from .errors import InputError
    from .store import FORMATS, READABLE_UP_TO, atomic_write_bytes, opened

    if fmt is None:
        by_suffix = {suffix: name for name, (_, _, suffix) in FORMATS.items()} | {".nt": "nt", ".json": "jsonld",
                                                                                  ".xml": "xml", ".owl": "xml"}
        fmt = by_suffix.get(output.suffix.lower(), "turtle") if output else "turtle"
    if output is not None:
        check_output(output, store_path)
    from .progress import Progress

    buffer = io.BytesIO()
    with opened(store_path) as store:
        triples = len(store)
        progress = Progress(0, quiet=triples < STEPS_FROM_TRIPLES and not sys.stderr.isatty())
        progress.step(f"Exporting {triples:,} triples as {fmt} ...")
        readable = store.export(fmt, buffer, readable={"auto": None, "readable": True, "fast": False}[layout])
    progress.finish()
    if layout == "auto" and not readable and fmt in READABLE_UP_TO:
        # said apart from the Wrote line: a user who expected the readable layout learns why, and how to ask
        what = {"turtle": "Turtle in the writer's own order", "jsonld": "expanded JSON-LD, one line"}[fmt]
        click.echo(f"Warning: the graph is larger than {READABLE_UP_TO[fmt]:,} triples, so {what} was written "
                   f"(the readable layout holds the graph in memory); --layout readable asks for it anyway", err=True)
    if output is None:
        sys.stdout.buffer.write(buffer.getvalue())
        sys.stdout.flush()
        return
    try:
        atomic_write_bytes(output, buffer.getvalue())
    except OSError as exc:
        raise InputError(f"{printable(output)}: cannot write ({exc.strerror})") from None
    layout_note = ", readable layout" if readable else (", fast layout" if fmt in ("turtle", "jsonld") else "")
    graphs = ", with a named graph per article" if FORMATS[fmt][1] else ""
    click.echo(f"Wrote {printable(output)} ({fmt}{layout_note}): {triples:,} triples{graphs}, "
               f"{len(buffer.getvalue()) / 1e6:,.1f} MB.", err=True)


@main.command()
@store_option()
@click.option("--report", "show_report", is_flag=True, help="Print the full SHACL report even when it conforms.")
def validate(store_path: Path, show_report: bool) -> None:
    """Check the graph against the SHACL shapes (ontology/shapes.ttl); exit code 1 if it does not conform.

    \b
    Example:
        kgbuild validate --store kg
    """
    from .progress import Progress
    from .store import opened
    from .validation import validate_store

    with opened(store_path) as store:
        triples = len(store)
        progress = Progress(0, "nodes", quiet=triples < STEPS_FROM_TRIPLES and not sys.stderr.isatty())

        def checked(done: int, total: int) -> None:
            progress.total = total
            progress.advance(done - progress.done)

        result = validate_store(store, progress=checked)
    progress.finish()
    if result.conforms:
        click.echo(f"Conforms: {triples:,} triples checked against the shapes.", err=True)
        if show_report:
            click.echo(result.text)
        return
    click.echo(result.text)
    click.echo(f"Does not conform: {result.violations:,} violation(s) in {triples:,} triples.", err=True)
    sys.exit(EXIT_CHECK_FAILED)


def format_option(help_text: str = "table for people, json for programs.", choices: tuple[str, ...] = ("table", "json")):
    return click.option("--format", "fmt", type=click.Choice(list(choices)), default="table", show_default=True,
                        help=help_text)


def echo_json(data: object) -> None:
    import json

    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
@format_option("table for people, json for programs (README, Evaluation).")
@click.option("--verbose", "-v", is_flag=True, help="table: list each miss, each extra and each wrong date.")
def evaluate(folder: Path, fmt: str, verbose: bool) -> None:
    """Score extraction against gold annotations: every NAME.txt in FOLDER with NAME.gold.json beside it.

    Prints precision, recall and F1 per kind of fact and over all of them (micro), the dates of matched
    meetings and agreements, and one row per article. The gold format and how facts are matched are in
    the README (Evaluation).

    \b
    Example:
        kgbuild evaluate tests/cases
        kgbuild evaluate annotated/ -v
        kgbuild evaluate annotated/ --format json > scores.json
    """
    from .evaluate import KINDS, annotated_articles, evaluate as evaluate_folder
    from .progress import Progress
    from .query import render_table

    progress = Progress(len(annotated_articles(folder)), "articles", quiet=fmt == "json" and not sys.stderr.isatty())
    result = evaluate_folder(folder, progress=lambda article_id: progress.advance(1, article_id))
    progress.finish()
    if fmt == "json":
        echo_json(result.to_dict())
        return
    short = {"countries": "countries", "organizations": "orgs", "persons": "persons", "meetings": "meetings",
             "agreements": "agreements", "trade_figures": "trade"}
    rows = [[article.id] + [tally.cell() for tally in article.tallies.values()] for article in result.articles]
    click.echo(render_table(["article", *(short[kind] for kind in KINDS)], rows, table_width()), nl=False)
    click.echo("(each cell: matched/gold +extra)")
    if verbose:
        for article in result.articles:
            if article.differences:
                click.echo(f"\n{article.id}")
            for difference in article.differences:
                click.echo(f"  {difference.outcome:<10} {difference.kind:<13} {printable(difference.describe())}")
    click.echo()
    kinds = result.kinds
    totals = [[kind, f"{t.gold:,}", f"{t.predicted:,}", f"{t.matched:,}", f"{t.precision:.2f}", f"{t.recall:.2f}",
               f"{t.f1:.2f}"] for kind, t in kinds.items()]
    micro = result.micro
    totals.append(["micro", f"{micro.gold:,}", f"{micro.predicted:,}", f"{micro.matched:,}", f"{micro.precision:.2f}",
                   f"{micro.recall:.2f}", f"{micro.f1:.2f}"])
    click.echo(render_table(["kind", "gold", "predicted", "matched", "P", "R", "F1"], totals), nl=False)
    dates = result.dates
    click.echo(f"dates of matched meetings and agreements right: {dates.right}/{dates.judged} ({dates.accuracy:.2f})")
    click.echo(f"micro P={micro.precision:.2f} R={micro.recall:.2f} F1={micro.f1:.2f} over "
               f"{len(result.articles):,} article(s)")


@main.command()
@store_option()
@format_option()
def info(store_path: Path, fmt: str) -> None:
    """Summarise the store: articles, triples, actors, and events with the reports of them (one meeting
    told by five outlets is one meeting of five reports).

    \b
    Example:
        kgbuild info --store kg
        kgbuild info --format json
    """
    from .store import opened

    with opened(store_path) as store:
        counts = store.counts()
    if fmt == "json":
        echo_json({"store": os.fspath(store_path), **counts})
        return
    width = max(len(key) for key in counts) + 2
    click.echo(f"{'store':<{width}}{os.fspath(store_path)}")
    for key, value in counts.items():
        click.echo(f"{key.replace('_', ' '):<{width}}{value:,}")


@main.command()
@store_option()
@format_option("table for people, json or csv for programs and spreadsheets.", ("table", "json", "csv"))
@click.option("--full", is_flag=True, help="table: show every value whole instead of fitting the terminal.")
@click.option("--triples", "with_triples", is_flag=True,
              help="Also count each article's triples (its graph and evidence): a pass over the whole store, "
                   "about a second at 2,000 articles.")
def articles(store_path: Path, fmt: str, full: bool, with_triples: bool) -> None:
    """List the articles in the store: id, date, title, publisher and source of each (and, with
    --triples, the triples of each).

    \b
    Example:
        kgbuild articles
        kgbuild articles --format csv > articles.csv
    """
    from dataclasses import asdict

    from .query import render_table
    from .store import opened
    from .upkeep import list_articles

    with opened(store_path) as store:
        found = list_articles(store, triples=with_triples)
    columns = ["id", "date", "title", "publisher", "source"] + (["triples"] if with_triples else [])
    if fmt == "json":
        echo_json([{key: value for key, value in asdict(article).items() if key in columns} for article in found])
        return

    def row(article, number: Callable[[int], str]) -> list[str]:
        values = [article.id, article.date or "", article.title or "", article.publisher or "", article.source or ""]
        return values + ([number(article.triples)] if with_triples else [])

    if fmt == "csv":
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(row(a, str) for a in found)
        click.echo(buffer.getvalue(), nl=False)
        return
    click.echo(render_table(columns, [row(a, "{:,}".format) for a in found], None if full else table_width()),
               nl=False)


def indented(data: bytes, fmt: str) -> bytes:
    """SPARQL JSON or XML results laid out for reading (the store's own results, as a terminal shows them);
    anything else, or results too large to read on a terminal, as they are."""
    if fmt not in ("json", "xml") or not data or len(data) > 16 << 20:
        return data
    from xml.dom import minidom
    from xml.parsers.expat import ExpatError

    try:
        if fmt == "json":
            return json.dumps(json.loads(data), indent=2, ensure_ascii=False).encode("utf-8") + b"\n"
        return minidom.parseString(data).toprettyxml(indent="  ", encoding="utf-8")
    except (ValueError, ExpatError):
        return data


def _finite(param: click.Parameter, value: float) -> float:
    """'nan' and 'inf' read as numbers, but no limit is 0, said so."""
    if value != value or value in (float("inf"), float("-inf")):
        raise click.BadParameter(f"{value!r} is not a number of seconds (0 for no limit)", param=param)
    return value


@main.command()
@click.argument("ids", nargs=-1, required=True)
@store_option()
@click.option("--dry-run", is_flag=True, help="Say what would be removed and built again, and change nothing.")
def remove(ids: tuple[str, ...], store_path: Path, dry_run: bool) -> None:
    """Take articles out of the store, with everything only they stated (evidence, decisions, actors
    no other article names). The remaining articles are resolved again in id order, and those that
    resolve otherwise without them are built again from the texts the store keeps, so the store is
    what a fresh build of the remaining articles gives.

    \b
    Example:
        kgbuild articles
        kgbuild remove 06_tbsnews_ibcci_ban_mou --dry-run
        kgbuild remove 06_tbsnews_ibcci_ban_mou
    """
    from .build import rebuilt_without
    from .store import opened
    from .upkeep import remove_articles

    if dry_run:
        with opened(store_path) as store:
            unknown = sorted(set(ids) - set(store.articles()))
            if unknown:
                from .errors import InputError

                raise InputError(f"no article {', '.join(map(repr, unknown))} in the store (see 'kgbuild articles')")
            again = rebuilt_without(store, ids)
        click.echo(f"Would remove {len(set(ids)):,} article(s) and build again {len(again):,} that resolve otherwise "
                   f"without them{':' if again else '.'}", err=True)
        for article_id in again:
            click.echo(article_id)
        return
    from .progress import Progress

    with opened(store_path, writable=True) as store:
        # steps named as they start (resolving again, writing), when there are enough articles to wait for
        progress = Progress(0, "articles", quiet=len(store.articles()) < STEPS_FROM_ARTICLES)
        report = remove_articles(store, list(ids), step=progress.step)
        total = len(store)
    progress.finish()
    shown = ", ".join(report.rebuilt[:5]) + (f" and {len(report.rebuilt) - 5:,} more" if len(report.rebuilt) > 5 else "")
    again = f"; built again {len(report.rebuilt):,} that resolve otherwise without them ({shown})" \
        if report.rebuilt else ""
    click.echo(f"Removed {len(report.removed):,} article(s){again}; {total:,} triples in the store.", err=True)


@main.command()
@store_option()
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True, help="The port on 127.0.0.1.")
def serve(store_path: Path, port: int) -> None:
    """Serve the store read-only as a SPARQL 1.1 endpoint on 127.0.0.1 until Ctrl-C. The server is
    Oxigraph's own; any SPARQL client (and 'kgbuild query --endpoint') gets the rows local queries give.

    \b
    Example:
        kgbuild serve --port 7878
        kgbuild query meetings --endpoint http://127.0.0.1:7878/query
    """
    from .serve import run_server

    run_server(store_path, port, ready=lambda url: click.echo(
        f"Serving {printable(store_path)} read-only at {url} (SPARQL 1.1 query endpoint); a query page for the "
        f"browser at {url.rsplit('/', 1)[0]}/ ; Ctrl-C stops.", err=True))
    click.echo("Stopped.", err=True)


@main.command()
@store_option()
def optimize(store_path: Path) -> None:
    """Merge the database's files after large rewrites (a build does it by itself after many new or
    replaced articles; this does it now), so that the store is small and quick to read.

    \b
    Example:
        kgbuild optimize --store kg
    """
    from .progress import Progress
    from .store import opened

    # measured before the store is opened: opening it already clears some of the files it no longer needs
    before = _folder_bytes(store_path) if store_path.is_dir() else 0
    with opened(store_path, writable=True) as store:
        progress = Progress(0, quiet=not sys.stderr.isatty() and before < OPTIMIZE_STEPS_FROM_BYTES)
        progress.step(f"Merging the database's files ({before / 1e6:,.1f} MB) ...")
        store.optimize()
    progress.finish()
    after = _folder_bytes(store_path)
    click.echo(f"Optimized {printable(store_path)}: {before / 1e6:,.1f} MB -> {after / 1e6:,.1f} MB on disk "
               f"(the store's folder, texts kept included).", err=True)


def _folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())


@main.command()
@click.argument("query", required=False)
@click.option("-e", "--expression", help="SPARQL text to run instead of a file or bundled query.")
@store_option()
@click.option("--format", "fmt", default="table", show_default=True,
              type=FormatChoice(["table", "csv", "tsv", "json", "xml", "turtle", "nt", "jsonld", "trig", "nq"]),
              help="table for people; csv/tsv/json/xml are the W3C SPARQL result formats; "
                   "turtle/nt/jsonld/xml for CONSTRUCT and DESCRIBE.")
@click.option("--bind", "bindings", multiple=True, metavar="NAME=VALUE",
              help="Pre-bind a variable: <IRI>, prefix:local, \"literal\"@lang, \"literal\"^^type, or a plain string.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="Write results to a file.")
@click.option("--time", "show_time", is_flag=True, help="Report parse and evaluation time on stderr.")
@click.option("--endpoint", metavar="URL", help="Query this SPARQL endpoint instead of the local store.")
@click.option("--full", is_flag=True,
              help="table: show every value whole. Without it a table is fitted to the terminal's width "
                   "(or $COLUMNS) by shortening its free text, the longest columns first (numbers, dates and "
                   "identifiers stay whole); piped or written to a file it is whole.")
@click.option("--timeout", type=click.FloatRange(min=0), default=300, show_default=True, metavar="SECONDS",
              callback=lambda ctx, param, value: _finite(param, value),
              help="Stop a local query that runs longer (0: no limit).")
def query(query: str | None, expression: str | None, store_path: Path, fmt: str, bindings: tuple[str, ...],
          output: Path | None, show_time: bool, endpoint: str | None, full: bool, timeout: float) -> None:
    """Run a SPARQL query: a .rq file, a bundled query by name, - for standard input, or -e TEXT.

    \b
    Example:
        kgbuild query meetings
        kgbuild query cooperation --bind a=country:AZ --bind b=country:US --format csv
        kgbuild query -e 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
        kgbuild query meetings --endpoint http://localhost:7878/query
    """
    from .errors import InputError
    from .query import MAX_QUERY_BYTES, load_query, parse_bindings, parse_header, query_text, run_query
    from .store import atomic_write_bytes, opened

    if (query is None) == (expression is None):
        raise click.UsageError("give exactly one of QUERY (a file, a bundled name or -) and -e TEXT")
    if expression is not None:
        spec = parse_header("-e", expression)
    elif query == "-":
        spec = parse_header("<stdin>", query_text(sys.stdin.buffer.read(MAX_QUERY_BYTES + 1), "<stdin>"))
    else:
        spec = load_query(query)
    values = parse_bindings(list(bindings), spec.text)
    if output is not None:
        check_output(output, store_path)
    width = None if full or output is not None else table_width()
    if endpoint is not None:
        from .remote import Endpoint, remote_query

        server = Endpoint(endpoint)
        run = run_query(None, spec, values, fmt, execute=lambda text: remote_query(server, text), table_width=width)
    else:
        # rows stream out as they are found; JSON and XML for a person at a terminal are indented first
        for_a_person = output is None and fmt in ("json", "xml") and sys.stdout.isatty()
        sink = sys.stdout.buffer if output is None and not for_a_person else None
        with opened(store_path) as store:
            run = within(timeout, lambda: run_query(store.inner, spec, values, fmt, table_width=width, sink=sink))
    for warning in run.warnings:
        click.echo(f"Warning: {warning}", err=True)
    if output is not None:
        try:
            atomic_write_bytes(output, run.output)
        except OSError as exc:
            raise InputError(f"{printable(output)}: cannot write ({exc.strerror})") from None
    else:
        sys.stdout.buffer.write(indented(run.output, fmt) if endpoint is None and sys.stdout.isatty() else run.output)
        sys.stdout.flush()
    if show_time:
        click.echo(f"parse {run.parse_seconds * 1000:.1f} ms, evaluation {run.eval_seconds * 1000:.1f} ms", err=True)


def within(seconds: float, work):  # noqa: ANN001, ANN201 - any callable, its result
    """Run work in a thread and wait for it, so that Ctrl-C is heard while the query engine runs (it does
    not look at signals) and a query can be stopped after `seconds` (0: never)."""
    import threading
    import time

    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["result"] = work()
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
            # The query engine's objects must be let go of by the thread that made them: the failed
            # frames drop their variables here, not when the error is done with in the other thread.
            import traceback

            failure: BaseException | None = exc
            while failure is not None:
                traceback.clear_frames(failure.__traceback__)
                failure = failure.__context__
            outcome["error"] = exc

    thread = threading.Thread(target=run, name="kgbuild-query", daemon=True)
    deadline = time.monotonic() + seconds
    thread.start()
    try:
        while thread.is_alive():
            thread.join(0.1)
            if seconds and time.monotonic() > deadline and thread.is_alive():
                _leave(f"Error: the query ran past {seconds:g} s and was stopped; narrow it, or give --timeout",
                       EXIT_BAD_INPUT)
    except KeyboardInterrupt:
        _leave("Interrupted.", 130)
    if "error" in outcome:
        # out of the dict first: the error's traceback holds the frame that holds the dict, and that
        # cycle would leave the error to the garbage collector, which may run in any thread
        raise outcome.pop("error")
    return outcome["result"]


def _leave(message: str, code: int) -> None:
    """End now, with the query still running in its thread: the engine cannot be stopped from Python,
    and an interpreter that shuts down around it can wait for it. A query only reads, so nothing is
    left half done."""
    click.echo(message, err=True)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


def table_width() -> int | None:
    """The width to fit tables to: the terminal's, or $COLUMNS; None (no limit) when stdout is piped."""
    import shutil

    if os.environ.get("COLUMNS", "").isdigit():
        return max(20, int(os.environ["COLUMNS"]))
    if sys.stdout.isatty():
        return max(20, shutil.get_terminal_size().columns)
    return None


@main.command("queries")
@format_option()
def list_queries(fmt: str) -> None:
    """List the bundled queries with what each answers and its parameters.

    \b
    Example:
        kgbuild queries
        kgbuild queries --format json
    """
    from .query import bundled_queries

    if fmt == "json":
        echo_json([{"name": spec.name, "description": spec.description, "example": spec.example,
                    "params": [{"name": name, "description": text} for name, text in spec.params]}
                   for spec in bundled_queries()])
        return
    for spec in bundled_queries():
        first = spec.description.split(". ")[0].rstrip(".")
        click.echo(f"{spec.name:<15}{first}")
        for name, description in spec.params:
            click.echo(f"{'':<15}  --bind {name}=...  {description}")


def _is_date(value: str) -> bool:
    """A calendar date written YYYY-MM-DD, or a month YYYY-MM, or a year YYYY."""
    import re
    from datetime import date

    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if not match:
        return False
    try:
        date(int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1))
    except ValueError:
        return False
    return True


@main.command()
@store_option()
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("actors.html"), show_default=True,
              help="The HTML page to write (nothing else is written beside it, unless --reviews).")
@click.option("--country", help="Only this country's actors (name or ISO code) and their partners.")
@click.option("--since", metavar="DATE", help="Only meetings and agreements on or after DATE (YYYY-MM-DD).")
@click.option("--until", metavar="DATE", help="Only meetings and agreements on or before DATE.")
@click.option("--graphml", type=click.Path(path_type=Path), help="Also write the graph as GraphML.")
@click.option("--gexf", type=click.Path(path_type=Path), help="Also write the graph as GEXF.")
@click.option("--title", default="kgbuild actor graph", show_default=True, help="Title of the page.")
@click.option("--reviews", is_flag=True,
              help="Also write each article's review page (see 'review') into a reviews/ folder beside the page; "
                   "the articles named in the side panel link to them, at the sentence.")
def draw(store_path: Path, output: Path, country: str | None, since: str | None, until: str | None,
         graphml: Path | None, gexf: Path | None, title: str, reviews: bool) -> None:
    """Draw the actor graph as one interactive HTML page that works offline.

    \b
    Example:
        kgbuild draw -o out/actors.html
        kgbuild draw --country Azerbaijan --since 2021-01-01 --graphml actors.graphml
        kgbuild draw --reviews -o out/actors.html
    """
    from .draw import DrawFilter, actor_graph, country_code, relations, render_html, write_graph_file
    from .errors import InputError
    from .store import atomic_write_bytes, opened

    for name, value in (("--since", since), ("--until", until)):
        if value is not None and not _is_date(value):
            raise InputError(f"{name} {value!r}: expected a date YYYY-MM-DD (or YYYY-MM, YYYY)")
    for path in (output, graphml, gexf):
        if path is not None:
            check_output(path, store_path)
    selection = DrawFilter(country, since, until)
    if country is not None:
        country_code(country)  # an unknown country is refused before anything is read
    folder = output.parent / REVIEWS_FOLDER
    written = []
    try:
        with opened(store_path) as store:
            graph = actor_graph(store.inner, selection)
            if reviews:
                written.append(_write_reviews(store, folder))
        actors, relation_count, reports = graph.number_of_nodes(), len(relations(graph)), graph.number_of_edges()
        page = render_html(graph, title, selection, reviews=REVIEWS_FOLDER if reviews else None)
        atomic_write_bytes(output, page.encode("utf-8"))
        written.append(f"Wrote {printable(output)}: {actors:,} actors, {relation_count:,} relations "
                       f"({reports:,} reports).")
        for path, fmt in ((graphml, "graphml"), (gexf, "gexf")):
            if path:
                write_graph_file(graph, path, fmt)
                written.append(f"Wrote {printable(path)} ({fmt.upper()}): {actors:,} actors, "
                               f"{relation_count:,} relations.")
    except OSError as exc:
        raise InputError(f"cannot write the drawing ({exc.strerror}: {printable(exc.filename or output)})") from None
    finally:
        for line in written:
            click.echo(line, err=True)


REVIEWS_FOLDER = "reviews"  # beside the actor page: draw --reviews writes ID.html there


def _write_reviews(store, folder: Path) -> str:  # noqa: ANN001 - a KnowledgeStore
    """Each stored article's review page, ID.html in the folder; the line that says so."""
    from .errors import InputError
    from .progress import Progress
    from .review import render_review, stored_review
    from .store import atomic_write_bytes

    built = store.built_from()
    ids = store.articles()
    if folder.exists() and not folder.is_dir():
        raise OSError(20, "not a directory", os.fspath(folder))
    folder.mkdir(exist_ok=True)
    progress = Progress(len(ids), "review pages", quiet=len(ids) < 100)
    unkept = 0
    for article_id in ids:
        try:
            page, _ = stored_review(store, article_id, built)
        except InputError:  # a store built before texts were kept: that article has no page
            unkept += 1
            continue
        atomic_write_bytes(folder / f"{article_id}.html", render_review([page], f"kgbuild review: {article_id}")
                           .encode("utf-8"))
        progress.advance(1, article_id)
    progress.finish()
    return f"Wrote {len(ids) - unkept:,} review pages into {printable(folder)}" + (
        f" ({unkept:,} article(s) without a kept text have none; build them again)." if unkept else ".")


@main.command()
@store_option()
@click.option("--explain", "name", metavar="NAME",
              help="Show which names, in which articles, were resolved to the actor called NAME, and why.")
@click.option("--kind", type=click.Choice(["organization", "person"]), help="Only organisations or only persons.")
@click.option("--full", is_flag=True, help="Show every value whole instead of fitting the table to the terminal.")
@format_option()
def actors(store_path: Path, name: str | None, kind: str | None, full: bool, fmt: str) -> None:
    """List organisations and persons with every name they go by, or explain how one was resolved.

    \b
    Example:
        kgbuild actors --kind organization
        kgbuild actors --explain SMBDA
        kgbuild actors --explain mammad   (part of a name: the actors it may mean)
    """
    from .errors import InputError
    from .query import load_query, parse_bindings, run_query
    from .resolve import actors_containing, explain, label_reason
    from .store import opened

    with opened(store_path) as store:
        if name is None:
            spec = load_query("actors-aliases")
            bindings = parse_bindings([f"only_kind={kind}"] if kind else [], spec.text)
            if fmt == "json":
                echo_json(_actor_rows(store, spec, bindings))
                return
            run = run_query(store.inner, spec, bindings, "table", table_width=None if full else table_width())
            sys.stdout.buffer.write(run.output)
            return
        explanations = explain(store.inner, name)
        candidates = [] if explanations else actors_containing(store.inner, name)
        curation = store.curation()
    if not explanations:
        shown = "; ".join(candidates[:ACTOR_CANDIDATES]) + (
            f" and {len(candidates) - ACTOR_CANDIDATES:,} more" if len(candidates) > ACTOR_CANDIDATES else "")
        raise InputError(f"no actor is called {name!r}; " + (
            f"actors whose names contain it: {shown}" if candidates else "try 'kgbuild actors' for the list"))
    for explanation in explanations:
        explanation.label_reason = label_reason(explanation, curation)
    if fmt == "json":
        echo_json([{"iri": e.iri, "label": e.label, "label_reason": e.label_reason, "decisions": [
            {"article": article, "name": surface, "reason": reason} for article, surface, reason in e.decisions]}
            for e in explanations])
        return
    for explanation in explanations:
        click.echo(f"{explanation.label}  <{explanation.iri}>  ({explanation.label_reason})")
        for article, surface, reason in explanation.decisions:
            click.echo(f"  {article}: {surface!r} - {reason}")


@main.command()
@store_option()
@click.option("--explain", "iri", metavar="IRI",
              help="Show which reports the event holds and why, and the events of the same actors it is not, and why.")
@click.option("--full", is_flag=True, help="Show every value whole instead of fitting the table to the terminal.")
@format_option()
def events(store_path: Path, iri: str | None, full: bool, fmt: str) -> None:
    """List events, not reports: each meeting and agreement once, however many articles tell of it, with
    its date, actors and number of reports; or explain how one was put together.

    \b
    Example:
        kgbuild events
        kgbuild events --explain event:meeting-2021-08-09-0123456789ab
        kgbuild query trade-conflicts   (trade figures the sources disagree on)
    """
    from .errors import InputError
    from .occurrences import explain_event
    from .ontology import PREFIXES
    from .query import load_query, run_query
    from .store import opened

    with opened(store_path) as store:
        if iri is None:
            run = run_query(store.inner, load_query("events"), {}, "json" if fmt == "json" else "table",
                            table_width=None if full or fmt == "json" else table_width())
            sys.stdout.buffer.write(indented(run.output, "json") if fmt == "json" else run.output)
            return
        wanted = iri.strip().strip("<>")
        prefix, _, local = wanted.partition(":")
        if prefix in PREFIXES and not local.startswith("//"):  # event:meeting-... as tables show it
            wanted = PREFIXES[prefix] + local
        explanation = explain_event(store.inner, wanted)
    if explanation is None:
        raise InputError(f"no event is {iri!r} (see 'kgbuild events' for their IRIs)")
    if fmt == "json":
        echo_json({"iri": explanation.iri, "kind": explanation.kind,
                   "reports": [{"report": r.report, "article": r.article, "published": r.published, "date": r.date,
                                "reason": r.reason} for r in explanation.reports],
                   "not_merged": [{"event": other, "why": why} for other, why in explanation.near]})
        return
    click.echo(f"{explanation.kind} <{explanation.iri}>: {len(explanation.reports):,} report(s)")
    for report in explanation.reports:
        click.echo(f"  {report.article} (published {report.published or 'undated'}, told {report.date or 'undated'}):"
                   f" {report.reason}")
    if explanation.near:
        click.echo("Not the same event:")
    for other, why in explanation.near:
        click.echo(f"  <{other}>: {why}")


ACTOR_CANDIDATES = 10  # actors named when a name given to --explain is only part of theirs


def _actor_rows(store, spec, bindings) -> list[dict]:  # noqa: ANN001 - a store, a query, its bindings
    """The actors-aliases rows as JSON objects: IRIs whole, aliases as a list."""
    from .query import with_prefixes, with_values

    rows = []
    for solution in store.inner.query(with_prefixes(with_values(spec.text, bindings))):
        row = {name: (solution[name].value if solution[name] is not None else None)
               for name in ("actor", "kind", "label", "aliases")}
        row["aliases"] = [a for a in (row["aliases"] or "").split("; ") if a]
        rows.append(row)
    return rows


@main.command()
@store_option()
@click.option("--endpoint", metavar="URL", required=True, help="The server's SPARQL query endpoint.")
@click.option("--graph-store", metavar="URL",
              help="The server's Graph Store endpoint. Default: beside --endpoint (Oxigraph /query -> /store, "
                   "Fuseki /sparql -> /data, GraphDB /repositories/R -> /repositories/R/rdf-graphs/service).")
@click.option("--replace", is_flag=True, help="Replace each article's graph on the server instead of adding to it.")
def push(store_path: Path, endpoint: str, graph_store: str | None, replace: bool) -> None:
    """Send the store's graphs (one per article, and the merged graph) to a SPARQL server.

    Credentials for basic authentication are read from KGBUILD_ENDPOINT_USER and KGBUILD_ENDPOINT_PASSWORD.

    \b
    Example:
        kgbuild push --endpoint http://localhost:7878/query
        kgbuild push --endpoint http://localhost:3030/kg/sparql --replace
    """
    from .remote import Endpoint, push as push_graphs
    from .store import opened

    server = Endpoint(endpoint, graph_store)
    with opened(store_path) as store:
        sent = push_graphs(store, server, replace=replace)
    from .remote import printable_url

    click.echo(f"Pushed {sent} graph(s) and the merged graph to {printable_url(server.graph_store())}.", err=True)
