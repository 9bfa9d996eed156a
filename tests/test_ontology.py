"""The vocabulary in Python matches the ontology file, and a misspelt term cannot mint an IRI."""

import pyoxigraph as ox
import pytest

from kgbuild.ontology import BICO, BICO_IRI, data_file


def declared_terms() -> set[str]:
    triples = ox.parse(path=str(data_file("bico.ttl")), format=ox.RdfFormat.TURTLE)
    return {t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode)
            and t.subject.value.startswith(BICO_IRI)}


def test_every_python_term_is_declared_in_the_ontology_file():
    names = BICO._terms
    assert names, "the vocabulary lists its terms"
    assert {BICO_IRI + name for name in names} <= declared_terms()


def test_a_misspelt_term_raises():
    with pytest.raises(AttributeError, match="Meating"):
        BICO.Meating


def test_a_term_is_a_pyoxigraph_node_made_once():
    assert BICO.Meeting == ox.NamedNode(BICO_IRI + "Meeting")
    assert BICO.Meeting is BICO.Meeting
