"""Tracking in real builds: the two-year fixture and the shipped plan, on screen and in
print (real Chromium, print media and PDF)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT, served
from .test_build import ids_in
from .test_site_integrity import _Refs, _target
from .two_years import two_years_files


@pytest.fixture(scope="module")
def two_year_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from dangjian.app.build import build

    root = tmp_path_factory.mktemp("two-years") / "project"
    root.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for name, text in two_years_files().items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    build(root / "mkdocs.yml", root / "site")
    return root / "site"


@pytest.fixture(scope="module")
def two_year_url(two_year_site: Path) -> Iterator[str]:
    with served(two_year_site) as url:
        yield url


def links_in(site: Path, page: Path) -> list[tuple[str, Path | None]]:
    parser = _Refs()
    parser.feed(page.read_text(encoding="utf-8"))
    return [(href, _target(site, page, href)) for href in parser.links]


@pytest.mark.build
@pytest.mark.parametrize(("page", "target", "anchor"), [
    ("workplans/2021/index.html", "workplans/2020/index.html", "2020-1-1"),
    ("workplans/2020/index.html", "workplans/2021/index.html", "2021-1-1"),
])
def test_continuation_links_land_on_the_other_year(two_year_site, page, target, anchor):
    html = (two_year_site / page).read_text(encoding="utf-8")
    continuity = re.findall(r'<p class="dj-continuity">.*?</p>', html)
    assert len(continuity) == 1
    href = re.search(r'href="([^"]+)"', continuity[0]).group(1)
    assert href.endswith(f"#{anchor}")
    resolved = _target(two_year_site, two_year_site / page, href)
    assert resolved == two_year_site / target
    assert anchor in ids_in(resolved)


@pytest.mark.build
def test_progress_pages_are_built_and_linked(two_year_site):
    departments = two_year_site / "workplans" / "departments"
    assert (departments / "index.html").is_file()
    for name in ("zuzhi", "xuanchuan", "bangong", "tuanwei"):
        assert (departments / name / "index.html").is_file()
    overview = two_year_site / "workplans" / "overview" / "index.html"
    html = overview.read_text(encoding="utf-8")
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="dj-chart__svg"') == 2
    plan = (two_year_site / "workplans" / "2021" / "index.html").read_text(encoding="utf-8")
    nav = plan.split('class="md-content"')[0]
    assert "工作进展" in nav and "部门分工" in nav
    broken = [href for page in two_year_site.rglob("*.html")
              for href, target in links_in(two_year_site, page)
              if target is not None and not target.exists()]
    assert broken == []


NAVIGATION = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary",
              ".md-footer"]


def assert_printable(page, statuses: bool) -> None:
    """No navigation in print. A plan prints as the document: its owners and statuses stay
    on the screen (its PDF carries them as a table at the end); a department page prints
    its statuses, bordered so that they read in black and white."""
    page.emulate_media(media="print")
    for selector in NAVIGATION:
        for element in page.locator(selector).all():
            assert not element.is_visible(), selector
    badges = page.locator(".dj-status")
    assert badges.count() > 0
    for badge in badges.all():
        assert badge.is_visible() is statuses
        if statuses:
            assert badge.evaluate("e => getComputedStyle(e).borderTopStyle") != "none"


@pytest.mark.browser
def test_plan_prints_without_navigation_one_section_a_page(page, site_url):
    page.goto(site_url + "workplans/2020/")
    assert page.locator(".md-tabs").is_visible()
    assert_printable(page, statuses=False)
    tracks = page.locator(".dj-owners")
    assert tracks.count() == 16
    for track in tracks.all():
        assert not track.is_visible()
    breaks = page.locator("h2.dj-plan-section").evaluate_all(
        "hs => hs.map(h => getComputedStyle(h).breakBefore)")
    assert breaks == ["auto"] + ["page"] * 5
    assert not page.locator(".dj-outline").is_visible()
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 6


@pytest.mark.browser
def test_department_page_prints_with_owners_and_status(page, two_year_url):
    page.goto(two_year_url + "workplans/departments/zuzhi/")
    assert_printable(page, statuses=True)
    led = page.locator("table.dj-index--led")
    assert led.count() == 2  # one table a year
    assert all(table.is_visible() for table in led.all())
    assert led.locator("tbody tr").count() == 4
    breaks = page.locator("h2.dj-print-break").evaluate_all(
        "hs => hs.map(h => getComputedStyle(h).breakBefore)")
    assert breaks == ["auto", "page"]  # 2021, then 2020 on a new page
    assert page.locator(".dj-sample").is_visible()


@pytest.mark.browser
def test_overview_chart_is_drawn_and_printable(page, site_url):
    page.goto(site_url + "workplans/overview/")
    chart = page.locator("figure.dj-chart svg")
    assert chart.count() == 1
    box = chart.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 100
    page.emulate_media(media="print")
    assert chart.is_visible()
    counts = page.locator("figure.dj-chart rect[data-count]").evaluate_all(
        "rs => rs.map(r => Number(r.dataset.count))")
    assert sum(counts) == 16


def test_items_name_the_tracks_that_serve_them(built_site):
    html = (built_site / "workplans" / "2020" / "index.html").read_text(encoding="utf-8")
    item = html.split('id="2020-4-3"', 1)[1].split('class="dj-plan-item"', 1)[0]
    panel = item.split('<div class="dj-item-refs">', 1)[1]
    assert "<dt>学习路径</dt>" in panel
    assert 'href="../../tracks/zhibu-shuji-lvzhi/"' in panel
    first = html.split('id="2020-1-1"', 1)[1].split('class="dj-plan-item"', 1)[0]
    assert 'href="../../tracks/zhongxinzu-2020/"' in first
