"""The release manifest of one build, made from what the build publishes.

It is made from the prepared content, which holds only what the build's audience may
read: a document for a narrower audience is in no other build's manifest.
"""

from __future__ import annotations

import datetime as dt

from dangjian.core.documents import Document
from dangjian.core.kinds import REGULATION, WORKPLAN
from dangjian.core.manifest import WHOLE, Entry, Manifest, PlanItem, text_hash
from dangjian.load.editions import current_edition
from dangjian.load.loader import Content
from dangjian.refs.references import units_of

PREAMBLE = "总纲"
"""Key of the paragraphs before the first chapter or article, where no part names them."""


def make(content: Content, built: dt.date, version: str | None = None,
         today: dt.date | None = None) -> Manifest:
    today = today or built
    documents = {doc.id: _entry(doc, content, today)
                 for doc in sorted(content.inventory.documents, key=lambda d: d.id)}
    return Manifest(built=built.isoformat(), version=version, documents=documents)


def _entry(doc: Document, content: Content, today: dt.date) -> Entry:
    status = getattr(doc.meta, "status", None)
    edition = doc.edition_label
    if doc.editions:
        current = current_edition(doc, today)
        edition = current.edition_label if current is not None else ""
    return Entry(kind=doc.kind.name, title=doc.heading, page=doc.page,
                 status=status.value if status is not None else "", edition=edition,
                 parts=_parts(doc), items=_items(doc, content))


def _parts(doc: Document) -> dict[str, str]:
    if doc.editions:
        return {}  # its text is its editions': each lists its own articles
    if doc.kind is REGULATION and doc.structure is not None and doc.structure.articles:
        preamble, articles = units_of(doc)
        parts = {}
        if preamble:
            named = doc.structure.parts[0].anchor if doc.structure.parts else PREAMBLE
            parts[named] = text_hash("\n".join(unit.text for unit in preamble))
        ordered = sorted(doc.structure.articles, key=lambda division: division.line)
        for division, unit in zip(ordered, articles, strict=False):
            parts[division.anchor] = text_hash(unit.text)
        return parts
    if doc.kind is WORKPLAN and doc.structure is not None:
        return {WHOLE: text_hash(doc.structure.preamble)} if doc.structure.preamble.strip() \
            else {}
    return {WHOLE: text_hash(doc.body)} if doc.body.strip() else {}


def _items(doc: Document, content: Content) -> dict[str, PlanItem]:
    if doc.kind is not WORKPLAN or doc.structure is None:
        return {}
    tracking = content.tracking
    items = {}
    for item in doc.structure.items:
        assignment = tracking.assignments.get((doc.id, item.id))
        items[item.id] = PlanItem(title=item.title, hash=text_hash(f"{item.heading}\n{item.text}"),
                                  status=assignment.status.value if assignment else "")
    return items
