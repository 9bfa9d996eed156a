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


def _results(text: str) -> list[tuple[str, str, str]]:
    """(component, focus node, path) of each result of a report, sorted."""
    import re

    found = re.findall(r"in (\w+) \(.*?\):\n(?:\t.*\n)*?\tFocus Node: (.*)\n(?:\tValue Node: .*\n)?(?:\tResult Path: (.*)\n)?",
                       text)
    return sorted(found)


def _break_on_purpose(store_path) -> None:
    """Faults of every kind the shapes know, on nodes scattered over the store's IRIs."""
    from kgbuild.store import open_store

    with open_store(store_path, writable=True) as store:
        store.inner.update("""
            PREFIX bico: <https://w3id.org/kgbuild/bico#>  PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX schema: <https://schema.org/>  PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
            DELETE { ?org rdfs:label ?label } WHERE { { SELECT ?org WHERE { ?org a bico:Organization } ORDER BY ?org LIMIT 1 }
                                                     ?org rdfs:label ?label } ;
            DELETE { ?amount schema:value ?v } INSERT { ?amount schema:value -5.0 }
              WHERE { { SELECT ?amount WHERE { ?f bico:amount ?amount } ORDER BY DESC(?amount) LIMIT 1 } ?amount schema:value ?v } ;
            INSERT { ?m bico:participant <https://w3id.org/kgbuild/id/nobody> }
              WHERE { { SELECT ?m WHERE { ?m a bico:Meeting } ORDER BY ?m LIMIT 1 } } ;
            INSERT { ?e nif:beginIndex 7 } WHERE { { SELECT ?e WHERE { ?e a bico:Evidence } ORDER BY DESC(?e) LIMIT 1 } } ;
            INSERT { ?p rdfs:label "Second label" } WHERE { { SELECT ?p WHERE { ?p a bico:Post } ORDER BY DESC(?p) LIMIT 1 } }
        """)


def test_the_store_checked_in_batches_gives_the_results_of_one_graph_of_everything(tmp_path, runner, monkeypatch):
    from conftest import CASES, built_by_cli

    from kgbuild import validation
    from kgbuild.store import open_store

    store_path = built_by_cli(runner, tmp_path / "kg", *sorted(CASES.glob("0*.txt")))
    _break_on_purpose(store_path)
    with open_store(store_path) as store:
        whole = validate_graph(store.rdflib_graph())
        monkeypatch.setattr(validation, "BATCH_NODES", 150)  # many batches, faults in several of them
        batched = validation.validate_store(store)
    assert not whole.conforms and not batched.conforms
    assert len(_results(whole.text)) == 5  # one a fault: the amount below zero is found through sh:node
    assert _results(batched.text) == _results(whole.text)
    assert batched.violations == whole.violations


def test_a_post_written_in_two_cases_by_two_articles_is_one_post_with_one_label(tmp_path, runner):
    from conftest import built_by_cli

    first = tmp_path / "a.txt"
    first.write_text("date 2024-03-04\n\nKenya National Chamber of Commerce and Industry President Amina Otieno "
                     "met the Ambassador of Ghana on Monday.\n", encoding="utf-8")
    second = tmp_path / "b.txt"
    second.write_text("date 2024-03-05\n\nAmina Otieno, president of the Kenya National Chamber of Commerce and "
                      "Industry, met the Ambassador of Zambia on Tuesday.\n", encoding="utf-8")
    store_path = built_by_cli(runner, tmp_path / "kg", first, second)
    result = runner.invoke(main, ["validate", "--store", str(store_path)])
    assert result.exit_code == 0, result.output


def test_validate_shows_its_progress_on_a_large_store(runner, seed_store_path, monkeypatch):
    from kgbuild import cli, progress, validation

    monkeypatch.setattr(cli, "STEPS_FROM_TRIPLES", 0)
    monkeypatch.setattr(progress, "LOG_EVERY", 0.0)
    monkeypatch.setattr(validation, "BATCH_NODES", 100)
    result = runner.invoke(main, ["validate", "--store", str(seed_store_path)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line for line in lines if line.startswith("100/") and line.endswith("left")], result.output
    assert lines[-1].startswith("Conforms: ")
