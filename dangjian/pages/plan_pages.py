"""The work plan as a living plan: under every item of the staged plan page, its status,
owners, due period, progress, 延续 links and the documents and study tracks that serve it.

The HTML pieces here (badges, department and item links, the sample-data notice) are
shared with the generated progress pages (``tracking_pages``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from dangjian.core.documents import Document
from dangjian.core.urls import Links
from dangjian.load.departments import Department
from dangjian.load.tracking import Assignment, ItemRef, ItemStatus, Tracking, due_label
from dangjian.pages import indexes
from dangjian.text.workplan import Item

if TYPE_CHECKING:
    from dangjian.load.tracks import Track
    from dangjian.refs.references import References

UNREPORTED = "未填报"
"""Shown for an item that has no tracking entry."""

STATUS_CLASS = {
    ItemStatus.NOT_STARTED: "todo",
    ItemStatus.IN_PROGRESS: "doing",
    ItemStatus.DONE: "done",
    ItemStatus.DELAYED: "delayed",
    None: "none",
}

LinkItem = tuple[str, str]
"""(title, href) of one entry of the citations panel."""

CitationFinder = Callable[[ItemRef, Links], list[LinkItem]]
"""Lists what an item cites (or what serves it) as links from the page being written."""


def text(value: str) -> str:
    """Escape for HTML, and keep braces away from the page's Jinja pass (mkdocs-macros)."""
    return escape(value).replace("{", "&#123;").replace("}", "&#125;")


def status_badge(status: ItemStatus | None) -> str:
    label = status.value if status is not None else UNREPORTED
    return (f'<span class="dj-status dj-status--plan-{STATUS_CLASS[status]}" '
            f'data-status="{label}">{label}</span>')


def status_of(assignment: Assignment | None) -> ItemStatus | None:
    return assignment.status if assignment is not None else None


def department_link(department: Department, links: Links) -> str:
    href = text(links.to(department.page))
    return f'<a class="dj-dept" href="{href}">{text(department.name)}</a>'


def item_link(ref: ItemRef, links: Links, with_year: bool = False) -> str:
    year = f"{ref.year}年 " if with_year else ""
    return (f'<a class="dj-item-link" href="{text(links.to(ref.plan.page, ref.item.id))}">'
            f"{year}{text(ref.label)}</a>")


def due_text(assignment: Assignment | None) -> str:
    if assignment is None or assignment.due is None:
        return '<span class="dj-unknown">未定</span>'
    return text(due_label(assignment.due))


def sample_notice(what: str) -> str:
    return ('<div class="admonition warning dj-sample" role="note">'
            '<p class="admonition-title">示例数据</p>'
            f"<p>{text(what)}是演示用的示例数据，不是实际的工作分工和进展。</p></div>")


SAMPLE_TAG = '<span class="dj-sample-tag" title="演示用的示例数据">示例数据</span>'


def cited_in(refs: References) -> CitationFinder:
    """Documents an item cites, as the reference resolver found them, in order of mention."""
    by_item: dict[tuple[str, str], list[Document]] = {}
    for reference in refs.items:
        if reference.owner is not None and reference.owner.kind.name == "workplan":
            cited = by_item.setdefault((reference.owner.id, reference.anchor), [])
            if reference.target not in cited:
                cited.append(reference.target)

    def find(ref: ItemRef, links: Links) -> list[LinkItem]:
        return [(doc.display_title, links.to(doc.page)) for doc in by_item.get(ref.key, [])]

    return find


def no_tracks(ref: ItemRef, links: Links) -> list[LinkItem]:
    return []


def served_by_tracks(tracks: Sequence[Track]) -> CitationFinder:
    """Study tracks with a step that names the item (``plan_item``), in track order."""
    serving: dict[tuple[str, str], list[Track]] = {}
    for track in tracks:
        for step in track.steps:
            if step.plan_item is not None:
                plan, item = step.plan_item
                listed = serving.setdefault((plan.id, item.id), [])
                if track not in listed:
                    listed.append(track)

    def find(ref: ItemRef, links: Links) -> list[LinkItem]:
        return [(track.title, links.to(track.page)) for track in serving.get(ref.key, [])]

    return find


