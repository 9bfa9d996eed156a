"""SHACL validation of the graph against ontology/shapes.ttl, with pySHACL."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import Graph
from rdflib.namespace import SH

from .ontology import data_file, rdflib_graph

if TYPE_CHECKING:
    from .store import KnowledgeStore

# Nodes validated at once. Each batch holds their triples and what the shapes read beyond them; a batch
# of 20,000 nodes (about 100,000 triples of real-genre articles) keeps pySHACL's graph near 300 MB,
# where the whole graph of 2,000 articles took 2 GB.
BATCH_NODES = 20_000


@dataclass
class ValidationReport:
    conforms: bool
    text: str
    violations: int


def shapes_graph() -> Graph:
    return Graph().parse(data_file("shapes.ttl"), format="turtle")


def ontology_graph() -> Graph:
    return Graph().parse(data_file("bico.ttl"), format="turtle")


def validate_graph(data: Graph, shapes: Graph | None = None, ontology: Graph | None = None,
                   inplace: bool = False) -> ValidationReport:
    """Check a graph against the shapes; the ontology supplies the class hierarchy (mixed into `data`
    itself when `inplace`, else into a copy)."""
    from pyshacl import validate

    conforms, _, text = validate(
        data, shacl_graph=shapes if shapes is not None else shapes_graph(),
        ont_graph=ontology if ontology is not None else ontology_graph(), inference="none", advanced=False,
        allow_warnings=True, inplace=inplace)
    return ValidationReport(bool(conforms), text, text.count("Constraint Violation"))


def validate_store(store: KnowledgeStore, progress: Callable[[int, int], None] | None = None) -> ValidationReport:
    """Check the store's merged graph against the shapes, BATCH_NODES nodes at a time, in the order of
    their IRIs (an article's facts and evidence are neighbours there). A batch's graph holds the nodes'
    triples, the types of the nodes they point to (for sh:class) and the triples of the nodes the shapes
    check in place (sh:node): the shapes read no further, so the batches find what one graph of
    everything finds, in bounded memory. The shapes are aimed at the batch's own nodes (their target
    classes stand for "of this class and in this batch"), so that a node of another batch, present by
    its type alone, is not checked here. `progress` is told the nodes checked so far and of all."""
    from rdflib import RDF, RDFS, URIRef

    shapes, ontology = shapes_graph(), ontology_graph()
    targets = sorted({str(c) for c in shapes.objects(None, SH.targetClass)})
    in_batch = {target: URIRef(BATCH_CLASS + target) for target in targets}
    for shape, target in list(shapes.subject_objects(SH.targetClass)):
        shapes.remove((shape, SH.targetClass, target))
        shapes.add((shape, SH.targetClass, in_batch[str(target)]))
    nested = sorted({str(path) for shape in shapes.subjects(SH.node, None) for path in shapes.objects(shape, SH.path)})
    nodes = [row["s"] for row in store.query("SELECT DISTINCT ?s WHERE { ?s a ?type FILTER isIRI(?s) }")]
    nodes.sort(key=lambda node: node.value)
    # one query a part: as one query of UNIONs under the batch's VALUES, Oxigraph took minutes
    parts = ["CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?s { %s } ?s ?p ?o }",
             "CONSTRUCT { ?o a ?type } WHERE { { SELECT DISTINCT ?o WHERE { VALUES ?s { %s } ?s ?any ?o "
             "FILTER isIRI(?o) } } ?o a ?type }"]
    parts += [f"CONSTRUCT {{ ?o ?p ?inner }} WHERE {{ VALUES ?s {{ %s }} ?s <{path}> ?o . ?o ?p ?inner }}"
              for path in nested]
    # the batch class of each class the shapes target: of the class itself and of its subclasses
    aimed_as: dict[URIRef, list[URIRef]] = {}
    for target, batch_class in in_batch.items():
        for cls in ontology.transitive_subjects(RDFS.subClassOf, URIRef(target)):
            aimed_as.setdefault(cls, []).append(batch_class)
    results: list[str] = []
    violations = 0
    for first in range(0, len(nodes), BATCH_NODES):
        batch = nodes[first:first + BATCH_NODES]
        values = " ".join(str(node) for node in batch)
        data = rdflib_graph(triple for part in parts for triple in store.query(part % values))
        own = {URIRef(node.value) for node in batch}
        for node, cls in list(data.subject_objects(RDF.type)):
            if node in own:
                for batch_class in aimed_as.get(cls, ()):
                    data.add((node, RDF.type, batch_class))
        report = validate_graph(data, shapes, ontology, inplace=True)
        if not report.conforms:
            results += _RESULT.split(report.text)[1:]
            violations += report.violations
        if progress is not None:
            progress(first + len(batch), len(nodes))
    if not results:
        return ValidationReport(True, "Validation Report\nConforms: True\n", 0)
    return ValidationReport(False, f"Validation Report\nConforms: False\nResults ({len(results)}):\n" + "".join(results),
                            violations)


# A class only the nodes of the batch being checked are given, one for each target class of the shapes.
BATCH_CLASS = "urn:kgbuild:validation:in-batch:"
# where each result of pySHACL's text report starts
_RESULT = re.compile(r"^(?=(?:Constraint Violation|Validation Result) in )", re.MULTILINE)
