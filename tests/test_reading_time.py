"""Reading time: counted from the text a reader reads, at a speed the pages state."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangjian.core.diagnostics import Diagnostics
from dangjian.core.project import Project
from dangjian.core.urls import Links
from dangjian.load import loader
from dangjian.pages import track_pages
from dangjian.text import passages, reading_time

from .conftest import ROOT


def test_characters_count_han_and_runs_of_latin_or_digits():
    assert reading_time.characters("党支部") == 3
    assert reading_time.characters("每年至少召开1次，不少于32学时。") == 14
    assert reading_time.characters("PDF 文件、2019年") == 5
    assert reading_time.characters("，。、；：“”（）— ") == 0


@pytest.mark.parametrize(("chars", "minutes"), [(0, 0), (1, 1), (300, 1), (301, 2), (900, 3)])
def test_minutes_round_up(chars, minutes):
    assert reading_time.minutes(chars) == minutes


@given(st.integers(min_value=1, max_value=10**7))
def test_minutes_never_understate(chars):
    minutes = reading_time.minutes(chars)
    assert (minutes - 1) * reading_time.CHARS_PER_MINUTE < chars
    assert chars <= minutes * reading_time.CHARS_PER_MINUTE


@pytest.mark.parametrize(("minutes", "text"), [
    (1, "约 1 分钟"), (59, "约 59 分钟"), (60, "约 1 小时"), (65, "约 1 小时 5 分钟")])
def test_shown(minutes, text):
    assert reading_time.shown(minutes) == text


EXCERPT = """---
title: 节选条例
category: 条例
status: 待核实
coverage: 节选
---

!!! info "节选"
    本站仅收录第一条和第三条。

第一章　总则

第一条　甲乙丙。

第二条　丁戊。

!!! note "未收录"
    第二条其余部分未收录。

己庚辛壬。

第二章　其他

第三条　癸子丑寅卯。
"""


@pytest.fixture
def excerpt(make_project):
    root = make_project({"docs/regulations/r.md": EXCERPT})
    diagnostics = Diagnostics()
    content = loader.load(Project.at(root), diagnostics)
    assert diagnostics.items == []
    return content.inventory.by_id["r"]


def test_site_notes_are_not_the_documents_text(excerpt):
    text = passages.text_of(excerpt)
    assert "本站" not in text and "未收录" not in text and "节选" not in text
    # 第一章总则, 第一条甲乙丙, 第二条丁戊, 己庚辛壬, 第二章其他, 第三条癸子丑寅卯
    assert reading_time.characters(text) == 5 + 6 + 5 + 4 + 5 + 8


def test_article_ends_at_the_next_article_or_at_a_gap(excerpt):
    assert passages.text_of(excerpt, ["第一条"]) == "第一条　甲乙丙。"
    # Text after the “未收录” note is the tail of another article, not 第二条.
    assert passages.text_of(excerpt, ["第二条"]) == "第二条　丁戊。"
    assert passages.text_of(excerpt, ["第三条"]) == "第三条　癸子丑寅卯。"


def test_chapter_runs_to_the_next_chapter_or_to_a_gap(excerpt):
    # After a gap the excerpt may already be in another chapter: the chapter ends there.
    assert passages.text_of(excerpt, ["第一章"]) == \
        "第一章　总则\n\n第一条　甲乙丙。\n\n第二条　丁戊。"
    assert passages.text_of(excerpt, ["第二章"]) == "第二章　其他\n\n第三条　癸子丑寅卯。"


def test_uncollected_text_has_no_reading_time(make_project):
    text = ("---\ntitle: 甲\ncategory: 条例\nstatus: 待核实\ncoverage: 未收录\n---\n\n"
            "本站未收录全文。\n")
    root = make_project({"docs/regulations/n.md": text})
    content = loader.load(Project.at(root), Diagnostics())
    doc = content.inventory.by_id["n"]
    assert not passages.has_text(doc) and passages.text_of(doc) == ""


def test_shipped_track_times_add_up_and_state_the_speed():
    content = loader.load(Project.at(ROOT), Diagnostics())
    track = next(t for t in content.tracks if t.id == "zhibu-shuji-lvzhi")
    articles = track.steps[2]  # 《党员教育管理工作条例》第十六条
    assert articles.anchors == ["第十六条"]
    expected = reading_time.characters(passages.text_of(articles.doc, ["第十六条"]))
    assert articles.chars == expected and 100 < expected < 300
    assert track.minutes == sum(step.minutes for step in track.steps)
    page = track_pages.track_page(track, Links(track.page, True))
    assert "300 字/分钟" in page and reading_time.shown(track.minutes) in page
    assert f"（{articles.chars} 字）" in page


def test_readme_states_the_speed():
    assert "300 字/分钟" in (ROOT / "README.md").read_text(encoding="utf-8")
