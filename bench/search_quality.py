"""Search quality on the shipped content: recall and precision of the top three results
for the query set in tests/search_queries.py, for each Pagefind build and ranking.

    python bench/search_quality.py            (or: nox -s bench_search)

The shipped content is built once (indexed by the chosen Pagefind, 1.6.0); a copy is
indexed again by PyPI's 1.5.2. Each query is committed into the header search box in
Chromium, as an input method commits a word, and the first three pages are read from
the box's Pagefind instance.

- recall@3: share of the expected pages found among the first three;
- precision@3: share of the first three results that are relevant, a page being relevant
  when its indexed text or its names contain the query as written;
- first: share of title and alias queries whose document comes first;
- section: share of queries whose expected section (第X条, work item) is a sub-result.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from search_site import ROOT, build, chromium, served

from dangjian.search import pagefind_binary, search_index
from tests import search_ui
from tests.search_queries import QUERIES, Query

VARIANTS = [
    # (label, site, ranking override or None for the site's own)
    ("1.6.0, site ranking", "new", None),
    ("1.6.0, Pagefind default ranking", "new", {}),
    ("1.5.2, site ranking", "old", None),
]


@dataclass
class Score:
    recall: list[float]
    precision: list[float]
    first: list[bool]
    section: list[bool]
    misses: list[str]

    def line(self, label: str) -> str:
        def mean(values: list) -> float:
            return sum(values) / len(values) if values else 0.0

        return (f"| {label} | {mean(self.recall):.2f} | {mean(self.precision):.2f} | "
                f"{sum(self.first)}/{len(self.first)} | {sum(self.section)}/{len(self.section)} | "
                f"{len(self.misses)} |")


def page_texts(site: Path) -> dict[str, str]:
    """Indexed text of every indexed page, by site path."""
    texts = {}
    for path in site.rglob("index.html"):
        html = path.read_text(encoding="utf-8")
        start = html.find("data-pagefind-body")
        if start < 0:
            continue
        body = html[start:html.find("</article>", start)]
        text = unescape(re.sub(r"<[^>]+>", "", body))
        relative = path.parent.relative_to(site).as_posix()
        texts[f"{relative}/" if relative != "." else ""] = text
    return texts


def judge(query: Query, hits: list[search_ui.Hit], texts: dict[str, str], score: Score) -> None:
    paths = [hit.path for hit in hits]
    if query.expect:
        score.recall.append(sum(p in paths for p in query.expect) / len(query.expect))
    relevant = [query.text in texts.get(p, "") for p in paths]
    score.precision.append(sum(relevant) / len(relevant) if relevant else
                           (1.0 if not query.expect else 0.0))
    if query.first:
        score.first.append(paths[:1] == [query.expect[0]])
    if query.anchor:
        first = next((h for h in hits if h.path == query.expect[0]), None)
        score.section.append(first is not None and query.anchor in first.anchors)
    ok = all(p in paths for p in query.expect) and (query.expect or not paths) and \
        (not query.first or paths[:1] == [query.expect[0]])
    if not ok:
        score.misses.append(f"{query.text} → {', '.join(paths) or '（无结果）'}")


def measure(browser, url: str, ranking: dict | None, texts: dict[str, str]) -> Score:
    score = Score([], [], [], [], [])
    page = browser.new_page(locale="zh-CN")
    page.goto(url)
    search_ui.ready(page, ranking)
    for query in QUERIES:
        judge(query, search_ui.search(page, query.text), texts, score)
    page.close()
    return score


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="dangjian-search-quality-") as temp:
        new = Path(temp) / "new"
        indexed = {"new": build(ROOT / "mkdocs.yml", new).search}
        old = Path(temp) / "old"
        shutil.copytree(new, old)
        shutil.rmtree(old / "pagefind")
        indexed["old"] = search_index.index(old, pagefind_binary.pypi_binary())
        texts = page_texts(new)
        sites = {"new": new, "old": old}
        for report in indexed.values():
            print(f"Pagefind {report.binary.version}: {report.pages} pages, "
                  f"{report.words} words indexed")
        print(f"{len(QUERIES)} queries, {sum(1 for q in QUERIES if q.first)} title/alias, "
              f"{sum(1 for q in QUERIES if q.anchor)} with a section\n")
        print("| Pagefind | recall@3 | precision@3 | title first | section | misses |")
        print("| --- | --- | --- | --- | --- | --- |")
        misses = {}
        with chromium() as browser:
            for label, site, ranking in VARIANTS:
                with served(sites[site]) as url:
                    score = measure(browser, url, ranking, texts)
                print(score.line(label))
                misses[label] = score.misses
        for label, items in misses.items():
            for item in items:
                print(f"  {label}: {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
