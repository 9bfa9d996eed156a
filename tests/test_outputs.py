"""Outputs people read and other tools use: readable Turtle, compacted JSON-LD, tables, query messages."""

import io
import json
import re
import shlex
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kgbuild import store as store_module
from kgbuild.cli import main
from kgbuild.export import SECTIONS, natural_key, readable_turtle
from kgbuild.ontology import PREFIXES
from kgbuild.query import fitted_widths, render_table, shorten

EXPECTED_SEED_TURTLE = Path(__file__).parent / "expected" / "seed.ttl"


def exported(store, fmt: str, readable: bool | None = None) -> bytes:
    buffer = io.BytesIO()
    store.export(fmt, buffer, readable=readable)
    return buffer.getvalue()


def test_the_seeds_readable_turtle_is_the_checked_in_file(seed_store):
    # After a deliberate change of the layout, the ontology or the seed's extraction, regenerate with
    #   kgbuild build seeds --store /tmp/kg && kgbuild export --store /tmp/kg -o tests/expected/seed.ttl
    # The extractor's digest changes with every change of the rules, so its line is left out.
    def without_extractor(text: str) -> str:
        return re.sub(r"\n    bico:extractor \"[^\"]*\"", "", text)

    assert without_extractor(exported(seed_store, "turtle").decode()) == \
        without_extractor(EXPECTED_SEED_TURTLE.read_text(encoding="utf-8"))


