"""A large site's search index in parts: planned by section, indexed one part at a time,
merged by the search box into one ranked list."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangjian.search import parts, search_index

from . import search_ui
from .conftest import ROOT, served
from .search_queries import QUERIES, Query

PART_PAGES = 12
"""Small enough that the shipped content needs several parts."""


def test_pages_are_dealt_so_that_every_part_samples_every_section():
    pages = [f"a/{i}.html" for i in range(6)] + [f"b/{i}.html" for i in range(3)]
    assert parts.plan(pages, 4) == [
        ["a/0.html", "a/3.html", "b/0.html"],
        ["a/1.html", "a/4.html", "b/1.html"],
        ["a/2.html", "a/5.html", "b/2.html"],
    ]
    assert parts.plan(pages, 9) == [sorted(pages)]
    assert parts.plan([], 9) == []


@given(st.lists(st.from_regex(r"[a-c]/[a-z]{1,3}\.html|[a-z]{1,3}\.html", fullmatch=True),
                unique=True), st.integers(1, 10))
def test_every_page_is_in_exactly_one_part_of_at_most_the_size(pages, size):
    planned = parts.plan(pages, size)
    assert sorted(page for part in planned for page in part) == sorted(pages)
    assert all(0 < len(part) <= size for part in planned)


def test_the_size_comes_from_the_argument_then_the_environment(monkeypatch):
    monkeypatch.delenv(parts.PART_PAGES_VARIABLE, raising=False)
    assert parts.part_size() == parts.PART_PAGES
    monkeypatch.setenv(parts.PART_PAGES_VARIABLE, "40")
    assert parts.part_size() == 40
    assert parts.part_size(7) == 7


@pytest.fixture(scope="module")
def split_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content built with its index in parts of ``PART_PAGES`` pages."""
    from dangjian.app.build import build

    site = tmp_path_factory.mktemp("split") / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(parts.PART_PAGES_VARIABLE, str(PART_PAGES))
        report = build(ROOT / "mkdocs.yml", site)
    assert report.search is not None and report.search.parts >= 3
    return site


def test_parts_hold_only_their_index_and_are_listed(split_site):
    bundle = split_site / search_index.OUTPUT_SUBDIR
    listed = json.loads((bundle / search_index.PARTS_FILE).read_text(encoding="utf-8"))
    assert listed["format"] == search_index.PARTS_FORMAT
    folders = sorted(path.name for path in (bundle / search_index.PART_FOLDER).iterdir())
    assert [f"{search_index.PART_FOLDER}/{name}/" for name in folders] == sorted(listed["parts"])
    for name in folders:
        part = bundle / search_index.PART_FOLDER / name
        assert (part / "pagefind-entry.json").is_file()
        assert not list(part.glob("*.js")) and not list(part.glob("wasm.*"))
    assert not list(split_site.parent.glob(".index-part-*"))


def test_a_site_in_one_part_lists_none(built_site):
    listed = json.loads((built_site / search_index.OUTPUT_SUBDIR / search_index.PARTS_FILE)
                        .read_text(encoding="utf-8"))
    assert listed["parts"] == []


@pytest.fixture(scope="module")
def split_url(split_site: Path) -> Iterator[str]:
    with served(split_site) as url:
        yield url


@pytest.fixture(scope="module")
def split_tab(browser, split_url):
    with search_ui.box_at(browser, split_url) as tab:
        yield tab


@pytest.mark.browser
@pytest.mark.parametrize("query", QUERIES, ids=[q.text for q in QUERIES])
def test_the_query_set_holds_on_a_split_index(split_tab, query: Query):
    """The expectations of the site indexed in one run (test_search.py): the browser
    ranks the merged list's first pages by their text, not by each part's statistics."""
    search_ui.check(split_tab, query)


@pytest.mark.browser
def test_one_list_holds_pages_of_several_parts(split_site, split_tab):
    indexed = [page.relative_to(split_site).as_posix() for page in split_site.rglob("*.html")
               if "data-pagefind-body" in page.read_text(encoding="utf-8")]
    part_of = {page.removesuffix("index.html"): number
               for number, members in enumerate(parts.plan(indexed, PART_PAGES))
               for page in members}
    hits = search_ui.search(split_tab, "党", top=60)
    assert len({part_of[hit.path] for hit in hits}) >= 3, [hit.path for hit in hits]
