"""The vocabulary (ontology/bico.ttl) as Python names, the other vocabularies used, and IRI minting.

IRIs are deterministic: the same name always gives the same IRI, so an organisation named
alike in two articles is one node of the graph.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from .extract import slug

BICO_IRI = "https://w3id.org/kgbuild/bico#"
ID_IRI = "https://w3id.org/kgbuild/id/"

ORG = Namespace("http://www.w3.org/ns/org#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
ID = Namespace(ID_IRI)

PREFIXES: dict[str, str] = {
    "bico": BICO_IRI,
    "country": ID_IRI + "country/",
    "organization": ID_IRI + "org/",
    "person": ID_IRI + "person/",
    "post": ID_IRI + "post/",
    "article": ID_IRI + "article/",
    "graph": ID_IRI + "graph/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": str(SKOS),
    "org": str(ORG),
    "foaf": str(FOAF),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "nif": str(NIF),
}


class BICO(DefinedNamespace):
    """Terms of the bilateral-cooperation ontology; a misspelt term raises instead of minting an IRI."""

    _NS = Namespace(BICO_IRI)
    _fail = True

    Actor: URIRef  # a country, organisation or person
    Country: URIRef
    Organization: URIRef
    Agency: URIRef
    Chamber: URIRef
    Ministry: URIRef
    Commission: URIRef
    Association: URIRef
    InternationalOrganization: URIRef
    FinancialInstitution: URIRef
    Center: URIRef
    Institute: URIRef
    Company: URIRef
    Person: URIRef
    Post: URIRef
    Event: URIRef
    Meeting: URIRef
    Agreement: URIRef
    TradeFigure: URIRef
    Evidence: URIRef
    EventTypes: URIRef  # SKOS scheme of event types with CAMEO codes
    Consult: URIRef  # CAMEO 040
    MakeVisit: URIRef  # CAMEO 042
    HostVisit: URIRef  # CAMEO 043
    Negotiate: URIRef  # CAMEO 046
    SignAgreement: URIRef  # CAMEO 057
    country: URIRef
    isoCode: URIRef
    mentionedIn: URIRef
    participant: URIRef
    party: URIRef
    signatory: URIRef
    agreementKind: URIRef
    date: URIRef
    place: URIRef
    topic: URIRef
    eventType: URIRef
    cameoCode: URIRef
    tradeBetween: URIRef
    indicator: URIRef
    amount: URIRef
    period: URIRef
    periodStart: URIRef
    periodEnd: URIRef
    sentenceIndex: URIRef
    inArticle: URIRef
    articleId: URIRef
    metWith: URIRef  # derived: took part in the same meeting
    signedAgreementWith: URIRef  # derived: parties to the same agreement
    tradesWith: URIRef  # derived: a trade figure between two countries
    Resolution: URIRef  # why a name in an article became the node it did
    surfaceName: URIRef
    resolvedTo: URIRef
    reason: URIRef


ORGANIZATION_CLASSES = {
    "Agency": BICO.Agency, "Chamber": BICO.Chamber, "Ministry": BICO.Ministry, "Commission": BICO.Commission,
    "Association": BICO.Association, "InternationalOrganization": BICO.InternationalOrganization,
    "FinancialInstitution": BICO.FinancialInstitution, "Center": BICO.Center, "Institute": BICO.Institute,
    "Company": BICO.Company, "Organization": BICO.Organization,
}


def country_iri(code: str) -> URIRef:
    return ID[f"country/{code}"]


def organization_iri(name: str) -> URIRef:
    return ID[f"org/{slug(name)}"]


def person_iri(name: str) -> URIRef:
    return ID[f"person/{slug(name)}"]


def post_iri(post: str, holder: str, organization: str | None) -> URIRef:
    # A post in a named organisation is one position whoever holds it; otherwise it is the holder's.
    return ID[f"post/{slug(organization or holder)}--{slug(post)}"]


def article_iri(article_id: str) -> URIRef:
    return ID[f"article/{article_id}"]


def graph_iri(article_id: str) -> URIRef:
    return ID[f"graph/{article_id}"]


def article_id_of_graph(graph: str) -> str | None:
    prefix = str(ID["graph/"])
    return graph[len(prefix):] if graph.startswith(prefix) else None


def fact_iri(article_id: str, local: str) -> URIRef:
    # Facts are fragments of their article's IRI: they exist only as that article reports them.
    return ID[f"article/{article_id}#{local}"]


def evidence_iri(article_id: str, sentence: int, start: int, end: int) -> URIRef:
    return ID[f"article/{article_id}#s{sentence}-{start}-{end}"]


def data_file(name: str) -> Path:
    """A file shipped with the package: the ontology, the shapes."""
    return Path(str(resources.files("kgbuild").joinpath("ontology", name)))
