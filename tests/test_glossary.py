"""The glossary: terms the content uses, quotes that stand in their source word for word,
and tooltips that leave headings, links and book titles as they were."""

from __future__ import annotations

from pathlib import Path

import pytest

from dangjian.core.diagnostics import Diagnostic, Diagnostics
from dangjian.core.project import Project
from dangjian.core.urls import Links
from dangjian.load import loader
from dangjian.pages import glossary_page, tooltips

from .conftest import ROOT, SHARED

GLOSSARY = "data/glossary.yml"

REGULATION = """---
title: 测试条例
category: 条例
status: 现行有效
---

第一条　党支部应当每月开展1次主题党日。

第二条　党员应当按期交纳党费。
"""

VALID = """terms:
  - term: 主题党日
    quote: 党支部应当每月开展1次主题党日。
    source: reg
    at: 第一条
  - term: 党费
    explanation: 党员按规定向党组织交纳的费用。
    wrong: [党废]
wording:
  - right: 社会主义
    wrong: [杜会主义]
"""


def load(root: Path) -> tuple[loader.Content, list[Diagnostic]]:
    diagnostics = Diagnostics()
    content = loader.load(Project.at(root), diagnostics)
    return content, diagnostics.errors


def test_valid_glossary_loads(make_project):
    content, errors = load(make_project({"docs/regulations/reg.md": REGULATION,
                                         GLOSSARY: VALID}))
    assert errors == []
    first, second = content.glossary.terms
    assert first.doc.id == "reg" and first.where() == "《测试条例》第一条"
    assert first.tooltip() == "主题党日：“党支部应当每月开展1次主题党日。”——《测试条例》第一条"
    assert second.tooltip() == "党费：党员按规定向党组织交纳的费用。（本站释义）"
    assert [(w.wrong, w.right, w.line) for w in content.glossary.wrong_forms] == [
        ("党废", "党费", 8), ("杜会主义", "社会主义", 11)]


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "words"),
    [
        pytest.param("quote: 党支部应当每月开展1次", "quote: 党支部应当每周开展1次",
                     3, "terms.0.quote", "引文在《测试条例》第一条中找不到",
                     id="quote-not-in-source"),
        pytest.param("    at: 第一条\n", "    at: 第二条\n", 3, "terms.0.quote",
                     "找不到", id="quote-not-in-that-article"),
        pytest.param("    at: 第一条\n", "    at: 第九条\n", 5, "terms.0.at",
                     "《测试条例》中没有“第九条”", id="unknown-article"),
        pytest.param("source: reg", "source: gre", 4, "terms.0.source",
                     "未知的文件标识 “gre”", id="unknown-source"),
        pytest.param("    explanation: 党员按规定向党组织交纳的费用。\n", "", 6,
                     "terms.1.explanation", "须有本站释义", id="neither-explanation-nor-quote"),
        pytest.param("  - term: 党费", "  - term: 主题党日", 6, "terms.1.term",
                     "“主题党日”重复，已见于第 2 行", id="duplicate-term"),
        pytest.param("wrong: [党废]", "wrong: [党]", 8, "terms.1.wrong.0",
                     "错误写法“党”是规范写法“主题党日”的一部分，会误报",
                     id="wrong-form-inside-right"),
        pytest.param("wrong: [党废]", "wrong: [杜会主义]", 11, "wording.0.wrong.0",
                     "错误写法“杜会主义”重复，已见于第 8 行", id="duplicate-wrong-form"),
        pytest.param("    wrong: [杜会主义]\n", "", 10, "wording.0.wrong", "缺少必填字段",
                     id="formulation-without-wrong-forms"),
        pytest.param("wording:", "wordings:", 9, "wordings", "未知字段", id="unknown-key"),
    ],
)
def test_malformed_glossary(make_project, old, new, line, field, words):
    assert old in VALID
    _, errors = load(make_project({"docs/regulations/reg.md": REGULATION,
                                   GLOSSARY: VALID.replace(old, new)}))
    assert len(errors) == 1, [e.format() for e in errors]
    error = errors[0]
    assert (error.path, error.line, error.field) == (GLOSSARY, line, field), error.format()
    assert error.format().startswith(f"{GLOSSARY}:{line}: 错误: {field}: ")
    assert words in error.message


@pytest.fixture(scope="module")
def shipped() -> loader.Content:
    diagnostics = Diagnostics()
    content = loader.load(Project.at(ROOT), diagnostics)
    assert diagnostics.items == [], [d.format() for d in diagnostics.items]
    return content


