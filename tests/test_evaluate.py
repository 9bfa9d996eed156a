"""`kgbuild evaluate`: extraction scored against gold annotations by the README's matching rules."""

import json
import shutil
from pathlib import Path

import pytest

from kgbuild.cli import main
from kgbuild.evaluate import match, same, same_organization, same_person, score_article

SEED = Path(__file__).parent.parent / "seeds" / "000_a347758bee459792.txt"

# The seed article's facts, written as an annotator writes them: other spellings, an acronym, a
# country's short form, the right spelling of the chairman's first name.
SEED_GOLD = {
    "countries": ["Azerbaijan", "US"],
    "organizations": [
        {"name": "Small and Medium Business Development Agency", "country": "Azerbaijan", "aliases": ["SMBDA"]},
        {"name": "US-Azerbaijan Chamber of Commerce", "country": None},
        {"name": "US Small Business Administration", "country": "United States"},
        {"name": "SMB Development Centers", "country": None},
        {"name": "U.S. Agency for International Development", "country": "United States"},
    ],
    "persons": [{"name": "Orkhan Mammadov", "post": "Chairman", "organization": None},
                {"name": "Reza Vaziri", "post": "Chairman", "organization": None}],
    "meetings": [{"participants": ["Orkhan Mammadov", "Reza Vaziri"], "date": "2021-08-09"}],
    "agreements": [{"kind": "memorandum", "parties": ["Small and Medium Business Development Agency", "U.S. Agency for International Development"], "date": "2021-07", "signatories": []}],
    "trade_figures": [
        {"countries": ["Azerbaijan", "United States"], "amount": 260.2e6, "currency": "USD", "period": "2021-H1"},
        {"countries": ["United States", "Azerbaijan"], "amount": 660.8e6, "currency": "USD", "period": "2020"},
    ],
}


@pytest.fixture
def annotated(tmp_path):
    folder = tmp_path / "annotated"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    (folder / "seed.gold.json").write_text(json.dumps(SEED_GOLD), encoding="utf-8")
    return folder


def test_the_seed_against_its_own_facts_scores_one(runner, annotated):
    result = runner.invoke(main, ["evaluate", str(annotated), "--format", "json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["micro"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert {kind: (k["gold"], k["matched"]) for kind, k in scores["kinds"].items()} == {
        "countries": (2, 2), "organizations": (5, 5), "persons": (2, 2), "meetings": (1, 1), "agreements": (1, 1),
        "trade_figures": (2, 2)}
    assert scores["dates"] == {"right": 2, "judged": 2, "accuracy": 1.0}
    assert [article["id"] for article in scores["articles"]] == ["seed"]


def test_a_miss_an_extra_and_a_wrong_date_are_counted_and_listed(runner, annotated):
    gold = json.loads(json.dumps(SEED_GOLD))
    gold["meetings"].append({"participants": ["Reza Vaziri", "SMBDA", "ICCIA"], "date": None})  # not stated
    gold["agreements"][0]["date"] = "2021-08-09"
    del gold["persons"][1]
    (annotated / "seed.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    scores = json.loads(runner.invoke(main, ["evaluate", str(annotated), "--format", "json"]).stdout)
    assert scores["kinds"]["meetings"] == {"gold": 2, "predicted": 1, "matched": 1, "precision": 1.0,
                                           "recall": 0.5, "f1": 0.6667}
    assert scores["kinds"]["persons"]["predicted"] == 2 and scores["kinds"]["persons"]["matched"] == 1
    assert scores["dates"] == {"right": 1, "judged": 2, "accuracy": 0.5}
    article = scores["articles"][0]
    assert [m["kind"] for m in article["missed"]] == ["meetings"]
    assert [e["item"]["name"] for e in article["extra"]] == ["Reza Vaziri"]
    assert article["wrong_dates"] == [{"kind": "agreements", "gold_date": "2021-08-09", "item": {
        "kind": "memorandum of understanding", "date": "2021-07", "signatories": [],
        "parties": ["Agency for Small and Medium Business Development", "U.S. Agency for International Development"]}}]
    table = runner.invoke(main, ["evaluate", str(annotated), "-v"]).stdout
    assert "  missed     meetings      Reza Vaziri; SMBDA; ICCIA (undated)" in table
    assert "  extra      persons       Reza Vaziri" in table
    assert "micro P=0.92 R=0.92 F1=0.92 over 1 article(s)" in table


def test_neutral_names_are_neither_right_nor_wrong(annotated):
    predicted = {"organizations": [{"name": "Azernews"}, {"name": "RTPA"}]}
    gold = {"organizations": [{"name": "Ruritania Trade Promotion Agency"}], "neutral": ["Azernews"]}
    score = score_article("x", predicted, gold)
    assert (score.tallies["organizations"].predicted, score.tallies["organizations"].matched) == (1, 1)


def test_names_match_by_the_readme_rules():
    assert same_person("Okrhan Mammadov", "Orkhan Mammadov")  # two neighbours swapped
    assert same_person("O. Mammadov", "Orkhan Mammadov") and same_person("Mammadov", "Orkhan Mammadov")
    assert not same_person("Elnur Mammadov", "Orkhan Mammadov")
    assert same_organization("ICCIA", "Islamic Chamber of Commerce, Industry and Agriculture")
    assert same_organization("Chamber of Commerce and Industry of Ruritania", "Ruritania Chamber of Commerce and Industry")
    assert not same_organization("Chamber of Commerce of Ruritania", "Ruritania Export Promotion Agency")
    assert same("countries", "U.S.", "United States") and same("countries", "Türkiye", "Turkey")


def test_figures_match_on_pair_period_amount_and_currency_or_an_equivalent():
    gold = {"countries": ["Ruritania", "Freedonia"], "amount": 1.2e9, "currency": "EUR", "period": "2023",
            "equivalents": [{"amount": 1.3e9, "currency": "USD"}]}
    assert same("trade_figures", {"countries": ["Freedonia", "Ruritania"], "amount": 1.204e9, "currency": "EUR",
                                  "period": "2023"}, gold)
    assert same("trade_figures", {"countries": ["Freedonia", "Ruritania"], "amount": 1.3e9, "currency": "USD",
                                  "period": "2023"}, gold)
    assert not same("trade_figures", {"countries": ["Freedonia", "Ruritania"], "amount": 1.2e9, "currency": "EUR",
                                      "period": "2022"}, gold)
    assert not same("trade_figures", {"countries": ["Freedonia", "Ruritania"], "amount": 1.25e9, "currency": "EUR",
                                      "period": "2023"}, gold)


def test_matching_is_one_to_one():
    predicted = [{"participants": ["A Ray", "B Sun"]}]
    gold = [{"participants": ["A Ray", "B Sun"]}, {"participants": ["A Ray", "B Sun"]}]
    assert match("meetings", predicted, gold) == [(0, 0)]


def test_a_folder_without_annotations_is_one_line_and_exit_2(runner, tmp_path):
    (tmp_path / "a.txt").write_text("Text.\n", encoding="utf-8")
    result = runner.invoke(main, ["evaluate", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0 and "no article has a gold annotation" in result.stderr


def test_a_broken_gold_file_is_named(runner, annotated):
    (annotated / "seed.gold.json").write_text('{"meetings": [', encoding="utf-8")
    result = runner.invoke(main, ["evaluate", str(annotated)])
    assert result.exit_code == 2
    assert "seed.gold.json: not JSON (line 1" in result.stderr and "Traceback" not in result.output
