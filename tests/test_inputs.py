"""News as it arrives: saved pages, dumps, feeds and web archives give the facts the same story gives as
a .txt article, boilerplate gives none, and bad input is one line and exit 2 with nothing written."""

import gzip
import io
import json
import shutil
from pathlib import Path

import pytest
from conftest import QuietHTTPServer
from test_cases import facts

from kgbuild import sources
from kgbuild.article import read_article
from kgbuild.cli import main
from kgbuild.extract import extract
from kgbuild.sources import read_source

INPUTS = Path(__file__).parent / "inputs"
STORY_ID = "news.example.org_business_kenya-uganda-chambers-mou"


def warc_of(pages: list[tuple[str, bytes, str]], path: Path) -> Path:
    """A web archive of (url, body, content type) responses, written with warcio as a crawler writes one."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=path.suffix == ".gz")
        for url, body, kind in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
    return path


@pytest.fixture
def archive(tmp_path):
    page = (INPUTS / "story-site.html").read_bytes()
    return warc_of([(f"https://news.example.org/business/kenya-uganda-chambers-mou", page, "text/html; charset=utf-8"),
                    ("https://news.example.org/logo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png")],
                   tmp_path / "crawl.warc.gz")


def story_facts(article) -> dict:
    return facts(extract(article))


PAGES = ["story-site.html", "story-ministry.html", "story-chamber.html", "story-wire.html", "story-amp.html"]


@pytest.mark.parametrize("wrapping", PAGES + ["dump.jsonl", "dump.csv", "feed.rss", "feed.atom", "warc"])
def test_the_same_story_in_every_wrapping_gives_the_same_facts(wrapping, archive):
    expected = story_facts(read_article(INPUTS / "story.txt"))
    assert expected["agreements"] and expected["trade_figures"]  # a story with facts to compare
    article = read_source(archive if wrapping == "warc" else INPUTS / wrapping)[0]
    assert story_facts(article) == expected
    records = extract(article)
    for fact in records.organizations + records.persons:  # every offset points into the text kept
        for mention in fact.mentions:
            assert article.body[mention.start:mention.end] == mention.text


@pytest.mark.parametrize("wrapping, form", [("story.txt", "txt"), ("story-site.html", "html"), ("dump.jsonl", "jsonl"),
                                            ("dump.csv", "csv"), ("feed.rss", "rss"), ("feed.atom", "atom"),
                                            ("warc", "warc")])
def test_the_form_an_article_came_in_is_in_its_records_and_its_graph(wrapping, form, archive):
    from kgbuild.mappers import records_graph

    article = read_source(archive if wrapping == "warc" else INPUTS / wrapping)[0]
    records = extract(article)
    assert records.article.format == form
    assert json.loads(records.to_json())["article"]["format"] == form
    media = {"txt": "text/plain", "html": "text/html", "jsonl": "application/jsonl", "csv": "text/csv",
             "rss": "application/rss+xml", "atom": "application/atom+xml", "warc": "application/warc"}[form]
    formats = [str(o) for _, p, o in records_graph(records) if str(p) == "http://purl.org/dc/terms/format"]
    assert formats == [media]


# Words that only the pages' templates hold (menus, sidebars, related stories, tickers, comments, footers):
# meeting, signing and trade language about other countries, and the furniture around it.
BOILERPLATE = ("Tanzania", "Rwanda", "Ethiopia", "Djibouti", "Egypt", "Sudan", "Zambia", "Malawi", "Burundi",
               "South Sudan", "Congo", "Nigeria", "Ghana", "cookies", "Advertise", "LinkedIn", "WhatsApp", "member",
               "Tenders", "NSE 20", "Menu")


@pytest.mark.parametrize("page", PAGES)
def test_no_word_of_a_template_reaches_the_text_or_the_facts(page):
    article = read_source(INPUTS / page)[0]
    named = json.dumps(facts(extract(article)))
    leaked = [word for word in BOILERPLATE if word in article.body or word in named]
    assert leaked == []
    assert article.date == "2023-06-14" and article.title.startswith("Kenya and Uganda chambers sign")


def test_a_page_gives_its_metadata_and_none_of_its_boilerplate():
    article = read_source(INPUTS / "story-site.html")[0]
    assert (article.id, article.date, article.source) == (
        STORY_ID, "2023-06-14", "https://news.example.org/business/kenya-uganda-chambers-mou")
    assert (article.title, article.publisher, article.authors) == (
        "Kenya and Uganda chambers sign memorandum on cross-border trade", "East Africa Business Daily",
        ["Grace Atieno"])
    named = json.dumps(facts(extract(article)))
    # headlines of the sidebar, the comments and the footer: meeting, signing and trade language all
    for boilerplate in ("Tanzania", "Rwanda", "Ethiopia", "Djibouti", "Egypt", "Sudan", "Zambia", "Malawi",
                        "cookies", "Advertise"):
        assert boilerplate not in named and boilerplate not in article.body


def test_a_folder_mixing_every_form_builds_in_one_call_and_a_story_met_twice_is_one_article(runner, tmp_path,
                                                                                           archive):
    folder = tmp_path / "news"
    shutil.copytree(INPUTS, folder)
    shutil.copy(archive, folder / archive.name)
    result = runner.invoke(main, ["build", str(folder), "--store", str(tmp_path / "kg")])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(main, ["articles", "--store", str(tmp_path / "kg"), "--format", "json"])
    ids = sorted(a["id"] for a in json.loads(listed.stdout))
    # the page, its AMP version, the RSS entry and the archived page are one story at one URL: one article
    assert ids == sorted(["story", "eabd-2023-0614", "wire.example.com_africa_ghana-togo-corridor",
                          "chamber.example.net_news_kenya-uganda-mou", STORY_ID,
                          "trade.example.go.ke_press_2023_kenya-uganda-chambers-mou",
                          "chamber.example.co.ke_news_kenya-uganda-mou",
                          "wire.example.com_business_kenya-uganda-chambers-mou-2023-06-14"])


def test_a_web_archive_of_n_pages_builds_n_articles_and_skips_other_records(tmp_path):
    page = (INPUTS / "story-site.html").read_text(encoding="utf-8")
    pages = [(f"https://news.example.org/business/story-{n}",
              page.replace("kenya-uganda-chambers-mou", f"story-{n}").encode(), "text/html") for n in range(5)]
    pages.append(("https://news.example.org/style.css", b"body { color: red }", "text/css"))
    articles = read_source(warc_of(pages, tmp_path / "five.warc"))
    assert [a.id for a in articles] == [f"news.example.org_business_story-{n}" for n in range(5)]


def test_a_crawl_with_pages_that_tell_no_story_builds_the_stories_and_counts_the_rest(runner, tmp_path):
    story = (INPUTS / "story-site.html").read_bytes()
    front = (b"<html><head><title>Business</title></head><body><nav><a href='/'>Home</a></nav><ul>"
             + b"".join(b"<li><a href='/b/%d'>Headline %d</a></li>" % (n, n) for n in range(20)) + b"</ul></body></html>")
    crawl = warc_of([("https://news.example.org/business/", front, "text/html"),
                     ("https://news.example.org/business/kenya-uganda-chambers-mou", story, "text/html"),
                     ("https://news.example.org/logo.png", b"\x89PNG\r\n", "image/png")], tmp_path / "crawl.warc.gz")
    result = runner.invoke(main, ["build", str(crawl), "--store", str(tmp_path / "kg")])
    assert result.exit_code == 0, result.output
    assert "1 page(s) read; skipped 1 record(s) that are no HTML page and 1 page(s) with no article text" \
        in result.stderr
    listed = json.loads(runner.invoke(main, ["articles", "--store", str(tmp_path / "kg"), "--format", "json"]).stdout)
    assert [a["id"] for a in listed] == [STORY_ID]


def _story_page(body: str, head: str = "") -> bytes:
    story = read_article(INPUTS / "story.txt")
    paragraphs = "".join(f"<p>{paragraph}" for paragraph in story.body.split("\n") if paragraph.strip())
    head += f"<meta property='article:published_time' content='{story.date}'>"
    return f"<html><head>{head}<title>{story.title}</title></head><body><div><article>{paragraphs}{body}".encode(
        "latin-1", "xmlcharrefreplace")


@pytest.mark.parametrize("page", [
    _story_page("</span></div></b>"),  # unclosed paragraphs, stray end tags, no </body> or </html>
    _story_page("", head="<meta charset='utf-8'>"),  # Latin-1 bytes under a UTF-8 claim
    _story_page("", head="<meta charset='no-such-charset'>"),
    _story_page(""),  # no charset at all
], ids=["malformed", "wrong charset", "unknown charset", "no charset"])
def test_a_malformed_page_or_one_with_a_wrong_charset_still_gives_the_story(tmp_path, page):
    path = tmp_path / "odd.html"
    path.write_bytes(page)
    assert story_facts(read_source(path)[0]) == story_facts(read_article(INPUTS / "story.txt"))


def test_dump_fields_by_other_names_are_given_with_field(runner, tmp_path):
    dump = tmp_path / "odd.jsonl"
    story = read_article(INPUTS / "story.txt")
    dump.write_text(json.dumps({"story_text": story.body, "when": "2023-06-14"}) + "\n", encoding="utf-8")
    refused = runner.invoke(main, ["extract", str(dump)])
    assert refused.exit_code == 2 and "line 1: no article text" in refused.stderr
    result = runner.invoke(main, ["extract", str(dump), "--field", "text=story_text", "--field", "date=when"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["article"]["date"] == "2023-06-14" and record["agreements"]


def test_a_gzipped_article_is_read_and_one_that_expands_past_an_articles_limit_is_refused(runner, tmp_path):
    packed = tmp_path / "story.txt.gz"
    packed.write_bytes(gzip.compress((INPUTS / "story.txt").read_bytes()))
    assert story_facts(read_source(packed)[0]) == story_facts(read_article(INPUTS / "story.txt"))
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"Kenya and Uganda met. " * 100_000))  # 2.2 MB from 10 KB
    result = runner.invoke(main, ["extract", str(bomb)])
    assert result.exit_code == 2 and "expands past the 1,048,576 byte limit" in result.stderr


def test_a_gzipped_dump_is_read(tmp_path):
    packed = tmp_path / "dump.jsonl.gz"
    packed.write_bytes(gzip.compress((INPUTS / "dump.jsonl").read_bytes()))
    assert [a.id for a in read_source(packed)] == [a.id for a in read_source(INPUTS / "dump.jsonl")]


# ---- bad input: one line, exit 2, nothing written ------------------------------------------------------

def _bad(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>t</title><item><title>&lol3;</title><description>&lol3;</description></item></channel></rss>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title><item><title>x</title><description>&secret;</description></item></channel></rss>"""


