"""The review page: an article's text with the evidence of every fact highlighted, beside the facts.

Each fact of the records (a country, an organisation, a person, a post, a meeting, an agreement, a
trade figure, an event's date) becomes a list of character spans of the article's body. Spans nest
(a name inside a sentence) and may cross; the page's text is a tree of elements in which every element
covers one piece of one span and carries that piece's offsets, so that its text is always
`body[start:end]`. A span that crosses another is cut in two pieces where the other ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from typing import Any

from .records import Evidence, Records

# kind -> (what the legend calls it, colour); the order is the order of the fact list.
SPAN_KINDS: dict[str, tuple[str, str]] = {
    "country": ("Country", "#9ecae1"),
    "organization": ("Organisation", "#fdd0a2"),
    "person": ("Person", "#c7e9c0"),
    "post": ("Post", "#dadaeb"),
    "meeting": ("Meeting", "#3182bd"),
    "agreement": ("Agreement", "#e6550d"),
    "trade": ("Trade figure", "#31a354"),
    "date": ("Date", "#f7b6d2"),
}
# The kinds of fact the gold annotations state, by the name each has there.
_GOLD_KINDS = {"country": "countries", "organization": "organizations", "person": "persons",
               "meeting": "meetings", "agreement": "agreements", "trade": "trade_figures"}
# How far from a person's name their post is looked for (characters): "Chairman of the ... X".
POST_REACH = 200


@dataclass
class Fact:
    kind: str
    label: str
    details: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    verdict: str | None = None  # with gold: "right", "wrong" or "neutral"
    resolution: str | None = None  # a stored article's actor: what it was resolved to, and why


@dataclass
class ReviewedArticle:
    id: str
    title: str | None
    date: str | None
    source: str | None
    body: str
    facts: list[Fact]
    missed: list[str] = field(default_factory=list)  # gold facts nothing matched, described
    gold: str | None = None  # the gold file the verdicts come from


def _spans(evidence: list[Evidence], length: int) -> list[tuple[int, int]]:
    return sorted({(max(0, e.start), min(length, e.end)) for e in evidence if 0 <= e.start < e.end <= length})


def _post_spans(body: str, post: str, names: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where a person's post is written: the nearest place to each mention of the name."""
    found = set()
    pattern = re.compile(re.escape(post), re.IGNORECASE)
    for start, end in names:
        low, high = max(0, start - POST_REACH), min(len(body), end + POST_REACH)
        places = [(m.start() + low, m.end() + low) for m in pattern.finditer(body[low:high])]
        places = [p for p in places if p[1] <= start or p[0] >= end]
        if places:
            found.add(min(places, key=lambda p: min(abs(p[1] - start), abs(p[0] - end))))
    return sorted(found)


def _date_spans(body: str, evidence: list[Evidence], value: str | None, published: date | None) -> list[tuple[int, int]]:
    """The expressions in an event's sentences that give its date ("on August 9", "In July")."""
    from .extract.dates import event_dates

    if not value:
        return []
    found = set()
    for sentence in evidence:
        if body[sentence.start:sentence.end] != sentence.text:
            continue
        for expression in event_dates(sentence.text, published):
            if expression.value == value:
                found.add((sentence.start + expression.start, sentence.start + expression.end))
    return sorted(found)


def _amount(value: float, currency: str) -> str:
    return f"{value:,.0f} {currency}".strip()


