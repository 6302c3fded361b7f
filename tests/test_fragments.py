"""Page fragments: Jinja templates a site overrides from overrides/fragments/, values from
data escaped, and the interface's words in one table (dangjian/core/ui.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from dangjian.core import ui
from dangjian.core.diagnostics import Diagnostics
from dangjian.core.project import Project
from dangjian.load import loader
from dangjian.pages import fragments, stage

from .conftest import ROOT
from .two_years import two_years_files

HOSTILE = "<img src=x onerror=alert(1)>"
ESCAPED = "&lt;img src=x onerror=alert(1)&gt;"

OWNERS_OVERRIDE = """<dl class="dj-owners site-owners" data-item="{{ item_id }}">
{%- for label, value in rows %}<p class="site-row">{{ label }}={{ value }}</p>{% endfor -%}
</dl>
"""


@pytest.fixture(autouse=True)
def _no_overrides():
    """Each test starts and ends with the package's own fragments."""
    fragments.use_overrides(None)
    yield
    fragments.use_overrides(None)


def _load(root: Path) -> loader.Content:
    diagnostics = Diagnostics()
    content = loader.load(Project.at(root), diagnostics)
    assert diagnostics.errors == [], [d.format() for d in diagnostics.errors]
    return content


# --- overriding a fragment ----------------------------------------------------------


@pytest.mark.build
def test_site_override_of_the_plan_item_row_changes_the_built_plan_page(make_project, tmp_path):
    from dangjian.app.build import build

    files = two_years_files()
    files["overrides/fragments/plan-item-owners.html"] = OWNERS_OVERRIDE
    root = make_project(files)
    site = tmp_path / "site"
    build(root / "mkdocs.yml", site)
    page = LexborHTMLParser((site / "workplans" / "2021" / "index.html").read_text("utf-8"))
    rows = page.css("dl.site-owners")
    assert rows, "the site's own plan-item fragment was not used"
    assert rows[0].attributes["data-item"] == "2021-1-1"
    texts = [p.text() for p in rows[0].css("p.site-row")]
    assert texts[0].startswith("状态=") and texts[1] == "牵头部门=组织部"
    # The package's row is gone; other fragments are still the package's.
    assert not page.css("div.dj-owners__row")
    assert page.css("div.dj-notes")


def test_without_an_override_the_package_fragment_is_used(tmp_path):
    fragments.use_overrides(tmp_path)  # a custom_dir without fragments/
    html = fragments.render("plan-status-badge", css="done", label="已完成")
    assert html == ('<span class="dj-status dj-status--plan-done" data-status="已完成">'
                    "已完成</span>")


def test_a_fragment_is_one_line_and_a_missing_value_is_an_error(tmp_path):
    folder = tmp_path / "fragments"
    folder.mkdir()
    (folder / "link.html").write_text('<a\n   href="{{ href }}">\n  {{ title }}\n</a>\n',
                                      encoding="utf-8")
    fragments.use_overrides(tmp_path)
    assert fragments.render("link", href="x/", title="甲") == '<a href="x/">甲</a>'
    with pytest.raises(Exception, match="title"):
        fragments.render("link", href="x/")


def test_braces_from_data_never_reach_the_macro_pass():
    html = fragments.render("link", href="a/", title="{{ config }}{% if 1 %}")
    assert "{" not in html and "}" not in html
    assert "&#123;&#123; config &#125;&#125;" in html


# --- values from data are escaped ---------------------------------------------------

STUDY = f"""---
title: 学习资料
questions:
  - question: "{HOSTILE}问题"
    options: ["{HOSTILE}甲", 乙]
    answer: 乙
    explanation: "{HOSTILE}解析"
---

正文。
"""

TRACK = f"""id: t
title: "{HOSTILE}路径"
audience: "{HOSTILE}对象"
description: "{HOSTILE}说明"
steps:
  - target: s
    topic: "{HOSTILE}主题"
    note: "{HOSTILE}摘要"
"""

GLOSSARY = f"""terms:
  - term: 测试术语
    explanation: "{HOSTILE}释义"
wording:
  - right: 规范写法
    wrong: [不规范写法]
    note: "{HOSTILE}说明"
"""


def _hostile_files() -> dict[str, str]:
    files = two_years_files()
    files["data/departments.yml"] = files["data/departments.yml"].replace(
        "name: 组织部", f'name: "{HOSTILE}组织部"').replace(
        "name: 宣传部", "name: 宣传部\n    note: \"" + HOSTILE + '部门说明"')
    files["data/tracking/t-2021.yml"] = files["data/tracking/t-2021.yml"].replace(
        "note: 第二季度进展。", f'note: "{HOSTILE}进展"')
    files["docs/study/s.md"] = STUDY
    files["data/tracks/t.yml"] = TRACK
    files["data/glossary.yml"] = GLOSSARY
    return files


@pytest.fixture
def hostile_stage(make_project, tmp_path) -> dict[str, str]:
    content = _load(make_project(_hostile_files()))
    target = tmp_path / "staged"
    stage.stage(content, target)
    return {path.relative_to(target).as_posix(): path.read_text("utf-8")
            for path in target.rglob("*.md")}


