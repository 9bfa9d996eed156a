"""The actor page as a reader meets it, in Chromium at 1400x900: names at first sight without overlap,
colours that stay the legend's, highlights, search feedback, view buttons and a side panel that follows
the filters."""

import pytest

from test_draw import ARTIFACTS, browsing, cases_store, drawn, synthetic_graph

from kgbuild.draw import NODE_KINDS, render_html

# Every drawn label's box (vis-network's own measure, in canvas units) and whether any two overlap.
DRAWN_LABELS = """() => {
  const body = kgbuildNetwork.body.nodes;
  const ids = kgbuildData.nodeView.getIds().filter(id => body[id].labelModule.visible());
  const boxes = ids.map(id => { const s = body[id].labelModule.size; return [s.left, s.top, s.left + s.width, s.top + s.height]; });
  const overlapping = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    if (a[0] < b[2] - 0.5 && b[0] < a[2] - 0.5 && a[1] < b[3] - 0.5 && b[1] < a[3] - 0.5) overlapping.push([ids[i], ids[j]]);
  }
  return {ids: ids, overlapping: overlapping, scale: kgbuildNetwork.getScale(),
          px: ids.map(id => body[id].labelModule.fontOptions.size * kgbuildNetwork.getScale())};
}"""

# Each shown actor's drawn fill colour beside its kind.
DRAWN_COLOURS = """() => kgbuildData.nodeView.getIds().map(id =>
  [kgbuildData.nodes.get(id).group, kgbuildNetwork.body.nodes[id].options.color.background])"""


@pytest.fixture(scope="module")
def cases_page(tmp_path_factory):
    from click.testing import CliRunner

    tmp_path = tmp_path_factory.mktemp("page")
    return drawn(CliRunner(), cases_store(tmp_path=tmp_path), tmp_path)


def test_the_first_view_names_the_most_connected_actors_and_no_name_covers_another(cases_page):
    with browsing(cases_page) as (page, report):
        page.wait_for_timeout(300)
        labels = page.evaluate(DRAWN_LABELS)
        actors = page.evaluate("kgbuildData.nodeView.length")
        most = page.evaluate("kgbuildData.nodeView.get().sort((a, b) => b.degree - a.degree)[0].id")
        top = page.evaluate("kgbuildData.nodeView.get().sort((a, b) => b.degree - a.degree).slice(0, 30).map(n => n.id)")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "actors-cases-first-view.png"))
        # zoomed in on the middle, more names of lesser actors come
        page.click("#zoom-in")
        page.click("#zoom-in")
        page.wait_for_timeout(300)
        closer = page.evaluate(DRAWN_LABELS)
    assert actors > 100
    assert len(labels["ids"]) >= 20 and labels["overlapping"] == []
    assert most in labels["ids"]
    assert len(set(top) & set(labels["ids"])) >= 20, len(set(top) & set(labels["ids"]))  # the core spread out
    assert all(px >= 12 for px in labels["px"])  # readable, not a blur
    assert closer["overlapping"] == [] and set(closer["ids"]) - set(labels["ids"])
    assert report["errors"] == []


def test_a_5000_actor_first_view_names_twenty_or_more_without_overlap(tmp_path):
    output = tmp_path / "large.html"
    output.write_text(render_html(synthetic_graph()), encoding="utf-8")
    with browsing(output) as (page, report):
        page.wait_for_timeout(300)
        labels = page.evaluate(DRAWN_LABELS)
        page.screenshot(path=str(ARTIFACTS / "actors-5000-first-view-labels.png"))
    assert len(labels["ids"]) >= 20 and labels["overlapping"] == []
    assert report["errors"] == []


def test_colours_stay_the_legends_through_click_search_filter_and_reset(cases_page):
    legend = {kind: colour for kind, (_, _, colour, _) in NODE_KINDS.items()}
    with browsing(cases_page) as (page, _):
        seen = [page.evaluate(DRAWN_COLOURS)]
        page.fill("#search", "Chamber")
        page.press("#search", "Enter")
        page.locator("#search-note button").first.click()
        seen.append(page.evaluate(DRAWN_COLOURS))
        node = page.evaluate("kgbuildData.nodeView.get().sort((a, b) => b.degree - a.degree)[0].id")
        page.evaluate("id => kgbuildNetwork.focus(id, {scale: 1, animation: false})", node)
        box = page.locator("#network").bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # the focused actor
        seen.append(page.evaluate(DRAWN_COLOURS))
        page.select_option("#country", index=1)
        seen.append(page.evaluate(DRAWN_COLOURS))
        page.select_option("#country", index=0)
        page.mouse.click(box["x"] + 5, box["y"] + 5)  # the empty corner: the highlight is undone
        seen.append(page.evaluate(DRAWN_COLOURS))
    assert all(colours and all(colour == legend[kind] for kind, colour in colours) for colours in seen), seen


