"""SHACL validation of the graph against ontology/shapes.ttl, with pySHACL."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph

from .ontology import data_file


@dataclass
class ValidationReport:
    conforms: bool
    text: str
    violations: int


def shapes_graph() -> Graph:
    return Graph().parse(data_file("shapes.ttl"), format="turtle")


def ontology_graph() -> Graph:
    return Graph().parse(data_file("bico.ttl"), format="turtle")


def validate_graph(data: Graph) -> ValidationReport:
    """Check a graph against the shapes; the ontology supplies the class hierarchy."""
    from pyshacl import validate

    conforms, _, text = validate(
        data, shacl_graph=shapes_graph(), ont_graph=ontology_graph(), inference="none", advanced=False,
        allow_warnings=True)
    return ValidationReport(bool(conforms), text, text.count("Constraint Violation"))
