"""A new year without hand edits: ``dangjian new workplan 2021`` in a copy of the shipped
project, and the home page, navigation and overview follow the newest plan."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dangjian.app import cli

from .conftest import ROOT

TRACKING_2021 = """plan: x-2021
sample: true
items:
  2021-1-1:
    lead: dangwei-ban
    due: 2021
    status: 推进中
    continues: 2020-1-1
"""


@pytest.fixture(scope="module")
def new_year(tmp_path_factory) -> Path:
    from dangjian.app.build import build

    root = tmp_path_factory.mktemp("new-year") / "project"
    for name in ("docs", "data"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root)
    assert cli.main(["-f", str(root / "mkdocs.yml"), "new", "workplan", "2021"]) == 0
    plan = root / "docs" / "workplans" / "2021.md"
    plan.write_text(plan.read_text("utf-8").replace("year: 2021", "id: x-2021\nyear: 2021"),
                    encoding="utf-8")
    (root / "data" / "tracking" / "x-2021.yml").write_text(TRACKING_2021, encoding="utf-8")
    report = build(root / "mkdocs.yml", root / "site")
    assert not report.warnings or all("2021" not in w.path for w in report.warnings)
    return root


def test_new_plan_takes_the_organisation_and_its_own_ids(new_year):
    text = (new_year / "docs" / "workplans" / "2021.md").read_text("utf-8")
    assert "title: X企业2021年党建工作要点\n" in text
    assert "organization: X企业党委\n" in text
    assert "{#2021-1}" in text and "{#2021-1-1}" in text


def test_home_page_shows_the_newest_plan_without_being_edited(new_year):
    home = (new_year / "site" / "index.html").read_text("utf-8")
    assert 'href="workplans/2021/"' in home and 'href="workplans/2021/#2021-1-1"' in home
    assert "workplans/2020/#" not in home
    assert (new_year / "docs" / "index.md").read_bytes() == (ROOT / "docs/index.md").read_bytes()


def test_navigation_and_overview_list_both_years_newest_first(new_year):
    site = new_year / "site"
    overview = (site / "workplans" / "overview" / "index.html").read_text("utf-8")
    assert overview.index("X企业2021年党建工作要点") < overview.index("X企业2020年党建工作要点")
    nav = (site / "workplans" / "index.html").read_text("utf-8")
    assert nav.index('href="2021/"') < nav.index('href="2020/"')


def test_continuation_links_both_ways(new_year):
    site = new_year / "site"
    later = (site / "workplans" / "2021" / "index.html").read_text("utf-8")
    earlier = (site / "workplans" / "2020" / "index.html").read_text("utf-8")
    assert 'href="../2020/#2020-1-1"' in later
    assert 'href="../2021/#2021-1-1"' in earlier


def test_latest_without_any_plan_is_an_unknown_id(make_project):
    from dangjian.app.check import check

    root = make_project({"docs/index.md": '# 首页\n\n{{ work_items("latest") }}\n'})
    messages = [d.message for d in check(root / "mkdocs.yml").problems]
    assert messages == ["work_items：未知的文件标识“latest”"]
