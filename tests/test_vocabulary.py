"""The genre's tables and the patterns made from them."""

from pathlib import Path

from kgbuild.article import read_article
from kgbuild.extract.events import _ANY_DOCUMENT, _DOCUMENT_STARTS
from kgbuild.extract.patterns import literal_starts, may_hold, phrases
from kgbuild.extract.text import split_sentences
from kgbuild.extract.vocabulary import CONTINUING_PHRASES, DOCUMENT_NOUNS, MEETING_PHRASES, MEETING_STEMS, TRADE_WORDS

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted((ROOT / "tests" / "cases").glob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt"))


def test_literal_starts_drop_an_optional_last_letter_and_give_up_without_letters():
    assert literal_starts([r"MoUs?", r"memorand(?:um|a)", r"road\s*maps?"]) == ("memorand", "mou", "road")
    assert literal_starts([r"agreements?", r"(?:a|an)\s+meeting"]) is None


def test_the_quick_test_for_documents_never_hides_one_the_pattern_finds():
    found = 0
    for path in ARTICLES:
        for sentence in split_sentences(read_article(path).body):
            if _ANY_DOCUMENT.search(sentence.text):
                found += 1
                assert may_hold(sentence.text.lower(), _DOCUMENT_STARTS), sentence.text
    assert found > 20


def test_phrase_tables_find_the_phrases_of_the_genre():
    assert phrases(MEETING_PHRASES).search("Mammadov met with the chairman of the chamber")
    assert phrases(MEETING_PHRASES).search("in an exchange of views with the President")
    assert not phrases(MEETING_PHRASES).search("The agency will publish its report")
    assert phrases(CONTINUING_PHRASES).search("The meeting was attended by the deputy minister")
    assert phrases(TRADE_WORDS).search("The two countries traded goods worth 3.4 billion euros")
    assert phrases(DOCUMENT_NOUNS).search("signed six Memorandums of Understanding")
    assert not phrases(DOCUMENT_NOUNS).search("The rules also deal with livestock diseases")


def test_every_meeting_phrase_holds_one_of_the_stems_the_quick_test_looks_for():
    for fragment in MEETING_PHRASES:
        assert any(stem in fragment for stem in MEETING_STEMS), fragment
    pattern = phrases(MEETING_PHRASES)
    for path in ARTICLES:
        for sentence in split_sentences(read_article(path).body):
            if pattern.search(sentence.text):
                assert may_hold(sentence.text.lower(), MEETING_STEMS), sentence.text
