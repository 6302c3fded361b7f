"""The 法规制度 page: every regulation and publication in one table that readers can
filter by category, status and issuer and sort by date (``assets/regindex.js``).

Without JavaScript the table still reads in its default order: category rank, then
the pinyin of the title.
"""

from __future__ import annotations

from html import escape

from dangjian.core.documents import Document, Inventory
from dangjian.core.model import Status
from dangjian.core.urls import Links
from dangjian.pages.cards import status_badge
from dangjian.text.ordering import pinyin_key, regulation_order

TABLE_ID = "dj-regulations"
UNKNOWN = "未注明"
PUBLICATION = "书目"
_COLUMNS = [("标题", ""), ("类别", ""), ("制定机关或编者", ""), ("发文字号", ""),
            ("公布日期", "issued"), ("施行日期", "effective"), ("效力状态", ""), ("收录", "")]


def _facts(doc: Document) -> dict[str, str]:
    """What a row shows and filters on, as plain text."""
    meta = doc.meta
    if doc.kind.name == "publication":
        return {"category": PUBLICATION, "issuer": meta.author or "", "number": "",
                "issued": str(meta.year or ""), "effective": "", "status": "",
                "coverage": "未收录"}
    return {
        "category": meta.category.value if meta.category else UNKNOWN,
        "issuer": meta.issuer or "", "number": meta.number or "",
        "issued": meta.issued.isoformat() if meta.issued else "",
        "effective": meta.effective.isoformat() if meta.effective else "",
        "status": meta.status.value, "coverage": meta.coverage.value,
    }


def _row(order: int, doc: Document, links: Links) -> str:
    facts = _facts(doc)
    data = "".join(f' data-{key}="{escape(facts[key])}"'
                   for key in ("category", "status", "issuer", "issued", "effective"))
    status = status_badge(doc.meta.status) if facts["status"] else "—"
    cells = [
        f'<a href="{escape(links.to(doc.page))}">{escape(doc.display_title)}</a>',
        escape(facts["category"]), escape(facts["issuer"] or "—"),
        escape(facts["number"] or "—"), facts["issued"] or "—", facts["effective"] or "—",
        status, escape(facts["coverage"]),
    ]
    return (f'<tr data-order="{order}"{data}>'
            + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")


def _select(name: str, label: str, values: list[str]) -> str:
    options = "".join(f'<option value="{escape(v)}">{escape(v or UNKNOWN)}</option>'
                      for v in values)
    return (f'<label>{label} <select name="{name}"><option value="">全部</option>'
            f"{options}</select></label>")


def _filters(docs: list[Document]) -> str:
    facts = [_facts(doc) for doc in docs]
    categories = list(dict.fromkeys(f["category"] for f in facts))
    statuses = [s.value for s in Status if any(f["status"] == s.value for f in facts)]
    issuers = sorted({f["issuer"] for f in facts}, key=lambda v: (not v, pinyin_key(v)))
    return (f'<form class="dj-filters" data-for="{TABLE_ID}" hidden>'
            + _select("category", "类别", categories)
            + _select("status", "效力状态", statuses)
            + _select("issuer", "制定机关", issuers)
            + '<output class="dj-filters__count" aria-live="polite"></output></form>')


def page(inventory: Inventory, links: Links) -> str:
    docs = sorted([*inventory.of_kind("regulation"), *inventory.of_kind("publication")],
                  key=regulation_order)
    regulations = sum(1 for doc in docs if doc.kind.name == "regulation")
    head = "".join(f'<th data-sort="{key}">{label}</th>' if key else f"<th>{label}</th>"
                   for label, key in _COLUMNS)
    rows = "".join(_row(order, doc, links) for order, doc in enumerate(docs))
    table = (f'<div class="dj-table-wrap"><table id="{TABLE_ID}" '
             f'class="dj-index dj-index--regulations"><thead><tr>{head}</tr></thead>'
             f"<tbody>{rows}</tbody></table></div>")
    listing = links.to("publications/index.md")
    # The table needs the width of the page: no table of contents beside it.
    return ("---\nhide:\n  - toc\n---\n\n"
            f"# 法规制度\n\n本站收录 {regulations} 件法规制度和上级文件，另有 "
            f"{len(docs) - regulations} 种[书目]({listing})只收目录信息。"
            "默认按类别、再按标题拼音排列；可按类别、效力状态和制定机关筛选，"
            f"点击日期列的标题按日期排序。\n\n{_filters(docs)}\n\n{table}\n")
