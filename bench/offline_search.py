"""The offline bundle's file:// search, measured in Chromium.

    python bench/offline_search.py [--pages 2000]

1. Hit rate: the online query set (tests/search_queries.py) run against the bundle of
   the shipped content, opened from file://; recall and precision of the top three and
   how many titles come first, as bench/search_quality.py reports them for Pagefind.
2. Cost: a bundle of a synthetic corpus of N pages (bench/search_corpus.py): zip size,
   index size, and the time from the first keystroke to the first results (cold: the
   index script is loaded on first use) and for a second query (warm).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from search_corpus import generate  # noqa: E402

from dangjian.offline.verify import extract  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.search_queries import QUERIES  # noqa: E402

RESULTS = ".dj-offline__hit > a"


def make_bundle(project: Path, out: Path) -> Path:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "dangjian", "-f", str(project / "mkdocs.yml"),
                    "bundle", "--out", str(out), "--name", "bundle"],
                   check=True, env=env, capture_output=True)
    return out / "bundle.zip"


def open_bundle(browser, zip_path: Path, target: Path):
    extract(zip_path, target)
    page = browser.new_page()
    start = target / "bundle" / "index.html"
    if not start.exists():  # the synthetic corpus has no home page
        start = next((target / "bundle" / "regulations").glob("*.html"))
    page.goto(start.as_uri())
    return page


def ask(page, query: str) -> tuple[list[str], float]:
    """Result paths for ``query`` and the milliseconds until they showed."""
    started = time.perf_counter()
    page.fill(".dj-offline__input", query)
    page.wait_for_function(
        "q => { const s = document.querySelector('.dj-offline__status').textContent;"
        " return document.querySelector('.dj-offline__input').value === q"
        " && (s.startsWith('找到') || s.startsWith('没有')); }", arg=query)
    elapsed = (time.perf_counter() - started) * 1000
    hrefs = page.locator(RESULTS).evaluate_all("links => links.map(a => a.href)")
    return [h.split("/bundle/", 1)[1].split("#")[0] for h in hrefs], elapsed


def as_file_url(path: str) -> str:
    """tests/search_queries.py names directory URLs; the bundle has file URLs."""
    return path.rstrip("/") + ".html" if path else "index.html"


def hit_rate(browser, work: Path) -> dict:
    page = open_bundle(browser, make_bundle(ROOT, work / "dist"), work / "usb")
    page.click(".dj-offline-trigger")
    found = expected = relevant = shown = firsts = first_total = 0
    misses = []
    for query in QUERIES:
        paths, _ = ask(page, query.text)
        top = paths[:3]
        want = [as_file_url(p) for p in query.expect]
        if not want:
            ok = not paths
            found, expected = found + ok, expected + 1
            if not ok:
                misses.append(query.text)
            continue
        hits = sum(1 for w in want if w in top)
        found, expected = found + hits, expected + len(want)
        relevant += sum(1 for p in top if p in want)
        shown += len(top)
        if query.first:
            first_total += 1
            firsts += bool(paths) and paths[0] == want[0]
        if hits < len(want):
            misses.append(query.text)
    page.close()
    return {"recall@3": found / expected, "precision@3": relevant / max(shown, 1),
            "title first": f"{firsts}/{first_total}", "misses": misses}


def cost(browser, work: Path, pages: int) -> dict:
    project = work / "corpus"
    generate(project, pages)
    started = time.perf_counter()
    zip_path = make_bundle(project, work / "dist-big")
    bundle_seconds = time.perf_counter() - started
    page = open_bundle(browser, zip_path, work / "usb-big")
    index = work / "usb-big" / "bundle" / "_dangjian" / "search-index.js"
    page.click(".dj-offline-trigger")
    _, cold = ask(page, "党支部")
    warm = statistics.median(ask(page, q)[1] for q in ["组织生活", "发展党员", "请示报告"])
    page.close()
    return {"pages": pages, "zip MB": zip_path.stat().st_size / 1e6,
            "index MB": index.stat().st_size / 1e6, "bundle s": bundle_seconds,
            "first results ms (cold)": cold, "next query ms (warm)": warm}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as temp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        work = Path(temp)
        print("shipped content, query set:", hit_rate(browser, work))
        print(f"synthetic corpus, {args.pages} pages:", cost(browser, work, args.pages))
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
