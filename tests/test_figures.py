"""Money as the genre writes it: which currency, how much, and which amounts are not money."""

import pytest

from kgbuild.extract.figures import _money


@pytest.mark.parametrize("text, countries, expected", [
    ("trade reached EUR 2.5 billion", ["HU", "RS"], [(2.5e9, "EUR")]),
    ("about dlrs 7.1 billion", ["EG", "TR"], [(7.1e9, "USD")]),
    ("now at 1.1tril/-, up from 885bn/-", ["TZ", "KE"], [(1.1e12, "TZS"), (885e9, "TZS")]),
    ("885bn/-", ["UG", "EG"], [(885e9, "UGX")]),
    ("almost 758 million dirhams", ["MA", "ET"], [(758e6, "MAD")]),
    ("Dh172 billion ($46.83bn)", ["AE", "OM"], [(46.83e9, "USD")]),
    ("Rs 7,500 crore", ["IN", "NP"], [(7.5e10, "INR")]),
    ("267 million pounds", ["UZ", "GB"], [(267e6, "GBP")]),
    ("240 million pounds", ["EG", "SD"], [(240e6, "EGP")]),
    ("RO 360 million", ["OM", "IR"], [(360e6, "OMR")]),
])
def test_amounts_take_the_currency_of_the_figures_countries(text, countries, expected):
    assert [value for _, value in _money(text, countries)] == expected


@pytest.mark.parametrize("text", ["a 500 ft tower", "5 million or more firms", "try 5 million times", "in 2021"])
def test_words_that_look_like_currencies_are_not_money(text):
    assert _money(text, ["HU", "OM"]) == []


@pytest.mark.parametrize("sentence, period", [
    ("Trade between Bangladesh and India reached Tk 1,500 crore in FY2023.", "2022-07..2023-06"),
    ("Trade between Pakistan and China was $23 billion in FY24.", "2023-07..2024-06"),
    ("Trade between India and Nepal stood at Rs 65,000 crore in FY2023-24.", "2023-04..2024-03"),
])
def test_a_fiscal_year_named_by_its_end_takes_the_months_of_the_country_that_keeps_it(sentence, period):
    from kgbuild.article import parse_article
    from kgbuild.extract import extract

    records = extract(parse_article(f"date 2025-06-11\n\n{sentence}\n", "fy"))
    assert [f.period for f in records.trade_figures] == [period]
