"""Printing from the browser: the shipped plan and a regulation, printed by Chromium, come
out as official documents (print.css)."""

from __future__ import annotations

import io
import logging

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTPage, LTTextContainer, LTTextLine

from .pdf_text import body_size, ideographs

pytestmark = [pytest.mark.build, pytest.mark.browser]

# Chromium's PDFs give Noto CJK fonts no bounding box: pdfminer says so for every glyph.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

REGULATION = "regulations/zhibu-gongzuo-tiaoli/"
PLAN = "workplans/2020/"
NAVIGATION = ("党建知识站", "搜索", "复制本条链接", "被引用", "目录", "上一页", "下一页",
              "制定机关", "发文字号", "重置进度", "标记为已学", "打印", "下载 PDF", "¶")


def _printed(page, url: str) -> list[LTPage]:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    data = page.pdf(prefer_css_page_size=True, print_background=False)
    return list(extract_pages(io.BytesIO(data)))


def _text(page: LTPage) -> str:
    return ideographs("".join(
        element.get_text() for element in page if isinstance(element, LTTextContainer)))


def _lines(item) -> list[LTTextLine]:
    if isinstance(item, LTTextLine):
        return [item]
    return [line for child in item for line in _lines(child)] if hasattr(item, "__iter__") else []


def _baseline_of(page: LTPage, words: str) -> float:
    """The baseline of the first line of text that starts with ``words``."""
    for line in _lines(page):
        if ideographs(line.get_text()).strip().startswith(words):
            return line.y0
    raise AssertionError(f"{words} not on the page")


def _check_paper(pages: list[LTPage], site_url: str) -> str:
    text = "".join(map(_text, pages))
    for number, page in enumerate(pages, 1):
        assert (round(page.width), round(page.height)) == (595, 842), "not A4"
        assert f"— {number} —" in _text(page), f"no page number on page {number}"
    assert abs(body_size(pages) - 16) <= 0.5
    for url_text in ("http", "://", "127.0.0.1", site_url, ".html", "www."):
        assert url_text not in text
    for words in NAVIGATION:
        assert words not in text, f"navigation text printed: {words}"
    return text


def test_a_regulation_prints_as_an_official_document(page, site_url):
    pages = _printed(page, site_url + REGULATION)
    text = _check_paper(pages, site_url)
    first = _text(pages[0])
    assert first.index("中国共产党支部工作条例（试行）") < first.index("中共中央")
    assert "中共中央" in first and "2018年10月28日" in first
    # 第一条 runs into its paragraph, on the same line as its first words.
    assert abs(_baseline_of(pages[0], "第一条") - _baseline_of(pages[0], "为了坚持")) < 2
    assert text.count("示例数据") == 0


def test_the_work_plan_prints_with_its_sample_notice_once(page, site_url):
    pages = _printed(page, site_url + PLAN)
    text = _check_paper(pages, site_url)
    first = _text(pages[0])
    assert "X企业2020年党建工作要点" in first and "X企业党委" in first and "2020年" in first
    assert text.replace("\n", "").count("示例数据") == 1
    assert first.index("示例数据") < first.index("一、持续加强党的政治建设")
    # The owners and statuses stay on the screen: the printout is the document.
    assert "牵头部门" not in text and "推进中" not in text


def test_the_print_button_prints(page, site_url):
    page.goto(site_url + REGULATION)
    button = page.locator(".dj-paper__print")
    assert button.is_visible() and button.inner_text() == "打印"
    assert not page.locator(".dj-paper__line").is_visible()
    page.evaluate("() => { window.__printed = 0; window.print = () => window.__printed++; }")
    button.click()
    assert page.evaluate("window.__printed") == 1
