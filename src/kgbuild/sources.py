"""Articles from the forms news arrives in: saved web pages, feeds, JSON Lines and CSV dumps, web archives.

Every form is turned into the text kgbuild's own `.txt` articles hold (a header of title, date and
source, then the story's paragraphs) and read by the same parser, so that the same story gives the
same facts whatever it came wrapped in, and offsets point into the text the store keeps.

- `.html`, `.htm`: the page's main text (trafilatura: no menus, sidebars, comments or footers), its
  title, author, site name and canonical URL; the publication date from htmldate.
- `.jsonl`, `.ndjson`, `.csv` (and `.gz` of each): one article a line or row, its fields found by
  the usual names (FIELD_NAMES), which `fields` overrides.
- `.rss`, `.atom`, `.xml`: one article an entry of an RSS or Atom feed (feedparser), from its full
  content where the feed has it, else its summary; nothing a feed names is fetched.
- `.warc`, `.warc.gz`: one article an HTML response record (warcio), through the page path.

An article's id comes from the dump's id field, else from its URL (host and path), else from the
file's name (and the line, row or entry number inside a dump).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from .article import (MAX_ARTICLE_BYTES, Article, article_from_bytes, article_id, decode, parse_article,
                      read_article)
from .errors import InputError
from .files import printable, read_regular

# Suffixes read as articles, and the form each names.
FORMS = {".txt": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv",
         ".rss": "feed", ".atom": "feed", ".xml": "feed", ".warc": "warc"}
# A dump, a feed or an archive holds many articles: it may be larger than one article.
MAX_DUMP_BYTES = 1 << 30
# A page's main text with no line of this many words is a menu or a list of headlines, not a story.
MIN_PAGE_WORDS = 12
# The usual names of a dump's fields, by what they hold (the first one present wins).
FIELD_NAMES = {
    "text": ("text", "body", "content", "maintext", "article", "full_text"),
    "title": ("title", "headline"),
    "date": ("date", "published", "date_publish", "publish_date", "pubdate", "published_at", "datetime"),
    "url": ("url", "source", "link", "source_url"),
    "publisher": ("publisher", "site", "source_domain", "site_name", "outlet"),
    "id": ("id", "article_id", "doc_id", "uuid"),
}


@dataclass
class FieldNames:
    """Which field of a dump holds what: the usual names, or those given (`--field text=body`)."""

    chosen: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, pairs: list[str] | tuple[str, ...]) -> "FieldNames":
        chosen: dict[str, str] = {}
        for pair in pairs:
            what, _, name = pair.partition("=")
            if what not in FIELD_NAMES or not name:
                raise InputError(f"--field {pair!r}: expected WHAT=NAME, WHAT one of {', '.join(FIELD_NAMES)}")
            chosen[what] = name
        return cls(chosen)

    def value(self, record: dict, what: str) -> object:
        names = (self.chosen[what],) if what in self.chosen else FIELD_NAMES[what]
        lowered = {str(key).lower(): value for key, value in record.items()}
        for name in names:
            value = record.get(name, lowered.get(name.lower()))
            if value not in (None, ""):
                return value
        return None


def form_of(path: Path) -> str | None:
    """The form a file's name says ('txt', 'html', 'jsonl', 'csv', 'feed', 'warc'), or None."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return FORMS.get(Path(name).suffix)


def read_source(path: Path, fields: FieldNames | None = None, notes: list[str] | None = None) -> list[Article]:
    """Every article a file holds, read and checked; InputError (one line) for a file that is not usable.
    What was skipped inside a file that is usable (an archive's other records) is said in `notes`."""
    form = form_of(path)
    if form is None or form == "txt" and not path.name.lower().endswith(".gz"):
        return [read_article(path)]
    name = printable(path)
    data = read_regular(path, MAX_DUMP_BYTES, "file")
    if path.name.lower().endswith(".gz"):
        try:
            data = _gunzip(data, name, MAX_ARTICLE_BYTES if form == "txt" else MAX_DUMP_BYTES)
        except InputError as exc:
            if form == "warc":  # said as what it is to the user: an archive that cannot be read whole
                raise InputError(f"{name}: a damaged or truncated web archive ({str(exc).split(': ', 1)[-1]})") \
                    from None
            raise
    if form == "txt":  # a .txt.gz
        return [article_from_bytes(data, name, article_id(Path(path.name[:-3])), path=str(path))]
    if form == "html":
        return [article_from_html(data, name, article_id(path))]
    if form == "jsonl":
        return list(_from_records(_json_lines(data, name), name, path, fields or FieldNames(), "jsonl"))
    if form == "csv":
        return list(_from_records(_csv_rows(data, name), name, path, fields or FieldNames(), "csv"))
    if form == "feed":
        return list(_feed_articles(data, name, path))
    if form == "warc":
        return list(_warc_articles(data, name, path, notes))
    raise InputError(f"{name}: not a form kgbuild reads")


