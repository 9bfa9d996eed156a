"""The vocabulary (ontology/bico.ttl) as Python names, the other vocabularies used, and IRI minting.

IRIs are deterministic: the same name always gives the same IRI, so an organisation named
alike in two articles is one node of the graph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from .records import slug  # not from .extract: that would compile every extraction rule on import

BICO_IRI = "https://w3id.org/kgbuild/bico#"
ID_IRI = "https://w3id.org/kgbuild/id/"


class Vocabulary:
    """The terms of one namespace as pyoxigraph nodes, made once each. Given the list of its terms,
    a misspelt term raises AttributeError instead of minting an IRI nobody declared."""

    def __init__(self, base: str, terms: str | None = None):
        self.__dict__["_base"] = base
        self.__dict__["_terms"] = frozenset(terms.split()) if terms is not None else None

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("_") or (self._terms is not None and name not in self._terms):
            raise AttributeError(f"{self._base}{name} is not a term of this vocabulary")
        node = self.__dict__[name] = ox.NamedNode(self._base + name)
        return node

    def __getitem__(self, local: str) -> ox.NamedNode:
        return ox.NamedNode(self._base + local)

    def __str__(self) -> str:
        return self._base


RDF = Vocabulary("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Vocabulary("http://www.w3.org/2000/01/rdf-schema#")
XSD = Vocabulary("http://www.w3.org/2001/XMLSchema#")
ORG = Vocabulary("http://www.w3.org/ns/org#")
FOAF = Vocabulary("http://xmlns.com/foaf/0.1/")
SCHEMA = Vocabulary("https://schema.org/")
PROV = Vocabulary("http://www.w3.org/ns/prov#")
DCTERMS = Vocabulary("http://purl.org/dc/terms/")
NIF = Vocabulary("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SKOS = Vocabulary("http://www.w3.org/2004/02/skos/core#")
ID = Vocabulary(ID_IRI)

PREFIXES: dict[str, str] = {
    "bico": BICO_IRI,
    "country": ID_IRI + "country/",
    "organization": ID_IRI + "org/",
    "person": ID_IRI + "person/",
    "post": ID_IRI + "post/",
    "article": ID_IRI + "article/",
    "graph": ID_IRI + "graph/",
    "event": ID_IRI + "event/",
    "figure": ID_IRI + "trade/",
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": str(SKOS),
    "org": str(ORG),
    "foaf": str(FOAF),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "nif": str(NIF),
}

# Terms of the bilateral-cooperation ontology (ontology/bico.ttl).
BICO = Vocabulary(BICO_IRI, """
    Actor Country Organization Agency Chamber Ministry Commission Association InternationalOrganization
    FinancialInstitution Center Institute Company Person Post Event Meeting Agreement TradeFigure Evidence
    EventTypes Consult MakeVisit HostVisit Negotiate SignAgreement
    country isoCode mentionedIn participant party signatory agreementKind date place topic eventType cameoCode
    tradeBetween indicator amount period periodStart periodEnd sentenceIndex inArticle articleId contentHash extractor
    metWith signedAgreementWith tradesWith
    Resolution surfaceName resolvedTo reason firstLabel
    Occurrence reportOf reportReason occurrenceKind reportCount conflictsWith
""")


ORGANIZATION_CLASSES = {
    "Agency": BICO.Agency, "Chamber": BICO.Chamber, "Ministry": BICO.Ministry, "Commission": BICO.Commission,
    "Association": BICO.Association, "InternationalOrganization": BICO.InternationalOrganization,
    "FinancialInstitution": BICO.FinancialInstitution, "Center": BICO.Center, "Institute": BICO.Institute,
    "Company": BICO.Company, "Organization": BICO.Organization,
}


def country_iri(code: str) -> ox.NamedNode:
    return ID[f"country/{code}"]


def organization_iri(name: str) -> ox.NamedNode:
    return ID[f"org/{slug(name)}"]


def person_iri(name: str) -> ox.NamedNode:
    return ID[f"person/{slug(name)}"]


def post_iri(post: str, holder: str, organization: str | None) -> ox.NamedNode:
    # A post in a named organisation is one position whoever holds it; otherwise it is the holder's.
    return ID[f"post/{slug(organization or holder)}--{slug(post)}"]


def article_iri(article_id: str) -> ox.NamedNode:
    return ID[f"article/{article_id}"]


def article_id_of_article(iri: str) -> str | None:
    prefix = ID_IRI + "article/"
    return iri[len(prefix):] if iri.startswith(prefix) and "#" not in iri else None


def graph_iri(article_id: str) -> ox.NamedNode:
    return ID[f"graph/{article_id}"]


def article_id_of_graph(graph: str) -> str | None:
    prefix = ID_IRI + "graph/"
    return graph[len(prefix):] if graph.startswith(prefix) else None


def fact_iri(article_id: str, local: str) -> ox.NamedNode:
    # Facts are fragments of their article's IRI: they exist only as that article reports them.
    return ID[f"article/{article_id}#{local}"]


def evidence_iri(article_id: str, sentence: int, start: int, end: int) -> ox.NamedNode:
    return ID[f"article/{article_id}#s{sentence}-{start}-{end}"]


# An evidence node's IRI as N-Triples writes it: the article's IRI with a fragment s<sentence>-<start>-<end>.
EVIDENCE_NODE = re.compile(r"#s[0-9]+-[0-9]+-[0-9]+>?$")


def is_evidence_iri(iri: str) -> bool:
    """Whether an IRI (bare, or between angle brackets) is one that evidence_iri() makes."""
    return EVIDENCE_NODE.search(iri) is not None


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def rdflib_graph(ntriples: bytes | Iterable[ox.Triple]):
    """An rdflib Graph of N-Triples written by Oxigraph, or of Oxigraph's triples themselves, with
    kgbuild's prefixes bound (for pySHACL and other rdflib tools)."""
    from rdflib import Graph

    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    if isinstance(ntriples, bytes):
        graph.parse(data=ntriples.decode("utf-8"), format="nt")
        return graph
    # term by term: rdflib's N-Triples parser read 25,000 triples a second, a fifth of this
    from rdflib import BNode, Literal, URIRef

    made: dict[object, object] = {}

    def term(node: object) -> object:
        if (known := made.get(node)) is None:
            if isinstance(node, ox.NamedNode):
                known = URIRef(node.value)
            elif isinstance(node, ox.BlankNode):
                known = BNode(node.value)
            elif node.language:
                known = Literal(node.value, lang=node.language)
            elif node.datatype.value == XSD_STRING:
                known = Literal(node.value)  # as the N-Triples parser reads a simple literal
            else:
                known = Literal(node.value, datatype=URIRef(node.datatype.value))
            made[node] = known
        return known

    add = graph.add
    for triple in ntriples:
        add((term(triple.subject), term(triple.predicate), term(triple.object)))
    return graph


@lru_cache(maxsize=1)
def ontology_terms() -> frozenset[str]:
    """The local names the ontology file defines in its namespace (bico:date -> "date")."""
    graph = ox.parse(path=str(data_file("bico.ttl")), format=ox.RdfFormat.TURTLE)
    return frozenset(t.subject.value[len(BICO_IRI):] for t in graph
                     if isinstance(t.subject, ox.NamedNode) and t.subject.value.startswith(BICO_IRI))


def data_file(name: str) -> Path:
    """A file shipped with the package: the ontology, the shapes."""
    return Path(str(resources.files("kgbuild").joinpath("ontology", name)))
