"""Content is data: nothing an author or a data file writes is evaluated as a template, and
every title and metadata value reaches the reader as the characters written."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from dangjian.app.build import build
from dangjian.app.check import check
from dangjian.core.diagnostics import ContentError
from dangjian.engine import render as engine

from .conftest import write_project

RUN = uuid.uuid4().hex[:12]
IMG = "<img src=x onerror=alert(1)>"
CLOSE = "</title>"  # where <title> text is unescaped, this would end it
TITLES = ["A & B", "<b>粗</b>", "引号\"双\"与'单'", "*星*", "[x](javascript:alert(1))",
          '{: onclick="x" }', "正常的中文标题", IMG]
"""Study-material titles, one document each (docs/study/t<N>.md)."""
SITE_NAME = "党建知识站"


def pwned(where: str) -> Path:
    return Path(f"/tmp/PWNED-{RUN}-{where}")


def payload(where: str) -> str:
    return f"{{{{ cycler.__init__.__globals__.os.popen('touch {pwned(where)}').read() }}}}"


def q(text: str) -> str:
    """A YAML scalar that is exactly ``text``."""
    return json.dumps(text, ensure_ascii=False)


DATA_PLACES = ["plain-title", "doc-title", "pub-title", "department", "track-title",
               "glossary", "selfcheck", "progress"]


def hostile_files() -> dict[str, str]:
    files = {
        "docs/index.md": ("# 首页\n\n见 {{doc_link('t-2020')}} 和 "
                          "{{  work_items( \"t-2020\" )  }}。\n"),
        "docs/about.md": (f"---\ntitle: {q(payload('plain-title'))}\n"
                          f"description: {q(chr(34) + '>' + IMG)}\n---\n\n# 关于本站\n\n说明。\n"),
        "docs/regulations/r-jinja.md": (f"---\ntitle: {q(payload('doc-title'))}\n"
                                        "category: 条例\nstatus: 现行有效\n---\n\n"
                                        "第一条　测试条文，有两个维护。\n"),
        "docs/regulations/r-img.md": (f"---\ntitle: {q(CLOSE + IMG + '条例')}\n"
                                      "category: 条例\nstatus: 现行有效\n---\n\n"
                                      "第一条　另一条文。\n"),
        "docs/workplans/2020.md": ("---\ntitle: 测试单位2020年工作要点\nyear: 2020\n"
                                   "organization: 测试单位党委\nid: t-2020\n---\n\n"
                                   "前言 {{ metadata_card('r-img') }}\n\n"
                                   "## 一、组织建设 {#2020-1}\n\n"
                                   "### 一是建强基本组织。 {#2020-1-1}\n\n"
                                   "优化组织设置，见 {{ doc_link(\"r-img\") }}。\n"),
        "docs/study/s.md": (
            "---\ntitle: 自测材料\nsummary: " + q('{{ doc_link("t-2020") }}') + "\n"
            "questions:\n  - question: " + q(payload("selfcheck")) + "\n"
            "    options: [甲, 乙]\n    answer: 甲\n---\n\n"
            "代码里的 `" + payload("code-span") + "` 不算模板。\n\n"
            "```\n" + payload("fenced") + "\n```\n\n"
            "    " + payload("indented") + "\n\n"
            "反斜杠：\\{{ 不是模板 }}\n"),
        "data/publications.yml": ("publications:\n"
                                  f"  - id: pub-jinja\n    title: {q(payload('pub-title'))}\n"
                                  f"  - id: pub-img\n    title: {q(CLOSE + IMG + '书')}\n"),
        "data/departments.yml": ("departments:\n"
                                 f"  - id: d1\n    name: {q(payload('department'))}\n"
                                 f"  - id: d2\n    name: {q(CLOSE + IMG + '部')}\n"),
        "data/tracking/t-2020.yml": ("plan: t-2020\nitems:\n  2020-1-1:\n    lead: d1\n"
                                     "    support: [d2]\n    due: 2020\n    status: 推进中\n"
                                     "    progress:\n      - date: 2020-06-30\n"
                                     f"        note: {q(payload('progress'))}\n"),
        "data/tracks/a.yml": (f"id: a\ntitle: {q(payload('track-title'))}\n"
                              "audience: 党员\nsteps:\n  - target: r-jinja\n    note: 第一步。\n"),
        "data/tracks/b.yml": (f"id: b\ntitle: {q(CLOSE + IMG + '路径')}\n"
                              "audience: 党员\nsteps:\n  - target: r-img\n"),
        "data/glossary.yml": ("terms:\n  - term: 两个维护\n"
                              f"    explanation: {q(payload('glossary'))}\n    source: r-jinja\n"),
    }
    for number, title in enumerate(TITLES):
        files[f"docs/study/t{number}.md"] = (f"---\ntitle: {q(title)}\nsummary: 摘要。\n"
                                             "---\n\n正文。\n")
    return files


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = write_project(tmp_path_factory.mktemp("hostile") / "project", hostile_files())
    try:
        yield build(root / "mkdocs.yml").site_dir
    finally:
        for path in Path("/tmp").glob(f"PWNED-{RUN}-*"):
            path.unlink()


def pages(site: Path) -> Iterator[tuple[Path, HTMLParser]]:
    for path in sorted(site.rglob("*.html")):
        yield path, HTMLParser(path.read_text(encoding="utf-8"))


def page(site: Path, name: str) -> HTMLParser:
    return HTMLParser((site / name / "index.html").read_text(encoding="utf-8"))


def text_of(tree: HTMLParser) -> str:
    return " ".join(tree.root.text(separator=" ").split())


def test_nothing_from_content_or_data_runs(hostile_site):
    ran = sorted(path.name for path in Path("/tmp").glob(f"PWNED-{RUN}-*"))
    assert ran == []


@pytest.mark.parametrize("where", [
    *DATA_PLACES,
    "code-span", "fenced", "indented",
])
def test_template_text_is_shown_as_written(hostile_site, where):
    expected = payload(where)
    shown = [path for path, tree in pages(hostile_site) if expected in text_of(tree)]
    assert shown, f"{where}: “{expected}” appears on no page"


def test_backslash_shows_braces(hostile_site):
    assert "反斜杠：{{ 不是模板 }}" in text_of(page(hostile_site, "study/s"))


def test_calls_expand_in_bodies_only(hostile_site):
    home = page(hostile_site, "")
    assert [a.attributes["href"] for a in home.css("a") if a.text() == "《测试单位2020年工作要点》"]
    assert home.css_first("nav.dj-outline") is not None  # work_items, with spaces inside
    plan = page(hostile_site, "workplans/2020")
    body = plan.css_first("article")
    assert body.css_first(".dj-card") is not None  # metadata_card in the preamble
    assert [a for a in body.css("a") if a.text() == f"《{CLOSE}{IMG}条例》"]  # doc_link in an item
    # A call written in front matter is text: the summary shows it as written.
    assert '{{ doc_link("t-2020") }}' in text_of(page(hostile_site, "study"))


def markup_from_titles(site: Path) -> list[tuple[str, str]]:
    """(page, where) of every element or attribute that a title turned into markup."""
    found = []
    for path, tree in pages(site):
        name = path.relative_to(site).as_posix()
        for node in tree.css("*"):
            handlers = [attr for attr in node.attributes if attr.lower().startswith("on")]
            href = (node.attributes.get("href") or "") if node.tag == "a" else ""
            if handlers or node.tag in ("img", "b") or href.lower().startswith("javascript:"):
                found.append((name, _where(node)))
    return sorted(set(found))


def _where(node) -> str:
    parent = node.parent
    if parent is not None and parent.tag == "body":
        return "title"  # a <title> closed early: what followed it moved into the body
    if parent is not None and parent.tag == "h1":
        return "h1"
    if parent is not None and parent.parent is not None and \
            "md-header__topic" in (parent.parent.attributes.get("class") or ""):
        return "header"
    return node.tag


def test_no_markup_from_titles_anywhere(hostile_site):
    assert markup_from_titles(hostile_site) == []


@pytest.mark.parametrize("number", range(len(TITLES)))
def test_document_title_is_text_everywhere(hostile_site, number):
    title = TITLES[number]
    tree = page(hostile_site, f"study/t{number}")
    assert tree.css_first("title").text() == f"{title} - {SITE_NAME}"
    header = tree.css(".md-header__topic .md-ellipsis")
    assert [" ".join(node.text().split()) for node in header][-1] == " ".join(title.split())
    h1 = tree.css_first("article h1")
    assert h1.text(deep=False).strip() == title
    active = tree.css_first(".md-nav__link--active")
    assert " ".join(active.text().split()) == " ".join(title.split())
    crumbs = tree.css(".md-path__link")
    assert all(IMG not in node.html for node in crumbs)
    # Footer links name the neighbouring documents: escaped once, not twice.
    for link in tree.css("a.md-footer__link"):
        label = link.attributes["aria-label"]
        assert label.split(": ", 1)[1] in [*TITLES, "学习资料", "自测材料"], label


def test_nav_lists_titles_as_text(hostile_site):
    tree = page(hostile_site, "study")
    shown = {" ".join(node.text().split()) for node in tree.css(".md-nav__link")}
    assert {" ".join(title.split()) for title in TITLES} <= shown


def test_plain_page_front_matter_is_text(hostile_site):
    tree = page(hostile_site, "about")
    assert tree.css_first("title").text() == f"{payload('plain-title')} - {SITE_NAME}"
    description = tree.css_first('meta[name="description"]').attributes["content"]
    assert description == '">' + IMG


def test_body_template_is_refused_with_file_and_line(make_project):
    root = make_project({
        "docs/index.md": f"---\ntitle: 首页\n---\n\n# 首页\n\n正文 {payload('body')}\n",
        "docs/study/x.md": ("---\ntitle: 资料\nsummary: 摘要。\n---\n\n"
                            "{% for x in range(3) %}\n\n{# 注释 #}\n\n{{ doc_link('nope') }}\n\n"
                            "{{ work_items('x') }}\n"),
    })
    with pytest.raises(ContentError) as caught:
        build(root / "mkdocs.yml")
    found = [(d.path, d.line, d.field) for d in caught.value.diagnostics]
    assert found == [("docs/index.md", 7, "模板"), ("docs/study/x.md", 6, "模板"),
                     ("docs/study/x.md", 8, "模板"), ("docs/study/x.md", 10, "模板"),
                     ("docs/study/x.md", 12, "模板")]
    messages = [d.format() for d in caught.value.diagnostics]
    assert messages[0].startswith("docs/index.md:7: 错误: 模板: 不支持的模板写法")
    assert "未知的文件标识“nope”" in messages[3]
    assert "work_items 须指向工作要点" in messages[4]
    assert not pwned("body").exists() and not (root / "site").exists()
    # `dangjian check` reports the same, without building.
    assert [(d.path, d.line, d.field) for d in check(root / "mkdocs.yml").problems] == found


def test_call_in_a_heading_is_refused(make_project):
    root = make_project({"docs/index.md": "# 首页 {{ doc_link('x') }}\n"})
    [error] = check(root / "mkdocs.yml").problems
    assert (error.line, error.field) == (1, "模板") and "标题" in error.message


@pytest.mark.parametrize("entry", ["  - macros\n", "  - macros:\n      module_name: x\n"])
def test_macros_plugin_is_refused(make_project, entry):
    root = make_project({"docs/index.md": "# 首页\n"})
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("plugins:\n", "plugins:\n" + entry), encoding="utf-8")
    with pytest.raises(engine.EngineError, match="macros") as caught:
        build(config)
    assert "由 dangjian 自己展开" in str(caught.value)
    assert not (root / "site").exists()


def test_calls_in_list_items_count_and_indented_code_does_not():
    from dangjian.text import author_calls

    text = ("- 条目\n\n    {{ doc_link('a') }}\n\n        {{ x }}\n\n段落\n\n    {{ y }}\n\n"
            "!!! note\n\n    {{ metadata_card(\"b\") }}\n")
    found = author_calls.find(text, 10)
    assert [(c.function, c.doc_id, c.line) for c in found.calls] == [
        ("doc_link", "a", 12), ("metadata_card", "b", 22)]
    assert found.problems == []
