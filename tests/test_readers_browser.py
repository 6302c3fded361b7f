"""Readers on phones, older members, keyboard and screen-reader users: every page type in
real Chromium, checked with axe-core (installed from npm by the `axe_source` fixture)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import ROOT

pytestmark = pytest.mark.browser

PAGE_TYPES = {
    "home": "",
    "plans": "workplans/",
    "plan": "workplans/2020/",
    "overview": "workplans/overview/",
    "departments": "workplans/departments/",
    "department": "workplans/departments/dangwei-ban/",
    "regulations": "regulations/",
    "regulation": "regulations/zhibu-gongzuo-tiaoli/",
    "publications": "publications/",
    "publication": "publications/xuexi-gangyao/",
    "studies": "study/",
    "study": "study/sanhui-yike-zhidu/",
    "tracks": "tracks/",
    "track": "tracks/zhibu-shuji-lvzhi/",
    "glossary": "glossary/",
    "search": "search/?q=党员",
    "updates": "updates/",
    "404": "404.html",
}
ELDER = "localStorage.setItem('dangjian:elder', 'on')"
BAD = ("serious", "critical")


def _context(browser, width: int = 375, elder: bool = False, font: int = 16):
    context = browser.new_context(viewport={"width": width, "height": 812}, locale="zh-CN")
    if elder:
        context.add_init_script(ELDER)
    page = context.new_page()
    if font != 16:
        # The browser's own default font size, as set in its settings.
        cdp = context.new_cdp_session(page)
        cdp.send("Page.setFontSizes", {"fontSizes": {"standard": font, "fixed": font}})
    return context, page


def _open(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("load")
    if "search/" in url:
        page.locator(".pf-result").first.wait_for()
        page.locator(".pf-dropdown-trigger").first.wait_for()


def _axe(page, axe_source: str, rules: list[str] | None = None) -> list[dict]:
    page.add_script_tag(content=axe_source)
    options = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    return page.evaluate("""options => axe.run(document, options).then(r => r.violations.map(
        v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(
          n => n.target.join(' ') + ': ' + n.failureSummary)})))""", options)


# --- WCAG 2.1 AA: axe on every page type --------------------------------------------


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
@pytest.mark.parametrize("width", [375, 1366])
def test_axe_finds_no_serious_or_critical_violation(browser, site_url, axe_source, elder, width):
    context, page = _context(browser, width, elder)
    failures = {}
    for name, path in PAGE_TYPES.items():
        _open(page, site_url + path)
        bad = [v for v in _axe(page, axe_source) if v["impact"] in BAD]
        if bad:
            failures[name] = bad
    context.close()
    assert failures == {}


def test_elder_mode_body_text_reaches_seven_to_one(browser, site_url, axe_source):
    """WCAG AAA contrast (axe's color-contrast-enhanced) for the text of every page type."""
    context, page = _context(browser, 1366, elder=True)
    failures = {}
    for name, path in PAGE_TYPES.items():
        _open(page, site_url + path)
        page.add_script_tag(content=axe_source)
        found = page.evaluate("""() => axe.run({include: [['.md-content']]},
            {runOnly: {type: 'rule', values: ['color-contrast-enhanced']}})
            .then(r => r.violations.flatMap(v => v.nodes.map(n => n.target.join(' '))))""")
        if found:
            failures[name] = found[:5]
    context.close()
    assert failures == {}


# --- phones -------------------------------------------------------------------------


@pytest.mark.parametrize("font", [16, 20])
@pytest.mark.parametrize("width", [320, 375, 414])
def test_no_page_scrolls_sideways_on_a_phone(browser, site_url, width, font):
    context, page = _context(browser, width, font=font)
    wide = {}
    for name, path in PAGE_TYPES.items():
        _open(page, site_url + path)
        size = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if size[0] > size[1]:
            wide[name] = size
    context.close()
    assert wide == {}


def test_browser_font_size_is_honoured(browser, site_url):
    sizes = []
    for font in (16, 20):
        context, page = _context(browser, 375, font=font)
        _open(page, site_url + "regulations/zhibu-gongzuo-tiaoli/")
        sizes.append(page.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize)"))
        context.close()
    assert sizes[1] >= sizes[0] * 1.2


def test_phone_tables_are_stacked_with_labels(browser, site_url):
    context, page = _context(browser, 375)
    for path in ("regulations/", "workplans/departments/", "workplans/overview/"):
        _open(page, site_url + path)
        table = page.locator("table.dj-index").first
        # Every cell is on screen: nothing hides in a box that scrolls sideways.
        assert table.evaluate("t => t.scrollWidth <= t.clientWidth + 1"), path
        cells = table.locator("tbody tr").first.locator("td")
        for i in range(1, cells.count()):
            cell = cells.nth(i)
            if cell.evaluate("c => c.textContent.trim() === ''"):
                assert not cell.is_visible()
                continue
            label = cell.evaluate("c => getComputedStyle(c, '::before').content")
            assert label.strip('"') == cell.get_attribute("data-label"), path
            box = cell.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 375, path
    context.close()


def test_status_chart_text_is_legible_on_a_phone(browser, site_url):
    context, page = _context(browser, 375)
    _open(page, site_url + "workplans/overview/")
    smallest = page.evaluate("""() => Math.min(...Array.from(
        document.querySelectorAll('.dj-chart__svg text'),
        t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a))""")
    context.close()
    assert smallest >= 11


def test_metadata_card_collapses_on_a_phone(browser, site_url):
    context, page = _context(browser, 375)
    _open(page, site_url + "regulations/qingshi-baogao-tiaoli/")
    box = page.locator("details.dj-card-box")
    assert box.get_attribute("open") is None
    first = page.locator(".dj-article, .dj-chapter").first.bounding_box()
    assert first["y"] + first["height"] <= 812
    page.locator("details.dj-card-box > summary").click()
    expect(page.locator(".dj-card")).to_be_visible()
    context.close()
    context, page = _context(browser, 1366)
    _open(page, site_url + "regulations/qingshi-baogao-tiaoli/")
    expect(page.locator(".dj-card")).to_be_visible()
    assert not page.locator("details.dj-card-box > summary").is_visible()
    context.close()


def test_plan_labels_do_not_break_mid_word(browser, site_url):
    context, page = _context(browser, 320)
    _open(page, site_url + "workplans/2020/")
    lines = page.evaluate("""() => Array.from(document.querySelectorAll(
        '.dj-owners dt, .dj-sample-tag'), e => {
          const range = document.createRange();
          range.selectNodeContents(e);
          const tops = new Set(Array.from(range.getClientRects(), r => Math.round(r.top)));
          return [e.textContent, tops.size]; })""")
    context.close()
    assert lines and [text for text, count in lines if count > 1] == []


def test_search_filter_menus_open_on_screen(browser, site_url):
    context, page = _context(browser, 375)
    _open(page, site_url + "search/?q=党员")
    trigger = page.locator(".pf-dropdown-trigger").first
    expect(trigger).to_have_attribute("aria-label", "按类型筛选")
    trigger.click()
    menu = page.locator(".pf-dropdown-menu:visible").first
    menu.wait_for()
    box = menu.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    option = menu.locator(".pf-dropdown-option").first
    assert "results" not in (option.get_attribute("aria-label") or "")
    assert option.get_attribute("aria-label").endswith(" 条")
    context.close()


# --- 长辈模式 --------------------------------------------------------------------------


TARGETS = {
    "study/sanhui-yike-zhidu/": ["ol.dj-question__options label", ".dj-question__submit",
                                 ".dj-selfcheck__reset"],
    "regulations/": [".dj-filters select", ".dj-sort"],
    "regulations/zhibu-gongzuo-tiaoli/": [".dj-article > .headerlink"],
    "tracks/zhibu-shuji-lvzhi/": [".dj-track__reset"],
}


def test_elder_mode_sizes_and_targets(browser, site_url):
    context, page = _context(browser, 1366)
    _open(page, site_url + "regulations/zhibu-gongzuo-tiaoli/")
    switch = page.locator("[data-dj-elder-switch]")
    expect(switch).to_have_attribute("aria-pressed", "false")
    switch.focus()
    page.keyboard.press("Enter")
    expect(switch).to_have_attribute("aria-pressed", "true")
    text = page.locator(".md-typeset p").first
    size, line = text.evaluate("""p => [parseFloat(getComputedStyle(p).fontSize),
        parseFloat(getComputedStyle(p).lineHeight)]""")
    assert size >= 18 and line >= 1.8 * size - 0.01
    small = []
    for path, selectors in TARGETS.items():
        _open(page, site_url + path)
        for selector in selectors:
            for element in page.locator(selector).all()[:5]:
                box = element.bounding_box()
                if box and (box["height"] < 44 or box["width"] < 44):
                    small.append((path, selector, box["width"], box["height"]))
    assert small == []
    _open(page, site_url + "workplans/2020/")
    page.locator("abbr").first.focus()
    tooltip = page.locator(".md-tooltip2--active .md-tooltip2__inner")
    tooltip.wait_for()
    assert tooltip.evaluate("t => parseFloat(getComputedStyle(t).fontSize)") >= 16
    context.close()


def test_elder_mode_is_remembered_across_reload(browser, site_url):
    context, page = _context(browser, 375)
    _open(page, site_url + "glossary/")
    page.locator("[data-dj-elder-switch]").click()
    page.reload()
    assert page.evaluate("document.documentElement.hasAttribute('data-dj-elder')")
    expect(page.locator("[data-dj-elder-switch]")).to_have_attribute("aria-pressed", "true")
    page.locator("[data-dj-elder-switch]").click()
    page.reload()
    assert not page.evaluate("document.documentElement.hasAttribute('data-dj-elder')")
    context.close()


@pytest.fixture(scope="module")
def bundle_dir(tmp_path_factory) -> Path:
    """The offline bundle, unpacked as from a USB stick."""
    from dangjian.offline.verify import extract

    out = tmp_path_factory.mktemp("readers-bundle")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "dangjian", "bundle", "--out", str(out),
                             "--name", "bundle"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    extract(out / "bundle.zip", out / "usb")
    return out / "usb" / "bundle"


def test_offline_bundle_elder_mode_persists_and_dialog_is_modal(browser, bundle_dir, axe_source):
    context, page = _context(browser, 375)
    page.goto((bundle_dir / "regulations" / "zhibu-gongzuo-tiaoli.html").as_uri())
    page.locator("[data-dj-elder-switch]").click()
    page.goto((bundle_dir / "index.html").as_uri())
    assert page.evaluate("document.documentElement.hasAttribute('data-dj-elder')")
    page.reload()
    expect(page.locator("[data-dj-elder-switch]")).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    bad = [v for v in _axe(page, axe_source) if v["impact"] in BAD]
    assert bad == []

    page.locator(".dj-offline-trigger").click()
    dialog = page.locator(".dj-offline")
    expect(dialog).to_have_attribute("aria-modal", "true")
    page.keyboard.type("党员")
    page.locator(".dj-offline__results a").first.wait_for()
    page.keyboard.press("ArrowDown")
    said = page.locator(".dj-offline__said")
    expect(said).to_contain_text("第 1 条，共")
    assert said.get_attribute("aria-live") == "assertive"
    # Tab stays inside the dialog.
    for _ in range(40):
        page.keyboard.press("Tab")
        assert page.evaluate(
            "document.querySelector('.dj-offline').contains(document.activeElement)")
    page.keyboard.press("Escape")
    context.close()


# --- keyboard and screen readers -----------------------------------------------------


def test_selfcheck_grades_only_on_an_explicit_answer(browser, site_url):
    context, page = _context(browser, 1366)
    _open(page, site_url + "study/sanhui-yike-zhidu/")
    first = page.locator("form.dj-question").first
    first.locator("input").first.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert first.locator(".dj-question__feedback").is_hidden()
    assert not first.locator("input").first.is_disabled()
    page.keyboard.press("Tab")  # leaves the radio group for 确定
    assert page.evaluate("document.activeElement.classList.contains('dj-question__submit')")
    page.keyboard.press("Enter")
    expect(first.locator(".dj-question__feedback")).to_be_visible()
    assert page.evaluate("document.activeElement.classList.contains('dj-question__feedback')")
    context.close()


def test_glossary_term_is_reachable_by_keyboard(browser, site_url):
    context, page = _context(browser, 1366)
    _open(page, site_url + "workplans/2020/")
    term = page.locator("abbr", has_text="四个意识")
    term.focus()
    assert page.evaluate("document.activeElement.tagName") == "ABBR"
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for()
    expect(tooltip).to_contain_text("政治意识")
    context.close()


def test_skip_link_leads_to_the_article_text(browser, site_url):
    context, page = _context(browser, 1366)
    _open(page, site_url + "regulations/dangyuan-jiaoyu-guanli-tiaoli/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('dj-skip')")
    assert page.locator(".dj-skip").is_visible()
    page.keyboard.press("Enter")
    # From the article text, the first article's copy-link is a few Tab stops away.
    for _ in range(8):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.dj-article > .headerlink')"):
            break
    else:
        pytest.fail("the first article's copy-link is more than 8 Tab stops past the skip link")
    context.close()


def test_keyboard_search_result_then_copy_link(browser, site_url):
    context, page = _context(browser, 1366)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    _open(page, site_url)
    page.wait_for_function("window.PagefindComponents !== undefined")
    page.locator("pagefind-searchbox input").focus()
    page.keyboard.type("请示报告条例")
    page.locator(".pf-searchbox-result").first.wait_for()
    page.wait_for_timeout(500)  # the list settles once the last keystroke is searched
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/regulations/qingshi-baogao-tiaoli/**")
    # The result may open at a section; start from the top of the page it opened.
    page.goto(page.url.split("#")[0])
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.dj-article > .headerlink, "
                         ".dj-chapter > .headerlink')"):
            break
    page.keyboard.press("Enter")
    expect(page.locator("[data-dj-copied]")).to_have_count(1)
    context.close()


def test_track_step_done_by_keyboard(browser, site_url):
    context, page = _context(browser, 1366)
    _open(page, site_url + "tracks/zhibu-shuji-lvzhi/")
    page.locator("ol.dj-steps .dj-step__title a").first.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    mark = page.locator(".dj-stepbar__mark")
    mark.focus()
    page.keyboard.press("Enter")
    expect(mark).to_have_attribute("aria-pressed", "true")
    context.close()


def test_search_landing_marks_the_query_as_typed(browser, site_url):
    context, page = _context(browser, 1366)
    _open(page, site_url)
    box = page.locator("pagefind-searchbox input")
    box.fill("党员")
    link = page.locator(".pf-searchbox-result").first
    link.wait_for()
    with page.expect_navigation():
        link.click()
    page.locator("mark.pagefind-highlight").first.wait_for()
    marks = page.locator("mark.pagefind-highlight").all_inner_texts()
    assert marks and set(marks) == {"党员"}
    context.close()


# --- Chromium 90 ---------------------------------------------------------------------


def test_focus_rings_without_has_selector(browser, site_url):
    """Chromium 90 drops every rule with :has(); our fallbacks must still show focus."""
    context, page = _context(browser, 1366)
    _open(page, site_url + "search/?q=党员")
    removed = page.evaluate("""() => {
        let n = 0;
        for (const sheet of document.styleSheets) {
          let rules; try { rules = sheet.cssRules; } catch (e) { continue; }
          const drop = (list) => { for (let i = list.length - 1; i >= 0; i--) {
            const r = list[i];
            if (r.cssRules && !r.selectorText) drop(r.cssRules);
            else if (r.selectorText && r.selectorText.includes(':has(')) { list === rules
              ? sheet.deleteRule(i) : r.parentRule.deleteRule(i); n++; } } };
          drop(rules);
        }
        return n; }""")
    assert removed > 0
    page.locator(".pf-result-link").first.focus()
    card = page.locator(".pf-result-card").first
    shadow = card.evaluate("c => getComputedStyle(c).boxShadow")
    assert shadow != "none"
    context.close()


# Features of CSS and JavaScript newer than Chromium 90, the 信创 browsers' baseline.
NEWER_THAN_CHROMIUM_90 = {
    ":has(": "CSS :has() (105)",
    "accent-color": "accent-color (93)",
    "@container": "container queries (105)",
    "@layer": "cascade layers (99)",
    "color-mix(": "color-mix() (111)",
    "text-wrap": "text-wrap (114)",
    "dvh": "dynamic viewport units (108)",
    "svh": "small viewport units (108)",
    "lvh": "large viewport units (108)",
    "scrollbar-gutter": "scrollbar-gutter (94)",
    ":modal": ":modal (105)",
    ".at(": "Array/String .at() (92)",
    "structuredClone": "structuredClone (98)",
    "Object.hasOwn": "Object.hasOwn (93)",
    ".findLast": "findLast (97)",
    "showPopover": "popover (114)",
    "popover=": "popover (114)",
    ".inert": "inert (102)",
    "?.[": None,  # optional chaining is Chromium 80: allowed
}


def test_product_css_and_js_use_nothing_newer_than_chromium_90():
    assets = ROOT / "dangjian" / "assets"
    found = []
    for path in sorted([*assets.glob("*.css"), *assets.glob("*.js")]):
        # Comments may name what the code avoids.
        text = re.sub(r"/\*.*?\*/|(?<![:\\])//[^\n]*", "", path.read_text(encoding="utf-8"),
                      flags=re.S)
        for needle, what in NEWER_THAN_CHROMIUM_90.items():
            if what and needle in text:
                found.append(f"{path.name}: {what}")
    assert found == []
    # The check itself catches what it is meant to catch.
    assert ":has(" in NEWER_THAN_CHROMIUM_90 and "accent-color" in NEWER_THAN_CHROMIUM_90