def article_facts(records: Records, body: str, published: date | None) -> list[Fact]:
    """Every fact of the records with the spans of its evidence, in the order of SPAN_KINDS."""
    length = len(body)
    facts = [Fact("country", c.name, [c.code], _spans(c.mentions, length)) for c in records.countries]
    facts += [Fact("organization", o.name, [part for part in (o.type, o.country and f"country: {o.country}",
                                                                o.aliases and "also: " + "; ".join(o.aliases)) if part],
                   _spans(o.mentions, length)) for o in records.organizations]
    persons = [Fact("person", p.name, [part for part in (p.post, p.organization) if part], _spans(p.mentions, length))
               for p in records.persons]
    facts += persons
    facts += [Fact("post", f"{p.post} ({p.name})", [p.organization] if p.organization else [],
                   _post_spans(body, p.post, fact.spans))
              for p, fact in zip(records.persons, persons) if p.post]
    for meeting in records.meetings:
        details = [f"with {'; '.join(meeting.participants)}", meeting.date or "undated"]
        details += [f"in {meeting.place}"] if meeting.place else []
        details += [f"on {topic}" for topic in meeting.topics[:3]]
        facts.append(Fact("meeting", "; ".join(meeting.participants) or "meeting", details,
                          _spans(meeting.evidence, length)))
    for agreement in records.agreements:
        details = [f"between {'; '.join(agreement.parties)}", agreement.date or "undated"]
        details += [f"signed by {'; '.join(agreement.signatories)}"] if agreement.signatories else []
        facts.append(Fact("agreement", f"{agreement.kind}: {'; '.join(agreement.parties)}", details,
                          _spans(agreement.evidence, length)))
    for figure in records.trade_figures:
        facts.append(Fact("trade", f"{' - '.join(figure.countries)} {figure.period or 'no period'}: "
                                   f"{_amount(figure.amount, figure.currency)}",
                          [figure.indicator], _spans(figure.evidence, length)))
    for event in [*records.meetings, *records.agreements]:
        if event.date:
            what = "meeting" if event in records.meetings else "agreement"
            facts.append(Fact("date", f"{event.date} (the {what} with {'; '.join(getattr(event, 'participants', None) or getattr(event, 'parties', []))})",
                              [], _date_spans(body, event.evidence, event.date, published)))
    return facts


def text_tree(body: str, facts: list[Fact]) -> list[Any]:
    """The body as a tree: strings, and pieces {"s": start, "e": end, "k": kind, "f": fact number,
    "c": children} whose children's text is body[s:e]. Wider spans open first at a place; a span still
    open when one opened inside it must close is cut there and opened again (a second piece)."""
    order = list(SPAN_KINDS)
    spans = sorted(((start, end, fact.kind, number) for number, fact in enumerate(facts) for start, end in fact.spans),
                   key=lambda s: (s[0], -s[1], order.index(s[2]), s[3]))
    root: dict[str, Any] = {"c": []}
    stack: list[tuple[tuple[int, int, str, int], dict[str, Any]]] = []
    places = sorted({0, len(body), *(s[0] for s in spans), *(s[1] for s in spans)})
    at, next_span = 0, 0

    def open_piece(span: tuple[int, int, str, int], start: int) -> None:
        piece = {"s": start, "e": None, "k": span[2], "f": span[3], "c": []}
        (stack[-1][1] if stack else root)["c"].append(piece)
        stack.append((span, piece))

    for place in places:
        if place > at:
            (stack[-1][1] if stack else root)["c"].append(body[at:place])
            at = place
        ending = [i for i, (span, _) in enumerate(stack) if span[1] == place]
        if ending:
            reopen = [span for span, _ in stack[ending[0]:] if span[1] != place]
            for _, piece in stack[ending[0]:]:
                piece["e"] = place
            del stack[ending[0]:]
            for span in reopen:
                open_piece(span, place)
        while next_span < len(spans) and spans[next_span][0] == place:
            if spans[next_span][1] > place:
                open_piece(spans[next_span], place)
            next_span += 1
    return root["c"]


