"""``dangjian import``: the seed becomes the shipped work plan, every corpus text keeps its
chapters and articles, nothing is overwritten, and the report says what it did."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dangjian.core.diagnostics import Diagnostics
from dangjian.core.project import Project
from dangjian.importer import Source, convert, import_files
from dangjian.load import loader

from .conftest import ROOT, SHARED, seed_path

CORPUS = SHARED / "corpus"

# Per corpus file (see tests/fixtures/shared/corpus/README.md): the kind chosen by --kind auto,
# chapters, articles, and what else the report must count.
CORPUS_EXPECTED: dict[str, tuple[str, int, int, dict[str, int]]] = {
    "reg-dangyuan-jiaoyu-guanli-tiaoli.txt": ("regulation", 10, 46, {"列项": 10}),
    "doc-dang-de-zhengzhi-jianshe-yijian.txt": ("regulation", 0, 0, {"一、": 6, "（一）": 20}),
    "reg-zhibu-gongzuo-tiaoli-part-a.txt": ("regulation", 1, 2, {}),
    "reg-zhibu-gongzuo-tiaoli-part-b.txt": ("regulation", 1, 3, {"列项": 2}),
    "reg-qingshi-baogao-tiaoli-part-ch2.txt": ("regulation", 1, 6, {}),
    "reg-qingshi-baogao-tiaoli-part-ch4.txt": ("regulation", 1, 6, {}),
    "doc-dangnei-zhengzhi-shenghuo-zhunze.txt": ("regulation", 0, 0, {"一、": 12}),
    "reg-guoqi-jiceng-zuzhi-tiaoli.txt": ("regulation", 2, 4, {"列项": 5}),
    "reg-baxiang-guiding.txt": ("regulation", 0, 0, {"列项": 4}),
    "zhidu-sanhui-yike-zzuit.txt": ("study", 0, 0, {"列项": 5}),
    "zhidu-sanhui-yike-zuzhi-shenghuo-seu.txt": ("study", 0, 0, {"列项": 9}),
    "zhidu-zhongxinzu-xuexi-zznu-lgbc.txt": ("study", 0, 0, {"列项": 8}),
    "reg-dangzhang-2017.txt": ("regulation", 11, 55, {"列项": 46}),
    "reg-fazhan-dangyuan-xize-2026.txt": ("regulation", 7, 44, {"列项": 13}),
    "reg-jiguan-jiceng-zuzhi-tiaoli-2019.txt": ("regulation", 9, 43, {"列项": 28}),
    "reg-lixing-jieyue-tiaoli-2025.txt": ("regulation", 11, 63, {"列项": 12}),
}


def corpus_path(name: str) -> Path:
    return CORPUS / name


def load_project(root: Path) -> loader.Content:
    diagnostics = Diagnostics()
    content = loader.load(Project.at(root), diagnostics)
    assert diagnostics.errors == [], [d.format() for d in diagnostics.errors]
    return content


def import_one(path: Path, root: Path, kind: str = "auto", **options):
    (root / "docs").mkdir(parents=True, exist_ok=True)
    cwd = Path.cwd()
    os.chdir(root)
    try:
        [report] = import_files([path], kind, **options)
    finally:
        os.chdir(cwd)
    return report


def text_source(text: str, name: str = "test.txt") -> Source:
    return Source.from_text(name, text, "UTF-8")


# --- acceptance: the seed ----------------------------------------------------------


@pytest.fixture(scope="module")
def shipped_plan():
    diagnostics = Diagnostics()
    content = loader.load(Project.at(ROOT), diagnostics)
    return content.inventory.by_id["x-2020"]


@pytest.fixture(scope="module")
def imported_plan(tmp_path_factory):
    root = tmp_path_factory.mktemp("seed")
    report = import_one(seed_path(), root)
    assert report.written, report.format()
    doc = load_project(root).inventory.by_id["workpoints-2020"]
    return doc, report, root


def test_seed_imports_as_the_shipped_plan(shipped_plan, imported_plan):
    doc, _, _ = imported_plan
    shipped, plan = shipped_plan.structure, doc.structure
    assert doc.kind.name == "workplan"
    assert (doc.title, doc.meta.year) == (shipped_plan.title, 2020)
    assert plan.preamble.strip() == shipped.preamble.strip()
    assert [(s.id, s.marker, s.title, s.intro.strip()) for s in plan.sections] == \
        [(s.id, s.marker, s.title, s.intro.strip()) for s in shipped.sections]
    assert [(i.id, i.marker, i.heading, i.title, i.text.strip()) for i in plan.items] == \
        [(i.id, i.marker, i.heading, i.title, i.text.strip()) for i in shipped.items]
    assert len(plan.sections) == 6 and len(plan.items) == 16


def test_seed_body_is_the_shipped_body_byte_for_byte(shipped_plan, imported_plan):
    doc, _, _ = imported_plan
    assert doc.body == shipped_plan.body


def test_seed_report(imported_plan):
    _, report, _ = imported_plan
    text = report.format()
    assert "读取：UTF-8，30 行" in text
    assert "部分 6，事项 16" in text and "章 0，节 0，条 0" in text
    assert "空白行 5 行（第 2、27–30 行，其中 2 行只有不换行空格）" in text
    assert "网站广告 1 行：第 26 行" in text
    [dropped] = [d for d in report.diagnostics.warnings if d.field == "noise"]
    assert dropped.line == 26
    assert "公文写作门户网站，请认准笔杆子家园（www.biganzijiayuan.com）" in dropped.message
    assert report.doubtful_lines == []


def test_seed_front_matter_marks_guesses_for_review(imported_plan):
    _, _, root = imported_plan
    text = (root / "docs/workplans/workpoints-2020.md").read_text(encoding="utf-8")
    head = text.split("---")[1]
    assert "year: 2020  # 待核对：从标题推断" in head
    assert "organization: X企业  # 待核对" in head
    assert "source: 导入自 workpoints-2020.txt\n" in head


def test_seed_keeps_citations_and_the_typo(imported_plan):
    doc, _, _ = imported_plan
    assert doc.body.count("《") == seed_path().read_text(encoding="utf-8").count("《")
    assert "杜会主义" in doc.body


# --- acceptance: the corpus ---------------------------------------------------------


def test_every_corpus_file_has_expectations():
    assert {p.name for p in CORPUS.glob("*.txt")} == set(CORPUS_EXPECTED)


@pytest.mark.parametrize("name", CORPUS_EXPECTED)
def test_corpus_text_keeps_chapters_and_articles(name, tmp_path):
    kind, chapters, articles, counts = CORPUS_EXPECTED[name]
    path = corpus_path(name)
    report = import_one(path, tmp_path / "auto")
    assert report.written, report.format()
    assert report.kind.name == kind
    assert (report.counts["章"], report.counts["条"]) == (chapters, articles)
    for what, number in counts.items():
        assert report.counts[what] == number, (what, report.format())
    assert report.header_lines == list(range(1, 10))
    # Loaded back as a regulation, the site's loader finds the same divisions.
    as_regulation = import_one(path, tmp_path / "reg", "regulation")
    doc = load_project(tmp_path / "reg").inventory.by_id[path.stem]
    assert (len(doc.structure.chapters), len(doc.structure.articles)) == (chapters, articles)
    assert as_regulation.counts["条"] == articles


def test_full_regulation_articles_and_metadata(tmp_path):
    import_one(corpus_path("reg-dangyuan-jiaoyu-guanli-tiaoli.txt"), tmp_path)
    doc = load_project(tmp_path).inventory.by_id["reg-dangyuan-jiaoyu-guanli-tiaoli"]
    anchors = [a.anchor for a in doc.structure.articles]
    assert anchors[9] == "第十条" and anchors[-1] == "第四十六条"
    assert [c.anchor for c in doc.structure.chapters][-1] == "第十章"
    meta = doc.meta
    assert (meta.title, meta.issuer, str(meta.effective)) == \
        ("中国共产党党员教育管理工作条例", "中共中央", "2019-05-06")
    assert meta.issued is None  # the header leaves it empty; nothing is invented
    assert (meta.category.value, meta.status.value, meta.coverage.value) == \
        ("条例", "待核实", "全文")
    text = (tmp_path / "docs/regulations/reg-dangyuan-jiaoyu-guanli-tiaoli.md").read_text("utf-8")
    assert "category: 条例  # 待核对：从标题末尾的“条例”推断" in text
    assert "note:" not in text  # the collector's English note is not the document's


def test_partial_text_is_an_excerpt_and_its_cut_is_doubted(tmp_path):
    report = import_one(corpus_path("reg-guoqi-jiceng-zuzhi-tiaoli.txt"), tmp_path)
    doc = load_project(tmp_path).inventory.by_id["reg-guoqi-jiceng-zuzhi-tiaoli"]
    assert doc.meta.coverage.value == "节选"
    assert str(doc.meta.issued) == "2019-12-30"
    [cut] = [d for d in report.diagnostics.warnings if d.field == "text"]
    assert cut.line == 21 and "文本在此中断" in cut.message
    assert report.doubtful_lines == [21]


def test_sub_heads_numbered_through_the_document_are_in_sequence(tmp_path):
    report = import_one(corpus_path("doc-dang-de-zhengzhi-jianshe-yijian.txt"), tmp_path)
    assert report.doubtful_lines == []
    text = (tmp_path / "docs/regulations/doc-dang-de-zhengzhi-jianshe-yijian.md").read_text("utf-8")
    assert "\n## 一、加强党的政治建设的总体要求\n" in text
    assert "\n### （二十）加强监督问责\n" in text


# --- structure ---------------------------------------------------------------------


REGULATION = """X公司党建工作管理办法
（2020年3月1日X公司党委会议审议通过　2020年3月5日X公司党委印发）
第一章　总则
第一条　为了规范党建工作，制定本办法。
第二条　本办法适用于公司各级党组织。
第二章　职责
第三条　党委履行下列职责：
（一）把方向
（二）管大局
第四条　本办法第十条规定的事项，按照有关规定办理。
第十条规定的事项，由党委会研究决定。
第五条　本办法自印发之日起施行。
附件1
党建工作责任清单
"""


def test_articles_lists_and_citations_of_articles(tmp_path):
    conversion = convert(text_source(REGULATION))
    report = conversion.report
    assert report.kind.name == "regulation"
    assert (report.counts["章"], report.counts["条"], report.counts["列项"]) == (2, 5, 2)
    assert report.counts["附件"] == 1
    # “第十条规定的事项……” quotes an article: it is text, and the report says so.
    [doubt] = [d for d in report.diagnostics.warnings if d.field == "article"]
    assert doubt.line == 11 and "第十条" in doubt.message
    body = conversion.text.split("---\n", 2)[2]
    assert "\n（一）把方向\n" in body  # a list inside an article stays a paragraph
    assert "\n## 附件1\n" in body


def test_regulation_dates_issuer_and_category_are_guessed(tmp_path):
    text = convert(text_source(REGULATION)).text
    head = text.split("---")[1]
    assert "title: X公司党建工作管理办法  # 待核对：取自第 1 行" in head
    assert "issuer: X公司党委  # 待核对：从第 2 行的题注推断" in head
    assert "issued: 2020-03-05  # 待核对：从第 2 行的题注推断" in head
    assert "effective: 2020-03-05  # 待核对：第 12 行：自印发之日起施行" in head
    assert "category: 办法  # 待核对" in head
    assert "status: 待核实  # 待核对" in head


def test_numbers_up_to_one_hundred_ninety_nine_and_arabic(tmp_path):
    from dangjian.text import numerals

    lines = ["大型条例"]
    for n in range(1, 200):
        if n % 20 == 1:
            lines.append(f"第{numerals.from_int(n // 20 + 1)}章　第{n // 20 + 1}部分")
        lines.append(f"第{numerals.from_int(n)}条　第{n}条的内容。")
    root = tmp_path / "cn"
    (root / "docs").mkdir(parents=True)
    (root / "big.txt").write_text("\n".join(lines), encoding="utf-8")
    report = import_one(root / "big.txt", root)
    assert (report.counts["章"], report.counts["条"]) == (10, 199)
    doc = load_project(root).inventory.by_id["big"]
    assert doc.structure.articles[-1].anchor == "第一百九十九条"
    arabic = "阿拉伯数字条例\n" + "\n".join(f"第{n}条 内容{n}。" for n in range(1, 13))
    assert convert(text_source(arabic)).report.counts["条"] == 12


def test_headings_sequence_gaps_and_supplementary_provisions():
    text = ("某某学习制度\n一、总体要求\n正文。\n三、主要内容\n（一）学习\n正文。\n"
            "（二）研讨\n正文。\n附则\n本制度自发布之日起执行。\n")
    conversion = convert(text_source(text))
    body = conversion.text.split("---\n", 2)[2]
    assert "\n## 一、总体要求\n" in body and "\n### （一）学习\n" in body
    assert "\n## 附则\n" in body
    [gap] = [d for d in conversion.report.diagnostics.warnings if d.field == "structure"]
    assert gap.line == 4 and "编号不连续" in gap.message
    assert conversion.report.counts["附则"] == 1


def test_workplan_items_first_sentence_and_anchors():
    text = ("Y公司2021年党建工作要点\n一、抓好政治建设\n一是加强学习。深入学习“两个维护”。\n"
            "二是完善机制！健全制度。\n另起一段。\n二、抓好基层组织\n一是建强支部。\n")
    conversion = convert(text_source(text))
    body = conversion.text.split("---\n", 2)[2]
    assert ("## 一、抓好政治建设 {#2021-1}\n\n### 一是加强学习。 {#2021-1-1}\n\n"
            "深入学习“两个维护”。") in body
    assert "### 二是完善机制！ {#2021-1-2}\n\n健全制度。\n\n另起一段。" in body
    assert "### 一是建强支部。 {#2021-2-1}\n" in body
    assert (conversion.report.counts["部分"], conversion.report.counts["事项"]) == (2, 3)


def test_markdown_signs_at_line_starts_are_escaped():
    text = "学习材料\n1. 不是列表。\n# 不是标题\n- 不是列表\n---\n{{ 不是宏 }}\n"
    body = convert(text_source(text), "study").text.split("---\n", 2)[2]
    assert "1\\. 不是列表。" in body and "\\# 不是标题" in body and "\\- 不是列表" in body
    assert "\\---" in body and "\\{{ 不是宏 }}" in body


def test_title_with_book_marks_is_kept_in_the_text():
    text = "关于印发《党支部工作细则》的通知\n各党支部：\n现将《党支部工作细则》印发给你们。\n"
    conversion = convert(text_source(text), "regulation")
    head, body = conversion.text.split("---\n", 2)[1:]
    assert "title: 关于印发〈党支部工作细则〉的通知  # 待核对：标题中的书名号已改为〈〉" in head
    assert body.lstrip().startswith("关于印发《党支部工作细则》的通知")


# --- cleaning and noise ------------------------------------------------------------


def test_trailing_debris_is_dropped_with_a_quote_and_debris_inside_is_kept():
    text = ("某某学习材料\n正文第一段。\n更多内容请认准本站网址\n正文第二段。\n\u00a0\n"
            "分享到：微信 微博 QQ空间\nhttps://example.org/a/b.html\n版权所有 © 2020 某网站\n\n")
    conversion = convert(text_source(text))
    report = conversion.report
    assert [(d.line, d.reason) for d in report.dropped] == \
        [(6, "分享、打印等网页按钮文字"), (7, "网址"), (8, "网站版权信息")]
    messages = [d.format() for d in report.diagnostics.warnings]
    assert "test.txt:7: 警告: noise: 已删除（网址）：“https://example.org/a/b.html”" in messages
    kept = [d for d in report.diagnostics.warnings if d.line == 3]
    assert kept and "已保留" in kept[0].message
    assert "更多内容请认准本站网址" in conversion.text
    assert "分享到" not in conversion.text and "example.org" not in conversion.text
    assert report.nbsp_lines == [5] and report.blank_lines == [5, 9, 10]


def test_leading_indentation_and_inner_nbsp_are_cleaned():
    text = "\u3000\u3000学习材料\n\u3000\u3000第一段\u00a0正文。\n\t第二段。  \n"
    conversion = convert(text_source(text), "study")
    assert "\n第一段 正文。\n\n第二段。\n" in conversion.text
    assert conversion.report.nbsp_inside == 1


# --- encodings ---------------------------------------------------------------------


@pytest.mark.parametrize(("codec", "named", "newline"), [
    ("utf-8", "UTF-8", "\n"),
    ("utf-8-sig", "UTF-8（带 BOM）", "\n"),
    ("gb18030", "GB18030", "\r\n"),
    ("gbk", "GBK", "\r\n"),
    ("utf-16", "UTF-16", "\n"),
])
def test_encodings_are_detected_and_named(tmp_path, codec, named, newline):
    text = seed_path().read_text(encoding="utf-8")
    if codec == "gbk":
        text = text.replace("\u00a0", " ")  # GBK has no non-breaking space
    path = tmp_path / "in" / "workpoints-2020.txt"
    path.parent.mkdir()
    path.write_bytes(text.replace("\n", newline).encode(codec))
    report = import_one(path, tmp_path / "project")
    assert report.encoding == named and f"读取：{named}，30 行" in report.format()
    written = (tmp_path / "project/docs/workplans/workpoints-2020.md").read_text("utf-8")
    assert written.split("---\n", 2)[2] == \
        (ROOT / "docs/workplans/2020.md").read_text("utf-8").split("---\n", 2)[2]


def test_undecodable_file_names_file_line_and_field(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes("第一行\n".encode() + b"\x80\x81\xfe\xff abc\n")
    report = import_one(path, tmp_path)
    [error] = report.diagnostics.errors
    assert (error.line, error.field) == (2, "encoding")
    assert error.format().startswith("bad.txt:2: 错误: encoding: ")
    assert not report.written


# --- safe output -------------------------------------------------------------------


def fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def test_never_overwrites_without_force_and_never_touches_input(tmp_path):
    source = tmp_path / "in" / "reg.txt"
    source.parent.mkdir()
    source.write_text(REGULATION, encoding="utf-8")
    before = fingerprint(source)
    first = import_one(source, tmp_path)
    target = tmp_path / "docs/regulations/reg.md"
    assert first.written and target.is_file()
    target.write_text("已修改\n", encoding="utf-8")
    second = import_one(source, tmp_path)
    assert not second.written
    [error] = second.diagnostics.errors
    assert error.field == "out" and "已存在，未覆盖" in error.message and "--force" in error.message
    assert target.read_text(encoding="utf-8") == "已修改\n"
    third = import_one(source, tmp_path, force=True)
    assert third.written and target.read_text(encoding="utf-8").startswith("---\n")
    assert fingerprint(source) == before
    assert sorted(p.name for p in source.parent.iterdir()) == ["reg.txt"]
    assert not list(target.parent.glob(".*.tmp"))


def test_two_inputs_with_one_output_name(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder in ("a", "b"):
        (tmp_path / folder / "same.txt").write_text(REGULATION, encoding="utf-8")
    out = tmp_path / "out"
    reports = import_files([tmp_path / "a/same.txt", tmp_path / "b/same.txt"], out_dir=out,
                           force=True)
    assert [r.written for r in reports] == [True, False]
    assert "已由本次导入的另一个文件写出" in reports[1].diagnostics.errors[0].message


def test_unsupported_and_missing_files(tmp_path):
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "fake.docx").write_bytes(b"not a zip")
    reports = import_files([tmp_path / "old.doc", tmp_path / "fake.docx",
                            tmp_path / "none.txt", tmp_path / "a.pdf"], out_dir=tmp_path)
    messages = [r.diagnostics.errors[0].message for r in reports]
    assert "另存为 .docx" in messages[0]
    assert "不是有效的 .docx" in messages[1]
    assert messages[2] == "文件不存在"
    assert "只能导入 .txt 和 .docx" in messages[3]


def test_chinese_file_name_gets_a_valid_id(tmp_path):
    path = tmp_path / "党建工作管理办法.txt"
    path.write_text(REGULATION, encoding="utf-8")
    report = import_one(path, tmp_path)
    assert report.written and report.output.startswith("docs/regulations/regulation-")
    assert any(d.field == "id" for d in report.diagnostics.warnings)
    load_project(tmp_path)


def test_workplan_without_a_year_is_refused_clearly():
    conversion = convert(text_source("党建工作要点\n一、政治建设\n一是学习。\n"), "workplan")
    assert conversion.text is None
    [error] = conversion.report.diagnostics.errors
    assert error.field == "year" and "--kind study" in error.message


# --- the command -------------------------------------------------------------------


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "dangjian", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_cli_import_prints_report_and_refuses_to_overwrite(tmp_path):
    result = run(["import", str(seed_path()), "--kind", "workplan"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "→ docs/workplans/workpoints-2020.md" in result.stdout
    assert "类型：工作要点（由 --kind 指定）" in result.stdout
    assert "workpoints-2020.txt:26: 警告: noise: 已删除（网站广告）" in result.stderr
    assert "导入完成：写出 1 个文件，0 个未写出。" in result.stdout
    again = run(["import", str(seed_path())], tmp_path)
    assert again.returncode == 1
    assert "已存在，未覆盖" in again.stderr and "Traceback" not in again.stderr
    forced = run(["import", str(seed_path()), "--force", "--out", "elsewhere"], tmp_path)
    assert forced.returncode == 0 and (tmp_path / "elsewhere/workpoints-2020.md").is_file()


def test_document_number_sections_and_chinese_dates():
    text = ("中共某某委员会关于党员管理的规定\n某委发〔2021〕7号\n第一章　总则\n"
            "第一节　一般规定\n第一条　为加强党员管理，制定本规定。\n第二节　特别规定\n"
            "第二条　本规定自二〇二一年三月一日起施行。\n中共某某委员会\n二〇二一年二月二十日\n")
    conversion = convert(text_source(text))
    report, head = conversion.report, conversion.text.split("---")[1]
    assert (report.counts["章"], report.counts["节"], report.counts["条"]) == (1, 2, 2)
    assert report.counts["发文字号"] == 1 and report.counts["日期"] == 1
    assert "number: 某委发〔2021〕7号  # 待核对：取自第 2 行" in head
    assert "effective: 2021-03-01  # 待核对" in head
    assert "issued: 2021-02-20  # 待核对：取自文末第 9 行的日期" in head
    assert "issuer: 中共某某委员会  # 待核对：从文末落款推断" in head
    assert "某委发〔2021〕7号" in conversion.text.split("---\n", 2)[2]


def test_empty_document_is_refused():
    conversion = convert(text_source("\u00a0\n\n分享到：微信\n"))
    assert conversion.text is None
    [error] = conversion.report.diagnostics.errors
    assert error.field == "text" and "没有可导入的正文" in error.message


def test_header_dates_are_normalised_or_left_empty():
    text = ("title: 某某规定\nissuer: 某单位\nissued: 2019.5.6\neffective: 不详\n---\n"
            "第一条　内容。\n")
    head = convert(text_source(text)).text.split("---")[1]
    assert "issued: 2019-05-06  # 待核对：文件头写作“2019.5.6”" in head
    assert "effective: null  # 待核对：文件头的日期“不详”无法识别" in head
    assert "issuer: 某单位\n" in head


def test_workplan_without_section_headings_is_refused_clearly():
    text = "W公司2021年工作要点\n一、加强学习，提高能力。\n一是学习。\n二、加强管理，提升水平。\n"
    conversion = convert(text_source(text), "workplan")
    assert conversion.text is None
    [error] = conversion.report.diagnostics.errors
    assert error.field == "sections" and "--kind study" in error.message


def test_article_that_may_be_a_citation_is_doubted():
    text = "某某办法\n第一条　内容。\n第二条　内容。\n第三条规定的事项，由党委决定。\n"
    report = convert(text_source(text)).report
    assert report.counts["条"] == 3  # in sequence, so the site reads it as an article
    [doubt] = [d for d in report.diagnostics.warnings if d.field == "article"]
    assert doubt.line == 4 and "也可能是在引用条文" in doubt.message
