"""``dangjian check`` on content with deliberately broken citations and links."""

from __future__ import annotations

from pathlib import Path

import pytest

from dangjian.app import cli

REGULATION = """---
title: 甲条例（试行）
aliases: [甲条例]
category: 条例
status: 现行有效
---

第一章　总则

第一条　甲。

第二条　乙。
"""

ABOLISHED = """---
title: 乙办法
category: 办法
status: 已废止
superseded_by: jia
---

本站未收录全文。
"""

DECISION = """---
title: 关于某项工作的决定
category: 上级文件
status: 现行有效
coverage: 未收录
---

本站未收录全文。
"""

PLAN = """---
title: 测试工作要点
year: 2021
organization: 测试党委
---

## 一、第一部分 {#p-1}

### 一是正常引用。 {#p-1-1}

依据《甲条例》第二条和《甲条例（试行）》办理。

### 二是有问题的引用。 {#p-1-2}

落实《甲条列》。
学习《决定》精神。
不再执行《乙办法》。
参照《甲条例》第九条。
"""

WARNINGS_ONLY = {
    "docs/regulations/jia.md": REGULATION,
    "docs/regulations/yi.md": ABOLISHED,
    "docs/regulations/jueding.md": DECISION,
    "docs/workplans/2021.md": PLAN,
}

EXPECTED_WARNINGS = [
    "docs/workplans/2021.md:15: 警告: citation: 《甲条列》 未找到对应的文件；"
    "是否指：《甲条例（试行）》",
    "docs/workplans/2021.md:16: 警告: citation: 《决定》 是简称，所指要看上下文，不作猜测；"
    "可能指：《关于某项工作的决定》。请在本文件 front matter 的 references 中写明，"
    "如 references: {决定: jueding}",
    "docs/workplans/2021.md:17: 警告: citation: 《乙办法》 已废止，已被 《甲条例（试行）》 取代",
    "docs/workplans/2021.md:18: 警告: citation: 《甲条例》第九条：本站收录的全文中没有这一条",
]


def run(root: Path, *args: str) -> tuple[int, list[str], str]:
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["-f", str(root / "mkdocs.yml"), *args])
    return code, err.getvalue().splitlines(), out.getvalue()


def test_check_lists_every_bad_citation_with_file_line_and_suggestion(make_project):
    code, lines, summary = run(make_project(WARNINGS_ONLY), "check")
    assert lines == EXPECTED_WARNINGS
    assert "0 个错误，4 个警告" in summary
    assert code == 0


def test_strict_turns_warnings_into_failure(make_project):
    root = make_project(WARNINGS_ONLY)
    assert run(root, "check", "--strict")[0] == 1
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "      data_dir: data\n", "      data_dir: data\n      strict: true\n"), "utf-8")
    code, lines, _ = run(root, "check")
    assert (code, lines) == (1, EXPECTED_WARNINGS)


def test_a_rule_settles_a_short_title(make_project):
    plan = PLAN.replace("organization: 测试党委\n",
                        "organization: 测试党委\nreferences:\n  决定: jueding\n")
    _, lines, _ = run(make_project({**WARNINGS_ONLY, "docs/workplans/2021.md": plan}), "check")
    assert not any("《决定》" in line for line in lines)
    assert len(lines) == 3


@pytest.mark.parametrize(("body", "line", "field", "words"), [
    ("见 [[不存在的条例#第一条]]。", 8, "link",
     "[[不存在的条例#第一条]] 的目标 “不存在的条例” 不存在"),
    ("见 [[甲条列]]。", 8, "link", "是否指：《甲条例（试行）》"),
    ("\n\n见 [[jia#第九条]]。", 10, "link", "《甲条例（试行）》 中没有 “第九条”"),
    ("见 [[x-2021#p-9]]。", 8, "link", "中没有 “p-9”"),
])
def test_unknown_explicit_link_target_is_an_error(make_project, body, line, field, words):
    study = f"---\ntitle: 学习资料\ndate: 2021-01-01\nsummary: 测试\ntags: [测试]\n---\n\n{body}\n"
    plan = "---\ntitle: 计划\nyear: 2021\norganization: 测试党委\nid: x-2021\n---\n\n## 一、甲\n"
    root = make_project({"docs/regulations/jia.md": REGULATION, "docs/study/s.md": study,
                         "docs/workplans/2021.md": plan})
    code, lines, _ = run(root, "check")
    assert code == 1
    (error,) = lines
    assert error.startswith(f"docs/study/s.md:{line}: 错误: {field}: ")
    assert words in error


def test_rule_and_successor_naming_unknown_documents_are_errors(make_project):
    plan = PLAN.replace("organization: 测试党委\n",
                        "organization: 测试党委\nreferences:\n  决定: no-such-id\n")
    abolished = ABOLISHED.replace("superseded_by: jia", "superseded_by: nowhere")
    code, lines, _ = run(make_project({**WARNINGS_ONLY, "docs/workplans/2021.md": plan,
                                       "docs/regulations/yi.md": abolished}), "check")
    assert code == 1
    assert "docs/regulations/yi.md:5: 错误: superseded_by: 没有标识为 “nowhere” 的文件" in lines
    assert "docs/workplans/2021.md:6: 错误: references.决定: 没有标识为 “no-such-id” 的文件" \
        in lines
