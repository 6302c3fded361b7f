"""What changed between two builds: the release manifest, its comparison, the words."""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace

import pytest

from dangjian.core import jsondoc
from dangjian.core.changes import ItemChange, compare
from dangjian.core.diagnostics import Diagnostics
from dangjian.core.manifest import WHOLE, Entry, Manifest, PlanItem, dump, load, text_hash
from dangjian.core.project import Project
from dangjian.core.urls import Links
from dangjian.load import releases
from dangjian.pages import change_list, updates_page


def _regulation(status: str = "现行有效", **parts: str) -> Entry:
    return Entry(kind="regulation", title="某条例", page="regulations/x.md", status=status,
                 parts={anchor: text_hash(text) for anchor, text in parts.items()})


def _plan(**items: tuple[str, str]) -> Entry:
    return Entry(kind="workplan", title="2020年工作要点", page="workplans/2020.md",
                 parts={WHOLE: text_hash("前言")},
                 items={item: PlanItem(title=f"事项{item}", hash=text_hash(text), status=status)
                        for item, (text, status) in items.items()})


def _manifest(**documents: Entry) -> Manifest:
    return Manifest(built="2026-11-30", documents=documents)


OLD = _manifest(
    x=_regulation(第一条="甲", 第二条="乙", 第三条="丙"),
    y=_regulation(第一条="丁"),
    gone=_regulation(第一条="戊"),
    plan=_plan(**{"2020-1-1": ("一", "推进中"), "2020-1-2": ("二", "未启动"),
                  "2020-1-3": ("三", "")}),
)


def test_the_same_manifest_has_no_changes():
    assert not compare(OLD, OLD)
    assert change_list.text_lines(compare(OLD, OLD)) == ["与上一版相比没有变化。"]


def test_articles_changed_added_and_deleted_by_anchor():
    new = _manifest(**{**OLD.documents,
                       "x": _regulation(第一条="甲", 第二条="乙改", 第四条="新")})
    changes = compare(OLD, new)
    assert [r.doc.id for r in changes.revised] == ["x"]
    revision = changes.revised[0]
    assert (revision.changed, revision.added, revision.deleted) == (["第二条"], ["第四条"],
                                                                    ["第三条"])
    assert not (changes.added or changes.abolished or changes.removed or changes.statuses
                or changes.items)


def test_new_abolished_removed_and_other_status_changes():
    new = _manifest(x=OLD.documents["x"], y=_regulation("已废止", 第一条="丁"),
                    plan=OLD.documents["plan"], fresh=_regulation(第一条="己"))
    new = new.model_copy(update={"documents": {
        **new.documents, "x": OLD.documents["x"].model_copy(update={"status": "已被修订"})}})
    changes = compare(OLD, new)
    assert [d.id for d in changes.added] == ["fresh"]
    assert [d.id for d in changes.abolished] == ["y"]
    assert [d.id for d in changes.removed] == ["gone"]
    assert [(s.doc.id, s.old, s.new) for s in changes.statuses] == [("x", "现行有效", "已被修订")]
    assert not changes.revised and not changes.items


def test_plan_items_added_removed_revised_and_status_changes():
    new = _manifest(**{**OLD.documents, "plan": _plan(**{
        "2020-1-1": ("一", "已完成"), "2020-1-2": ("二改", "未启动"), "2020-1-4": ("四", "")})})
    changes = compare(OLD, new)
    assert [(c.item, c.change, c.old, c.new) for c in changes.items] == [
        ("2020-1-1", ItemChange.STATUS, "推进中", "已完成"),
        ("2020-1-2", ItemChange.REVISED, "", ""),
        ("2020-1-4", ItemChange.ADDED, "", ""),
        ("2020-1-3", ItemChange.REMOVED, "", ""),
    ]
    assert not changes.revised  # the plan's own text did not change


def test_a_work_whose_edition_in_force_changed_is_revised():
    old = _manifest(w=Entry(kind="regulation", title="党章", page="regulations/w.md",
                            edition="2017年修改"))
    new = _manifest(w=old.documents["w"].model_copy(update={"edition": "2022年修改"}))
    assert compare(old, new).revised[0].edition == ("2017年修改", "2022年修改")


def test_text_lines_name_every_change_in_chinese():
    new = _manifest(x=_regulation(第一条="甲改", 第二条="乙", 第三条="丙"),
                    y=_regulation("已废止", 第一条="丁"), gone=OLD.documents["gone"],
                    plan=_plan(**{"2020-1-1": ("一", "已完成"), "2020-1-2": ("二", "未启动"),
                                  "2020-1-3": ("三", "")}))
    assert change_list.text_lines(compare(OLD, new)) == [
        "修订 1 件：", "  《某条例》：修改 第一条",
        "废止 1 件：", "  《某条例》",
        "工作要点事项变化 1 项：", "  《2020年工作要点》 2020-1-1 事项2020-1-1：推进中 → 已完成",
    ]


def test_article_pieces_link_each_changed_article_and_not_a_deleted_one():
    new = _manifest(**{**OLD.documents, "x": _regulation(第一条="甲改", 第二条="乙改")})
    (group,) = change_list.groups(compare(OLD, new))
    pieces = group.lines[0].pieces
    assert ("第一条", "第一条") in pieces and ("第二条", "第二条") in pieces
    assert ("第三条", "") in pieces


