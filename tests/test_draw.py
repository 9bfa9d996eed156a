"""The actor graph: networkx from the store, one offline HTML page, checked in a real browser."""

import os
import re
import shutil
from pathlib import Path

import networkx as nx
import pytest

from kgbuild.cli import main
from kgbuild.draw import DrawFilter, actor_graph, render_html
from kgbuild.records import ArticleMeta, Evidence, Meeting, Organization, Person, Records
from kgbuild.mappers import map_records
from kgbuild.store import open_store

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
HOSTILE = '<img src=x onerror=alert(1)>"><script>alert(2)</script>'
ID = "https://w3id.org/kgbuild/id/"
SEED_ACTORS = {
    ID + "country/AZ", ID + "country/US",
    ID + "org/agency-for-small-and-medium-business-development", ID + "org/us-azerbaijan-chamber-of-commerce",
    ID + "org/us-small-business-administration", ID + "org/u-s-agency-for-international-development",
    ID + "org/smb-development-centers",
    ID + "person/okrhan-mammadov", ID + "person/reza-vaziri",
}
SEED_EDGES = {
    ("met", "person/okrhan-mammadov", "person/reza-vaziri"),
    ("signed", "org/agency-for-small-and-medium-business-development", "org/u-s-agency-for-international-development"),
    ("post", "org/agency-for-small-and-medium-business-development", "person/okrhan-mammadov"),
    ("post", "org/us-azerbaijan-chamber-of-commerce", "person/reza-vaziri"),
    ("country", "country/AZ", "org/agency-for-small-and-medium-business-development"),
    ("country", "country/US", "org/u-s-agency-for-international-development"),
    ("country", "country/US", "org/us-small-business-administration"),
    ("trade", "country/AZ", "country/US"),
}


def edge_set(edges):
    return {(kind, *sorted(x.replace(ID, "") for x in (a, b))) for kind, a, b in edges}


def test_the_networkx_graph_holds_the_seed_actors_and_relations(seed_store):
    graph = actor_graph(seed_store.inner)
    assert set(graph.nodes) == SEED_ACTORS
    assert edge_set((d["kind"], a, b) for a, b, d in graph.edges(data=True)) == SEED_EDGES
    vaziri = graph.nodes[ID + "person/reza-vaziri"]
    assert (vaziri["kind"], vaziri["posts"], vaziri["mentions"]) == (
        "Person", "Chairman, US-Azerbaijan Chamber of Commerce", "000_a347758bee459792 (sentence 0)")
    trade = [d for a, b, d in graph.edges(data=True) if d["kind"] == "trade"]
    assert sorted(d["detail"] for d in trade) == ["260200000 USD 2021-H1", "660800000 USD 2020"]


def test_filters_by_country_and_dates(seed_store):
    only_us = actor_graph(seed_store.inner, DrawFilter(country="United States"))
    assert ID + "person/okrhan-mammadov" not in only_us
    assert ID + "org/u-s-agency-for-international-development" in only_us
    since = actor_graph(seed_store.inner, DrawFilter(since="2021-08-01"))
    kinds = {d["kind"] for _, _, d in since.edges(data=True)}
    assert "signed" not in kinds and "met" in kinds


def test_graphml_and_gexf_hold_the_same_graph(runner, seed_store_path, tmp_path):
    result = runner.invoke(main, ["draw", "--store", str(seed_store_path), "-o", str(tmp_path / "a.html"),
                                  "--graphml", str(tmp_path / "a.graphml"), "--gexf", str(tmp_path / "a.gexf")])
    assert result.exit_code == 0, result.output
    graphml = nx.read_graphml(tmp_path / "a.graphml")
    assert set(graphml.nodes) == SEED_ACTORS
    assert set(nx.read_gexf(tmp_path / "a.gexf").nodes) == SEED_ACTORS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.gexf", "a.graphml", "a.html"]


