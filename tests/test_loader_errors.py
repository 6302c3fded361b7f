"""Malformed content: every message names the file, the line and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from dangjian.core.diagnostics import Diagnostic, Diagnostics
from dangjian.core.project import Project
from dangjian.load import loader

REG = "docs/regulations/test.md"

VALID = """---
title: 测试条例
category: 条例
status: 现行有效
issued: 2019-01-31
---

第一条　测试条文。
"""


def load(root: Path) -> tuple[loader.Content, list[Diagnostic]]:
    diagnostics = Diagnostics()
    content = loader.load(Project.at(root), diagnostics)
    return content, diagnostics.errors


def only_error(root: Path) -> Diagnostic:
    _, errors = load(root)
    assert len(errors) == 1, [e.format() for e in errors]
    return errors[0]


def assert_names(error: Diagnostic, path: str, line: int, field: str) -> None:
    assert (error.path, error.line, error.field) == (path, line, field), error.format()
    assert error.format().startswith(f"{path}:{line}: 错误: {field}: ")


def test_valid_regulation_loads(make_project):
    content, errors = load(make_project({REG: VALID}))
    assert errors == []
    doc = content.inventory.by_id["test"]
    assert doc.meta.category.value == "条例"
    assert [a.anchor for a in doc.structure.articles] == ["第一条"]


@pytest.mark.parametrize(
    ("text", "line", "field", "words"),
    [
        pytest.param(VALID.replace("title: 测试条例", "title: [测试条例"), 2, "title",
                     "YAML 语法错误", id="bad-yaml"),
        pytest.param(VALID.replace("issued: 2019-01-31", "aliases: 测试"), 5, "aliases",
                     "应为列表", id="wrong-type"),
        pytest.param(VALID.replace("status: 现行有效", "status: 有效"), 4, "status",
                     "不在允许范围内", id="unknown-status"),
        pytest.param(VALID.replace("2019-01-31", "2019-02-30"), 5, "issued",
                     "日期", id="bad-date"),
        pytest.param(VALID.replace("2019-01-31", "20190131"), 5, "issued",
                     "YYYY-MM-DD", id="date-as-number"),
        pytest.param(VALID.replace("title: 测试条例\n", ""), 2, "title",
                     "缺少必填字段", id="missing-title"),
        pytest.param(VALID.replace("title: 测试条例", "title: 测试条例\ntitel: 测试"), 3, "titel",
                     "未知字段", id="unknown-field"),
        pytest.param(VALID.replace("status: 现行有效", "status: 现行有效\ntitle: 又一个"), 5,
                     "title", "重复的键", id="duplicate-key"),
        pytest.param(VALID.replace("title: 测试条例", "title: &t 测试条例\nsummary: *t"), 3,
                     "summary", "别名", id="yaml-alias"),
        pytest.param(VALID.replace("title: 测试条例", "title: 《测试条例》"), 2, "title",
                     "书名号", id="book-marks-in-title"),
        pytest.param("", 1, "front matter", "文件为空", id="empty-file"),
        pytest.param(VALID.replace("---\n\n第一条", "\n第一条"), 1, "front matter",
                     "没有结束", id="front-matter-not-closed"),
        pytest.param("第一条　没有元数据。\n", 1, "front matter", "缺少 front matter",
                     id="no-front-matter"),
    ],
)
def test_malformed_regulation(make_project, text, line, field, words):
    error = only_error(make_project({REG: text}))
    assert_names(error, REG, line, field)
    assert words in error.message


def test_bom_keeps_line_numbers(make_project):
    text = "\ufeff" + VALID.replace("status: 现行有效", "status: 有效")
    assert_names(only_error(make_project({REG: text})), REG, 4, "status")
    content, errors = load(make_project({REG: "\ufeff" + VALID}))
    assert errors == [] and content.inventory.by_id["test"].title == "测试条例"


def test_crlf_keeps_line_numbers(make_project):
    text = VALID.replace("2019-01-31", "2019-13-01").replace("\n", "\r\n").encode()
    assert_names(only_error(make_project({REG: text})), REG, 5, "issued")
    content, errors = load(make_project({REG: VALID.replace("\n", "\r\n").encode()}))
    assert errors == [] and "\r" not in content.inventory.by_id["test"].body


def test_gbk_file_is_named_as_such(make_project):
    text = VALID.replace("第一条　测试条文。", "第一条　测试条文。").encode("gbk")
    error = only_error(make_project({REG: text}))
    assert (error.path, error.line, error.field) == (REG, 2, "encoding")
    assert "GBK" in error.message and "UTF-8" in error.message


def test_nul_byte(make_project):
    error = only_error(make_project({REG: VALID.replace("测试条文", "测试\x00条文").encode()}))
    assert_names(error, REG, 8, "encoding")


def test_duplicate_id_names_both_files(make_project):
    other = "docs/regulations/other.md"
    root = make_project({REG: VALID.replace("title: 测试条例", "title: 测试条例\nid: same"),
                         other: VALID.replace("title: 测试条例", "title: 另一条例\nid: same")})
    error = only_error(root)  # files load in path order: other.md first
    assert_names(error, REG, 3, "id")
    assert f"{other}:3" in error.message


def test_duplicate_alias_names_both_files(make_project):
    other = "docs/regulations/other.md"
    root = make_project({
        REG: VALID.replace("status:", "aliases: [简称]\nstatus:"),
        other: VALID.replace("title: 测试条例", "title: 另一条例").replace(
            "status:", "aliases: [简称]\nstatus:"),
    })
    error = only_error(root)
    assert_names(error, REG, 4, "aliases")
    assert f"{other}:1" in error.message


def test_all_errors_are_reported_together(make_project):
    root = make_project({
        REG: VALID.replace("status: 现行有效", "status: 有效"),
        "docs/regulations/b.md": VALID.replace("2019-01-31", "2019-02-30"),
        "docs/study/c.md": "---\ntitle: 资料\ndate: 昨天\n---\n正文\n",
    })
    _, errors = load(root)
    assert [(e.path, e.field) for e in errors] == [
        ("docs/regulations/b.md", "issued"),
        ("docs/regulations/test.md", "status"),
        ("docs/study/c.md", "date"),
    ]


def test_publication_entry_error_names_entry_line(make_project):
    data = ("publications:\n  - id: a\n    title: 甲书\n    year: 2020\n"
            "  - id: b\n    title: 乙书\n    year: 去年\n")
    error = only_error(make_project({"data/publications.yml": data}))
    assert_names(error, "data/publications.yml", 7, "publications.1.year")


def test_workplan_errors(make_project):
    plan = "docs/workplans/2021.md"
    text = "---\ntitle: 工作要点\norganization: X企业党委\n---\n\n### 一是没有部分。\n\n正文\n"
    _, errors = load(make_project({plan: text}))
    assert [(e.path, e.line, e.field) for e in errors] == [
        (plan, 2, "year"),
    ]
    text = "---\ntitle: 工作要点\nyear: 2021\norganization: X企业党委\n---\n\n### 一是没有部分。\n"
    _, errors = load(make_project({plan: text}))
    assert [(e.path, e.line, e.field) for e in errors] == [
        (plan, 6, "sections"), (plan, 7, "items")]


def test_workplan_duplicate_anchor(make_project):
    plan = "docs/workplans/2021.md"
    text = ("---\ntitle: 工作要点\nyear: 2021\norganization: X企业党委\n---\n\n"
            "## 一、甲 {#a}\n\n### 一是乙。 {#a}\n\n正文\n")
    error = only_error(make_project({plan: text}))
    assert_names(error, plan, 9, "id")
