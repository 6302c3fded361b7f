"""Malformed tracking data and departments: every message names file, line and field."""

from __future__ import annotations

import pytest

from .test_loader_errors import assert_names, load, only_error
from .two_years import two_years_files

T2020 = "data/tracking/t-2020.yml"
T2021 = "data/tracking/t-2021.yml"
DEPTS = "data/departments.yml"


def original(path: str) -> str:
    return two_years_files()[path]


def with_change(path: str, old: str, new: str) -> dict[str, str | None]:
    text = original(path)
    assert old in text, old
    return two_years_files({path: text.replace(old, new, 1)})


def test_fixture_loads_cleanly(make_project):
    content, errors = load(make_project(two_years_files()))
    assert errors == []
    tracking = content.tracking
    assert [p.id for p in tracking.plans] == ["t-2021", "t-2020"]
    assert len(tracking.assignments) == 6
    assert tracking.sample_plans == {"t-2021"}


@pytest.mark.parametrize(
    ("path", "old", "new", "line", "field", "words"),
    [
        pytest.param(T2020, "  2020-2-1:", "  2020-9-9:", 16, "items.2020-9-9",
                     "没有标识为 “2020-9-9” 的事项", id="unknown-item"),
        pytest.param(T2020, "lead: xuanchuan", "lead: xuanchaun", 17, "items.2020-2-1.lead",
                     "未知部门 “xuanchaun”", id="unknown-lead"),
        pytest.param(T2020, "support: [zuzhi]", "support: [zuzhi, renshi]", 18,
                     "items.2020-2-1.support.1", "未知部门 “renshi”", id="unknown-support"),
        pytest.param(T2020, "date: 2020-12-20", "date: 2020-02-30", 9,
                     "items.2020-1-1.progress.0.date", "日期", id="bad-progress-date"),
        pytest.param(T2020, "date: 2020-12-20", "date: 20201220", 9,
                     "items.2020-1-1.progress.0.date", "YYYY-MM-DD", id="date-as-number"),
        pytest.param(T2020, "due: 2020-Q4", "due: 2020-13", 6, "items.2020-1-1.due",
                     "完成时限无效", id="bad-due-month"),
        pytest.param(T2020, "due: 2020-Q4", "due: 2020-02-30", 6, "items.2020-1-1.due",
                     "完成时限无效", id="bad-due-date"),
        pytest.param(T2020, "due: 2020-Q4", "due: 年底", 6, "items.2020-1-1.due",
                     "2020-Q2", id="due-in-words"),
        pytest.param(T2020, "status: 已完成", "status: 完成", 7, "items.2020-1-1.status",
                     "不在允许范围内", id="unknown-status"),
        pytest.param(T2020, "    reason: 培训顺延。\n", "", 14, "items.2020-1-2.reason",
                     "延期原因", id="delay-without-reason"),
        pytest.param(T2020, "    due: 长期", "    due: 长期\n    owner: 张三", 20,
                     "items.2020-2-1.owner", "未知字段", id="unknown-field"),
        pytest.param(T2020, "plan: t-2020", "plan: t-2019", 1, "plan",
                     "没有标识为 “t-2019” 的工作要点", id="unknown-plan"),
        pytest.param(T2020, "plan: t-2020", "plan: [t-2020", 1, "plan",
                     "YAML 语法错误", id="bad-yaml"),
        pytest.param(T2021, "continues: 2020-1-1", "continues: 2020-1-9", 9,
                     "items.2021-1-1.continues", "没有标识为 “2020-1-9” 的事项",
                     id="continues-unknown-item"),
        pytest.param(T2021, "continues: 2020-1-1", "continues: t-2021#2021-1-2", 9,
                     "items.2021-1-1.continues", "只能延续往年", id="continues-same-year"),
        pytest.param(DEPTS, "  - id: tuanwei", "  - id: Tuan Wei", 8,
                     "departments.3.id", "格式不符", id="bad-department-id"),
        pytest.param(DEPTS, "    name: 团委\n", "", 8, "departments.3.name",
                     "缺少必填字段", id="department-without-name"),
        pytest.param(DEPTS, "  - id: tuanwei", "  - id: zuzhi", 8, "departments.3.id",
                     "重复，已见于第 2 行", id="duplicate-department"),
        pytest.param(DEPTS, "    name: 团委", "    name: 组织部", 9, "departments.3.name",
                     "重复，已见于第 2 行", id="duplicate-department-name"),
    ],
)
def test_malformed_tracking(make_project, path, old, new, line, field, words):
    error = only_error(make_project(with_change(path, old, new)))
    assert_names(error, path, line, field)
    assert words in error.message, error.message


def test_unknown_department_errors_name_every_place(make_project):
    # Without departments.yml every department is unknown, each at its own line.
    _, errors = load(make_project(two_years_files({DEPTS: None})))
    places = [(e.path, e.line, e.field) for e in errors]
    assert (T2020, 4, "items.2020-1-1.lead") in places
    assert (T2020, 5, "items.2020-1-1.support.0") in places
    assert (T2021, 6, "items.2021-1-1.support.1") in places
    assert all("未知部门" in e.message and "尚未登记" in e.message for e in errors)
    assert len(errors) == 10


def test_second_file_for_one_plan(make_project):
    files = two_years_files({"data/tracking/z-extra.yml": "plan: t-2020\nitems: {}\n"})
    error = only_error(make_project(files))
    assert_names(error, "data/tracking/z-extra.yml", 1, "plan")
    assert T2020 in error.message


def test_ambiguous_continuation_asks_for_the_plan(make_project):
    # A third plan of 2020 from another organisation reuses the ids of t-2020.
    other = original("docs/workplans/2020.md").replace("id: t-2020", "id: u-2020").replace(
        "title: 测试单位2020年工作要点", "title: 另一单位2020年工作要点")
    error = only_error(make_project(two_years_files({"docs/workplans/u2020.md": other})))
    assert_names(error, T2021, 9, "items.2021-1-1.continues")
    assert "t-2020#2020-1-1" in error.message or "u-2020#2020-1-1" in error.message
    fixed = with_change(T2021, "continues: 2020-1-1", "continues: u-2020#2020-1-1")
    fixed["docs/workplans/u2020.md"] = other
    content, errors = load(make_project(fixed))
    assert errors == []
    later = content.tracking.continued_by[("u-2020", "2020-1-1")]
    assert [ref.key for ref in later] == [("t-2021", "2021-1-1")]


def test_all_tracking_errors_are_reported_together(make_project):
    # One bad item hides neither the other items' problems nor other files'.
    files = with_change(T2020, "status: 已完成", "status: 完成")
    files[T2020] = files[T2020].replace("lead: xuanchuan", "lead: nobody")
    files[T2021] = files[T2021].replace("lead: xuanchuan", "lead: nobody")
    files[DEPTS] = files[DEPTS].replace("name: 组织部", "name: 组织部\n    head: 张三")
    content, errors = load(make_project(files))
    assert [(e.path, e.line, e.field) for e in errors] == [
        (DEPTS, 4, "departments.0.head"),
        (T2020, 7, "items.2020-1-1.status"),
        (T2020, 17, "items.2020-2-1.lead"),
        (T2021, 20, "items.2021-2-1.lead"),
    ]
    assert set(content.tracking.assignments) == {
        ("t-2020", "2020-1-2"), ("t-2021", "2021-1-1"), ("t-2021", "2021-1-2")}
