"""The full search page: a query box, the filters as chips, a sort choice and the results.

The page holds only Pagefind's custom elements; ``_dangjian/search.js`` gives them their
templates and Chinese labels. It is not itself indexed.
"""

from __future__ import annotations

from html import escape

from dangjian.core.documents import Inventory
from dangjian.core.urls import Links
from dangjian.pages.search_fields import FILTERS

PAGE = "search/index.md"


def page(inventory: Inventory, links: Links) -> str:
    chips = "".join(
        f'<pagefind-filter-dropdown instance="page" filter="{escape(name)}" '
        f'label="{escape(name)}" hide-clear></pagefind-filter-dropdown>'
        for name in FILTERS
    )
    sort = ('<label class="dj-search-sort">排序 <select data-dj-sort>'
            '<option value="">按相关度</option>'
            '<option value="date:desc">日期从新到旧</option>'
            '<option value="date:asc">日期从旧到新</option></select></label>')
    # One raw HTML block without blank lines, so that Markdown leaves it untouched.
    body = (
        '<div class="dj-search-page" data-dj-search-page>'
        '<pagefind-input instance="page" placeholder="输入关键词：标题、简称、条文内容、工作事项">'
        "</pagefind-input>"
        f'<div class="dj-search-page__filters">{chips}{sort}</div>'
        '<pagefind-summary instance="page"></pagefind-summary>'
        '<pagefind-results instance="page"></pagefind-results>'
        "<noscript>搜索需要浏览器启用 JavaScript。</noscript>"
        "</div>"
    )
    return ("---\ntitle: 搜索\nhide:\n  - navigation\n  - toc\n---\n\n# 搜索\n\n"
            "按标题、简称、条文或工作事项查找；可按类型、类别、效力状态、制定机关和年份筛选。\n\n"
            f"{body}\n")
