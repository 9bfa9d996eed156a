"""What reading news in its other forms costs: the same stories as .txt files, as saved pages in a news
site's template, and as one web archive of 1,000 pages.

    python -m benchmarks.inputs [--rounds 5]

The stories are the project's own articles (seeds/ and tests/cases/); each becomes a page in the template of
tests/inputs/story-site.html (navigation, a sidebar of other headlines, comments, a footer). Prints, per
form: articles a second and CPU milliseconds an article, to read it alone and to read and extract it, the
medians of --rounds rounds measured in turn, and the ratio to the .txt form in the same run.
"""

from __future__ import annotations

import argparse
import html
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from kgbuild.article import read_article  # noqa: E402
from kgbuild.extract import extract  # noqa: E402
from kgbuild.sources import read_source  # noqa: E402

TEMPLATE = (ROOT / "tests" / "inputs" / "story-site.html").read_text(encoding="utf-8")


def page_of(article, number: int) -> bytes:
    """The article as a page of the news site's template, its own title, date, URL and paragraphs."""
    start, end = TEMPLATE.index("<article>"), TEMPLATE.index("</article>")
    paragraphs = "".join(f"<p>{html.escape(p)}</p>\n" for p in article.body.split("\n") if p.strip())
    title = html.escape(article.title or f"Story {number}")
    page = TEMPLATE[:start] + f"<article>\n<h1>{title}</h1>\n{paragraphs}" + TEMPLATE[end:]
    page = page.replace("kenya-uganda-chambers-mou", f"story-{number}")
    if article.date:
        page = page.replace("2023-06-14T09:30:00+03:00", f"{article.date}T09:00:00+00:00")
    return page.encode("utf-8")


def archive_of(pages: list[bytes], path: Path) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for number, page in enumerate(pages):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://news.example.org/business/story-{number}",
                                                          "response", payload=io.BytesIO(page), http_headers=headers))
    return path


def cpu(work) -> float:
    started = time.process_time()
    work()
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    texts = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "cases").glob("*.txt"))
    articles = [read_article(path) for path in texts]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pages = []
        for number, article in enumerate(articles):
            page = folder / f"story-{number}.html"
            page.write_bytes(page_of(article, number))
            pages.append(page)
        thousand = [page_of(articles[n % len(articles)], n) for n in range(1000)]
        archive = archive_of(thousand, folder / "crawl.warc.gz")
        read_source(pages[0])  # the page readers' first use loads their tables: not charged to a round
        page_texts = [p.read_text(encoding="utf-8") for p in pages]

        def libraries_alone() -> list:
            """What the page reader costs by itself: the main text and metadata (the date by htmldate)."""
            import trafilatura

            return [trafilatura.bare_extraction(page, with_metadata=True, include_comments=False,
                                                include_tables=False, favor_precision=True) for page in page_texts]
        forms = {
            ".txt": (lambda: [read_article(p) for p in texts], len(texts)),
            ".html": (lambda: [read_source(p)[0] for p in pages], len(pages)),
            ".warc.gz (1,000 pages)": (lambda: read_source(archive), 1000),
        }
        results: dict[str, list[tuple[float, float]]] = {name: [] for name in forms}
        alone: list[float] = []
        for _ in range(args.rounds):
            alone.append(cpu(libraries_alone) / len(pages))
            for name, (read, count) in forms.items():
                reading = cpu(read)
                read_articles = read()
                extracting = cpu(lambda: [extract(a) for a in read_articles])
                results[name].append((reading / count, (reading + extracting) / count))
    base_read = statistics.median(r for r, _ in results[".txt"])
    base_all = statistics.median(a for _, a in results[".txt"])
    rows = [("form", "read ms/article", "read+extract ms/article", "articles/s", "x .txt (read+extract)")]
    for name, measured in results.items():
        read_ms = statistics.median(r for r, _ in measured) * 1000
        all_ms = statistics.median(a for _, a in measured) * 1000
        rows.append((name, f"{read_ms:.2f}", f"{all_ms:.2f}", f"{1000 / all_ms:,.0f}", f"{all_ms / (base_all * 1000):.2f}x"))
    print(f"Input forms: {len(texts)} stories (seeds and test cases) as .txt and as pages of a news site's template, "
          f"and 1,000 such pages in one web archive; median CPU of {args.rounds} rounds "
          f"(.txt read alone: {base_read * 1000:.2f} ms)")
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    html_read = statistics.median(r for r, _ in results[".html"])
    libraries = statistics.median(alone)
    print(f"Reading a page: {html_read * 1000:.2f} ms, of which trafilatura (with htmldate) alone {libraries * 1000:.2f} ms; "
          f"kgbuild's own work around them adds {(html_read - libraries) / libraries:+.1%}")


if __name__ == "__main__":
    main()
