"""Random text and random header lines: the reader and the extractor never fail other than with the
documented input error, and every graph they give conforms to the SHACL shapes."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kgbuild.article import parse_article
from kgbuild.errors import InputError
from kgbuild.extract import extract
from kgbuild.mappers import records_graph
from kgbuild.validation import validate_graph

HEADER_LINES = st.one_of(
    st.builds(lambda d: f"date {d}", st.one_of(st.dates().map(str), st.text(max_size=12))),
    st.builds(lambda d, p: f" date {d} By {p}", st.dates().map(str), st.text(min_size=1, max_size=20)),
    st.builds(lambda u: f"source: {u}", st.text(max_size=30)),
    st.builds(lambda n: f"By {n}", st.text(max_size=30)),
    st.builds(lambda t: f"title: {t}", st.text(max_size=40)),
    st.builds(lambda c, m, d: f"{c.upper()}, Azerbaijan, {m} {d}.", st.text(min_size=1, max_size=10),
              st.sampled_from(["February", "Smarch", "June"]), st.integers(0, 40)),
)
GENRE_WORDS = st.sampled_from([
    "Chairman", "Agency", "Chamber of Commerce", "met", "held talks with", "signed a memorandum", "(SMBDA)",
    "Orkhan Mammadov,", "Head of the", "$260.2 million", "in the first half of 2021", "trade turnover between",
    "Azerbaijan", "and", "the US", "on August 9", "last year", "Ministry of", "Uzbekistan's", "'s", ".", ",",
    "Commission on", "US$400 million", "in the first quarter of 2024", "Q3 2023", "second half of 2022",
    "over 11 months of 2023", "in January-April 2022", "the same period in 2023", "on Friday", "In July", "1.5 billion USD", "inked", "protocol", "11 documents were signed",
    "<script>", "\"", "\\", "\n", "\x00", "\u202e", "Prime Minister", "Ambassador of Belarus",
])
BODY = st.one_of(st.text(max_size=300), st.lists(GENRE_WORDS, max_size=60).map(" ".join))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(HEADER_LINES, max_size=4), BODY)
def test_reader_and_extractor_fail_only_with_input_errors_and_graphs_conform(header, body):
    text = "\n".join(header) + "\n\n" + body
    try:
        article = parse_article(text, "random")
    except InputError:
        return
    records = extract(article)
    for mention in [e for o in records.organizations for e in o.mentions]:
        assert article.body[mention.start:mention.end] == mention.text
    report = validate_graph(records_graph(records))
    assert report.conforms, report.text
