"""Event dates and periods of figures, read against the publication date."""

from datetime import date

import pytest

from kgbuild.extract.dates import best_event_date, complete_same_period, periods, year_before

PUBLISHED = date(2023, 9, 25)  # a Monday


def test_an_event_of_several_days_is_dated_by_its_first_day_and_documents_signed_there_by_its_month():
    text = "Documents were signed at the forum in Taraz on Sept. 22-23."
    assert best_event_date(text, PUBLISHED) == "2023-09-22"
    assert best_event_date(text, PUBLISHED, span_as_month=True) == "2023-09"


@pytest.mark.parametrize("text, value", [
    ("On 14.09.2023 the two chambers signed a memorandum.", "2023-09-14"),
    ("The forum held on 3.7.2023 gathered 200 firms.", "2023-07-03"),
    ("The sides met on 31.02.2023.", None),  # no such day
    ("The sides met on 14.09.2031.", None),  # after publication: a plan
    ("Version 2.14.09.2023 of the tariff list was adopted.", None),  # a number with more parts than a date
])
def test_a_date_in_figures_is_day_month_year_between_dots(text, value):
    assert best_event_date(text, PUBLISHED) == value


@pytest.mark.parametrize("text", [
    "Sahai told TASS on Monday that the agreement had been reached.",
    "A statement the ministry put out on Friday said the talks went well.",
    "The minister will travel to Cairo on October 27.",
])
def test_when_something_was_said_or_is_planned_dates_no_event(text):
    assert best_event_date(text, PUBLISHED) is None


@pytest.mark.parametrize("text, value", [
    ("Trade came to $45 billion in the period from April 2022 to February 2023.", "2022-04..2023-02"),
    ("Trade reached Dh172 billion from 2017 to 2020.", "2017-01..2020-12"),
    ("Trade reached 312bn/- in the year to June 2022.", "2021-07..2022-06"),
    ("In January-July trade rose 13% to $757 million.", "2023-01..2023-07"),
    ("Trade stood at $8.75 million as of late 2016.", "2016"),
    ("It surpassed 117 billion USD in the first eight months of this year.", "2023-01..2023-08"),
    ("In 2020 and 2021, bilateral trade topped 100 billion USD.", "2020|2021"),
    ("Trade is now recorded at 1.1tril/-.", "2023"),
])
def test_periods_of_the_genre(text, value):
    assert [p.value for p in periods(text, PUBLISHED)] == [value]


def test_periods_compared_with_another_figure():
    assert complete_same_period("same:2021", "2021-07..2022-06") == "2020-07..2021-06"
    assert complete_same_period("same:2023", "2024-01..2024-08") == "2023-01..2023-08"
    assert year_before("2023") == "2022"
    assert year_before("2023-H1") == "2022-H1"
    assert year_before("2024-01..2024-09") == "2023-01..2023-09"  # "up from $1.0 billion a year earlier"


def test_a_day_span_written_day_first_is_dated_by_its_first_day_and_signings_there_by_its_month():
    text = "The MoU was signed during a state visit held on the 10th to 11th September,2023 in Maputo."
    assert best_event_date(text, PUBLISHED) == "2023-09-10"
    assert best_event_date(text, PUBLISHED, span_as_month=True) == "2023-09"


@pytest.mark.parametrize("text, value", [
    ("TASHKENT, September 22, 2023 - The two chairmen held a meeting on Thursday September 21.", "2023-09-21"),
    ("22nd September, 2023: On Wednesday, 20th September 2023, the chamber signed a memorandum.", "2023-09-20"),
])
def test_a_date_told_with_on_beats_the_dateline_of_the_report(text, value):
    assert best_event_date(text, PUBLISHED) == value


def test_a_sentence_told_in_a_year_is_dated_by_that_year_when_nothing_finer_is_said():
    assert best_event_date("In 2016 Ghana signed a strategic partnership agreement with Morocco.", PUBLISHED) == "2016"
    assert best_event_date("In 2016 Ghana signed an agreement on March 3.", PUBLISHED) == "2016-03-03"
    assert best_event_date("Trade reached $5 million in 2016, when Ghana signed it.", PUBLISHED) is None


def test_a_date_said_during_a_meeting_dates_the_meeting():
    text = "Egypt wants more trade, local authorities said on Monday (25) during a meeting with the chamber."
    assert best_event_date(text, PUBLISHED) == "2023-09-25"


def test_a_deadline_and_a_span_ended_are_not_the_days_of_events():
    published = date(2025, 3, 20)
    assert best_event_date("By January 1, 2024, the cuts had been carried out.", published) is None
    # "concluded two days of meetings on Friday, March 14": they began the day before
    assert best_event_date("The two sides concluded two days of meetings on Friday, March 14, 2025.", published) \
        == "2025-03-13"
    assert best_event_date("The minister said their talks today had gone well.", published) == "2025-03-20"


@pytest.mark.parametrize("text, value", [
    ("The ministers met earlier this month in Nairobi.", "2025-06"),
    ("The two chambers met this week.", "2025-06"),
    ("The delegation arrived two days ago.", "2025-06-09"),
    ("The delegation arrived 3 days ago.", "2025-06-08"),
])
def test_relative_references_are_read_against_the_publication_day(text, value):
    assert best_event_date(text, date(2025, 6, 11)) == value
