"""The built site in real Chromium, served on 127.0.0.1."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_article_link_lands_on_the_article(page, site_url):
    page.goto(site_url + "regulations/dangyuan-jiaoyu-guanli-tiaoli/#第十条")
    heading = page.locator('[id="第十条"]')
    assert heading.inner_text().startswith("第十条")
    box = heading.bounding_box()
    assert box is not None and 0 <= box["y"] < 300


def test_work_plan_outline_leads_to_the_item(page, site_url):
    page.goto(site_url + "workplans/2020/")
    page.locator(".dj-outline a", has_text="一是建强基本组织").click()
    assert page.url.endswith("#2020-4-1")
    item = page.locator('[id="2020-4-1"]')
    assert item.is_visible()
    assert page.evaluate("document.getElementById('2020-4-1').getBoundingClientRect().top") < 300


def test_home_page_leads_to_every_section(page, site_url):
    page.goto(site_url)
    tabs = page.locator(".md-tabs__link").all_inner_texts()
    assert [t.strip() for t in tabs] == [
        "首页", "工作要点", "法规制度", "学习资料", "学习路径", "术语", "使用帮助", "本站更新"]
    page.locator(".md-tabs__link", has_text="法规制度").click()
    assert page.locator("h1").inner_text().startswith("法规制度")
    page.locator("table.dj-index a", has_text="支部工作条例").click()
    assert "中国共产党支部工作条例（试行）" in page.locator("h1").inner_text()
    assert page.locator(".dj-card").is_visible()


def test_regulation_page_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    tab = context.new_page()
    tab.goto(site_url + "regulations/zhibu-gongzuo-tiaoli/")
    # The card starts closed on a phone; its summary line opens it.
    assert not tab.locator(".dj-card").is_visible()
    tab.locator(".dj-card-box > summary").click()
    assert tab.locator(".dj-card").is_visible()
    width = tab.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    context.close()


def test_no_request_leaves_the_machine(browser, site_url):
    context = browser.new_context()
    tab = context.new_page()
    outside = []
    tab.on("request", lambda r: outside.append(r.url) if not r.url.startswith(site_url) else None)
    for path in ["", "workplans/2020/", "regulations/", "regulations/baxiang-guiding/"]:
        tab.goto(site_url + path)
        tab.wait_for_load_state("networkidle")
    context.close()
    assert [u for u in outside if not u.startswith("data:")] == []
