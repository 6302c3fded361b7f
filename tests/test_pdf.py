"""PDFs of documents: `dangjian pdf`, `build --pdf` and `bundle --pdf` on a small project."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTPage, LTTextContainer
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser

from dangjian.app.cli import main
from dangjian.core.diagnostics import ContentError
from dangjian.pdf import export, paper, writer

from .conftest import ROOT, write_project
from .pdf_text import body_size

pytestmark = pytest.mark.build

CHAPTERS = ["第一章　总则", "第二章　组织设置", "第三章　附则"]
NUMERALS = "一二三四五六七八九十"


def _numeral(n: int) -> str:
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else NUMERALS[tens - 1]) + "十" + (NUMERALS[ones - 1] if ones else "")


def _regulation() -> str:
    """Thirty articles in three chapters; the first and last carry a telling phrase."""
    lines = ["---", "title: 测试党支部工作细则", "issuer: X企业党委", "number: X党发〔2020〕3号",
             "issued: 2020-03-01", "category: 细则", "status: 现行有效", "---", ""]
    article = 1
    for chapter, count in zip(CHAPTERS, (12, 12, 6), strict=True):
        lines += [chapter, ""]
        for _ in range(count):
            words = "首条开篇语句" if article == 1 else "末条收尾语句" if article == 30 else "正文"
            lines += [f"第{_numeral(article)}条　本条{words}，" + "党支部应当认真履行职责，" * 6
                      + "确保各项工作落到实处。", ""]
            article += 1
    return "\n".join(lines)


RESTRICTED = """---
title: 党委内部议事细则
visibility: 党委委员
category: 企业制度
status: 现行有效
---

第一条　仅限党委委员阅读的条文。
"""
STUDY = """---
title: 测试学习资料
date: 2020-05-04
---