def _gunzip(data: bytes, name: str, limit: int) -> bytes:
    """Gzip data expanded, member after member (a web archive compresses each record apart); refused when
    it expands past the dump limit (a small file can hold a huge one) or ends inside a member."""
    out = bytearray()
    rest = data
    while rest:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out += inflater.decompress(rest, limit + 1 - len(out))
        except zlib.error as exc:
            raise InputError(f"{name}: not a usable gzip file ({exc})") from None
        if len(out) > limit or inflater.unconsumed_tail:
            raise InputError(f"{name}: expands past the {limit:,} byte limit")
        if not inflater.eof:
            raise InputError(f"{name}: truncated (the compressed data ends part way)")
        rest = inflater.unused_data
    return bytes(out)


# ---- one story: its metadata and text, as a .txt article ----------------------------------------

def _one_line(value: object) -> str | None:
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


def normal_date(value: object) -> str | None:
    """A publication date as YYYY-MM-DD from the forms dumps and feeds write it in, or None."""
    if value is None:
        return None
    if isinstance(value, (int, float)):
        try:
            return datetime.fromtimestamp(value / 1000 if value > 1e11 else value, tz=timezone.utc).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    if match := re.match(r"(\d{4})-(\d{2})-(\d{2})", text):
        try:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3))).isoformat()
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(text).date().isoformat()  # RFC 822, as RSS writes it
    except (TypeError, ValueError, IndexError):
        return None


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_ONLY = re.compile(r"(?:published:?\s*|updated:?\s*)?(?:[a-z]+,?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + "|"
                        + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}[/.]\d{1,2}[/.])\s*,?\s*\d{4}"
                        r"(?:[\s,|-]+\d{1,2}[:.]\d{2}\s*(?:am|pm)?\s*(?:utc|gmt|[+-]\d{2}:?\d{2})?)?\.?$", re.IGNORECASE)


def _paragraphs(text: str) -> str:
    """The story's paragraphs, one blank line apart, as a .txt article writes them."""
    lines = [" ".join(line.split()) for line in str(text).replace("\r", "\n").split("\n")]
    return "\n\n".join(line for line in lines if line)


def story(text: str, name: str, identifier: str, *, title: object = None, published: object = None,
          url: object = None, publisher: object = None, authors: list[str] | None = None, form: str = "txt"
          ) -> Article:
    """An article from a story's text and metadata, read as the same story in a .txt file would be."""
    body = _paragraphs(text)
    while (first := body.split("\n", 1)[0]) and _DATE_ONLY.match(first):
        body = body[len(first):].lstrip("\n")  # "14 June 2023", "June 14, 2023 7:12 AM UTC": the page's furniture
    title_line = _one_line(title)
    if title_line and body.split("\n", 1)[0].strip() == title_line:
        body = body.split("\n", 1)[1].lstrip("\n") if "\n" in body else ""  # the headline, not the story
    if not body.strip():
        raise InputError(f"{name}: no article text")
    header = []
    if title_line:
        header.append(f"title: {title_line}")
    if day := normal_date(published):
        header.append(f"date {day}")
    if (source := _one_line(url)) and re.match(r"https?://\S+$", source):
        header.append(f"source: {source}")
    article = parse_article("\n".join(header) + "\n\n" + body + "\n", identifier, path=name)
    article.publisher = _one_line(publisher) or article.publisher
    article.authors = [a for a in (_one_line(x) for x in authors or []) if a] or article.authors
    article.form = form
    return article


def id_from_url(url: str) -> str | None:
    """A readable, stable id from a URL: its host and path ("news.example.org/business/a-b" ->
    "news.example.org_business_a-b")."""
    parts = urlsplit(url)
    if not parts.hostname:
        return None
    path = re.sub(r"\.(?:html?|php|aspx?)$", "", parts.path.strip("/"), flags=re.IGNORECASE)
    words = [parts.hostname.removeprefix("www.")] + [w for w in re.split(r"[/?&=]+", path + "?" + parts.query) if w]
    return article_id(Path("_".join(words)[:180] + ".txt"))


