"""Events, not reports: one meeting told by five outlets is one meeting (README, "Events, not reports").

Every article's meetings, agreements and trade figures are reports. Reports of the same event are
grouped into one occurrence, decided over all the store's articles at once (so that neither the order
articles came in nor the order of their ids changes the result):

- meetings and agreements: the same kind, the same resolved actors (two or more), and compatible dates:
  the same day; or a report that gives only the month or the year of a day-dated occurrence, published
  within REPORTING_DAYS of one of its reports; or an undated report, published within REPORTING_DAYS of
  a report of the one occurrence of those actors then. A report fitting several occurrences joins none.
- trade figures: the same pair of countries, indicator, currency and period, and an amount within 0.5 %.
  Figures of one pair, indicator and period with amounts further apart are occurrences that conflict.

An occurrence's IRI is made from what its reports share, never from which report came first.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from typing import TYPE_CHECKING

from .ontology import ID_IRI

ARTICLE_IRI = ID_IRI + "article/"

if TYPE_CHECKING:
    import pyoxigraph as ox

    from .resolve import ActorNames, Resolution

# Reports published this many days apart or fewer may tell of one event whose date one of them leaves out.
REPORTING_DAYS = 7
# Amounts within this share of each other are the same figure (rounding in the text).
AMOUNT_TOLERANCE = 0.005
ONLY_REPORT = "no other report tells of it"


@dataclass(frozen=True)
class Report:
    """One article's report of a meeting, agreement or trade figure."""

    article: str
    local: str  # the record's id in its article ("meeting-1", "trade-2")
    kind: str  # "meeting", an agreement's kind key, or "trade"
    actors: frozenset[str]  # IRIs: the participants or parties; for a figure, its two countries
    date: str | None  # YYYY-MM-DD, YYYY-MM or YYYY; for a figure, its period
    published: str | None
    amount: float | None = None  # trade figures
    currency: str | None = None
    indicator: str | None = None

    @property
    def iri(self) -> str:
        return f"{ARTICLE_IRI}{self.article}#{self.local}"  # as ontology.fact_iri makes it


@dataclass
class Occurrence:
    iri: str
    kind: str  # "meeting", "agreement" or "trade"
    reports: list[tuple[Report, str]] = field(default_factory=list)  # each report and why it is one of these
    conflicts: list[str] = field(default_factory=list)  # IRIs of figures of the same pair and period that differ


def agreement_key(kind: str) -> str:
    """What makes two documents the same kind, however outlets name them: "MoU", "memorandum of
    understanding" and "memorandums" are one kind; "two agreements" is two of a kind."""
    words = kind.lower().replace("-", " ").split()
    count = ""
    if words and (words[0].isdigit() or words[0] in _COUNTS):
        count, words = f"{_COUNTS.get(words[0], words[0])} ", words[1:]
    text = " ".join(words)
    for head, forms in _DOCUMENT_HEADS:
        if any(form in text.split() for form in forms) or any(" " in form and form in text for form in forms):
            return f"agreement:{count}{head}"
    return f"agreement:{count}{text}"


_COUNTS = {w: str(i) for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
_DOCUMENT_HEADS = (
    ("memorandum", ("memorandum", "memoranda", "memorandums", "mou", "mous", "moc", "mocs", "memorandum of understanding")),
    ("protocol", ("protocol", "protocols")),
    ("road map", ("roadmap", "roadmaps", "road map", "road maps")),
    ("letter of intent", ("letter of intent", "loi")),
    ("contract", ("contract", "contracts")),
    ("programme", ("programme", "program", "programmes", "programs")),
    ("agreement", ("agreement", "agreements", "deal", "deals", "accord", "accords", "treaty", "treaties")),
)


@lru_cache(maxsize=1 << 14)
def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def _close(a: Report, others: list[Report]) -> bool:
    """Published within REPORTING_DAYS of one of the others."""
    mine = _day(a.published)
    if mine is None:
        return False
    for other in others:
        theirs = _day(other.published)
        if theirs is not None and abs((mine - theirs).days) <= REPORTING_DAYS:
            return True
    return False


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:12]