@pytest.mark.parametrize(("page", "value"), [
    ("workplans/2021.md", "组织部"),                      # department link on a plan item
    ("workplans/departments/zuzhi.md", "组织部"),         # the department's own page
    ("workplans/departments/xuanchuan.md", "部门说明"),   # department note
    ("workplans/departments/index.md", "组织部"),         # departments table
    ("workplans/2021.md", "进展"),                        # progress note
    ("workplans/overview.md", "组织部"),                  # delayed items' lead, if any
    ("tracks/t.md", "路径"), ("tracks/t.md", "对象"), ("tracks/t.md", "说明"),
    ("tracks/t.md", "主题"), ("tracks/t.md", "摘要"),
    ("tracks/index.md", "路径"), ("tracks/index.md", "对象"),
    ("glossary/index.md", "释义"), ("glossary/index.md", "说明"),
    ("study/s.md", "问题"), ("study/s.md", "甲"), ("study/s.md", "解析"),
])
def test_data_values_are_escaped_in_the_staged_markdown(hostile_stage, page, value):
    text = hostile_stage[page]
    assert "<img" not in text  # front matter (the page title) included
    if page == "workplans/overview.md" and value not in text:
        return  # no delayed item led by this department in the fixture
    assert re.search(re.escape(ESCAPED) + r"|&lt;img src=x onerror=alert\\\(1\\\)&gt;", text), \
        f"{value} is missing from {page}"


@pytest.mark.build
def test_built_site_has_no_image_with_an_event_handler(make_project, tmp_path):
    from dangjian.app.build import build

    root = make_project(_hostile_files())
    site = tmp_path / "site"
    build(root / "mkdocs.yml", site)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    seen = 0
    for path in pages:
        text = path.read_text("utf-8")
        seen += text.count("onerror=alert(1)")
        tree = LexborHTMLParser(text)
        for node in tree.css("*"):
            assert not any(name.lower().startswith("on") for name in node.attributes), \
                f"{path.relative_to(site)}: <{node.tag} {node.attributes}>"
        assert not [img for img in tree.css("img") if "src" in img.attributes
                    and img.attributes["src"] == "x"], path
    assert seen, "the hostile values should appear as text"


# --- the interface's words ----------------------------------------------------------

PACKAGE = ROOT / "dangjian"
ASSETS = PACKAGE / "assets"
TEMPLATES = PACKAGE / "pages" / "templates" / "fragments"


def _leaves() -> list[str]:
    return [f"{section}.{key}" for section, entries in ui.TABLE.items() for key in entries]


def test_every_key_of_the_ui_table_is_used():
    sources = [path.read_text("utf-8") for path in [
        *PACKAGE.rglob("*.py"), *TEMPLATES.glob("*.html"), *ASSETS.glob("*.js"),
        *(PACKAGE / "theme").rglob("*.html")]
        if path.name != "ui.py"]
    corpus = "\n".join(sources)
    unused = []
    for leaf in _leaves():
        section, key = leaf.split(".")
        uses = [f'"{leaf}"', f"'{leaf}'", f"ui.{leaf}", f"UI.{leaf}", f"UI.{key}",
                f'"{section}.{key}"', f"KINDS.{key}", f"dangjianUI.{leaf}"]
        if not any(use in corpus for use in uses):
            unused.append(leaf)
    assert unused == []


def test_template_and_script_keys_exist_in_the_table():
    leaves = set(_leaves()) | {f"status.{s.name.lower()}" for s in ui.Status}
    used = set()
    for path in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"\bui\.(\w+\.\w+)", path.read_text("utf-8")))
    for path in PACKAGE.rglob("*.py"):
        used |= set(re.findall(r"""ui\.text\(["'](\w+\.\w+)["']""", path.read_text("utf-8")))
    assert used - leaves == set()


def _code_of(script: str) -> str:
    """A script without its comments (block, line) and without regular expressions."""
    script = re.sub(r"/\*.*?\*/", "", script, flags=re.S)
    return "\n".join(line for line in script.split("\n") if not line.strip().startswith("//"))


@pytest.mark.parametrize("script", sorted(p.name for p in ASSETS.glob("*.js")))
def test_scripts_hold_no_chinese_words(script):
    code = _code_of((ASSETS / script).read_text("utf-8"))
    assert re.findall(r"[\u4e00-\u9fff]+", code) == []


@pytest.mark.parametrize("script", ["copylink.js", "offline-search.js", "regindex.js",
                                    "search.js", "selfcheck.js", "tracks.js"])
def test_scripts_with_words_read_them_from_the_ui_table(script):
    assert "window.dangjianUI" in (ASSETS / script).read_text("utf-8")


def test_ui_script_is_staged_before_the_scripts_that_read_it(make_project, tmp_path):
    content = _load(make_project(two_years_files()))
    staged = stage.stage(content, tmp_path / "staged")
    assert staged.scripts[0] == f"{stage.ASSET_DIR}/{stage.UI_SCRIPT}"
    script = (tmp_path / "staged" / stage.ASSET_DIR / stage.UI_SCRIPT).read_text("utf-8")
    assert script.startswith("window.dangjianUI = {")
    assert '"unknown":"未注明"' in script and '"in_force":"现行有效"' in script


def test_the_table_says_each_thing_once():
    texts = [text for entries in ui.TABLE.values() for text in entries.values()]
    assert len(texts) == len(set(texts))


def test_unknown_and_kind_labels_are_written_once():
    corpus = "\n".join(path.read_text("utf-8") for path in [
        *PACKAGE.rglob("*.py"), *TEMPLATES.glob("*.html"), *ASSETS.glob("*.js"),
        *(PACKAGE / "theme").rglob("*.html")])
    assert corpus.count("未注明\"") == 1
    readers = [PACKAGE / "core" / "kinds.py", PACKAGE / "offline" / "offline_search.py",
               PACKAGE / "pages" / "navigation.py", *TEMPLATES.glob("*.html"),
               *ASSETS.glob("*.js")]
    for path in readers:
        code = path.read_text("utf-8")
        if path.suffix == ".js":
            code = _code_of(code)
        for label in ui.TABLE["kind"].values():
            assert f'"{label}"' not in code, (path.name, label)
