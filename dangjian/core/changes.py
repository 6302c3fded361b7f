"""What changed between two published builds: the comparison of two release manifests.

Documents are 新增 (only in the newer), 修订 (their text changed: articles changed, added
or deleted, by anchor; for a work, the edition in force), 废止 (their status became
已废止), 移除 (no longer published); any other change of status is listed with both
statuses. A work plan's items are compared one by one: added, removed, text revised, and
each change of status. Pure: two manifests in, a list out.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from dangjian.core.manifest import Entry, Manifest
from dangjian.core.model import Status


class ItemChange(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    REVISED = "revised"
    STATUS = "status"


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Doc(_Record):
    """A document as a change names it."""

    id: str
    kind: str
    title: str
    page: str


class Revision(_Record):
    doc: Doc
    changed: list[str] = Field(default_factory=list)
    """Anchors whose text changed (第十条), in the newer text's order."""
    added: list[str] = Field(default_factory=list)
    deleted: list[str] = Field(default_factory=list)
    edition: tuple[str, str] | None = None
    """For a work: the edition in force, before and after."""
    title: str | None = None
    """The former title, where the title changed."""


class StatusChange(_Record):
    doc: Doc
    old: str
    new: str


class PlanItemChange(_Record):
    plan: Doc
    item: str
    """The item's id, its anchor on the plan's page."""
    title: str
    change: ItemChange
    old: str = ""
    """Status before (``STATUS``)."""
    new: str = ""


class Changes(_Record):
    added: list[Doc] = Field(default_factory=list)
    revised: list[Revision] = Field(default_factory=list)
    abolished: list[Doc] = Field(default_factory=list)
    removed: list[Doc] = Field(default_factory=list)
    statuses: list[StatusChange] = Field(default_factory=list)
    items: list[PlanItemChange] = Field(default_factory=list)

    def __bool__(self) -> bool:
        return any((self.added, self.revised, self.abolished, self.removed, self.statuses,
                    self.items))

    def docs(self) -> list[Doc]:
        """Every document named, once each."""
        named = [*self.added, *(r.doc for r in self.revised), *self.abolished, *self.removed,
                 *(s.doc for s in self.statuses), *(i.plan for i in self.items)]
        return list({doc.id: doc for doc in named}.values())


def _doc(doc_id: str, entry: Entry) -> Doc:
    return Doc(id=doc_id, kind=entry.kind, title=entry.title, page=entry.page)


def compare(old: Manifest, new: Manifest) -> Changes:
    added: list[Doc] = []
    revised: list[Revision] = []
    abolished: list[Doc] = []
    statuses: list[StatusChange] = []
    items: list[PlanItemChange] = []
    for doc_id, entry in new.documents.items():
        before = old.documents.get(doc_id)
        if before is None:
            added.append(_doc(doc_id, entry))
            continue
        revision = _revision(_doc(doc_id, entry), before, entry)
        if revision is not None:
            revised.append(revision)
        if entry.status != before.status:
            if entry.status == Status.ABOLISHED.value:
                abolished.append(_doc(doc_id, entry))
            else:
                statuses.append(StatusChange(doc=_doc(doc_id, entry), old=before.status,
                                             new=entry.status))
        items += _items(_doc(doc_id, entry), before, entry)
    removed = [_doc(doc_id, entry) for doc_id, entry in old.documents.items()
               if doc_id not in new.documents]
    return Changes(added=added, revised=revised, abolished=abolished, removed=removed,
                   statuses=statuses, items=items)


def _revision(doc: Doc, old: Entry, new: Entry) -> Revision | None:
    changed = [anchor for anchor, digest in new.parts.items()
               if anchor in old.parts and old.parts[anchor] != digest]
    added = [anchor for anchor in new.parts if anchor not in old.parts]
    deleted = [anchor for anchor in old.parts if anchor not in new.parts]
    edition = (old.edition, new.edition) if old.edition != new.edition else None
    title = old.title if old.title != new.title else None
    if not (changed or added or deleted or edition or title):
        return None
    return Revision(doc=doc, changed=changed, added=added, deleted=deleted, edition=edition,
                    title=title)


def _items(plan: Doc, old: Entry, new: Entry) -> list[PlanItemChange]:
    found = []
    for item_id, item in new.items.items():
        before = old.items.get(item_id)
        if before is None:
            found.append(PlanItemChange(plan=plan, item=item_id, title=item.title,
                                        change=ItemChange.ADDED, new=item.status))
            continue
        if before.hash != item.hash or before.title != item.title:
            found.append(PlanItemChange(plan=plan, item=item_id, title=item.title,
                                        change=ItemChange.REVISED))
        if before.status != item.status:
            found.append(PlanItemChange(plan=plan, item=item_id, title=item.title,
                                        change=ItemChange.STATUS, old=before.status,
                                        new=item.status))
    found += [PlanItemChange(plan=plan, item=item_id, title=item.title,
                             change=ItemChange.REMOVED, old=item.status)
              for item_id, item in old.items.items() if item_id not in new.items]
    return found