REQUIRED = ["两个维护", "四个意识", "四个自信", "两个“一以贯之”", "三重一大", "三会一课", "四风",
            "一先两优", "四同步、四对接", "三基建设", "六条标准", "不忘初心、牢记使命"]


def test_shipped_glossary_has_the_terms_the_content_uses(shipped):
    terms = {term.meta.term: term for term in shipped.glossary.terms}
    assert len(terms) >= 30
    assert set(REQUIRED) <= set(terms)
    texts = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md"))
    if (SHARED / "corpus").is_dir():
        texts += "".join(p.read_text(encoding="utf-8")
                         for p in (SHARED / "corpus").glob("*.txt"))
    unused = [name for name, term in terms.items() if not any(f in texts for f in term.forms)]
    assert unused == []


def test_shipped_terms_say_whose_words_they_are(shipped):
    for term in shipped.glossary.terms:
        assert term.meta.explanation or (term.meta.quote and term.doc is not None)
        if term.meta.explanation:
            assert term.tooltip().endswith("（本站释义）")
    quoted = [t for t in shipped.glossary.terms if t.meta.quote]
    assert len(quoted) >= 10  # each checked word for word against its source at load time


def test_shipped_wording_list(shipped):
    assert len(shipped.glossary.formulations) >= 30
    assert ("杜会主义", "社会主义") in {(w.wrong, w.right) for w in shipped.glossary.wrong_forms}


def test_glossary_page_marks_the_sites_own_words(shipped):
    page = glossary_page.page(shipped.glossary, Links(glossary_page.PAGE, True))
    assert page.count("<dt id=") == len(shipped.glossary.terms)
    assert page.count("本站释义</span>") == sum(1 for t in shipped.glossary.terms
                                             if t.meta.explanation)
    assert '<a href="../regulations/dangyuan-jiaoyu-guanli-tiaoli/#第十六条">' in page
    assert "<s>杜会主义</s>" in page


TERMS = {
    "三会一课": ("三会一课", "三会一课：支部党员大会、支部委员会会议、党小组会和党课。"),
    "主题党日": ("主题党日", "主题党日：每月1次。"),
    "“三基”建设": ("三基建设", "三基建设：基本组织、基本队伍、基本制度。"),
    "三基建设": ("三基建设", "三基建设：基本组织、基本队伍、基本制度。"),
}


def annotate(text: str) -> str:
    return tooltips.annotate(text, TERMS)


def test_first_occurrence_only_and_every_form_counts():
    out = annotate("抓好三会一课和主题党日，三会一课要经常。\n\n持续加强“三基”建设和三基建设。\n")
    assert out.count("<abbr") == 3
    title = TERMS["三会一课"][1]
    assert out.startswith(f'抓好<abbr title="{title}">三会一课</abbr>和<abbr')
    title = TERMS["三基建设"][1]
    assert f'<abbr title="{title}">“三基”建设</abbr>和三基建设' in out


@pytest.mark.parametrize("text", [
    "# 三会一课\n",
    "## 一、加强三会一课 {#2020-4}\n",
    "三会一课\n=======\n",
    "[三会一课](../study/x.md)\n",
    "见[三会一课][ref]。\n\n[ref]: ../study/x.md\n",
    '<a href="x/">三会一课</a>\n',
    "《“三会一课”制度》\n",
    "`三会一课`\n",
    "```\n三会一课\n```\n",
    "\n    三会一课 as code\n",
    '<div class="x">\n三会一课\n</div>\n',
    "---\ntitle: 三会一课\n---\n",
    "{{ doc_link('三会一课') }}\n",
    '!!! note "三会一课"\n',
])
def test_headings_links_titles_and_code_stay_as_written(text):
    assert annotate(text) == text


def test_admonition_body_and_list_items_are_prose():
    text = '!!! info "节选"\n    本站仅收录三会一课的规定。\n\n- 主题党日每月1次\n'
    out = annotate(text)
    assert out.count("<abbr") == 2 and out.startswith('!!! info "节选"\n    本站仅收录<abbr')


def test_tooltip_is_escaped_for_attributes_and_tables():
    out = tooltips.annotate("| 三会一课 | 说明 |\n", {"三会一课": ("三会一课", 'a "b" | <c>')})
    assert out == '| <abbr title="a &quot;b&quot; &#124; &lt;c&gt;">三会一课</abbr> | 说明 |\n'


def test_term_beside_a_link_is_marked_outside_it():
    out = annotate("依据[三会一课](x.md)，开好三会一课。\n")
    assert out == ('依据[三会一课](x.md)，开好<abbr title="三会一课：支部党员大会、支部委员会会议、'
                   '党小组会和党课。">三会一课</abbr>。\n')
