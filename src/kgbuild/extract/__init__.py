"""Extraction: article text -> records. Rule-based, deterministic, offline; no RDF here."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

from ..article import Article
from ..records import (
    Agreement, ArticleMeta, Country, Evidence, Meeting, Organization, Person, Records, TradeFigure, slug,
)
from .entities import ArticleEntities, OrgCluster, PersonCluster, read_entities
from .events import (dated_by_the_visit, find_agreements, find_meetings, reported_participants, share_dates,
                     without_retold_meetings, without_signing_ceremonies)
from .figures import find_trade_figures
from .gazetteer import country_by_code
from .text import Sentence, split_sentences, story_starts

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
    """The facts an article states. A digest page (several stories on one page) is read story by story,
    so that no fact joins the actors of two stories."""
    body = article.body
    sentences = split_sentences(body)
    meta = ArticleMeta(id=article.id, title=article.title, date=article.date, publisher=article.publisher,
                       authors=list(article.authors), source=article.source, format=article.form)
    starts = story_starts(body)
    if len(starts) == 1:
        return _story_records(meta, sentences, body, article.published)
    stories: list[list[Sentence]] = [[] for _ in starts]
    story = 0
    for sentence in sentences:
        while story + 1 < len(starts) and sentence.start >= starts[story + 1]:
            story += 1
        stories[story].append(sentence)
    parts = []
    for told in filter(None, stories):
        # each story's sentences numbered from 0, as the rules expect; evidence numbered in the article
        renumbered = [Sentence(i, s.start, s.end, s.text, s.tokens) for i, s in enumerate(told)]
        parts.append(_shifted(_story_records(meta, renumbered, body, article.published), told[0].index))
    return _joined(meta, parts)


def _story_records(meta: ArticleMeta, sentences: list[Sentence], body: str, published: date | None) -> Records:
    entities = read_entities(sentences)
    ranked = main_countries(entities)
    meetings = find_meetings(sentences, entities, published)
    agreements = find_agreements(sentences, entities, published, ranked)
    share_dates(meetings, agreements)
    dated_by_the_visit(meetings, agreements, sentences)
    meetings = without_signing_ceremonies(without_retold_meetings(meetings), agreements, sentences)
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

    return Records(meta, countries, organizations, persons, meeting_records, agreement_records, figures, topics)


def _shifted(records: Records, first: int) -> Records:
    """The story's records with their evidence numbered by the article's sentences."""
    def moved(evidence: list[Evidence]) -> list[Evidence]:
        return [replace(e, sentence=e.sentence + first) for e in evidence]

    return replace(
        records,
        countries=[replace(c, mentions=moved(c.mentions)) for c in records.countries],
        organizations=[replace(o, mentions=moved(o.mentions)) for o in records.organizations],
        persons=[replace(p, mentions=moved(p.mentions)) for p in records.persons],
        meetings=[replace(m, evidence=moved(m.evidence)) for m in records.meetings],
        agreements=[replace(a, evidence=moved(a.evidence)) for a in records.agreements],
        trade_figures=[replace(f, evidence=moved(f.evidence)) for f in records.trade_figures])


def _joined(meta: ArticleMeta, parts: list[Records]) -> Records:
    """One article's records from its stories': an actor named in two stories is one actor, with the
    mentions of both; events and figures stay each in its story."""
    countries: dict[str, Country] = {}
    organizations: dict[str, Organization] = {}
    persons: dict[str, Person] = {}
    for part in parts:
        for country in part.countries:
            if country.code in countries:
                countries[country.code].mentions.extend(country.mentions)
            else:
                countries[country.code] = replace(country, mentions=list(country.mentions))
        for org in part.organizations:
            if (known := organizations.get(org.id)) is None:
                organizations[org.id] = replace(org, aliases=list(org.aliases), mentions=list(org.mentions))
            else:
                known.aliases.extend(a for a in org.aliases if a not in known.aliases and a != known.name)
                known.mentions.extend(org.mentions)
                known.country = known.country or org.country
        for person in part.persons:
            if (known := persons.get(person.id)) is None:
                persons[person.id] = replace(person, mentions=list(person.mentions))
            else:
                known.mentions.extend(person.mentions)
                known.post = known.post or person.post
                known.organization = known.organization or person.organization
    # the article's countries most mentioned first, as one story's are
    ranked = sorted(countries.values(), key=lambda c: -len(c.mentions))
    meetings = [replace(m, id=f"meeting-{n}") for n, m in enumerate((m for p in parts for m in p.meetings), start=1)]
    agreements = [replace(a, id=f"agreement-{n}")
                  for n, a in enumerate((a for p in parts for a in p.agreements), start=1)]
    topics: list[str] = []
    for part in parts:
        topics.extend(t for t in part.topics if t not in topics)
    return Records(meta, ranked, list(organizations.values()), list(persons.values()), meetings, agreements,
                   [f for p in parts for f in p.trade_figures], topics)
