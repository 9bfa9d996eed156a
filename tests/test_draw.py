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
        "Person", "Chairman, US-Azerbaijan Chamber of Commerce", "1 article(s): 000_a347758bee459792")
    meeting = [f for f in graph.graph["facts"] if f["kind"] == "meeting"]
    assert len(meeting) == 1 and meeting[0]["date"] == "2021-08-09"
    assert set(meeting[0]["members"]) == {ID + "person/okrhan-mammadov", ID + "person/reza-vaziri"}
    assert meeting[0]["evidence"][0] == ["000_a347758bee459792", (
        "Azerbaijan’s Agency for Small and Medium Business Development Chairman Okrhan Mammadov held a meeting "
        "with US-Azerbaijan Chamber of Commerce Chairman Reza Vaziri on August 9."), "0-174"]
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
    report = {}
    with browsing(html_path) as (page, seen):
        report["nodes"] = page.evaluate("window.kgbuildData.nodes.getIds()")
        report["edges"] = page.evaluate("window.kgbuildData.edges.get().map(e => [e.kind, e.from, e.to])")
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
    return report | seen


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


# ---- the page a reader explores -----------------------------------------------------------------

from contextlib import contextmanager  # noqa: E402


@contextmanager
def browsing(html_path: Path, ready: str = "#status[data-stabilized=true]"):
    """A Chromium page on the file, with every request outside it refused and recorded, once the
    element `ready` names is there."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    report = {"requests": [], "blocked": [], "errors": [], "dialogs": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.on("request", lambda request: report["requests"].append(request.url))
            page.on("console", lambda m: report["errors"].append(m.text) if m.type == "error" else None)
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
            page.wait_for_selector(ready, timeout=60000)
            yield page, report
        finally:
            browser.close()


def cases_store(tmp_path_factory=None, tmp_path=None) -> Path:
    from conftest import CASES
    from kgbuild.build import build

    path = tmp_path / "cases-kg"
    with open_store(path, writable=True, create=True) as store:
        build([CASES], store)
    return path


def drawn(runner, store: Path, tmp_path: Path, *args) -> Path:
    output = tmp_path / "actors.html"
    result = runner.invoke(main, ["draw", "--store", str(store), "-o", str(output), *args])
    assert result.exit_code == 0, result.output
    return output


def test_the_test_case_corpus_page_searches_filters_and_shows_sources(runner, tmp_path):
    from kgbuild.draw import NODE_SIZE_MAX

    store = cases_store(tmp_path=tmp_path)
    output = drawn(runner, store, tmp_path)
    with browsing(output) as (page, report):
        sizes = page.evaluate("window.kgbuildData.nodes.get().map(n => n.size)")
        assert sizes and max(sizes) <= NODE_SIZE_MAX
        # the drawn boxes too: no node wider than the cap (a diamond or square is 2 x size across)
        widths = page.evaluate("""window.kgbuildData.nodeView.getIds().map(id =>
            window.kgbuildNetwork.body.nodes[id].shape.width)""")  # the shape as drawn, without its label
        assert 0 < max(widths) <= 2 * NODE_SIZE_MAX
        # search by an alias: an actor known by another name
        actor, alias = page.evaluate("""(() => { const n = window.kgbuildData.nodes.get()
            .find(n => n.aliases && n.aliases.length && n.aliases[0] !== n.label); return [n.id, n.aliases[0]]; })()""")
        page.fill("#search", alias)
        page.press("#search", "Enter")
        page.wait_for_function("id => document.getElementById('status').dataset.found === id", arg=actor)
        panel = page.locator("#panel")
        assert panel.is_visible()
        label = page.evaluate("id => window.kgbuildData.nodes.get(id).label", actor)
        assert panel.locator("h2").text_content() == label
        # the side panel gives each fact's sentence and article
        with_facts = page.evaluate("""(() => { const n = window.kgbuildData.nodes.get()
            .find(n => n.facts.length && window.kgbuildData.facts[n.facts[0]].evidence.length);
            const f = window.kgbuildData.facts[n.facts[0]]; return [n.label, f.evidence[0][1], f.evidence[0][0]]; })()""")
        page.fill("#search", with_facts[0])
        page.press("#search", "Enter")
        page.wait_for_function("text => document.getElementById('panel').textContent.includes(text)",
                               arg=with_facts[1])
        assert "article " + with_facts[2] in panel.text_content()
        # a legend entry hides its kind
        before = page.evaluate("window.kgbuildData.nodeView.get().filter(n => n.group === 'Person').length")
        assert before > 0
        page.click("#legend button[data-kind=Person]")
        assert page.evaluate("window.kgbuildData.nodeView.get().filter(n => n.group === 'Person').length") == 0
        assert page.evaluate("window.kgbuildData.edgeView.get().filter(e => e.kind === 'post').length") == 0
        page.click("#legend button[data-kind=Person]")
        # a date range hides meetings and agreements outside it
        page.fill("#since", "2100-01-01")
        page.dispatch_event("#since", "change")
        assert page.evaluate("window.kgbuildData.edgeView.get().filter(e => e.kind === 'met').length") == 0
        page.fill("#since", "")
        page.dispatch_event("#since", "change")
        # tooltips: bounded and in the page's font
        page.evaluate("window.kgbuildNetwork.fit({animation: false})")
        page.wait_for_timeout(300)
        node = page.evaluate("window.kgbuildData.nodeView.get().sort((a, b) => b.degree - a.degree)[0].id")
        point = page.evaluate("id => window.kgbuildNetwork.canvasToDOM(window.kgbuildNetwork.getPositions([id])[id])",
                              node)
        box = page.locator("#network").bounding_box()
        page.mouse.move(box["x"] + point["x"] - 3, box["y"] + point["y"] - 3)
        page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
        tip = page.locator("div.vis-tooltip")
        tip.wait_for(state="visible", timeout=5000)
        assert tip.bounding_box()["width"] <= 380
        assert "serif" not in page.evaluate("getComputedStyle(document.querySelector('div.vis-tooltip')).fontFamily")\
            .replace("sans-serif", "")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "actors-cases.png"))
    assert report["requests"] == [output.as_uri()] and report["blocked"] == []
    assert report["errors"] == []


def test_the_header_counts_are_what_the_command_printed(runner, seed_store_path, tmp_path):
    output = tmp_path / "actors.html"
    result = runner.invoke(main, ["draw", "--store", str(seed_store_path), "-o", str(output)])
    printed = re.search(r"(\d+) actors, (\d+) relations", result.stderr)
    html = output.read_text()
    header = re.search(r'data-actors="(\d+)" data-relations="(\d+)"', html)
    assert printed.groups() == header.groups()


@pytest.mark.parametrize("args, message", [
    (["--country", "Narnia"], "--country 'Narnia': no such country"),
    (["--since", "2021-13-01"], "--since '2021-13-01': expected a date"),
    (["--until", "2021-02-30"], "--until '2021-02-30': expected a date"),
])
def test_unknown_countries_and_impossible_dates_are_refused(runner, seed_store_path, tmp_path, args, message):
    result = runner.invoke(main, ["draw", "--store", str(seed_store_path), "-o", str(tmp_path / "a.html"), *args])
    assert result.exit_code == 2 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "a.html").exists()


def test_a_country_by_code_or_name_in_any_case(runner, seed_store_path, tmp_path):
    for country in ("AZ", "az", "Azerbaijan", "azerbaijan"):
        assert runner.invoke(main, ["draw", "--store", str(seed_store_path), "-o", str(tmp_path / "a.html"),
                                    "--country", country]).exit_code == 0


def test_graphml_and_gexf_carry_weights_dates_and_gephi_styles(runner, seed_store_path, tmp_path):
    graphml, gexf = tmp_path / "a.graphml", tmp_path / "a.gexf"
    result = runner.invoke(main, ["draw", "--store", str(seed_store_path), "-o", str(tmp_path / "a.html"),
                                  "--graphml", str(graphml), "--gexf", str(gexf)])
    assert result.exit_code == 0
    assert f"Wrote {graphml}" in result.stderr and f"Wrote {gexf}" in result.stderr
    for path, reader in ((graphml, nx.read_graphml), (gexf, nx.read_gexf)):
        graph = reader(path)
        pairs = [(min(a, b), max(a, b), d["kind"]) for a, b, d in graph.edges(data=True)]
        assert len(pairs) == len(set(pairs))  # one edge per pair and kind
        assert all(float(d["weight"]) >= 1 for _, _, d in graph.edges(data=True))
    met = [d for _, _, d in nx.read_gexf(gexf).edges(data=True) if d["kind"] == "met"]
    assert met and met[0]["start"] == "2021-08-09" and met[0]["end"] == "2021-08-09"
    signed = [d for _, _, d in nx.read_graphml(graphml).edges(data=True) if d["kind"] == "signed"]
    assert signed[0]["first_date"] == "2021-07-01" and signed[0]["last_date"] == "2021-07-31"
    text = gexf.read_text()
    assert 'xmlns:viz="http://www.gexf.net/1.2draft/viz"' in text
    assert "<viz:color" in text and "<viz:size" in text and "<viz:shape" in text
    assert all(len(d.get("mentions", "")) <= 300 for _, d in nx.read_graphml(graphml).nodes(data=True))


def synthetic_graph(actors: int = 5000, seed: int = 5):
    """An actor graph of the size of a large corpus, made without a store: countries, organisations
    and persons with posts, meetings and agreements among them, and long names."""
    import random

    rng = random.Random(seed)
    graph = nx.MultiGraph(facts=[])
    countries = [f"{ID}country/C{n}" for n in range(60)]
    for n, country in enumerate(countries):
        graph.add_node(country, kind="Country", label=f"Country {n}", country=f"Country {n}", posts="", aliases=[],
                       facts=[], articles=[f"a{n}"], mentions=f"a{n} (sentence 0)")
    others = []
    for n in range(actors - len(countries)):
        kind = "Organization" if n % 2 else "Person"
        node = f"{ID}{'org' if kind == 'Organization' else 'person'}/x{n}"
        home = rng.choice(countries)
        graph.add_node(node, kind=kind, label=f"{kind} {n} of the Bilateral Chamber of Long Names", posts="",
                       country=graph.nodes[home]["label"], aliases=[f"X{n}"], facts=[],
                       articles=[f"a{k}" for k in range(rng.randint(1, 400))], mentions="")
        graph.add_edge(node, home, key=f"country|{n}", kind="country", date="", detail="", article="")
        others.append(node)
    for n in range(4 * actors):
        a, b = rng.sample(others[: max(50, len(others) // (1 + n % 7))], 2)
        kind = rng.choice(["met", "signed"])
        graph.add_edge(a, b, key=f"{kind}|{n}", kind=kind, date=f"20{rng.randint(15, 24)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                       detail="memorandum", article=f"a{n}")
    return graph


def test_a_5000_actor_page_opens_on_the_most_connected_and_shows_all_on_request(tmp_path):
    from kgbuild.draw import FIRST_VIEW_ACTORS, NODE_SIZE_MAX

    output = tmp_path / "large.html"
    output.write_text(render_html(synthetic_graph()), encoding="utf-8")
    with browsing(output) as (page, report):
        assert page.evaluate("window.kgbuildData.nodeView.length") == FIRST_VIEW_ACTORS
        assert max(page.evaluate("window.kgbuildData.nodes.get().map(n => n.size)")) <= NODE_SIZE_MAX
        page.screenshot(path=str(ARTIFACTS / "actors-5000-first-view.png"))
        page.click("#show-all")
        page.wait_for_selector("#status[data-stabilized=true]", timeout=120000)
        assert page.evaluate("window.kgbuildData.nodeView.length") == 5000
        titles = page.evaluate("window.kgbuildData.nodes.get().map(n => n.title.length)")
        assert max(titles) < 1000  # "appears in 400 articles" names three of them
        page.screenshot(path=str(ARTIFACTS / "actors-5000-all.png"))
    assert report["blocked"] == [] and report["errors"] == []


def test_markup_in_the_side_panel_shows_as_text(hostile_store, runner, tmp_path):
    output = drawn(runner, hostile_store, tmp_path)
    with browsing(output) as (page, report):
        page.fill("#search", "Jane")
        page.press("#search", "Enter")
        page.wait_for_selector("#panel.open")
        assert HOSTILE in page.locator("#panel h2").text_content()
        assert page.evaluate("document.querySelectorAll('#panel img, #panel script').length") == 0
        page.screenshot(path=str(ARTIFACTS / "actors-hostile-panel.png"))
    assert report["dialogs"] == [] and report["errors"] == [] and report["blocked"] == []
