"""The “被引用” section of a document page: every place that cites it, with the sentence.

A reader who lands on a regulation sees which work items, study materials and other
regulations cite it, and can jump to the exact item or article.
"""

from __future__ import annotations

from html import escape

from dangjian.core.documents import Document
from dangjian.core.kinds import KINDS
from dangjian.core.urls import Links
from dangjian.refs.references import Reference, References
from dangjian.text import headings

ANCHOR = "cited-by"
_KIND_RANK = {kind.name: rank for rank, kind in enumerate(KINDS)}


def _order(ref: Reference) -> tuple:
    rank = _KIND_RANK.get(ref.owner.kind.name, len(KINDS)) if ref.owner else len(KINDS)
    return (rank, ref.source, ref.line)


def _quote(ref: Reference) -> str:
    context = ref.context
    return (f'<p class="dj-backlinks__context">{escape(context.before)}'
            f"<mark>{escape(context.cited)}</mark>{escape(context.after)}</p>")


def section(doc: Document, refs: References, links: Links) -> str:
    """Markdown for the section, or '' when nothing on the site cites ``doc``."""
    places: dict[tuple[str, str], list[Reference]] = {}
    for ref in sorted(refs.cited_by(doc), key=_order):
        places.setdefault((ref.page, ref.anchor), []).append(ref)
    if not places:
        return ""
    items = []
    for (page, anchor), cited in places.items():
        where = cited[0].title + (f" · {cited[0].label}" if cited[0].label else "")
        quotes = "".join(dict.fromkeys(_quote(ref) for ref in cited))
        items.append(f'<li><a href="{escape(links.to(page, anchor))}">{escape(where)}</a>'
                     f"{quotes}</li>")
    count = sum(len(cited) for cited in places.values())
    title = escape(doc.display_title)
    return "\n".join([
        headings.render(2, "被引用", ANCHOR, "dj-backlinks-title"), "",
        f'<p class="dj-backlinks__count">本站共有 {count} 处引用了{title}。</p>', "",
        f'<ul class="dj-backlinks">{"".join(items)}</ul>', "",
    ])
