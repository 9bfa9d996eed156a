"""A corpus of real-genre text: the project's own articles (seeds/ and tests/cases/) multiplied under new
names, one story an article, each under a date and source of its own.

The synthetic corpus of corpus.py is made of short, regular sentences and hid how slow extraction was
on real items (long sentences, lists of bodies and posts). Here each article is the body of one of the
project's articles, drawn with a fixed seed: about 80 words and the genre's sentences. (Until December
2026 an article glued three or four bodies together to reach news length, about 255 words; extraction
then joined facts of unrelated stories, and the figures measured on it are of that corpus.) Only files
of this project are used, so the corpus is the same in a fresh clone."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "seeds", ROOT / "tests" / "cases")
# written into a generated folder: a folder of the older, glued corpus is made again
MARK = ".one-story-an-article"


def _body(text: str) -> str:
    """An article's text without its header lines (date, source, byline)."""
    paragraphs = text.replace("\r\n", "\n").split("\n\n")
    kept = [p.strip() for p in paragraphs[1:] if p.strip() and not p.lstrip().startswith("By ")]
    return "\n\n".join(kept)


def source_bodies() -> list[str]:
    bodies = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")):
            body = _body(path.read_text(encoding="utf-8"))
            if body:
                bodies.append(body)
    return bodies


def article(rng: random.Random, bodies: list[str], published: date, number: int) -> str:
    header = f"date {published.isoformat()}\nsource: https://news.example/real/{number}\n\nBy Staff Writer"
    return header + "\n\n" + rng.choice(bodies) + "\n"


def generate(folder: Path, count: int, seed: int = 20261128) -> Path:
    """Write count articles to folder (once; an existing complete folder is reused)."""
    folder.mkdir(parents=True, exist_ok=True)
    if len(list(folder.glob("*.txt"))) == count and (folder / MARK).exists():
        return folder
    for old in folder.glob("*.txt"):
        old.unlink()
    rng = random.Random(seed)
    bodies = source_bodies()
    start = date(2019, 1, 1)
    for n in range(count):
        published = start + timedelta(days=rng.randrange(0, 2400))
        (folder / f"r{n:06d}.txt").write_text(article(rng, bodies, published, n), encoding="utf-8")
    (folder / MARK).touch()
    return folder
