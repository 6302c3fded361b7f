"""Generated listing pages: one per kind of document."""

from __future__ import annotations

from markupsafe import Markup

from dangjian.core import ui
from dangjian.core.documents import Document, Inventory
from dangjian.core.kinds import PUBLICATION, STUDY, WORKPLAN
from dangjian.core.urls import Links
from dangjian.pages import fragments, regulation_index


def _link(doc: Document, links: Links) -> Markup:
    return fragments.render("link", href=links.to(doc.page), title=doc.display_title)


def _table(headers: list[str], rows: list[list[Markup | str]], css: str) -> str:
    return str(fragments.render("listing-table", headers=headers, rows=rows, css=css))


def _date(value) -> str:
    return value.isoformat() if value else ui.text("common.dash")


def regulations(inventory: Inventory, links: Links) -> str:
    return regulation_index.page(inventory, links)


def publications(inventory: Inventory, links: Links) -> str:
    docs = sorted(inventory.of_kind(PUBLICATION), key=lambda d: d.title)
    dash = ui.text("common.dash")
    rows = [[_link(doc, links), doc.meta.author or dash, doc.meta.publisher or dash,
             str(doc.meta.year or dash)] for doc in docs]
    table = _table([ui.text("listing.book"), ui.text("card.author"), ui.text("card.publisher"),
                    ui.text("search.year")], rows, "dj-index--publications")
    return (f"# {ui.text('kind.publication')}\n\n"
            f"{ui.text('listing.publications_intro')}\n\n{table}\n")


def study(inventory: Inventory, links: Links) -> str:
    docs = sorted(inventory.of_kind(STUDY), key=lambda d: (d.meta.date is None, d.title))
    rows = [[_link(doc, links), doc.meta.summary or "", _date(doc.meta.date)]
            for doc in docs]
    table = _table([ui.text("listing.title"), ui.text("listing.summary"),
                    ui.text("card.date")], rows, "dj-index--study")
    return f"# {ui.text('kind.study')}\n\n{table}\n"


def workplans(inventory: Inventory, links: Links) -> str:
    docs = sorted(inventory.of_kind(WORKPLAN), key=lambda d: -d.meta.year)
    rows = [[_link(doc, links), doc.meta.organization, str(doc.meta.year),
             str(len(doc.structure.sections)), str(len(doc.structure.items))] for doc in docs]
    table = _table([ui.text("kind.workplan"), ui.text("card.organization"),
                    ui.text("card.plan_year"), ui.text("tracking.section"),
                    ui.text("listing.items_column")], rows, "dj-index--workplans")
    return f"# {ui.text('kind.workplan')}\n\n{table}\n"


def plan_outline(doc: Document, links: Links) -> str:
    """A compact outline of a work plan: under its card, or on any page via a macro."""
    sections = [
        {"href": links.to(doc.page, section.id), "marker": section.marker,
         "title": section.title,
         "items": [{"href": links.to(doc.page, item.id), "marker": item.marker,
                    "title": item.title} for item in section.items]}
        for section in doc.structure.sections
    ]
    return str(fragments.render("plan-outline", sections=sections))
