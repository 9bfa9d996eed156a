"""The article reader understands the header forms of the genre."""

import pytest

from kgbuild.article import parse_article, read_article
from kgbuild.errors import InputError


def test_seed_header_gives_date_publisher_and_author(seed_path):
    article = read_article(seed_path)
    assert (article.date, article.publisher, article.authors) == ("2021-08-10", "Azernews", ["Ayya Lmahamad"])
    assert article.body.startswith("Azerbaijan’s Agency for Small")


def test_date_and_source_lines():
    article = parse_article("date 2023-04-07\nsource: https://www.tbsnews.net/x\n\nThe chamber met.\n", "a")
    assert (article.date, article.source, article.publisher, article.body) == (
        "2023-04-07", "https://www.tbsnews.net/x", "tbsnews.net", "The chamber met.")


def test_dateline_gives_the_publication_date_and_is_not_body():
    article = parse_article("date 2023-02-18\n\nBAKU, Azerbaijan, February 18. Orkhan Mammadov held talks.", "a")
    assert article.body == "Orkhan Mammadov held talks."
    article = parse_article("TASHKENT, Uzbekistan, June 2, 2025. The chamber met.", "b")
    assert (article.date, article.body) == ("2025-06-02", "The chamber met.")


def test_no_header_at_all():
    article = parse_article("The two agencies signed a memorandum.", "plain")
    assert (article.date, article.publisher, article.authors, article.title) == (None, None, [], None)
    assert article.body == "The two agencies signed a memorandum."


def test_title_line_and_two_authors():
    article = parse_article("Agencies sign MoU\n\nBy Jane Roe and John Doe\n\nThe agencies signed.", "t")
    assert (article.title, article.authors) == ("Agencies sign MoU", ["Jane Roe", "John Doe"])


def test_malformed_date_is_an_input_error():
    with pytest.raises(InputError, match=r"line 1: invalid date '2021-13-45'"):
        parse_article("date 2021-13-45\n\nText.", "bad")


def test_latin1_and_utf16_files_are_read(tmp_path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("date 2021-01-02\n\nThe Café Chamber met.".encode("latin-1"))
    assert read_article(latin).body == "The Café Chamber met."
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("date 2021-01-02\n\nThe Café Chamber met.".encode("utf-16"))
    assert read_article(utf16).body == "The Café Chamber met."


def test_binary_file_is_refused(tmp_path):
    png = tmp_path / "x.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="binary file"):
        read_article(png)


@pytest.mark.parametrize("line, date, body", [
    ("KUALA LUMPUR, Jan. 8 (Xinhua) -- Malaysia wants more trade.", None, "Malaysia wants more trade."),
    ("ABU DHABI, 20th November, 2023 (WAM) -- The minister met.", "2023-11-20", "The minister met."),
    ("Islamabad, March 9: The minister met.", None, "The minister met."),
    ("NAIROBI, Kenya, Jun 15 - The chamber signed.", None, "The chamber signed."),
    ("Hanoi (VNA) – The agency signed.", None, "The agency signed."),
    ("RAWALPINDI - The ambassador said.", None, "The ambassador said."),
])
def test_datelines_of_news_agencies_are_not_body(line, date, body):
    article = parse_article("date 2023-01-01\n\n" + line, "d")
    assert (article.date, article.body) == ("2023-01-01", body)
    undated = parse_article(line, "u")  # a dateline without a year dates nothing
    assert (undated.date, undated.body) == (date, body)


def test_a_sentence_that_starts_with_a_name_is_not_a_dateline():
    for text in ("Riyadh: The Federation hosted a forum.", "TANZANIA and Kenya signed a contract."):
        assert parse_article(text, "s").body == text
