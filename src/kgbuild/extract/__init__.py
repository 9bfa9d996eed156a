"""Extraction: article text -> records. Rule-based, deterministic, offline; no RDF here."""

from __future__ import annotations

from collections import Counter

from ..article import Article
from ..records import (
    Agreement, ArticleMeta, Country, Evidence, Meeting, Organization, Person, Records, TradeFigure, slug,
)
from .entities import ArticleEntities, OrgCluster, PersonCluster, read_entities
from .events import find_agreements, find_meetings, reported_participants, share_dates
from .figures import find_trade_figures
from .gazetteer import country_by_code
from .text import Sentence, split_sentences

__all__ = ["extract", "slug"]


def _evidence(sentence: Sentence, start: int, end: int, body: str) -> Evidence:
    return Evidence(sentence.index, start, end, body[start:end])


def _sentence_evidence(sentence: Sentence) -> Evidence:
    return Evidence(sentence.index, sentence.start, sentence.end, sentence.text)


def main_countries(entities: ArticleEntities) -> list[str]:
    """The countries the article is about, most mentioned first."""
    counts = Counter(m.country.code for m in entities.countries)
    return [code for code, _ in counts.most_common()]


def extract(article: Article) -> Records:
    body = article.body
    sentences = split_sentences(body)
    published = article.published
    entities = read_entities(sentences)
    ranked = main_countries(entities)
    meetings = find_meetings(sentences, entities, published)
    agreements = find_agreements(sentences, entities, published, ranked)
    share_dates(meetings, agreements)
    trade = find_trade_figures(sentences, entities, published, ranked)

    by_index = {s.index: s for s in sentences}
    names = country_by_code()

    def mentions_of(items) -> list[Evidence]:
        out = []
        for m in items:
            s = by_index[m.sentence]
            out.append(_evidence(s, s.tokens[m.first].start, s.tokens[m.last - 1].end, body))
        return sorted(set(out), key=lambda e: (e.start, e.end))

    org_names = {id(o): o.name for o in entities.orgs}
    people_names = {id(p): p.name for p in entities.persons}

    def actor_name(actor) -> str:
        if isinstance(actor, str):
            return names[actor].name
        return org_names.get(id(actor)) or people_names[id(actor)]

    # Countries that take part: in a figure, a party, the country of an actor that takes part,
    # named in a bilateral body's name, or mentioned more than once.
    involved: set[str] = set()
    for figure in trade:
        involved.update(figure.countries)
    acting: list[object] = []
    for meeting in meetings:
        acting.extend(meeting.participants)
    for agreement in agreements:
        acting.extend(agreement.parties)
        acting.extend(agreement.signatories)
    for actor in acting:
        if isinstance(actor, str):
            involved.add(actor)
        elif isinstance(actor, OrgCluster):
            involved.update(c for c in [actor.country, *actor.countries_in_name] if c)
        elif isinstance(actor, PersonCluster):
            involved.update(c for c in [actor.country, actor.organization.country if actor.organization else None] if c)
    counts = Counter(m.country.code for m in entities.countries)
    involved.update(code for code, n in counts.items() if n >= 2)

    countries = [Country(names[code].name, code, mentions_of(m for m in entities.countries if m.country.code == code))
                 for code in ranked if code in involved]

    organizations = []
    for org in entities.orgs:
        aliases = [n for n in org.names if n != org.name] + org.acronyms
        organizations.append(Organization(
            id=slug(org.name), name=org.name, aliases=aliases, type=org.kind,
            country=names[org.country].name if org.country else None,
            mentions=mentions_of(org.mentions)))
    persons = [Person(id=slug(p.name), name=p.name, post=p.post,
                      organization=org_names.get(id(p.organization)) if p.organization else None,
                      mentions=mentions_of(p.mentions))
               for p in entities.persons]

    meeting_records = []
    for n, meeting in enumerate(meetings, start=1):
        meeting_records.append(Meeting(
            id=f"meeting-{n}", participants=[actor_name(a) for a in reported_participants(meeting)],
            date=meeting.date, place=meeting.place, topics=meeting.topics,
            evidence=[_sentence_evidence(by_index[i]) for i in sorted(meeting.sentences)]))
    agreement_records = []
    for n, agreement in enumerate(agreements, start=1):
        agreement_records.append(Agreement(
            id=f"agreement-{n}", kind=agreement.kind, parties=[actor_name(a) for a in agreement.parties],
            signatories=[actor_name(p) for p in agreement.signatories], date=agreement.date,
            topics=agreement.topics,
            evidence=[_sentence_evidence(by_index[i]) for i in sorted(agreement.sentences)]))
    figures = [TradeFigure(countries=[names[c].name for c in f.countries], indicator="trade turnover",
                           amount=f.amount, currency=f.currency, period=f.period,
                           evidence=[_evidence(by_index[f.sentence], f.start, f.end, body),
                                     _sentence_evidence(by_index[f.sentence])])
               for f in trade]
    topics: list[str] = []
    for item in meeting_records + agreement_records:
        topics.extend(t for t in item.topics if t not in topics)

    meta = ArticleMeta(id=article.id, title=article.title, date=article.date, publisher=article.publisher,
                       authors=list(article.authors), source=article.source, format=article.form)
    return Records(meta, countries, organizations, persons, meeting_records, agreement_records, figures, topics)
