"""A document on paper: the line printed under its title, its 打印 / 下载 PDF controls and
where its PDF lives in the site."""

from __future__ import annotations

import datetime as dt
import posixpath

from dangjian.core import ui
from dangjian.core.documents import Document
from dangjian.core.urls import page_url
from dangjian.pages import fragments

KINDS = ("regulation", "study", "workplan")
"""Kinds printed and exported as documents; a publication has no text to print."""
PDF_DIR = "pdf"
"""Folder of the site (and bundle) that holds the PDFs."""


def pdf_path(doc: Document) -> str:
    """Site-relative path of ``doc``'s PDF: ``pdf/regulations/x.pdf``."""
    return f"{PDF_DIR}/{doc.page.removesuffix('.md')}.pdf"


def pdf_href(doc: Document, directory_urls: bool) -> str:
    """The link from ``doc``'s own page to its PDF."""
    url = page_url(doc.page, directory_urls)
    base = url.rsplit("/", 1)[0] if "/" in url else ""
    return posixpath.relpath(pdf_path(doc), base or ".")


def shown_date(value: dt.date) -> str:
    return ui.text("paper.date", year=value.year, month=value.month, day=value.day)


def line(doc: Document) -> str:
    """Issuer, document number and date, as known; empty when nothing is."""
    meta = doc.meta
    name = doc.kind.name
    parts: list[str | None] = []
    if name == "regulation":
        parts = [meta.issuer, meta.number, shown_date(meta.issued) if meta.issued else None]
    elif name == "workplan":
        parts = [meta.organization, ui.text("paper.year", year=meta.year) if meta.year else None]
    elif name == "study":
        parts = [shown_date(meta.date) if meta.date else None]
    return ui.text("paper.line_separator").join(str(part) for part in parts if part)


def head(doc: Document, directory_urls: bool, pdf: bool) -> str:
    """The controls and the paper line of ``doc``'s page; ``pdf``: the build attaches PDFs."""
    if doc.kind.name not in KINDS:
        return ""
    return str(fragments.render("paper-head", line=line(doc),
                                pdf=pdf_href(doc, directory_urls) if pdf else ""))
