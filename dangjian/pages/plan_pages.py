"""The work plan as a living plan: under every item of the staged plan page, its status,
owners, due period, progress, 延续 links and the documents and study tracks that serve it.

The HTML pieces here (badges, department and item links, the sample-data notice) are
shared with the generated progress pages (``tracking_pages``); their markup is in
``templates/fragments/``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from dangjian.core import ui
from dangjian.core.documents import Document
from dangjian.core.kinds import WORKPLAN
from dangjian.core.urls import Links
from dangjian.load.departments import Department
from dangjian.load.tracking import Assignment, ItemRef, ItemStatus, Tracking, due_label
from dangjian.pages import fragments, indexes
from dangjian.text.workplan import Item

if TYPE_CHECKING:
    from dangjian.load.tracks import Track
    from dangjian.refs.references import References

UNREPORTED = ui.text("plan.unreported")
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


def status_badge(status: ItemStatus | None) -> Markup:
    label = status.value if status is not None else UNREPORTED
    return fragments.render("plan-status-badge", css=STATUS_CLASS[status], label=label)


def status_of(assignment: Assignment | None) -> ItemStatus | None:
    return assignment.status if assignment is not None else None


def department_link(department: Department, links: Links) -> Markup:
    return fragments.render("department-link", href=links.to(department.page),
                            name=department.name)


def item_link(ref: ItemRef, links: Links, with_year: bool = False) -> Markup:
    return fragments.render("item-link", href=links.to(ref.plan.page, ref.item.id),
                            year=ref.year if with_year else "", label=ref.label)


def due_text(assignment: Assignment | None) -> Markup | str:
    if assignment is None or assignment.due is None:
        return fragments.render("unknown", text=ui.text("plan.no_due"))
    return due_label(assignment.due)


def sample_notice(what: str) -> Markup:
    return fragments.render("sample-notice", what=what)


def sample_tag() -> Markup:
    return fragments.render("sample-tag")


def cited_in(refs: References) -> CitationFinder:
    """Documents an item cites, as the reference resolver found them, in order of mention."""
    by_item: dict[tuple[str, str], list[Document]] = {}
    for reference in refs.items:
        if reference.owner is not None and reference.owner.kind is WORKPLAN:
            cited = by_item.setdefault((reference.owner.id, reference.anchor), [])
            if reference.target not in cited:
                cited.append(reference.target)

    def find(ref: ItemRef, links: Links) -> list[LinkItem]:
        return [(doc.display_title, links.to(doc.page)) for doc in by_item.get(ref.key, [])]

    return find


def no_tracks(ref: ItemRef, links: Links) -> list[LinkItem]:  # noqa: ARG001 — a CitationFinder
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
    groups = [(label, entries) for label, entries in (
        (ui.text("plan.cited_documents"), documents), (ui.text("kind.track"), tracks))
        if entries]
    if not groups:
        return ""
    return str(fragments.render("citations-panel", item_id=ref.item.id, groups=groups))


@dataclass
class PlanView:
    """Everything a plan page shows beside the plan's own text."""

    tracking: Tracking
    cited: CitationFinder
    tracks: CitationFinder = no_tracks

    def body(self, doc: Document, links: Links) -> str:
        parts = []
        if self.tracking.is_sample(doc):
            parts.append(str(sample_notice(ui.text("plan.sample_items"))))
        parts.append(indexes.plan_outline(doc, links))
        parts.append(doc.structure.staged(lambda item: self.decorate(doc, item, links)))
        return "\n\n".join(parts)

    def decorate(self, doc: Document, item: Item, links: Links) -> tuple[str, str]:
        ref = self.tracking.items[(doc.id, item.id)]
        owners = self.owners(ref, links) if self.tracking.active else ""
        tail = citations_panel(ref, self.cited(ref, links), self.tracks(ref, links))
        # One element each, so that Markdown takes each as a single raw HTML block.
        return (str(fragments.render("plan-item-head", owners=fragments.html(owners),
                                     continuity=fragments.html(self.continuity(ref, links)))),
                str(fragments.render("plan-item-tail",
                                     progress=fragments.html(progress_list(self.tracking.of(ref))),
                                     citations=fragments.html(tail))))

    def owners(self, ref: ItemRef, links: Links) -> str:
        assignment = self.tracking.of(ref)
        fields: list[tuple[str, Markup | str]] = [
            (ui.text("plan.status"), status_badge(status_of(assignment)))]
        if assignment is None:
            fields.append((ui.text("plan.lead"),
                           fragments.render("unknown", text=ui.text("plan.unassigned"))))
        else:
            fields.append((ui.text("plan.lead"), department_link(assignment.lead, links)))
            if assignment.support:
                fields.append((ui.text("plan.support"), Markup(ui.text("common.list_separator"))
                               .join(department_link(d, links) for d in assignment.support)))
            fields.append((ui.text("plan.due"), due_text(assignment)))
            if assignment.reason:
                fields.append((ui.text("plan.reason"), assignment.reason))
        return str(fragments.render(
            "plan-item-owners", item_id=ref.item.id, rows=fields, assignment=assignment,
            sample=assignment is not None and assignment.sample))

    def continuity(self, ref: ItemRef, links: Links) -> str:
        earlier = self.tracking.continues.get(ref.key)
        return str(fragments.render(
            "plan-item-continuity",
            earlier=item_link(earlier, links, with_year=True) if earlier is not None else "",
            later=[(later.year, item_link(later, links, with_year=True))
                   for later in self.tracking.continued_by.get(ref.key, [])]))


def progress_list(assignment: Assignment | None) -> str:
    if assignment is None or not assignment.progress:
        return ""
    return str(fragments.render("progress-list", notes=assignment.progress))
