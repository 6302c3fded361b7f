"""Search in real Chromium against the built, served site: the query set, the header box
with the keyboard, the full search page with filters and sorting, and a phone."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from playwright.sync_api import expect

from . import search_ui
from .search_queries import QUERIES, Query
from .test_search_index import searchable_pages

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def search_tab(browser, site_url):
    """One page whose header box answers every query of the set."""
    with search_ui.box_at(browser, site_url) as tab:
        yield tab


@pytest.mark.parametrize("query", QUERIES, ids=[q.text for q in QUERIES])
def test_query_finds_the_expected_pages_in_the_top_three(search_tab, query: Query):
    search_ui.check(search_tab, query)


def test_query_set_is_large_and_varied():
    kinds = {query.kind for query in QUERIES}
    assert len(QUERIES) >= 25
    assert {"标题", "简称", "术语", "工作要点", "条文", "无结果"} <= kinds
    texts = {query.text for query in QUERIES}
    assert {"三会一课", "四风", "两个维护", "党风廉政建设", "支部工作条例", "八项规定",
            "三重一大"} <= texts


def test_results_show_type_status_and_date(search_tab):
    hits = search_ui.search(search_tab, "八项规定")
    assert hits[0].meta["type"] == "法规制度"
    assert hits[0].meta["status"] == "待核实"
    assert hits[0].meta["date"] == "2012-12-04"
    line = search_tab.locator(".dj-search .pf-searchbox-result .dj-result-line").first
    line.wait_for()
    assert line.inner_text().replace("\u00a0", " ") == "法规制度 · 待核实 · 2012-12-04"
    assert search_tab.locator(".dj-search .pf-searchbox-result-excerpt mark").count() > 0


def test_header_box_leads_by_keyboard_to_the_article(page, site_url):
    page.goto(site_url + "workplans/2020/")
    search_ui.ready(page)
    search_ui.typed(page, "临时党支部")
    article = page.locator('.dj-search a[role="option"]', has_text="第八条").first
    article.wait_for()
    # ↓ walks the options from the first result to the article; ↑ comes back one.
    for _ in range(10):
        if article.get_attribute("aria-selected") == "true":
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    assert article.get_attribute("aria-selected") == "true"
    page.keyboard.press("Enter")
    page.wait_for_url("**/regulations/zhibu-gongzuo-tiaoli/**")
    assert unquote(page.url).endswith("#第八条")
    heading = page.locator('[id="第八条"]')
    assert heading.inner_text().startswith("第八条")
    box_top = page.evaluate("document.getElementById('第八条').getBoundingClientRect().top")
    assert 0 <= box_top < 300
    # The page marks the query's words.
    marked = page.locator("article mark.pagefind-highlight", has_text="临时").first
    marked.wait_for()


def test_escape_closes_the_results(page, site_url):
    page.goto(site_url)
    search_ui.ready(page)
    search_ui.typed(page, "四风")
    dropdown = page.locator(".dj-search .pf-searchbox-dropdown")
    page.locator(".dj-search a[role='option']").first.wait_for()
    page.keyboard.press("Escape")
    dropdown.wait_for(state="hidden")


def test_listing_pages_are_never_results(search_tab):
    listings = ("", "regulations/", "study/", "workplans/", "publications/", "search/")
    for query in ("法规制度", "学习资料", "工作要点"):
        assert all(hit.path not in listings
                   for hit in search_ui.search(search_tab, query, top=25)), query


_PAGE_RESULTS = """async () => {
  const found = window.PagefindComponents.getInstanceManager().getInstance("page").searchResult;
  const data = await Promise.all(found.results.map((result) => result.data()));
  return data.map((page) => page.meta);
}"""


def test_search_page_filters_and_sorts(page, site_url):
    page.goto(site_url + "search/")
    results = page.locator("[data-dj-search-page] .pf-result")
    results.first.wait_for()
    everything = len(searchable_pages())
    assert len(page.evaluate(_PAGE_RESULTS)) == everything  # an empty box lists everything
    chip = page.locator('pagefind-filter-dropdown[filter="类型"]')
    chip.locator("button").first.click()
    chip.get_by_role("option", name="学习资料").click()
    page.wait_for_function("""() => window.PagefindComponents.getInstanceManager()
        .getInstance("page").searchResult.results.length === 3""")
    page.locator("[data-dj-sort]").select_option("date:desc")
    page.wait_for_function("""async () => {
        const found = window.PagefindComponents.getInstanceManager().getInstance("page");
        const first = await found.searchResult.results[0].data();
        return first.meta.date === "2021-05-29";
    }""")
    metas = page.evaluate(_PAGE_RESULTS)
    assert {meta["type"] for meta in metas} == {"学习资料"}
    dates = [meta["date"] for meta in metas]
    assert dates == sorted(dates, reverse=True)
    page.locator("[data-dj-sort]").select_option("date:asc")
    page.wait_for_function("""async () => {
        const found = window.PagefindComponents.getInstanceManager().getInstance("page");
        const first = await found.searchResult.results[0].data();
        return first.meta.date !== "2021-05-29";
    }""")
    assert [meta["date"] for meta in page.evaluate(_PAGE_RESULTS)] == sorted(dates)
    line = page.locator("[data-dj-search-page] .dj-result-line").first
    assert line.inner_text().startswith("学习资料 · ")


def test_header_box_hands_the_query_to_the_search_page(page, site_url):
    page.goto(site_url)
    search_ui.ready(page)
    search_ui.typed(page, "三会一课")
    page.locator(".dj-search a[role='option']").first.wait_for()
    page.locator("[data-dj-search-all]").click()
    page.wait_for_url("**/search/?q=*")
    first = page.locator("[data-dj-search-page] .pf-result-link").first
    first.wait_for()
    page.wait_for_function("""() => window.PagefindComponents.getInstanceManager()
        .getInstance("page").searchResult.results.length < everything""".replace(
        "everything", str(len(searchable_pages()))))
    assert page.locator("pagefind-input input").input_value() == "三会一课"
    assert "三会一课" in first.inner_text()


def test_search_works_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True,
                                  has_touch=True, locale="zh-CN")
    tab = context.new_page()
    tab.goto(site_url + "regulations/")
    search_ui.ready(tab)
    search_ui.typed(tab, "支部工作条例")
    box = tab.locator(search_ui.BOX)
    first = tab.locator(".dj-search a[role='option']").first
    expect(first).to_contain_text("中国共产党支部工作条例")
    area = first.bounding_box()
    assert area is not None and area["x"] >= 0 and area["x"] + area["width"] <= 375
    assert box.bounding_box()["width"] > 300
    assert tab.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()