def citations_panel(ref: ItemRef, documents: Sequence[LinkItem],
                    tracks: Sequence[LinkItem]) -> str:
    """What an item cites and which study tracks serve it; empty when there is neither."""
    rows = []
    for label, entries in (("引用文件", documents), ("学习路径", tracks)):
        if entries:
            shown = "".join(f'<li><a href="{text(href)}">{text(title)}</a></li>'
                            for title, href in entries)
            rows.append(f'<div class="dj-refs__row"><dt>{label}</dt>'
                        f"<dd><ul>{shown}</ul></dd></div>")
    if not rows:
        return ""
    return f'<dl class="dj-refs" data-item="{text(ref.item.id)}">{"".join(rows)}</dl>'


@dataclass
class PlanView:
    """Everything a plan page shows beside the plan's own text."""

    tracking: Tracking
    cited: CitationFinder
    tracks: CitationFinder = no_tracks

    def body(self, doc: Document, links: Links) -> str:
        parts = []
        if self.tracking.is_sample(doc):
            parts.append(sample_notice("本页各事项的牵头部门、配合部门、完成时限、状态和进展"))
        parts.append(indexes.plan_outline(doc, links))
        parts.append(doc.structure.staged(lambda item: self.decorate(doc, item, links)))
        return "\n\n".join(parts)

    def decorate(self, doc: Document, item: Item, links: Links) -> tuple[str, str]:
        ref = self.tracking.items[(doc.id, item.id)]
        head = self.owners(ref, links) if self.tracking.active else ""
        head += self.continuity(ref, links)
        tail = progress_list(self.tracking.of(ref))
        tail += citations_panel(ref, self.cited(ref, links), self.tracks(ref, links))
        # One element each, so that Markdown takes each as a single raw HTML block.
        return (f'<div class="dj-item-meta">{head}</div>' if head else "",
                f'<div class="dj-item-refs">{tail}</div>' if tail else "")

    def owners(self, ref: ItemRef, links: Links) -> str:
        assignment = self.tracking.of(ref)
        fields = [("状态", status_badge(status_of(assignment)))]
        if assignment is None:
            fields.append(("牵头部门", '<span class="dj-unknown">未明确</span>'))
        else:
            fields.append(("牵头部门", department_link(assignment.lead, links)))
            if assignment.support:
                fields.append(("配合部门", "、".join(department_link(d, links)
                                                  for d in assignment.support)))
            fields.append(("完成时限", due_text(assignment)))
            if assignment.reason:
                fields.append(("延期原因", text(assignment.reason)))
        rows = "".join(f'<div class="dj-track__row"><dt>{label}</dt><dd>{html}</dd></div>'
                       for label, html in fields)
        tag = SAMPLE_TAG if assignment is not None and assignment.sample else ""
        return f'<dl class="dj-track" data-item="{text(ref.item.id)}">{rows}{tag}</dl>'

    def continuity(self, ref: ItemRef, links: Links) -> str:
        parts = []
        earlier = self.tracking.continues.get(ref.key)
        if earlier is not None:
            parts.append(f"延续 {item_link(earlier, links, with_year=True)}")
        for later in self.tracking.continued_by.get(ref.key, []):
            parts.append(f"{later.year}年延续本项：{item_link(later, links, with_year=True)}")
        return "".join(f'<p class="dj-continuity">{part}</p>' for part in parts)


def progress_list(assignment: Assignment | None) -> str:
    if assignment is None or not assignment.progress:
        return ""
    notes = "".join(
        f'<li><time datetime="{note.date.isoformat()}">{note.date.isoformat()}</time> '
        f"{text(note.note)}</li>"
        for note in assignment.progress
    )
    return f'<div class="dj-progress"><p class="dj-progress__title">进展</p><ol>{notes}</ol></div>'
