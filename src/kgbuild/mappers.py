"""Mappers: records -> triples, one mapper per area of the ontology, registered in MAPPERS.

Every fact links to its evidence: the sentence and offsets it was read from, in its article.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, RdfFormat, serialize
from pyoxigraph import Triple as OxTriple

from .extract.gazetteer import lookup_country
from .ontology import (
    BICO, DCTERMS, FOAF, NIF, ORG, ORGANIZATION_CLASSES, PROV, RDF, RDFS, SCHEMA, SKOS, XSD, article_iri,
    country_iri, evidence_iri, fact_iri, organization_iri, person_iri, post_iri, rdflib_graph,
)
from .records import Evidence, Records
from .resolve import FIRST_SEEN, Resolution

# Terms are pyoxigraph's: the store takes them as they are, and they cost a tenth of rdflib's to make.
Triple = tuple[NamedNode, NamedNode, NamedNode | Literal]
_URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")


@dataclass
class MappingContext:
    """What mappers share: the article, and actor names resolved to IRIs."""

    records: Records
    resolution: Resolution | None = None
    actors: dict[str, NamedNode] = field(default_factory=dict)
    evidence_done: dict[tuple[int, int, int], NamedNode] = field(default_factory=dict)  # span -> its IRI
    countries_done: set[str] = field(default_factory=set)

    @property
    def article_id(self) -> str:
        return self.records.article.id

    def organization(self, name: str) -> tuple[NamedNode, str]:
        """The node of an organisation and its canonical label (resolved across articles when known)."""
        if self.resolution and name in self.resolution.organizations:
            iri, label = self.resolution.organizations[name]
            return NamedNode(iri), label
        return organization_iri(name), name

    def person(self, name: str) -> tuple[NamedNode, str]:
        if self.resolution and name in self.resolution.persons:
            iri, label = self.resolution.persons[name]
            return NamedNode(iri), label
        return person_iri(name), name

    def evidence(self, item: Evidence) -> Iterator[Triple | NamedNode]:
        """Triples of one evidence span (once per article); the last item yielded is its IRI."""
        # A span is linked from every fact and mention read from it (seven times each on real text):
        # its IRI is made, and its triples given, once.
        span = (item.sentence, item.start, item.end)
        iri = self.evidence_done.get(span)
        if iri is None:
            iri = self.evidence_done[span] = evidence_iri(self.article_id, *span)
            yield iri, RDF.type, BICO.Evidence
            yield iri, BICO.sentenceIndex, Literal(item.sentence)
            yield iri, NIF.beginIndex, Literal(item.start)
            yield iri, NIF.endIndex, Literal(item.end)
            yield iri, NIF.anchorOf, Literal(item.text)
            yield iri, BICO.inArticle, article_iri(self.article_id)
        yield iri

    def country(self, name: str) -> tuple[NamedNode | None, list[Triple]]:
        """The IRI of a country by name, with the triples that describe it."""
        found = lookup_country(name)
        if found is None:
            return None, []
        iri = country_iri(found.code)
        if found.code in self.countries_done:
            return iri, []
        self.countries_done.add(found.code)
        return iri, [(iri, RDF.type, BICO.Country), (iri, RDFS.label, Literal(found.name)),
                     (iri, BICO.isoCode, Literal(found.code))]


def _link_evidence(ctx: MappingContext, subject: NamedNode, predicate: NamedNode, items: list[Evidence]) -> Iterator[Triple]:
    for item in items:
        *triples, iri = ctx.evidence(item)
        yield from triples
        yield subject, predicate, iri


def date_literal(value: str) -> Literal:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Literal(value, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return Literal(value, datatype=XSD.gYearMonth)
    return Literal(value, datatype=XSD.gYear)


def period_bounds(period: str) -> tuple[str, str] | None:
    """First and last day of a period string."""
    if m := re.fullmatch(r"(\d{4})", period):
        return f"{m[1]}-01-01", f"{m[1]}-12-31"
    if m := re.fullmatch(r"(\d{4})-H([12])", period):
        return (f"{m[1]}-01-01", f"{m[1]}-06-30") if m[2] == "1" else (f"{m[1]}-07-01", f"{m[1]}-12-31")
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", period):
        first = 3 * int(m[2]) - 2
        last = first + 2
        return f"{m[1]}-{first:02d}-01", f"{m[1]}-{last:02d}-{monthrange(int(m[1]), last)[1]:02d}"
    if m := re.fullmatch(r"(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})", period):
        return f"{m[1]}-{m[2]}-01", f"{m[3]}-{m[4]}-{monthrange(int(m[3]), int(m[4]))[1]:02d}"
    return None


def _iri_or_literal(value: str) -> NamedNode | Literal:
    if _URL.match(value):
        try:
            return NamedNode(value)
        except ValueError:
            pass  # shaped like a URL, but not a valid IRI
    return Literal(value)


# The media type of each form an article comes in, for dcterms:format.
MEDIA_TYPES = {"txt": "text/plain", "html": "text/html", "url": "text/html", "jsonl": "application/jsonl",
               "csv": "text/csv", "rss": "application/rss+xml", "atom": "application/atom+xml",
               "warc": "application/warc"}


# ---- the mappers ------------------------------------------------------------------------------

def map_article(ctx: MappingContext) -> Iterator[Triple]:
    meta = ctx.records.article
    iri = article_iri(meta.id)
    yield iri, RDF.type, SCHEMA.NewsArticle
    yield iri, BICO.articleId, Literal(meta.id)
    if meta.date:
        yield iri, SCHEMA.datePublished, Literal(meta.date, datatype=XSD.date)
    if meta.title:
        yield iri, DCTERMS.title, Literal(meta.title)
    if meta.publisher:
        yield iri, DCTERMS.publisher, Literal(meta.publisher)
    for author in meta.authors:
        yield iri, DCTERMS.creator, Literal(author)
    if meta.source:
        yield iri, DCTERMS.source, _iri_or_literal(meta.source)
    yield iri, DCTERMS["format"], Literal(MEDIA_TYPES.get(meta.format, "text/plain"))


def map_countries(ctx: MappingContext) -> Iterator[Triple]:
    for country in ctx.records.countries:
        iri, triples = ctx.country(country.name)
        if iri is None:
            continue
        ctx.actors[country.name] = iri
        yield from triples
        yield from _link_evidence(ctx, iri, BICO.mentionedIn, country.mentions)


def map_organizations(ctx: MappingContext) -> Iterator[Triple]:
    for org in ctx.records.organizations:
        iri, label = ctx.organization(org.name)
        ctx.actors[org.name] = iri
        yield iri, RDF.type, BICO.Organization
        yield iri, RDF.type, ORGANIZATION_CLASSES.get(org.type, BICO.Organization)
        if ctx.resolution is None:  # in a store, the labels graph names the actor, as most articles do
            yield iri, RDFS.label, Literal(label)
        for alias in [org.name, *org.aliases]:
            if alias != label:
                yield iri, SKOS.altLabel, Literal(alias)
        if org.country:
            country, triples = ctx.country(org.country)
            if country is not None:
                yield from triples
                yield iri, BICO.country, country
        yield from _link_evidence(ctx, iri, BICO.mentionedIn, org.mentions)


def map_persons(ctx: MappingContext) -> Iterator[Triple]:
    for person in ctx.records.persons:
        iri, name = ctx.person(person.name)
        ctx.actors[person.name] = iri
        yield iri, RDF.type, BICO.Person
        yield iri, RDF.type, FOAF.Person
        if ctx.resolution is None:  # in a store, the labels graph names the actor, as most articles do
            yield iri, FOAF.name, Literal(name)
            yield iri, RDFS.label, Literal(name)
        if person.name != name:
            yield iri, SKOS.altLabel, Literal(person.name)
        if person.post:
            org_node, org_label = ctx.organization(person.organization) if person.organization else (None, None)
            post = post_iri(person.post, name, org_label)
            yield iri, ORG.holds, post
            yield post, RDF.type, BICO.Post
            yield post, RDF.type, ORG.Post
            # one post node, however an article writes it ("President X", "X, the chamber's president")
            yield post, RDFS.label, Literal(person.post[:1].upper() + person.post[1:])
            if org_node is not None:
                yield post, ORG.postIn, org_node
                yield iri, ORG.memberOf, org_node
        yield from _link_evidence(ctx, iri, BICO.mentionedIn, person.mentions)


def _actor(ctx: MappingContext, name: str) -> tuple[NamedNode | None, list[Triple]]:
    if name in ctx.actors:
        return ctx.actors[name], []
    return ctx.country(name)


def map_meetings(ctx: MappingContext) -> Iterator[Triple]:
    for meeting in ctx.records.meetings:
        iri = fact_iri(ctx.article_id, meeting.id)
        yield iri, RDF.type, BICO.Meeting
        yield iri, BICO.eventType, BICO.Consult
        names = []
        for name in meeting.participants:
            actor, triples = _actor(ctx, name)
            if actor is not None:
                yield from triples
                yield iri, BICO.participant, actor
                names.append(name)
        yield iri, RDFS.label, Literal("Meeting of " + ", ".join(names) if names else "Meeting")
        if meeting.date:
            yield iri, BICO.date, date_literal(meeting.date)
        if meeting.place:
            yield iri, BICO.place, Literal(meeting.place)
        for topic in meeting.topics:
            yield iri, BICO.topic, Literal(topic)
        yield from _link_evidence(ctx, iri, PROV.wasDerivedFrom, meeting.evidence)


def map_agreements(ctx: MappingContext) -> Iterator[Triple]:
    for agreement in ctx.records.agreements:
        iri = fact_iri(ctx.article_id, agreement.id)
        yield iri, RDF.type, BICO.Agreement
        yield iri, BICO.eventType, BICO.SignAgreement
        yield iri, BICO.agreementKind, Literal(agreement.kind)
        yield iri, RDFS.label, Literal(f"{agreement.kind[:1].upper()}{agreement.kind[1:]} between "
                                       + " and ".join(agreement.parties) if agreement.parties else agreement.kind)
        for predicate, names in ((BICO.party, agreement.parties), (BICO.signatory, agreement.signatories)):
            for name in names:
                actor, triples = _actor(ctx, name)
                if actor is not None:
                    yield from triples
                    yield iri, predicate, actor
        if agreement.date:
            yield iri, BICO.date, date_literal(agreement.date)
        for topic in agreement.topics:
            yield iri, BICO.topic, Literal(topic)
        yield from _link_evidence(ctx, iri, PROV.wasDerivedFrom, agreement.evidence)


def map_trade_figures(ctx: MappingContext) -> Iterator[Triple]:
    for n, figure in enumerate(ctx.records.trade_figures, start=1):
        iri = fact_iri(ctx.article_id, f"trade-{n}")
        amount = fact_iri(ctx.article_id, f"trade-{n}-amount")
        countries = []
        for name in figure.countries:
            country, triples = ctx.country(name)
            if country is not None:
                yield from triples
                countries.append(country)
        if len(set(countries)) != 2:
            continue  # a figure is between exactly two countries
        yield iri, RDF.type, BICO.TradeFigure
        for country in countries:
            yield iri, BICO.tradeBetween, country
        yield iri, BICO.indicator, Literal(figure.indicator)
        yield iri, RDFS.label, Literal(f"{figure.indicator} {' - '.join(figure.countries)} {figure.period or ''}".strip())
        yield iri, BICO.amount, amount
        yield amount, RDF.type, SCHEMA.MonetaryAmount
        yield amount, SCHEMA.value, Literal(f"{figure.amount:.2f}", datatype=XSD.decimal)
        yield amount, SCHEMA.currency, Literal(figure.currency)
        if figure.period:
            yield iri, BICO.period, Literal(figure.period)
            if bounds := period_bounds(figure.period):
                yield iri, BICO.periodStart, Literal(bounds[0], datatype=XSD.date)
                yield iri, BICO.periodEnd, Literal(bounds[1], datatype=XSD.date)
        yield from _link_evidence(ctx, iri, PROV.wasDerivedFrom, figure.evidence)


def map_resolution(ctx: MappingContext) -> Iterator[Triple]:
    """Why a name of the article became another actor's node, for `kgbuild actors --explain`. A name
    written as its actor's label needs no record: the actor's mentions in the article say as much
    (explain reads them), and such decisions were 94 % of all and a seventh of the store."""
    if ctx.resolution is None:
        return
    yield from _decision_triples(ctx.article_id, ctx.resolution)


def _decision_triples(article_id: str, resolution: Resolution) -> Iterator[Triple]:
    told = [d for d in resolution.decisions if d.reason != FIRST_SEEN]
    for n, decision in enumerate(told, start=1):
        iri = fact_iri(article_id, f"resolution-{n}")
        yield iri, RDF.type, BICO.Resolution
        yield iri, BICO.surfaceName, Literal(decision.name)
        yield iri, BICO.resolvedTo, NamedNode(decision.iri)
        yield iri, BICO.reason, Literal(decision.reason)
        yield iri, BICO.inArticle, article_iri(article_id)


# Order matters: actors are mapped before the events that name them.
MAPPERS: list[Callable[[MappingContext], Iterator[Triple]]] = [
    map_article, map_countries, map_organizations, map_persons, map_meetings, map_agreements, map_trade_figures,
    map_resolution,
]


# Characters no XML document may hold (RDF/XML is one of the exports), and carriage returns, which XML
# turns into line feeds: news text has no use for them, and every export must give back the same graph.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]|\r\n?")


def _exportable(term: NamedNode | Literal) -> NamedNode | Literal:
    if isinstance(term, Literal) and _NOT_XML.search(term.value):
        text = _NOT_XML.sub(lambda m: "\n" if m.group(0).startswith("\r") else "", term.value)
        return Literal(text, language=term.language) if term.language else Literal(text, datatype=term.datatype)
    return term


def map_records(records: Records, resolution: Resolution | None = None,
                mappers: list[Callable[[MappingContext], Iterator[Triple]]] = MAPPERS) -> list[Triple]:
    """The triples of one article (by all mappers, or those given), without duplicates, in a stable order."""
    ctx = MappingContext(records, resolution)
    triples: dict[Triple, None] = {}
    for mapper in mappers:
        for s, p, o in mapper(ctx):
            triples[(s, p, _exportable(o))] = None
    return list(triples)


def map_decisions(article_id: str, resolution: Resolution) -> list[Triple]:
    """map_resolution's triples, as map_records gives them, for an article whose other triples are
    mapped already: the records are not needed for them."""
    return list(dict.fromkeys((s, p, _exportable(o)) for s, p, o in _decision_triples(article_id, resolution)))


def records_graph(records: Records):
    """The triples of one article as an rdflib Graph."""
    triples = [OxTriple(s, p, o) for s, p, o in map_records(records)]
    return rdflib_graph(serialize(triples, format=RdfFormat.N_TRIPLES))