# ---- pages fetched -----------------------------------------------------------------------------------

MAX_PAGE_BYTES = 16 << 20  # a news page with its scripts and styles is a few MB at most
_PAGE_TYPES = ("text/html", "application/xhtml+xml")


def is_url(text: str) -> bool:
    return bool(re.match(r"https?://", text, re.IGNORECASE))


def fetch_article(url: str) -> Article:
    """The page at url, fetched (60 s in all, at most MAX_PAGE_BYTES, no credentials sent) and read as a
    saved page. Only URLs the user gives are fetched, never one a page or a feed names."""
    from . import __version__
    from .remote import check_url, printable_url, request

    check_url(url, "URL")
    body, content_type = request("GET", url, headers={
        "User-Agent": f"kgbuild/{__version__} (knowledge graph builder; reads one page a request)",
        "Accept": "text/html, application/xhtml+xml;q=0.9"}, credentials=False, limit=MAX_PAGE_BYTES)
    kind = content_type.split(";")[0].strip().lower()
    if kind not in _PAGE_TYPES:
        raise InputError(f"{printable_url(url)}: answered with {kind or 'no content type'}, not a web page")
    return article_from_html(body, printable_url(url), id_from_url(url) or "page", url=url, form="url")


# ---- saved pages -----------------------------------------------------------------------------------

class NoArticleText(InputError):
    """A page that holds no story: a section front, a search page, a page of links."""


def _tells_a_story(text: str) -> bool:
    """Running prose: a paragraph of a sentence or more. A section front's list of headlines, however
    long, is lines of a few words each."""
    return any(len(line.split()) >= MIN_PAGE_WORDS for line in text.split("\n"))


def article_from_html(data: bytes, name: str, fallback_id: str, url: str | None = None, form: str = "html"
                      ) -> Article:
    """The main text of a saved page and its metadata, as an article."""
    import trafilatura

    _quiet_libraries()
    if b"\0" in data[:4096]:
        raise InputError(f"{name}: binary data, not a web page")
    html = _html_text(data, name)
    document = None
    # precise first (no sidebar headline may leak into facts); a page laid out in tables, where that
    # finds nothing, is read again with trafilatura's balanced settings
    for precise in (True, False):
        document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                               include_tables=False, favor_precision=precise)
        if document is not None and _tells_a_story(document.text or ""):
            break
    else:
        raise NoArticleText(f"{name}: no article text found in the page")
    published = document.date  # htmldate's, which trafilatura runs (the original date, searched extensively)
    # the page's own canonical URL names it (the same story fetched with tracking parameters, or met in
    # an archive, is one article), else the URL it was fetched from
    page_url = document.url if document.url and is_url(document.url) else url
    identifier = id_from_url(page_url) if page_url else None
    authors = [a.strip() for a in re.split(r";|,| and ", document.author or "") if a.strip()]
    text = "\n".join(line for line in document.text.split("\n") if not _FURNITURE.match(line.strip()))
    return story(text, name, identifier or fallback_id, title=document.title, published=published,
                 url=page_url, publisher=document.sitename, authors=authors, form=form)


# Lines of a page's template that a balanced reading keeps: share bars, copyright and subscription lines.
_FURNITURE = re.compile(r"(?:©|\(c\)\s|copyright\b|all rights reserved|share(?:\s+this)?\s*:|follow us\b|"
                        r"subscribe\b|sign up\b|read more\b|advertisement$)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _quiet_libraries() -> None:
    """The page readers log what they discard; kgbuild says what matters itself, in one line."""
    import logging

    for library in ("trafilatura", "htmldate", "courlan", "justext"):
        logger = logging.getLogger(library)
        logger.propagate = False
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())


def _html_text(data: bytes, name: str) -> str:
    """The page as text, in the charset it declares (or UTF-8, else Latin-1)."""
    declared = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", data[:4096], re.IGNORECASE)
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown charset: the usual guesses follow
    return decode(data, name)


# ---- dumps -------------------------------------------------------------------------------------------

def _json_lines(data: bytes, name: str) -> Iterator[tuple[int, dict]]:
    text = decode(data, name)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise InputError(f"{name}: line {number} is not JSON ({exc.msg})") from None
        if not isinstance(record, dict):
            raise InputError(f"{name}: line {number} is not a JSON object")
        yield number, record


def _csv_rows(data: bytes, name: str) -> Iterator[tuple[int, dict]]:
    text = decode(data, name)
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        for row in reader:
            yield reader.line_num, row
    except csv.Error as exc:
        raise InputError(f"{name}: line {reader.line_num}: not CSV ({exc})") from None


