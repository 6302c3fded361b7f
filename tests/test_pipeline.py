"""One pipeline: `check` and `build` report the same problems and agree on strictness, and
plain `mkdocs build` / `serve` / `gh-deploy` refuse to render raw docs/."""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dangjian.app import cli

from .conftest import ROOT

REG = "docs/regulations/test.md"
VALID = "---\ntitle: 测试条例\ncategory: 条例\nstatus: 现行有效\n---\n\n第一条　测试。\n"
STUDY = "docs/study/s.md"
GLOSSARY = ("wording:\n  - right: 社会主义\n    wrong: [杜会主义]\n")
DIAGNOSTIC = re.compile(r"^\S+?(:\d+)?: (错误|警告): ")

# Each case: files of the project, extra arguments; warnings-only cases are run strict too.
CASES = {
    "unknown visibility": ({REG: VALID.replace("status:", "visibility: 外部人员\nstatus:")}, []),
    "classified": ({REG: VALID.replace("status:", "classification: 秘密\nstatus:")}, []),
    "bad yaml": ({REG: "---\ntitle: [未闭合\n---\n正文\n"}, []),
    "script": ({STUDY: "---\ntitle: 学习\n---\n\n<script>alert(1)</script>\n"}, []),
    "unknown audience": ({REG: VALID}, ["--audience", "外部人员"]),
    "wording": ({STUDY: "---\ntitle: 学习\n---\n\n坚持杜会主义道路。\n",
                 "data/glossary.yml": GLOSSARY}, []),
    "unresolved citation": ({STUDY: "---\ntitle: 学习\n---\n\n学习《不存在的文件》。\n"}, []),
    "several at once": ({REG: VALID.replace("status:", "visibility: 外部人员\nstatus:"),
                         STUDY: "---\ntitle: 学习\n---\n\n学习《不存在的文件》，坚持杜会主义。\n",
                         "data/glossary.yml": GLOSSARY}, []),
}


def run(root: Path, *args: str) -> tuple[int, list[str]]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["-f", str(root / "mkdocs.yml"), *args])
    lines = (err.getvalue() + out.getvalue()).splitlines()
    return code, sorted(line for line in lines if DIAGNOSTIC.match(line))


@pytest.mark.parametrize("case", CASES)
def test_check_and_strict_build_report_the_same(make_project, case):
    files, extra = CASES[case]
    root = make_project(files)
    checked = run(root, "check", "--strict", *extra)
    built = run(root, "build", "--strict", *extra)
    assert checked[1], "the case must produce a diagnostic"
    assert checked == built
    assert checked[0] == 1
    assert not (root / "site").exists()


@pytest.mark.parametrize("case", ["wording", "unresolved citation"])
def test_warnings_fail_neither_without_strict(make_project, case):
    files, extra = CASES[case]
    root = make_project(files)
    checked = run(root, "check", *extra)
    built = run(root, "build", *extra)
    assert checked == built
    assert checked[0] == 0 and any("警告" in line for line in checked[1])
    assert (root / "site" / "index.html").is_file() or (root / "site").is_dir()


def test_strict_from_mkdocs_yml_counts_for_both(make_project):
    files, _ = CASES["wording"]
    root = make_project(files)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - dangjian:\n", "  - dangjian:\n      strict: true\n"), encoding="utf-8")
    assert run(root, "check")[0] == run(root, "build")[0] == 1


def mkdocs(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "mkdocs", *args, "-f", str(root / "mkdocs.yml")],
                          cwd=root, env=env, capture_output=True, text=True, timeout=120)


def test_plain_mkdocs_build_with_a_classified_file_writes_nothing(make_project):
    root = make_project({REG: VALID.replace("status:", "classification: 秘密\nstatus:"),
                         "docs/index.md": "# 首页\n"})
    result = mkdocs(root, "build")
    assert result.returncode != 0
    assert "dangjian build" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (root / "site").exists()


def test_plain_mkdocs_build_leaves_the_last_site_untouched(make_project):
    root = make_project({REG: VALID, "docs/index.md": "# 首页\n"})
    site = root / "site"
    site.mkdir()
    (site / "index.html").write_text("last good", encoding="utf-8")
    for command in (["build"], ["gh-deploy", "--no-history", "--remote-name", "nowhere"]):
        result = mkdocs(root, *command)
        assert result.returncode != 0, command
        assert "dangjian build" in result.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "last good"


def test_plain_mkdocs_serve_refuses(make_project):
    root = make_project({REG: VALID, "docs/index.md": "# 首页\n"})
    result = mkdocs(root, "serve", "--dev-addr", "127.0.0.1:0")
    assert result.returncode != 0
    assert "dangjian build" in result.stderr


def test_related_and_tags_are_checked_and_shown(make_project, tmp_path):
    from dangjian.app.build import build
    from dangjian.core.diagnostics import ContentError

    reg = ("---\ntitle: 基础条例\nid: base\ncategory: 条例\nstatus: 现行有效\n---\n\n"
           "第一条　正文。\n")
    hidden = reg.replace("id: base", "id: inner").replace("基础条例", "内部条例").replace(
        "status:", "visibility: 党委委员\nstatus:")
    study = "---\ntitle: 学习\ntags: [三会一课, 组织生活]\nrelated: [base, inner]\n---\n\n正文。\n"
    root = make_project({"docs/regulations/base.md": reg, "docs/regulations/inner.md": hidden,
                         STUDY: study})
    build(root / "mkdocs.yml", tmp_path / "site")
    page = (tmp_path / "site/study/s/index.html").read_text(encoding="utf-8")
    assert "三会一课、组织生活" in page
    assert "《基础条例》</a>" in page and "内部条例" not in page
    build(root / "mkdocs.yml", tmp_path / "inner", audience="党委委员")
    assert "《内部条例》</a>" in (tmp_path / "inner/study/s/index.html").read_text("utf-8")

    (root / STUDY).write_text(study.replace("related: [base, inner]", "related: [bsae]"),
                              encoding="utf-8")
    with pytest.raises(ContentError) as refused:
        build(root / "mkdocs.yml", tmp_path / "site")
    [error] = refused.value.diagnostics
    assert (error.path, error.line, error.field) == (STUDY, 4, "related")
    assert "是否指：base" in error.message
