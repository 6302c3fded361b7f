"""Every level of official-document structure on import and on the site: 编, 总纲, 附则
and 附件 as headings, 款 and 项 counted, work-plan tasks in every numbering, 题注 and
落款 dates, a .docx header block, repeated article numbers warned, numerals of any size,
and a text that stops mid-sentence imported as an excerpt."""

from __future__ import annotations

import io
import re

import docx
import pytest

from dangjian.core.diagnostics import Diagnostics
from dangjian.core.project import Project
from dangjian.importer import Source, convert, import_files
from dangjian.load import loader
from dangjian.text import numerals, regtext

from .test_import import corpus_path, import_one, load_project


def text_of(lines: list[str]) -> str:
    return "\n".join(lines)


def converted(text: str, name: str = "x.txt", kind: str = "auto"):
    return convert(Source.from_text(name, text, "UTF-8"), kind, name)


def han(text: str) -> list[str]:
    return re.findall(r"[\u4e00-\u9fff]", text)


# --- numerals --------------------------------------------------------------------


@pytest.mark.parametrize(("text", "value"), [
    ("一", 1), ("十", 10), ("十一", 11), ("一百零九", 109), ("一千零一", 1001),
    ("一万", 10_000), ("一万零一", 10_001), ("十二万零五", 120_005), ("两千", 2000),
    ("一亿零一万", 100_010_000), ("一万二千三百四十五", 12_345),
])
def test_numerals_of_any_size(text, value):
    assert numerals.to_int(text) == value
    assert numerals.to_int(numerals.from_int(value)) == value


def test_numeral_round_trip_across_the_ten_thousands():
    for value in (*range(1, 1200), 9999, 10_000, 10_010, 10_100, 100_000, 1_000_001):
        assert numerals.to_int(numerals.from_int(value)) == value
    assert numerals.to_int("万") is None


def test_article_ten_thousand_is_an_article():
    body = regtext.parse("第九千九百九十九条　甲。\n\n第一万条　乙。")
    assert [a.anchor for a in body.articles] == ["第九千九百九十九条", "第一万条"]
    assert [a.number for a in body.articles] == [9999, 10_000]


# --- regtext: 编, 总纲, 附则, 附件, 款, 项, warnings ---------------------------------------


BIAN = text_of([
    "第一编　总则", "", "第一章　指导思想", "", "第一条　为了严明纪律，制定本条例。", "",
    "第二编　分则", "", "第二章　对违反政治纪律行为的处分", "",
    "第二条　有下列行为之一的，给予警告处分：", "", "（一）甲；", "", "（二）乙。", "",
    "情节较重的，给予撤销党内职务处分。", "",
    "附则", "", "第三条　本条例自发布之日起施行。", "", "附件1", "", "表格说明。",
])


def test_parts_hold_chapters_one_level_down():
    body = regtext.parse(BIAN)
    assert [(p.unit, p.anchor) for p in body.parts] == \
        [("编", "第一编"), ("编", "第二编"), ("", "附则"), ("", "附件1")]
    staged = body.staged
    assert "## 第一编　总则 { #第一编 .dj-part }" in staged
    assert "### 第一章　指导思想 { #第一章 .dj-chapter }" in staged
    assert "#### 第一条 { #第一条 .dj-article }" in staged
    assert "## 附则 { #附则 .dj-part }" in staged and "## 附件1 { #附件1 .dj-part }" in staged
    assert {"第一编", "附则", "附件1"} <= body.anchors


def test_articles_know_their_paragraphs_and_items():
    second = regtext.parse(BIAN).articles[1]
    assert [(c.unit, c.number) for c in second.clauses] == \
        [("款", 1), ("项", 1), ("项", 2), ("款", 2)]


def test_general_programme_with_spaces_is_a_heading_before_the_chapters():
    body = regtext.parse("总　纲\n\n中国共产党是……\n\n第一章　党员\n\n第一条　甲。")
    assert [p.label for p in body.parts] == ["总纲"]
    assert "## 总　纲 { #总纲 .dj-part }" not in body.staged
    assert "## 总纲 { #总纲 .dj-part }" in body.staged
    assert "## 第一章　党员 { #第一章 .dj-chapter }" in body.staged


def test_a_part_word_inside_a_sentence_is_text():
    body = regtext.parse("第一条　本条例附则另有规定的，从其规定。\n\n总纲规定……")
    assert body.parts == []


def test_repeated_and_backward_article_numbers_are_warned_with_lines():
    body = regtext.parse(text_of(["第一条　甲。", "", "第二条　乙。", "", "第二条　丙。", "",
                                  "第一条　丁。", "", "第三条　戊。", "", "第二条规定的，从之。"]))
    assert [a.anchor for a in body.articles] == ["第一条", "第二条", "第三条"]
    assert [warning.line for warning in body.warnings] == [5, 7]
    assert "第二条重复（第 3 行已有第二条）" in body.warnings[0].message()
    assert "第一条出现在第二条之后，编号倒序" in body.warnings[1].message()


