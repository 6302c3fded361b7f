"""No text lost: every character of an imported document that the report does not list
as dropped appears in the output, in order; debris and only debris is dropped; the
output loads with the site's loader."""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangjian.core.diagnostics import Diagnostics
from dangjian.core.project import Project
from dangjian.importer import Source, convert
from dangjian.load import loader
from dangjian.text import numerals

from .conftest import seed_path

CJK = "党建工作要点学习制度组织委员会支部规定办法条例关于加强政治建设思想理论中心"
PUNCT = "，、：；。！？“”《》（）()-—…·"
ODD = "#*-_>`{}%|<[]~=+.!0123456789 \u3000\u00a0\t"
DEBRIS = ["公文写作门户网站，请认准某某家园（www.example.com）", "分享到：微信 微博 QQ空间",
          "https://example.org/page/1.html", "版权所有 © 2020 某网站", "上一篇：某某 下一篇：某某",
          "当前位置：首页 > 党建 > 正文"]

words = st.text(alphabet=CJK, min_size=1, max_size=8)
phrase = st.builds(lambda head, tail: head + tail, words,
                   st.text(alphabet=CJK + PUNCT + ODD, max_size=40))


@st.composite
def sentences(draw) -> str:
    parts = draw(st.lists(phrase, min_size=1, max_size=3))
    return "".join(p + draw(st.sampled_from("。；！")) for p in parts)


@st.composite
def documents(draw) -> tuple[list[str], set[int]]:
    """A document's lines, and the numbers of the debris lines it ends or starts with."""
    year = draw(st.integers(2000, 2099))
    title = draw(st.one_of(words, st.builds(lambda w: f"X公司{year}年{w}工作要点", words)))
    lines = [title]
    counters = itertools.count(1)
    for _ in range(draw(st.integers(0, 14))):
        choice = draw(st.sampled_from(["section", "item", "article", "chapter", "list",
                                       "text", "blank", "nbsp", "sentence"]))
        if choice == "section":
            lines.append(f"{numerals.from_int(draw(st.integers(1, 12)))}、{draw(words)}")
        elif choice == "item":
            lines.append(f"{numerals.from_int(draw(st.integers(1, 9)))}是{draw(sentences())}")
        elif choice == "article":
            number = next(counters) if draw(st.booleans()) else draw(st.integers(1, 199))
            gap = draw(st.sampled_from(["\u3000", " ", ""]))
            lines.append(f"第{numerals.from_int(number)}条{gap}{draw(sentences())}")
        elif choice == "chapter":
            lines.append(f"第{numerals.from_int(draw(st.integers(1, 12)))}章\u3000{draw(words)}")
        elif choice == "list":
            lines.append(f"（{numerals.from_int(draw(st.integers(1, 9)))}）{draw(phrase)}")
        elif choice == "blank":
            lines.append(draw(st.sampled_from(["", "  ", "\t"])))
        elif choice == "nbsp":
            lines.append(draw(st.sampled_from(["\u00a0", "\u00a0 \u00a0", "\u3000"])))
        elif choice == "sentence":
            lines.append(draw(sentences()))
        else:
            lines.append(draw(phrase))
    debris: set[int] = set()
    if draw(st.booleans()):
        lines.insert(0, draw(st.sampled_from(DEBRIS[-1:])))
        debris.add(1)
    for text in draw(st.lists(st.sampled_from(DEBRIS[:-1]), max_size=3)):
        lines.append(text)
        debris.add(len(lines))
        if draw(st.booleans()):
            lines.append("\u00a0")
    return lines, debris


def visible(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace())


def is_subsequence(needle: str, haystack: str) -> bool:
    chars = iter(haystack)
    return all(ch in chars for ch in needle)


def load(text: str, kind_folder: str) -> Diagnostics:
    diagnostics = Diagnostics()
    with tempfile.TemporaryDirectory() as root:
        path = Path(root) / "docs" / kind_folder / "doc.md"
        path.parent.mkdir(parents=True)
        path.write_text(text, encoding="utf-8")
        loader.load(Project.at(Path(root)), diagnostics)
    return diagnostics


def check_no_text_lost(lines: list[str], kind: str) -> None:
    conversion = convert(Source.from_text("doc.txt", "\n".join(lines), "UTF-8"), kind)
    report = conversion.report
    if conversion.text is None:
        assert report.diagnostics.errors, "no output and no error"
        return
    kept = "".join(visible(line) for number, line in enumerate(lines, 1)
                   if number not in report.removed_lines)
    assert is_subsequence(kept, visible(conversion.text))
    diagnostics = load(conversion.text, report.kind.folder)
    assert diagnostics.errors == [], [d.format() for d in diagnostics.errors]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.sampled_from(["auto", "workplan", "regulation", "study"]))
def test_no_text_lost_in_generated_documents(document, kind):
    lines, debris = document
    check_no_text_lost(lines, kind)
    report = convert(Source.from_text("doc.txt", "\n".join(lines), "UTF-8"), kind).report
    dropped = {d.line for d in report.dropped}
    assert dropped == debris
    assert all(f"“{line}”" in " ".join(d.message for d in report.diagnostics.warnings)
               for number, line in enumerate(lines, 1) if number in debris)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=CJK + PUNCT + ODD + "\n", max_size=60), min_size=1,
                max_size=8),
       st.sampled_from(["auto", "regulation", "study"]))
def test_no_text_lost_in_arbitrary_text(lines, kind):
    check_no_text_lost("\n".join(lines).split("\n"), kind)


def test_no_text_lost_in_the_seed():
    lines = seed_path().read_text(encoding="utf-8").split("\n")
    check_no_text_lost(lines, "auto")
    report = convert(Source.from_text("seed.txt", "\n".join(lines), "UTF-8")).report
    assert report.removed_lines == {2, 26, 27, 28, 29, 30}
