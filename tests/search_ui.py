"""Driving the header search box of a served site in Chromium, as a member does.

A query is committed in one input event, as a Chinese input method commits a word. The
ranking is read from the box's own Pagefind instance once it reports results for that
query, so that what is checked is what the box shows, with the site's configuration.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

BOX = ".dj-search pagefind-searchbox input"

_LISTEN = """() => {
  const instance = window.PagefindComponents.getInstanceManager().getInstance("header");
  instance.on("results", (found) => {
    window.djSearchDone = { term: instance.searchTerm, count: found.results.length,
                            at: performance.now() };
  }, "dj-tests");
}"""

_TOP = """async (count) => {
  const instance = window.PagefindComponents.getInstanceManager().getInstance("header");
  const found = instance.searchResult.results.slice(0, count);
  const data = await Promise.all(found.map((result) => result.data()));
  return data.map((page) => ({
    url: page.url,
    title: page.meta.title,
    meta: page.meta,
    sections: instance.getDisplaySubResults(page, 3).map((section) => section.url),
  }));
}"""


@dataclass(frozen=True)
class Hit:
    path: str
    """Site path of the page, without the site's base: regulations/x/."""
    title: str
    meta: dict
    anchors: tuple[str, ...]
    """Anchors of the sections shown under the page, decoded: 第八条, 2020-4-1."""


@contextlib.contextmanager
def box_at(browser, url: str) -> Iterator:
    """A desktop tab on ``url`` whose header box is ready for queries."""
    from .conftest import desktop_tab

    with desktop_tab(browser) as tab:
        tab.goto(url)
        ready(tab)
        yield tab


def ready(page, ranking: dict | None = None) -> None:
    """Wait until the search components are loaded on ``page``; listen for results.
    ``ranking`` replaces the site's ranking parameters (to compare them)."""
    page.wait_for_function("() => window.PagefindComponents !== undefined")
    page.evaluate(_LISTEN)
    if ranking is not None:
        page.evaluate("(ranking) => window.PagefindComponents"
                      ".configureInstance('header', { ranking })", ranking)


def typed(page, query: str, timeout: float = 10_000) -> None:
    """Type ``query`` key by key into the box (after ``ready``) and wait until the box
    has searched for all of it, not for a prefix typed on the way."""
    page.locator(BOX).click()
    page.evaluate("() => { window.djSearchDone = null; }")
    page.keyboard.type(query)
    page.wait_for_function("(q) => window.djSearchDone && window.djSearchDone.term === q",
                           arg=query, timeout=timeout)


def search(page, query: str, top: int = 3, timeout: float = 10_000) -> list[Hit]:
    box = page.locator(BOX)
    box.click()
    box.fill("")
    page.evaluate("() => { window.djSearchDone = null; }")
    page.keyboard.insert_text(query)
    page.wait_for_function("(q) => window.djSearchDone && window.djSearchDone.term === q",
                           arg=query, timeout=timeout)
    found = page.evaluate(_TOP, top)
    return [_hit(item) for item in found]


def _hit(item: dict) -> Hit:
    path = unquote(urlsplit(item["url"]).path).lstrip("/")
    anchors = tuple(unquote(urlsplit(url).fragment) for url in item["sections"])
    return Hit(path, item["title"], item["meta"], anchors)


def check(page, query) -> None:
    """``query`` (search_queries.Query) gives what it expects in the top three."""
    hits = search(page, query.text)
    paths = [hit.path for hit in hits]
    if not query.expect:
        assert paths == []
        return
    for expected in query.expect:
        assert expected in paths, f"{query.text}: {paths}"
    if query.first:
        assert paths[0] == query.expect[0], f"{query.text}: {paths}"
    if query.anchor:
        found = next(hit for hit in hits if hit.path == query.expect[0])
        assert query.anchor in found.anchors, f"{query.text}: {found.anchors}"