def test_site_loader_reports_a_repeated_article(tmp_path):
    (tmp_path / "docs/regulations").mkdir(parents=True)
    (tmp_path / "docs/regulations/x.md").write_text(
        "---\ntitle: 某某办法\ncategory: 办法\nstatus: 现行有效\n---\n\n第一条　甲。\n\n"
        "第一条　乙。\n", encoding="utf-8")
    diagnostics = Diagnostics()
    loader.load(Project.at(tmp_path), diagnostics)
    [warning] = [d for d in diagnostics.warnings if d.field == "article"]
    assert warning.line == 9 and "重复" in warning.message


# --- the importer on the corpus and on hand-made variants ---------------------------


def test_charter_general_programme_and_chapters(tmp_path):
    report = import_one(corpus_path("reg-dangzhang-2017.txt"), tmp_path)
    assert report.counts["总纲"] == 1 and "总纲 1" in report.format()
    doc = load_project(tmp_path).inventory.by_id["reg-dangzhang-2017"]
    assert [p.label for p in doc.structure.parts] == ["总纲"]
    assert len(doc.structure.chapters) == 11 and len(doc.structure.articles) == 55
    staged = doc.structure.staged
    assert staged.index("## 总纲") < staged.index("## 第一章")
    assert report.counts["项"] > 40 and report.counts["款"] >= 55


def test_parts_in_a_long_regulation_are_counted_and_kept(tmp_path):
    report = converted(text_of(["中国共产党纪律处分条例", *BIAN.split("\n")]), "chufen.txt")
    assert "编 2，章 2，节 0，条 3" in report.report.format()
    assert report.report.counts["附则"] == 1 and report.report.counts["附件"] == 1
    assert report.report.counts["项"] == 2 and report.report.counts["款"] == 4
    output = iter(han(report.text))
    assert all(char in output for char in han(BIAN))  # every Han character, in order


def test_repeated_article_is_warned_by_the_importer():
    report = converted(text_of(["某某办法", "第一条　甲。", "第二条　乙。", "第二条　丙。"]))
    [warning] = [d for d in report.report.diagnostics.warnings if d.field == "article"]
    assert warning.line == 4 and "第二条重复（第 3 行已有第二条）" in warning.message


def plan(numbering: str, count: int = 20) -> str:
    lines = ["某某中学2021年党建工作要点", "2021年，学校党委坚持以党建引领发展。"]
    sections = ["一、加强政治建设", "二、加强组织建设", "三、加强作风建设", "四、加强纪律建设"]
    per = count // len(sections)
    task = 0
    for section in sections:
        lines.append(section)
        for _ in range(per):
            task += 1
            mark = numbering.format(n=task, cn=numerals.from_int(task))
            lines.append(f"{mark}抓好第{task}项任务。按计划推进，年底前完成。")
    return text_of(lines)


@pytest.mark.parametrize("numbering", ["{n}.", "{n}、", "({n})", "（{cn}）", "（{n}）"])
def test_plan_tasks_in_every_numbering_are_items_with_ids(numbering, tmp_path):
    (tmp_path / "docs/workplans").mkdir(parents=True)
    path = tmp_path / "plan-2021.txt"
    path.write_text(plan(numbering), encoding="utf-8")
    [report] = import_files([path], out_dir=tmp_path / "docs/workplans")
    assert report.written, report.format()
    assert (report.counts["部分"], report.counts["事项"]) == (4, 20)
    # Counted once, as tasks: not also as the numbered lines of an article (列项).
    assert "列项" not in report.format() and "（一）" not in report.format(), report.format()
    structure = load_project(tmp_path).inventory.by_id["plan-2021"].structure
    assert [i.id for i in structure.items][:6] == \
        ["2021-1-1", "2021-1-2", "2021-1-3", "2021-1-4", "2021-1-5", "2021-2-1"]
    first = structure.items[0]
    assert first.marker == numbering.format(n=1, cn="一") and first.title == "抓好第1项任务"
    assert first.text.strip() == "按计划推进，年底前完成。"


def test_plan_with_sub_heads_takes_the_sentences_as_tasks():
    text = text_of(["某某2021年党建工作要点", "一、加强政治建设", "（一）强化理论武装",
                    "1.组织集中学习。每月一次。", "2.开展专题研讨。每季度一次。",
                    "（二）严肃政治生活", "3.开好民主生活会。年底前召开。"])
    result = converted(text)
    assert result.report.counts["事项"] == 3, result.text
    assert "### 1.组织集中学习。 {#2021-1-1}" in result.text
    summary = result.report.format()
    assert "事项 3" in summary and "（一） 2" in summary and "列项" not in summary, summary


