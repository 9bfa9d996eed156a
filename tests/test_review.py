"""`kgbuild review`: an article's text with every fact's evidence highlighted, checked in Chromium."""

import json
import shutil
from pathlib import Path

import pytest

from conftest import CASES, SEED
from test_draw import ARTIFACTS, HOSTILE, browsing
from test_evaluate import SEED_GOLD

from kgbuild.article import read_article
from kgbuild.cli import main
from kgbuild.review import Fact, text_tree

READY = "body[data-ready=true]"


def pieces(tree):
    for node in tree:
        if isinstance(node, dict):
            yield node
            yield from pieces(node["c"])


def text_of(tree):
    return "".join(node if isinstance(node, str) else text_of(node["c"]) for node in tree)


def test_crossing_spans_are_cut_into_pieces_that_each_cover_their_own_text():
    body = "The Alpha Beta Gamma Delta met."
    facts = [Fact("organization", "a", spans=[(4, 20)]), Fact("person", "b", spans=[(10, 26)]),
             Fact("meeting", "c", spans=[(0, 31)]), Fact("country", "d", spans=[(10, 14)])]
    tree = text_tree(body, facts)
    assert text_of(tree) == body
    found = list(pieces(tree))
    assert all(text_of(p["c"]) == body[p["s"]:p["e"]] for p in found)
    # each fact's pieces put together are its span: the person crossing the organisation's end is cut there
    for number, fact in enumerate(facts):
        covered = sorted((p["s"], p["e"]) for p in found if p["f"] == number)
        joined = [covered[0]]
        for start, end in covered[1:]:
            joined[-1] = (joined[-1][0], end) if start == joined[-1][1] else joined.append((start, end)) or joined[-1]
        assert joined == fact.spans, (fact, covered)
    assert sorted((p["s"], p["e"]) for p in found if p["f"] == 1) == [(10, 20), (20, 26)]


def reviewed(runner, tmp_path, *args):
    output = tmp_path / "review.html"
    result = runner.invoke(main, ["review", *map(str, args), "-o", str(output)])
    assert result.exit_code == 0, result.output
    return output


def shown_articles(page):
    """For each article of the page: its shown text, and each highlighted element's offsets, kind and text."""
    return page.evaluate("""() => kgbuildReview.articles.map((a, i) => {
        kgbuildReview.show(i);
        const text = document.getElementById('text');
        return {id: a.id, text: text.textContent, marks: Array.from(text.querySelectorAll('mark')).map(m =>
            [Number(m.dataset.start), Number(m.dataset.end), m.dataset.kind, m.textContent])};
    })""")


def test_every_highlighted_span_of_the_test_articles_is_its_evidence_text(runner, tmp_path):
    output = reviewed(runner, tmp_path, CASES, SEED)
    with browsing(output, READY) as (page, seen):
        articles = shown_articles(page)
        page.screenshot(path=str(ARTIFACTS / "review-cases.png"))
    bodies = {path.stem: read_article(path).body for path in [*sorted(CASES.glob("*.txt")), SEED]}
    assert [a["id"] for a in articles] == list(bodies)
    kinds = set()
    for article in articles:
        body = bodies[article["id"]]
        assert article["text"] == body
        for start, end, kind, text in article["marks"]:
            assert text == body[start:end], (article["id"], start, end, kind)
            kinds.add(kind)
    assert sum(len(a["marks"]) for a in articles) > 1000
    assert kinds == {"country", "organization", "person", "post", "meeting", "agreement", "trade", "date"}
    assert seen["requests"] == [output.as_uri()] and seen["blocked"] == [] and seen["errors"] == []


def test_clicking_a_fact_marks_its_spans_and_clicking_a_span_shows_its_fact(runner, tmp_path):
    output = reviewed(runner, tmp_path, SEED)
    with browsing(output, READY) as (page, _):
        page.locator(".fact", has_text="memorandum of understanding").click()
        marked = page.evaluate("Array.from(document.querySelectorAll('mark.marked')).map(m => m.textContent)")
        assert marked[0].startswith("In July, Azerbaijan’s Agency for Small and Medium Businesses Development and the")
        assert len(marked) == 3 and all(m.endswith(".") for m in marked)
        assert "Agreement: memorandum of understanding" in page.locator("#card").text_content()
        page.locator('mark[data-kind="person"]', has_text="Reza Vaziri").click()
        card = page.locator("#card").text_content()
        assert card.startswith("Person: Reza Vaziri") and "US-Azerbaijan Chamber of Commerce" in card
        assert page.evaluate("document.querySelectorAll('mark.marked').length") == 1
        page.locator('mark[data-kind="date"]', has_text="August 9").click()
        assert page.locator("#card").text_content().startswith("Date: 2021-08-09 (the meeting with Okrhan Mammadov")


