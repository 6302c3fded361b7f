"""Generated listing pages: one per kind of document."""

from __future__ import annotations

from html import escape

from dangjian.core.documents import Document, Inventory
from dangjian.core.urls import Links
from dangjian.pages import regulation_index


def _link(doc: Document, links: Links) -> str:
    return f'<a href="{escape(links.to(doc.page))}">{escape(doc.display_title)}</a>'


def _table(headers: list[str], rows: list[list[str]], css: str) -> str:
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (f'<div class="dj-table-wrap"><table class="dj-index {css}">'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


def _date(value) -> str:
    return value.isoformat() if value else "—"


def regulations(inventory: Inventory, links: Links) -> str:
    return regulation_index.page(inventory, links)


def publications(inventory: Inventory, links: Links) -> str:
    docs = sorted(inventory.of_kind("publication"), key=lambda d: d.title)
    rows = [[_link(doc, links), escape(doc.meta.author or "—"), escape(doc.meta.publisher or "—"),
             str(doc.meta.year or "—")] for doc in docs]
    table = _table(["书名", "作者或编者", "出版者", "年份"], rows, "dj-index--publications")
    return f"# 书目\n\n被引用的图书和文献，本站只收其目录信息，不含全文。\n\n{table}\n"


def study(inventory: Inventory, links: Links) -> str:
    docs = sorted(inventory.of_kind("study"), key=lambda d: (d.meta.date is None, d.title))
    rows = [[_link(doc, links), escape(doc.meta.summary or ""), _date(doc.meta.date)]
            for doc in docs]
    table = _table(["标题", "摘要", "日期"], rows, "dj-index--study")
    return f"# 学习资料\n\n{table}\n"


def workplans(inventory: Inventory, links: Links) -> str:
    docs = sorted(inventory.of_kind("workplan"), key=lambda d: -d.meta.year)
    rows = [[_link(doc, links), escape(doc.meta.organization), str(doc.meta.year),
             str(len(doc.structure.sections)), str(len(doc.structure.items))] for doc in docs]
    table = _table(["工作要点", "单位", "年度", "部分", "事项"], rows, "dj-index--workplans")
    return f"# 工作要点\n\n{table}\n"


def plan_outline(doc: Document, links: Links) -> str:
    """A compact outline of a work plan: under its card, or on any page via a macro."""
    parts = []
    for section in doc.structure.sections:
        items = "".join(
            f'<li><a href="{escape(links.to(doc.page, item.id))}">'
            f"{escape(item.marker)}{escape(item.title)}</a></li>"
            for item in section.items
        )
        parts.append(f'<li><a href="{escape(links.to(doc.page, section.id))}">'
                     f"{escape(section.marker)}、"
                     f"{escape(section.title)}</a><ol>{items}</ol></li>")
    return f'<nav class="dj-outline" aria-label="目录"><ol>{"".join(parts)}</ol></nav>'
