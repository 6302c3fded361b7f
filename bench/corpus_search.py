"""Search quality on the corpus texts, online (Pagefind in Chromium) and offline (the
bundle's search over the built site's offline index, run in Node).

    python bench/corpus_search.py        (part of: nox -s bench_search)

Every text of tests/fixtures/shared/corpus and the seed is imported into a fresh project
(``dangjian import --strip-glosses``) and built with the real pipeline. The query set is
``CORPUS_QUERIES`` in tests/search_queries.py:

- document in top 3: share of queries that find one of their documents among the first
  three results;
- article first: share of the queries aimed at one article (chapter, work item) whose
  first sub-result under the document is that article;
- page first: share of the queries marked ``first`` whose document is the first result
  (a work item before the long regulations that mention its words).

``--before DIR`` also measures the offline scripts found in DIR (an earlier version's
dangjian/assets), for a before/after comparison.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from search_site import build, chromium, served

from dangjian.offline import offline_search
from tests import corpus_search, search_ui
from tests.search_queries import CORPUS_QUERIES, CorpusQuery


def stem(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1].removesuffix(".html")


def rates(answers: list[list[tuple[str, list[str]]]]) -> tuple[float, float, float, list[str]]:
    found = first = anchored = leading = ordered = 0
    misses = []
    for query, hits in zip(CORPUS_QUERIES, answers, strict=True):
        by_stem = {stem(path): anchors for path, anchors in hits}
        if any(doc in by_stem for doc in query.docs):
            found += 1
        else:
            misses.append(f"{query.text}: {list(by_stem)}")
        if query.first:
            ordered += 1
            if list(by_stem)[:1] == [query.docs[0]]:
                leading += 1
            else:
                misses.append(f"{query.text}: {query.docs[0]} not first in {list(by_stem)}")
        if query.anchor:
            anchored += 1
            subs = list(by_stem.get(query.docs[0], []))
            if subs[:1] == [query.anchor]:
                first += 1
            else:
                misses.append(f"{query.text}: {query.anchor} ≠ {subs}")
    return found / len(CORPUS_QUERIES), first / anchored, leading / max(ordered, 1), misses


def online(site: Path) -> list[list[tuple[str, list[str]]]]:
    answers = []
    with served(site) as url, chromium() as browser:
        page = browser.new_page(locale="zh-CN")
        page.goto(f"{url}regulations/")  # the imported project has no home page
        search_ui.ready(page)
        for query in CORPUS_QUERIES:
            hits = search_ui.search(page, query.text)
            answers.append([(hit.path, list(hit.anchors)) for hit in hits])
    return answers


def show(label: str, result: tuple[float, float, float, list[str]]) -> None:
    found, first, leading, misses = result
    print(f"| {label} | {found:.0%} | {first:.0%} | {leading:.0%} | {len(misses)} |")
    for miss in misses:
        print(f"  - {miss}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", type=Path, help="assets folder of an earlier version")
    parser.add_argument("--site", type=Path, help="a site built from the corpus already")
    args = parser.parse_args()
    queries: list[CorpusQuery] = list(CORPUS_QUERIES)
    with tempfile.TemporaryDirectory(prefix="dangjian-corpus-search-") as temp:
        site = args.site or Path(temp) / "site"
        if args.site is None:
            project = corpus_search.make_project(Path(temp) / "project")
            build(project / "mkdocs.yml", site)
        built = offline_search.build_index(site, directory_urls=True)
        print(f"{len(queries)} queries, {sum(1 for q in queries if q.anchor)} aimed at one "
              f"article, {sum(1 for q in queries if q.first)} at the first page; "
              f"{len(built['pages'])} pages\n")
        print("| search | document in top 3 | article first | page first | misses |")
        print("| --- | --- | --- | --- | --- |")
        show("online (Pagefind)", rates(online(site)))
        texts = [q.text for q in queries]
        show("offline", rates(corpus_search.run(texts, built=built)))
        if args.before:
            show("offline, before", rates(corpus_search.run(texts, args.before, built=built)))
            before = Path(temp) / "before"
            shutil.copytree(site, before)
            shutil.copy(args.before / "search.js", before / "_dangjian/search.js")
            show("online (Pagefind), before", rates(online(before)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