def test_gold_marks_facts_right_and_wrong_and_lists_what_was_missed(runner, tmp_path):
    gold = json.loads(json.dumps(SEED_GOLD))
    gold["meetings"].append({"participants": ["Reza Vaziri", "USAID"], "date": None})
    del gold["persons"][1]
    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / f"{SEED.stem}.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    output = reviewed(runner, tmp_path, SEED, "--gold", folder)
    with browsing(output, READY) as (page, _):
        verdicts = page.evaluate("""() => Array.from(document.querySelectorAll('.fact')).map(
            f => [f.className.replace('fact ', ''), f.firstChild.textContent])""")
        missed = page.locator(".missed").all_text_contents()
    assert ["wrong", "Reza Vaziri"] in verdicts and ["right", "Okrhan Mammadov"] in verdicts
    assert ["right", "Okrhan Mammadov; Reza Vaziri"] in verdicts
    assert missed == ["Meeting: Reza Vaziri; USAID (undated)"]


def test_a_stored_article_shows_what_each_name_was_resolved_to(runner, tmp_path):
    (tmp_path / "a.txt").write_text("date 2024-03-04\n\nKenya's Export Promotion Council Chairman John Mwangi met the "
                                    "Ghana Chamber of Commerce President Ama Owusu in Nairobi on Monday.\n")
    (tmp_path / "b.txt").write_text("date 2024-05-06\n\nExport Promotion Council of Kenya Chairman J. Mwangi signed a "
                                    "memorandum of understanding with the Ghana Chamber of Commerce in Accra on Friday.\n")
    store = tmp_path / "kg"
    assert runner.invoke(main, ["build", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--store", str(store)]).exit_code == 0
    output = reviewed(runner, tmp_path, "b", "--store", store)
    with browsing(output, READY) as (page, _):
        page.locator('mark[data-kind="organization"]', has_text="Export Promotion Council of Kenya").click()
        card = page.locator("#card").text_content()
    assert "resolved to Export Promotion Council <https://w3id.org/kgbuild/id/org/export-promotion-council>: " \
           "same name words" in card


def test_markup_in_an_article_stays_text_and_nothing_runs(runner, tmp_path):
    article = tmp_path / "hostile.txt"
    article.write_text(f"date 2024-01-01\n\nThe {HOSTILE} Chamber of Commerce Chairman Jane Doe met the Kenya "
                       f"Export Council in Nairobi on Monday. </script><!-- {HOSTILE}\n", encoding="utf-8")
    output = reviewed(runner, tmp_path, article)
    with browsing(output, READY) as (page, seen):
        text = page.locator("#text").text_content()
        images, scripts = page.evaluate("[document.images.length, document.scripts.length]")
    assert HOSTILE in text and "</script><!--" in text
    assert (images, scripts) == (0, 1)
    assert seen["dialogs"] == [] and seen["errors"] == [] and seen["blocked"] == []


@pytest.mark.parametrize("args, message", [
    (["no-such-id", "--store", "{tmp}/kg"], "no-such-id: no such file, and no store at"),
    (["{seed}", "{seed}", "--gold", "{seed}"], "--gold FILE is for one article"),
])
def test_bad_arguments_are_one_line_and_exit_2(runner, tmp_path, args, message):
    args = [a.format(tmp=tmp_path, seed=SEED) for a in args]
    result = runner.invoke(main, ["review", *args, "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2 and message in result.stderr
    assert "Traceback" not in result.output and not (tmp_path / "r.html").exists()


def test_an_unknown_id_in_a_store_is_named(runner, seed_store_path, tmp_path):
    result = runner.invoke(main, ["review", "nope", "--store", str(seed_store_path), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2
    assert "nope: no such file, and no article of that id in the store" in result.stderr


def test_the_actor_page_links_each_article_to_its_review_at_the_sentence(runner, seed_store_path, tmp_path):
    output = tmp_path / "actors.html"
    result = runner.invoke(main, ["draw", "--store", str(seed_store_path), "--reviews", "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert "Wrote 1 review pages into" in result.stderr
    with browsing(output) as (page, _):
        page.fill("#search", "Reza Vaziri")
        page.press("#search", "Enter")
        link = page.locator("#panel a").first
        href, text = link.get_attribute("href"), link.text_content()
    assert text == f"article {SEED.stem} · 2021-08-10"  # the seed has no title: its id and date
    target, anchor = href.split("#")
    assert target == f"reviews/{SEED.stem}.html" and anchor.startswith("at=")
    with browsing(tmp_path / target, READY) as (page, seen):
        page.goto((tmp_path / target).as_uri() + "#" + anchor)
        page.wait_for_selector("mark.marked")
        marked = page.evaluate("Array.from(document.querySelectorAll('mark.marked')).map(m => m.textContent)")
        card = page.locator("#card").text_content()
    assert marked[0].startswith("Azerbaijan’s Agency for Small and Medium Business Development Chairman Okrhan")
    assert card.startswith("Meeting: Okrhan Mammadov; Reza Vaziri")
