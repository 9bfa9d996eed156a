"""Dates of events and periods of figures, resolved against the publication date.

Conventions (README, "Records JSON"): event dates are YYYY-MM-DD or YYYY-MM; a day and month
without a year take the publication year; a weekday is counted back from the publication
date (the publication day itself included). Periods are YYYY, YYYY-H1/H2, YYYY-Qn or
YYYY-MM..YYYY-MM.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
NUMBER_WORDS = {w: i + 1 for i, w in enumerate(
    "one two three four five six seven eight nine ten eleven twelve".split())}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}

_M = r"(January|February|March|April|May|June|July|August|September|October|November|December|" \
     r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
MONTH_NAME = _M.replace("(", "(?:", 1)  # the same, capturing nothing: for other modules' patterns


class _Spans:
    """Non-overlapping character spans, kept sorted: whether a new one overlaps any is a bisection, not a
    scan (a sentence of thousands of dates stays linear)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        at = bisect.bisect_right(self.starts, start)
        return at > 0 and self.ends[at - 1] > start or at < len(self.starts) and self.starts[at] < end

    def add(self, start: int, end: int) -> None:
        at = bisect.bisect_right(self.starts, start)
        self.starts.insert(at, start)
        self.ends.insert(at, end)


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    value: str
    precision: int  # 3 day, 2 month, 1 year: the most precise mention of an event wins
    several_days: bool = False  # "on Sept. 22-23": the first of several days


def _month(name: str) -> int:
    return _MONTH_ABBR[name.lower()[:4] if name.lower().startswith("sept") else name.lower()[:3]]


