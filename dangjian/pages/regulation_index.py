"""The 法规制度 page: every regulation and publication in one table that readers can
filter by category, status and issuer and sort by date (``assets/regindex.js``).

Without JavaScript the table still reads in its default order: category rank, then
the pinyin of the title.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from dangjian.core import ui
from dangjian.core.documents import Document, Inventory
from dangjian.core.kinds import PUBLICATION, REGULATION
from dangjian.core.model import Status, TextCoverage
from dangjian.core.urls import Links
from dangjian.load.editions import dates_of
from dangjian.pages import fragments
from dangjian.pages.cards import status_badge
from dangjian.text.ordering import pinyin_key, regulation_order

TABLE_ID = "dj-regulations"
UNKNOWN = ui.UNKNOWN
_COLUMNS = [(ui.text("listing.title"), ""), (ui.text("card.category"), ""),
            (ui.text("listing.issuer_or_author"), ""), (ui.text("card.number"), ""),
            (ui.text("card.issued"), "issued"), (ui.text("card.effective"), "effective"),
            (ui.text("card.status"), ""), (ui.text("listing.covered"), "")]


def _facts(doc: Document) -> dict[str, str]:
    """What a row shows and filters on, as plain text."""
    meta = doc.meta
    if doc.kind is PUBLICATION:
        return {"category": PUBLICATION.label, "issuer": meta.author or "", "number": "",
                "issued": str(meta.year or ""), "effective": "", "status": "",
                "coverage": TextCoverage.NONE.value}
    return {
        "category": meta.category.value if meta.category else UNKNOWN,
        "issuer": meta.issuer or "", "number": meta.number or "",
        "issued": meta.issued.isoformat() if meta.issued else "",
        "effective": meta.effective.isoformat() if meta.effective else "",
        "status": meta.status.value, "coverage": meta.coverage.value,
    }


def _in_force(doc: Document) -> list[tuple[str, str]]:
    """When the document was in force, for the filter 在某日有效的: from its start (inclusive)
    to the start of its successor or its abolition (exclusive); a work with editions is
    stood for by its editions, an edition row names its work."""
    if doc.kind is not REGULATION:
        return []
    if doc.editions:
        return [("editions", doc.id)]
    start = dates_of(doc.meta).start
    until = doc.meta.abolished
    if doc.work is not None and doc.work.timeline is not None and doc.edition is not None:
        until = doc.work.timeline.until(doc.edition)
    found = [("from", start.isoformat() if start else ""),
             ("to", until.isoformat() if until else "")]
    return found + ([("edition", doc.work.id)] if doc.work is not None else [])


def _row(doc: Document, links: Links) -> dict[str, object]:
    facts = _facts(doc)
    dash = ui.text("common.dash")
    cells: list[Markup | str] = [
        fragments.render("link", href=links.to(doc.page), title=doc.display_title),
        facts["category"], facts["issuer"] or dash, facts["number"] or dash,
        facts["issued"] or dash, facts["effective"] or dash,
        status_badge(doc.meta.status) if facts["status"] else dash, facts["coverage"],
    ]
    return {"data": [(key, facts[key])
                     for key in ("category", "status", "issuer", "issued", "effective")]
            + _in_force(doc),
            "hidden": doc.is_edition, "cells": cells}


def _filters(docs: list[Document]) -> str:
    facts = [_facts(doc) for doc in docs if not doc.is_edition]
    categories = list(dict.fromkeys(f["category"] for f in facts))
    statuses = [s.value for s in Status if any(f["status"] == s.value for f in facts)]
    issuers = sorted({f["issuer"] for f in facts}, key=lambda v: (not v, pinyin_key(v)))
    return str(fragments.render("regulation-filters", table_id=TABLE_ID, dated=True, selects=[
        {"name": "category", "label": ui.text("card.category"), "values": categories},
        {"name": "status", "label": ui.text("card.status"), "values": statuses},
        {"name": "issuer", "label": ui.text("card.issuer"), "values": issuers},
    ]))


def page(inventory: Inventory, links: Links) -> str:
    listed: list[Document[Any]] = [*inventory.of_kind(REGULATION),
                                   *inventory.of_kind(PUBLICATION)]
    docs = []
    for doc in sorted(listed, key=regulation_order):
        docs += [doc, *doc.editions]
    regulations = sum(1 for doc in docs if doc.kind is REGULATION and not doc.is_edition)
    editions = sum(1 for doc in docs if doc.is_edition)
    table = fragments.render("regulation-table", table_id=TABLE_ID, columns=_COLUMNS,
                             rows=[_row(doc, links) for doc in docs])
    intro = ui.text("listing.regulations_intro", regulations=regulations,
                    books=len(docs) - regulations - editions,
                    href=links.to("publications/index.md"))
    # The table needs the width of the page: no table of contents beside it.
    return ("---\nhide:\n  - toc\n---\n\n"
            f"# {ui.text('kind.regulation')}\n\n{intro}\n\n{_filters(docs)}\n\n{table}\n")
