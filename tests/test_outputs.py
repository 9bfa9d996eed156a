"""Exports people read and JSON tools use: readable Turtle and compacted JSON-LD."""

import io
import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kgbuild import store as store_module
from kgbuild.cli import main
from kgbuild.export import SECTIONS, natural_key, readable_turtle
from kgbuild.ontology import PREFIXES

EXPECTED_SEED_TURTLE = Path(__file__).parent / "expected" / "seed.ttl"


def exported(store, fmt: str, readable: bool | None = None) -> bytes:
    buffer = io.BytesIO()
    store.export(fmt, buffer, readable=readable)
    return buffer.getvalue()


def test_the_seeds_readable_turtle_is_the_checked_in_file(seed_store):
    # After a deliberate change of the layout, the ontology or the seed's extraction, regenerate with
    #   kgbuild build seeds --store /tmp/kg && kgbuild export --store /tmp/kg -o tests/expected/seed.ttl
    assert exported(seed_store, "turtle").decode() == EXPECTED_SEED_TURTLE.read_text(encoding="utf-8")


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
    stored = {q for graph in seed_store.inner.named_graphs()
              for q in seed_store.inner.quads_for_pattern(None, None, None, graph)}
    assert set(ox.parse(data, format=ox.RdfFormat.JSON_LD)) == stored
    dataset = Dataset()
    dataset.parse(data=data, format="json-ld")
    assert len(list(dataset.quads((None, None, None, None)))) == len(stored)


def test_past_the_readable_size_export_writes_the_fast_layout_unless_asked(seed_store, monkeypatch):
    monkeypatch.setitem(store_module.READABLE_UP_TO, "turtle", 10)
    assert exported(seed_store, "turtle").startswith(b"@prefix")  # Oxigraph's own writer
    assert exported(seed_store, "turtle", readable=True).startswith(b"@base")


def test_export_says_which_layout_it_wrote(runner, seed_store_path, tmp_path):
    result = runner.invoke(main, ["export", "--store", str(seed_store_path), "-o", str(tmp_path / "g.jsonld")])
    assert result.exit_code == 0, result.output
    assert "jsonld, readable layout" in result.output
    result = runner.invoke(main, ["export", "--store", str(seed_store_path), "--layout", "fast",
                                  "-o", str(tmp_path / "g.ttl")])
    assert "turtle, fast layout" in result.output
    assert (tmp_path / "g.ttl").read_bytes().startswith(b"@prefix")
