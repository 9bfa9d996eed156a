"""Article: reads a news text and its header (date, publisher, authors, source, title).

Header forms of the genre, all optional and in any order before the body:
  ` date 2021-08-10 By Azernews`   date, with the publisher after "By"
  `date 2021-08-10`                 date alone
  `source: https://...`             where the article came from
  `title: ...`                      an explicit title
  `By Ayya Lmahamad`                byline (authors, split on "and" and commas)
and, at the start of the body, a dateline such as `BAKU, Azerbaijan, February 18.`
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlparse

from .errors import InputError
from .files import printable, read_regular

# A news item is a few KB; a larger file is not an article, and extraction, linear in the text,
# still takes about 5 s for 1 MiB.
MAX_ARTICLE_BYTES = 1024 * 1024

MONTHS = ("january february march april may june july august "
          "september october november december").split()

_DATE_LINE = re.compile(r"^\s*date:?\s+(\S+)(?:\s+By\s+(.+?))?\s*$", re.IGNORECASE)
_SOURCE_LINE = re.compile(r"^\s*source:\s*(\S+)\s*$", re.IGNORECASE)
_TITLE_LINE = re.compile(r"^\s*title:\s*(.+?)\s*$", re.IGNORECASE)
_BYLINE = re.compile(r"^\s*By\s+([A-Z][^\n]{1,80}?)\s*$")
_MONTH_NAME = r"(?:" + "|".join(m.title() for m in MONTHS) + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
# "BAKU, Azerbaijan, February 18.", "KUALA LUMPUR, Jan. 8 (Xinhua) --", "ABU DHABI, 20th November, 2023
# (WAM) --", "Islamabad, March 9:", "Hanoi (VNA) –", "RAWALPINDI -": the place, perhaps its country,
# perhaps the date and the news agency, and a separator.
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'\- ]+?|[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})(?:,\s+[A-Z][\w.'\- ]+?)??"
    r"(?:,\s+(?:(?P<day1>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month1>" + _MONTH_NAME + r")"
    r"|(?P<month2>" + _MONTH_NAME + r")\s+(?P<day2>\d{1,2})(?:st|nd|rd|th)?)(?:,?\s*(?P<year>\d{4}))?)?"
    r"\s*(?:\((?P<agency>[^()]{1,40})\))?\s*(?:--|[.:\-–—])\s+")


@dataclass
class Article:
    """One article: its metadata and the body that offsets point into."""

    id: str
    body: str
    date: str | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    source: str | None = None
    title: str | None = None
    path: str | None = None
    form: str = "txt"  # what it came as: txt, html, url, jsonl, csv, rss, atom or warc (README, Input)

    @property
    def published(self) -> date | None:
        return date.fromisoformat(self.date) if self.date else None


def article_id(path: Path) -> str:
    """A stable id from the file name: the same name always maps to the same named graph, and two
    names to two graphs. Letters and digits of any script, `_`, `-` and inner dots are kept; every
    other character is percent-encoded as in an IRI ("a b" -> "a%20b", apart from "a-b")."""
    kept = "".join(ch if ch.isalnum() or ch in "_-." else "".join(f"%{b:02X}" for b in ch.encode("utf-8"))
                   for ch in path.stem)
    # A dot at either end is encoded: ids are the ends of IRIs and of Turtle names, where a final dot
    # ends the statement and "." or ".." would be path steps.
    if kept.startswith("."):
        kept = "%2E" + kept[1:]
    if kept.endswith("."):
        kept = kept[:-1] + "%2E"
    return kept


def decode(data: bytes, name: str) -> str:
    """Decode article bytes: UTF-8 (with or without BOM), UTF-32 or UTF-16 with BOM, else Latin-1 text."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):  # before UTF-16: the same first bytes
        try:
            return data.decode("utf-32")
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: UTF-32 text that cannot be decoded ({exc.reason})") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: UTF-16 text that cannot be decoded ({exc.reason})") from None
        if "\x00" in text:
            raise InputError(f"{name}: binary file, not a text article")
        return text
    if b"\x00" in data[:4096]:
        raise InputError(f"{name}: binary file, not a text article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = data.decode("latin-1")
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    if printable < 0.97 * len(text):
        raise InputError(f"{name}: not a text article (neither UTF-8 nor Latin-1 text)")
    return text


def fingerprint(article: Article) -> str:
    """SHA-256 of an article as read: everything extraction sees (header fields and text)."""
    data = json.dumps([article.id, article.date, article.publisher, article.authors, article.source,
                       article.title, article.body], ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def read_article(path: str | Path) -> Article:
    """Read an article file; raises InputError for anything that is not a usable article."""
    path = Path(path)
    data = read_regular(path, MAX_ARTICLE_BYTES, "article")
    return article_from_bytes(data, printable(path), article_id(path), path=str(path))


def read_article_stream(stream: BinaryIO, name: str = "<stdin>", identifier: str = "stdin") -> Article:
    """Read an article from a stream such as standard input, at most MAX_ARTICLE_BYTES of it."""
    data = stream.read(MAX_ARTICLE_BYTES + 1)
    if len(data) > MAX_ARTICLE_BYTES:
        raise InputError(f"{name}: over the {MAX_ARTICLE_BYTES:,} byte limit for one article")
    return article_from_bytes(data, name, identifier)


def article_from_bytes(data: bytes, name: str, identifier: str, path: str | None = None) -> Article:
    if not data.strip():
        raise InputError(f"{name}: empty file")
    text = decode(data, name)
    article = parse_article(text, identifier, path=path)
    if not article.body.strip():
        raise InputError(f"{name}: a header but no article text")
    return article


# Publication dates kgbuild accepts: news of economic cooperation, with room on both sides. Outside
# them a date is a typing error, and "last Friday" from year 1 is no date at all.
EARLIEST_YEAR, LATEST_YEAR = 1800, 2200


def _check_date(value: str, line_no: int, where: str) -> str:
    try:
        published = date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{where}: line {line_no}: invalid date {value!r} (expected YYYY-MM-DD)") from None
    if not EARLIEST_YEAR <= published.year <= LATEST_YEAR:
        raise InputError(f"{where}: line {line_no}: date {value!r} is not between {EARLIEST_YEAR} and {LATEST_YEAR}")
    return published.isoformat()


def _split_authors(names: str) -> list[str]:
    parts = re.split(r",\s*|\s+and\s+|\s*&\s*", names.strip())
    return [p.strip() for p in parts if p.strip()]


def _publisher_from_url(url: str) -> str | None:
    host = urlparse(url).hostname or ""
    host = re.sub(r"^(www|en|m)\.", "", host)
    return host or None


def parse_article(text: str, article_id: str, path: str | None = None) -> Article:
    """Split text into header metadata and body. The body keeps its characters exactly."""
    where = path or article_id
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    article = Article(id=article_id, body="", path=path)
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            index += 1
            continue
        if match := _DATE_LINE.match(line):
            article.date = _check_date(match.group(1), index + 1, where)
            if match.group(2):
                article.publisher = match.group(2).strip()
        elif match := _SOURCE_LINE.match(line):
            article.source = match.group(1)
        elif match := _TITLE_LINE.match(line):
            article.title = match.group(1)
        elif (match := _BYLINE.match(line)) and len(line.split()) <= 12:
            article.authors.extend(_split_authors(match.group(1)))
        elif (article.title is None and _looks_like_title(line) and index + 2 < len(lines)
              and not lines[index + 1].strip() and any(rest.strip() for rest in lines[index + 2:])):
            article.title = line.strip()
        else:
            break
        index += 1
    body = "\n".join(lines[index:]).strip()
    if match := dateline(body):
        month_name = match.group("month1") or match.group("month2")
        if month_name:
            month = _month_number(month_name)
            day = int(match.group("day1") or match.group("day2"))
            year = int(match.group("year")) if match.group("year") else (
                int(article.date[:4]) if article.date else None)
            if article.date is None and year is not None:
                try:
                    dated = date(year, month, day)
                except ValueError:
                    raise InputError(f"{where}: dateline has an impossible date: {match.group(0).strip()!r}") from None
                if not EARLIEST_YEAR <= dated.year <= LATEST_YEAR:  # the header's bounds hold for a dateline too
                    raise InputError(f"{where}: dateline date {match.group(0).strip()!r} is not between "
                                     f"{EARLIEST_YEAR} and {LATEST_YEAR}")
                article.date = dated.isoformat()
        body = body[match.end():]
    if article.publisher is None and article.source:
        article.publisher = _publisher_from_url(article.source)
    article.body = body
    return article


def dateline(text: str) -> re.Match | None:
    """The dateline at the start of the body: with a date, or a place in capitals or with its news agency."""
    match = _DATELINE.match(text)
    if match is None:
        return None
    dated = match.group("month1") or match.group("month2")
    if dated or match.group("place").isupper() or match.group("agency"):
        return match
    return None


def _month_number(name: str) -> int:
    name = name.rstrip(".").lower()
    return next(i for i, month in enumerate(MONTHS, start=1) if month.startswith(name[:3]))


def _looks_like_title(line: str) -> bool:
    stripped = line.strip()
    return (0 < len(stripped.split()) <= 20 and not stripped.endswith((".", "!", "?", "\"", "”", ":"))
            and not dateline(stripped))
