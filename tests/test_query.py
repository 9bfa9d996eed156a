"""The query command and the bundled query library, on the seed's graph."""

import io
import json

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.query import Result

from kgbuild.cli import main
from kgbuild.query import bundled_queries, load_query, parse_term, run_query


def select(store, name, fmt="json", **bindings):
    from kgbuild.query import parse_bindings

    spec = load_query(name)
    values = parse_bindings([f"{k}={v}" for k, v in bindings.items()], spec.text)
    run = run_query(store.inner, spec, values, fmt)
    parsed = ox.parse_query_results(run.output, ox.QueryResultsFormat.JSON)
    variables = [v.value for v in parsed.variables]
    return [tuple(s[v].value if s[v] is not None else None for v in variables) for s in parsed]


BUNDLED = sorted(q.name for q in bundled_queries())


def test_the_library_has_the_queries_users_were_promised():
    assert {"actors", "people", "meetings", "agreements", "trade", "cooperation", "timeline", "provenance",
            "actor-network"} <= set(BUNDLED)
    for query in bundled_queries():
        assert query.description and query.example and query.example.startswith("kgbuild query")


def test_actors(seed_store):
    rows = select(seed_store, "actors")
    assert [(r[2], r[1].rsplit("#")[-1], (r[3] or "").rsplit("/")[-1]) for r in rows] == [
        ("Azerbaijan", "Country", "AZ"), ("United States", "Country", "US"),
        ("Agency for Small and Medium Business Development", "Organization", "AZ"),
        ("SMB Development Centers", "Organization", ""),
        ("U.S. Agency for International Development", "Organization", "US"),
        ("US Small Business Administration", "Organization", "US"),
        ("US-Azerbaijan Chamber of Commerce", "Organization", ""),
        ("Okrhan Mammadov", "Person", "AZ"), ("Reza Vaziri", "Person", ""),
    ]


def test_actors_bound_to_a_country_iri(seed_store):
    rows = select(seed_store, "actors", country="country:US")
    assert [r[2] for r in rows] == ["United States", "U.S. Agency for International Development",
                                    "US Small Business Administration"]


def test_people(seed_store):
    rows = select(seed_store, "people")
    assert [(r[1], r[2], r[4]) for r in rows] == [
        ("Okrhan Mammadov", "Chairman", "Agency for Small and Medium Business Development"),
        ("Reza Vaziri", "Chairman", "US-Azerbaijan Chamber of Commerce")]


def test_meetings(seed_store):
    [row] = select(seed_store, "meetings")
    assert row[0].endswith("000_a347758bee459792#meeting-1")
    assert (row[1], row[2], sorted(row[3].split("; "))) == ("2021-08-09", None, ["Okrhan Mammadov", "Reza Vaziri"])
    assert "opportunities for joint cooperation" in row[4].split("; ")


def test_meetings_bound_to_an_actor_and_to_one_that_met_no_one(seed_store):
    assert len(select(seed_store, "meetings", actor="person:reza-vaziri")) == 1
    # a member's meeting is its organisation's meeting too
    assert len(select(seed_store, "meetings", actor="organization:us-azerbaijan-chamber-of-commerce")) == 1
    assert select(seed_store, "meetings", actor="organization:us-small-business-administration") == []


def test_agreements(seed_store):
    [row] = select(seed_store, "agreements")
    assert (row[1], row[2], sorted(row[3].split("; ")), row[4] or "", row[5]) == (
        "memorandum of understanding", "2021-07",
        ["Agency for Small and Medium Business Development", "U.S. Agency for International Development"],
        "", "cooperation in the field of SMBs")


def test_trade(seed_store):
    rows = select(seed_store, "trade")
    assert [(r[0], r[1], r[2], float(r[3]), r[4]) for r in rows] == [
        ("Azerbaijan", "United States", "2020", 660800000.0, "USD"),
        ("Azerbaijan", "United States", "2021-H1", 260200000.0, "USD")]


