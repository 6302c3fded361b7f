"""涉密不上网, unsafe HTML and hostile files: each is refused with file, line and field,
in bounded time and memory, never with a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangjian.core.diagnostics import Diagnostics
from dangjian.core.project import Project
from dangjian.load import loader, yamlsource
from dangjian.pages import stage
from dangjian.safety import htmlpolicy

from .conftest import ROOT

REG = "docs/regulations/test.md"
VALID = "---\ntitle: 测试条例\ncategory: 条例\nstatus: 现行有效\n---\n\n第一条　测试。\n"


def errors_of(root: Path):
    diagnostics = Diagnostics()
    loader.load(Project.at(root), diagnostics)
    return diagnostics.errors


@pytest.mark.parametrize("level", ["秘密", "机密", "绝密", "机密★10年"])
def test_classified_front_matter_is_refused(make_project, level):
    text = VALID.replace("status:", f"classification: {level}\nstatus:")
    [error] = errors_of(make_project({REG: text}))
    assert (error.path, error.line, error.field) == (REG, 4, "classification")
    assert "涉密" in error.message


def test_chinese_key_and_unknown_marking(make_project):
    [error] = errors_of(make_project({REG: VALID.replace("status:", "密级: 秘密\nstatus:")}))
    assert (error.line, error.field) == (4, "密级")
    [error] = errors_of(make_project({REG: VALID.replace("status:", "密级: 保密\nstatus:")}))
    assert (error.line, error.field) == (4, "密级") and "未知的密级标注" in error.message


def test_public_and_internal_build(make_project):
    for level in ("公开", "内部"):
        text = VALID.replace("status:", f"classification: {level}\nstatus:")
        assert errors_of(make_project({REG: text})) == []


def test_classified_data_file_entry_is_refused(make_project):
    data = "publications:\n  - id: a\n    title: 甲书\n  - id: b\n    title: 乙书\n    密级: 绝密\n"
    [error] = errors_of(make_project({"data/publications.yml": data}))
    assert (error.path, error.line, error.field) == ("data/publications.yml", 6,
                                                     "publications.1.密级")


def test_classification_line_in_the_text_is_refused(make_project):
    text = VALID.replace("第一条　测试。", "秘密★1年\n\n第一条　测试。")
    [error] = errors_of(make_project({REG: text}))
    assert (error.path, error.line, error.field) == (REG, 7, "密级")


@pytest.mark.parametrize("marking", [
    "秘密★1年", "**秘密★1年**", "# 秘密★1年", "> 秘密★1年", "秘　密★1年", "秘密☆1年", "秘密＊1年",
    "【秘密】", "密级：秘密", '<p align="right">秘密★1年</p>', "秘\u200b密★1年", "\u200b秘密",
    "机密★长期", "绝密", "㊙密★１０年",
])
def test_marking_anywhere_in_the_text_is_refused(make_project, marking):
    images = "".join(f"![图{i}](img{i}.png)\n\n" for i in range(5))
    text = VALID.replace("第一条　测试。", f"{images}{marking}\n\n第一条　测试。")
    [error] = errors_of(make_project({REG: text}))
    assert (error.path, error.line, error.field) == (REG, 17, "密级")
    assert "涉密" in error.message


def test_prose_about_secrets_builds(make_project):
    body = ("第一条　党员必须保守党和国家的秘密。\n\n第二条　严守党的秘密，不得泄露国家秘密。\n\n"
            "第三条　国家秘密的密级分为绝密、机密、秘密三级。\n")
    assert errors_of(make_project({REG: VALID.replace("第一条　测试。\n", body)})) == []


@pytest.mark.parametrize(("name", "text", "line", "field"), [
    ("data/tracks/t.yml",
     "id: t\ntitle: 路径\nsteps:\n  - target: test\n    note: 先读秘密★1年的材料\n",
     5, "steps.0.note"),
    ("data/glossary.yml",
     "terms:\n  - term: 甲\n    explanation: |\n      第一行。\n      【机密】\n    source: test\n",
     5, "terms.0.explanation"),
    ("data/departments.yml",
     "departments:\n  - id: a\n    name: 办公室\n  - id: b\n    name: 密级：绝密\n", 5,
     "departments.1.name"),
    ("data/publications.yml",
     "publications:\n  - id: a\n    title: 甲书\n    note: 内部发行，秘密★长期\n", 4,
     "publications.0.note"),
    ("data/tracking/x.yml",
     "plan: x\nitems:\n  2020-1-1:\n    status: 推进中\n    progress:\n"
     "      - date: 2020-03-31\n        note: 传达秘 密★1年文件\n", 7,
     "items.2020-1-1.progress.0.note"),
])
def test_marking_in_any_yaml_text_is_refused(make_project, name, text, line, field):
    errors = errors_of(make_project({REG: VALID, name: text}))
    assert (name, line, field) in [(e.path, e.line, e.field) for e in errors]
    assert all("涉密" in e.message for e in errors if e.path == name)


def test_marking_in_front_matter_text_is_refused(make_project):
    text = VALID.replace("status:", "note: 原件标注 秘密★1年\nstatus:")
    [error] = errors_of(make_project({REG: text}))
    assert (error.path, error.line, error.field) == (REG, 4, "note")


def test_refused_build_writes_nothing(make_project):
    root = make_project({"docs/index.md": "# 首页\n",
                         REG: VALID.replace("status:", "密级: 机密\nstatus:")})
    result = subprocess.run([sys.executable, "-m", "dangjian", "build"], cwd=root,
                            capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{REG}:4: 错误: 密级:" in result.stderr
    assert not (root / "site").exists() and not (root / ".dangjian").exists()


@pytest.mark.parametrize(("body", "line", "words"), [
    ("<script>alert(1)</script>", 9, "<script>"),
    ('<iframe src="http://x"></iframe>', 9, "<iframe>"),
    ('<object data="x"></object>', 9, "<object>"),
    ('<embed src="x">', 9, "<embed>"),
    ('<img src="a.png" onerror="alert(1)">', 9, "onerror="),
    ('<a href="javascript:alert(1)">点我</a>', 9, "javascript:"),
    ("[点我](javascript:alert(1))", 9, "javascript:"),
    ("<marquee>滚动</marquee>", 9, "<marquee>"),
])
def test_unsafe_html_is_refused(make_project, body, line, words):
    [error] = errors_of(make_project({REG: VALID + "\n" + body + "\n"}))
    assert (error.path, error.line, error.field) == (REG, line, "body")
    assert words in error.message


def test_html_in_code_and_allowed_tags_pass():
    text = ("`<script>` 是脚本标签\n\n```html\n<script>x</script>\n```\n\n"
            '<div class="grid cards" markdown>\n<span>甲</span> <https://example.org>\n</div>\n')
    assert htmlpolicy.scan(text) == []


def test_huge_file_is_refused_quickly(make_project):
    root = make_project({})
    path = root / "docs" / "huge.md"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    started = time.monotonic()
    [error] = errors_of(root)
    assert time.monotonic() - started < 30
    assert (error.path, error.field) == ("docs/huge.md", "size") and "过大" in error.message


def test_deeply_nested_yaml(make_project):
    for nested in ("[" * 9_000 + "]" * 9_000, "a:\n" + "".join(
            " " * (2 * i) + f"k{i}:\n" for i in range(1, 200)) + " " * 400 + "x: 1"):
        text = f"---\ntitle: 深\nsummary: {nested}\n---\n" if nested.startswith("[") \
            else f"---\ntitle: 深\n{nested}\n---\n"
        [error] = errors_of(make_project({"docs/page.md": text}))
        assert error.path == "docs/page.md" and error.line >= 2
        assert "嵌套" in error.message


def test_billion_laughs_is_refused_at_once():
    lol = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20))
    started = time.monotonic()
    with pytest.raises(yamlsource.YamlProblem) as caught:
        yamlsource.load(lol)
    assert time.monotonic() - started < 2
    assert caught.value.line == 2 and "别名" in caught.value.message


def test_symlink_out_of_docs_is_refused(make_project, tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: 外部\n---\n机密内容\n", encoding="utf-8")
    root = make_project({REG: VALID})
    (root / "docs" / "regulations" / "link.md").symlink_to(secret)
    (root / "docs" / "outside").symlink_to(tmp_path, target_is_directory=True)
    errors = errors_of(root)
    assert sorted((e.path, e.field) for e in errors) == [
        ("docs/outside", "path"), ("docs/regulations/link.md", "path")]


def test_names_with_spaces_and_chinese_build(make_project):
    from dangjian.app.build import build

    root = make_project({"docs/index.md": "# 首页\n",
                         "docs/regulations/支部 条例.md": VALID,
                         "docs/学习 资料.md": "# 学习\n\n正文\n"})
    report = build(root / "mkdocs.yml")
    site = report.site_dir
    assert (site / "regulations" / "支部 条例" / "index.html").is_file()
    index = (site / "regulations" / "index.html").read_text(encoding="utf-8")
    assert 'href="支部 条例/"' in index


# Front matter and bodies as hostile authors might write them.
_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                     st.text(max_size=30))
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4)
                       | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)
_keys = st.sampled_from(["title", "id", "aliases", "status", "category", "issued", "effective",
                         "tags", "visibility", "coverage", "classification", "year", "x"])


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(meta=st.dictionaries(_keys, _values, max_size=8) | st.text(max_size=80),
       body=st.text(max_size=300), folder=st.sampled_from(["regulations", "study",
                                                            "workplans", ""]))
def test_fuzzed_content_never_raises(make_project, tmp_path, meta, body, folder):
    import yaml

    head = yaml.safe_dump(meta, allow_unicode=True) if isinstance(meta, dict) else meta
    root = make_project({f"docs/{folder}/f.md".replace("//", "/"): f"---\n{head}\n---\n{body}"})
    diagnostics = Diagnostics()
    content = loader.load(Project.at(root), diagnostics)
    for diagnostic in diagnostics.items:
        assert diagnostic.path.startswith("docs/") and diagnostic.field
    if not diagnostics.errors:
        stage.stage(content, tmp_path / "staged")


@pytest.mark.parametrize(("body", "line", "words"), [
    ("{{ nope( }}", 6, "不支持的模板写法"),
    ('{{ doc_link("nonexistent") }}', 6, "未知的文件标识"),
])
def test_template_errors_name_file_and_line(make_project, body, line, words):
    from dangjian.app.build import build
    from dangjian.core.diagnostics import ContentError

    root = make_project({"docs/index.md": f"---\ntitle: 页\n---\n# 页\n\n{body}\n"})
    with pytest.raises(ContentError) as caught:
        build(root / "mkdocs.yml")
    [error] = caught.value.diagnostics
    assert (error.path, error.line, error.field) == ("docs/index.md", line, "模板")
    assert words in error.message and "Traceback" not in error.message
    assert not (root / "site").exists()


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(body=st.text(alphabet=st.sampled_from(list("第一条章《》{}%#<>*_[]()!`-：\n 甲乙丙")),
                    max_size=200))
def test_fuzzed_build_is_complete_or_refused(make_project, body):
    from dangjian.app.build import build
    from dangjian.core.diagnostics import ContentError

    root = make_project({"docs/index.md": "# 首页\n", REG: VALID})
    build(root / "mkdocs.yml")
    before = sorted(p.relative_to(root) for p in (root / "site").rglob("*"))
    (root / REG).write_text(VALID + body, encoding="utf-8")
    try:
        build(root / "mkdocs.yml")
    except ContentError as exc:
        assert all(d.path and d.field for d in exc.diagnostics)
        assert sorted(p.relative_to(root) for p in (root / "site").rglob("*")) == before
    else:
        assert (root / "site" / "regulations" / "test" / "index.html").is_file()
