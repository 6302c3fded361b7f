"""A real build of the shipped content, and the build command's behaviour on failure."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import ROOT
from .test_content import SEED_CITATIONS

pytestmark = pytest.mark.build


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)


def ids_in(path: Path) -> set[str]:
    parser = _Ids()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.ids


def test_work_plan_has_every_section_and_item_anchor(built_site):
    ids = ids_in(built_site / "workplans" / "2020" / "index.html")
    sections = {f"2020-{s}" for s in range(1, 7)}
    items = {f"2020-{s}-{i}" for s, n in enumerate([3, 2, 2, 3, 3, 3], 1)
             for i in range(1, n + 1)}
    assert len(items) == 16
    assert sections | items <= ids


def test_every_cited_document_has_a_page(built_site):
    for doc_id in SEED_CITATIONS.values():
        folder = "publications" if doc_id in {"xi-tan-zhiguo-lizheng-3", "xuexi-wenda"} \
            else "regulations"
        assert (built_site / folder / doc_id / "index.html").is_file(), doc_id


def test_regulation_page_has_metadata_card_and_article_anchors(built_site):
    page = built_site / "regulations" / "dangyuan-jiaoyu-guanli-tiaoli" / "index.html"
    html = page.read_text(encoding="utf-8")
    card = re.search(r'<dl class="dj-card".*?</dl>', html, re.S).group(0)
    for label in ("制定机关", "发文字号", "公布日期", "施行日期", "效力状态", "类别"):
        assert f"<dt>{label}</dt>" in card
    assert "中共中央" in card and "2019-05-06" in card
    ids = ids_in(page)
    assert {"第一章", "第十章", "第一条", "第十条", "第四十六条"} <= ids


def test_chinese_ui_and_navigation(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh"' in html
    for label in ("工作要点", "法规制度", "学习资料", "学习路径", "术语"):
        assert f">{label}<" in html or f"{label}\n" in html
    for page in ("workplans", "regulations", "publications", "study", "tracks", "glossary"):
        assert (built_site / page / "index.html").is_file()


def test_navigation_is_pruned(built_site):
    # With navigation.prune a regulation page does not list the study materials.
    html = (built_site / "workplans" / "2020" / "index.html").read_text(encoding="utf-8")
    assert "中国共产党党员教育管理工作条例</" not in html.split('class="md-content"')[0]


def test_home_page_functions_render(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "{{" not in html
    assert 'href="workplans/2020/#2020-6-3"' in html
    assert 'href="regulations/"' in html


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "dangjian", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


VALID = "---\ntitle: 测试条例\ncategory: 条例\nstatus: 现行有效\n---\n\n第一条　测试。\n"


def test_cli_build_prints_summary(make_project):
    root = make_project({"docs/index.md": "# 首页\n", "docs/regulations/a.md": VALID})
    result = _run(["build"], root)
    assert result.returncode == 0, result.stderr
    assert "构建完成" in result.stdout and "法规制度 1" in result.stdout
    assert "用时" in result.stdout and "警告" in result.stdout
    assert (root / "site" / "regulations" / "a" / "index.html").is_file()


def test_failed_build_reports_all_errors_and_leaves_site_untouched(make_project):
    root = make_project({"docs/index.md": "# 首页\n", "docs/regulations/a.md": VALID})
    assert _run(["build"], root).returncode == 0
    before = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    (root / "docs/regulations/a.md").write_text(VALID.replace("现行有效", "有效"), "utf-8")
    (root / "docs/regulations/b.md").write_text(VALID.replace("title: 测试条例\n", ""), "utf-8")
    result = _run(["build"], root)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "docs/regulations/a.md:4: 错误: status:" in result.stderr
    assert "docs/regulations/b.md:2: 错误: title:" in result.stderr
    after = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not list(root.glob(".site*"))


def test_check_command(make_project):
    broken = VALID.replace("category: 条例", "category: 条列")
    root = make_project({"docs/regulations/a.md": broken})
    result = _run(["check"], root)
    assert result.returncode == 1
    assert "docs/regulations/a.md:3: 错误: category:" in result.stderr
    assert "Traceback" not in result.stderr