def test_cooperation_between_azerbaijan_and_the_united_states(seed_store):
    rows = select(seed_store, "cooperation", a="country:AZ", b="country:US")
    assert [(r[1], r[2], r[3], r[4]) for r in rows] == [
        ("agreement", "2021-07", "Agency for Small and Medium Business Development",
         "U.S. Agency for International Development")]
    assert select(seed_store, "cooperation", a="country:US", b="country:AZ")[0][3] == \
        "U.S. Agency for International Development"


def test_timeline_in_date_order_and_bound_to_a_typed_literal(seed_store):
    rows = select(seed_store, "timeline")
    assert [(r[0], r[1]) for r in rows] == [("2021-07", "agreement"), ("2021-08-09", "meeting")]
    assert [(r[0], r[1]) for r in select(seed_store, "timeline", since='"2021-08-01"^^xsd:date')] == [
        ("2021-08-09", "meeting")]


def test_provenance_bound_to_an_actor(seed_store):
    rows = select(seed_store, "provenance", about="person:reza-vaziri")
    assert [(r[1].rsplit("/")[-1], r[2], r[3], r[4], r[5]) for r in rows] == [
        ("000_a347758bee459792", "0", "150", "161", "Reza Vaziri")]


def test_actor_network_is_a_graph_of_the_actors(seed_store):
    run = run_query(seed_store.inner, load_query("actor-network"), {}, "turtle")
    graph = Graph().parse(data=run.output, format="turtle")
    met = {(str(s).rsplit("/")[-1], str(o).rsplit("/")[-1]) for s, p, o in graph
           if str(p).endswith("#metWith")}
    assert met == {("okrhan-mammadov", "reza-vaziri"), ("reza-vaziri", "okrhan-mammadov")}
    assert len({s for s, p, o in graph if str(o).endswith("#Person")}) == 2


@pytest.mark.parametrize("name", BUNDLED)
def test_every_bundled_query_runs_through_the_cli(runner, seed_store_path, name):
    result = runner.invoke(main, ["query", name, "--store", str(seed_store_path)])
    assert result.exit_code == 0, result.output
    assert result.output.strip()


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "xml"])
def test_result_formats_are_the_w3c_ones(runner, seed_store_path, fmt):
    result = runner.invoke(main, ["query", "trade", "--store", str(seed_store_path), "--format", fmt])
    assert result.exit_code == 0
    data = result.stdout_bytes
    if fmt != "csv":  # W3C CSV results are lossy, so Oxigraph parses only the other three
        parsed = ox.parse_query_results(data, getattr(ox.QueryResultsFormat, fmt.upper()))
        assert [s["period"].value for s in parsed] == ["2020", "2021-H1"]
    rdflib_format = {"csv": "csv", "tsv": "tsv", "json": "json", "xml": "xml"}[fmt]
    rdflib_rows = Result.parse(io.BytesIO(data), format=rdflib_format)
    assert len(list(rdflib_rows)) == 2


def test_ask_and_inline_and_stdin_queries(runner, seed_store_path):
    store = ["--store", str(seed_store_path)]
    result = runner.invoke(main, ["query", "-e", "ASK { ?x a bico:Meeting }", *store])
    assert (result.exit_code, result.output) == (0, "true\n")
    result = runner.invoke(main, ["query", "-", *store, "--format", "json"],
                           input="SELECT (COUNT(*) AS ?n) WHERE { ?m a bico:Meeting }")
    assert json.loads(result.output)["results"]["bindings"][0]["n"]["value"] == "1"


def test_table_shows_terms_compactly(runner, seed_store_path):
    result = runner.invoke(main, ["query", "people", "--store", str(seed_store_path)])
    assert "person:okrhan-mammadov" in result.output and "(2 rows)" in result.output
    assert "https://" not in result.output


