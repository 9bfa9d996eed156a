"""What a reader sees first on the actor page of a large store, in Chromium at 1400x900.

    python -m benchmarks.page [--articles 2000] [--corpus FOLDER]

A store of --articles real-genre articles (benchmarks/real_genre.py), or of the articles of --corpus, is
built and drawn; the page is opened and, once laid out, measured: the actors named at the opening scale,
how many of the 30 most connected are among them, whether any two names overlap (vis-network's own
label boxes), the opening scale, and the seconds until the page had settled. A screenshot of the first
view is written to test-artifacts/. Needs Chromium (apt-get install chromium) and Playwright.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from benchmarks.real_genre import generate  # noqa: E402
from kgbuild.build import build  # noqa: E402
from kgbuild.draw import actor_graph, render_html  # noqa: E402
from kgbuild.store import open_store  # noqa: E402

# The names drawn, the 30 most connected actors among them, and any two names whose boxes overlap.
MEASURE = """() => {
  const body = kgbuildNetwork.body.nodes;
  const drawn = kgbuildData.nodeView.getIds().filter(id => body[id].labelModule.visible());
  const top = kgbuildData.nodeView.get().sort((a, b) => b.degree - a.degree).slice(0, 30).map(n => n.id);
  const boxes = drawn.map(id => { const s = body[id].labelModule.size; return [s.left, s.top, s.left + s.width, s.top + s.height]; });
  let overlapping = 0;
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    if (a[0] < b[2] - 0.5 && b[0] < a[2] - 0.5 && a[1] < b[3] - 0.5 && b[1] < a[3] - 0.5) overlapping++;
  }
  return {actors: kgbuildData.nodeView.length, named: drawn.length, top: top.filter(id => drawn.includes(id)).length,
          overlapping: overlapping, scale: kgbuildNetwork.getScale()};
}"""


@contextmanager
def settled_page(page_path: Path) -> Iterator[tuple[object, float] | None]:
    """A headless Chromium page (1400x900) on the actor page once laid out, and the seconds that took;
    None without Chromium or Playwright."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        chromium = None
    if chromium is None:
        yield None
        return
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        try:
            view = browser.new_page(viewport={"width": 1400, "height": 900})
            started = time.perf_counter()
            view.goto(page_path.as_uri())
            view.wait_for_selector("#status[data-stabilized=true]", timeout=600_000)
            yield view, time.perf_counter() - started
        finally:
            browser.close()


def measure(page_path: Path, screenshot: Path) -> dict:
    with settled_page(page_path) as opened:
        if opened is None:
            raise SystemExit("Chromium and Playwright are needed (apt-get install chromium; pip install playwright)")
        view, settled = opened
        view.wait_for_timeout(300)
        found = view.evaluate(MEASURE)
        screenshot.parent.mkdir(exist_ok=True)
        view.screenshot(path=str(screenshot))
    return {**found, "settled": settled}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--corpus", type=Path, help="a folder of articles instead of the real-genre ones")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        corpus = args.corpus or generate(Path(work) / "corpus", args.articles)
        what = str(args.corpus) if args.corpus else f"{args.articles:,} real-genre articles"
        with open_store(Path(work) / "kg", writable=True, create=True) as store:
            build([corpus], store, jobs=2)
            graph = actor_graph(store.inner)
        page = Path(work) / "actors.html"
        page.write_text(render_html(graph), encoding="utf-8")
        shot = ROOT / "test-artifacts" / f"page-first-view-{'corpus' if args.corpus else args.articles}.png"
        found = measure(page, shot)
    print(f"The actor page's first view, {what}, Chromium 1400x900")
    print(f"{'actors shown':<36}{found['actors']:>10,}")
    print(f"{'names drawn at the opening scale':<36}{found['named']:>10,}")
    print(f"{'of the 30 most connected':<36}{found['top']:>10,}")
    print(f"{'pairs of names overlapping':<36}{found['overlapping']:>10,}")
    print(f"{'opening scale':<36}{found['scale']:>10.3f}")
    print(f"{'seconds until laid out':<36}{found['settled']:>10.1f}")
    print(f"screenshot: {shot.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
