"""Track progress, self-checks and glossary tooltips in real Chromium, served over http
and opened from file:// (the offline case: no server, no fetch)."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
from playwright.sync_api import expect

from .conftest import ROOT

pytestmark = pytest.mark.browser

TRACK = "zhibu-shuji-lvzhi"


@pytest.fixture(scope="module")
def file_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content built with file URLs (regulations/x.html), as for a USB stick."""
    from dangjian.app.build import build

    root = tmp_path_factory.mktemp("file-urls")
    for folder in ("docs", "data"):
        shutil.copytree(ROOT / folder, root / folder)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "use_directory_urls: true" in config
    (root / "mkdocs.yml").write_text(
        config.replace("use_directory_urls: true", "use_directory_urls: false"), "utf-8")
    build(root / "mkdocs.yml", root / "site")
    return root / "site"


def mark_two_steps_and_reload(page, track_url: str) -> None:
    page.goto(track_url)
    total = page.locator("ol.dj-steps > li").count()
    expect(page.locator(".dj-track-controls .dj-track-progress__text")).to_have_text(
        f"已学 0/{total}（0%）")

    page.locator("ol.dj-steps > li").nth(0).locator(".dj-step__title a").click()
    bar = page.locator(".dj-stepbar")
    expect(bar).to_contain_text(f"第 1/{total} 步")
    assert bar.get_by_role("link", name="← 上一步").count() == 0
    bar.get_by_role("button", name="标记为已学").click()
    expect(bar).to_contain_text(f"已学 1/{total}")

    bar.get_by_role("link", name="下一步 →").click()
    expect(bar).to_contain_text(f"第 2/{total} 步")
    assert "step=2" in page.url
    bar.get_by_role("button", name="标记为已学").click()

    page.reload()
    percent = round(200 / total)
    expect(bar).to_contain_text(f"已学 2/{total}（{percent}%）")
    assert bar.locator(".dj-stepbar__mark").get_attribute("aria-pressed") == "true"

    bar.get_by_role("link", name="支部书记履职").click()
    progress = page.locator(".dj-track-controls .dj-track-progress")
    expect(progress.locator(".dj-track-progress__text")).to_have_text(
        f"已学 2/{total}（{percent}%）")
    assert progress.locator("progress").evaluate("bar => [bar.value, bar.max]") == [2, total]
    done = page.locator("ol.dj-steps > li.dj-step--done")
    assert done.count() == 2 and page.locator(".dj-step__done:visible").count() == 2

    with page.expect_navigation():
        page.locator(".md-tabs__link", has_text="学习路径").click()
    row = page.locator(f'[data-dj-progress="{TRACK}"] .dj-track-progress__text')
    expect(row).to_have_text(f"已学 2/{total}（{percent}%）")
    other = page.locator('[data-dj-progress="xin-dangyuan-rumen"] .dj-track-progress__text')
    expect(other).to_contain_text("已学 0/")

    page.go_back()
    # Reset asks first: declining keeps the marks, accepting clears them.
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="重置进度").click()
    expect(progress.locator(".dj-track-progress__text")).to_have_text(
        f"已学 2/{total}（{percent}%）")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="重置进度").click()
    expect(progress.locator(".dj-track-progress__text")).to_have_text(f"已学 0/{total}（0%）")
    page.reload()
    assert page.locator("ol.dj-steps > li.dj-step--done").count() == 0


def test_track_progress_over_http(page, site_url):
    mark_two_steps_and_reload(page, f"{site_url}tracks/{TRACK}/")


def test_track_progress_from_file_urls(page, file_site):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    mark_two_steps_and_reload(page, (file_site / "tracks" / f"{TRACK}.html").as_uri())
    assert requests and all(url.startswith(("file://", "data:")) for url in requests)


def test_step_link_lands_on_its_article_with_the_bar_at_hand(page, site_url):
    page.goto(f"{site_url}tracks/{TRACK}/")
    page.locator("ol.dj-steps > li").nth(1).locator(".dj-step__title a").click()
    assert unquote(page.url).endswith("?track=zhibu-shuji-lvzhi&step=2#第七条")
    article = page.locator('[id="第七条"]')
    assert 0 <= article.bounding_box()["y"] < 300
    assert page.locator(".dj-stepbar").is_visible()  # sticky at the bottom of the window
    button = page.locator(".dj-stepbar__mark").bounding_box()
    assert button["y"] + button["height"] <= 900


def test_page_opened_outside_a_track_has_no_bar(page, site_url):
    page.goto(f"{site_url}regulations/zhibu-gongzuo-tiaoli/")
    assert page.locator(".dj-stepbar").count() == 0
    page.goto(f"{site_url}regulations/zhibu-gongzuo-tiaoli/?track=nope&step=1")
    assert page.locator(".dj-stepbar").count() == 0


def test_selfcheck_right_and_wrong(page, site_url):
    page.goto(f"{site_url}study/sanhui-yike-zhidu/")
    questions = page.locator("form.dj-question")
    score = page.locator(".dj-selfcheck__score")
    expect(score).to_have_text("得分 0/3（已答 0/3 题）")

    first = questions.nth(0)
    assert first.locator(".dj-question__feedback").is_hidden()
    first.get_by_label("每三个月一次").check()
    first.get_by_role("button", name="确定").click()
    expect(first.locator(".dj-question__verdict")).to_have_text("回答正确")
    assert "每三个月召开一次" in first.locator(".dj-question__explanation").inner_text()

    second = questions.nth(1)
    second.get_by_label("每周一次").check()
    second.get_by_role("button", name="确定").click()
    expect(second.locator(".dj-question__verdict")).to_have_text("回答错误")
    expect(second.locator(".dj-question__answer")).to_have_text("正确答案：B")
    assert second.locator("li.dj-option--wrong").inner_text().endswith("每周一次")
    assert second.locator("li.dj-option--right").inner_text().endswith("每月一次")
    assert second.locator("input").first.is_disabled()
    expect(score).to_have_text("得分 1/3（已答 2/3 题）")

    third = questions.nth(2)
    third.get_by_label("传达学习党中央和上级党委的重要指示精神").check()
    third.get_by_label("讨论决定支部重大问题").check()
    third.get_by_role("button", name="确定").click()
    expect(third.locator(".dj-question__verdict")).to_have_text("回答正确")
    expect(score).to_have_text("得分 2/3（已答 3/3 题）")

    page.reload()
    expect(score).to_have_text("得分 2/3（已答 3/3 题）")
    assert questions.nth(1).locator(".dj-question__verdict").inner_text() == "回答错误"
    assert questions.nth(1).get_by_label("每周一次").is_checked()

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="重做").click()
    expect(score).to_have_text("得分 0/3（已答 0/3 题）")
    assert questions.nth(1).locator(".dj-question__feedback").is_hidden()
    assert not questions.nth(1).locator("input").first.is_disabled()


def test_tooltip_on_a_glossary_term(page, site_url):
    page.goto(f"{site_url}workplans/2020/")
    term = page.locator("abbr", has_text="四个意识")
    assert term.count() == 1
    term.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for()
    expect(tooltip).to_have_text("四个意识：政治意识、大局意识、核心意识、看齐意识。（本站释义）")
