"""A corpus of real-genre text: the project's own articles (seeds/ and tests/cases/) multiplied under new
names, each written to the length of a real news item.

The synthetic corpus of corpus.py is made of short, regular sentences (about 70 words an article) and
hid how slow extraction was on real items (about 230 words, long sentences, lists of bodies and posts).
Here each article takes the bodies of a few of the project's articles, drawn with a fixed seed, until it
is at least TARGET_WORDS long (about 240 words on average), under a date and source of its own. Only files of this project are used,
so the corpus is the same in a fresh clone."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "seeds", ROOT / "tests" / "cases")
TARGET_WORDS = 190


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
    parts: list[str] = []
    words = 0
    while words < TARGET_WORDS:
        body = rng.choice(bodies)
        if body in parts:
            continue
        parts.append(body)
        words += len(body.split())
    header = f"date {published.isoformat()}\nsource: https://news.example/real/{number}\n\nBy Staff Writer"
    return header + "\n\n" + "\n\n".join(parts) + "\n"


def generate(folder: Path, count: int, seed: int = 20261128) -> Path:
    """Write count articles to folder (once; an existing complete folder is reused)."""
    folder.mkdir(parents=True, exist_ok=True)
    if len(list(folder.glob("*.txt"))) == count:
        return folder
    rng = random.Random(seed)
    bodies = source_bodies()
    start = date(2019, 1, 1)
    for n in range(count):
        published = start + timedelta(days=rng.randrange(0, 2400))
        (folder / f"r{n:06d}.txt").write_text(article(rng, bodies, published, n), encoding="utf-8")
    return folder
