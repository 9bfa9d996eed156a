"""The seed's facts, asserted through SPARQL on the built store."""

PREFIXES = """
PREFIX bico: <https://w3id.org/kgbuild/bico#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""


def rows(store, text):
    results = store.query(PREFIXES + text)
    names = [v.value for v in results.variables]
    return sorted(tuple(s[n].value if s[n] is not None else None for n in names) for s in results)


def test_countries_carry_iso_codes(seed_store):
    assert rows(seed_store, "SELECT ?l ?c WHERE { ?x a bico:Country ; rdfs:label ?l ; bico:isoCode ?c }") == [
        ("Azerbaijan", "AZ"), ("United States", "US")]


def test_organisations_and_their_countries(seed_store):
    found = rows(seed_store, """SELECT ?l ?c WHERE { ?x a bico:Organization ; rdfs:label ?l .
                                OPTIONAL { ?x bico:country/bico:isoCode ?c } }""")
    assert found == [
        ("Agency for Small and Medium Business Development", "AZ"),
        ("SMB Development Centers", None),
        ("U.S. Agency for International Development", "US"),
        ("US Small Business Administration", "US"),
        ("US-Azerbaijan Chamber of Commerce", None),
    ]
    assert rows(seed_store, """SELECT ?a WHERE { ?x rdfs:label "Agency for Small and Medium Business Development" ;
                                 <http://www.w3.org/2004/02/skos/core#altLabel> ?a }""") == [
        ("Agency for Small and Medium Businesses Development",)]


def test_persons_hold_posts_in_organisations(seed_store):
    assert rows(seed_store, """SELECT ?n ?post ?o WHERE { ?p a bico:Person ; foaf:name ?n ; org:holds ?h .
                                 ?h rdfs:label ?post ; org:postIn/rdfs:label ?o }""") == [
        ("Okrhan Mammadov", "Chairman", "Agency for Small and Medium Business Development"),
        ("Reza Vaziri", "Chairman", "US-Azerbaijan Chamber of Commerce"),
    ]


def test_the_meeting_on_2021_08_09(seed_store):
    assert rows(seed_store, """SELECT ?n ?d WHERE { ?m a bico:Meeting ; bico:date ?d ; bico:participant/foaf:name ?n ;
                                 bico:eventType/bico:cameoCode "040" }""") == [
        ("Okrhan Mammadov", "2021-08-09"), ("Reza Vaziri", "2021-08-09")]
    topics = rows(seed_store, "SELECT ?t WHERE { ?m a bico:Meeting ; bico:topic ?t }")
    assert ("opportunities for joint cooperation",) in topics and len(topics) == 4


def test_the_memorandum_of_july_2021(seed_store):
    assert rows(seed_store, """SELECT ?k ?d ?p WHERE { ?a a bico:Agreement ; bico:agreementKind ?k ; bico:date ?d ;
                                 bico:party/rdfs:label ?p }""") == [
        ("memorandum of understanding", "2021-07", "Agency for Small and Medium Business Development"),
        ("memorandum of understanding", "2021-07", "U.S. Agency for International Development"),
    ]


def test_trade_turnover_figures(seed_store):
    found = rows(seed_store, """SELECT ?period ?v ?cur (GROUP_CONCAT(?c; separator=",") AS ?cs) WHERE {
        SELECT ?period ?v ?cur ?c WHERE { ?f a bico:TradeFigure ; bico:period ?period ; bico:amount ?m ;
             bico:tradeBetween/bico:isoCode ?c . ?m schema:value ?v ; schema:currency ?cur } ORDER BY ?c }
        GROUP BY ?period ?v ?cur""")
    assert [(p, float(v), cur, ",".join(sorted(cs.split(",")))) for p, v, cur, cs in found] == [
        ("2020", 660800000.0, "USD", "AZ,US"), ("2021-H1", 260200000.0, "USD", "AZ,US")]