def _event_iri(kind: str, actors: frozenset[str], when: str, *extra: object) -> str:
    return f"{ID_IRI}event/{_family(kind)}-{when}-{_digest(kind, *sorted(actors), when, *extra)}"


def group_events(reports: list[Report]) -> list[Occurrence]:
    """Meetings' and agreements' reports grouped into occurrences by the rules of the module."""
    by_key: dict[tuple[str, frozenset[str]], list[Report]] = {}
    alone = []
    for report in reports:
        if len(report.actors) >= 2:
            by_key.setdefault((report.kind, report.actors), []).append(report)
        else:
            alone.append(report)
    occurrences = [Occurrence(_event_iri(r.kind, r.actors, r.date or "undated", r.article, r.local), _family(r.kind),
                              [(r, "names fewer than two actors: an event of its own")]) for r in alone]
    for (kind, actors), told in sorted(by_key.items(), key=lambda item: (item[0][0], sorted(item[0][1]))):
        occurrences += _group_one_key(kind, actors, sorted(told, key=lambda r: (r.article, r.local)))
    return occurrences


def _family(kind: str) -> str:
    return "meeting" if kind == "meeting" else "agreement"


def _group_one_key(kind: str, actors: frozenset[str], told: list[Report]) -> list[Occurrence]:
    days: dict[str, list[Report]] = {}
    coarse, undated = [], []
    for report in told:
        if report.date and len(report.date) == 10:
            days.setdefault(report.date, []).append(report)
        elif report.date:
            coarse.append(report)
        else:
            undated.append(report)
    groups: dict[str, tuple[str, list[tuple[Report, str]]]] = {}  # IRI -> (date, reports with reasons)
    # Publication day -> the groups with a report published that day: a report looks only at the groups
    # reported within REPORTING_DAYS of it, not at every group of its actors.
    published: dict[int, set[str]] = {}

    def join(iri: str, report: Report, reason: str) -> None:
        groups[iri][1].append((report, reason))
        if (day := _day(report.published)) is not None:
            published.setdefault(day.toordinal(), set()).add(iri)

    def reported_near(report: Report) -> set[str]:
        day = _day(report.published)
        if day is None:
            return set()
        return set().union(*(published.get(day.toordinal() + shift, ()) for shift in
                             range(-REPORTING_DAYS, REPORTING_DAYS + 1)))

    for day, reports in sorted(days.items()):
        for number, batch in enumerate(_one_per_article(reports)):
            iri = _event_iri(kind, actors, day, *((number,) if number else ()))
            groups[iri] = (day, [])
            for report in batch:
                join(iri, report, f"the same actors on the same day, {day}")
    # A month or year: the day-dated occurrence inside it that was reported at the same time, if only one.
    by_period: dict[str, list[Report]] = {}
    for report in coarse:
        fits = sorted(iri for iri in reported_near(report) if len(groups[iri][0]) == 10
                      and groups[iri][0].startswith(report.date)
                      and all(m.article != report.article for m, _ in groups[iri][1]))
        if len(fits) == 1:
            join(fits[0], report, f"{report.date} holds {groups[fits[0]][0]}, reported within {REPORTING_DAYS} days")
        else:
            by_period.setdefault(report.date, []).append(report)
    for period, reports in sorted(by_period.items()):
        runs = [part for run in _published_together(reports) for part in _one_per_article(run)]
        for number, batch in enumerate(runs):
            iri = _event_iri(kind, actors, period, *((batch[0].published, number) if len(runs) > 1 else ()))
            groups[iri] = (period, [])
            for report in batch:
                join(iri, report, f"the same actors in {period}, reported within {REPORTING_DAYS} days")
    # Undated: the one occurrence of these actors reported at the same time, else one of their own.
    loose = []
    for report in undated:
        fits = sorted(iri for iri in reported_near(report)
                      if all(m.article != report.article for m, _ in groups[iri][1]))
        if len(fits) == 1:
            join(fits[0], report, f"undated, reported within {REPORTING_DAYS} days of its other reports")
        else:
            loose.append(report)
    for run in _published_together(loose):
        for number, batch in enumerate(_one_per_article(run)):
            first = min(batch, key=lambda r: (r.published or "", r.article, r.local))
            iri = _event_iri(kind, actors, "undated", first.published or first.article, number)
            groups[iri] = ("", [(r, f"undated, the same actors reported within {REPORTING_DAYS} days") for r in batch])
    return [Occurrence(iri, _family(kind), members) for iri, (_, members) in sorted(groups.items())]


