"""Study tracks: loading checks every step against the content, naming file, line and
field; the shipped tracks stand on real content."""

from __future__ import annotations

from pathlib import Path

import pytest

from dangjian.core.diagnostics import Diagnostic, Diagnostics
from dangjian.core.project import Project
from dangjian.core.urls import Links
from dangjian.load import loader
from dangjian.pages import track_pages

from .conftest import ROOT

TRACK = "data/tracks/t.yml"

REGULATION = """---
title: 测试条例
category: 条例
status: 现行有效
---

第一章　总则

第一条　第一条的文字。

第二条　第二条的文字。

第二章　其他

第三条　第三条的文字。
"""

UNCOLLECTED = """---
title: 未收录的条例
category: 条例
status: 待核实
coverage: 未收录
---

本站未收录全文。
"""

STUDY = "---\ntitle: 学习资料甲\n---\n\n学习资料的正文。\n"

PLAN = """---
title: 测试工作要点
year: 2020
organization: 测试党委
id: plan
---

## 一、第一部分 {#2020-1}

### 一是第一项。 {#2020-1-1}

正文。
"""

PUBLICATIONS = "publications:\n  - id: book\n    title: 某书\n"

FILES = {
    "docs/regulations/reg.md": REGULATION,
    "docs/regulations/none.md": UNCOLLECTED,
    "docs/study/study.md": STUDY,
    "docs/workplans/2020.md": PLAN,
    "data/publications.yml": PUBLICATIONS,
}

VALID = """id: t
title: 测试路径
audience: 新党员
steps:
  - target: study
    note: 导读。
  - target: reg
    articles:
      - 第一条
      - 第二条
  - target: reg
    chapters: [第二章]
    plan_item: 2020-1-1
    month: 3
"""


def load(root: Path) -> tuple[loader.Content, list[Diagnostic]]:
    diagnostics = Diagnostics()
    content = loader.load(Project.at(root), diagnostics)
    return content, diagnostics.errors


def test_valid_track_loads(make_project):
    content, errors = load(make_project({**FILES, TRACK: VALID}))
    assert errors == []
    [track] = content.tracks
    assert (track.id, track.title, track.page) == ("t", "测试路径", "tracks/t.md")
    assert [step.key for step in track.steps] == ["study", "reg#第一条,第二条", "reg#第二章"]
    assert [step.number for step in track.steps] == [1, 2, 3]
    plan, item = track.steps[2].plan_item
    assert (plan.id, item.id) == ("plan", "2020-1-1")
    assert track.steps[2].meta.month == 3


@pytest.mark.parametrize(
    ("text", "line", "field", "words"),
    [
        pytest.param(VALID.replace("target: study", "target: stduy"), 5, "steps.0.target",
                     "未知的文件标识 “stduy”（是否指 “study”？）", id="unknown-target"),
        pytest.param(VALID.replace("target: study", "target: book"), 5, "steps.0.target",
                     "只能是学习资料或法规制度", id="publication-target"),
        pytest.param(VALID.replace("target: study", "target: plan"), 5, "steps.0.target",
                     "是工作要点", id="workplan-target"),
        pytest.param(VALID.replace("      - 第二条", "      - 第九条"), 10,
                     "steps.1.articles.1", "没有“第九条”（本站收录的条：第一条、第二条、第三条）",
                     id="unknown-article"),
        pytest.param(VALID.replace("[第二章]", "[第三章]"), 12, "steps.2.chapters.0",
                     "没有“第三章”", id="unknown-chapter"),
        pytest.param(VALID.replace("    note: 导读。", "    articles: [第一条]"), 6,
                     "steps.0.articles", "只有法规制度可以指定条", id="articles-of-a-study"),
        pytest.param(VALID.replace("target: study\n", "target: none\n"
                                   "    chapters: [第一章]\n"), 6, "steps.0.chapters",
                     "本站未收录《未收录的条例》的条文", id="chapters-of-an-uncollected-text"),
        pytest.param(VALID.replace("2020-1-1", "2020-9-9"), 13, "steps.2.plan_item",
                     "未知的工作要点事项 “2020-9-9”", id="unknown-plan-item"),
        pytest.param(VALID.replace("month: 3", "month: 13"), 14, "steps.2.month",
                     "超出范围", id="month-out-of-range"),
        pytest.param(VALID.replace("    note: 导读。", "    nots: 导读。"), 6, "steps.0.nots",
                     "未知字段", id="unknown-field"),
        pytest.param(VALID.replace("audience: 新党员\n", ""), 1, "audience", "缺少必填字段",
                     id="missing-audience"),
        pytest.param("id: t\ntitle: 测试路径\naudience: 新党员\nsteps: []\n", 4, "steps",
                     "至少需要 1 项", id="no-steps"),
        pytest.param(VALID.replace("title: 测试路径", "title: [测试路径"), 2, "title",
                     "YAML 语法错误", id="bad-yaml"),
        pytest.param(VALID.replace("id: t", "id: T 1"), 1, "id", "格式不符", id="bad-id"),
    ],
)
def test_malformed_track(make_project, text, line, field, words):
    _, errors = load(make_project({**FILES, TRACK: text}))
    assert len(errors) == 1, [e.format() for e in errors]
    error = errors[0]
    assert (error.path, error.line, error.field) == (TRACK, line, field), error.format()
    assert error.format().startswith(f"{TRACK}:{line}: 错误: {field}: ")
    assert words in error.message