def _safe(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _M + r"(?:,?\s*(\d{4})\b)?")
_FIRST_DAY_OF_SPAN = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|to|and)\s*$")
_MONTH_DAY = re.compile(r"\b" + _M + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?")
_MONTH_ONLY = re.compile(r"\b(?:[Ii]n|[Dd]uring|[Ss]ince)\s+(?:early\s+|mid-|late\s+)?" + _M + r"(?:\s+(\d{4}))?\b")
_MONTH_YEAR_BEFORE_NOUN = re.compile(r"\b(?:[Aa]n?|[Tt]he)\s+" + _M + r"\s+(\d{4})\b")  # "a December 2016 advisory forum"
# "last November": the latest such month before publication
_LAST_MONTH_NAMED = re.compile(r"\b[Ll]ast\s+" + _M + r"(?!\s*\d)")
# "on Tuesday", "last Tuesday", "this Wednesday", and the wire style's bare weekday after a verb ("met
# Tuesday", "came together Tuesday in Setif")
_WEEKDAY = re.compile(r"\b(?:(?:[Oo]n|[Ll]ast|[Ff]rom|[Ss]ince|[Tt]his)\s+|(?<=[a-z]\s))"
                      r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b(?!['’]s)")
_DATE_AFTER_WEEKDAY = re.compile(r",?\s+(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _M + "|" + _M + r"\s+\d)")
_ON_BEFORE = re.compile(r"\b[Oo]n\s+(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?(?:the\s+)?$")
_OPENING_YEAR = re.compile(r"\W*In\s+((?:19|20)\d\d)\b(?!\s*[-–/])")
_DAY_SPAN = re.compile(r"\s*[-–]\s*\d{1,2}\b")  # "Sept. 22-23"
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
# "On 10.06.2025": day, month and year in figures between dots, as much of the world's press writes a date
# (a month first is written with slashes, which are left alone for that reason)
_DOTTED = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)\b(?!\.\d)")
_RELATIVE_DAY = re.compile(r"\b(yesterday|today)\b", re.IGNORECASE)
# "last month", "last week": the month they fall in (the day is not told)
_RELATIVE_MONTH = re.compile(r"\b(?:[Ll]ast|[Pp]revious)\s+(month|week)\b")
# "earlier this month", "this week": the publication's month
_THIS_MONTH = re.compile(r"\b(?:(?:[Ee]arlier|[Ll]ater)\s+)?(?:this|[Ee]arlier\s+in\s+the)\s+(?:month|week)\b")
# "two days ago": counted back from the publication day
_DAYS_AGO = re.compile(r"\b(two|three|four|five|six|2|3|4|5|6)\s+days\s+ago\b", re.IGNORECASE)
_DAY_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
# ("said that on August 24 the embassy hosted ...": a date after "that" is the reported event's)
_REPORTED = re.compile(r"\b(?:said|says|told|stated|reported|announced|issued|released|published|put\s+out)"
                       r"(?:\s+(?!that\b)[\w.]+){0,3}\s*$")
_DURING_EVENT = re.compile(r"\s*(?:\(\d{1,2}\)\s*)?,?\s*(?:during|at|in\s+the\s+course\s+of)\s+(?:a|an|the|their)\s+"
                           r"(?:[\w-]+\s+){0,2}?(?:meeting|talks|visit|forum|session|ceremony|conference|opening|summit"
                           r"|expo|fair|exhibition)\b", re.IGNORECASE)
# "concluded two days of meetings on Friday, July 20": the date told is the last day, the event began earlier
_ENDED_AFTER_DAYS = re.compile(r"\b(?:concluded|ended|wrapped\s+up|completed|closed)\s+(?:(?:a|its|their)\s+)?"
                               r"(two|three|four|five|2|3|4|5)[- ]days?\b[^.;]*$", re.IGNORECASE)
_DAY_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5}
# "said their conversations today had ...": the date of the talks, not of the saying
_EVENT_NOUN_BEFORE = re.compile(r"\b(?:talks|meetings?|conversations?|discussions|negotiations|visit|session|signing)"
                                r"\s+(?:on\s+|held\s+|of\s+)?$", re.IGNORECASE)
_DEADLINE = re.compile(r"\b(?:[Bb]y|[Uu]ntil|[Tt]ill)\s+$")
_FUTURE = re.compile(r"\b(?:this|next|coming|upcoming)\s+$", re.IGNORECASE)


def event_dates(text: str, published: date | None) -> list[Found]:
    """Every date of a past or present event stated in text, in order of appearance."""
    found: list[Found] = []
    taken = _Spans()

    def add(match: re.Match, value: str | None, precision: int, several_days: bool = False) -> None:
        if value is None or taken.overlaps(match.start(), match.end()):
            return
        if _FUTURE.search(text[max(0, match.start() - 12):match.start()]):
            return
        if _DEADLINE.search(text[max(0, match.start() - 10):match.start()]):
            return  # "By January 1, 2015, the concessions had been carried out": a deadline, not an event's day
        if _REPORTED.search(text[max(0, match.start() - 40):match.start()]) and not _DURING_EVENT.match(
                text, match.end()) and not _EVENT_NOUN_BEFORE.search(text, max(0, match.start() - 30), match.start()):
            return  # "told TASS on Monday", "a statement issued on Friday": when it was said, not done
            # (but "said on Monday during a meeting with ...": said at the meeting, then)
        if published is not None and value > published.isoformat()[:len(value)]:
            return  # after publication: a plan, not an event that took place
        taken.add(match.start(), match.end())
        found.append(Found(match.start(), match.end(), value, precision, several_days))

    year = published.year if published else None
    if (opening := _OPENING_YEAR.match(text)) and (year is None or int(opening.group(1)) <= year):
        year = int(opening.group(1))  # "In 2016 ... on March 3": the year told, not the publication's
    for m in _ISO.finditer(text):
        add(m, _safe(int(m.group(1)), int(m.group(2)), int(m.group(3))), 3)
    for m in _DOTTED.finditer(text):
        add(m, _safe(int(m.group(3)), int(m.group(2)), int(m.group(1))), 3)
    for m in _MONTH_DAY.finditer(text):
        y = int(m.group(3)) if m.group(3) else year
        if y is not None:
            add(m, _safe(y, _month(m.group(1)), int(m.group(2))), 3, bool(_DAY_SPAN.match(text, m.end())))
    for m in _DAY_MONTH.finditer(text):
        y = int(m.group(3)) if m.group(3) else year
        if y is not None:
            # "on the 10th to 11th August": the first of several days
            if span := _FIRST_DAY_OF_SPAN.search(text, max(0, m.start() - 16), m.start()):
                add(m, _safe(y, _month(m.group(2)), int(span.group(1))), 3, True)
            else:
                add(m, _safe(y, _month(m.group(2)), int(m.group(1))), 3)
    if published:
        for m in _LAST_MONTH_NAMED.finditer(text):
            month = _month(m.group(1))
            add(m, f"{published.year if month < published.month else published.year - 1:04d}-{month:02d}", 2)
    if (m := _OPENING_YEAR.match(text)) and (published is None or int(m.group(1)) <= published.year):
        add(m, m.group(1), 1)  # "In 2014 Angola signed ...": the year the sentence is told in
    for m in itertools.chain(_MONTH_ONLY.finditer(text), _MONTH_YEAR_BEFORE_NOUN.finditer(text)):
        y = int(m.group(2)) if m.group(2) else year
        if y is not None:
            add(m, f"{y:04d}-{_month(m.group(1)):02d}", 2)
    if published:
        for m in _WEEKDAY.finditer(text):
            if _DATE_AFTER_WEEKDAY.match(text, m.end()):
                continue  # "on Thursday June 25", "On Saturday, 25th March": the date told is the date
            if m.start(1) == m.start() and re.search(r"\b(?:to|until|till|through|by|next|before)\s$", text[:m.start()]):
                continue  # "from Sunday to Monday", "until Friday": the end of a span, perhaps still to come
            back = (published.weekday() - WEEKDAYS.index(m.group(1).lower())) % 7
            if m.group(0).lower().startswith("last") and back == 0:
                back = 7
            if published > date.min + timedelta(days=back):
                add(m, (published - timedelta(days=back)).isoformat(), 3)
        for m in _RELATIVE_MONTH.finditer(text):
            back = published - timedelta(days=7) if m.group(1) == "week" else (
                published.replace(day=1) - timedelta(days=1))
            add(m, f"{back.year:04d}-{back.month:02d}", 2)
        for m in _RELATIVE_DAY.finditer(text):
            shift = 1 if m.group(1).lower() == "yesterday" else 0
            if published > date.min + timedelta(days=shift):
                add(m, (published - timedelta(days=shift)).isoformat(), 3)
        for m in _DAYS_AGO.finditer(text):
            shift = int(_DAY_NUMBERS.get(m.group(1).lower(), m.group(1)))
            if published > date.min + timedelta(days=shift):
                add(m, (published - timedelta(days=shift)).isoformat(), 3)
        for m in _THIS_MONTH.finditer(text):
            add(m, f"{published.year:04d}-{published.month:02d}", 2)
    return sorted(found, key=lambda f: f.start)


def best_event_date(text: str, published: date | None, span_as_month: bool = False) -> str | None:
    """The most precise event date in text (the first among equals). An event of several days is
    dated by its first day; with span_as_month, by its month (documents signed on one of the days)."""
    found = event_dates(text, published)
    if not found:
        return None
    # "on June 25" tells when something happened; a bare date ("DUSHANBE, June 26, 2009 -") dates the report,
    # and so does the publication date written bare beside another date ("Last month, X met Y ... /// 27 April"),
    # which then gives way to it
    def on(f: Found) -> bool:
        return bool(_ON_BEFORE.search(text, max(0, f.start - 20), f.start))

    def report_date(f: Found) -> bool:
        return published is not None and f.value == published.isoformat() and not on(f) and len(found) > 1 \
            and bool(re.search(r"\d{4}", text[f.start:f.end]))  # a date written out, as a byline writes it

    best = max(found, key=lambda f: (not report_date(f), f.precision, on(f), -f.start))
    if best.precision == 3 and (ended := _ENDED_AFTER_DAYS.search(text, 0, best.start)):
        days = int(_DAY_COUNTS.get(ended.group(1).lower(), ended.group(1)))
        first = date.fromisoformat(best.value) - timedelta(days=days - 1)
        return first.isoformat()[:7] if span_as_month else first.isoformat()
    return best.value[:7] if span_as_month and best.several_days else best.value


# ---- periods of figures ---------------------------------------------------------------

_HALF = re.compile(r"\b(first|second|1st|2nd)\s+half\s+of\s+(\d{4}|the\s+year|this\s+year)", re.IGNORECASE)
# "in 1H2018", "H1 2023": a half-year written short
_SHORT_HALF = re.compile(r"\b(?:([12])H|H([12]))\s?(\d{4})\b")
# "the first three quarters of 2019", "the first two quarters of the last year": months from January
_QUARTERS_OF = re.compile(r"\bfirst\s+(two|three|2|3)\s+quarters\s+of\s+(?:the\s+)?(\d{4}|(?:last|previous|past)\s+year"
                          r"|this\s+year|the\s+year)", re.IGNORECASE)
_QUARTER = re.compile(r"\b(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+of\s+(\d{4})|\bQ([1-4])\s+(\d{4})",
                      re.IGNORECASE)
_RANGE_JOIN = r"\s*(?:-|–|—|to|through|till|until|and)\s*"
_MONTH_RANGE = re.compile(r"\b" + _M + _RANGE_JOIN + _M + r"(?:,?\s+(?:of\s+)?(\d{4}|this\s+year|last\s+year))?")
# "in the year to June 2022", "the fiscal year ending March 2023": the twelve months up to that month.
_YEAR_TO = re.compile(r"\b(?:fiscal\s+|financial\s+)?year\s+(?:to|ending|ended)\s+(?:in\s+)?" + _M + r",?\s+(\d{4})",
                      re.IGNORECASE)
_MONTH_YEAR_RANGE = re.compile(r"\b" + _M + r",?\s+(\d{4})" + _RANGE_JOIN + _M + r",?\s+(\d{4})")
_YEAR_RANGE = re.compile(r"\b(?:from|between)\s+(\d{4})\s+(?:to|and|till|until|through)\s+(\d{4})\b"
                         r"|\b(\d{4})\s*(?:-|–|—)\s*(\d{4})\b", re.IGNORECASE)
_MONTHS_OF = re.compile(r"\b(?:first\s+|past\s+)?(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
                        r"\s+months\s+(?:of|in)\s+(\d{4}|this\s+year|the\s+year)", re.IGNORECASE)
_ONE_MONTH = re.compile(r"\b(?:in|for|during)\s+" + _M + r"(?:,?\s+(\d{4}))?(?!\s*\d)", re.IGNORECASE)
# "in 2022-23", "FY2021-22", "the 2019/20 fiscal year": a fiscal year, whose months differ by country
_FISCAL_YEAR = re.compile(r"\b(?:FY\s?)?(\d{4})\s?[-/–]\s?(\d{2})\b(?!\d)")
# "in FY2023", "in FY24": the fiscal year that ends in that year
_FISCAL_YEAR_ENDING = re.compile(r"\bFY\s?'?(\d{4}|\d{2})\b(?!\s?[-/–]\s?\d)")
_YEAR = re.compile(r"\b(?:in|for|during|of|over|as\s+of|at\s+the\s+end\s+of|by\s+the\s+end\s+of)\s+"
                   r"(?:the\s+(?:whole\s+|entire\s+)?year\s+|(?:late|early|mid|end)[-\s]+)?(\d{4})\b(?!\s*[-–])",
                   re.IGNORECASE)
# "In 2020 and 2021": the same figure for each of two years (value "2020|2021").
_YEAR_PAIR = re.compile(r"\b(?:in|for|during)\s+(\d{4})\s+and\s+(\d{4})\b", re.IGNORECASE)
# "a year earlier", "the year before": the year before that of the figure it is compared with.
_YEAR_EARLIER = re.compile(r"\b(?:a\s+year\s+(?:earlier|before|ago)|the\s+(?:year\s+before|previous\s+year|preceding\s+year))\b",
                           re.IGNORECASE)
_LAST_YEAR = re.compile(r"\b(?:last|past|previous)\s+year\b", re.IGNORECASE)
_THIS_YEAR = re.compile(r"\b(?:this\s+year|now|currently|so\s+far)\b", re.IGNORECASE)
_SAME_PERIOD = re.compile(r"\b(?:same|corresponding)\s+period\s+(?:(?:of|in)\s+(\d{4})|(last|the\s+previous)\s+year)",
                          re.IGNORECASE)


def _named_year(named: str | None, published: date | None) -> str | None:
    """The year "2019", "this year", "the year" (of publication) or "last year" (before it) stands for;
    None (no year said) is the year of publication."""
    words = (named or "").lower().split()
    if words and words[0].isdigit():
        return words[0]
    if published is None:
        return None
    return str(published.year - 1 if words and words[0] in ("last", "previous", "past") else published.year)


def periods(text: str, published: date | None) -> list[Found]:
    """Period expressions in text. A 'same period' phrase has value 'same:YYYY', to be completed
    with the months of the figure it is compared with; two years told together are 'YYYY|YYYY'; a
    fiscal year is 'fiscal:...', a period whose months are not known."""
    found: list[Found] = []
    taken = _Spans()

    def add(m: re.Match, value: str) -> None:
        if not taken.overlaps(m.start(), m.end()):
            taken.add(m.start(), m.end())
            found.append(Found(m.start(), m.end(), value, 2))

    for m in _YEAR_EARLIER.finditer(text):
        add(m, "before:1")
    for m in _SAME_PERIOD.finditer(text):
        year = m.group(1) or (str(published.year - 1) if published else None)
        if year:
            add(m, f"same:{year}")
    for m in _HALF.finditer(text):
        if year := _named_year(m.group(2), published):  # "the first half of the year": of the year of publication
            add(m, f"{year}-H{1 if m.group(1).lower() in ('first', '1st') else 2}")
    for m in _SHORT_HALF.finditer(text):
        add(m, f"{m.group(3)}-H{m.group(1) or m.group(2)}")
    for m in _QUARTERS_OF.finditer(text):
        count = 3 * (2 if m.group(1).lower() in ("two", "2") else 3)
        if year := _named_year(m.group(2), published):
            add(m, f"{year}-01..{year}-{count:02d}")
    for m in _QUARTER.finditer(text):
        if m.group(3):
            add(m, f"{m.group(4)}-Q{m.group(3)}")
        else:
            word = m.group(1).lower()
            add(m, f"{m.group(2)}-Q{_ORDINALS[word] if word in _ORDINALS else int(word[0])}")
    for m in _YEAR_TO.finditer(text):
        end_month, end_year = _month(m.group(1)), int(m.group(2))
        start = (end_year - 1, end_month + 1) if end_month < 12 else (end_year, 1)
        add(m, f"{start[0]}-{start[1]:02d}..{end_year}-{end_month:02d}")
    for m in _MONTH_YEAR_RANGE.finditer(text):
        add(m, f"{m.group(2)}-{_month(m.group(1)):02d}..{m.group(4)}-{_month(m.group(3)):02d}")
    for m in _YEAR_RANGE.finditer(text):
        first, last = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        if first < last:
            add(m, f"{first}-01..{last}-12")
    for m in _MONTH_RANGE.finditer(text):
        if y := _named_year(m.group(3), published):
            add(m, f"{y}-{_month(m.group(1)):02d}..{y}-{_month(m.group(2)):02d}")
    for m in _MONTHS_OF.finditer(text):
        n = m.group(1).lower()
        count = int(n) if n.isdigit() else NUMBER_WORDS[n]
        year = _named_year(m.group(2), published)
        if 1 <= count <= 12 and year:  # "the first nine months of this year": of the year of publication
            add(m, f"{year}-01..{year}-{count:02d}")
    for m in _ONE_MONTH.finditer(text):
        month = _month(m.group(1))
        year = m.group(2)
        if year is None and published is not None:  # "In December alone": the last December before publication
            year = str(published.year if month < published.month else published.year - 1)
        if year:
            add(m, f"{year}-{month:02d}..{year}-{month:02d}")
    for m in _FISCAL_YEAR.finditer(text):
        if int(m.group(2)) == (int(m.group(1)) + 1) % 100:
            add(m, "fiscal:" + m.group(0))
    for m in _FISCAL_YEAR_ENDING.finditer(text):
        year = int(m.group(1)) + (2000 if len(m.group(1)) == 2 else 0)
        add(m, f"fiscal:ending {year}")
    for m in _YEAR_PAIR.finditer(text):
        add(m, f"{m.group(1)}|{m.group(2)}")
    for m in _YEAR.finditer(text):
        add(m, m.group(1))
    if published:
        for m in _LAST_YEAR.finditer(text):
            add(m, str(published.year - 1))
        for m in _THIS_YEAR.finditer(text):
            add(m, str(published.year))
    return sorted(found, key=lambda f: f.start)


def year_before(other: str) -> str | None:
    """The period a year before another: '2023' -> '2022', '2023-H1' -> '2022-H1',
    '2024-01..2024-09' -> '2023-01..2023-09'."""
    if ".." in other:
        parts = [year_before(part) for part in other.split("..")]
        return "..".join(parts) if all(parts) else None  # type: ignore[arg-type]
    match = re.match(r"(\d{4})(.*)$", other)
    if not match:
        return None
    return f"{int(match.group(1)) - 1}{match.group(2)}"


def complete_same_period(value: str, other: str | None) -> str:
    """'same:2023' compared with '2024-01..2024-08' -> '2023-01..2023-08'."""
    year = value.split(":", 1)[1]
    if other and re.fullmatch(r"\d{4}(-H\d|-Q\d)", other):
        return year + other[4:]
    if other and re.fullmatch(r"\d{4}-\d{2}\.\.\d{4}-\d{2}", other):
        shift = int(year) - int(other[-7:-3])  # the same months, in the year the phrase names
        return f"{int(other[:4]) + shift}-{other[5:7]}..{year}-{other[-2:]}"
    return year
