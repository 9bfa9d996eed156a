"""Bilateral trade figures: turnover or volume that happened, with its period.

Left out on purpose, as distractors: export or import sub-figures, targets ("pass the $1bn
mark", "to reach $5 billion"), the value of an agreement or deal, investments and loans,
and percentages (which are never money).
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import math
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .dates import NUMBER_WORDS, complete_same_period, periods, year_before
from .entities import ArticleEntities
from .gazetteer import currency_code, currency_forms, fiscal_year_starts, lookup_country
from .patterns import alternatives, phrases
from .vocabulary import FIGURE_VERBS, NOT_TURNOVER_AFTER, NOT_TURNOVER_BEFORE, ONE_DIRECTION_WORDS, TRADE_WORDS
from .text import Sentence

# A sentence about trade in goods between countries; which of its amounts are turnover is decided
# amount by amount, against the distractor cues below.
_TRADE = phrases(TRADE_WORDS)
_SCALE = {"thousand": 1e3, "k": 1e3, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
          "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bln": 1e9, "bn": 1e9, "b": 1e9,
          "trillion": 1e12, "tril": 1e12, "trn": 1e12, "tn": 1e12}
# Lower-case forms written before a number as well as after it ("dlrs 7.1 billion").
_PREFIX_WORDS = {"dlrs", "dlr"}


def _alternation(forms) -> str:
    parts = []
    for form in sorted(forms, key=len, reverse=True):
        escaped = re.escape(form).replace(r"\ ", r"\s+")
        parts.append(escaped + (r"(?![a-z])" if form[-1].isalnum() else ""))
    return "|".join(parts)


@lru_cache(maxsize=1)
def _money_pattern() -> re.Pattern:
    forms = currency_forms()
    abbreviations = {spelling for form in forms.values() for spelling in form.abbreviations}
    # Abbreviations are matched as written ("Ft" is forints, "ft" feet; "TRY" lira, "try" a word), words
    # of any case ("dirhams", "Dirhams").
    words = [f for f, form in forms.items() if not form.abbreviations]
    scales = "|".join(sorted(_SCALE, key=len, reverse=True))
    return re.compile(
        r"(?<![\w.])(?P<pre>(?-i:" + _alternation(abbreviations | _PREFIX_WORDS) + r"))?\s?"
        r"(?:(?P<num>\d(?:[\d,]*\d)?(?:\.\d+)?)\s?(?:(?P<scale>" + scales + r")(?![a-z])\.?)?"
        r"|(?P<word>" + "|".join(NUMBER_WORDS) + r")\s(?P<wscale>million|billion|trillion)(?![a-z]))\s?"
        r"(?P<post>(?-i:" + _alternation(abbreviations) + r")|" + _alternation(words) + r")?", re.IGNORECASE)


_NOT_TURNOVER_AFTER = re.compile(
    r"^\s*(?:\w+\s+){0,2}" + alternatives(NOT_TURNOVER_AFTER) + r"\b"
    r"|^[^.;,]{0,12}\bby\s+(?:the\s+end\s+of\s+)?(?P<by>(?:20|19)\d\d)\b", re.IGNORECASE)  # "$30 billion by 2025"
_NOT_TURNOVER_BEFORE = re.compile(r"\b" + alternatives(NOT_TURNOVER_BEFORE) + r"\b(?:\s+\S+){0,3}\s*$", re.IGNORECASE)
# An amount in a clause about one direction of trade is a part of it.
_ONE_DIRECTION = phrases(ONE_DIRECTION_WORDS)
_CLAUSE_START = re.compile(r"[,;(]|\b(?:with|while|whereas|of\s+which|including)\b", re.IGNORECASE)
# A sentence that goes on about the figure before.
_SAME_FIGURE = re.compile(r"\b(?:it|the\s+figure|this\s+figure|the\s+volume|the\s+turnover)\s+(?:\w+\s+){0,2}?"
                          + alternatives(FIGURE_VERBS) + r"\b"
                          r"|\bput\s+(?:it|the\s+figure|the\s+total)\s+at\b", re.IGNORECASE)  # "Polish data put it at"


def _not_turnover_after(after: str, published: date | None) -> bool:
    """Do the words after an amount make it something else than turnover? "$30 billion by 2025" is a
    target, "$80 mln by the end of 2021" (a year already over) is not."""
    match = _NOT_TURNOVER_AFTER.match(after)
    if match is None:
        return False
    by = match.group("by")
    return not (by and published is not None and int(by) < published.year)


# How far before an amount the words that qualify it are read: a clause or a period further back than
# this belongs to something else, and reading no further keeps a sentence of thousands of amounts linear.
_LOOK_BACK = 400


def _one_direction(text: str, start: int, clause_starts: list[int]) -> bool:
    """Is the amount at start told in a clause about exports or imports alone? (clause_starts: where
    the sentence's clauses start, in order)"""
    at = bisect.bisect_right(clause_starts, start) - 1
    clause_start = max(clause_starts[at] if at >= 0 else 0, start - _LOOK_BACK)
    return bool(_ONE_DIRECTION.search(text, clause_start, start))


def _regional(sentence: Sentence, entities: ArticleEntities) -> bool:
    """Trade of a country with a city or region ("Vietnam-Chongqing trade"), not between two countries."""
    compounds = {m.first for m in entities.country_mentions.get(sentence.index, []) if m.in_compound}
    for i in compounds:
        parts = re.split(r"[-–]", sentence.tokens[i].text)
        if any(part[:1].isupper() and lookup_country(part) is None for part in parts):
            return True
    return False


@dataclass
class TradeFinding:
    countries: list[str]
    amount: float
    currency: str
    period: str | None
    sentence: int
    start: int
    end: int


def _amount(match: re.Match, countries: list[str]) -> tuple[float, str] | None:
    pre, post = match.group("pre"), match.group("post")
    if not pre and not post:
        return None
    currency = currency_code(re.sub(r"\s+", " ", pre or post), countries)
    if currency is None:
        return None
    if match.group("word"):
        number, scale = float(NUMBER_WORDS[match.group("word").lower()]), match.group("wscale").lower()
    else:
        number, scale = float(match.group("num").replace(",", "")), (match.group("scale") or "").lower()
    return number * _SCALE.get(scale, 1.0), currency


def _figure_countries(sentence: Sentence, entities: ArticleEntities, main_countries: list[str],
                      last_pair: list[str] | None) -> list[str]:
    """The two countries a trade sentence is about: named in it ("Russia-India trade" too), the one
    named and the article's other main country ("trade with Mexico"), or those of the figure before."""
    mentions = entities.country_mentions.get(sentence.index, [])
    codes: list[str] = []
    for mention in sorted(mentions, key=lambda m: m.in_compound):
        if mention.country.code not in codes:
            codes.append(mention.country.code)
    if len(codes) >= 2:
        return codes[:2]
    if len(codes) == 1:
        partner = next((c for c in (last_pair or []) + main_countries if c != codes[0]), None)
        return [codes[0], partner] if partner else []
    return list(last_pair or main_countries[:2])


# "3.69 trillion baht (about 107 billion U.S. dollars)": the same amount in another currency
_EQUIVALENT_OPENS = re.compile(r"\s*\(\s*(?:about|approximately|around|roughly|some|nearly|almost|or|ca\.?|~)?\s*",
                               re.IGNORECASE)


def _money(text: str, countries: list[str]) -> list[tuple[re.Match, tuple[float, str]]]:
    """Amounts of money in the text that may be trade turnover; an amount followed by its equivalent
    in brackets ("Dh172 billion ($46.83bn)") counts once, in US dollars where one of them is."""
    found = []
    for match in _money_pattern().finditer(text):
        value = _amount(match, countries)
        if value is not None:
            found.append((match, value))
    kept = []
    for match, value in found:
        if kept and _EQUIVALENT_OPENS.fullmatch(text[kept[-1][0].end():match.start()]) and \
                text[match.end():].lstrip().startswith(")"):
            if value[1] == "USD" and kept[-1][1][1] != "USD":
                kept[-1] = (kept[-1][0], value)
            continue
        kept.append((match, value))
    return kept


def _period_of(text: str, match: re.Match, free: list) -> tuple | None:
    """The period an amount is for: one right after it ("$600mn in 2022"), else the nearest one
    before it ("In 2022, trade rose to $1.3 billion"), else the nearest one."""
    if not free:
        return None
    after = [(i, p) for i, p in free if 0 <= p.start - match.end() <= 16
             and re.fullmatch(r"[\s\w]*", text[match.end():p.start]) and "same:" not in p.value]
    if after:
        return min(after, key=lambda ip: ip[1].start)
    before = [(i, p) for i, p in free if p.end <= match.start() and not p.value.startswith("same:")]
    if before:
        return max(before, key=lambda ip: ip[1].end)
    near = [(i, p) for i, p in free if min(abs(p.start - match.end()), abs(match.start() - p.end)) <= 60]
    return min(near, key=lambda ip: min(abs(ip[1].start - match.end()), abs(match.start() - ip[1].end))) \
        if near else None  # a period far away in the sentence is another clause's


# "US$1.44 billion, US$1.51 billion and US$2 billion in 2010, 2011 and 2013, respectively"
_RESPECTIVE_YEARS = re.compile(r"\b(?:in|for)\s+((?:(?:19|20)\d\d,?\s+(?:and\s+)?){1,11}(?:19|20)\d\d),?\s+respectively\b",
                               re.IGNORECASE)
# "between 2002 and 2008, from US$211 million to US$4.2 billion": the first amount is the first year's
_FROM_TO_YEARS = re.compile(r"\bbetween\s+((?:19|20)\d\d)\s+and\s+((?:19|20)\d\d)\b|\bfrom\s+((?:19|20)\d\d)\s+to\s+"
                            r"((?:19|20)\d\d)\b", re.IGNORECASE)


def _paired_years(text: str, amounts: list[re.Match]) -> dict[int, str | None]:
    """Years told in the same order as the amounts: "... in 2010, 2011 and 2012, respectively", or a change
    "from $A to $B" between two years. Index of the amount -> its year."""
    if match := _RESPECTIVE_YEARS.search(text):
        years = re.findall(r"\d{4}", match.group(1))
        before = [i for i, m in enumerate(amounts) if m.end() <= match.start()][-len(years):]
        if len(before) == len(years):
            return dict(zip(before, years))
    if (match := _FROM_TO_YEARS.search(text)) and len(amounts) == 2:
        first, last = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        between = text[amounts[0].end():amounts[1].start()]
        if re.fullmatch(r"\s*(?:to|and)\s*", between) and first < last:
            return {0: first, 1: last}
    return {}


def fiscal_period(value: str, pair: list[str]) -> str | None:
    """'fiscal:FY2020-21' between Bangladesh and Sri Lanka -> '2020-07..2021-06': the months of the fiscal
    year of the first country of the pair that keeps one; None when neither does."""
    starts = fiscal_year_starts()
    first_month = next((starts[code] for code in pair if code in starts), None)
    year = re.search(r"(\d{4})", value)
    if first_month is None or year is None:
        return None
    begin = int(year.group(1))
    if "ending" in value and first_month > 1:
        begin -= 1  # "FY2023": the fiscal year that ends in 2023
    end_year, end_month = (begin + 1, first_month - 1) if first_month > 1 else (begin, 12)
    return f"{begin}-{first_month:02d}..{end_year}-{end_month:02d}"


def find_trade_figures(sentences: list[Sentence], entities: ArticleEntities, published: date | None,
                       main_countries: list[str]) -> list[TradeFinding]:
    findings: list[TradeFinding] = []
    last_pair: list[str] | None = None
    previous: Sentence | None = None  # the sentence before, whose period a figure may take
    figure_before = False
    for sentence in sentences:
        text = sentence.text
        continues = figure_before and bool(_SAME_FIGURE.search(text))
        figure_before = False
        if not _TRADE.search(text) and not continues or _regional(sentence, entities):
            previous = sentence
            continue
        pair = _figure_countries(sentence, entities, main_countries, last_pair)
        if len(pair) < 2:
            previous = sentence
            continue
        amounts = []
        clause_starts = [m.end() for m in _CLAUSE_START.finditer(text)]
        for match, value in _money(text, pair):
            if _not_turnover_after(text[match.end():match.end() + _LOOK_BACK], published) or _NOT_TURNOVER_BEFORE.search(
                    text[max(0, match.start() - _LOOK_BACK):match.start()]) or _one_direction(text, match.start(),
                                                                                            clause_starts):
                continue
            amounts.append((match, value))
        if not amounts:
            previous = sentence
            continue
        found_periods = periods(text, published)
        if (data_year := _DATA_YEAR.search(text)) and published is not None:
            # "The most recent figures, which are for 2015, showed that this year it fell to ...": the year of
            # the figures, not of the report
            found_periods = [dataclasses.replace(f, value=data_year.group(1))
                             if f.value == str(published.year) and text[f.start:f.end].lower().startswith("this")
                             else f for f in found_periods]
        if not found_periods and previous is not None:
            found_periods = periods(previous.text, published)[-1:]  # "In 2022, ... . Trade reached $1.3 billion."
        claimed: set[int] = set()
        assigned: dict[int, str | None] = _paired_years(text, [m for m, _ in amounts])
        # An amount in brackets belongs to the period just before it: "the same period in 2023 ($402 million)".
        period_ends = [p.end for p in found_periods]
        for index, (match, _) in enumerate(amounts):
            if text[max(0, match.start() - 8):match.start()].rstrip().endswith("("):
                last_before = bisect.bisect_right(period_ends, match.start()) - 1
                if last_before >= 0:
                    assigned[index] = found_periods[last_before].value
                    claimed.add(last_before)
        for index, (match, _) in enumerate(amounts):
            if index in assigned:
                continue
            # only the periods near the amount can be its own
            low = bisect.bisect_left(period_ends, match.start() - _LOOK_BACK)
            high = bisect.bisect_right(period_ends, match.end() + _LOOK_BACK)
            chosen = _period_of(text, match, [(i, found_periods[i]) for i in range(low, high) if i not in claimed])
            assigned[index] = chosen[1].value if chosen else None
            if chosen:
                claimed.add(chosen[0])
        # the periods of the other amounts, for one told relative to them ("a year earlier"); two suffice
        plain = list(itertools.islice(((j, p) for j, p in assigned.items() if p and ":" not in p), 2))
        for index, (match, (amount, currency)) in enumerate(amounts):
            period = assigned[index]
            others = [p for j, p in plain if j != index]
            if period and period.startswith("same:"):
                period = complete_same_period(period, others[0] if others else None)
            elif period and period.startswith("before:"):  # "up from $1.4 billion a year earlier"
                period = year_before(others[0]) if others else None
            elif period and period.startswith("fiscal:"):
                period = fiscal_period(period, pair)  # "in 2022-23": months by the country's fiscal year
            for each in (period.split("|") if period else [None]):  # "in 2020 and 2021": one figure a year
                findings.append(TradeFinding(list(pair), amount, currency, each, sentence.index,
                                             sentence.start + match.start(),
                                             sentence.start + match.start() + len(match.group(0).rstrip(" ."))))
        last_pair = list(pair)
        figure_before = True
        previous = None
    return _without_restatements(findings)


# The year the figures of a sentence are for: "the most recent figures, which are for 2015", "data for 2015".
_DATA_YEAR = re.compile(r"\b(?:figures|data|statistics)\b[^.;]{0,60}?\b(?:are|were|is|was)?\s*for\s+((?:19|20)\d\d)\b",
                        re.IGNORECASE)
# Two amounts this close for the same pair, period and currency are one figure told twice: "trade comes to
# 20.299 billion dollars", then "trade between them exceeds 20 billion dollars".
RESTATED_WITHIN = 0.03
RESTATEMENT_REACH = 8  # sentences that told a figure of that size, the latest, a restatement is looked for in


def _without_restatements(findings: list[TradeFinding]) -> list[TradeFinding]:
    """The figures, each once: of a figure told again in round numbers, the most precise telling.
    Amounts are looked up by the band of their size, among the few sentences that told one last, so a
    text of thousands of figures is not compared pair by pair."""
    kept: list[TradeFinding] = []
    # (pair, period, currency, band of the amount) -> indexes in kept, one a sentence, the latest few
    by_band: dict[tuple, list[int]] = {}
    for finding in findings:
        fact = (frozenset(finding.countries), finding.period, finding.currency)
        band = _band(finding.amount)
        near = [i for b in (band - 1, band, band + 1) for i in by_band.get((*fact, b), ())]
        same = next((i for i in near if finding.sentence != kept[i].sentence
                     and abs(kept[i].amount - finding.amount) <= RESTATED_WITHIN * max(kept[i].amount, finding.amount)),
                    None)
        if same is None:
            told = by_band.setdefault((*fact, band), [])
            if not told or kept[told[-1]].sentence != finding.sentence:
                told.append(len(kept))
                del told[:-RESTATEMENT_REACH]
            kept.append(finding)
        elif _precision(finding.amount) > _precision(kept[same].amount):
            kept[same] = finding
    return kept


def _band(amount: float) -> int:
    """Amounts within RESTATED_WITHIN of each other fall in the same band or in neighbouring ones."""
    return int(math.log(amount) / math.log(1 + RESTATED_WITHIN)) if amount > 0 else 0


def _precision(amount: float) -> int:
    """How many significant digits an amount is told with: 20,299,000,000 has five, 20,000,000,000 one."""
    digits = f"{amount:.0f}".rstrip("0")
    return len(digits)