def test_groups_leave_out_what_the_audience_may_not_read():
    new = _manifest(**{**OLD.documents, "secret": _regulation(第一条="密")})
    changes = compare(OLD, new)
    assert change_list.groups(changes, lambda doc: None if doc.id == "secret" else "") == []


def test_manifest_round_trips_and_its_digest_ignores_version_and_date():
    data = dump(OLD)
    assert json.loads(data)["format"] == "dangjian-release/1"
    assert load(data) == OLD
    later = OLD.model_copy(update={"version": "2026.12.01-1", "built": "2026-12-01"})
    assert later.digest == OLD.digest
    assert _manifest(x=OLD.documents["x"]).digest != OLD.digest


@pytest.mark.parametrize(("data", "says"), [
    (b"not json", "不是有效的 JSON"),
    (b'{"format": "dangjian-release/2", "built": "2026-11-30"}', "格式标记不是"),
    (b'["dangjian-release/1"]', "格式标记不是"),
    (b'{"format": "dangjian-release/1"}', "built 不正确"),
    (b'{"format": "dangjian-release/1", "built": "2026-11-30", "documents": '
     b'{"x": {"kind": "regulation", "title": "a", "page": "p", "parts": {"1": "zz"}}}}',
     "documents.x.parts.1 不正确"),
    (b'{"format": "dangjian-release/1", "built": "2026-11-30", "version": "1\\u001b[2J"}',
     "version 不正确"),
    (b'{"format": "dangjian-release/1", "built": "2026-11-30", "extra": 1}', "extra 不正确"),
])
def test_a_hostile_manifest_is_refused_with_one_sentence(data, says):
    with pytest.raises(jsondoc.FormatError) as caught:
        load(data)
    assert says in str(caught.value)
    assert "\x1b" not in str(caught.value)


def test_next_version_counts_the_releases_of_the_day():
    day = dt.date(2026, 11, 30)
    assert releases.next_version([], day) == "2026.11.30-1"
    taken = [releases.Release(version=v, date=day) for v in ("2026.11.30-1", "2026.11.30-2")]
    assert releases.next_version(taken, day) == "2026.11.30-3"


def test_release_list_round_trips_and_a_bad_one_names_file_line_and_field(tmp_path):
    project = Project(tmp_path, tmp_path / "docs", tmp_path / "data")
    new = _manifest(**{**OLD.documents, "x": _regulation(第一条="甲改", 第二条="乙", 第三条="丙")})
    record = releases.Release(version="2026.11.30-1", date=dt.date(2026, 11, 30),
                              changes=compare(OLD, new))
    releases.append(project, [], record, dump(new))
    diagnostics = Diagnostics()
    assert releases.load(project, diagnostics) == [record] and not diagnostics
    assert load(releases.manifest_path(project).read_bytes()) == new
    text = (tmp_path / "data" / "releases.yml").read_text("utf-8")
    assert text.startswith("# 本站更新")
    (tmp_path / "data" / "releases.yml").write_text(
        text.replace("version: 2026.11.30-1", "version: 2026.11.30-1\n  colour: red"), "utf-8")
    assert releases.load(project, diagnostics) == []
    (problem,) = diagnostics.errors
    assert problem.path.endswith("releases.yml") and problem.line == 5
    assert problem.field == "releases.0.colour"


def test_updates_page_lists_releases_newest_first_without_hidden_documents():
    new = _manifest(**{**OLD.documents, "secret": _regulation(第一条="密"),
                       "fresh": Entry(kind="study", title="公开资料", page="study/fresh.md")})
    secret_title = new.documents["secret"].title + "甲"
    new = new.model_copy(update={"documents": {
        **new.documents, "secret": new.documents["secret"].model_copy(
            update={"title": secret_title})}})
    first = releases.Release(version="2026.11.29-1", date=dt.date(2026, 11, 29), first=True)
    second = releases.Release(version="2026.11.30-1", date=dt.date(2026, 11, 30),
                              changes=compare(OLD, new))
    visible = SimpleNamespace(by_id={"fresh": SimpleNamespace(page="study/fresh.md")})
    hidden = SimpleNamespace(by_id={"secret": object()})
    shown = updates_page.shown_in(visible, hidden)
    text = updates_page.page(updates_page.Updates([first, second]), shown,
                             Links(updates_page.PAGE, True))
    assert text.index("#v2026-11-30-1") < text.index("#v2026-11-29-1")
    assert '<a href="../study/fresh/">《公开资料》</a>' in text
    assert secret_title not in text and "新增 1 件" in text
    assert "首次记录" in text


def test_updates_page_is_searchable_only_once_it_lists_a_release():
    links = Links(updates_page.PAGE, True)
    empty = updates_page.page(updates_page.Updates(), lambda doc: "", links)
    assert "尚无发布记录" in empty and "data-pagefind" not in empty
    release = releases.Release(version="1", date=dt.date(2026, 11, 30), first=True)
    listed = updates_page.page(updates_page.Updates([release]), lambda doc: "", links)
    assert 'data-pagefind-filter="类型:本站更新"' in listed