def _one_per_article(reports: list[Report]) -> list[list[Report]]:
    """Reports split so that no two of one article are together: an article tells each event once (two
    memoranda of one kind signed by the same sides the same day are two)."""
    batches: list[list[Report]] = []
    for report in sorted(reports, key=lambda r: (r.article, r.local)):
        place = next((b for b in batches if all(m.article != report.article for m in b)), None)
        if place is None:
            batches.append([report])
        else:
            place.append(report)
    return batches


def _published_together(reports: list[Report]) -> list[list[Report]]:
    """Reports in runs published no more than REPORTING_DAYS apart (a report without a date alone)."""
    dated = sorted((r for r in reports if _day(r.published)), key=lambda r: (r.published, r.article, r.local))
    runs: list[list[Report]] = []
    for report in dated:
        if runs and _close(report, [runs[-1][-1]]):
            runs[-1].append(report)
        else:
            runs.append([report])
    return runs + [[r] for r in reports if not _day(r.published)]


def group_figures(reports: list[Report]) -> list[Occurrence]:
    """Trade figures grouped: the same pair, indicator, currency and period, amounts within 0.5 %. Without
    a period, only the same amount reported within REPORTING_DAYS is one figure."""
    by_key: dict[tuple, list[Report]] = {}
    for report in reports:
        by_key.setdefault((tuple(sorted(report.actors)), report.indicator, report.currency, report.date or ""),
                          []).append(report)
    occurrences = []
    for (pair, indicator, currency, period), told in sorted(by_key.items()):
        clusters: list[list[Report]] = []
        for report in sorted(told, key=lambda r: (r.amount, r.article, r.local)):
            last = clusters[-1] if clusters else None
            if last is not None and abs(report.amount - last[0].amount) <= AMOUNT_TOLERANCE * max(abs(last[0].amount), 1.0) \
                    and (period or _close(report, last)):
                last.append(report)
            else:
                clusters.append([report])
        found = []
        for cluster in clusters:
            amount = min(r.amount for r in cluster)
            iri = (f"{ID_IRI}trade/{'-'.join(c.rsplit('/', 1)[-1] for c in pair)}-{period or 'undated'}-"
                   f"{_digest(pair, indicator, currency, period, f'{amount:.2f}', *(() if period else (cluster[0].published,)))}")
            why = (f"the same figure ({amount:,.0f} {currency}) for the same pair, indicator and period {period}"
                   if period else "the same figure and pair, without a period, reported within "
                                  f"{REPORTING_DAYS} days")
            found.append(Occurrence(iri, "trade", [(r, why) for r in cluster]))
        if period:  # one pair, indicator and period, told with amounts that differ
            for occurrence in found:
                occurrence.conflicts = [o.iri for o in found if o is not occurrence]
        occurrences += found
    return occurrences


def reports_of(names: "ActorNames", resolution: "Resolution") -> list[Report]:
    """An article's reports, their actors resolved to IRIs (persons, organisations, countries)."""
    from .extract.gazetteer import lookup_country
    from .ontology import country_iri

    def iri(name: str) -> str | None:
        for table in (resolution.persons, resolution.organizations):
            if name in table:
                return table[name][0]
        found = lookup_country(name)
        return country_iri(found.code).value if found else None

    reports = []
    for local, kind, actors, when in names.events:
        resolved = frozenset(found for name in actors if (found := iri(name)) is not None)
        reports.append(Report(names.article_id, local, "meeting" if kind == "meeting" else agreement_key(kind),
                              resolved, when, names.published))
    for local, codes, indicator, amount, currency, period in names.figures:
        reports.append(Report(names.article_id, local, "trade", frozenset(country_iri(c).value for c in codes),
                              period, names.published, amount, currency, indicator))
    return reports


