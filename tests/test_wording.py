"""规范表述: `dangjian check` reports every wrong form with file, line and the right form,
and the shipped content yields exactly the expected warnings."""

from __future__ import annotations

import os
import subprocess
import sys

from dangjian.app.check import check
from dangjian.core.diagnostics import Diagnostics, Severity
from dangjian.core.project import Project
from dangjian.load import loader, wording

from .conftest import ROOT

PLAN = "docs/workplans/2020.md"


def typo_line() -> int:
    lines = (ROOT / PLAN).read_text(encoding="utf-8").split("\n")
    [number] = [n for n, line in enumerate(lines, start=1) if "杜会主义" in line]
    return number


def test_shipped_content_yields_exactly_the_seed_typo():
    diagnostics = check(ROOT / "mkdocs.yml").problems
    assert [d.format() for d in diagnostics] == [
        f"{PLAN}:{typo_line()}: 警告: 规范表述: “杜会主义”应为“社会主义”"]
    assert diagnostics[0].severity is Severity.WARNING


def test_the_typo_is_where_the_seed_has_it():
    # The line is the seed's own line, not the glossary's.
    line = (ROOT / PLAN).read_text(encoding="utf-8").split("\n")[typo_line() - 1]
    assert "习近平新时代中国特色杜会主义思想学习和研究成果" in line


def test_no_wrong_form_stands_in_correct_text():
    content = loader.load(Project.at(ROOT), Diagnostics())
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").rglob("*.md"))]
    hits = {form.wrong: sum(text.count(form.wrong) for text in texts)
            for form in content.glossary.wrong_forms}
    assert {wrong: n for wrong, n in hits.items() if n} == {"杜会主义": 1}


def test_every_content_file_is_checked_but_not_the_lists_themselves(make_project):
    root = make_project({
        "docs/study/s.md": "---\ntitle: 学习资料\n---\n\n认真贯切落实，\n不忘初心，牢记使命。\n",
        "data/tracks/t.yml": ("title: 路径\naudience: 新党员\nsteps:\n  - target: s\n"
                              "    note: 按部署宏扬优良传统。\n"),
        "data/glossary.yml": ("terms:\n  - term: 不忘初心、牢记使命\n    explanation: 主题教育。\n"
                              "    wrong: [不忘初心，牢记使命]\nwording:\n  - right: 弘扬\n"
                              "    wrong: [宏扬]\n  - right: 贯彻落实\n    wrong:\n"
                              "      - 贯切落实\n"),
    })
    project = Project.at(root)
    diagnostics = Diagnostics()
    content = loader.load(project, diagnostics)
    assert diagnostics.items == []
    wording.check(project, content.glossary, diagnostics)
    assert [d.format() for d in diagnostics.warnings] == [
        "data/tracks/t.yml:5: 警告: 规范表述: “宏扬”应为“弘扬”",
        "docs/study/s.md:5: 警告: 规范表述: “贯切落实”应为“贯彻落实”",
        "docs/study/s.md:6: 警告: 规范表述: “不忘初心，牢记使命”应为“不忘初心、牢记使命”",
    ]


def test_cli_check_prints_the_warning_and_succeeds():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "dangjian", "check"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert f"{PLAN}:{typo_line()}: 警告: 规范表述: “杜会主义”应为“社会主义”" in result.stderr
    assert "检查完成：0 个错误，1 个警告。" in result.stdout
    strict = subprocess.run([sys.executable, "-m", "dangjian", "check", "--strict"], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=300)
    assert strict.returncode == 1


def test_wording_is_silent_without_a_glossary(make_project):
    root = make_project({"docs/study/s.md": "---\ntitle: 资料\n---\n\n杜会主义\n"})
    diagnostics = Diagnostics()
    project = Project.at(root)
    wording.check(project, loader.load(project, diagnostics).glossary, diagnostics)
    assert diagnostics.items == []


def test_unreadable_file_is_left_to_the_loader(make_project):
    glossary = "wording:\n  - right: 社会主义\n    wrong: [杜会主义]\n"
    root = make_project({"docs/study/s.md": "杜会主义".encode("gbk"),
                         "data/glossary.yml": glossary})
    diagnostics = Diagnostics()
    project = Project.at(root)
    content = loader.load(project, diagnostics)
    wording.check(project, content.glossary, diagnostics)
    assert [d.field for d in diagnostics.items] == ["encoding"]