def test_article_metadata_and_no_author_or_outlet_actor(seed_store):
    assert rows(seed_store, """SELECT ?id ?d ?pub ?au WHERE { ?a a schema:NewsArticle ; bico:articleId ?id ;
                                 schema:datePublished ?d ; dcterms:publisher ?pub ; dcterms:creator ?au }""") == [
        ("000_a347758bee459792", "2021-08-10", "Azernews", "Ayya Lmahamad")]
    assert rows(seed_store, """SELECT ?x WHERE { ?x rdfs:label ?l FILTER(?l IN ("Azernews", "Ayya Lmahamad")) }""") == []


def test_every_fact_links_to_its_sentence_in_the_article(seed_store):
    missing = rows(seed_store, """SELECT ?x WHERE { VALUES ?t { bico:Meeting bico:Agreement bico:TradeFigure }
        ?x a ?t . FILTER NOT EXISTS { ?x prov:wasDerivedFrom ?e . ?e bico:inArticle ?a ; bico:sentenceIndex ?s } }""")
    assert missing == []
    assert rows(seed_store, """SELECT ?s ?text WHERE { ?p foaf:name "Reza Vaziri" ; bico:mentionedIn ?e .
        ?e bico:sentenceIndex ?s ; <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf> ?text }""") \
        == [("0", "Reza Vaziri")]


def test_each_article_is_its_own_named_graph(seed_store):
    assert seed_store.articles() == ["000_a347758bee459792"]
    graphs = rows(seed_store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    # the ontology has a graph of its own, so that queries see labels and CAMEO codes of its terms; the
    # actors' labels too, as all the articles spell them
    assert sorted(graphs) == [("https://w3id.org/kgbuild/bico",), ("https://w3id.org/kgbuild/id/events",),
                              ("https://w3id.org/kgbuild/id/graph/000_a347758bee459792",),
                              ("https://w3id.org/kgbuild/id/labels",)]


def test_evidence_nodes_are_kept_once_and_read_back_with_their_articles_graph(seed_store):
    import pyoxigraph as ox

    from kgbuild.ontology import graph_iri, is_evidence_iri

    article = "000_a347758bee459792"
    evidence = "https://w3id.org/kgbuild/bico#Evidence"
    named = list(seed_store.inner.quads_for_pattern(None, None, None, graph_iri(article)))
    merged = rows(seed_store, f"SELECT ?e WHERE {{ ?e a <{evidence}> }}")
    # in the merged graph only: no other article can state them, and a second copy doubled the writing
    assert len(merged) == 35
    assert named and not any(is_evidence_iri(quad.subject.value) for quad in named)
    # the article's graph, as exports, pushes and undo read it, has them in full
    whole = list(seed_store.article_quads(article))
    assert len(whole) == len(named) + 6 * len(merged)
    assert {q.subject.value for q in whole if q.object == ox.NamedNode(evidence)} == {e for (e,) in merged}
    assert all(q.graph_name == graph_iri(article) for q in whole)


def test_a_store_that_keeps_evidence_in_the_articles_graph_too_reads_the_same(tmp_path):
    # as kgbuild wrote stores before evidence nodes went to the merged graph alone
    from pathlib import Path

    from kgbuild.build import build
    from kgbuild.store import open_store
    from kgbuild.upkeep import list_articles

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    with open_store(tmp_path / "kg", writable=True, create=True) as store:
        build([seeds], store)
        article = store.articles()[0]
        whole = sorted(map(str, store.article_quads(article)))
        store.inner.update(f"""PREFIX bico: <https://w3id.org/kgbuild/bico#>
            INSERT {{ GRAPH <https://w3id.org/kgbuild/id/graph/{article}> {{ ?e ?p ?o }} }}
            WHERE {{ ?e a bico:Evidence ; ?p ?o }}""")
        assert sorted(map(str, store.article_quads(article))) == whole
        assert list_articles(store, triples=True)[0].triples == len(whole)
        store.remove_article(article)
        assert not list(store.query("SELECT ?e WHERE { ?e a <https://w3id.org/kgbuild/bico#Evidence> }"))