def occurrences(reports: list[Report]) -> list[Occurrence]:
    """Every report of the store in its occurrence: events, then trade figures."""
    import gc

    # Grouping makes hundreds of thousands of small objects and no cycles: the cycle collector, run again
    # and again over a heap that grows with the store, took half the time at 100,000 reports.
    collecting = gc.isenabled()
    gc.disable()
    try:
        grouped = group_events([r for r in reports if r.kind != "trade"]) + group_figures(
            [r for r in reports if r.kind == "trade"])
        for occurrence in grouped:
            if len(occurrence.reports) == 1 and not occurrence.reports[0][1].startswith("names fewer"):
                occurrence.reports = [(occurrence.reports[0][0], ONLY_REPORT)]
        return grouped
    finally:
        if collecting:
            gc.enable()


@dataclass
class ReportRow:
    report: str
    article: str
    published: str | None
    date: str | None
    actors: frozenset[str]
    reason: str


@dataclass
class EventExplanation:
    iri: str
    kind: str
    reports: list[ReportRow]
    near: list[tuple[str, str]]  # (another occurrence of some of the same actors, why it is another)


def _report_rows(store: "ox.Store", events: list[str]) -> dict[str, tuple[str, list[ReportRow]]]:
    import pyoxigraph as ox

    from .query import internal_query, with_values

    found: dict[str, tuple[str, list[ReportRow]]] = {}
    text = internal_query("event-reports").text
    for event in events:
        for row in store.query(with_values(text, {ox.Variable("event"): ox.NamedNode(event)})):
            value = lambda name: row[name].value if row[name] is not None else None  # noqa: E731
            kind, rows = found.setdefault(event, (row["kind"].value, []))
            rows.append(ReportRow(row["report"].value, row["article"].value, value("published"), value("date"),
                                  frozenset((value("actors") or "").split()), row["reason"].value))
    return found


def explain_event(store: "ox.Store", iri: str) -> EventExplanation | None:
    """Which reports an occurrence holds and why; and the occurrences of the same actors it is not, and why
    not. None when no occurrence has that IRI."""
    import pyoxigraph as ox

    from .query import internal_query, with_values

    found = _report_rows(store, [iri])
    if iri not in found:
        return None
    kind, reports = found[iri]
    actors = frozenset().union(*(r.actors for r in reports))
    neighbours = []
    query = internal_query("events-of-actors").text
    for actor in sorted(actors):
        for row in store.query(with_values(query, {ox.Variable("kind"): ox.Literal(kind),
                                                   ox.Variable("actor"): ox.NamedNode(actor)})):
            if row["event"].value != iri and row["event"].value not in neighbours:
                neighbours.append(row["event"].value)
    near = []
    others = _report_rows(store, neighbours)
    for other in neighbours:
        theirs = others.get(other, ("", []))[1]
        near.append((other, _why_apart(reports, theirs)))
    return EventExplanation(iri, kind, reports, near)


def _why_apart(ours: list[ReportRow], theirs: list[ReportRow]) -> str:
    """Why two occurrences that share actors were not made one, as the rules of the module say."""
    mine = frozenset().union(*(r.actors for r in ours))
    other = frozenset().union(*(r.actors for r in theirs))
    if mine != other:
        return "not the same actors"
    our_dates = {r.date for r in ours if r.date}
    their_dates = {r.date for r in theirs if r.date}
    if our_dates and their_dates and not any(a.startswith(b) or b.startswith(a) for a in our_dates for b in their_dates):
        return f"another date ({', '.join(sorted(their_dates))} against {', '.join(sorted(our_dates))})"
    ours_published = [d for r in ours if (d := _day(r.published))]
    theirs_published = [d for r in theirs if (d := _day(r.published))]
    if ours_published and theirs_published:
        gap = min(abs((a - b).days) for a in ours_published for b in theirs_published)
        if gap > REPORTING_DAYS:
            return f"reported {gap} days apart (more than {REPORTING_DAYS}), with no date that makes them one"
    if {r.article for r in ours} & {r.article for r in theirs}:
        return "told apart by one article (an article tells each event once)"
    return "its date fits more than one occurrence of these actors, so it joins none"
