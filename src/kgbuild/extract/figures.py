"""Bilateral trade figures: turnover or volume that happened, with its period.

Left out on purpose, as distractors: export or import sub-figures, targets ("pass the $1bn
mark", "to reach $5 billion"), the value of an agreement or deal, investments and loans,
and percentages (which are never money).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .dates import complete_same_period, periods
from .entities import ArticleEntities
from .gazetteer import currency_words
from .text import Sentence

_TRADE = re.compile(
    r"\b(?:trade\s+turnover|turnover|trade\s+volume|volume\s+of\s+(?:bilateral\s+|mutual\s+)?trade|mutual\s+trade"
    r"|bilateral\s+trade|trade\s+between|foreign\s+trade|trade\s+exchange|commodity\s+turnover"
    r"|trade\s+(?:reached|amounted|stood|totaled|totalled|hit|grew|rose|increased|exceeded))\b", re.IGNORECASE)
_SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9,
          "bln": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12}
_MONEY = re.compile(
    r"(?P<pre>US\$|\$|€|£|¥|\b(?:USD|EUR|GBP|AZN)\s?)?"
    r"(?P<num>\d[\d,]*(?:\.\d+)?)\s?"
    r"(?P<scale>thousand|million|mln|mn|billion|bln|bn|trillion|tn|[mbk](?![a-z]))?\.?\s?"
    r"(?P<post>US\s+dollars|U\.S\.\s+dollars|dollars|USD|euros?|EUR|manats?|AZN|roubles?|rubles?|tenge|KZT|soums?"
    r"|UZS|liras?|yuan|rupees)?\b", re.IGNORECASE)
_NOT_TURNOVER_AFTER = re.compile(r"^\s*(?:\w+\s+){0,2}(?:agreement|agreements|deal|deals|contract|contracts|mark"
                                 r"|target|worth\s+of\s+investment|investment|investments|loan|credit|grant)",
                                 re.IGNORECASE)
_NOT_TURNOVER_BEFORE = re.compile(
    r"(?:\b(?:export|exports|import|imports|exported|imported|invest\w*|loan|credit|grant|target|goal|aim\w*|plan\w*"
    r"|pass|surpass|exceed|bring|increase\s+(?:it\s+)?to|raise\s+(?:it\s+)?to|to\s+reach|reach|up\s+to)\b"
    r"(?:\s+\S+){0,3}\s*$)", re.IGNORECASE)


@dataclass
class TradeFinding:
    countries: list[str]
    amount: float
    currency: str
    period: str | None
    sentence: int
    start: int
    end: int


def _amount(match: re.Match) -> tuple[float, str] | None:
    pre, post = match.group("pre"), match.group("post")
    if not pre and not post:
        return None
    currency = currency_words().get((pre or post).strip().lower())
    if currency is None:
        return None
    number = float(match.group("num").replace(",", ""))
    scale = (match.group("scale") or "").lower()
    return number * _SCALE.get(scale, 1.0), currency


def find_trade_figures(sentences: list[Sentence], entities: ArticleEntities, published: date | None,
                       main_countries: list[str]) -> list[TradeFinding]:
    findings: list[TradeFinding] = []
    last_pair: list[str] | None = None
    for sentence in sentences:
        if not _TRADE.search(sentence.text):
            continue
        text = sentence.text
        codes: list[str] = []
        for mention in entities.country_mentions.get(sentence.index, []):
            if not mention.in_compound and mention.country.code not in codes:
                codes.append(mention.country.code)
        pair = codes[:2] if len(codes) >= 2 else (last_pair or main_countries[:2])
        if len(pair) < 2:
            continue
        found_periods = periods(text, published)
        amounts = []
        for match in _MONEY.finditer(text):
            value = _amount(match)
            if value is None:
                continue
            if _NOT_TURNOVER_AFTER.match(text[match.end():]) or _NOT_TURNOVER_BEFORE.search(text[:match.start()]):
                continue
            amounts.append((match, value))
        if not amounts:
            continue
        claimed: set[int] = set()
        assigned: dict[int, str | None] = {}
        # An amount in brackets belongs to the period just before it: "the same period in 2023 ($402 million)".
        for index, (match, _) in enumerate(amounts):
            if text[:match.start()].rstrip().endswith("("):
                before = [p for p in found_periods if p.end <= match.start()]
                if before:
                    assigned[index] = before[-1].value
                    claimed.add(found_periods.index(before[-1]))
        for index, (match, _) in enumerate(amounts):
            if index in assigned:
                continue
            free = [(i, p) for i, p in enumerate(found_periods) if i not in claimed]
            if not free:
                assigned[index] = None
                continue
            i, nearest = min(free, key=lambda ip: min(abs(ip[1].start - match.end()), abs(match.start() - ip[1].end)))
            assigned[index] = nearest.value
            claimed.add(i)
        for index, (match, (amount, currency)) in enumerate(amounts):
            period = assigned[index]
            if period and period.startswith("same:"):
                others = [assigned[j] for j in assigned if j != index and assigned[j] and not assigned[j].startswith("same:")]
                period = complete_same_period(period, others[0] if others else None)
            findings.append(TradeFinding(list(pair), amount, currency, period, sentence.index,
                                         sentence.start + match.start(),
                                         sentence.start + match.start() + len(match.group(0).rstrip(" ."))))
        last_pair = list(pair)
    return findings
