"""A change list in words: groups (新增 2 件 …) of lines, each naming a document and what
changed in it. The 本站更新 page and the bundle's home page show the groups with links;
``dangjian changes``, the build summary and 使用说明.txt print them as text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from dangjian.core import ui
from dangjian.core.changes import Changes, Doc, ItemChange, PlanItemChange, Revision
from dangjian.core.manifest import WHOLE

Shown = Callable[[Doc], str | None]
"""A document → the page to link it to, "" to name it without a link, None to leave it out
(this build's audience may not read it)."""


@dataclass
class Line:
    title: str
    """《中国共产党章程》, or the item: 2020-1-1 一是……"""
    pieces: list[tuple[str, str]] = field(default_factory=list)
    """What changed, as (text, anchor) pieces: an article named links to its anchor."""
    page: str = ""
    """Staged page to link to; empty for no link."""
    anchor: str = ""

    @property
    def detail(self) -> str:
        return "".join(text for text, _ in self.pieces)


@dataclass
class Group:
    label: str
    lines: list[Line]


def _every(doc: Doc) -> str:
    return doc.page


def groups(changes: Changes, shown: Shown = _every) -> list[Group]:
    found = [
        _docs("changes.added", changes.added, shown),
        _revised(changes.revised, shown),
        _docs("changes.abolished", changes.abolished, shown),
        _docs("changes.removed", changes.removed, shown),
        _statuses(changes, shown),
        _items(changes.items, shown),
    ]
    return [group for group in found if group.lines]


def _book(doc: Doc) -> str:
    return f"《{doc.title}》"


def _docs(key: str, docs: list[Doc], shown: Shown) -> Group:
    lines = [Line(_book(doc), page=page) for doc in docs
             if (page := shown(doc)) is not None]
    return Group(ui.text(key, count=len(lines)), lines)


def _anchor_label(anchor: str) -> str:
    return ui.text("changes.whole") if anchor == WHOLE else anchor


def _revised(revisions: list[Revision], shown: Shown) -> Group:
    lines = []
    for revision in revisions:
        page = shown(revision.doc)
        if page is None:
            continue
        details: list[list[tuple[str, str]]] = []
        for key, anchors, linked in (("changes.articles_changed", revision.changed, True),
                                     ("changes.articles_added", revision.added, True),
                                     ("changes.articles_deleted", revision.deleted, False)):
            if anchors:
                details.append(_naming(key, anchors, linked and bool(page)))
        if revision.edition:
            details.append([(ui.text("changes.edition", old=revision.edition[0] or ui.UNKNOWN,
                                     new=revision.edition[1] or ui.UNKNOWN), "")])
        if revision.title:
            details.append([(ui.text("changes.title_was", title=revision.title), "")])
        pieces = [piece for index, detail in enumerate(details)
                  for piece in ([("；", "")] if index else []) + detail]
        lines.append(Line(_book(revision.doc), pieces, page))
    return Group(ui.text("changes.revised", count=len(lines)), lines)


def _naming(key: str, anchors: list[str], linked: bool) -> list[tuple[str, str]]:
    """修改 第十条、第十二条, each article a piece of its own that links to its anchor."""
    before, _, after = ui.text(key, anchors="\0").partition("\0")
    pieces = [(before, "")]
    for index, anchor in enumerate(anchors):
        if index:
            pieces.append((ui.text("common.list_separator"), ""))
        pieces.append((_anchor_label(anchor), anchor if linked and anchor != WHOLE else ""))
    return pieces + ([(after, "")] if after else [])


def _statuses(changes: Changes, shown: Shown) -> Group:
    lines = [Line(_book(change.doc), [(ui.text("changes.status", old=change.old or ui.UNKNOWN,
                                               new=change.new or ui.UNKNOWN), "")], page)
             for change in changes.statuses if (page := shown(change.doc)) is not None]
    return Group(ui.text("changes.statuses", count=len(lines)), lines)


_ITEM_CHANGE = {ItemChange.ADDED: "changes.item_added", ItemChange.REMOVED: "changes.item_removed",
                ItemChange.REVISED: "changes.item_revised"}


def _items(items: list[PlanItemChange], shown: Shown) -> Group:
    lines = []
    for change in items:
        page = shown(change.plan)
        if page is None:
            continue
        if change.change is ItemChange.STATUS:
            detail = ui.text("changes.status", old=change.old or ui.UNKNOWN,
                             new=change.new or ui.UNKNOWN)
        else:
            detail = ui.text(_ITEM_CHANGE[change.change])
        anchor = change.item if page and change.change is not ItemChange.REMOVED else ""
        lines.append(Line(f"{_book(change.plan)} {change.item} {change.title}",
                          [(detail, "")], page if anchor else "", anchor))
    return Group(ui.text("changes.items", count=len(lines)), lines)


def text_lines(changes: Changes) -> list[str]:
    """The change list as plain lines: a group's label, then its lines indented."""
    if not changes:
        return [ui.text("changes.unchanged")]
    out = []
    for group in groups(changes):
        out.append(group.label + "：")
        out += [f"  {line.title}" + (f"：{line.detail}" if line.detail else "")
                for line in group.lines]
    return out
