"""Importing Word files: headings, Word's own paragraph numbers and tables survive.

The .docx fixtures are made here with python-docx, so no binary is kept in the repo.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from dangjian.core.diagnostics import Diagnostics
from dangjian.core.project import Project
from dangjian.importer import import_files
from dangjian.importer.docx_reader import read_docx
from dangjian.load import loader


def numbering(document, fmt: str, text: str) -> str:
    """Add a one-level numbering definition to ``document``; return its numId."""
    part = document.part.numbering_part.element
    ids = [int(n.get(qn("w:abstractNumId"))) for n in part.findall(qn("w:abstractNum"))]
    abstract_id = max(ids, default=0) + 10
    part.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl></w:abstractNum>'))
    num_id = str(abstract_id + 100)
    part.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                          f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'))
    return num_id


def numbered(document, text: str, num_id: str):
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return paragraph


def save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def plan_docx() -> tuple[bytes, list[str]]:
    """A work plan as offices write it in Word; also returns every text it holds."""
    document = docx.Document()
    texts = []

    def add(text: str, style: str | None = None, level: int | None = None):
        texts.append(text)
        if level is not None:
            return document.add_heading(text, level)
        return document.add_paragraph(text, style=style)

    add("Z公司2022年党建工作要点", level=0)
    add("2022年工作总体要求是：坚持党建引领。")
    sections = numbering(document, "chineseCounting", "%1、")
    for section in ("加强政治建设", "加强组织建设"):
        texts.append(section)
        numbered(document, section, sections)
        add("一是强化理论学习。组织集中学习十二次。")
        add("二是落实“第一议题”制度。每次党委会先学习。")
    add("责任分工如下：")
    table = document.add_table(rows=3, cols=2)
    for row, cells in enumerate([("事项", "牵头部门"), ("理论学习", "党群工作部"),
                                 ("组织建设", "组织部|人力资源部")]):
        for column, value in enumerate(cells):
            table.cell(row, column).text = value
            texts.append(value)
    add("落实情况年底报告。", style="List Number")
    return save(document), texts


def test_docx_numbering_headings_and_tables_are_read():
    raw, _ = plan_docx()
    source = read_docx(raw, "plan.docx")
    lines = [(line.number, line.text, line.heading) for line in source.lines if line.table is None]
    assert lines[0] == (1, "Z公司2022年党建工作要点", 0)
    assert (3, "一、加强政治建设", None) in lines and (6, "二、加强组织建设", None) in lines
    assert lines[-1][1] == "1.落实情况年底报告。"
    [table] = [line for line in source.lines if line.table is not None]
    assert table.table.splitlines() == [
        "| 事项 | 牵头部门 |", "| --- | --- |", "| 理论学习 | 党群工作部 |",
        "| 组织建设 | 组织部\\|人力资源部 |"]
    assert (source.encoding, source.unit) == ("docx", "段")


def test_docx_work_plan_imports_and_loads(tmp_path):
    raw, texts = plan_docx()
    path = tmp_path / "plan-2022.docx"
    path.write_bytes(raw)
    before = path.read_bytes()
    [report] = import_files([path], out_dir=tmp_path / "docs" / "workplans")
    assert report.written, [d.format() for d in report.diagnostics.items]
    assert path.read_bytes() == before
    assert "读取：docx，" in report.format() and " 段" in report.format()
    diagnostics = Diagnostics()
    content = loader.load(Project.at(tmp_path), diagnostics)
    assert diagnostics.errors == []
    plan = content.inventory.by_id["plan-2022"].structure
    assert [s.id for s in plan.sections] == ["2022-1", "2022-2"]
    assert [i.id for i in plan.items] == ["2022-1-1", "2022-1-2", "2022-2-1", "2022-2-2"]
    assert plan.items[1].title == "落实“第一议题”制度"
    output = (tmp_path / "docs/workplans/plan-2022.md").read_text(encoding="utf-8")
    assert "| 组织建设 | 组织部\\|人力资源部 |" in output
    position = 0
    for text in texts:  # every paragraph and cell, in order
        for char in text:
            position = output.index(char, position) + 1


def test_docx_regulation_with_word_numbered_articles(tmp_path):
    document = docx.Document()
    document.add_heading("Z公司党费管理办法", 0)
    document.add_heading("第一章 总则", 1)
    articles = numbering(document, "chineseCounting", "第%1条")
    numbered(document, "\u3000为了规范党费管理，制定本办法。", articles)
    numbered(document, "\u3000本办法适用于公司党员。", articles)
    document.add_heading("第二章 附则", 1)
    numbered(document, "\u3000本办法自印发之日起施行。", articles)
    path = tmp_path / "dangfei.docx"
    path.write_bytes(save(document))
    [report] = import_files([path], out_dir=tmp_path / "docs" / "regulations")
    assert report.written
    assert (report.counts["章"], report.counts["条"]) == (2, 3)
    diagnostics = Diagnostics()
    content = loader.load(Project.at(tmp_path), diagnostics)
    assert diagnostics.errors == []
    doc = content.inventory.by_id["dangfei"]
    assert [a.anchor for a in doc.structure.articles] == ["第一条", "第二条", "第三条"]
    assert doc.meta.category.value == "办法"


@pytest.mark.parametrize(("fmt", "text", "expected"), [
    ("decimal", "(%1)", ["(1)", "(2)", "(3)"]),
    ("chineseCounting", "（%1）", ["（一）", "（二）", "（三）"]),
    ("decimalEnclosedCircle", "%1", ["①", "②", "③"]),
    ("upperRoman", "%1.", ["I.", "II.", "III."]),
])
def test_docx_number_formats(fmt, text, expected):
    document = docx.Document()
    num_id = numbering(document, fmt, text)
    for _ in expected:
        numbered(document, "内容", num_id)
    lines = read_docx(save(document), "x.docx").lines
    assert [line.text.removesuffix("内容") for line in lines] == expected


def test_docx_page_header_is_mentioned(tmp_path: Path):
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Z公司党委文件"
    document.add_paragraph("正文。")
    source = read_docx(save(document), "x.docx")
    assert source.notes == ["页眉、页脚中的文字未导入"]
