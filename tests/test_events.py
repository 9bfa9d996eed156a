"""Events, not reports: several outlets telling one meeting make one meeting of several reports; two
meetings of one pair stay two; the same trade figure is one figure, different ones conflict."""

import json
import shutil

import pytest

from conftest import SEED, built_by_cli as built, dataset_lines as dataset

from kgbuild.cli import main
from kgbuild.occurrences import Report, agreement_key, group_events, group_figures
from kgbuild.store import open_store

# One meeting told by three outlets: with its date, with a weekday, with no date at all.
OUTLETS = {
    "a_wire_meeting.txt": "date 2024-05-08\nsource: https://wire.example.org/1\n\nThe Kenya Export Promotion and "
                          "Branding Agency met the Uganda Export Promotion Board in Kampala on May 6, 2024.\n",
    "b_daily_meeting.txt": "date 2024-05-08\nsource: https://daily.example.org/2\n\nThe Kenya Export Promotion and "
                           "Branding Agency held talks with the Uganda Export Promotion Board on Monday.\n",
    "c_weekly_meeting.txt": "date 2024-05-10\nsource: https://weekly.example.org/3\n\nOfficials of the Kenya Export "
                            "Promotion and Branding Agency met the Uganda Export Promotion Board in Kampala.\n",
    # the same pair a fortnight later: another meeting
    "d_wire_second.txt": "date 2024-05-22\nsource: https://wire.example.org/4\n\nThe Kenya Export Promotion and "
                         "Branding Agency met the Uganda Export Promotion Board in Nairobi on May 20, 2024.\n",
    # one figure told twice, in two forms; and another outlet's different figure for that period
    "e_wire_trade.txt": "date 2024-03-01\nsource: https://wire.example.org/5\n\nTrade turnover between Kenya and "
                        "Uganda amounted to $1.2 billion in 2023.\n",
    "f_daily_trade.txt": "date 2024-03-02\nsource: https://daily.example.org/6\n\nTrade turnover between Kenya and "
                         "Uganda reached USD 1.2 bn in 2023.\n",
    "g_weekly_trade.txt": "date 2024-03-04\nsource: https://weekly.example.org/7\n\nTrade turnover between Kenya and "
                          "Uganda stood at $1.5 billion in 2023.\n",
}


