"""Finding citations in text, and turning them into links."""

from __future__ import annotations

from dangjian.core.diagnostics import Diagnostics
from dangjian.core.urls import Links
from dangjian.load.loader import Content
from dangjian.refs import linking
from dangjian.refs.references import resolve
from dangjian.text import citations, regtext, wikilinks

from .test_resolver import regulation


def test_line_numbers_are_file_lines():
    text = "第一段。\n\n依据《甲条例》办理。\n又见《乙办法》。"
    found = citations.find(text, first_line=7)
    assert [(c.title, c.line) for c in found] == [("甲条例", 9), ("乙办法", 10)]


def test_articles_ranges_and_volumes_after_a_citation():
    text = ("按《甲条例》第十条至第十二条、第15条第二款和《乙条例》的第一章办理，"
            "学习《丙》第三卷。")
    first, second, third = citations.find(text)
    assert [(d.unit, d.number) for d in first.divisions] == [("条", 10), ("条", 12), ("条", 15)]
    assert text[first.divisions[2].start:first.divisions[2].end] == "第15条第二款"
    assert [(d.unit, d.number) for d in second.divisions] == [("章", 1)]
    assert (third.volume, third.divisions) == ("第三卷", ())


def test_article_numbers_not_right_after_a_citation_are_not_taken():
    (found,) = citations.find("《甲条例》规定，第十条另有说明。")
    assert found.divisions == ()


def test_empty_book_marks_are_not_citations():
    # As kept from a source that lost the title (docs/regulations/guoqi-…): no citation,
    # no warning.
    assert citations.find("根据《》和有关法律，依据《 》制定。") == []


def test_code_templates_html_and_links_are_not_searched():
    text = ("`《甲》` ``《乙》``\n```\n《丙》\n```\n{{ doc_link(\"《丁》\") }} "
            '<span title="《戊》">x</span> [《己》](x.md) <a href="y">《庚》</a> 《辛》')
    assert [c.title for c in citations.find(text)] == ["辛"]


def test_a_stray_backtick_does_not_hide_the_next_paragraphs():
    text = "一个孤立的 ` 反引号。\n\n依据《甲条例》。\n\n又一个 ` 反引号。"
    assert [c.title for c in citations.find(text)] == ["甲条例"]


def test_context_is_the_sentence():
    text = "前一句。后一句提到《甲条例》第十条，并继续说明；再一句。"
    (found,) = citations.find(text)
    assert str(found.context) == "后一句提到《甲条例》第十条，并继续说明；"
    assert found.context.cited == "《甲条例》第十条"


def test_long_sentences_are_cut_around_the_citation():
    text = "长" * 200 + "《甲》" + "尾" * 200 + "。"
    (found,) = citations.find(text)
    assert found.context.before.startswith("…") and found.context.after.endswith("…")
    assert len(str(found.context)) < 140


def test_wikilinks():
    text = "见 [[支部工作条例#第十条]]、[[x-2020#2020-1-1|第一项]] 和 [[《党章》]]。\n`[[代码]]`"
    links = wikilinks.find(text, first_line=3)
    assert [(w.target, w.anchor, w.label, w.line) for w in links] == [
        ("支部工作条例", "第十条", "", 3), ("x-2020", "2020-1-1", "第一项", 3),
        ("党章", "", "", 3)]


def _content(*docs) -> Content:
    content = Content()
    diagnostics = Diagnostics()
    for doc in docs:
        content.inventory.add(doc, diagnostics)
    assert not diagnostics
    return content


def test_render_links_titles_and_articles():
    reg = regulation("jia", "甲条例（试行）")
    reg.structure = regtext.parse("第一章　总则\n\n第十条　甲。\n\n第十一条　乙。\n\n"
                                  "第十二条　丙。")
    content = _content(reg)
    refs, _ = resolve(content)
    page = "workplans/2020.md"
    html = linking.render("依据《甲条例》第十条至第十二条、第九十条和《未知》。", refs, page,
                          Links(page, True))
    href = "../../regulations/jia/"
    assert f'<a class="dj-cite" href="{href}" title="《甲条例（试行）》">《甲条例》</a>' in html
    assert f'href="{href}#第十条"' in html and f'href="{href}#第十二条"' in html
    assert "第九十条和《未知》。" in html  # not held, not known: plain text
    assert html.count("<a ") == 3


def test_render_explicit_links():
    reg = regulation("jia", "甲条例")
    reg.structure = regtext.parse("第一章　总则\n\n第一条　甲。")
    refs, _ = resolve(_content(reg))
    links = Links("index.md", False)
    html = linking.render("见[[甲条例#第1条]]和[[jia|甲]]。", refs, "index.md", links)
    assert ('<a class="dj-link" href="regulations/jia.html#第一条" title="《甲条例》">'
            "《甲条例》第一条</a>") in html
    assert '<a class="dj-link" href="regulations/jia.html" title="《甲条例》">甲</a>' in html