def test_the_page_links_nothing_outside_itself(seed_store):
    html = render_html(actor_graph(seed_store.inner))
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)\s*=""", html, re.I)
    assert "Content-Security-Policy" in html


def test_draw_writes_nothing_but_the_page(runner, seed_store_path, tmp_path):
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = runner.invoke(main, ["draw", "--store", str(seed_store_path), "-o", "out.html"])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["out.html"]


@pytest.fixture()
def hostile_store(tmp_path):
    """A store whose actor names carry markup and script, as scraped text can."""
    evidence = [Evidence(0, 0, 10, HOSTILE)]
    records = Records(
        ArticleMeta(id="hostile", date="2024-01-02"),
        organizations=[Organization(id="x", name="Chamber " + HOSTILE, type="Chamber", mentions=evidence)],
        persons=[Person(id="y", name="Jane " + HOSTILE, post="Head", organization="Chamber " + HOSTILE,
                        mentions=evidence)],
        meetings=[Meeting(id="meeting-1", participants=["Jane " + HOSTILE, "Chamber " + HOSTILE],
                          date="2024-01-01", evidence=evidence)])
    path = tmp_path / "kg"
    with open_store(path, writable=True, create=True) as store:
        store.replace_article("hostile", map_records(records))
    return path


def chromium_path():
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None and os.environ.get("CI") == "true":
        pytest.fail("Chromium is required under CI (apt-get install chromium)")
    if path is None:
        pytest.skip("Chromium is not installed (apt-get install chromium) so the page is not opened in a browser")
    return path


def open_page(html_path: Path, screenshot: str):
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    report = {"requests": [], "blocked": [], "errors": [], "dialogs": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.on("request", lambda request: report["requests"].append(request.url))
            page.on("console", lambda message: report["errors"].append(message.text) if message.type == "error" else None)
            page.on("pageerror", lambda error: report["errors"].append(str(error)))
            page.on("dialog", lambda dialog: (report["dialogs"].append(dialog.message), dialog.dismiss()))

            def only_the_file(route):
                if route.request.url == html_path.as_uri():
                    route.continue_()
                else:
                    report["blocked"].append(route.request.url)
                    route.abort()

            page.route("**/*", only_the_file)
            page.goto(html_path.as_uri())
            page.wait_for_selector("#status[data-stabilized=true]", timeout=30000)
            report["nodes"] = page.evaluate("window.kgbuildData.nodes.getIds()")
            report["edges"] = page.evaluate(
                "window.kgbuildData.edges.get().map(e => [e.kind, e.from, e.to])")
            report["labels"] = page.evaluate("window.kgbuildData.nodes.get().map(n => n.label)")
            # hover each node so its tooltip is drawn, and read what the page shows
            tooltips = []
            for node in report["nodes"]:
                point = page.evaluate(
                    "id => window.kgbuildNetwork.canvasToDOM(window.kgbuildNetwork.getPositions([id])[id])", node)
                box = page.locator("#network").bounding_box()
                page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
                page.wait_for_timeout(250)
                tip = page.locator("div.vis-tooltip")
                if tip.count() and tip.first.is_visible():
                    tooltips.append((tip.first.text_content(), tip.first.inner_html()))
            report["tooltips"] = tooltips
            report["images"] = page.evaluate("document.images.length")
            report["scripts"] = page.evaluate("document.scripts.length")
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / screenshot))
        finally:
            browser.close()
    return report


def test_the_page_in_a_browser_shows_the_seed_graph_offline(runner, seed_store_path, tmp_path):
    output = tmp_path / "actors.html"
    assert runner.invoke(main, ["draw", "--store", str(seed_store_path), "-o", str(output)]).exit_code == 0
    report = open_page(output, "actors-seed.png")
    assert report["requests"] == [output.as_uri()]
    assert report["blocked"] == [] and report["errors"] == []
    assert set(report["nodes"]) == SEED_ACTORS
    assert edge_set(report["edges"]) == SEED_EDGES
    assert "Okrhan Mammadov" in report["labels"]
    assert any(text.startswith("Reza Vaziri") and "Posts: Chairman, US-Azerbaijan Chamber of Commerce" in text
               for text, _ in report["tooltips"])


def test_markup_in_names_shows_as_text_and_runs_nothing(hostile_store, runner, tmp_path):
    output = tmp_path / "hostile.html"
    assert runner.invoke(main, ["draw", "--store", str(hostile_store), "-o", str(output)]).exit_code == 0
    report = open_page(output, "actors-hostile.png")
    assert report["dialogs"] == [] and report["errors"] == []
    assert report["blocked"] == []  # an <img src=x> would have asked for x
    assert report["images"] == 0 and report["scripts"] == 3
    assert "Jane " + HOSTILE in report["labels"]
    shown = [text for text, html in report["tooltips"] if HOSTILE in text]
    assert shown, report["tooltips"]
    assert all("<img" not in html for _, html in report["tooltips"])
