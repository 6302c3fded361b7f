"""Self-check questions in a study material's front matter: validated with file, line and
field, and rendered for immediate feedback."""

from __future__ import annotations

from pathlib import Path

import pytest

from dangjian.core import kinds
from dangjian.core.diagnostics import Diagnostic, Diagnostics
from dangjian.core.project import Project
from dangjian.load import loader
from dangjian.pages import selfcheck

from .conftest import ROOT

STUDY = "docs/study/s.md"

VALID = """---
title: 学习资料
questions:
  - question: 党支部党员大会多久召开一次？
    options: [每月一次, 每三个月一次, 每年一次]
    answer: 每三个月一次
    explanation: 制度第二项。
  - question: 哪些是“三会”？
    options:
      - 党员大会
      - 支部委员会
      - 民主生活会
    answer:
      - 党员大会
      - 支部委员会
---

正文。
"""


def load(root: Path) -> tuple[loader.Content, list[Diagnostic]]:
    diagnostics = Diagnostics()
    content = loader.load(Project.at(root), diagnostics)
    return content, diagnostics.errors


def test_questions_load(make_project):
    content, errors = load(make_project({STUDY: VALID}))
    assert errors == []
    single, multiple = content.inventory.by_id["s"].meta.questions
    assert (single.multiple, single.answer_indexes) == (False, [1])
    assert (multiple.multiple, multiple.answer_indexes) == (True, [0, 1])


def test_numbers_are_options_as_written(make_project):
    text = VALID.replace("[每月一次, 每三个月一次, 每年一次]", "[1, 2, 4]").replace(
        "answer: 每三个月一次", "answer: 4")
    content, errors = load(make_project({STUDY: text}))
    assert errors == []
    question = content.inventory.by_id["s"].meta.questions[0]
    assert question.options == ["1", "2", "4"] and question.answer_indexes == [2]


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "words"),
    [
        pytest.param("answer: 每三个月一次", "answer: 每两个月一次", 6, "questions.0.answer",
                     "答案 “每两个月一次” 不在选项中"
                     "（选项：“每月一次”、“每三个月一次”、“每年一次”）",
                     id="single-answer-not-an-option"),
        pytest.param("      - 支部委员会\n---", "      - 党小组会\n---", 13, "questions.1.answer",
                     "答案 “党小组会” 不在选项中", id="multiple-answer-not-an-option"),
        pytest.param("[每月一次, 每三个月一次, 每年一次]", "[每月一次, 每月一次, 每三个月一次]", 5,
                     "questions.0.options", "选项重复：每月一次", id="repeated-option"),
        pytest.param("[每月一次, 每三个月一次, 每年一次]", "[每三个月一次]", 5,
                     "questions.0.options", "至少需要 2 项", id="one-option"),
        pytest.param("answer: 每三个月一次", "answer: {a: 1}", 6, "questions.0.answer",
                     "答案应为一个选项的原文", id="answer-of-the-wrong-type"),
        pytest.param("    explanation: 制度第二项。\n", "    explain: 制度第二项。\n", 7,
                     "questions.0.explain", "未知字段", id="unknown-field"),
        pytest.param("  - question: 哪些是“三会”？\n", "  - question: ''\n", 8,
                     "questions.1.question", "不能为空", id="empty-question"),
    ],
)
def test_malformed_question(make_project, old, new, line, field, words):
    assert old in VALID
    _, errors = load(make_project({STUDY: VALID.replace(old, new)}))
    assert len(errors) == 1, [e.format() for e in errors]
    error = errors[0]
    assert (error.path, error.line, error.field) == (STUDY, line, field), error.format()
    assert error.format().startswith(f"{STUDY}:{line}: 错误: {field}: ")
    assert words in error.message


def test_section_holds_answers_and_hides_feedback(make_project):
    content, _ = load(make_project({STUDY: VALID}))
    html = selfcheck.section(content.inventory.by_id["s"])
    assert html.startswith("## 自测题 { #自测题 .dj-selfcheck-title }\n\n<div")
    assert html.count('type="radio"') == 3 and html.count('type="checkbox"') == 3
    assert 'data-answer="1" data-multiple="false"' in html
    assert 'data-answer="0,1" data-multiple="true"' in html
    assert html.count("dj-question__feedback\" hidden") == 2
    assert "正确答案：A、B" in html and "制度第二项。" in html


def test_page_without_questions_has_no_section(make_project):
    content, _ = load(make_project({STUDY: "---\ntitle: 学习资料\n---\n\n正文。\n"}))
    assert selfcheck.section(content.inventory.by_id["s"]) == ""


def test_shipped_study_materials_carry_questions():
    content = loader.load(Project.at(ROOT), Diagnostics())
    studies = content.inventory.of_kind(kinds.STUDY)
    assert studies and all(len(doc.meta.questions) >= 2 for doc in studies)
    for doc in studies:
        forms = {q.multiple for q in doc.meta.questions}
        assert forms == {True, False}, doc.id
