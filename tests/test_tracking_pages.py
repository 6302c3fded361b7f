"""Plan, department and overview pages generated from tracking data (no build needed)."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from dangjian.core.diagnostics import Diagnostics
from dangjian.core.project import Project
from dangjian.core.urls import Links
from dangjian.load import loader
from dangjian.load.loader import Content
from dangjian.load.tracking import due_label
from dangjian.pages import navigation, plan_pages, stage, tracking_pages
from dangjian.refs import references

from .conftest import ROOT
from .two_years import TWO_YEARS, two_years_files

STATUSES = ["已完成", "推进中", "未启动", "延期", "未填报"]


def load_project(root: Path) -> Content:
    diagnostics = Diagnostics()
    content = loader.load(Project.at(root), diagnostics)
    assert diagnostics.items == [], [d.format() for d in diagnostics.items]
    return content


@pytest.fixture(scope="module")
def shipped() -> Content:
    return load_project(ROOT)


@pytest.fixture(scope="module")
def two_years() -> Content:
    return load_project(TWO_YEARS)


def plan_page(content: Content, plan_id: str) -> str:
    doc = content.inventory.by_id[plan_id]
    refs, _ = references.resolve(content)
    view = plan_pages.PlanView(content.tracking, plan_pages.cited_in(refs))
    return stage.document_page(doc, Links(doc.page, True), refs, view)


def generated(content: Content, page: str) -> str:
    return tracking_pages.pages(content.tracking)[page](Links(page, True))


class _Tables(HTMLParser):
    """Rows of every table, as text cells, by the table's last class."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._table: list[list[str]] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._table = self.tables.setdefault(dict(attrs)["class"].split()[-1], [])
        elif tag == "tr" and self._table is not None:
            self._table.append([])
        elif tag == "td" and self._table is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None and self._table is not None:
            self._table[-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def tables(html: str) -> dict[str, list[list[str]]]:
    parser = _Tables()
    parser.feed(html)
    return {name: [row for row in rows if row] for name, rows in parser.tables.items()}


def test_every_shipped_item_shows_status_and_owners(shipped):
    page = plan_page(shipped, "x-2020")
    items = [item.id for item in shipped.inventory.by_id["x-2020"].structure.items]
    blocks = re.findall(r'<dl class="dj-owners" data-item="([^"]+)">(.*?)</dl>', page)
    assert [item for item, _ in blocks] == items
    for _, block in blocks:
        assert re.search(r'data-status="(未启动|推进中|已完成|延期)"', block)
        assert re.search(r'<dt>牵头部门</dt><dd><a class="dj-dept" href="\.\./departments/', block)
        assert "<dt>完成时限</dt>" in block
        assert "示例数据" in block
    assert '<p class="admonition-title">示例数据</p>' in page
    assert "2020-4-3" in page and "<dt>延期原因</dt>" in page


def test_shipped_sample_data_is_labelled_on_every_page(shipped):
    assert shipped.tracking.sample_plans == {"x-2020"}
    pages = tracking_pages.pages(shipped.tracking)
    assert len(pages) == 2 + len(shipped.tracking.departments)
    for page, make in pages.items():
        assert '<p class="admonition-title">示例数据</p>' in make(Links(page, True)), page


def test_department_page_lists_led_and_supported_items(two_years):
    html = generated(two_years, "workplans/departments/zuzhi.md")
    assert html.startswith('---\ntitle: "组织部"\n---\n\n# 组织部\n')
    assert "牵头 4 项，配合 1 项" in html
    # The later year first, each year a section of its own.
    assert html.index("2021年 · 测试单位2021年") < html.index("2020年 · 测试单位2020年")
    found = tables(html)
    assert [row[:3] for row in found["dj-index--led"]] == [
        ["一、一是持续建强基本组织", "推进中", "2021年上半年"],
        ["一、二是推进党支部标准化", "未启动", "2021年6月30日前"],
        ["一、一是建强基本组织", "已完成", "2020年第四季度"],
        ["一、二是建强基本队伍", "延期", "2020年内"],
    ]
    assert found["dj-index--led"][0][3] == "办公室、宣传部"
    # The latest progress note, whatever the order in the file.
    assert found["dj-index--led"][0][4] == "2021-06-30 第二季度进展。"
    assert "延期原因：培训顺延。" in found["dj-index--led"][3][4]
    assert found["dj-index--supported"] == [
        ["二、一是抓好思想政治工作", "宣传部", "推进中", "长期"]]
    assert 'href="../../2021/#2021-1-1"' in html
    assert '<p class="admonition-title">示例数据</p>' in html  # t-2021 is sample data


def test_department_that_only_supports(two_years):
    html = generated(two_years, "workplans/departments/bangong.md")
    assert "牵头 0 项，配合 2 项" in html
    assert html.count("<p>无。</p>") == 2  # no led items in either year
    supported = tables(html)["dj-index--supported"]
    assert [row[0] for row in supported] == ["一、一是持续建强基本组织", "一、一是建强基本组织"]


def test_department_without_items(two_years):
    html = generated(two_years, "workplans/departments/tuanwei.md")
    assert "牵头 0 项，配合 0 项" in html
    assert "dj-print-break" not in html and "示例数据" not in html


def test_department_index_counts(two_years):
    rows = tables(generated(two_years, "workplans/departments/index.md"))["dj-index--departments"]
    assert rows == [
        ["组织部", "4", "1", "1", "1", "1", "1"],
        ["宣传部", "2", "1", "0", "2", "0", "0"],
        ["办公室", "0", "2", "0", "0", "0", "0"],
        ["团委", "0", "0", "0", "0", "0", "0"],
    ]


def expected_counts(root: Path, plan_id: str) -> dict[str, Counter]:
    """Status of each item by section, read straight from the plan text and the YAML."""
    data_dir = root / "data" / "tracking"
    files = [yaml.safe_load(p.read_text("utf-8")) for p in data_dir.glob("*.yml")]
    entries = next(f["items"] for f in files if f["plan"] == plan_id)
    plan_file = next(p for p in (root / "docs" / "workplans").glob("*.md")
                     if f"id: {plan_id}\n" in p.read_text("utf-8"))
    counts: dict[str, Counter] = {}
    section = ""
    for line in plan_file.read_text("utf-8").splitlines():
        anchor = re.search(r"\{#([^}]+)\}\s*$", line)
        if line.startswith("## ") and anchor:
            section = anchor.group(1)
            counts[section] = Counter()
        elif line.startswith("### ") and anchor:
            entry = entries.get(anchor.group(1))
            counts[section][entry["status"] if entry else "未填报"] += 1
    return counts


def chart_counts(html: str, plan_id: str) -> dict[str, Counter]:
    figure = re.search(rf'<figure class="dj-chart" data-plan="{plan_id}"[^>]*>(.*?)</figure>',
                       html).group(1)
    counts: dict[str, Counter] = {}
    for row, body in re.findall(r'<g class="dj-chart__row" data-row="([^"]+)">(.*?)</g>',
                                figure):
        counts[row] = Counter({category: int(count) for category, count in re.findall(
            r'data-category="([^"]+)" data-count="(\d+)"', body)})
    return counts


@pytest.mark.parametrize(("project", "plan_id"), [
    (ROOT, "x-2020"), (TWO_YEARS, "t-2020"), (TWO_YEARS, "t-2021")])
def test_chart_counts_match_the_data(project, plan_id):
    content = load_project(project)
    html = generated(content, "workplans/overview.md")
    expected = expected_counts(project, plan_id)
    assert chart_counts(html, plan_id) == expected
    part = html[html.index(f'data-plan="{plan_id}"'):]
    table = tables(part.split("\n## ")[0])["dj-index--progress"]
    rows = {row[0]: row[1:] for row in table}
    for section in content.inventory.by_id[plan_id].structure.sections:
        label = f"{section.marker}、{section.title}"
        counted = [int(n) for n in rows[label]]
        assert counted[:-1] == [expected[section.id][s] for s in STATUSES]
        assert counted[-1] == len(section.items)


def test_chart_draws_segments_to_scale(two_years):
    html = generated(two_years, "workplans/overview.md")
    figure = re.search(r'data-plan="t-2021"[^>]*>(.*?)</figure>', html).group(1)
    segments = re.findall(r'<rect [^>]*width="([\d.]+)" height="22" [^>]*'
                          r'data-count="(\d+)"', figure)
    assert len(segments) == 4  # 2021-1: 推进中, 未启动, 未填报; 2021-2: 推进中
    # One item is as wide everywhere: bars compare sections by size.
    assert len({round(float(width) / int(count)) for width, count in segments}) == 1
    assert "<script" not in html and "http" not in figure.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")


def test_overview_lists_every_year_latest_first(two_years):
    html = generated(two_years, "workplans/overview.md")
    assert html.index('data-plan="t-2021"') < html.index('data-plan="t-2020"')
    assert "已完成 1 项、推进中 1 项、延期 1 项" in html
    assert "推进中 2 项、未启动 1 项、未填报 1 项" in html
    assert "培训顺延。" in html  # delayed items with their reason


def test_continuation_is_linked_from_both_years(two_years):
    later = plan_page(two_years, "t-2021")
    earlier = plan_page(two_years, "t-2020")
    assert re.search(r'<p class="dj-continuity">延续 <a class="dj-item-link" '
                     r'href="\.\./2020/#2020-1-1">2020年 一、一是建强基本组织</a></p>', later)
    assert re.search(r'<p class="dj-continuity">2021年延续本项：<a class="dj-item-link" '
                     r'href="\.\./2021/#2021-1-1">2021年 一、一是持续建强基本组织</a></p>', earlier)
    assert later.count("dj-continuity") == 1 and earlier.count("dj-continuity") == 1


def test_untracked_item_says_so(two_years):
    page = plan_page(two_years, "t-2021")
    block = re.search(r'<dl class="dj-owners" data-item="2021-1-3">(.*?)</dl>', page).group(1)
    assert 'data-status="未填报"' in block and "未明确" in block


def test_citations_panel_lists_cited_documents(two_years):
    page = plan_page(two_years, "t-2020")
    panel = re.search(r'<dl class="dj-refs" data-item="2020-1-1">(.*?)</dl>', page).group(1)
    assert '<a href="../../regulations/ceshi-tiaoli/">《测试条例》</a>' in panel
    assert '<dl class="dj-refs" data-item="2020-1-2"' not in page  # cites nothing


def test_citations_panel_interface_takes_documents_and_tracks(two_years):
    ref = two_years.tracking.items[("t-2020", "2020-1-2")]
    html = plan_pages.citations_panel(ref, [("《甲》", "../a/")], [("新党员入门", "../t/")])
    assert "<dt>引用文件</dt>" in html and "<dt>学习路径</dt>" in html
    assert '<a href="../t/">新党员入门</a>' in html
    assert plan_pages.citations_panel(ref, [], []) == ""


def test_navigation_has_progress_pages_under_workplans(two_years):
    nav = navigation.build(two_years.inventory, True,
                           progress=tracking_pages.nav(two_years.tracking))
    workplans = nav[1]["工作要点"]
    assert workplans[:3] == [
        "workplans/index.md",
        {"工作进展": "workplans/overview.md"},
        {"部门分工": ["workplans/departments/index.md",
                  {"组织部": "workplans/departments/zuzhi.md"},
                  {"宣传部": "workplans/departments/xuanchuan.md"},
                  {"办公室": "workplans/departments/bangong.md"},
                  {"团委": "workplans/departments/tuanwei.md"}]},
    ]
    assert [next(iter(e)) for e in workplans[3:]] == [
        "测试单位2021年工作要点", "测试单位2020年工作要点"]


def test_project_without_tracking_gets_no_progress_pages(make_project):
    files = two_years_files({"data/departments.yml": None, "data/tracking/t-2020.yml": None,
                             "data/tracking/t-2021.yml": None})
    content = load_project(make_project(files))
    assert tracking_pages.pages(content.tracking) == {}
    assert tracking_pages.nav(content.tracking) == []
    page = plan_page(content, "t-2020")
    assert "dj-owners" not in page and "示例数据" not in page
    assert "dj-refs" in page  # the citations panel does not depend on tracking


@pytest.mark.parametrize(("due", "label"), [
    ("2020", "2020年内"), ("2020-H1", "2020年上半年"), ("2020-H2", "2020年下半年"),
    ("2020-Q3", "2020年第三季度"), ("2020-06", "2020年6月"), ("2020-06-30", "2020年6月30日前"),
    ("长期", "长期"),
])
def test_due_labels(due, label):
    assert due_label(due) == label