def test_a_highlight_fades_unrelated_relations_and_names_too(cases_page):
    with browsing(cases_page) as (page, _):
        node = page.evaluate("kgbuildData.nodeView.get().sort((a, b) => b.degree - a.degree)[0].id")
        page.fill("#search", page.evaluate("id => kgbuildData.nodes.get(id).label", node))
        page.press("#search", "Enter")
        faded = page.evaluate("""id => {
            const edges = kgbuildNetwork.body.edges, nodes = kgbuildNetwork.body.nodes;
            const mine = Object.values(edges).filter(e => e.fromId === id || e.toId === id);
            const others = Object.values(edges).filter(e => e.fromId !== id && e.toId !== id);
            const near = new Set(kgbuildNetwork.getConnectedNodes(id).concat([id]));
            const far = Object.keys(nodes).filter(n => !near.has(n));
            return {mine: mine.map(e => e.options.color.opacity), others: others.map(e => e.options.color.opacity),
                    farLabels: far.map(n => nodes[n].options.font.color), nearLabel: nodes[id].options.font.color};
        }""", node)
    assert faded["mine"] and all(o == 1 for o in faded["mine"])
    assert faded["others"] and all(o < 0.5 for o in faded["others"])
    assert all("0.2)" in colour for colour in faded["farLabels"]) and "0.2)" not in faded["nearLabel"]


def test_a_search_that_finds_nothing_says_so_and_several_matches_are_offered(cases_page):
    with browsing(cases_page) as (page, _):
        page.fill("#search", "Nothing Of The Kind")
        page.press("#search", "Enter")
        nothing = page.locator("#search-note").text_content()
        page.fill("#search", "chamber")
        page.press("#search", "Enter")
        offered = page.locator("#search-note button").all_text_contents()
        note = page.locator("#search-note").text_content()
        page.locator("#search-note button").nth(1).click()
        opened = page.locator("#panel h2").text_content()
    assert nothing == "No actor matches “Nothing Of The Kind”."
    assert len(offered) > 1
    assert note.split(";")[0].endswith("actors match") and opened == offered[1]


def test_fit_zoom_and_png_buttons(cases_page):
    with browsing(cases_page) as (page, _):
        start = page.evaluate("kgbuildNetwork.getScale()")
        page.click("#zoom-in")
        closer = page.evaluate("kgbuildNetwork.getScale()")
        page.click("#zoom-out")
        page.click("#zoom-out")
        farther = page.evaluate("kgbuildNetwork.getScale()")
        page.click("#fit")
        fitted = page.evaluate("kgbuildNetwork.getScale()")
        with page.expect_download() as download:
            page.click("#png")
        picture = download.value.path().read_bytes()
        name = download.value.suggested_filename
    assert closer == pytest.approx(start * 1.25) and farther == pytest.approx(start * 0.8)
    assert fitted == pytest.approx(start, rel=0.05)
    assert picture.startswith(b"\x89PNG") and len(picture) > 10_000
    assert name == "actors.png"


def test_the_panel_follows_the_date_filter_and_groups_facts_by_year(cases_page):
    with browsing(cases_page) as (page, _):
        # the actor with the most dated meetings
        actor, dates = page.evaluate("""() => {
            const rows = kgbuildData.nodes.get().map(n => [n.id, n.facts.map(i => kgbuildData.facts[i])
                .filter(f => f.kind === 'meeting').map(f => f.date)]);
            rows.sort((a, b) => b[1].filter(Boolean).length - a[1].filter(Boolean).length); return rows[0]; }""")
        page.fill("#search", page.evaluate("id => kgbuildData.nodes.get(id).label", actor))
        page.press("#search", "Enter")
        section = page.locator('#panel section[data-kind="meeting"]')
        heading = section.locator("h3").text_content()
        years = section.locator("h4").all_text_contents()
        latest = max(d for d in dates if d)
        page.fill("#since", latest)
        page.dispatch_event("#since", "change")
        after = page.locator('#panel section[data-kind="meeting"] h3').text_content()
        page.fill("#since", "2100-01-01")
        page.dispatch_event("#since", "change")
        none = page.locator('#panel section[data-kind="meeting"]').count()
    assert heading == f"Meetings ({len(dates)})"
    assert years and all(year.split(" (")[0].isdigit() or year.startswith("undated") for year in years)
    kept = sum(1 for d in dates if d and d >= latest)  # undated meetings go too
    assert after.startswith(f"Meetings ({kept} of ")
    assert none == 0


def test_evidence_names_the_articles_title_date_and_links_its_source(runner, tmp_path):
    store = cases_store(tmp_path=tmp_path)
    output = drawn(runner, store, tmp_path)
    with browsing(output) as (page, _):
        # an article of the cases with a title and a web address: one of its actors
        page.fill("#search", "Ghana National Chamber of Commerce and Industry")
        page.press("#search", "Enter")
        page.wait_for_selector("#panel.open")
        line = page.locator("#panel .source", has_text="Ghanaian chamber signs pacts in Manila").first
        text = line.text_content()
        source = line.locator("a", has_text="source").get_attribute("href")
    assert text.startswith("Ghanaian chamber signs pacts in Manila · 2024-04-29")
    assert source == "https://news.example.org/asia/ghana-philippines-pacts"