def test_readable_turtle_is_the_same_graph_as_the_store_in_rdflib_and_oxigraph(seed_store):
    data = exported(seed_store, "turtle", readable=True)
    assert isomorphic(Graph().parse(data=data, format="turtle"), seed_store.rdflib_graph())
    stored = set(seed_store.inner.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    assert set(ox.parse(data, format=ox.RdfFormat.TURTLE)) == {ox.Quad(q.subject, q.predicate, q.object)
                                                              for q in stored}


def test_readable_turtle_sorts_prefixes_and_groups_subjects_by_kind(seed_store):
    text = exported(seed_store, "turtle", readable=True).decode()
    prefixes = re.findall(r"^@prefix (\w+):", text, re.MULTILINE)
    assert prefixes == sorted(PREFIXES)
    headings = re.findall(r"^# (.+)$", text, re.MULTILINE)
    order = [name for name, _ in SECTIONS]
    assert headings == sorted(headings, key=order.index)
    assert headings[:5] == ["Ontology", "Countries", "Organisations", "Persons", "Posts"]
    assert headings[-1] == "Evidence"
    section_of = {}
    for heading, body in zip(headings, re.split(r"^# .+$", text, flags=re.MULTILINE)[1:]):
        for subject in re.findall(r"^(\S+)\n", body, re.MULTILINE):
            section_of[subject] = heading
    assert section_of["country:AZ"] == "Countries"
    assert section_of["person:okrhan-mammadov"] == "Persons"
    assert section_of["<000_a347758bee459792#meeting-1>"] == "Meetings and agreements"
    assert section_of["<000_a347758bee459792#s11-2079-2172>"] == "Evidence"


def test_readable_turtle_puts_a_first_and_one_object_per_line_without_escapes(seed_store):
    text = exported(seed_store, "turtle", readable=True).decode()
    blocks = [b for b in text.split("\n\n") if not b.startswith(("@", "#"))]
    assert blocks
    for block in blocks:
        lines = block.strip("\n").split("\n")
        lines = [line for line in lines if not line.startswith("# ")]
        assert lines[1] == "    a" or lines[1].startswith("    a "), block
    assert "\\#" not in text
    # a line holds at most one object: no ' , ' between objects on one line
    assert not [line for line in text.splitlines() if re.search(r"\S , \S", line) and '"' not in line]
    assert max(len(line) for line in text.splitlines()) < 400  # the longest is a sentence of the article


def test_numbers_in_names_sort_by_value():
    assert sorted(["s10-1-2", "s2-1-2", "s1-1-2"], key=natural_key) == ["s1-1-2", "s2-1-2", "s10-1-2"]
    ntriples = "".join(f"<{PREFIXES['article']}a#s{n}> <{PREFIXES['bico']}sentenceIndex> "
                       f"\"{n}\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n" for n in (10, 2, 1))
    text = "".join(readable_turtle(ntriples.encode()))
    assert text.index("<a#s1>") < text.index("<a#s2>") < text.index("<a#s10>")
    assert "bico:sentenceIndex 10 ." in text


def test_readable_turtle_keeps_literals_that_need_escapes():
    ntriples = (f'<{PREFIXES["organization"]}x> <http://www.w3.org/2000/01/rdf-schema#label> '
                '"Quote \\" back\\\\slash\\nnew line \u2028 separator"@en .\n'
                f'<{PREFIXES["organization"]}x> <{PREFIXES["bico"]}amount> '
                '"1.50"^^<http://www.w3.org/2001/XMLSchema#decimal> .\n'
                f'<{PREFIXES["organization"]}x> <{PREFIXES["bico"]}date> '
                '"2021"^^<http://www.w3.org/2001/XMLSchema#gYear> .\n')
    text = "".join(readable_turtle(ntriples.encode()))
    assert isomorphic(Graph().parse(data=text, format="turtle"), Graph().parse(data=ntriples, format="nt"))
    assert "bico:amount 1.50 ;" in text and '"2021"^^xsd:gYear' in text


def test_jsonld_is_compacted_with_kgbuilds_prefixes(seed_store):
    document = json.loads(exported(seed_store, "jsonld", readable=True))
    assert document["@context"] == dict(sorted(PREFIXES.items()))
    graphs = {graph["@id"]: graph["@graph"] for graph in document["@graph"]}
    article = {node["@id"]: node for node in graphs["graph:000_a347758bee459792"]}
    assert article["country:AZ"]["@type"] == "bico:Country"
    assert article["country:AZ"]["rdfs:label"] == "Azerbaijan"
    meeting = article["article:000_a347758bee459792#meeting-1"]
    assert meeting["@type"] == "bico:Meeting"
    assert {"@id": "person:okrhan-mammadov"} in meeting["bico:participant"]


def test_compacted_jsonld_loads_back_to_the_same_dataset_in_rdflib_and_oxigraph(seed_store):
    data = exported(seed_store, "jsonld", readable=True)
    assert data.count(b"\n") > 1000  # pretty-printed
    stored = set(seed_store.dataset_quads())
    assert set(ox.parse(data, format=ox.RdfFormat.JSON_LD)) == stored
    dataset = Dataset()
    dataset.parse(data=data, format="json-ld")
    assert len(list(dataset.quads((None, None, None, None)))) == len(stored)


def test_past_the_readable_size_export_writes_the_fast_layout_unless_asked(seed_store, monkeypatch):
    monkeypatch.setitem(store_module.READABLE_UP_TO, "turtle", 10)
    assert exported(seed_store, "turtle").startswith(b"@prefix")  # Oxigraph's own writer
    assert exported(seed_store, "turtle", readable=True).startswith(b"@base")


def test_past_the_readable_size_a_warning_says_which_layout_was_written_and_why(runner, seed_store_path,
                                                                                monkeypatch, tmp_path):
    monkeypatch.setitem(store_module.READABLE_UP_TO, "jsonld", 10)
    result = runner.invoke(main, ["export", "--store", str(seed_store_path), "-o", str(tmp_path / "g.jsonld")])
    assert result.exit_code == 0, result.output
    assert "Warning: the graph is larger than 10 triples, so expanded JSON-LD, one line was written" in result.stderr
    assert "--layout readable asks for it anyway" in result.stderr
    asked = runner.invoke(main, ["export", "--store", str(seed_store_path), "--layout", "fast", "-o",
                                 str(tmp_path / "h.jsonld")])
    assert "Warning" not in asked.stderr  # asked for: nothing to warn of


def test_export_says_which_layout_it_wrote(runner, seed_store_path, tmp_path):
    result = runner.invoke(main, ["export", "--store", str(seed_store_path), "-o", str(tmp_path / "g.jsonld")])
    assert result.exit_code == 0, result.output
    assert "jsonld, readable layout" in result.output
    result = runner.invoke(main, ["export", "--store", str(seed_store_path), "--layout", "fast",
                                  "-o", str(tmp_path / "g.ttl")])
    assert "turtle, fast layout" in result.output
    assert (tmp_path / "g.ttl").read_bytes().startswith(b"@prefix")


def query_output(runner, store_path, *args, columns=None):
    env = {"COLUMNS": str(columns)} if columns else {"COLUMNS": ""}
    result = runner.invoke(main, ["query", *args, "--store", str(store_path)], env=env)
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize("columns", [80, 200])
def test_tables_fit_the_terminal_by_shortening_text_and_keep_identifiers_whole(runner, seed_store_path, columns):
    table = query_output(runner, seed_store_path, "provenance", columns=columns).stdout
    lines = table.splitlines()
    assert len(lines) > 20
    whole = query_output(runner, seed_store_path, "provenance", "--full").stdout
    assert max(len(line) for line in whole.splitlines()) > 200
    # the quoted sentence (free text) is what is shortened; subjects, articles and offsets stay whole, so
    # the table is as wide as they need and no wider
    identifiers = whole.splitlines()[0].index("text")  # the columns before the text, with their gaps
    assert max(len(line) for line in lines) <= max(columns, identifiers + 8)
    assert lines[-1].endswith("text shortened to fit, --full shows it whole)")
    for short, full in zip(lines[2:-1], whole.splitlines()[2:-1]):
        assert short.split()[:5] == full.split()[:5]
        assert short.rstrip().endswith("…") or short.rstrip() == full.rstrip()


def test_a_table_written_to_a_pipe_shows_every_value_whole(runner, seed_store_path):
    table = query_output(runner, seed_store_path, "meetings").stdout
    assert "…" not in table
    assert "article:000_a347758bee459792#meeting-1" in table


def test_thousands_separators_appear_in_tables_only(runner, seed_store_path):
    table = query_output(runner, seed_store_path, "trade").stdout
    assert "260,200,000" in table and "660,800,000" in table
    assert "2021-H1" in table
    csv = query_output(runner, seed_store_path, "trade", "--format", "csv").stdout
    assert "260200000" in csv and "260,200,000" not in csv
    provenance = query_output(runner, seed_store_path, "provenance").stdout
    assert " 2079 " in provenance  # four digits stay as written


def test_multi_valued_cells_share_one_joiner(runner, seed_store_path):
    table = query_output(runner, seed_store_path, "meetings", "--format", "csv").stdout
    assert "Okrhan Mammadov; Reza Vaziri" in table
    assert "opportunities for joint cooperation; " in table
    assert " | " not in table


def test_shortening_and_fitting_rules():
    assert shorten("article:0002_03_azernews_smbda#meeting-3", 24) == "article:…smbda#meeting-3"
    assert shorten("article:0002_03_azernews_smbda#meeting-3", 12) == "…a#meeting-3"
    assert shorten("A long sentence of the article", 10) == "A long se…"
    assert fitted_widths([10, 100, 50], [5, 5, 5], 80) == [10, 33, 33]
    assert fitted_widths([10, 100, 50], [5, 5, 5], None) == [10, 100, 50]
    assert sum(fitted_widths([40] * 5, [20] * 5, 60)) == 100  # never below a header: wider than asked
    assert render_table(["x"], [[""], [""]]) == "x\n-\n(2 rows, no variable bound in any)\n"


def test_a_term_the_ontology_does_not_define_is_warned_about(runner, seed_store_path):
    result = query_output(runner, seed_store_path, "-e", "SELECT ?m WHERE { ?m bico:dat ?d }")
    assert "Warning: bico:dat is not a term of the ontology (did you mean bico:date?)" in result.stderr
    assert "(0 rows)" in result.stdout
    quiet = query_output(runner, seed_store_path, "-e", "SELECT ?m WHERE { ?m bico:date ?d }")
    assert quiet.stderr == ""


def test_a_variable_bound_nowhere_gives_a_warning_not_a_page_of_blank_lines(runner, seed_store_path):
    result = query_output(runner, seed_store_path, "-e", "SELECT ?x WHERE { ?s ?p ?o }")
    assert "Warning: ?x is selected but not used in the query" in result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 3 and "no variable bound in any" in lines[-1]
    for query in ("meetings", "agreements", "trade", "people", "provenance"):
        assert query_output(runner, seed_store_path, query).stderr == ""


def test_extract_prints_json_lines_for_several_articles_folders_and_standard_input(runner, tmp_path, seed_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "first.txt").write_text("date 2022-03-01\n\nThe Ruritania Export Agency met the Chamber of Commerce "
                                      "of Elbonia in Vienna.\n", encoding="utf-8")
    (folder / "second.txt").write_text(seed_path.read_text(encoding="utf-8"), encoding="utf-8")
    stdin_text = "date 2022-05-02\n\nKenya and Ghana signed a memorandum of understanding on trade.\n"
    result = runner.invoke(main, ["extract", str(folder), "-"], input=stdin_text)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [json.loads(line)["article"]["id"] for line in lines] == ["first", "second", "stdin"]
    stdin_records = json.loads(lines[2])
    assert {c["code"] for c in stdin_records["countries"]} == {"KE", "GH"}
    alone = json.loads(runner.invoke(main, ["extract", str(seed_path)]).stdout)
    assert json.loads(lines[1]) | {"article": None} == alone | {"article": None}  # same records, other id


def test_extract_of_one_file_keeps_the_indented_json(runner, seed_path):
    result = runner.invoke(main, ["extract", str(seed_path)])
    assert result.stdout.startswith('{\n "article": {')


def test_extract_checks_every_file_before_printing(runner, tmp_path, seed_path):
    (tmp_path / "empty.txt").write_text("")
    result = runner.invoke(main, ["extract", str(seed_path), str(tmp_path / "empty.txt")])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "empty.txt: empty file" in result.stderr


def test_status_messages_go_to_stderr_and_data_to_stdout(runner, tmp_path, seed_path):
    store = str(tmp_path / "kg")
    built = runner.invoke(main, ["build", str(seed_path), "--store", store])
    assert built.exit_code == 0 and built.stdout == ""
    assert built.stderr.startswith("Built 1 article(s)")
    validated = runner.invoke(main, ["validate", "--store", store])
    assert validated.stdout == "" and validated.stderr.startswith("Conforms:")
    exported_file = runner.invoke(main, ["export", "--store", store, "-o", str(tmp_path / "g.ttl")])
    assert exported_file.stdout == "" and exported_file.stderr.startswith("Wrote ")
    info = runner.invoke(main, ["info", "--store", store])
    assert info.stderr == "" and re.search(r"^articles +1$", info.stdout, re.MULTILINE)


def test_the_query_help_examples_run(runner, seed_store_path):
    help_text = runner.invoke(main, ["query", "--help"]).stdout
    examples = [line.strip() for line in help_text.splitlines() if line.strip().startswith("kgbuild query ")]
    assert len(examples) >= 3
    for example in examples:
        if "--endpoint" in example:
            continue
        args = shlex.split(example)[2:]
        result = runner.invoke(main, ["query", *args, "--store", str(seed_store_path)])
        assert result.exit_code == 0, (example, result.output)


def test_export_of_a_large_store_names_its_step_and_says_what_it_wrote(runner, seed_store_path, tmp_path,
                                                                       monkeypatch):
    from kgbuild import cli
    from kgbuild.store import open_store

    with open_store(seed_store_path) as store:
        triples = len(store)
    small = runner.invoke(main, ["export", "--store", str(seed_store_path), "-o", str(tmp_path / "g.nq")])
    assert small.stderr.startswith("Wrote ")  # a small store: no step to wait for
    monkeypatch.setattr(cli, "STEPS_FROM_TRIPLES", 0)
    result = runner.invoke(main, ["export", "--store", str(seed_store_path), "-o", str(tmp_path / "g.nq")])
    assert result.exit_code == 0, result.output
    size = (tmp_path / "g.nq").stat().st_size
    assert result.stderr.splitlines() == [
        f"Exporting {triples:,} triples as nq ...",
        f"Wrote {tmp_path / 'g.nq'} (nq): {triples:,} triples, with a named graph per article, {size / 1e6:,.1f} MB."]
