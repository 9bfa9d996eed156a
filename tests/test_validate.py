"""SHACL: the built graph conforms to the shapes, and a graph broken on purpose does not."""

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import RDF

from kgbuild.cli import main
from kgbuild.ontology import BICO_IRI
from kgbuild.validation import validate_graph

BICO = Namespace(BICO_IRI)


def test_the_seed_graph_conforms(seed_store):
    report = validate_graph(seed_store.rdflib_graph())
    assert report.conforms, report.text


def test_a_trade_figure_with_one_country_and_no_amount_does_not_conform(seed_store):
    graph = seed_store.rdflib_graph()
    figure = URIRef("https://w3id.org/kgbuild/id/article/x#trade-1")
    graph.add((figure, RDF.type, BICO.TradeFigure))
    graph.add((figure, BICO.tradeBetween, URIRef("https://w3id.org/kgbuild/id/country/AZ")))
    graph.add((figure, BICO.indicator, Literal("trade turnover")))
    report = validate_graph(graph)
    assert not report.conforms
    assert "bico:tradeBetween" in report.text or "tradeBetween" in report.text
    assert report.violations >= 3  # too few countries, no amount, no evidence


def test_a_meeting_with_a_malformed_date_does_not_conform(seed_store):
    graph = seed_store.rdflib_graph()
    meeting = next(graph.subjects(RDF.type, BICO.Meeting))
    graph.set((meeting, BICO.date, Literal("9 August")))
    assert not validate_graph(graph).conforms


def test_validate_command_exit_codes(runner, seed_store_path):
    result = runner.invoke(main, ["validate", "--store", str(seed_store_path)])
    assert result.exit_code == 0
    assert result.output.startswith("Conforms:")
