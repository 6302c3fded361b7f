"""Works and editions: which edition is in force when, the status that follows from the
dates, and the pages of a regulation with several editions."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from dangjian.core.diagnostics import Diagnostics
from dangjian.core.editions import (
    Dates,
    Edition,
    Timeline,
    decide,
    pinned,
    split_suffix,
)
from dangjian.core.model import Status
from dangjian.core.project import Project
from dangjian.load import loader

from .conftest import write_project
from .editions_fixture import corpus_2017, derived, edition_file

D = dt.date
WORK = "---\ntitle: 中国共产党章程\naliases: [党章]\ncategory: 党章\n---\n"
E2017 = "edition: 2017年修改\nadopted: 2017-10-24\nissuer: 中国共产党第十九次全国代表大会"
E2022 = "edition: 2022年修改\nadopted: 2022-10-22\nissuer: 中国共产党第二十次全国代表大会"


def charter_files() -> dict[str, str]:
    return {
        "docs/regulations/dangzhang.md": WORK,
        "docs/regulations/dangzhang/2017.md": edition_file(corpus_2017(), E2017),
        "docs/regulations/dangzhang/2022.md": edition_file(derived()[0], E2022),
    }


def load(root: Path) -> tuple[loader.Content, Diagnostics]:
    diagnostics = Diagnostics()
    return loader.load(Project.at(root), diagnostics), diagnostics


# --- the pure computation ------------------------------------------------------------

def _timeline(abolished: dt.date | None = None) -> Timeline:
    return Timeline.of([Edition("2022", Dates(adopted=D(2022, 10, 22))),
                        Edition("2017", Dates(adopted=D(2017, 10, 24)))], abolished)


def test_in_force_on_a_date_follows_the_dates_not_the_file_order():
    timeline = _timeline()
    assert [e.key for e in timeline.editions] == ["2017", "2022"]
    assert timeline.in_force(D(2020, 1, 1)).key == "2017"
    assert timeline.in_force(D(2022, 10, 21)).key == "2017"
    assert timeline.in_force(D(2022, 10, 22)).key == "2022"
    assert timeline.in_force(D(2010, 1, 1)) is None


def test_status_from_dates():
    timeline = _timeline()
    old, new = timeline.editions
    assert timeline.status(old, D(2024, 1, 1)).status is Status.REVISED
    assert timeline.status(old, D(2020, 1, 1)).status is Status.IN_FORCE
    assert timeline.status(new, D(2020, 1, 1)).status is Status.PENDING
    assert timeline.status(new, D(2024, 1, 1)).status is Status.IN_FORCE
    assert timeline.until(old) == D(2022, 10, 22)


def test_abolition_ends_the_work():
    timeline = _timeline(abolished=D(2023, 6, 1))
    old, new = timeline.editions
    assert timeline.in_force(D(2023, 6, 1)) is None
    assert timeline.in_force(D(2023, 5, 31)).key == "2022"
    assert timeline.status(new, D(2024, 1, 1)).status is Status.ABOLISHED
    assert timeline.status(old, D(2024, 1, 1)).status is Status.REVISED
    assert timeline.work_status(D(2024, 1, 1)).status is Status.ABOLISHED
    assert timeline.current(D(2024, 1, 1)).key == "2022"


def test_a_weak_verdict_yields_to_the_author_a_strong_one_does_not():
    timeline = _timeline()
    old, new = timeline.editions
    weak = timeline.status(new, D(2024, 1, 1))
    assert not weak.strong
    assert decide(weak, Status.UNVERIFIED) is Status.UNVERIFIED
    assert decide(timeline.status(old, D(2024, 1, 1)), Status.IN_FORCE) is Status.REVISED
    assert decide(None, None) is None


@pytest.mark.parametrize("title, base, year", [
    ("中国共产党纪律处分条例（2018年修订）", "中国共产党纪律处分条例", 2018),
    ("中国共产党章程（2017年）", "中国共产党章程", 2017),
    ("中国共产党章程(2022年修改)", "中国共产党章程", 2022),
])
def test_edition_suffix(title, base, year):
    suffix = split_suffix(title)
    assert (suffix.base, suffix.year) == (base, year)


@pytest.mark.parametrize("title", ["全国党员教育培训工作规划（2019—2023年）",
                                   "X企业2020年党建工作要点", "（2018年修订）",
                                   "中国共产党支部工作条例（试行）"])
def test_not_an_edition_suffix(title):
    assert split_suffix(title) is None


def test_pinned_edition_by_year():
    timeline = _timeline()
    assert pinned(timeline.editions, 2017).key == "2017"
    assert pinned(timeline.editions, 2019) is None


# --- loading ---------------------------------------------------------------------------

def test_editions_become_documents_of_their_work(tmp_path):
    content, diagnostics = load(write_project(tmp_path, charter_files()))
    assert not diagnostics.items
    work = content.inventory.by_id["dangzhang"]
    old, new = (content.inventory.by_id[f"dangzhang-{y}"] for y in (2017, 2022))
    assert work.editions == [old, new]
    assert (old.page, new.page) == ("regulations/dangzhang/2017.md",
                                    "regulations/dangzhang/2022.md")
    assert old.display_title == "《中国共产党章程》（2017年修改）"
    assert (old.meta.status, new.meta.status, work.meta.status) == (
        Status.REVISED, Status.IN_FORCE, Status.IN_FORCE)
    # The work shows the edition in force: its facts and its text.
    assert work.meta.issuer == "中国共产党第二十次全国代表大会"
    assert work.structure is new.structure
    # Editions are not works: one title, one entry of the listings.
    assert content.inventory.by_name["党章"] is work
    assert [d.id for d in content.inventory.of_kind(work.kind)] == ["dangzhang"]


def test_an_edition_not_yet_in_force(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2021, 1, 1).timestamp())))
    content, diagnostics = load(write_project(tmp_path, charter_files()))
    by_id = content.inventory.by_id
    assert by_id["dangzhang-2022"].meta.status is Status.PENDING
    assert by_id["dangzhang-2017"].meta.status is Status.IN_FORCE
    assert by_id["dangzhang"].structure is by_id["dangzhang-2017"].structure


def test_edition_without_its_work_file_is_an_error(tmp_path):
    files = charter_files()
    del files["docs/regulations/dangzhang.md"]
    _, diagnostics = load(write_project(tmp_path, files))
    assert [(d.path, d.field) for d in diagnostics.errors] == [
        ("docs/regulations/dangzhang/2017.md", "path"),
        ("docs/regulations/dangzhang/2022.md", "path")]
    assert "docs/regulations/dangzhang.md" in diagnostics.errors[0].message


def test_dates_in_the_work_file_of_a_work_with_editions_are_an_error(tmp_path):
    files = charter_files()
    files["docs/regulations/dangzhang.md"] = WORK.replace("category:", "issued: 2017-10-24\n"
                                                          "category:")
    _, diagnostics = load(write_project(tmp_path, files))
    assert [(d.path, d.line, d.field) for d in diagnostics.errors] == [
        ("docs/regulations/dangzhang.md", 4, "issued")]


def test_hand_set_status_against_the_dates_is_a_warning_and_the_dates_win(tmp_path):
    files = {"docs/regulations/x.md": "---\ntitle: 某规定\ncategory: 规定\nstatus: 现行有效\n"
                                      "effective: 2019-01-01\nabolished: 2020-01-01\n---\n"}
    content, diagnostics = load(write_project(tmp_path, files))
    assert content.inventory.by_id["x"].meta.status is Status.ABOLISHED
    assert [(d.line, d.field) for d in diagnostics.warnings] == [(4, "status")]


def test_status_is_needed_only_where_the_dates_do_not_decide(tmp_path):
    files = {"docs/regulations/a.md": "---\ntitle: 甲规定\ncategory: 规定\n"
                                      "effective: 2019-01-01\n---\n",
             "docs/regulations/b.md": "---\ntitle: 乙规定\ncategory: 规定\n---\n"}
    content, diagnostics = load(write_project(tmp_path, files))
    assert content.inventory.by_id["a"].meta.status is Status.IN_FORCE
    assert [(d.path, d.field) for d in diagnostics.errors] == [
        ("docs/regulations/b.md", "status")]


def test_an_unknown_field_in_an_edition_file_names_file_and_line(tmp_path):
    files = charter_files()
    files["docs/regulations/dangzhang/2017.md"] = edition_file(corpus_2017(),
                                                               E2017 + "\nstatuss: 现行有效")
    _, diagnostics = load(write_project(tmp_path, files))
    assert [(d.path, d.line, d.field) for d in diagnostics.errors] == [
        ("docs/regulations/dangzhang/2017.md", 5, "statuss")]


# --- pages -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def charter_site(tmp_path_factory) -> Path:
    from dangjian.app.build import build

    root = write_project(tmp_path_factory.mktemp("editions") / "project", {
        **charter_files(),
        "docs/workplans/2020.md": "---\ntitle: X企业2020年党建工作要点\nyear: 2020\n"
                                  "organization: X企业\n---\n\n## 一、学习\n\n"
                                  "一是学习党章。认真学习《中国共产党章程》第十条和第十一条。\n\n"
                                  "二是学习新党章。学习《中国共产党章程》（2022年修改）第四条。\n\n"
                                  "三是对照旧条文。对照《中国共产党章程（2017年）》第九条。\n",
        "docs/study/note.md": "---\ntitle: 学习札记\ndate: 2024-03-01\n---\n\n"
                              "重温《中国共产党章程》第四条。\n",
    })
    build(root / "mkdocs.yml", root / "site")
    return root / "site"


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_each_edition_has_a_stable_page_and_the_work_shows_todays(charter_site):
    work = (charter_site / "regulations/dangzhang/index.html").read_text("utf-8")
    old = (charter_site / "regulations/dangzhang/2017/index.html").read_text("utf-8")
    new = (charter_site / "regulations/dangzhang/2022/index.html").read_text("utf-8")
    assert "和根本遵循" in work and "和根本遵循" not in old
    assert 'id="第五十五条"' in work and 'id="第五十五条"' in old
    # The text in force is found once by search: on the work's page.
    assert "data-pagefind-body" in work and "data-pagefind-body" in old
    assert "data-pagefind-body" not in new


def test_work_page_has_the_history(charter_site):
    work = (charter_site / "regulations/dangzhang/index.html").read_text("utf-8")
    history = work[work.index('class="dj-history"'):]
    history = history[:history.index("</section>")]
    assert history.index('href="2022/"') < history.index('href="2017/"')
    text = _text(history)
    assert "修订沿革" in text and "本法规共有 2 个版本" in text
    assert "2022年修改 现行 现行有效 通过日期 2022-10-22" in text
    assert "2017年修改 已被修订 通过日期 2017-10-24" in text


def test_older_edition_names_its_successor_and_since_when(charter_site):
    old = (charter_site / "regulations/dangzhang/2017/index.html").read_text("utf-8")
    banner = old[old.index('class="dj-banner'):]
    banner = banner[:banner.index("</div>")]
    assert ("本页是《中国共产党章程》（2017年修改），2022-10-22 起已由"
            "《中国共产党章程》（2022年修改）取代。") in _text(banner)
    assert 'href="../"' in banner
    assert "时效性 自 2017-10-24 起施行；2022-10-22 起由新版本（2022年修改）取代" in _text(old)
    assert "dj-banner" not in (charter_site / "regulations/dangzhang/2022/index.html"
                               ).read_text("utf-8")


# --- citations know time ------------------------------------------------------------------

def _links(html: str, css: str) -> list[tuple[str, str]]:
    return re.findall(rf'<a class="{css}" href="([^"]*)"[^>]*>([^<]*)</a>', html)


def test_a_dated_citation_lands_in_the_edition_in_force_then(charter_site):
    plan = (charter_site / "workplans/2020/index.html").read_text("utf-8")
    first = plan[plan.index("一是学习党章"):plan.index("二是学习新党章")]
    assert _links(first, "dj-cite") == [("../../regulations/dangzhang/2017/", "《中国共产党章程》")]
    assert _links(first, "dj-cite dj-cite--article") == [
        ("../../regulations/dangzhang/2017/#第十条", "第十条"),
        ("../../regulations/dangzhang/2017/#第十一条", "第十一条")]
    # A later edition is in force: the link says so and offers today's text.
    assert _links(first, "dj-cite-revised") == [("../../regulations/dangzhang/", "现已修订")]


def test_a_pinned_citation_lands_in_the_pinned_edition(charter_site):
    plan = (charter_site / "workplans/2020/index.html").read_text("utf-8")
    second = plan[plan.index("二是学习新党章"):plan.index("三是对照旧条文")]
    assert _links(second, "dj-cite") == [
        ("../../regulations/dangzhang/2022/", "《中国共产党章程》（2022年修改）")]
    assert _links(second, "dj-cite dj-cite--article") == [
        ("../../regulations/dangzhang/2022/#第四条", "第四条")]
    assert "dj-cite-revised" not in second
    third = plan[plan.index("三是对照旧条文"):]
    assert _links(third, "dj-cite")[0] == ("../../regulations/dangzhang/2017/",
                                           "《中国共产党章程（2017年）》")
    assert _links(third, "dj-cite dj-cite--article") == [
        ("../../regulations/dangzhang/2017/#第九条", "第九条")]


def test_an_undated_or_recent_page_cites_todays_edition(charter_site):
    note = (charter_site / "study/note/index.html").read_text("utf-8")
    assert _links(note, "dj-cite dj-cite--article") == [
        ("../../regulations/dangzhang/2022/#第四条", "第四条")]
    assert "dj-cite-revised" not in note


def test_the_work_page_lists_citations_of_every_edition(charter_site):
    work = (charter_site / "regulations/dangzhang/index.html").read_text("utf-8")
    cited = work[work.index('id="cited-by"'):]
    assert "本站共有 4 处引用了" in _text(cited)
    old = (charter_site / "regulations/dangzhang/2017/index.html").read_text("utf-8")
    assert "本站共有 2 处引用了" in _text(old[old.index('id="cited-by"'):])


def _check(root: Path) -> list[str]:
    from dangjian.app.check import check

    prepared = check(root / "mkdocs.yml")
    return [d.format() for d in prepared.problems]


def test_check_warns_where_a_cited_article_changed_or_is_gone_today(charter_site):
    problems = _check(charter_site.parent)
    assert problems == [
        "docs/workplans/2020.md:9: 警告: citation: 《中国共产党章程》第十一条（2017年修改）："
        "现行的《中国共产党章程》（2022年修改）已修改这一条（现为第十一条、第十二条）",
        "docs/workplans/2020.md:13: 警告: citation: "
        "《中国共产党章程（2017年）》第九条（2017年修改）：现行的《中国共产党章程》（2022年修改）已删除这一条",
    ]


def test_a_pin_the_site_has_no_edition_for_is_reported_not_a_title_mismatch(tmp_path):
    root = write_project(tmp_path, {
        **charter_files(),
        "docs/study/a.md": "---\ntitle: 甲\n---\n\n见《中国共产党章程》（2019年修订）。\n"})
    assert _check(root) == ["docs/study/a.md:5: 警告: citation: 《中国共产党章程》："
                            "本站没有 2019 年的版本（本站收录：2017年修改、2022年修改）"]


def test_a_title_naming_its_edition_is_cited_without_it(tmp_path):
    root = write_project(tmp_path, {
        "docs/regulations/jilv.md": "---\ntitle: 中国共产党纪律处分条例（2018年修订）\n"
                                    "category: 条例\nstatus: 已修改\ncoverage: 未收录\n---\n",
        "docs/study/a.md": "---\ntitle: 甲\n---\n\n见《中国共产党纪律处分条例》第十条。\n"})
    assert _check(root) == []


# --- 新旧条文对照 pages ----------------------------------------------------------------------

def test_comparison_page_of_consecutive_editions(charter_site):
    page = (charter_site / "regulations/dangzhang/2017-2022/index.html").read_text("utf-8")
    text = _text(page)
    assert "《中国共产党章程》新旧条文对照（2017年修改 → 2022年修改）" in text
    assert ("新增 1 条，删除 1 条，修改 3 条（拆分 1 处、合并 1 处），仅调整序号 12 条，其余未改"
            "；总纲（序言）：新增 1 段，修改 1 段，其余未改。") in re.sub(r"<[^>]+>", "", page)
    first = page[page.index('<tr id="第一条"'):]
    first = first[:first.index("</tr>")]
    assert "dj-compare__row--modified" in first and "<ins>（含新社会阶层）</ins>" in first
    assert 'href="../2017/#第一条"' in first and 'href="../2022/#第一条"' in first
    # Every row can be linked: a deleted article by its old number, a split's parts by theirs.
    assert '<tr id="原第九条" class="dj-compare__row dj-compare__row--deleted"' in page
    assert '<span id="第十二条"></span>' in page
    moved = page[page.index('<tr id="第十六条"'):]
    assert "位置调整" in _text(moved[:moved.index("</tr>")])
    work = (charter_site / "regulations/dangzhang/index.html").read_text("utf-8")
    assert '<a class="dj-history__compare" href="2017-2022/">与2017年修改对照</a>' in work


def test_comparison_page_is_in_the_offline_variant(tmp_path):
    from dangjian.engine import render as engine
    from dangjian.pages import stage
    from dangjian.pipeline.prepare import prepare

    root = write_project(tmp_path / "p", charter_files())
    _, settings = engine.load(root / "mkdocs.yml")
    prepared = prepare(settings)
    staged = stage.stage(prepared.content, tmp_path / "staged", directory_urls=False,
                         refs=prepared.refs, offline=True)
    assert "regulations/dangzhang/2017-2022.md" in staged.pages
    text = (tmp_path / "staged/regulations/dangzhang/2017-2022.md").read_text("utf-8")
    assert 'href="2017.html#第一条"' in text


def test_no_comparison_without_both_texts(tmp_path):
    from dangjian.pages import comparison_pages

    files = charter_files()
    files["docs/regulations/dangzhang/2022.md"] = (f"---\n{E2022}\ncoverage: 未收录\n---\n\n"
                                                   "本站未收录全文。\n")
    content, diagnostics = load(write_project(tmp_path, files))
    assert not diagnostics.items
    assert comparison_pages.pairs(content.inventory) == []


# --- 在某日有效的 -------------------------------------------------------------------------

def test_regulation_index_knows_when_each_edition_was_in_force(charter_site):
    html = (charter_site / "regulations/index.html").read_text("utf-8")
    rows = re.findall(r"<tr [^>]*>", html)
    assert any('data-editions="dangzhang"' in row and " hidden" not in row for row in rows)
    old = next(row for row in rows if 'data-edition="dangzhang"' in row
               and 'data-from="2017-10-24"' in row)
    assert 'data-to="2022-10-22"' in old and old.endswith(" hidden>")
    new = next(row for row in rows if 'data-from="2022-10-22"' in row)
    assert 'data-to=""' in new
    assert '<input type="date" name="on">' in html


@pytest.fixture(scope="module")
def charter_url(charter_site):
    from .conftest import served

    with served(charter_site) as url:
        yield url


@pytest.mark.browser
def test_regulation_index_filters_on_a_day(page, charter_url):
    page.goto(charter_url + "regulations/")
    visible = page.locator("table.dj-index--regulations tbody tr:not([hidden]) td:first-child")
    count = page.locator(".dj-filters__count")
    assert visible.all_inner_texts() == ["《中国共产党章程》"]
    assert count.inner_text() == "显示 1 / 1 件"
    day = page.locator('input[name="on"]')
    for on, shown in (("2020-06-01", ["《中国共产党章程》（2017年修改）"]),
                      ("2022-10-22", ["《中国共产党章程》（2022年修改）"]),
                      ("2010-01-01", [])):
        day.fill(on)
        assert visible.all_inner_texts() == shown, on
    day.fill("")
    assert visible.all_inner_texts() == ["《中国共产党章程》"]


def test_hostile_edition_names_stay_text(tmp_path):
    from dangjian.app.build import build

    label = '<script>alert(1)</script>{{ 7*7 }}'
    root = write_project(tmp_path / "p", {
        "docs/regulations/x.md": "---\ntitle: 某条例\ncategory: 条例\n---\n",
        "docs/regulations/x/2019.md": f"---\nedition: '{label}'\nissued: 2019-01-01\n---\n\n"
                                      "第一条　甲。\n\n第二条　乙。\n",
        "docs/regulations/x/2021.md": "---\nissued: 2021-01-01\ntitle: '某条例<img src=x>'\n"
                                      "---\n\n第一条　甲。\n\n第二条　乙丙。\n",
        "docs/study/a.md": "---\ntitle: 甲\ndate: 2020-01-01\n---\n\n见《某条例》第二条。\n",
    })
    build(root / "mkdocs.yml", root / "site")
    for page in ("regulations/x/index.html", "regulations/x/2019/index.html",
                 "regulations/x/2019-2021/index.html", "study/a/index.html"):
        html = (root / "site" / page).read_text("utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html
    old = (root / "site/regulations/x/2019/index.html").read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in old and "7*7" in old
