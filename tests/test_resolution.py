"""One graph across articles: variant names of one organisation or person become one node."""

import io
from pathlib import Path

import pytest
from rdflib import Dataset

from kgbuild.build import add_articles, build, read_articles
from kgbuild.cli import main
from kgbuild.resolve import ActorIndex, OrgEntry, org_signature
from kgbuild.store import open_store

CASES = Path(__file__).parent / "cases"
AGENCY = "https://w3id.org/kgbuild/id/org/agency-for-small-and-medium-business-development"


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory, seed_path=Path(__file__).resolve().parent.parent / "seeds"):
    path = tmp_path_factory.mktemp("corpus") / "kg"
    with open_store(path, writable=True, create=True) as store:
        build([seed_path, CASES / "01_swiss_chamber.txt", CASES / "06_smb_variants.txt",
               CASES / "02_ministers_protocol.txt"], store)
    return path


def labels(store, iri):
    rows = store.query(f"""SELECT DISTINCT ?l WHERE {{ <{iri}> <http://www.w3.org/2000/01/rdf-schema#label>|
                            <http://www.w3.org/2004/02/skos/core#altLabel> ?l }}""")
    return sorted(r["l"].value for r in rows)


def test_variant_names_of_the_agency_are_one_organisation(corpus_store):
    with open_store(corpus_store) as store:
        assert labels(store, AGENCY) == [
            "Agency for Small and Medium Business Development",
            "Agency for Small and Medium Businesses Development",
            "Agency for the Development of Small and Medium-sized Enterprises",
            "SMB Development Agency of Azerbaijan",
            "SMBDA",
            "Small and Medium Business Development Agency of Azerbaijan",
        ]
        agencies = store.query("""SELECT DISTINCT ?o WHERE { ?o a <https://w3id.org/kgbuild/bico#Agency> }""")
        assert len(list(agencies)) == 3  # the agency, USAID, and the US Small Business Administration


def test_two_spellings_of_the_chairman_are_one_person(corpus_store):
    with open_store(corpus_store) as store:
        assert labels(store, "https://w3id.org/kgbuild/id/person/okrhan-mammadov") == [
            "Okrhan Mammadov", "Orkhan Mammadov"]
        people = store.query("""SELECT DISTINCT ?p WHERE { ?p <http://xmlns.com/foaf/0.1/name> ?n
                                FILTER(CONTAINS(?n, "Mammadov")) }""")
        assert len(list(people)) == 1


def test_the_meetings_of_the_agency_across_articles_in_order(runner, corpus_store):
    result = runner.invoke(main, ["query", "meetings", "--store", str(corpus_store), "--format", "csv",
                                  "--bind", f"actor=<{AGENCY}>"])
    assert result.exit_code == 0, result.output
    dates = [line.split(",")[1] for line in result.output.splitlines()[1:]]
    assert dates == ["2021-08-09", "2022-05-11", "2023-09-12"]


