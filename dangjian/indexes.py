"""Generated listing pages: one per kind of document."""

from __future__ import annotations

from html import escape

from .cards import status_badge
from .documents import Document, Inventory
from .model import CATEGORY_RANK


def regulation_order(doc: Document) -> tuple:
    category = doc.meta.category
    rank = CATEGORY_RANK[category] if category is not None else len(CATEGORY_RANK)
    return (rank, doc.title)


def _link(doc: Document, from_page: str) -> str:
    return f'<a href="{escape(relative_link(doc.page, from_page))}">{escape(doc.display_title)}</a>'


def relative_link(target_page: str, from_page: str) -> str:
    """A Markdown-to-Markdown relative link, which MkDocs rewrites for any URL style."""
    base = from_page.split("/")[:-1]
    target = target_page.split("/")
    common = 0
    while common < min(len(base), len(target) - 1) and base[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + target[common:])


def _table(headers: list[str], rows: list[list[str]], css: str) -> str:
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (f'<div class="dj-table-wrap"><table class="dj-index {css}">'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


def _date(value) -> str:
    return value.isoformat() if value else "—"


def regulations(inventory: Inventory, page: str) -> str:
    docs = sorted(inventory.of_kind("regulation"), key=regulation_order)
    rows = [[
        _link(doc, page),
        escape(doc.meta.category.value if doc.meta.category else "未注明"),
        escape(doc.meta.issuer or "—"),
        _date(doc.meta.issued),
        _date(doc.meta.effective),
        status_badge(doc.meta.status),
        escape(doc.meta.coverage.value),
    ] for doc in docs]
    table = _table(["标题", "类别", "制定机关", "公布日期", "施行日期", "效力状态", "收录"],
                   rows, "dj-index--regulations")
    publications = inventory.of_kind("publication")
    more = ""
    if publications:
        more = f"\n\n另有 {len(publications)} 种[书目](../publications/index.md)被引用，本站只收其目录信息。"
    return (f"# 法规制度\n\n本站收录 {len(docs)} 件法规制度和上级文件，按类别排列。"
            f"{more}\n\n{table}\n")


def publications(inventory: Inventory, page: str) -> str:
    docs = sorted(inventory.of_kind("publication"), key=lambda d: d.title)
    rows = [[_link(doc, page), escape(doc.meta.author or "—"), escape(doc.meta.publisher or "—"),
             str(doc.meta.year or "—")] for doc in docs]
    table = _table(["书名", "作者或编者", "出版者", "年份"], rows, "dj-index--publications")
    return f"# 书目\n\n被引用的图书和文献，本站只收其目录信息，不含全文。\n\n{table}\n"


def study(inventory: Inventory, page: str) -> str:
    docs = sorted(inventory.of_kind("study"), key=lambda d: (d.meta.date is None, d.title))
    rows = [[_link(doc, page), escape(doc.meta.summary or ""), _date(doc.meta.date)]
            for doc in docs]
    table = _table(["标题", "摘要", "日期"], rows, "dj-index--study")
    return f"# 学习资料\n\n{table}\n"


def workplans(inventory: Inventory, page: str) -> str:
    docs = sorted(inventory.of_kind("workplan"), key=lambda d: -d.meta.year)
    rows = [[_link(doc, page), escape(doc.meta.organization), str(doc.meta.year),
             str(len(doc.structure.sections)), str(len(doc.structure.items))] for doc in docs]
    table = _table(["工作要点", "单位", "年度", "部分", "事项"], rows, "dj-index--workplans")
    return f"# 工作要点\n\n{table}\n"


def tracks(inventory: Inventory, page: str) -> str:
    return ("# 学习路径\n\n学习路径把学习资料和法规条文按顺序串起来，供新党员、支部书记和"
            "理论学习中心组使用。\n\n暂无学习路径。\n")


def glossary(inventory: Inventory, page: str) -> str:
    return "# 术语\n\n规范表述和常用术语的解释。\n\n暂无术语。\n"


def plan_outline(doc: Document, href: str = "") -> str:
    """A compact outline of a work plan: under its card, or on any page via a macro."""
    parts = []
    for section in doc.structure.sections:
        items = "".join(
            f'<li><a href="{escape(href)}#{escape(item.id)}">{escape(item.marker)}{escape(item.title)}</a></li>'
            for item in section.items
        )
        parts.append(f'<li><a href="{escape(href)}#{escape(section.id)}">{escape(section.marker)}、'
                     f"{escape(section.title)}</a><ol>{items}</ol></li>")
    return f'<nav class="dj-outline" aria-label="目录"><ol>{"".join(parts)}</ol></nav>'
