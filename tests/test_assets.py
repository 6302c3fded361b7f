"""Every file under docs/ and overrides/ has a known kind; assets go only to the audiences
of the pages that use them; inputs shaped to make the build crawl are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from dangjian.app.build import build
from dangjian.core.diagnostics import Diagnostics
from dangjian.core.project import Project
from dangjian.engine import render as engine
from dangjian.load import loader, textfile
from dangjian.pipeline.prepare import prepare

from .hostile_corpus import docx_bytes

REG = "---\ntitle: 测试条例\ncategory: 条例\nstatus: 现行有效\n---\n\n第一条　测试。\n"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")


def problems(root: Path):
    _, settings = engine.load(root / "mkdocs.yml")
    return prepare(settings).problems


def loaded(root: Path):
    diagnostics = Diagnostics()
    return loader.load(Project.at(root), diagnostics), diagnostics


@pytest.mark.parametrize("name", ["x.markdown", "x.MD", "x.mdown", "x.mkd", "x.mkdn", "x.Markdown"])
def test_every_markdown_spelling_goes_through_the_loader(make_project, name):
    root = make_project({f"docs/regulations/{name}":
                         REG.replace("status:", "classification: 秘密\nstatus:")})
    [error] = [d for d in problems(root) if d.severity == "error"]
    assert (error.path, error.field) == (f"docs/regulations/{name}", "classification")


def test_other_markdown_spellings_are_staged_as_pages(make_project):
    root = make_project({"docs/regulations/x.markdown": REG, "docs/about.MD": "# 关于\n\n说明。\n"})
    content, diagnostics = loaded(root)
    assert not diagnostics.errors
    assert content.inventory.documents[0].page == "regulations/x.md"
    assert [page.page for page in content.pages] == ["about.md"]


@pytest.mark.parametrize("name", ["a.html", "a.htm", "a.js", "a.svg", "a.css", "a.yml", "a.json",
                                  "a.xml", "a.xyz", "noext", "a.zip", "a.SVG"])
def test_unknown_and_scriptable_files_are_refused(make_project, name):
    root = make_project({f"docs/files/{name}": b"<svg onload=alert(1)></svg>"})
    [error] = [d for d in problems(root) if d.severity == "error"]
    assert (error.path, error.field) == (f"docs/files/{name}", "path")
    assert "不允许" in error.message or "未知的文件类型" in error.message


@pytest.mark.parametrize(("name", "data"), [
    ("a.txt", "附件\n秘密★1年\n正文".encode()),
    ("a.csv", "密级,标题\n机密★5年,表\n".encode()),
    ("a.docx", docx_bytes("某某通知", "绝密★长期", "正文")),
    ("b.docx", b"not a zip at all"),
])
def test_text_like_attachments_are_scanned(make_project, name, data):
    root = make_project({f"docs/files/{name}": data,
                         "docs/index.md": f"# 首页\n\n[附件](files/{name})\n"})
    [error] = [d for d in problems(root) if d.severity == "error"]
    assert error.path == f"docs/files/{name}"


def test_overrides_hold_only_templates_and_theme_assets(make_project):
    root = make_project({"overrides/notes.md": "# x\n", "overrides/leak.txt": "x",
                         "overrides/ok.css": "a{}", "overrides/partials/x.html": "<p></p>"})
    errors = [d for d in problems(root) if d.severity == "error"]
    assert sorted(d.path for d in errors) == ["overrides/leak.txt", "overrides/notes.md"]


def test_assets_go_only_to_audiences_that_read_a_page_using_them(make_project, tmp_path):
    secret = REG.replace("status:", "visibility: 党委委员\nstatus:").replace(
        "测试。", "测试。\n\n![图](../img/committee.png)")
    root = make_project({"docs/regulations/r.md": secret, "docs/img/committee.png": PNG,
                         "docs/img/public.png": PNG, "docs/img/unused.png": PNG,
                         "docs/index.md": "# 首页\n\n![图](img/public.png)\n"})
    site = build(root / "mkdocs.yml", tmp_path / "all")
    assert (tmp_path / "all/img/public.png").is_file()
    assert not (tmp_path / "all/img/committee.png").exists()
    assert not (tmp_path / "all/img/unused.png").exists()
    assert [w.path for w in site.warnings] == ["docs/img/unused.png"]
    build(root / "mkdocs.yml", tmp_path / "committee", audience="党委委员")
    assert (tmp_path / "committee/img/committee.png").is_file()


def test_a_line_over_the_limit_is_refused_with_its_line(make_project):
    long = "学" * (textfile.MAX_LINE_CHARS + 1)
    root = make_project({"docs/regulations/r.md": REG + f"\n第二条　{long}\n"})
    [error] = [d for d in problems(root) if d.severity == "error"]
    assert (error.path, error.line, error.field) == ("docs/regulations/r.md", 9, "size")


def test_too_many_tags_are_refused(make_project):
    tags = "<b>x</b>" * (textfile.MAX_TAGS // 2 + 1)
    root = make_project({"docs/study/s.md": f"---\ntitle: 学\n---\n\n{tags}\n"})
    [error] = [d for d in problems(root) if d.severity == "error"]
    assert (error.path, error.field) == ("docs/study/s.md", "size")


def test_data_files_have_the_same_limits(make_project):
    long = "学" * (textfile.MAX_LINE_CHARS + 1)
    root = make_project({"data/publications.yml": f"publications:\n  - id: a\n    title: {long}\n"})
    [error] = [d for d in problems(root) if d.severity == "error"]
    assert (error.path, error.line, error.field) == ("data/publications.yml", 3, "size")


def test_a_character_repeated_three_times_is_refused(make_project):
    """Runs of one character make the search indexer crawl; real texts double at most."""
    body = "人人都要学习，常常反思。\n\n第二段学学学习。\n"
    root = make_project({"docs/study/s.md": f"---\ntitle: 学\n---\n\n{body}"})
    [error] = [d for d in problems(root) if d.severity == "error"]
    assert (error.path, error.line, error.field) == ("docs/study/s.md", 7, "size")
    assert "“学”连续出现 3 次" in error.message
    fine = make_project({"docs/study/s.md": "---\ntitle: 学\n---\n\n人人都要学习，常常反思。\n"})
    assert [d for d in problems(fine) if d.severity == "error"] == []
