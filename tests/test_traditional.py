"""Traditional script: pinyin glosses reported and stripped on request, a cut-off ending
imported as an excerpt, citations and searches that read it as simplified."""

from __future__ import annotations

import re

import opencc
import pytest

from dangjian.core.diagnostics import Diagnostics
from dangjian.core.project import Project
from dangjian.importer import Source, convert
from dangjian.load import loader
from dangjian.pages import search_fields
from dangjian.text import normalize, regtext, script

from . import corpus_search
from .test_import import corpus_path

TO_TRADITIONAL = opencc.OpenCC("s2t")


def traditional_baxiang() -> str:
    """The 八项规定 text as a web mirror shows it: traditional script, pinyin after some
    characters, cut off in its last line."""
    text = corpus_path("reg-baxiang-guiding.txt").read_text("utf-8").split("\n---\n", 1)[1]
    text = TO_TRADITIONAL.convert(text)
    text = text.replace("改進", "改進(jìn)").replace("簡報", "簡(jiǎn)報")
    return text.rstrip("\n") + "\n5.要改進(jìn)新聞報道，簡(ji"


def han(text: str) -> list[str]:
    return re.findall(r"[\u4e00-\u9fff]", text)


def test_glosses_are_reported_and_kept_unless_stripped():
    text = traditional_baxiang()
    kept = convert(Source.from_text("baxiang.txt", text, "UTF-8"), "regulation", "baxiang.txt")
    count = text.count("(jìn)") + text.count("(jiǎn)")
    assert sum(len(found) for found in kept.report.glosses.values()) == count >= 5
    assert f"拼音注音：{count} 处" in kept.report.format()
    assert "可加 --strip-glosses 删除" in kept.report.format()
    assert "改進(jìn)" in kept.text
    warnings = [d for d in kept.report.diagnostics.warnings if d.field == "gloss"]
    assert warnings and all("(j" in d.message for d in warnings)
    stripped = convert(Source.from_text("baxiang.txt", text, "UTF-8"), "regulation",
                       "baxiang.txt", strip_glosses=True)
    assert "(jìn)" not in stripped.text and "改進調查研究" in stripped.text
    assert "已删除" in stripped.report.format()
    output = iter(han(stripped.text))
    assert all(char in output for char in han(text))  # 0 Han characters lost


def test_a_lone_bracketed_letter_is_not_a_gloss():
    result = convert(Source.from_text("x.txt", "某某办法\n第一条　按附表(a)填写。", "UTF-8"),
                     "regulation", "x.txt")
    assert result.report.glosses == {}


def test_cut_off_traditional_text_is_an_excerpt():
    result = convert(Source.from_text("baxiang.txt", traditional_baxiang(), "UTF-8"),
                     "regulation", "baxiang.txt", strip_glosses=True)
    assert "coverage: 节选" in result.text
    [cut] = [d for d in result.report.diagnostics.warnings if "文本在此中断" in d.message]
    assert "像一个标题" not in " ".join(d.message for d in result.report.diagnostics.warnings)
    assert cut.line == len(traditional_baxiang().split("\n"))


def test_citation_in_traditional_script_has_the_simplified_key():
    assert normalize.form_key("《習近平新時代中國特色社會主義思想學習綱要》") == \
        normalize.form_key("《习近平新时代中国特色社会主义思想学习纲要》")
    assert normalize.loose_key("中國共產黨支部工作條例（試行）") == \
        normalize.loose_key("中国共产党支部工作条例")


