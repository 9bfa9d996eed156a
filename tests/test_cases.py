"""Articles of the genre written for the tests (tests/cases/NN_name.txt), each with the facts it
states (NN_name.expected.json): posts before and after names, portfolios, bilateral chambers, acronyms,
several documents at once, "signed by", online meetings, weekdays, export/import and target
distractors, amounts written as US$400 million, 1.5 billion USD and $5,183 million; lists of signed
documents with their parties, brands and legal forms, honorifics, particles and surnames in capitals,
a visit with the meetings it frames, talks told as another occasion, sittings of bodies named by two
countries, several signings in one sentence, "its Cairo counterpart" and "the two delegations",
crore, "/-" shillings, fiscal years, "a year earlier" and clauses about exports alone; documents told by what
they make their sides do ("an MOU under which A and B will ..."), one by one after their count, and signed
"It was signed by"; occasions a speaker took part in ("Addressing the ... meeting", "said in a speech at an
event", "met at a forum organised by"), a state visit met by the host leader the article names, a mission to
two countries, signing ceremonies that are no meeting, agreements in force named in passing, a meeting told
again person by person, relative dates ("two days ago"), dates in figures ("10.06.2025"), a day told
between the verb and its object ("received on Tuesday the Ambassador"), names with initials of two
letters ("Zh.B.Rakhimov", "Sh. Yusupova"), a post's city between it and the name ("Consul General in
Lagos Wang Hua") and fiscal years named by their end ("FY24")."""

import json
from pathlib import Path

import pytest

from kgbuild.build import extract_file

CASES = sorted((Path(__file__).parent / "cases").glob("*.txt"))


def facts(records):
    return {
        "countries": [c.name for c in records.countries],
        "organizations": [{"name": o.name, "country": o.country, "aliases": o.aliases} for o in records.organizations],
        "persons": [{"name": p.name, "post": p.post, "organization": p.organization} for p in records.persons],
        "meetings": [{"participants": m.participants, "date": m.date} for m in records.meetings],
        "agreements": [{"kind": a.kind, "parties": a.parties, "signatories": a.signatories, "date": a.date}
                       for a in records.agreements],
        "trade_figures": [{"countries": t.countries, "amount": t.amount, "currency": t.currency, "period": t.period}
                          for t in records.trade_figures],
    }


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_article_states_exactly_the_expected_facts(case):
    expected = json.loads(case.with_suffix(".expected.json").read_text(encoding="utf-8"))
    assert facts(extract_file(case)) == expected
