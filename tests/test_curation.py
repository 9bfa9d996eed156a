"""Actor labels as most articles spell them, and the curation file: a label, a merge, a split, kept
through rebuilds and removals."""

import json
import shutil

import pytest

from conftest import SEED, built_by_cli as built, dataset_lines as dataset

from kgbuild.cli import main

# Two more articles on the seed's chairman, spelling his first name right (the seed has "Okrhan").
HUNGARY = ("date 2021-10-04\n\nAzerbaijan's Agency for Small and Medium Business Development Chairman Orkhan "
           "Mammadov met the President of the Hungarian Export Promotion Agency, Gabor Kovacs, in Budapest on "
           "October 1.\n")
GEORGIA = ("date 2021-11-08\n\nAgency for Small and Medium Business Development Chairman Orkhan Mammadov held "
           "talks with the Georgian Chamber of Commerce President Nino Beridze in Tbilisi on November 5.\n")


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    (folder / "001_smbda_hungary.txt").write_text(HUNGARY, encoding="utf-8")
    (folder / "002_smbda_georgia.txt").write_text(GEORGIA, encoding="utf-8")
    return folder



def persons(runner, store):
    result = runner.invoke(main, ["actors", "--kind", "person", "--format", "json", "--store", str(store)])
    assert result.exit_code == 0, result.output
    return {row["label"]: sorted(row["aliases"]) for row in json.loads(result.stdout)}



def test_the_seeds_chairman_is_labelled_as_most_articles_spell_him(runner, corpus, tmp_path):
    store = built(runner, tmp_path / "kg", corpus)
    assert persons(runner, store)["Orkhan Mammadov"] == ["Okrhan Mammadov"]
    explained = runner.invoke(main, ["actors", "--explain", "Okrhan Mammadov", "--store", str(store)]).stdout
    assert explained.splitlines()[:2] == [
        "Orkhan Mammadov  <https://w3id.org/kgbuild/id/person/okrhan-mammadov>  (label: the spelling 2 of its 3 "
        "article(s) use)",
        "  000_a347758bee459792: 'Okrhan Mammadov' - the name it was first seen under"]
    # the seed alone: its own spelling
    alone = built(runner, tmp_path / "alone", SEED)
    assert "Okrhan Mammadov" in persons(runner, alone)


def test_a_label_follows_the_articles_as_they_come_and_go(runner, corpus, tmp_path):
    store = built(runner, tmp_path / "kg", corpus / SEED.name)
    assert "Okrhan Mammadov" in persons(runner, store)
    built(runner, store, corpus / "001_smbda_hungary.txt", corpus / "002_smbda_georgia.txt")
    assert "Orkhan Mammadov" in persons(runner, store)
    assert runner.invoke(main, ["remove", "002_smbda_georgia", "--store", str(store)]).exit_code == 0
    # one article each: the earliest article's spelling
    assert "Okrhan Mammadov" in persons(runner, store)
    fresh = built(runner, tmp_path / "fresh", corpus / SEED.name, corpus / "001_smbda_hungary.txt")
    assert dataset(store) == dataset(fresh)


CURATION = {"labels": {"Reza Vaziri": "Reza R. Vaziri"},
            "merge": [["Gabor Kovacs", "Nino Beridze"]],
            "apart": [["Okrhan Mammadov", "Orkhan Mammadov"]]}


def test_the_curation_files_label_merge_and_split_hold_through_rebuilds_and_removals(runner, corpus, tmp_path):
    curation = tmp_path / "curation.json"
    curation.write_text(json.dumps(CURATION), encoding="utf-8")
    store = built(runner, tmp_path / "kg", corpus)
    result = runner.invoke(main, ["build", "--curation", str(curation), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "3 built again" in result.stderr

    def curated():
        found = persons(runner, store)
        assert found["Reza R. Vaziri"] == ["Reza Vaziri"]  # the label
        assert found["Gabor Kovacs"] == ["Nino Beridze"] and "Nino Beridze" not in found  # one actor
        assert "Okrhan Mammadov" in found and "Orkhan Mammadov" in found  # two
        return found

    curated()
    explained = runner.invoke(main, ["actors", "--explain", "Nino Beridze", "--store", str(store)]).stdout
    assert "  002_smbda_georgia: 'Nino Beridze' - merged with 'Gabor Kovacs' by the curation file" in explained
    explained = runner.invoke(main, ["actors", "--explain", "Orkhan Mammadov", "--store", str(store)]).stdout
    assert "'Orkhan Mammadov' - kept apart from 'Okrhan Mammadov' by the curation file" in explained
    assert "(label from the curation file)" in runner.invoke(
        main, ["actors", "--explain", "Reza Vaziri", "--store", str(store)]).stdout
    # a rebuild of everything, and a removal: the store keeps the file and applies it
    built(runner, store, corpus, "--force")
    curated()
    assert runner.invoke(main, ["remove", "001_smbda_hungary", "--store", str(store)]).exit_code == 0
    found = persons(runner, store)
    assert found["Reza R. Vaziri"] == ["Reza Vaziri"] and found["Nino Beridze"] == []
    assert "Okrhan Mammadov" in found and "Orkhan Mammadov" in found
    # the same as a fresh build of what is left, with the same file
    fresh = tmp_path / "fresh"
    built(runner, fresh, corpus / SEED.name, corpus / "002_smbda_georgia.txt", "--curation", curation)
    assert dataset(store) == dataset(fresh)


def test_an_empty_curation_file_undoes_the_last_one(runner, corpus, tmp_path):
    curation = tmp_path / "curation.json"
    curation.write_text(json.dumps(CURATION), encoding="utf-8")
    store = built(runner, tmp_path / "kg", corpus, "--curation", curation)
    curation.write_text("{}", encoding="utf-8")
    built(runner, store, "--curation", curation)
    assert dataset(store) == dataset(built(runner, tmp_path / "plain", corpus))


@pytest.mark.parametrize("text, message", [
    ('{"merge": [["only one"]]}', '"merge" is a list of lists of names (two or more each)'),
    ('{"labels": ["x"]}', '"labels" maps a name (or IRI) to its label'),
    ('{"colour": {}}', "a JSON object with the keys labels, merge and apart"),
    ('{"apart": [[', "not JSON (line 1"),
])
def test_a_bad_curation_file_is_one_line_and_changes_nothing(runner, corpus, tmp_path, text, message):
    store = built(runner, tmp_path / "kg", corpus)
    before = dataset(store)
    curation = tmp_path / "curation.json"
    curation.write_text(text, encoding="utf-8")
    result = runner.invoke(main, ["build", "--curation", str(curation), "--store", str(store)])
    assert result.exit_code == 2 and message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert dataset(store) == before


def test_part_of_a_name_lists_the_actors_it_may_mean(runner, corpus, tmp_path):
    store = built(runner, tmp_path / "kg", corpus)
    result = runner.invoke(main, ["actors", "--explain", "mammad", "--store", str(store)])
    assert result.exit_code == 2
    assert result.stderr.strip() == ("Error: no actor is called 'mammad'; actors whose names contain it: "
                                     "Orkhan Mammadov")
    result = runner.invoke(main, ["actors", "--explain", "Zebra", "--store", str(store)])
    assert "no actor is called 'Zebra'; try 'kgbuild actors' for the list" in result.stderr


def test_build_without_articles_or_curation_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(main, ["build", "--store", str(tmp_path / "kg")])
    assert result.exit_code == 2 and "give the articles to build" in result.stderr