def judge(article: ReviewedArticle, records: Records, gold: dict[str, Any]) -> None:
    """Mark each fact right, wrong or neutral against a gold annotation, and list what it missed."""
    from .evaluate import describe_item, score_article

    score = score_article(article.id, records.to_dict(), gold)
    for kind, gold_kind in _GOLD_KINDS.items():
        of_kind = [fact for fact in article.facts if fact.kind == kind]
        judged = set(score.judged.get(gold_kind, range(len(of_kind))))
        matched = {pi for pi, _ in score.pairs.get(gold_kind, [])}
        for number, fact in enumerate(of_kind):
            fact.verdict = "right" if number in matched else "wrong" if number in judged else "neutral"
    article.missed = [f"{SPAN_KINDS[_kind_of(d.kind)][0]}: {describe_item(d.kind, d.item)}"
                      for d in score.differences if d.outcome == "missed"]


def _kind_of(gold_kind: str) -> str:
    return {value: key for key, value in _GOLD_KINDS.items()}[gold_kind]


def attach_resolutions(article: ReviewedArticle, resolutions: dict[str, tuple[str, str, str]]) -> None:
    """A stored article's organisations and persons: the actor each name became, and why."""
    for fact in article.facts:
        if fact.kind in ("organization", "person") and fact.label in resolutions:
            label, iri, reason = resolutions[fact.label]
            fact.resolution = f"resolved to {label} <{iri}>: {reason}"


def stored_resolutions(store: Any, article_id: str) -> dict[str, tuple[str, str, str]]:
    """Name as the article wrote it -> (the actor's label, its IRI, why) for a stored article."""
    import pyoxigraph as ox

    from .ontology import article_iri
    from .query import internal_query, with_values
    from .resolve import FIRST_SEEN

    text = with_values(internal_query("article-resolutions").text, {ox.Variable("article"): article_iri(article_id)})
    found: dict[str, tuple[str, str, str]] = {}
    for row in store.query(text):
        surface = row["surface"].value
        reason = row["reason"].value if row["reason"] is not None else FIRST_SEEN
        if surface not in found or row["reason"] is not None:
            found[surface] = (row["label"].value, row["actor"].value, reason)
    return found


def stored_review(store: Any, article_id: str, built: dict[str, tuple[str, str]]) -> tuple[ReviewedArticle, Records]:
    """The review of a stored article (store: a KnowledgeStore; built: its `built_from()`), from the text
    it keeps, with what each name was resolved to."""
    from .errors import InputError
    from .extract import extract
    from .files import printable

    if article_id not in built:
        raise InputError(f"{printable(article_id)}: no such file, and no article of that id in the store "
                         f"{printable(store.path)} (see 'kgbuild articles')")
    article = store.kept_text(built[article_id][0], article_id)
    if article is None:
        raise InputError(f"{printable(article_id)}: the store keeps no text of it; build it again from its file")
    records = extract(article)
    page = review_article(article, records)
    attach_resolutions(page, stored_resolutions(store.inner, article_id))
    return page, records


def review_article(article: Any, records: Records) -> ReviewedArticle:
    """The review of one article (kgbuild.article.Article) from its records."""
    return ReviewedArticle(article.id, article.title, article.date, article.source, article.body,
                           article_facts(records, article.body, article.published))


def render_review(articles: list[ReviewedArticle], title: str = "kgbuild review") -> str:
    """One self-contained page (no request leaves it) reviewing the articles."""
    from jinja2 import Environment, select_autoescape

    from .draw import script_safe_json

    data = [{"id": a.id, "title": a.title, "date": a.date, "source": a.source, "gold": a.gold, "missed": a.missed,
             "facts": [{"kind": f.kind, "label": f.label, "details": f.details, "spans": f.spans,
                        "verdict": f.verdict, "resolution": f.resolution} for f in a.facts],
             "tree": text_tree(a.body, a.facts)} for a in articles]
    environment = Environment(autoescape=select_autoescape(default=True))
    template = environment.from_string(resources.files("kgbuild").joinpath("templates", "review.html.j2")
                                       .read_text(encoding="utf-8"))
    return template.render(title=title, data_json=script_safe_json(data),
                           kinds=[{"name": k, "label": v[0], "color": v[1]} for k, v in SPAN_KINDS.items()])
