"""Exports meant for people and for JSON tools: Turtle laid out to be read and diffed, and JSON-LD
compacted with kgbuild's prefixes.

Oxigraph writes Turtle as its index happens to order it: subjects of every kind mixed, all objects
of a predicate on one line, `\\#` in the names of evidence. The readable layout groups subjects by
kind (ontology, countries, organisations, persons, posts, events, trade figures, articles, name
resolutions, evidence), sorts them within a group (numbers in names by value, so sentence 2 comes
before sentence 10), writes `a` first and one object per line. It is the same graph, and the same
store always gives the same bytes.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import BinaryIO

import pyoxigraph as ox

from .ontology import BICO_IRI, ORG, PREFIXES, RDF, RDFS, SCHEMA, SKOS, XSD, FOAF

OWL = "http://www.w3.org/2002/07/owl#"
ARTICLE_NAMESPACE = PREFIXES["article"]

# A subject goes in the first section one of its types belongs to; subjects of no listed type go
# in "Ontology" when they are in its namespace, and in "Other" otherwise.
SECTIONS: list[tuple[str, tuple[str, ...]]] = [
    ("Ontology", tuple(OWL + name for name in ("Ontology", "Class", "ObjectProperty", "DatatypeProperty",
                                               "SymmetricProperty", "TransitiveProperty", "AnnotationProperty"))
     + (SKOS.Concept.value, SKOS.ConceptScheme.value, RDF.Property.value)),
    ("Countries", (BICO_IRI + "Country",)),
    ("Organisations", (BICO_IRI + "Organization",)),
    ("Persons", (BICO_IRI + "Person", FOAF.Person.value)),
    ("Posts", (BICO_IRI + "Post", ORG.Post.value)),
    ("Meetings and agreements", (BICO_IRI + "Meeting", BICO_IRI + "Agreement", BICO_IRI + "Event")),
    ("Trade figures", (BICO_IRI + "TradeFigure", SCHEMA.MonetaryAmount.value)),
    ("Events, each with its reports", (BICO_IRI + "Occurrence",)),
    ("Articles", (SCHEMA.NewsArticle.value,)),
    ("Name resolutions", (BICO_IRI + "Resolution",)),
    ("Evidence", (BICO_IRI + "Evidence",)),
    ("Other", ()),
]
_SECTION_OF_TYPE = {cls: rank for rank, (_, classes) in enumerate(SECTIONS) for cls in classes}
_OTHER = len(SECTIONS) - 1

# Names written without escapes: a prefixed name whose local part needs none, or an article's
# resource relative to the base (`<07_x#meeting-1>`), since `#` in a prefixed name must be escaped.
_PLAIN_LOCAL = re.compile(r"(?:[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?)?")
_RELATIVE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.~-]*(?:#[A-Za-z0-9_.~-]*)?")
_PREFIXES_LONGEST_FIRST = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))
_DIGITS = re.compile(r"(\d+)")
_RDF_TYPE = f"<{RDF.type.value}>"
_XSD_STRING = XSD.string.value
# Datatypes whose values Turtle writes bare, when the lexical form is the one the bare form reads as.
_BARE_FORMS = {XSD.integer.value: re.compile(r"[+-]?[0-9]+"), XSD.decimal.value: re.compile(r"[+-]?[0-9]*\.[0-9]+"),
               XSD.boolean.value: re.compile(r"true|false")}
_PREFERRED_PREDICATES = {_RDF_TYPE: 0, f"<{RDFS.label.value}>": 1}


def natural_key(text: str) -> tuple:
    """Sort key that compares runs of digits by value: s2 before s10, trade-2 before trade-10."""
    parts = _DIGITS.split(text)
    return tuple(int(part) if index % 2 else part for index, part in enumerate(parts))


@lru_cache(maxsize=1 << 16)
def iri_text(iri: str) -> str:
    """An IRI as the readable Turtle writes it: relative to the article base, prefixed, or whole."""
    if iri.startswith(ARTICLE_NAMESPACE) and _RELATIVE.fullmatch(local := iri[len(ARTICLE_NAMESPACE):]):
        return f"<{local}>"
    for prefix, namespace in _PREFIXES_LONGEST_FIRST:
        if iri.startswith(namespace):
            local = iri[len(namespace):]
            if _PLAIN_LOCAL.fullmatch(local):
                return f"{prefix}:{local}"
            break
    return f"<{iri}>"


def _ntriples_term_text(term: str) -> str:
    """A term written in N-Triples, rewritten as the readable Turtle writes it. The quoted part of a
    literal is kept as it is: N-Triples escapes are Turtle escapes."""
    if term[0] == "<":
        return iri_text(term[1:-1])
    if term[0] != '"':
        return term  # a blank node, _:name in both
    closing = term.rindex('"')
    quoted, suffix = term[:closing + 1], term[closing + 1:]
    if not suffix.startswith("^^"):
        return term  # a plain or language-tagged string
    datatype = suffix[3:-1]
    if datatype == _XSD_STRING:
        return quoted
    bare = _BARE_FORMS.get(datatype)
    if bare is not None and bare.fullmatch(quoted[1:-1]):
        return quoted[1:-1]
    return f"{quoted}^^{iri_text(datatype)}"


def _section(subject: str, types: list[str]) -> int:
    ranks = [_SECTION_OF_TYPE[t] for t in types if t in _SECTION_OF_TYPE]
    if ranks:
        return min(ranks)
    return 0 if subject.startswith("<" + BICO_IRI.rstrip("#")) else _OTHER


def _block(subject_text: str, properties: dict[str, list[str]]) -> str:
    lines = [subject_text]
    predicates = sorted(properties, key=lambda p: (_PREFERRED_PREDICATES.get(p, 2), iri_text(p[1:-1])))
    last = len(predicates) - 1
    for number, predicate in enumerate(predicates):
        verb = "a" if predicate == _RDF_TYPE else iri_text(predicate[1:-1])
        end = " ." if number == last else " ;"
        objects = properties[predicate]
        if len(objects) == 1:
            lines.append(f"    {verb} {_ntriples_term_text(objects[0])}{end}")
            continue
        texts = sorted({_ntriples_term_text(o) for o in objects}, key=natural_key)
        lines.append(f"    {verb}")
        lines += [f"        {text} ," for text in texts[:-1]]
        lines.append(f"        {texts[-1]}{end}")
    return "\n".join(lines)


def readable_turtle(ntriples: bytes) -> Iterator[str]:
    """A graph given as N-Triples (the form Oxigraph dumps fastest), as Turtle laid out for reading,
    in pieces to write one after another."""
    subjects: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    types: dict[str, list[str]] = defaultdict(list)
    for line in ntriples.decode("utf-8").split("\n"):  # not splitlines(): U+2028 may be in a literal
        if not line:
            continue
        subject, predicate, rest = line.split(" ", 2)
        term = rest[:-2]  # without " ."
        subjects[subject][predicate].append(term)
        if predicate == _RDF_TYPE and term[0] == "<":
            types[subject].append(term[1:-1])
    yield f"@base <{ARTICLE_NAMESPACE}> .\n"
    yield "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in sorted(PREFIXES.items()))
    sections: dict[int, list[tuple[tuple, str, str]]] = defaultdict(list)
    for subject in subjects:
        text = _ntriples_term_text(subject)
        sections[_section(subject, types[subject])].append((natural_key(text), text, subject))
    for rank in sorted(sections):
        yield f"\n# {SECTIONS[rank][0]}\n"
        for _, text, subject in sorted(sections[rank]):
            yield "\n" + _block(text, subjects[subject]) + "\n"


def write_readable_turtle(ntriples: bytes, output: BinaryIO) -> None:
    for piece in readable_turtle(ntriples):
        output.write(piece.encode("utf-8"))


def jsonld_context() -> dict[str, str]:
    """The JSON-LD context: one term per kgbuild prefix, so keys read `bico:date`, `rdfs:label`."""
    return dict(sorted(PREFIXES.items()))


def _jsonld_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "IRI", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "blank node", "value": f"_:{term.value}"}
    node = {"type": "literal", "value": term.value, "datatype": term.datatype.value}
    if term.language:
        node["language"] = term.language
    return node


def compacted_jsonld(quads: Iterable[ox.Quad]) -> bytes:
    """Quads as JSON-LD compacted with kgbuild's context and pretty-printed.

    PyLD, the JSON-LD processor that implements the W3C algorithms, does both steps: from RDF (types
    become `@type`, subjects ordered by name) and compaction (prefixed keys and values). It is given
    the quads as its RDF dataset, not as N-Quads text: its N-Quads reader checks each new quad against
    every earlier one of its graph."""
    from pyld import jsonld

    dataset: dict[str, list[dict]] = defaultdict(list)
    for quad in quads:
        graph = "@default" if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
        dataset[graph].append({"subject": _jsonld_term(quad.subject), "predicate": _jsonld_term(quad.predicate),
                               "object": _jsonld_term(quad.object)})
    expanded = jsonld.from_rdf(dict(dataset))
    document = jsonld.compact(expanded, {"@context": jsonld_context()}, {"skipExpansion": True})
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
