"""Every fact of the seed article, asserted exactly through extraction."""

import json

from kgbuild.cli import main

AGENCY = "Agency for Small and Medium Business Development"
CHAMBER = "US-Azerbaijan Chamber of Commerce"
USAID = "U.S. Agency for International Development"
SBA = "US Small Business Administration"


def test_article_metadata_comes_from_the_seed_header(seed_records):
    meta = seed_records.article
    assert (meta.id, meta.date, meta.publisher, meta.authors, meta.source, meta.title) == (
        "000_a347758bee459792", "2021-08-10", "Azernews", ["Ayya Lmahamad"], None, None)


def test_countries_are_azerbaijan_and_the_united_states_with_iso_codes(seed_records):
    assert sorted((c.name, c.code) for c in seed_records.countries) == [("Azerbaijan", "AZ"), ("United States", "US")]


def test_organisations_with_both_spellings_of_the_agency_resolved_to_one(seed_records):
    orgs = {o.name: o for o in seed_records.organizations}
    actors = {AGENCY, CHAMBER, SBA, USAID}
    assert actors <= set(orgs)
    # the Agency's SMB Development Centers may be modelled as a unit of the Agency, nothing else
    assert set(orgs) - actors <= {"SMB Development Centers"}
    assert orgs[AGENCY].aliases == ["Agency for Small and Medium Businesses Development"]
    assert (orgs[AGENCY].country, orgs[CHAMBER].country, orgs[SBA].country, orgs[USAID].country) == (
        "Azerbaijan", None, "United States", "United States")
    assert (orgs[AGENCY].type, orgs[CHAMBER].type) == ("Agency", "Chamber")


def test_persons_with_their_posts_and_organisations(seed_records):
    persons = sorted((p.name, p.post, p.organization) for p in seed_records.persons)
    assert persons == [("Okrhan Mammadov", "Chairman", AGENCY), ("Reza Vaziri", "Chairman", CHAMBER)]


def test_the_author_and_the_outlet_are_not_actors(seed_records):
    names = {p.name for p in seed_records.persons} | {o.name for o in seed_records.organizations}
    assert not names & {"Ayya Lmahamad", "Azernews"}


def test_the_meeting_of_the_two_chairmen_on_august_9_with_its_topics(seed_records):
    [meeting] = seed_records.meetings
    assert meeting.participants == ["Okrhan Mammadov", "Reza Vaziri"]
    assert meeting.date == "2021-08-09"
    assert meeting.topics == [
        "the Agency’s support and services for the creation of new business structures and the development of SMBs",
        "opportunities for joint cooperation",
        "The presentation of potential projects of local entrepreneurs at ‘roadshow’ in the US and the cooperation "
        "with the US Small Business Administration",
        "organization of trainings for local SMBs interested in conducting trade transactions with the US using the "
        "capabilities of the Agency’s SMB Development Centers and participating in the creation of SMB clusters",
    ]
    assert meeting.evidence[0].sentence == 0 and meeting.evidence[0].text.endswith("on August 9.")


def test_the_memorandum_between_the_agency_and_usaid_in_july_2021(seed_records):
    [agreement] = seed_records.agreements
    assert (agreement.kind, agreement.parties, agreement.signatories, agreement.date) == (
        "memorandum of understanding", [AGENCY, USAID], [], "2021-07")
    assert agreement.topics == ["cooperation in the field of SMBs"]


def test_trade_turnover_for_the_first_half_of_2021_and_for_2020(seed_records):
    figures = [(f.countries, f.indicator, f.amount, f.currency, f.period) for f in seed_records.trade_figures]
    assert figures == [
        (["Azerbaijan", "United States"], "trade turnover", 260200000.0, "USD", "2021-H1"),
        (["Azerbaijan", "United States"], "trade turnover", 660800000.0, "USD", "2020"),
    ]


def test_evidence_offsets_point_into_the_body(seed_records, seed_path):
    from kgbuild.article import read_article

    body = read_article(seed_path).body
    items = [e for o in seed_records.organizations for e in o.mentions]
    items += [e for f in seed_records.trade_figures for e in f.evidence]
    items += [e for m in seed_records.meetings for e in m.evidence]
    assert items
    for evidence in items:
        assert body[evidence.start:evidence.end] == evidence.text
    assert seed_records.trade_figures[0].evidence[0].text == "$260.2 million"


def test_extract_json_follows_the_records_contract(runner, seed_path):
    result = runner.invoke(main, ["extract", str(seed_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"article", "countries", "organizations", "persons", "meetings", "agreements",
                         "trade_figures", "topics"}
    assert set(data["article"]) == {"id", "title", "date", "publisher", "authors", "source", "format"}
    assert data["article"]["format"] == "txt"
    assert set(data["organizations"][0]) == {"id", "name", "aliases", "type", "country", "mentions"}
    assert set(data["persons"][0]) == {"id", "name", "post", "organization", "mentions"}
    assert set(data["meetings"][0]) == {"id", "participants", "date", "place", "topics", "evidence"}
    assert set(data["agreements"][0]) == {"id", "kind", "parties", "signatories", "date", "topics", "evidence"}
    assert set(data["trade_figures"][0]) == {"countries", "indicator", "amount", "currency", "period", "evidence"}
    assert set(data["countries"][0]["mentions"][0]) == {"sentence", "start", "end", "text"}
    names = {o["name"] for o in data["organizations"]} | {p["name"] for p in data["persons"]} | {
        c["name"] for c in data["countries"]}
    for meeting in data["meetings"]:
        assert set(meeting["participants"]) <= names
    for person in data["persons"]:
        assert person["organization"] is None or person["organization"] in names


def test_records_json_round_trips(seed_records):
    from kgbuild.records import Records

    assert Records.from_json(seed_records.to_json()) == seed_records


def test_extract_table_is_for_people(runner, seed_path):
    result = runner.invoke(main, ["extract", str(seed_path), "--format", "table"])
    assert result.exit_code == 0
    assert "Okrhan Mammadov  Chairman" in result.output
    assert "Azerbaijan - United States  2021-H1  260,200,000  USD" in result.output