学习资料的正文，讲“三会一课”。
"""


def _files() -> dict[str, str]:
    files = {
        "docs/regulations/ceshi-xize.md": _regulation(),
        "docs/regulations/neibu-xize.md": RESTRICTED,
        "docs/study/ceshi-xuexi.md": STUDY,
    }
    for name in ("docs/workplans/2020.md", "data/tracking/x-2020.yml", "data/departments.yml"):
        files[name] = (ROOT / name).read_text(encoding="utf-8")
    # The shipped plan without the documents it names by short title.
    files["docs/workplans/2020.md"] = re.sub(r"references:\n(  .*\n)+", "",
                                             files["docs/workplans/2020.md"])
    return files


EXPECTED = {"regulations/ceshi-xize.pdf", "study/ceshi-xuexi.pdf", "workplans/2020.pdf"}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_project(tmp_path_factory.mktemp("pdf") / "project", _files())


@pytest.fixture(scope="module")
def runs(project: Path) -> tuple[Path, Path]:
    """``dangjian pdf`` twice, into two folders."""
    config = str(project / "mkdocs.yml")
    assert main(["-f", config, "pdf", "-o", "first"]) == 0
    assert main(["-f", config, "pdf", "-o", str(project / "second")]) == 0
    return project / "first", project / "second"


def _pdfs(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*.pdf"))}


def _pages(data: bytes) -> list[LTPage]:
    return list(extract_pages(io.BytesIO(data)))


def _text(page: LTPage) -> str:
    return "".join(element.get_text() for element in page if isinstance(element, LTTextContainer))


def _outline(data: bytes) -> list[tuple[int, str]]:
    document = PDFDocument(PDFParser(io.BytesIO(data)))
    return [(level, title) for level, title, *_ in document.get_outlines()]


def test_one_pdf_per_document_and_none_for_a_restricted_one(runs):
    first, _ = runs
    # No PDF of the 党委委员 document, and none of a publication or a generated page.
    assert set(_pdfs(first)) == EXPECTED


def test_the_restricted_document_has_its_pdf_for_its_own_audience(project, runs):
    assert main(["-f", str(project / "mkdocs.yml"), "pdf", "--audience", "党委委员",
                 "-o", "committee"]) == 0
    made = _pdfs(project / "committee")
    assert set(made) == EXPECTED | {"regulations/neibu-xize.pdf"}
    restricted = _pages(made["regulations/neibu-xize.pdf"])
    assert "仅限党委委员阅读的条文" in "".join(map(_text, restricted))
    assert "仅限党委委员" not in "".join(
        _text(page) for data in _pdfs(runs[0]).values() for page in _pages(data))


def test_two_runs_give_identical_bytes(runs):
    first, second = runs
    assert _pdfs(first) == _pdfs(second)


def test_the_regulation_pdf(runs):
    data = _pdfs(runs[0])["regulations/ceshi-xize.pdf"]
    pages = _pages(data)
    # 30 articles of about 90 characters in 28-character lines: 4 to 8 A4 pages.
    assert 4 <= len(pages) <= 8
    for number, page in enumerate(pages, 1):
        assert (round(page.width), round(page.height)) == (595, 842)
        assert f"— {number} —" in _text(page), f"no page number on page {number}"
    text = "".join(map(_text, pages))
    assert "测试党支部工作细则" in _text(pages[0])
    assert "X企业党委" in _text(pages[0]) and "X党发〔2020〕3号" in _text(pages[0])
    assert "2020年3月1日" in _text(pages[0])
    assert "首条开篇语句" in _text(pages[0]) and "末条收尾语句" in _text(pages[-1])
    assert "第三十条" in text
    assert abs(body_size(pages) - 16) <= 0.5
    outline = _outline(data)
    assert (1, "测试党支部工作细则") in outline
    for chapter in CHAPTERS:
        assert (2, chapter) in outline, f"no bookmark for {chapter}"
    # No web page left in it: no permalink signs, card labels, backlinks or addresses.
    for web in ("¶", "制定机关", "被引用", "http", ".html", "复制本条链接"):
        assert web not in text


def test_the_work_plan_pdf_with_and_without_its_tracking(project, runs):
    data = _pdfs(runs[0])["workplans/2020.pdf"]
    pages = _pages(data)
    text = "".join(map(_text, pages))
    # Six sections, each on a new page, and the tracking table.
    assert 7 <= len(pages) <= 25
    assert all(f"— {n} —" in _text(page) for n, page in enumerate(pages, 1))
    assert "X企业2020年党建工作要点" in _text(pages[0])
    assert "X企业党委" in _text(pages[0])
    assert text.replace("\n", "").count("示例数据") == 1
    assert "工作分工与进展" in text and "党委办公室" in text
    sections = [title for level, title in _outline(data) if level == 2]
    assert sections[0].startswith("一、持续加强党的政治建设") and len(sections) >= 6

    assert main(["-f", str(project / "mkdocs.yml"), "pdf", "--no-tracking", "-o", "bare"]) == 0
    bare = "".join(map(_text, _pages(_pdfs(project / "bare")["workplans/2020.pdf"])))
    assert "工作分工与进展" not in bare and "深化政治巡视" in bare


def test_the_out_folder_must_hold_only_pdfs(project, capsys):
    (project / "notes").mkdir()
    (project / "notes" / "keep.txt").write_text("不要删我", encoding="utf-8")
    assert main(["-f", str(project / "mkdocs.yml"), "pdf", "-o", "notes"]) == 1
    assert "PDF 以外的文件" in capsys.readouterr().err
    assert (project / "notes" / "keep.txt").exists()


def test_build_attaches_pdfs_that_its_pages_link_to(project, tmp_path):
    assert main(["-f", str(project / "mkdocs.yml"), "build", "--pdf", "-d",
                 str(tmp_path / "site")]) == 0
    site = tmp_path / "site"
    assert {p.relative_to(site / "pdf").as_posix() for p in site.rglob("*.pdf")} == EXPECTED
    page = site / "regulations" / "ceshi-xize" / "index.html"
    href = re.search(r'class="md-button dj-paper__pdf" href="([^"]+)"', page.read_text()).group(1)
    assert (page.parent / href).resolve() == (site / "pdf/regulations/ceshi-xize.pdf").resolve()
    assert "下载 PDF" in page.read_text()


def test_a_build_without_pdfs_offers_none(project, tmp_path):
    assert main(["-f", str(project / "mkdocs.yml"), "build", "-d", str(tmp_path / "site")]) == 0
    page = (tmp_path / "site" / "regulations" / "ceshi-xize" / "index.html").read_text()
    assert "下载 PDF" not in page and "dj-paper__print" in page
    assert not (tmp_path / "site" / "pdf").exists()


def test_the_bundle_carries_the_pdfs(project, tmp_path):
    assert main(["-f", str(project / "mkdocs.yml"), "bundle", "--pdf", "-o", str(tmp_path),
                 "--name", "b"]) == 0
    with zipfile.ZipFile(tmp_path / "b.zip") as archive:
        names = set(archive.namelist())
        manifest = archive.read("b/MANIFEST.json").decode()
        page = archive.read("b/regulations/ceshi-xize.html").decode()
    assert {f"b/pdf/{name}" for name in EXPECTED} <= names
    assert "pdf/regulations/ceshi-xize.pdf" in manifest
    assert 'href="../pdf/regulations/ceshi-xize.pdf"' in page


# The safety of a PDF, without a build.

PAGE = """<html><body><article class="md-content__inner md-typeset"><div data-pagefind-body>
<h1 id="t">标题<a class="headerlink" href="#t">¶</a></h1>{body}</div></article></body></html>"""


class _Doc:
    source = "docs/regulations/x.md"
    line = 1


@pytest.mark.parametrize("marking", ["秘密★1年", "机密", "绝密★长期"])
def test_a_classification_mark_in_the_pdf_text_stops_it(marking):
    sheet = paper.from_page(PAGE.format(body=f"<p>正文。</p><p>{marking}</p>"))
    with pytest.raises(ContentError) as raised:
        export.check(sheet, _Doc())  # type: ignore[arg-type]
    assert raised.value.diagnostics[0].path == "docs/regulations/x.md"
    assert "涉密" in raised.value.diagnostics[0].message


def test_ordinary_text_passes_the_check():
    export.check(paper.from_page(PAGE.format(body="<p>保守党的秘密是党员的义务。</p>")),
                 _Doc())  # type: ignore[arg-type]


def test_links_and_tooltips_are_printed_as_text():
    sheet = paper.from_page(PAGE.format(
        body='<p>依据<a class="dj-cite" href="../x/">《章程》</a>和'
             '<abbr title="解释">四风</abbr>。</p>'
             '<dl class="dj-card"><dt>制定机关</dt></dl><script>alert(1)</script>'))
    assert "<a" not in sheet.body and "<abbr" not in sheet.body and "《章程》" in sheet.body
    assert "dj-card" not in sheet.body and "script" not in sheet.body and "¶" not in sheet.body


def test_a_page_without_article_is_refused():
    with pytest.raises(paper.NotADocumentPage):
        paper.from_page("<html><body><p>x</p></body></html>")


@pytest.mark.parametrize("url", ["http://example.com/x.png", "https://example.com/x.css",
                                 "file:///etc/passwd", "ftp://example.com/x"])
def test_the_pdf_writer_fetches_nothing_outside_the_site(tmp_path, url):
    fetcher = writer._SiteOnly(tmp_path)
    with pytest.raises(ValueError):
        fetcher.fetch(url)


def test_an_image_outside_the_site_is_left_out(tmp_path):
    outside = tmp_path / "secret.svg"
    outside.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
                       '<text y="9">机密图</text></svg>', encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    html = f'<html><body><p>正文</p><img src="{outside.as_uri()}"></body></html>'
    data = writer.write_pdf(html, site / "index.html", site)
    assert b"/Subtype /Image" not in data and b"/Subtype /Form" not in data
