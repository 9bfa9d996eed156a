"""Digest pages: several short stories on one page are read story by story, so that no fact joins the
actors of two stories, while an article of one story (subheadings, captions and all) stays one."""

from pathlib import Path

from kgbuild.article import Article, read_article
from kgbuild.extract import extract
from kgbuild.extract.text import split_sentences, story_starts

DIGEST = Path(__file__).parent / "digests" / "business-briefs.txt"


def _stories(body: str) -> list[tuple[int, int]]:
    starts = story_starts(body)
    return list(zip(starts, [*starts[1:], len(body)]))


def test_a_digest_page_starts_a_story_at_each_headline_and_dateline():
    body = read_article(DIGEST).body
    openings = [body[start:end].split("\n", 1)[0] for start, end in _stories(body)]
    assert openings == [
        "The Kenya National Chamber of Commerce and Industry signed a memorandum of understanding with the Uganda "
        "National Chamber of Commerce and Industry on Friday to promote cross-border trade.",
        "Zambian minister hosts Rwandan delegation",
        "Ghana, Morocco agree to expand fertiliser trade",
    ]


def test_a_figure_of_a_digest_story_is_of_that_story_s_countries():
    records = extract(read_article(DIGEST))
    assert [(f.countries, f.amount, f.period) for f in records.trade_figures] == [
        (["Zambia", "Rwanda"], 120_000_000.0, "2023")]


def test_no_event_of_a_digest_page_spans_two_stories():
    article = read_article(DIGEST)
    records = extract(article)
    stories = _stories(article.body)
    events = records.meetings + records.agreements
    assert [e.participants if hasattr(e, "participants") else e.parties for e in events] == [
        ["Chipoka Mulenga", "Rwanda"],
        ["Kobina Hammond", "Imane Ouaadil"],
        ["Kenya National Chamber of Commerce and Industry", "Uganda National Chamber of Commerce and Industry"],
    ]
    for event in events:
        told_in = {next(n for n, (start, end) in enumerate(stories) if start <= e.start < end) for e in event.evidence}
        assert len(told_in) == 1, event


def test_evidence_of_a_digest_page_points_into_the_whole_body():
    article = read_article(DIGEST)
    records = extract(article)
    sentences = split_sentences(article.body)
    evidence = [e for c in records.countries for e in c.mentions] + [e for p in records.persons for e in p.mentions]
    evidence += [e for m in records.meetings + records.agreements for e in m.evidence]
    evidence += [e for f in records.trade_figures for e in f.evidence]
    assert evidence
    for e in evidence:
        assert article.body[e.start:e.end] == e.text
        assert sentences[e.sentence].start <= e.start and e.end <= sentences[e.sentence].end


def test_an_actor_named_in_two_stories_is_one_actor_with_the_mentions_of_both():
    chamber = "The Kenya National Chamber of Commerce and Industry met a delegation from Ethiopia on Monday."
    body = (f"{chamber}\n\nThe two sides discussed a joint trade fair to be held in Addis Ababa next year.\n\n"
            f"MOMBASA, March 2 (KNA) - {chamber}\n\nThe delegation visited the port and a free zone in Mombasa.")
    assert len(story_starts(body)) == 2
    records = extract(Article("two-stories", body, date="2024-03-04"))
    chambers = [o for o in records.organizations if o.name == "Kenya National Chamber of Commerce and Industry"]
    assert len(chambers) == 1 and len(chambers[0].mentions) == 2
    assert len(records.meetings) == 2
    assert [m.id for m in records.meetings] == ["meeting-1", "meeting-2"]


def test_one_story_with_a_subheading_a_caption_and_an_abbreviation_stays_one_story():
    body = ("Uganda's Trade Minister met the Kenyan High Commissioner in Kampala on Monday to discuss border trade.\n\n"
            "The two countries agreed to hold a joint commission before the end of the year, the ministry said.\n\n"
            "New rules for cross-border traders\n\n"
            "Traders at the border will need one document instead of four under the rules agreed on Monday.\n\n"
            "At the border post, trucks waited for two days last month. (Photo)\n\n"
            "U.S. investment in the region has grown, the minister added, and more is expected this year.")
    assert story_starts(body) == [0]