def test_traditional_citation_resolves_on_the_site(tmp_path):
    (tmp_path / "docs/regulations").mkdir(parents=True)
    (tmp_path / "docs/regulations/zhibu.md").write_text(
        "---\ntitle: 中国共产党支部工作条例（试行）\ncategory: 条例\nstatus: 现行有效\n---\n\n"
        "第一条　甲。\n", encoding="utf-8")
    (tmp_path / "docs/regulations/other.md").write_text(
        "---\ntitle: 某某办法\ncategory: 办法\nstatus: 现行有效\n---\n\n"
        "第一条　依據《中國共產黨支部工作條例（試行）》制定。\n", encoding="utf-8")
    from dangjian.refs import references

    diagnostics = Diagnostics()
    content = loader.load(Project.at(tmp_path), diagnostics)
    refs, _ = references.resolve(content)
    assert [(ref.target.id, ref.source.rsplit("/", 1)[-1]) for ref in refs.items] == \
        [("zhibu", "other.md")]


def test_fold_table_is_opencc_and_idempotent():
    table = script.table()
    assert table["發"] == "发" and table["學"] == "学" and len(table) > 3000
    assert all(target not in table for target in table.values())
    js = script.fold_script()
    assert "djFold" in js and "djFunctionWords" in js


def test_traditional_document_is_indexed_in_simplified_too(tmp_path):
    (tmp_path / "docs/regulations").mkdir(parents=True)
    body = TO_TRADITIONAL.convert("第一条　要减少陪同人员，简化接待。")
    (tmp_path / "docs/regulations/x.md").write_text(
        f"---\ntitle: {TO_TRADITIONAL.convert('关于改进工作作风的规定')}\ncategory: 规定\n"
        f"status: 现行有效\n---\n\n{body}\n", encoding="utf-8")
    (tmp_path / "docs/regulations/y.md").write_text(
        "---\ntitle: 某某办法\ncategory: 办法\nstatus: 现行有效\n---\n\n第一条　甲。\n",
        encoding="utf-8")
    diagnostics = Diagnostics()
    content = loader.load(Project.at(tmp_path), diagnostics)
    traditional = search_fields.fields_of(content.inventory.by_id["x"]).html()
    assert "减少陪同人员" in traditional and "关于改进工作作风的规定" in traditional
    simplified = search_fields.fields_of(content.inventory.by_id["y"]).html()
    assert "<p>" not in simplified


def test_traditional_articles_are_articles_with_the_simplified_anchors():
    body = regtext.parse(TO_TRADITIONAL.convert("第一编　总则\n第一章　总则\n第一节　任务\n"
                                                "第一条　要减少陪同人员。\n第二条　简化接待。"))
    assert [(a.label, a.anchor) for a in body.articles] == [("第一條", "第一条"),
                                                            ("第二條", "第二条")]
    assert [p.anchor for p in body.parts] == ["第一编"]
    assert [s.anchor for s in body.sections] == ["第一章第一节"]


def test_each_section_of_a_traditional_page_holds_its_own_simplified_copy():
    body = "\n".join(["導言：減少陪同。", "", "### 第一條 { #第一条 }", "", "要簡化接待。",
                      "", "### 第二條 { #第二条 }", "", "嚴禁鋪張浪費。"])
    folded, lead = search_fields.fold_sections("關於改進作風的規定", body)
    assert lead == "关于改进作风的规定 导言：减少陪同。"
    first, second = folded.split("### 第二條")
    assert "要简化接待" in first.split("### 第一條")[1] and "严禁" not in first
    assert "严禁铺张浪费" in second and "dj-search-fields" in second
    assert "减少陪同" not in folded  # the lead's copy is the page's own hidden field


@pytest.mark.skipif(corpus_search.NO_NODE, reason="needs Node.js")
def test_offline_search_folds_both_ways():
    extra = (("baxiang-fanti.txt", traditional_baxiang()),)
    simplified, traditional, title = corpus_search.run(
        ["减少陪同", "減少陪同", "改进工作作风密切联系群众"], extra=extra)
    assert "baxiang-fanti" in [path for path, _ in simplified]
    assert "baxiang-fanti" in [path for path, _ in traditional]
    assert {"baxiang-fanti", "reg-baxiang-guiding"} <= {path for path, _ in title}
