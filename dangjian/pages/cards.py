"""The metadata card shown under a document's title, and its status badge."""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from dangjian.core import ui
from dangjian.core.documents import Document
from dangjian.core.kinds import STUDY
from dangjian.core.model import Status, TextCoverage
from dangjian.pages import fragments
from dangjian.text import passages, reading_time

STATUS_CLASS = {
    Status.IN_FORCE: "in-force",
    Status.AMENDED: "amended",
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
    name = doc.kind.name
    if name == "regulation":
        kind = _value(meta.category)
        if meta.trial:
            kind = Markup("{}{}").format(kind, ui.text("card.trial"))
        return [
            (ui.text("card.category"), kind),
            (ui.text("card.issuer"), _value(meta.issuer)),
            (ui.text("card.number"), _value(meta.number)),
            (ui.text("card.issued"), _value(meta.issued)),
            (ui.text("card.effective"), _value(meta.effective)),
            (ui.text("card.status"), status_badge(meta.status)),
            (ui.text("card.coverage"), _value(meta.coverage)),
        ]
    if name == "publication":
        return [
            (ui.text("card.volume"), _value(meta.volume)),
            (ui.text("card.author"), _value(meta.author)),
            (ui.text("card.publisher"), _value(meta.publisher)),
            (ui.text("card.year"), _value(meta.year)),
            (ui.text("card.coverage"), _value(TextCoverage.NONE)),
        ]
    if name == "study":
        chars = reading_time.characters(passages.text_of(doc))
        return [(ui.text("card.source"), _value(meta.source)),
                (ui.text("card.date"), _value(meta.date)),
                (ui.text("card.reading_time"), reading_time.shown(reading_time.minutes(chars)))]
    if name == "workplan":
        return [(ui.text("card.organization"), _value(meta.organization)),
                (ui.text("card.plan_year"), _value(meta.year))]
    return []


def card(doc: Document) -> str:
    source = getattr(doc.meta, "source", None)
    return str(fragments.render(
        "card", kind=doc.kind.name, rows=fields_of(doc), aliases=doc.meta.aliases,
        note=getattr(doc.meta, "note", None) or "",
        source=source if source and doc.kind is not STUDY else ""))
