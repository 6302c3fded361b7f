"""Search cost: index size, bytes the browser fetches for one query, and the time from
the keypress to the first result shown, on the shipped content and on a synthetic corpus.

    python bench/search_speed.py [--pages 2000]      (or: nox -s bench_search)

Each site is built with the real pipeline and served on 127.0.0.1 without compression.
Bytes are counted in a fresh browser context: the search UI scripts that every page
loads, then everything fetched from the moment the query is committed into the header
box until its first result is on screen (Pagefind's loader, wasm, index chunks and the
fragments of the results shown). Time runs from the input event (a Chinese input method
commits the word in one event; the box then waits its 150 ms debounce) to the first
result drawn: cold for the first query of a visit, warm for later ones.

Targets from the issue: under 300 KB fetched for one query at 2,000 pages, and first
results within 1 s on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from search_corpus import generate, names
from search_site import ROOT, build, bundle_bytes, chromium, index_bytes, served

from tests import search_ui

SHIPPED_QUERIES = ["两个维护", "三会一课", "临时党支部", "八项规定", "党风廉政建设"]
CORPUS_QUERIES = ["临时党支部", "三会一课", "两个维护", "党费", "请示报告工作规定"]

_WATCH = """() => {
  window.djShown = null;
  const box = document.querySelector(".dj-search");
  new MutationObserver(() => {
    const shown = box.querySelector("a[role='option'] .pf-searchbox-result-title");
    if (window.djShown === null && shown) {
      window.djShown = performance.now();
    }
  }).observe(box, { childList: true, subtree: true });
  box.querySelector("input").addEventListener("input", () => {
    window.djTyped = performance.now();
  }, { capture: true });
}"""


def one_visit(browser, url: str, queries: list[str]) -> dict:
    """Open a page in a fresh context; commit each query in turn; measure."""
    context = browser.new_context(locale="zh-CN")
    tab = context.new_page()
    fetched: list[tuple[str, int, float]] = []
    tab.on("requestfinished", lambda request: fetched.append(
        (request.url, _size(request), time.monotonic())))
    tab.goto(url)
    search_ui.ready(tab)
    tab.wait_for_load_state("networkidle")
    ui_bytes = sum(size for u, size, _ in fetched if "/pagefind/" in u)
    times = []
    parts: dict[str, int] = {}
    for number, query in enumerate(queries):
        tab.evaluate(_WATCH)
        before = len(fetched)
        box = tab.locator(search_ui.BOX)
        box.click()
        box.fill("")
        tab.evaluate("() => { window.djShown = null; }")
        tab.keyboard.insert_text(query)
        tab.wait_for_function("() => window.djShown !== null", timeout=30_000)
        times.append(tab.evaluate("() => window.djShown - window.djTyped"))
        tab.wait_for_load_state("networkidle")
        if number == 0:
            parts = _parts(fetched[before:])
        box.fill("")
    context.close()
    return {"ui_bytes": ui_bytes, **parts, "cold_ms": times[0],
            "warm_ms": statistics.median(times[1:]) if len(times) > 1 else times[0]}


PARTS = {"loader": ("pagefind.js", "pagefind-worker.js", "wasm.", "pagefind-entry.json"),
         "meta": (".pf_meta",), "filters": ("/filter/",), "index": ("/index/",),
         "fragments": ("/fragment/",)}


def _parts(fetched: list[tuple[str, int, float]]) -> dict[str, int]:
    """Bytes of one query by part of the bundle, and in all."""
    parts = dict.fromkeys(PARTS, 0)
    for url, size, _ in fetched:
        name = next((part for part, marks in PARTS.items()
                     if any(mark in url for mark in marks)), None)
        if name:
            parts[name] += size
    parts["query_bytes"] = sum(size for _, size, _ in fetched)
    return parts


def _size(request) -> int:
    try:
        response = request.response()
        return len(response.body()) if response is not None else 0
    except Exception:  # noqa: BLE001 — a redirect, an aborted request or a closed page
        return 0


def first_hits(browser, url: str, pairs: list[tuple[str, str]]) -> str:
    """How often a title or short title finds its own page first."""
    tab = browser.new_page(locale="zh-CN")
    tab.goto(url)
    search_ui.ready(tab)
    first = sum(1 for query, page in pairs
                if [hit.path for hit in search_ui.search(tab, query, top=1)] == [page])
    tab.close()
    return f"{first}/{len(pairs)}"


def measure(label: str, config: Path, site: Path, queries: list[str], start: str,
            titles: list[tuple[str, str]] | None = None) -> str:
    started = time.monotonic()
    report = build(config, site)
    build_seconds = time.monotonic() - started
    with served(site) as url, chromium() as browser:
        visits = [one_visit(browser, url + start, queries) for _ in range(3)]
        if titles:
            rate = first_hits(browser, url + start, titles)
            print(f"{label}: a title or short title finds its page first for {rate} "
                  "sampled names", file=sys.stderr)
    best = {key: statistics.median(v[key] for v in visits) for key in visits[0]}
    search = report.search
    kb = {key: f"{value / 1024:.0f} KB" for key, value in best.items()}
    parts = " + ".join(f"{part} {kb[part]}" for part in PARTS)
    return (f"| {label} | {search.pages} | {build_seconds:.0f} s ({search.seconds:.1f} s) | "
            f"{index_bytes(site) / 1024:.0f} KB / {bundle_bytes(site) / 1024:.0f} KB | "
            f"{kb['ui_bytes']} | {kb['query_bytes']} ({parts}) | "
            f"{best['cold_ms']:.0f} ms | {best['warm_ms']:.0f} ms |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000, help="synthetic corpus size")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="dangjian-search-speed-") as temp:
        rows.append(measure("shipped content", ROOT / "mkdocs.yml", Path(temp) / "shipped",
                            SHIPPED_QUERIES, "regulations/zhibu-gongzuo-tiaoli/"))
        config = generate(Path(temp) / "corpus", args.pages)
        rows.append(measure(f"synthetic, {args.pages} pages", config,
                            Path(temp) / "corpus-site", CORPUS_QUERIES, "regulations/",
                            names(config.parent)))
    print("| site | pages indexed | build (of which index) | index / whole bundle | "
          "UI scripts per page | fetched for one query | first results, cold | warm |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
