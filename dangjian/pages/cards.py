"""The metadata card shown under a document's title, and its status badge."""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup, escape

from dangjian.core import ui
from dangjian.core.documents import Document, Inventory
from dangjian.core.kinds import PUBLICATION, REGULATION, STUDY, WORKPLAN
from dangjian.core.model import Status, TextCoverage
from dangjian.core.urls import Links
from dangjian.pages import fragments
from dangjian.pages.validity import validity
from dangjian.text import passages, reading_time

STATUS_CLASS = {
    Status.IN_FORCE: "in-force",
    Status.AMENDED: "amended",
    Status.REVISED: "amended",
    Status.PENDING: "pending",
    Status.ABOLISHED: "abolished",
    Status.UNVERIFIED: "unverified",
}



def status_badge(status: Status) -> Markup:
    return fragments.render("status-badge", css=STATUS_CLASS[status], label=status.value)


def _value(value: object) -> Markup | str:
    """A fact as the card shows it; plain text is escaped by the template it goes into."""
    if value is None or value == "":
        return fragments.render("unknown", text="")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(getattr(value, "value", value))


def fields_of(doc: Document) -> list[tuple[str, Markup | str]]:
    """(label, value) pairs of what a reader needs to know about a document: a value is
    text or, where it is marked up (a badge), Markup."""
    meta = doc.meta
    if doc.kind is REGULATION:
        kind = _value(meta.category)
        if meta.trial:
            kind = Markup("{}{}").format(kind, ui.text("card.trial"))
        rows = [(ui.text("card.edition"), doc.edition_label)] if doc.is_edition else []
        rows += [
            (ui.text("card.category"), kind),
            (ui.text("card.issuer"), _value(meta.issuer)),
            (ui.text("card.number"), _value(meta.number)),
        ]
        if meta.adopted is not None:
            rows.append((ui.text("card.adopted"), _value(meta.adopted)))
        rows += [
            (ui.text("card.issued"), _value(meta.issued)),
            (ui.text("card.effective"), _value(meta.effective)),
        ]
        if meta.abolished is not None:
            rows.append((ui.text("card.abolished"), _value(meta.abolished)))
        return rows + [
            (ui.text("card.status"), status_badge(meta.status)),
            (ui.text("card.validity"), validity(doc)),
            (ui.text("card.coverage"), _value(meta.coverage)),
        ]
    if doc.kind is PUBLICATION:
        return [
            (ui.text("card.volume"), _value(meta.volume)),
            (ui.text("card.author"), _value(meta.author)),
            (ui.text("card.publisher"), _value(meta.publisher)),
            (ui.text("card.year"), _value(meta.year)),
            (ui.text("card.coverage"), _value(TextCoverage.NONE)),
        ]
    if doc.kind is STUDY:
        return [(ui.text("card.source"), _value(meta.source)),
                (ui.text("card.date"), _value(meta.date)),
                (ui.text("card.reading_time"), reading_time.shown(reading_minutes(doc)))]
    if doc.kind is WORKPLAN:
        return [(ui.text("card.organization"), _value(meta.organization)),
                (ui.text("card.plan_year"), _value(meta.year))]
    return []


def reading_minutes(doc: Document) -> int:
    """The reading time a study material's card gives."""
    return reading_time.minutes(reading_time.characters(passages.text_of(doc)))


def shelf(doc: Document, links: Links | None, inventory: Inventory | None
          ) -> list[tuple[str, Markup | str]]:
    """Tags, and the related documents this build's reader may open."""
    rows: list[tuple[str, Markup | str]] = []
    if doc.meta.tags:
        rows.append((ui.text("card.tags"), ui.text("common.list_separator").join(doc.meta.tags)))
    related = getattr(doc.meta, "related", [])
    if related and links is not None and inventory is not None:
        shown = [inventory.by_id[ref] for ref in related if ref in inventory.by_id]
        if shown:
            separator = Markup(escape(ui.text("common.list_separator")))
            rows.append((ui.text("card.related"), separator.join(
                fragments.render("link", href=links.to(other.page), title=other.display_title)
                for other in shown)))
    return rows


def card(doc: Document, links: Links | None = None, inventory: Inventory | None = None) -> str:
    """``links`` and ``inventory`` (what this build's audience may read) let the card link
    the document's related documents."""
    source = getattr(doc.meta, "source", None)
    return str(fragments.render(
        "card", kind=doc.kind.name, rows=fields_of(doc) + shelf(doc, links, inventory),
        aliases=doc.meta.aliases,
        note=getattr(doc.meta, "note", None) or "",
        source=source if source and doc.kind is not STUDY else ""))