@pytest.fixture
def outlets(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in OUTLETS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder



def info(runner, store):
    return json.loads(runner.invoke(main, ["info", "--store", str(store), "--format", "json"]).stdout)


def events(runner, store):
    result = runner.invoke(main, ["events", "--store", str(store), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["results"]["bindings"]



def test_three_outlets_one_meeting_and_a_second_meeting_of_the_pair(runner, outlets, tmp_path):
    store = built(runner, tmp_path / "kg", outlets)
    counts = info(runner, store)
    assert (counts["meetings"], counts["meeting_reports"]) == (2, 4)
    meetings = sorted((row["date"]["value"], int(row["reports"]["value"]), sorted(row["articles"]["value"].split("; ")))
                      for row in events(runner, store) if row["kind"]["value"] == "meeting")
    assert meetings == [("2024-05-06", 3, ["a_wire_meeting", "b_daily_meeting", "c_weekly_meeting"]),
                        ("2024-05-20", 1, ["d_wire_second"])]
    explained = runner.invoke(main, ["events", "--store", str(store), "--explain",
                                     [r for r in events(runner, store) if r["date"]["value"] == "2024-05-06"][0]
                                     ["event"]["value"]]).stdout.splitlines()
    assert explained[0].startswith("meeting <https://w3id.org/kgbuild/id/event/meeting-2024-05-06-")
    assert explained[1:4] == [
        "  a_wire_meeting (published 2024-05-08, told 2024-05-06): the same actors on the same day, 2024-05-06",
        "  b_daily_meeting (published 2024-05-08, told 2024-05-06): the same actors on the same day, 2024-05-06",
        "  c_weekly_meeting (published 2024-05-10, told undated): undated, reported within 7 days of its other reports"]
    assert explained[4] == "Not the same event:"
    assert explained[5].endswith(": another date (2024-05-20 against 2024-05-06)")


def test_one_figure_in_two_forms_is_one_and_a_different_one_conflicts(runner, outlets, tmp_path):
    store = built(runner, tmp_path / "kg", outlets)
    counts = info(runner, store)
    assert (counts["trade_figures"], counts["trade_figure_reports"]) == (2, 3)
    result = runner.invoke(main, ["query", "trade-conflicts", "--store", str(store), "--format", "csv"])
    rows = [line.split(",")[:8] for line in result.stdout.splitlines()[1:]]
    rows = [row[:7] + [sorted(row[7].split("; "))] for row in rows]
    assert rows == [["Kenya", "Uganda", "2023", "trade turnover", "1200000000", "USD", "2", ["e_wire_trade", "f_daily_trade"]],
                    ["Kenya", "Uganda", "2023", "trade turnover", "1500000000", "USD", "1", ["g_weekly_trade"]]]


def test_the_graph_does_not_depend_on_the_order_or_batches_articles_came_in(runner, outlets, tmp_path):
    whole = built(runner, tmp_path / "whole", outlets)
    names = sorted(OUTLETS)
    one_by_one = tmp_path / "reverse"
    for name in reversed(names):
        built(runner, one_by_one, outlets / name)
    batches = built(runner, tmp_path / "batches", *(outlets / n for n in names[3:]))
    built(runner, batches, *(outlets / n for n in names[:3]))
    assert dataset(whole) == dataset(one_by_one) == dataset(batches)


def test_removing_a_report_keeps_the_event_and_removing_all_removes_it(runner, outlets, tmp_path):
    store = built(runner, tmp_path / "kg", outlets)
    assert runner.invoke(main, ["remove", "a_wire_meeting", "--store", str(store)]).exit_code == 0
    assert (info(runner, store)["meetings"], info(runner, store)["meeting_reports"]) == (2, 3)
    assert runner.invoke(main, ["remove", "b_daily_meeting", "c_weekly_meeting", "--store", str(store)]).exit_code == 0
    assert (info(runner, store)["meetings"], info(runner, store)["meeting_reports"]) == (1, 1)
    rest = tmp_path / "rest"
    rest.mkdir()
    for name in sorted(OUTLETS)[3:]:
        shutil.copy(outlets / name, rest / name)
    assert dataset(store) == dataset(built(runner, tmp_path / "fresh", rest))


def test_copies_under_new_ids_raise_only_the_reports(runner, tmp_path):
    folder = tmp_path / "seed"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    before = info(runner, built(runner, tmp_path / "one", folder))
    shutil.copy(SEED, folder / "copy_of_the_seed.txt")
    after = info(runner, built(runner, tmp_path / "two", folder))
    for kind in ("meeting", "agreement", "trade_figure"):
        assert after[kind + "s"] == before[kind + "s"] > 0
        assert after[kind + "_reports"] == 2 * before[kind + "_reports"]


def report(article, date, published, kind="meeting", actors=("a", "b"), local="meeting-1"):
    return Report(article, local, kind, frozenset(actors), date, published)


def test_a_month_joins_its_day_only_when_reported_at_the_same_time_and_only_one_fits():
    day = report("x", "2024-05-06", "2024-05-07")
    month = report("y", "2024-05", "2024-05-09")
    late = report("z", "2024-05", "2024-06-30")
    groups = {tuple(sorted(r.article for r, _ in o.reports)) for o in group_events([day, month, late])}
    assert groups == {("x", "y"), ("z",)}
    second_day = report("w", "2024-05-20", "2024-05-10")  # published (ahead) with the month's report
    groups = {tuple(sorted(r.article for r, _ in o.reports)) for o in group_events([day, second_day, month])}
    assert groups == {("x",), ("w",), ("y",)}  # the month fits two meetings: it joins neither


def test_one_article_tells_each_event_once_and_a_single_actor_is_an_event_of_its_own():
    first, second = report("x", "2024-05-06", "2024-05-07"), report("x", "2024-05-06", "2024-05-07", local="meeting-2")
    assert len(group_events([first, second])) == 2
    alone = [report("x", "2024-05-06", "2024-05-07", actors=("a",)), report("y", "2024-05-06", "2024-05-07", actors=("a",))]
    assert len(group_events(alone)) == 2


def test_iris_come_from_what_the_reports_share_not_from_which_came_first():
    a, b = report("x", "2024-05-06", "2024-05-07"), report("y", "2024-05-06", "2024-05-08")
    assert [o.iri for o in group_events([a, b])] == [o.iri for o in group_events([b, a])] \
        == [o.iri for o in group_events([b])]


def test_kinds_of_documents_as_outlets_name_them():
    assert agreement_key("MoU") == agreement_key("memorandum of understanding") == agreement_key("memorandums")
    assert agreement_key("two memoranda of understanding") == "agreement:2 memorandum"
    assert agreement_key("trade agreement") == agreement_key("trade deal") != agreement_key("protocol")


def test_figures_within_rounding_are_one_and_without_a_period_only_when_reported_together():
    def figure(article, amount, period, published="2024-03-01"):
        return Report(article, "trade-1", "trade", frozenset({"KE", "UG"}), period, published, amount, "USD", "turnover")

    groups = group_figures([figure("x", 1.2e9, "2023"), figure("y", 1.204e9, "2023"), figure("z", 1.3e9, "2023")])
    assert sorted(len(o.reports) for o in groups) == [1, 2] and all(o.conflicts for o in groups)
    groups = group_figures([figure("x", 1.2e9, None), figure("y", 1.2e9, None, "2024-06-01")])
    assert len(groups) == 2 and not any(o.conflicts for o in groups)


def test_a_build_stopped_before_the_events_are_written_has_them_written_by_the_next(outlets, tmp_path, monkeypatch):
    from kgbuild.build import build
    from kgbuild.store import KnowledgeStore

    store_path = tmp_path / "kg"

    def stopped(self, occurrences):
        raise KeyboardInterrupt  # Ctrl-C: the articles' batches are kept

    with monkeypatch.context() as patched:
        patched.setattr(KnowledgeStore, "write_events", stopped)
        with open_store(store_path, writable=True, create=True) as store, pytest.raises(KeyboardInterrupt):
            build([outlets], store)
    with open_store(store_path, writable=True) as store:
        assert store.articles() and store.counts()["meeting_reports"] == 4
        build([outlets], store)  # every article is stored already: only the events are missing
    fresh = tmp_path / "fresh"
    with open_store(fresh, writable=True, create=True) as store:
        build([outlets], store)
    assert dataset(store_path) == dataset(fresh)


def test_a_damaged_copy_of_the_events_graph_is_not_trusted(runner, outlets, tmp_path):
    names = sorted(OUTLETS)
    store = built(runner, tmp_path / "kg", *(outlets / n for n in names[1:]))
    copy = store / "derived" / "events.nt"
    copy.write_bytes(copy.read_bytes()[:-40])  # cut off, as by a full disk
    built(runner, store, outlets / names[0])
    assert dataset(store) == dataset(built(runner, tmp_path / "fresh", outlets))
    (store / "derived" / "labels.nt").write_text("")  # emptied: read as nothing written to its end
    assert runner.invoke(main, ["remove", names[0].removesuffix(".txt"), "--store", str(store)]).exit_code == 0
    assert dataset(store) == dataset(built(runner, tmp_path / "rest", *(outlets / n for n in names[1:])))


def test_the_shapes_check_events_too(runner, outlets, tmp_path):
    store = built(runner, tmp_path / "kg", outlets)
    assert runner.invoke(main, ["validate", "--store", str(store)]).exit_code == 0
    with open_store(store, writable=True) as opened:  # a report said to belong to two events
        opened.inner.update("PREFIX bico: <https://w3id.org/kgbuild/bico#> INSERT { ?r bico:reportOf ?other } "
                            "WHERE { ?r bico:reportOf ?e . ?other a bico:Occurrence FILTER(?other != ?e) } ")
    result = runner.invoke(main, ["validate", "--store", str(store)])
    assert result.exit_code == 1 and "reportOf" in result.stdout
