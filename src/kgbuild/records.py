"""The records that pass from extraction to mapping, and their JSON form.

The JSON form is a public contract (see README, "Records JSON"): external scorers
read it, so keys are only ever added, never renamed.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any


def slug(text: str) -> str:
    """A readable, stable identifier for a name: lower case words joined by hyphens. Latin letters lose
    their accents; letters and digits of other scripts are kept, so that names differing only in
    them ("Όμικρον Agency", "Σίγμα Agency") stay two identifiers."""
    import unicodedata

    kept = "".join(ch for ch in unicodedata.normalize("NFKD", text)
                   if ch.isascii() or unicodedata.category(ch)[0] in "LN")
    readable = re.sub(r"[^a-z0-9\u0080-\U0010ffff]+", "-", kept.lower()).strip("-")
    if readable:
        return readable
    import hashlib  # a name with no Latin letters still needs an identifier of its own

    return "h" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: sentence index and character offsets into the article body."""

    sentence: int
    start: int
    end: int
    text: str


@dataclass
class ArticleMeta:
    id: str
    title: str | None = None
    date: str | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    source: str | None = None
    format: str = "txt"  # the form the article came in (README, Input)


@dataclass
class Country:
    name: str
    code: str
    mentions: list[Evidence] = field(default_factory=list)


@dataclass
class Organization:
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    type: str = "Organization"
    country: str | None = None
    mentions: list[Evidence] = field(default_factory=list)


@dataclass
class Person:
    id: str
    name: str
    post: str | None = None
    organization: str | None = None
    mentions: list[Evidence] = field(default_factory=list)


@dataclass
class Meeting:
    id: str
    participants: list[str] = field(default_factory=list)
    date: str | None = None
    place: str | None = None
    topics: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Agreement:
    id: str
    kind: str
    parties: list[str] = field(default_factory=list)
    signatories: list[str] = field(default_factory=list)
    date: str | None = None
    topics: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class TradeFigure:
    countries: list[str]
    indicator: str
    amount: float
    currency: str
    period: str | None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Records:
    """Everything one article states, ready for the mappers."""

    article: ArticleMeta
    countries: list[Country] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    trade_figures: list[TradeFigure] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json(self, indent: int | None = 1) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Records":
        def evidence(items: list[dict]) -> list[Evidence]:
            return [Evidence(**e) for e in items]

        def with_evidence(kind: type, item: dict, key: str) -> Any:
            return kind(**{**item, key: evidence(item.get(key, []))})

        return cls(
            article=ArticleMeta(**data["article"]),
            countries=[with_evidence(Country, c, "mentions") for c in data.get("countries", [])],
            organizations=[with_evidence(Organization, o, "mentions") for o in data.get("organizations", [])],
            persons=[with_evidence(Person, p, "mentions") for p in data.get("persons", [])],
            meetings=[with_evidence(Meeting, m, "evidence") for m in data.get("meetings", [])],
            agreements=[with_evidence(Agreement, a, "evidence") for a in data.get("agreements", [])],
            trade_figures=[with_evidence(TradeFigure, t, "evidence") for t in data.get("trade_figures", [])],
            topics=list(data.get("topics", [])),
        )

    @classmethod
    def from_json(cls, text: str) -> "Records":
        return cls.from_dict(json.loads(text))