def test_all_step_errors_are_reported_and_the_track_is_dropped(make_project):
    text = VALID.replace("target: study", "target: nope").replace("[第二章]", "[第九章]")
    content, errors = load(make_project({**FILES, TRACK: text}))
    assert [(e.line, e.field) for e in errors] == [(5, "steps.0.target"),
                                                  (12, "steps.2.chapters.0")]
    assert content.tracks == []


def test_duplicate_track_id_names_the_other_file(make_project):
    _, errors = load(make_project({**FILES, TRACK: VALID, "data/tracks/u.yml": VALID}))
    assert [(e.path, e.line, e.field) for e in errors] == [("data/tracks/u.yml", 1, "id")]
    assert TRACK in errors[0].message


def test_id_defaults_to_the_file_name(make_project):
    content, errors = load(make_project({**FILES, TRACK: VALID.replace("id: t\n", "")}))
    assert errors == [] and content.tracks[0].id == "t"


def test_repeated_steps_keep_distinct_keys(make_project):
    text = VALID + "  - target: study\n  - target: study\n"
    content, errors = load(make_project({**FILES, TRACK: text}))
    assert errors == []
    assert [s.key for s in content.tracks[0].steps][-3:] == ["reg#第二章", "study~2", "study~3"]


def test_step_links_carry_the_track_and_land_on_the_article(make_project):
    content, _ = load(make_project({**FILES, TRACK: VALID}))
    track = content.tracks[0]
    step = track.steps[1]
    assert track_pages.step_href(step, track, Links(track.page, True)) == \
        "../../regulations/reg/?track=t&step=2#第一条"
    assert track_pages.step_href(step, track, Links(track.page, False)) == \
        "../regulations/reg.html?track=t&step=2#第一条"


@pytest.fixture(scope="module")
def shipped() -> loader.Content:
    diagnostics = Diagnostics()
    content = loader.load(Project.at(ROOT), diagnostics)
    assert diagnostics.items == [], [d.format() for d in diagnostics.items]
    return content


def test_shipped_tracks(shipped):
    tracks = {track.id: track for track in shipped.tracks}
    assert {t.title for t in tracks.values()} == {
        "新党员入门", "支部书记履职", "理论学习中心组2020年学习计划"}
    assert {t.meta.audience for t in tracks.values()} == {"新党员", "支部书记", "理论学习中心组"}
    for track in tracks.values():
        assert len(track.steps) >= 8
        assert all(step.meta.note for step in track.steps)
        # A step whose text the site lacks says so in its note.
        for step in track.steps:
            assert step.has_text or "未收录" in step.meta.note


def test_branch_secretary_track_covers_its_topics(shipped):
    track = next(t for t in shipped.tracks if t.id == "zhibu-shuji-lvzhi")
    topics = "".join(step.meta.topic or "" for step in track.steps)
    for topic in ("三会一课", "主题党日", "组织生活会", "标准化", "发展党员"):
        assert topic in topics
    # The corpus has no rules on admitting members or on branch standardisation: say so.
    standard, admission = track.steps[-2], track.steps[-1]
    assert "未收录" in standard.meta.note and "未收录" in admission.meta.note


def test_study_group_plan_follows_the_work_plan_month_by_month(shipped):
    track = next(t for t in shipped.tracks if t.id == "zhongxinzu-2020")
    assert [step.meta.month for step in track.steps] == list(range(1, 13))
    assert all(step.plan_item is not None for step in track.steps)
    assert {step.plan_item[0].id for step in track.steps} == {"x-2020"}
    assert "本站拟定" in track.meta.description