@pytest.mark.parametrize("name, data, message", [
    ("empty.html", b"<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
     "no article text"),
    ("image.html", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + b"\0" * 200, "binary data, not a web page"),
    ("broken.jsonl", b'{"text": "Kenya and Uganda met."}\n{"text": \n', "line 2 is not JSON"),
    ("no-text.jsonl", b'{"title": "A headline"}\n', "line 1: no article text"),
    ("list.jsonl", b'["Kenya and Uganda met."]\n', "line 1 is not a JSON object"),
    ("quote.csv", b'text,title\n"Kenya and Uganda met.,A headline\n', "not CSV"),
    ("laughs.rss", BILLION_LAUGHS, "the feed defines entities"),
    ("external.rss", EXTERNAL_ENTITY, "the feed defines entities"),
    ("nothing.rss", b"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title></channel></rss>",
     "not an RSS or Atom feed with entries"),
    ("cut.warc.gz", None, "damaged or truncated web archive"),
    ("bomb.jsonl.gz", None, "expands past"),
])
def test_bad_input_is_one_line_and_nothing_is_written(runner, tmp_path, monkeypatch, name, data, message):
    if name == "cut.warc.gz":
        whole = warc_of([("https://news.example.org/a", (INPUTS / "story-site.html").read_bytes(), "text/html")],
                        tmp_path / "whole.warc.gz").read_bytes()
        data = whole[:len(whole) // 2]
    if name == "bomb.jsonl.gz":
        monkeypatch.setattr(sources, "MAX_DUMP_BYTES", 1 << 20)
        data = gzip.compress(b" " * (4 << 20))
    path = _bad(tmp_path, name, data)
    store = tmp_path / "kg"
    result = runner.invoke(main, ["build", str(path), "--store", str(store)])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert not store.exists()


def test_a_bad_file_among_good_ones_is_named_and_skipped_with_keep_going(runner, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    shutil.copy(INPUTS / "dump.jsonl", folder)
    (folder / "broken.jsonl").write_bytes(b"{not json\n")
    result = runner.invoke(main, ["build", str(folder), "--store", str(tmp_path / "kg"), "--keep-going"])
    assert result.exit_code == 2
    assert "broken.jsonl: line 1 is not JSON" in result.stderr
    assert "Built 2 article(s)" in result.stderr


# ---- pages fetched by URL, from a local server -----------------------------------------------------------

class Site:
    """A local web server with a news page, and the ways a server goes wrong."""

    def __init__(self):
        import http.server
        import threading

        page = (INPUTS / "story-site.html").read_bytes()
        self.requests: list[tuple[str, str]] = []
        requests = self.requests

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):  # noqa: N802
                requests.append((self.path, self.headers.get("User-Agent", "")))
                if self.path == "/story":
                    return self.reply(200, "text/html; charset=utf-8", page)
                if self.path == "/missing":
                    return self.reply(404, "text/plain", b"no such page")
                if self.path == "/broken":
                    return self.reply(500, "text/plain", b"server error")
                if self.path == "/image":
                    return self.reply(200, "image/png", b"\x89PNG\r\n\x1a\n")
                if self.path == "/loop":
                    self.send_response(302)
                    self.send_header("Location", "/loop")
                    self.send_header("Content-Length", "0")
                    return self.end_headers()
                if self.path == "/huge":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.end_headers()
                    try:
                        for _ in range(64):
                            self.wfile.write(b"<p>" + b"a " * 32768 + b"</p>")
                    except OSError:
                        pass
                    return None
                if self.path == "/slow":
                    import time

                    time.sleep(5)
                    return self.reply(200, "text/html", page)
                return self.reply(404, "text/plain", b"?")

            def reply(self, status, kind, body):
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = QuietHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"


@pytest.fixture
def site():
    running = Site()
    yield running
    running.server.shutdown()


def test_a_page_given_by_its_url_is_fetched_and_built(runner, tmp_path, site):
    result = runner.invoke(main, ["build", site.url + "/story", "--store", str(tmp_path / "kg")])
    assert result.exit_code == 0, result.output
    listed = json.loads(runner.invoke(main, ["articles", "--store", str(tmp_path / "kg"), "--format", "json"]).stdout)
    assert [a["id"] for a in listed] == [STORY_ID]  # the page's canonical URL names it
    assert site.requests[0][1].startswith("kgbuild/")
    extracted = runner.invoke(main, ["extract", site.url + "/story"])
    assert facts_of_json(extracted.stdout) == story_facts(read_article(INPUTS / "story.txt"))


def facts_of_json(text: str) -> dict:
    from kgbuild.records import Records

    return facts(Records.from_json(text))


@pytest.mark.parametrize("path, message", [
    ("/missing", "answered 404"),
    ("/broken", "answered 500"),
    ("/image", "answered with image/png, not a web page"),
    ("/loop", "redirect"),
    ("/huge", "sent more than"),
    ("/slow", "did not finish its reply within 2 s"),
])
def test_a_url_that_fails_is_one_line_and_nothing_is_written(runner, tmp_path, site, monkeypatch, path, message):
    from kgbuild import remote

    monkeypatch.setattr(remote, "TIMEOUT_SECONDS", 2)
    monkeypatch.setattr(sources, "MAX_PAGE_BYTES", 1 << 20)
    result = runner.invoke(main, ["build", site.url + path, "--store", str(tmp_path / "kg")])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert not (tmp_path / "kg").exists()


def test_links_inside_a_page_or_feed_are_never_fetched(runner, tmp_path, site):
    feed = tmp_path / "linked.rss"
    feed.write_text((INPUTS / "feed.rss").read_text(encoding="utf-8").replace(
        "https://news.example.org/business/kenya-uganda-chambers-mou", site.url + "/story"), encoding="utf-8")
    result = runner.invoke(main, ["build", str(feed), str(INPUTS / "story-site.html"), "--store", str(tmp_path / "kg")])
    assert result.exit_code == 0, result.output
    assert site.requests == []


def test_two_texts_under_one_url_are_refused(runner, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    shutil.copy(INPUTS / "story-site.html", folder / "a.html")
    (folder / "b.html").write_text((INPUTS / "story-site.html").read_text(encoding="utf-8").replace(
        "$1.2 billion", "$1.4 billion"), encoding="utf-8")
    result = runner.invoke(main, ["build", str(folder), "--store", str(tmp_path / "kg")])
    assert result.exit_code == 2
    assert f"article '{STORY_ID}' has another text than the one of the same id in" in result.stderr
    assert not (tmp_path / "kg").exists()


def test_date_gives_a_publication_date_to_articles_that_state_none(runner, tmp_path):
    bare = tmp_path / "bare.txt"
    bare.write_text("Kenya and Uganda signed a memorandum of understanding on Monday in Nairobi.\n", encoding="utf-8")
    result = runner.invoke(main, ["extract", str(bare), "--date", "2023-06-14"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["article"]["date"] == "2023-06-14"
    assert [a["date"] for a in record["agreements"]] == ["2023-06-12"]  # "on Monday", counted back from it
    dated = runner.invoke(main, ["extract", str(INPUTS / "story.txt"), "--date", "2020-01-01"])
    assert json.loads(dated.stdout)["article"]["date"] == "2023-06-14"  # a stated date is kept
    result = runner.invoke(main, ["build", str(bare), "--date", "2023-06-14", "--store", str(tmp_path / "kg")])
    assert result.exit_code == 0, result.output
    listed = json.loads(runner.invoke(main, ["articles", "--store", str(tmp_path / "kg"), "--format", "json"]).stdout)
    assert [a["date"] for a in listed] == ["2023-06-14"]


@pytest.mark.parametrize("value", ["2023-13-01", "0001-01-01", "yesterday"])
def test_a_date_that_is_no_publication_date_is_refused(runner, value):
    result = runner.invoke(main, ["extract", str(INPUTS / "story.txt"), "--date", value])
    assert result.exit_code == 2 and "--date" in result.stderr
