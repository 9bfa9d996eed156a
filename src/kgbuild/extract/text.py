"""Sentences and tokens with character offsets into the article body."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..article import dateline
from .vocabulary import TRANSLITERATED_INITIALS

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "inc", "ltd", "co", "corp", "no", "gen",
    "sen", "rep", "gov", "vs", "etc", "e.g", "i.e", "approx", "dept", "est", "jan", "feb", "mar",
    "apr", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.s.a", "mln", "bln",
}
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?(?=\s+[\"“‘(]?[A-Z0-9$])")
_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"              # U.S., U.K.
    r"|US\$|€|£|\$"                 # currency signs
    r"|\d+(?:st|nd|rd|th)\b"        # ordinals
    r"|\d+(?:,\d{3})*(?:\.\d+)?"    # numbers, 5,183 and 260.2
    r"|['’]s\b"                     # possessive
    r"|[^\W_]+(?:[-‐–][^\W_]+|['’][^\W_]{2,})*"    # words, hyphenated words, O'Neil, d'Ivoire (not 's)
    r"|\S"
)


class Token:
    """A word, number or sign of a sentence, with its character offsets into the article body."""

    __slots__ = ("text", "start", "end", "lower", "is_cap")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end
        # computed once: the matchers ask each token these many times
        self.lower = text.lower()
        # "d'Ivoire", "l'Industrie": an elided article before a capitalised name is written as part of it
        self.is_cap = text[:1].isupper() or (text[:1].isdigit() and any(c.isalpha() for c in text)) or (
            text[1:2] in ("'", "’") and text[2:3].isupper())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Token) and (self.text, self.start, self.end) == (other.text, other.start, other.end)

    def __hash__(self) -> int:
        return hash((self.text, self.start, self.end))

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"

    @property
    def is_acronym(self) -> bool:
        letters = self.text.rstrip("s")
        return len(letters) >= 2 and letters.isalpha() and letters.isupper()


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]


def token_texts(text: str) -> tuple[str, ...]:
    """The words and signs of a text, as the sentences' tokens cut them."""
    return tuple(m.group(0) for m in _TOKEN.finditer(text))


def split_sentences(body: str) -> list[Sentence]:
    """Split the body into sentences; paragraphs never run into each other."""
    sentences: list[Sentence] = []
    for paragraph in re.finditer(r"[^\n]+", body):
        start = paragraph.start()
        text = paragraph.group(0)
        cut = 0
        for match in _SENTENCE_END.finditer(text):
            before = text[max(cut, match.start() - 40):match.start()].split()  # the last word is enough
            written = before[-1].rstrip(".").split(".")[-1] if before else ""  # "S.E.Dr." ends in "Dr"
            last = written.lower()
            if last in _ABBREVIATIONS or re.fullmatch(r"[a-z]", last) or written in TRANSLITERATED_INITIALS:
                continue  # (an initial: "R. Meredov", "Sh. Yusupova")
            _add(sentences, body, start + cut, start + match.end())
            cut = match.end()
        _add(sentences, body, start + cut, start + len(text))
    return sentences


def _add(sentences: list[Sentence], body: str, start: int, end: int) -> None:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if start >= end:
        return
    text = body[start:end]
    tokens = tuple(Token(m.group(0), start + m.start(), start + m.end()) for m in _TOKEN.finditer(text))
    sentences.append(Sentence(len(sentences), start, end, text, tokens))


_WORD = re.compile(r"[^\W\d_][\w'’\-]*")


def _is_prose(paragraph: str) -> bool:
    return len(paragraph.split()) >= 8 and paragraph.rstrip().endswith((".", "!", "?", "\"", "”", "’"))


def _is_headline(paragraph: str) -> bool:
    """A story's headline: a few words of a title, no sentence ("Lagos Chamber, Dutch embassy sign pact")."""
    text = paragraph.strip()
    words = text.split()
    return (3 <= len(words) <= 16 and len(_WORD.findall(text)) >= 3 and text[:1].isupper()
            and not text.endswith((".", "!", "?", ":", ";", ",", "\"", "”", ")"))
            and not re.search(r"[:|]|[.!?]\s", text)
            and not text.startswith("By ") and dateline(text + " - ") is None)


def _story_dateline(paragraph: str) -> re.Match | None:
    """A dateline opening a paragraph, not an abbreviation read as a place in capitals ("U.S. ", "H.E. ")."""
    match = dateline(paragraph)
    return match if match and "." not in match.group("place") else None


def story_starts(body: str) -> list[int]:
    """Where each story of the body starts: [0] for an article of one story. A digest page tells several
    short stories one after another, each under its dateline ("ACCRA, May 3 (GNA) -") or its headline.
    A dateline after prose always starts a story (a story has one, at its start, and the article's own is
    not in the body); headlines start stories only when two or more follow prose, for one subheading
    inside a story starts no new one. A headline just before a dateline starts that story."""
    paragraphs = [(m.start(), m.group(0).strip()) for m in re.finditer(r"[^\n]+", body) if m.group(0).strip()]
    headlines: list[int] = []  # indexes into paragraphs
    datelines: list[int] = []
    seen_prose = False
    for i, (_, text) in enumerate(paragraphs):
        if seen_prose:
            following = paragraphs[i + 1][1] if i + 1 < len(paragraphs) else ""
            if (match := _story_dateline(text)) and _is_prose(text[match.end():]):
                datelines.append(i)
            elif _is_headline(text) and _is_prose(paragraphs[i - 1][1]) and (
                    _is_prose(following) or _story_dateline(following)):
                headlines.append(i)
        seen_prose = seen_prose or _is_prose(text)
    firsts = {i - 1 if i - 1 in headlines else i for i in datelines}
    if len(headlines) >= 2:
        firsts.update(headlines)
    return [0, *sorted(paragraphs[i][0] for i in firsts)]
