"""The full search page: a query box, the filters as chips, a sort choice and the results.

The page holds only Pagefind's custom elements; ``_dangjian/search.js`` gives them their
templates and Chinese labels. It is not itself indexed.
"""

from __future__ import annotations

from dangjian.core import ui
from dangjian.pages import fragments
from dangjian.pages.search_fields import FILTERS

PAGE = "search/index.md"


def page() -> str:
    # One raw HTML block without blank lines, so that Markdown leaves it untouched.
    body = fragments.render("search-page", filters=FILTERS)
    title = ui.text("common.search")
    return (f"---\ntitle: {title}\nhide:\n  - navigation\n  - toc\n---\n\n# {title}\n\n"
            f"{ui.text('search.page_intro')}\n\n{body}\n")
