"""Classification markings are found however they are disguised, and never in the prose
of the regulations that talk about secrets."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from dangjian.safety.markings import find_marking, find_markings

from .conftest import ROOT, SHARED

IMAGES = "".join(f"![图{i}](images/p{i}.png)\n\n" for i in range(5))

FOUND = {
    "label": ("密级：秘密", "秘密"),
    "label with an ASCII colon": ("密级: 秘密", "秘密"),
    "bold": ("**秘密★1年**", "秘密"),
    "heading": ("# 秘密★1年", "秘密"),
    "quote": ("> 秘密★1年", "秘密"),
    "ideographic space": ("秘　密★1年", "秘密"),
    "spaced out": ("秘 密", "秘密"),
    "hollow star": ("秘密☆1年", "秘密"),
    "full-width asterisk": ("秘密＊1年", "秘密"),
    "ASCII asterisk": ("秘密*1年", "秘密"),
    "lenticular brackets": ("【秘密】", "秘密"),
    "square brackets": ("[机密]", "机密"),
    "tortoise-shell brackets with a star": ("〔绝密★10年〕", "绝密"),
    "right-aligned paragraph": ("<p align=right>秘密★1年</p>", "秘密"),
    "zero-width space inside": ("秘\u200b密★1年", "秘密"),
    "zero-width space before": ("\u200b秘密", "秘密"),
    "word joiner and soft hyphen": ("机\u2060\u00ad密★长期", "机密"),
    "combining mark": ("绝\u0301密", "绝密"),
    "after five image lines": (IMAGES + "秘密★1年", "秘密"),
    "long-term": ("机密★长期", "机密"),
    "alone on its line": ("正文第一段。\n\n绝密\n\n正文第二段。", "绝密"),
    "full-width digits": ("秘密★１年", "秘密"),
    "full-width label": ("密级：机密", "机密"),
    "full-width brackets": ("［绝密］", "绝密"),
    "circled ideograph": ("㊙密★1年", "秘密"),
    "traditional characters": ("機密★1年", "机密"),
    "numeric references": ("&#31192;&#23494;★1年", "秘密"),
    "split by tags": ("秘<span></span>密★1年", "秘密"),
    "heading with an id": ("## 绝密 {#top}", "绝密"),
    "table cell": ("| 秘密 | 1年 |", "秘密"),
    "document header line": ("000123 秘密*1年 特急", "秘密"),
    "parenthesised line": ("（机密）", "机密"),
    "in a sentence with a star": ("本文件为秘密★1年，不得外传。", "秘密"),
    "in a comment": ("<!-- 秘密★1年 -->", "秘密"),
    "list item": ("- 秘密", "秘密"),
}


@pytest.mark.parametrize("case", list(FOUND), ids=list(FOUND))
def test_marking_is_found(case):
    text, level = FOUND[case]
    match = find_marking(text)
    assert match is not None and match.level == level


NOT_FOUND = [
    "党员必须保守党和国家的秘密。",
    "不得泄露国家秘密。",
    "严守党的秘密，对党忠诚老实。",
    "商业机密不得对外提供。",
    "绝密档案已于去年解密。",
    "秘书处负责会议记录。",
    "机关党委每月召开一次会议。",
    "国家秘密的密级分为绝密、机密、秘密三级。",
    "密级：绝密、机密、秘密",
    "标注密级为秘密的文件，不得带离。",
    "他秘密地联系了组织。",
    "**国家秘密**",
    "保守**秘密**",
    "秘密会议★★",
    "《中华人民共和国保守国家秘密法》",
    "[国家秘密](../regulations/baomi/)",
    "机密性、完整性和可用性",
    "密级：公开",
    "一、保守秘密",
    "机密 文件",
    "## 保密工作",
    "| 国家秘密 | 定义 |",
]


@pytest.mark.parametrize("text", NOT_FOUND)
def test_prose_is_not_a_marking(text):
    assert find_marking(text) is None


def _shipped_texts() -> list[Path]:
    folders = [SHARED / "corpus", SHARED / "seed", ROOT / "docs", ROOT / "data",
               ROOT / "tests" / "fixtures" / "two-years"]
    return sorted(path for folder in folders for path in folder.rglob("*")
                  if path.is_file() and path.suffix in (".txt", ".md", ".yml", ".yaml"))


def test_no_marking_in_any_shipped_or_corpus_text():
    paths = _shipped_texts()
    assert len(list((SHARED / "corpus").glob("*.txt"))) >= 10
    found = [(path.name, match) for path in paths
             for match in find_markings(path.read_text(encoding="utf-8"))]
    assert found == []


def test_where_it_is():
    text = "第一段\n\n  正文里的 **秘密★1年** 字样\n末行"
    match = find_marking(text)
    assert match is not None
    assert (match.line, match.offset, match.form) == (3, text.index("秘"), "星号标志")
    assert match.snippet == "正文里的 **秘密★1年** 字样"


def test_offset_is_that_of_the_marking_not_of_an_earlier_word():
    text = "机关秘书处转来机密★长期文件"
    match = find_marking(text)
    assert match is not None and match.offset == text.index("机密")


def test_every_marking_is_listed_once_per_line():
    text = "秘密★1年\n正文\n【机密】和[绝密]\n"
    assert [(m.line, m.level) for m in find_markings(text)] == [(1, "秘密"), (3, "机密")]


def test_long_lines_give_short_snippets():
    text = "甲" * 500 + "秘密★1年" + "乙" * 500
    match = find_marking(text)
    assert match is not None and len(match.snippet) <= 120 and "秘密★1年" in match.snippet


@pytest.mark.parametrize("text", [
    "*" * 100_000 + "秘密x",
    "密级" + "*" * 100_000 + "x",
    "【" + "_" * 100_000 + "秘密",
    "\u200b" * 200_000 + "秘密",
    "机关" * 200_000,
    "<a" * 100_000 + "秘密★",
    "&#1;" * 100_000 + "机密",
    ("秘 " * 50_000 + "\n") * 4,
    "1" * 100_000 + "秘密x",
])
def test_hostile_text_is_judged_quickly(text):
    started = time.monotonic()
    find_marking(text)
    assert time.monotonic() - started < 2


def test_invisible_padding_does_not_hide_a_line():
    assert find_marking("\u200b" * 5_000 + "秘密" + "\u2060" * 5_000) is not None