def test_explain_says_which_names_were_merged_and_why(runner, corpus_store):
    result = runner.invoke(main, ["actors", "--explain", "smbda", "--store", str(corpus_store)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == (f"Agency for Small and Medium Business Development  <{AGENCY}>  (label: the spelling of its "
                        f"earliest article; no spelling is used by more than 1 of its 3 article(s))")
    assert "  000_a347758bee459792: 'Agency for Small and Medium Business Development' - the name it was first " \
           "seen under" in lines
    assert any(line.startswith("  06_smb_variants: 'Agency for the Development of Small and Medium-sized Enterprises' - "
                               "same name words as 'Agency for Small and Medium Business Development'")
               for line in lines)
    result = runner.invoke(main, ["actors", "--explain", "Orkhan Mammadov", "--store", str(corpus_store)])
    assert "'Orkhan Mammadov' is 1 edit from 'Okrhan Mammadov', with the same post (chairman) in the same " \
           "organisation" in result.output


def test_a_name_written_as_its_actors_label_leaves_no_stored_decision(corpus_store):
    # The seed names every actor first: its graph holds no decision, and explain still lists it.
    from kgbuild.resolve import explain

    with open_store(corpus_store) as store:
        decisions = store.query("""SELECT ?reason WHERE { GRAPH ?g {
            ?d a <https://w3id.org/kgbuild/bico#Resolution> ; <https://w3id.org/kgbuild/bico#reason> ?reason } }""")
        reasons = {row["reason"].value for row in decisions}
        assert reasons and "the name it was first seen under" not in reasons
        [agency] = explain(store.inner, "SMBDA")
    articles = [article for article, _, reason in agency.decisions if reason == "the name it was first seen under"]
    assert articles[0] == "000_a347758bee459792"


def test_explain_of_an_unknown_name_is_an_error(runner, corpus_store):
    result = runner.invoke(main, ["actors", "--explain", "Nobody At All", "--store", str(corpus_store)])
    assert result.exit_code == 2 and "no actor is called 'Nobody At All'" in result.output


def test_actors_lists_aliases(runner, corpus_store):
    result = runner.invoke(main, ["actors", "--kind", "person", "--store", str(corpus_store)])
    assert result.exit_code == 0
    assert "Okrhan Mammadov" in result.output and "Orkhan Mammadov" in result.output


def test_generic_chambers_of_different_countries_stay_apart():
    index = ActorIndex()
    index.add_org(OrgEntry.of("x:hu", "Hungarian Chamber of Commerce and Industry", "Chamber", "HU", set()))
    assert index.match_org("India-Bangladesh Chamber of Commerce and Industry", "Chamber", None, ["IBCCI"]) is None
    assert index.match_org("Chamber of Commerce and Industry", "Chamber", None, []) is None
    assert index.match_org("Chamber of Commerce and Industry", "Chamber", "HU", [])[0].iri == "x:hu"


def test_namesakes_in_other_countries_stay_apart():
    index = ActorIndex()
    index.add_org(OrgEntry.of("x:az", "Small and Medium Business Development Agency", "Agency", "AZ", set()))
    assert index.match_org("Small and Medium Business Development Agency", "Agency", "KZ", []) is None
    assert index.match_org("SME Development Agency", "Agency", None, [])[0].iri == "x:az"


def test_signature_folds_the_genres_spellings():
    assert org_signature("Agency for the Development of Small and Medium-sized Enterprises")[0] == \
        org_signature("SMB Development Agency")[0] == org_signature("Small and Medium Businesses Development Agency")[0]
    assert org_signature("U.S. Small Business Administration") == org_signature("US Small Business Administration")


def test_worker_processes_give_the_same_graph_as_one_process(tmp_path):
    # 06 names the agency and its chairman otherwise than the seed does, so resolution changes nodes
    # there: the mapping made in a worker must be redone with the resolution in the writer.
    paths = [Path(__file__).resolve().parent.parent / "seeds", CASES]
    exports = {}
    for jobs in (1, 2):
        with open_store(tmp_path / f"kg{jobs}", writable=True, create=True) as store:
            report = add_articles(read_articles(paths), store, jobs=jobs)
            assert len(report.articles) == 1 + len(list(CASES.glob("*.txt")))
            data = io.BytesIO()
            store.export("nq", data)
            exports[jobs] = data.getvalue()
            merged = store.query("""SELECT (COUNT(*) AS ?n) WHERE {
                ?r <https://w3id.org/kgbuild/bico#reason> ?why FILTER(?why != "the name it was first seen under") }""")
            assert int(next(iter(merged))["n"].value) > 0
    one, two = (Dataset() for _ in range(2))
    one.parse(data=exports[1], format="nquads")
    two.parse(data=exports[2], format="nquads")
    assert len(set(one.quads())) > 1000
    assert set(one.quads()) == set(two.quads())  # no blank nodes: equal quads are equal graphs
    assert exports[1] == exports[2]


def test_a_forked_index_resolves_as_the_original_and_changes_apart_from_it():
    from kgbuild.resolve import ActorNames, resolve

    agency = ("Ruritania Export Promotion Agency", "Agency", "Ruritania", ("REPA",))
    first = ActorNames("a1", (agency,), (("Ahmed Khan", agency[0], "Chairman"),))
    index = ActorIndex()
    resolve(first, index)
    fork = index.fork()
    later = ActorNames("b2", (("REPA", "Agency", None, ()),), (("Ahmed Kahn", "REPA", "Chairman"),))
    assert resolve(later, fork) == resolve(later, index)  # the typo merges into the same man in both
    assert resolve(ActorNames("c3", (), (("Maria Lopez", None, "President"),)), fork).persons
    assert [p.name for p in fork.persons] == ["Ahmed Khan", "Maria Lopez"]
    assert [p.name for p in index.persons] == ["Ahmed Khan"]  # the original never saw her
    assert index.persons[0].aliases == fork.persons[0].aliases == {"Ahmed Kahn"}
