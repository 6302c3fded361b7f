"""Citations, copy-links, backlinks and the regulation index in real Chromium."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

pytestmark = pytest.mark.browser


def test_a_citation_leads_to_the_regulation_and_back(page, site_url):
    page.goto(site_url + "workplans/2020/")
    page.locator("a.dj-cite", has_text="《中国共产党支部工作条例》").click()
    assert "中国共产党支部工作条例（试行）" in page.locator("h1").inner_text()
    backlink = page.locator("ul.dj-backlinks a", has_text="三是建强基本制度")
    assert backlink.is_visible()
    backlink.click()
    assert unquote(page.url).endswith("workplans/2020/#2020-4-3")


def test_copy_link_copies_the_article_address(browser, site_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    tab.goto(site_url + "regulations/dangyuan-jiaoyu-guanli-tiaoli/")
    link = tab.locator('[id="第十条"] > a.headerlink')
    assert link.get_attribute("title") == "复制本条链接"
    assert float(link.evaluate("el => getComputedStyle(el).opacity")) > 0.3
    assert tab.locator('[id="第一章"] > a.headerlink').get_attribute("title") == "复制本章链接"
    link.click()
    copied = tab.evaluate("navigator.clipboard.readText()")
    assert unquote(copied) == site_url + "regulations/dangyuan-jiaoyu-guanli-tiaoli/#第十条"
    assert link.get_attribute("data-dj-copied") == "已复制链接"
    assert unquote(tab.url).endswith("#第十条")
    context.close()


def test_regulation_index_filters_and_sorts(page, site_url):
    page.goto(site_url + "regulations/")
    rows = page.locator("table.dj-index--regulations tbody tr")
    total = rows.count()
    assert page.locator("form.dj-filters").is_visible()
    assert page.locator(".dj-filters__count").inner_text() == f"显示 {total} / {total} 件"

    page.select_option('select[name="category"]', "准则")
    visible = page.locator("table.dj-index--regulations tbody tr:not([hidden])")
    assert visible.count() == 3
    assert set(visible.evaluate_all("rows => rows.map(r => r.dataset.category)")) == {"准则"}
    page.select_option('select[name="category"]', "")
    page.select_option('select[name="issuer"]', "中共中央")
    issuers = visible.evaluate_all("rows => rows.map(r => r.dataset.issuer)")
    assert issuers and set(issuers) == {"中共中央"}
    page.select_option('select[name="issuer"]', "")

    def issued() -> list[str]:
        return rows.evaluate_all("rows => rows.map(r => r.dataset.issued)")

    sort = page.locator('th[data-sort="issued"] button')
    sort.click()
    dated = [d for d in issued() if d]
    assert dated == sorted(dated) and issued()[: len(dated)] == dated
    sort.click()
    assert [d for d in issued() if d] == sorted(dated, reverse=True)
    sort.click()
    order = rows.evaluate_all("rows => rows.map(r => Number(r.dataset.order))")
    assert order == list(range(total))