def _from_records(records: Iterator[tuple[int, dict]], name: str, path: Path, fields: FieldNames, form: str
                  ) -> Iterator[Article]:
    count = 0
    for number, record in records:
        text = fields.value(record, "text")
        where = f"{name}: line {number}"
        if not isinstance(text, str) or not text.strip():
            raise InputError(f"{where}: no article text (looked for {_looked_for(fields, 'text')})")
        if len(text.encode("utf-8")) > MAX_ARTICLE_BYTES:
            raise InputError(f"{where}: over the {MAX_ARTICLE_BYTES:,} byte limit for one article")
        url = fields.value(record, "url")
        given = fields.value(record, "id")
        identifier = (article_id(Path(str(given) + ".txt")) if given is not None else None) or (
            id_from_url(str(url)) if url else None) or f"{article_id(path)}-{number}"
        yield story(text, where, identifier, title=fields.value(record, "title"),
                    published=fields.value(record, "date"), url=url, publisher=fields.value(record, "publisher"),
                    form=form)
        count += 1
    if count == 0:
        raise InputError(f"{name}: no articles in this dump")


def _looked_for(fields: FieldNames, what: str) -> str:
    names = (fields.chosen[what],) if what in fields.chosen else FIELD_NAMES[what]
    return ", ".join(names)


# ---- feeds -------------------------------------------------------------------------------------------

def _feed_articles(data: bytes, name: str, path: Path) -> Iterator[Article]:
    import feedparser

    if re.search(rb"<!ENTITY", data, re.IGNORECASE):
        # entities a feed defines (external ones fetch, nested ones expand a billion times): refused whole
        raise InputError(f"{name}: the feed defines entities; kgbuild reads feeds without them")
    parsed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=True)
    if not parsed.entries:
        problem = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
        raise InputError(f"{name}: not an RSS or Atom feed with entries{problem}")
    site = parsed.feed.get("title")
    form = "atom" if parsed.version.startswith("atom") else "rss"
    for number, entry in enumerate(parsed.entries, start=1):
        content = entry.get("content") or []
        html = content[0].get("value") if content else entry.get("summary")
        if not html:
            raise InputError(f"{name}: entry {number} has no content or summary")
        text = _text_of_fragment(html)
        link = entry.get("link")
        identifier = (id_from_url(link) if link else None) or f"{article_id(path)}-{number}"
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        yield story(text, f"{name}: entry {number}", identifier, title=entry.get("title"),
                    published=date(*published[:3]).isoformat() if published else None, url=link,
                    publisher=site, authors=[entry["author"]] if entry.get("author") else None, form=form)


def _text_of_fragment(html: str) -> str:
    """The paragraphs of an HTML fragment (a feed entry's content) as plain text."""
    import lxml.html

    if "<" not in html:
        return html
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return re.sub(r"<[^>]+>", " ", html)
    for block in root.iter("p", "br", "div", "li", "h1", "h2", "h3", "h4"):
        block.tail = "\n" + (block.tail or "")
    return root.text_content()


# ---- web archives ------------------------------------------------------------------------------------

def _warc_articles(data: bytes, name: str, path: Path, notes: list[str] | None) -> Iterator[Article]:
    """The stories of an archive's HTML responses. A crawl holds other records (requests, metadata, images)
    and pages that tell no story (section fronts): those are skipped, and counted in `notes`."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found = other = storyless = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type != "response" or record.http_headers is None:
                other += 1
                continue
            kind = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
            if kind not in ("text/html", "application/xhtml+xml"):
                other += 1
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            page = record.content_stream().read(MAX_DUMP_BYTES)
            where = f"{name}: {url or 'record'}"
            fallback = id_from_url(url) if url else f"{article_id(path)}-{found + 1}"
            try:
                article = article_from_html(page, where, fallback, url=url, form="warc")
            except NoArticleText:
                storyless += 1
                continue
            yield article
            found += 1
    except (ArchiveLoadFailed, OSError, ValueError, EOFError, zlib.error) as exc:
        raise InputError(f"{name}: a damaged or truncated web archive ({str(exc).splitlines()[0] if str(exc) else exc})") \
            from None
    if notes is not None and (other or storyless):
        notes.append(f"{name}: {found:,} page(s) read; skipped {other:,} record(s) that are no HTML page and "
                     f"{storyless:,} page(s) with no article text")
    if found == 0:
        raise InputError(f"{name}: no HTML pages in this web archive")
