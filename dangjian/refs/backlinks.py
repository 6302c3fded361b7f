"""The “被引用” section of a document page: every place that cites it, with the sentence.

A reader who lands on a regulation sees which work items, study materials and other
regulations cite it, and can jump to the exact item or article.
"""

from __future__ import annotations

from dangjian.core import ui
from dangjian.core.documents import Document
from dangjian.core.kinds import DOCUMENT_KINDS as KINDS
from dangjian.core.urls import Links
from dangjian.refs.references import Reference, References
from dangjian.text import headings

ANCHOR = "cited-by"
_KIND_RANK = {kind.name: rank for rank, kind in enumerate(KINDS)}


def _order(ref: Reference) -> tuple:
    rank = _KIND_RANK.get(ref.owner.kind.name, len(KINDS)) if ref.owner else len(KINDS)
    return (rank, ref.source, ref.line)


def _quote(ref: Reference) -> tuple[str, str, str]:
    context = ref.context
    return (context.before, context.cited, context.after)


def section(doc: Document, refs: References, links: Links) -> str:
    """Markdown for the section, or '' when nothing on the site cites ``doc``."""
    # The HTML is a page fragment a site may override; imported here, not at the top,
    # because pages builds on refs and not the other way round.
    from dangjian.pages import fragments

    places: dict[tuple[str, str], list[Reference]] = {}
    for ref in sorted(refs.cited_by(doc), key=_order):
        places.setdefault((ref.page, ref.anchor), []).append(ref)
    elsewhere = [{"site": cite.site, "href": cite.href, "title": cite.title}
                 for cite in refs.cited_elsewhere.by_id.get(doc.id, [])]
    if not places and not elsewhere:
        return ""
    parts = [headings.render(2, ui.text("backlinks.title"), ANCHOR, "dj-backlinks-title"), ""]
    if places:
        parts += [_here(doc, places, links), ""]
    if elsewhere:
        # The other sites of the group, named by their inventories (``dangjian.group``).
        parts += [str(fragments.render("backlinks-elsewhere", cites=elsewhere)), ""]
    return "\n".join(parts)


def _here(doc: Document, places: dict[tuple[str, str], list[Reference]], links: Links) -> str:
    from dangjian.pages import fragments

    shown = []
    for (page, anchor), cited in places.items():
        where = cited[0].title + (f" · {cited[0].label}" if cited[0].label else "")
        quotes = [{"before": before, "cited": quoted, "after": after}
                  for before, quoted, after in dict.fromkeys(_quote(ref) for ref in cited)]
        shown.append({"href": links.to(page, anchor), "where": where, "quotes": quotes})
    count = sum(len(cited) for cited in places.values())
    return str(fragments.render("backlinks", title=doc.display_title, count=count,
                                places=shown))