def test_bindings_with_a_plain_string(runner, seed_store_path):
    result = runner.invoke(main, ["query", "-e", "SELECT ?p WHERE { ?p foaf:name ?name }", "--bind",
                                  "name=Reza Vaziri", "--store", str(seed_store_path), "--format", "csv"])
    assert result.output.splitlines() == ["p", "https://w3id.org/kgbuild/id/person/reza-vaziri"]


def test_a_bound_value_never_becomes_query_syntax(runner, seed_store_path):
    hostile = 'name="x" } } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o'
    result = runner.invoke(main, ["query", "-e", "SELECT ?p WHERE { ?p foaf:name ?name }", "--bind", hostile,
                                  "--store", str(seed_store_path), "--format", "csv"])
    assert (result.exit_code, result.output) == (0, "p\n")


def test_parse_term_reads_iris_literals_and_strings():
    assert parse_term("<http://a/b>") == ox.NamedNode("http://a/b")
    assert parse_term("country:AZ") == ox.NamedNode("https://w3id.org/kgbuild/id/country/AZ")
    assert parse_term('"Baku"@en') == ox.Literal("Baku", language="en")
    assert parse_term('"2021-07"^^xsd:gYearMonth') == ox.Literal(
        "2021-07", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYearMonth"))
    assert parse_term("Reza Vaziri") == ox.Literal("Reza Vaziri")


@pytest.mark.parametrize("args, message, source_line, column", [
    (["-e", "SELECT ?x WHERE {\n  ?x ?y\n}"], "-e: line 3, column 2: SPARQL syntax error", "}", 2),
    (["-e", "SELECT * WHERE {\n ?x foo:bar ?y }"], "-e: line 2, column 5: unknown prefix 'foo:'", " ?x foo:bar ?y }", 5),
    (["-e", "PREFIX a: <http://a/>\nSELEC * WHERE { ?x ?y ?z }"],
     "-e: line 2, column 1: a query starts with SELECT, CONSTRUCT, ASK or DESCRIBE, not 'SELEC'",
     "SELEC * WHERE { ?x ?y ?z }", 1),
])
def test_syntax_errors_show_the_line_with_a_caret_under_the_column(runner, seed_store_path, args, message,
                                                                   source_line, column):
    result = runner.invoke(main, ["query", *args, "--store", str(seed_store_path)])
    assert result.exit_code == 2
    lines = result.output.rstrip("\n").split("\n")
    assert len(lines) == 3 and message in lines[0], result.output
    assert lines[1] == "  " + source_line.rstrip()
    assert lines[2] == "  " + " " * (column - 1) + "^"


@pytest.mark.parametrize("args, message", [
    (["no-such-query.rq"], "no-such-query.rq: no such query file"),
    (["nonsense"], "no such query file or bundled query"),
    (["people", "--bind", "nobody=x"], "the query has no variable ?nobody"),
    (["people", "--bind", "organization=zzz:x"], "unknown prefix 'zzz:'"),
    (["-e", "DELETE WHERE { ?s ?p ?o }"], "refused: DELETE is a SPARQL update"),
    (["-e", "PREFIX a: <http://a/>\nDROP ALL"], "refused: DROP is a SPARQL update"),
])
def test_bad_queries_give_one_line_and_exit_code_2(runner, seed_store_path, args, message):
    result = runner.invoke(main, ["query", *args, "--store", str(seed_store_path)])
    assert result.exit_code == 2
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_a_query_file_that_is_not_sparql(runner, seed_store_path, tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("this is not sparql\n")
    result = runner.invoke(main, ["query", str(bad), "--store", str(seed_store_path)])
    assert result.exit_code == 2 and "line 1, column 1" in result.output


def test_queries_lists_descriptions_and_parameters(runner):
    result = runner.invoke(main, ["queries"])
    assert result.exit_code == 0
    assert "cooperation    Cooperation links between two countries' actors" in result.output
    assert "--bind a=...  one country" in result.output


def test_time_reports_parse_and_evaluation_on_stderr(seed_store_path):
    from click.testing import CliRunner

    result = CliRunner().invoke(main, ["query", "meetings", "--time", "--store", str(seed_store_path)])
    assert "parse " in result.stderr and "evaluation " in result.stderr
    assert "parse" not in result.stdout


# Queries that start from a bound parameter through `#+NAME` lines: (query, parameter).
STARTING_FROM_A_PARAMETER = sorted((q.name, p) for q in bundled_queries() for p, _ in q.params if f"#+{p} " in q.text)


def test_the_slow_parameters_have_lines_that_start_from_them():
    assert {("meetings", "actor"), ("provenance", "about"), ("agreements", "party"), ("trade", "country"),
            ("actor-mentions", "actor"), ("cooperation", "a"), ("people", "organization"),
            ("actors", "country")} <= set(STARTING_FROM_A_PARAMETER)


@pytest.mark.parametrize("name", sorted({name for name, _ in STARTING_FROM_A_PARAMETER}))
def test_no_bind_splits_the_patterns_a_bound_parameter_starts(name):
    # A BIND closes its group's basic graph pattern: Oxigraph then evaluates the patterns before it
    # on their own, for every fact in the store, and joins the bound start only after (one person's
    # meetings at 10,000 articles: 10.7 s with a BIND among the patterns, 0.01 s with it after them).
    # So in a query's top-level group, a BIND is followed only by FILTERs, BINDs and comments.
    import re

    # IRIs, strings and comments out (a '#' in an IRI is no comment); '#+' lines stay: they are patterns
    text = re.sub(r'<[^<>\s]*>|"(?:[^"\\\n]|\\.)*"|#[^+\n][^\n]*|#$', "", load_query(name).text, flags=re.MULTILINE)
    depth, after_bind = 0, False
    for line in text.splitlines():
        stripped = line.strip()
        if depth == 1 and stripped:
            if stripped.startswith("BIND("):
                after_bind = True
            elif after_bind and not stripped.startswith(("FILTER", "}")):
                pytest.fail(f"{name}: '{stripped}' follows a BIND in the top-level group")
        depth += line.count("{") - line.count("}")
        if depth == 0:
            after_bind = False


@pytest.mark.parametrize("name,parameter", STARTING_FROM_A_PARAMETER)
def test_lines_that_start_from_a_bound_parameter_change_no_result(seed_store, name, parameter):
    from kgbuild.query import QueryFile, _BOUND_LINE

    shipped = load_query(name)
    without = QueryFile(name, "\n".join(line for line in shipped.text.splitlines()
                                        if not _BOUND_LINE.match(line.strip())))
    assert without.text != shipped.text
    actors = [row["a"] for row in seed_store.query(
        "SELECT DISTINCT ?a WHERE { VALUES ?t { <https://w3id.org/kgbuild/bico#Country> "
        "<https://w3id.org/kgbuild/bico#Organization> <https://w3id.org/kgbuild/bico#Person> } ?a a ?t }")]
    assert len(actors) > 5
    found = 0
    for actor in actors:
        bindings = {ox.Variable(parameter): actor}
        rows = run_query(seed_store.inner, shipped, bindings, "csv").output
        assert rows == run_query(seed_store.inner, without, bindings, "csv").output, actor
        found += rows.count(b"\n") - 1
    assert found > 0


def test_a_bound_line_is_enabled_only_for_its_parameter_and_never_inside_a_string():
    from kgbuild.query import with_values

    text = 'SELECT * WHERE {\n  #+actor ?m <p> ?actor .\n  #+other ?m <q> ?other .\n  ?m <r> "#+actor ?x" .\n}'
    bound = with_values(text, {ox.Variable("actor"): ox.NamedNode("http://e/a")})
    assert "\n  ?m <p> ?actor .\n" in bound
    assert "#+other ?m <q> ?other ." in bound
    assert '"#+actor ?x"' in bound
    assert with_values(text, {}) == text


def test_a_facts_article_is_its_iri_up_to_the_fragment(tmp_path):
    # meetings, agreements, timeline and trade take the reporting article from the fact's IRI instead
    # of joining through its evidence: both must name the same article, for every fact.
    from pathlib import Path

    from kgbuild.build import build
    from kgbuild.store import open_store

    root = Path(__file__).resolve().parent.parent
    with open_store(tmp_path / "kg", writable=True, create=True) as store:
        build([root / "seeds", root / "tests" / "cases"], store)
        rows = list(store.query("""
            PREFIX bico: <https://w3id.org/kgbuild/bico#>
            PREFIX prov: <http://www.w3.org/ns/prov#>
            SELECT ?fact ?article WHERE {
              VALUES ?class { bico:Meeting bico:Agreement bico:TradeFigure }
              ?fact a ?class ; prov:wasDerivedFrom/bico:inArticle ?article .
            }"""))
    assert len({row["fact"] for row in rows}) > 50
    assert all(row["article"].value == row["fact"].value.split("#", 1)[0] for row in rows)


# ---- small things a user meets ------------------------------------------------------------------------

def test_a_misspelt_bundled_query_is_answered_with_the_closest_name(runner, seed_store_path):
    result = runner.invoke(main, ["query", "meeting", "--store", str(seed_store_path)])
    assert result.exit_code == 2
    assert "did you mean 'meetings'?" in result.stderr


def test_a_word_sparql_does_not_know_is_named_with_a_caret_under_it(runner, seed_store_path):
    result = runner.invoke(main, ["query", "-e", "SELECT ?s WHERE { ?s ?p ?o } LIMT 5", "--store", str(seed_store_path)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == "Error: -e: line 1, column 30: SPARQL syntax error, 'LIMT' is no SPARQL keyword or function"
    assert lines[2].index("^") == lines[1].index("LIMT")
    # a language tag is no keyword: the error after it is told by what the parser expected
    tagged = runner.invoke(main, ["query", "-e", 'SELECT ?s WHERE { ?s ?p "x"@en-GB', "--store", str(seed_store_path)])
    assert "found the end of the query, expected" in tagged.stderr


@pytest.mark.parametrize("name", ["ttl", "text/turtle", "TTL"])
def test_a_format_is_also_taken_by_its_extension_or_media_type(runner, seed_store_path, name):
    plain = runner.invoke(main, ["export", "--store", str(seed_store_path), "--format", "turtle"])
    other = runner.invoke(main, ["export", "--store", str(seed_store_path), "--format", name])
    assert other.exit_code == 0, other.output
    assert other.stdout_bytes == plain.stdout_bytes
    constructed = runner.invoke(main, ["query", "-e", "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } LIMIT 2",
                                       "--format", "n-triples", "--store", str(seed_store_path)])
    assert constructed.exit_code == 0 and constructed.stdout.count(" .\n") == 2


def test_the_command_list_shows_each_command_s_first_sentence_whole(runner):
    result = runner.invoke(main, ["--help"], terminal_width=80)
    listed = " ".join(result.stdout.split("Commands:")[1].split())
    assert "..." not in listed
    assert "Check the graph against the SHACL shapes (ontology/shapes.ttl); exit code 1 if it does not conform." \
        in listed


def test_json_and_xml_results_are_laid_out_for_a_person_and_compact_for_a_program(seed_store_path):
    import subprocess
    import sys

    from kgbuild.cli import indented

    text = "SELECT ?s WHERE { ?s a ?c } LIMIT 1"
    piped = subprocess.run([sys.executable, "-m", "kgbuild", "query", "-e", text, "--format", "json",
                            "--store", str(seed_store_path)], capture_output=True, check=True).stdout
    assert piped.count(b"\n") <= 1  # compact for a program reading it
    laid_out = indented(piped, "json")
    assert json.loads(laid_out) == json.loads(piped) and laid_out.count(b"\n") > 5
    xml = subprocess.run([sys.executable, "-m", "kgbuild", "query", "-e", text, "--format", "xml",
                          "--store", str(seed_store_path)], capture_output=True, check=True).stdout
    assert indented(xml, "xml").count(b"\n  <") >= 2
    assert indented(b"<not xml", "xml") == b"<not xml"


def test_at_80_columns_the_demo_tables_show_every_number_and_identifier_whole(runner, seed_store_path):
    # the table is fitted to the terminal by shortening free text, never amounts, dates or identifiers
    import re
    from pathlib import Path

    makefile = (Path(__file__).resolve().parent.parent / "Makefile").read_text(encoding="utf-8")
    demo = re.search(r"^DEMO_QUERIES\s*:?=\s*(.+)$", makefile, re.MULTILINE).group(1).split()
    full_tables = {}
    checked = 0
    for name in demo:
        fitted = runner.invoke(main, ["query", name, "--store", str(seed_store_path)], env={"COLUMNS": "80"})
        whole = runner.invoke(main, ["query", name, "--store", str(seed_store_path), "--full"])
        assert fitted.exit_code == 0 and whole.exit_code == 0
        full_tables[name] = whole.stdout
        values = {v for line in whole.stdout.splitlines()[2:-1] for v in line.split("  ") if v.strip()}
        # amounts, dates and identifiers (prefixed names): what a reader copies or compares
        kept = {v.strip() for v in values if re.fullmatch(r"[+-]?[\d.,:%/-]*\d[\d.,:%/-]*|[A-Za-z][\w.-]*:\S+",
                                                          v.strip())}
        for value in kept:
            assert value in fitted.stdout, (name, value)
        checked += len(kept)
    assert checked >= 20  # the demo's tables hold many: each was found whole in the fitted table
    assert "660,800,000" in full_tables["trade"] and "article:000_a347758bee459792" in full_tables["trade"]
    listed = runner.invoke(main, ["articles", "--store", str(seed_store_path)], env={"COLUMNS": "80"})
    assert "000_a347758bee459792" in listed.stdout


def test_articles_are_listed_as_csv_for_a_spreadsheet(runner, seed_store_path):
    import csv
    import io

    from kgbuild.store import open_store

    result = runner.invoke(main, ["articles", "--store", str(seed_store_path), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["id"], r["date"], r["publisher"]) for r in rows] == [("000_a347758bee459792", "2021-08-10", "Azernews")]
    assert "triples" not in rows[0]  # counting them is a pass over the store: asked for with --triples
    counted = runner.invoke(main, ["articles", "--store", str(seed_store_path), "--format", "csv", "--triples"])
    with open_store(seed_store_path) as store:
        quads = sum(1 for _ in store.article_quads("000_a347758bee459792"))
    assert [int(r["triples"]) for r in csv.DictReader(io.StringIO(counted.stdout))] == [quads]


def test_select_rows_takes_a_name_a_file_or_text_and_gives_python_values(seed_store, tmp_path):
    from kgbuild.errors import InputError
    from kgbuild.query import select_rows

    folder = tmp_path / "my queries"
    folder.mkdir()
    (folder / "count.rq").write_text("SELECT (COUNT(*) AS ?n) WHERE { ?p a bico:Person }\n", encoding="utf-8")
    assert select_rows(seed_store, str(folder / "count.rq")) == [{"n": 2}]
    assert select_rows(seed_store, "SELECT (COUNT(*) AS ?n) WHERE { ?p a bico:Person }") == [{"n": 2}]
    assert [r["amount"] for r in select_rows(seed_store, "trade")] == [660800000.0, 260200000.0]
    with pytest.raises(InputError, match="rows come from a SELECT query"):
        select_rows(seed_store, "ASK { ?s ?p ?o }")