def test_yi_shi_items_still_win_over_numbered_lines():
    text = text_of(["某某2021年党建工作要点", "一、加强政治建设", "一是强化理论武装。每月学习。",
                    "二是严肃政治生活。", "1.附：学习书目。"])
    result = converted(text)
    assert result.report.counts["事项"] == 2


def test_unbracketed_note_gives_the_date_and_is_not_the_title():
    result = converted(text_of(["中国共产党第二十次全国代表大会部分修改，2022年10月22日通过",
                                "第一条　甲。", "第二条　乙。"]), "zhangcheng.txt")
    assert "issued: 2022-10-22" in result.text
    assert "title: zhangcheng" in result.text  # the note is not taken for the title


def test_date_of_an_issuing_notice_signature():
    result = converted(text_of([
        "中共中央办公厅关于印发《中国共产党某某条例》的通知", "中办发〔2019〕12号",
        "各省、自治区、直辖市党委：",
        "《中国共产党某某条例》已经党中央同意，现印发给你们，请认真贯彻执行。",
        "中共中央办公厅", "2019年5月6日", "中国共产党某某条例", "第一章　总则",
        "第一条　为了规范工作，制定本条例。", "第二条　本条例自2019年6月1日起施行。"]))
    assert "number: 中办发〔2019〕12号" in result.text
    assert "issued: 2019-05-06  # 待核对：取自第 6 行印发通知的落款日期" in result.text


def save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_header_block_is_metadata(tmp_path):
    document = docx.Document()
    for line in ("title: 某某公司党委理论学习中心组学习制度", "issuer: 某某公司党委",
                 "issued: 2021-03-01", "---"):
        document.add_paragraph(line)
    document.add_paragraph("某某公司党委理论学习中心组学习制度")
    document.add_paragraph("一、中心组每月集中学习一次。")
    path = tmp_path / "zhidu.docx"
    path.write_bytes(save(document))
    [report] = import_files([path], "study", out_dir=tmp_path / "docs/study")
    assert report.written and report.header_lines == [1, 2, 3, 4]
    output = (tmp_path / "docs/study/zhidu.md").read_text(encoding="utf-8")
    assert "title: 某某公司党委理论学习中心组学习制度\n" in output
    assert "issuer:" not in output.split("---", 2)[2] and "title:" not in output.split("---", 2)[2]
    assert "date: 2021-03-01" in output


def test_docx_parts_and_general_programme_from_heading_styles(tmp_path):
    document = docx.Document()
    document.add_heading("某某条例", 0)
    document.add_heading("总　纲", 3)
    document.add_paragraph("本条例的总的要求。")
    document.add_heading("第一编　总则", 1)
    document.add_heading("第一章　任务", 1)
    document.add_paragraph("第一条　甲。")
    document.add_heading("第二编　分则", 1)
    document.add_heading("第二章　处分", 1)
    document.add_paragraph("第二条　乙。")
    path = tmp_path / "tiaoli.docx"
    path.write_bytes(save(document))
    [report] = import_files([path], out_dir=tmp_path / "docs/regulations")
    assert report.written, report.format()
    assert (report.counts["编"], report.counts["章"], report.counts["总纲"]) == (2, 2, 1)
    structure = load_project(tmp_path).inventory.by_id["tiaoli"].structure
    staged = structure.staged
    assert "## 总纲 { #总纲 .dj-part }" in staged
    assert "## 第一编　总则 { #第一编 .dj-part }" in staged
    assert "### 第一章　任务 { #第一章 .dj-chapter }" in staged


def test_cut_off_ending_makes_an_excerpt_not_a_heading():
    text = text_of(["某某學習制度", "一、學習內容", "1.學習黨章。", "2.學習條例。", "3.簡(ji"])
    result = converted(text, kind="study")
    warnings = [d for d in result.report.diagnostics.warnings]
    assert [d.line for d in warnings if "文本在此中断" in d.message] == [5]
    assert not any("像一个标题" in d.message for d in warnings)
    assert "coverage" not in result.text  # study documents carry no coverage
    reg = converted(text_of(["某某办法", "第一条　甲。", "第二条　各级党组织应当加强对"]))
    assert "coverage: 节选  # 待核对：第 3 行文本中断" in reg.text


def test_signature_at_the_end_is_not_a_cut():
    result = converted(text_of(["某某办法", "第一条　甲。", "第二条　乙。", "中共某某委员会"]))
    assert "coverage: 全文" in result.text
