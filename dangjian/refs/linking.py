"""Citations and explicit links in staged Markdown, turned into final links.

The staged text is searched again with the same finders and resolved with the same
index and rules as the check, so a page links exactly what the check resolved. What
does not resolve stays as written: the check has already reported it.
"""

from __future__ import annotations

from html import escape

from dangjian.core import ui
from dangjian.core.model import Status
from dangjian.core.urls import Links
from dangjian.refs import anchors
from dangjian.refs.references import References
from dangjian.refs.resolver import Resolved
from dangjian.text import citations, wikilinks

Replacement = tuple[int, int, str]


def _a(href: str, text: str, css: str, title: str = "") -> str:
    hint = f' title="{escape(title)}"' if title else ""
    return f'<a class="{css}" href="{escape(href)}"{hint}>{escape(text, quote=False)}</a>'


def _citations(text: str, refs: References, page: str, links: Links) -> list[Replacement]:
    out: list[Replacement] = []
    for citation in citations.find(text):
        outcome = refs.lookup(citation, text, page)
        if not isinstance(outcome, Resolved):
            if not refs.is_hidden(citation.title, citation.volume):
                out += _library_citation(citation, text, refs, page)
            continue
        doc = refs.edition_for(outcome.doc, citation, page)
        end = citation.volume_end if outcome.volume else citation.edition_end
        out.append((citation.start, end,
                    _a(links.to(doc.page), text[citation.start:end], "dj-cite",
                       doc.display_title)))
        for division in citation.divisions:
            anchor = anchors.division_anchor(doc, division.unit, division.number)
            if anchor is not None:
                end = division.end
                out.append((division.start, division.end,
                            _a(links.to(doc.page, anchor), text[division.start:division.end],
                               "dj-cite dj-cite--article", f"{doc.display_title}{anchor}")))
        current = refs.current_of(doc)
        if current is not None and doc.work is not None \
                and current.meta.status is Status.IN_FORCE:
            # A later edition is in force: say so, and offer today's text.
            out.append((end, end, _a(links.to(doc.work.page), ui.text("editions.revised"),
                                     "dj-cite-revised",
                                     ui.text("editions.revised_title",
                                             edition=doc.display_title,
                                             current=current.display_title))))
    return out


def _library_citation(citation: citations.Citation, text: str, refs: References,
                      page: str) -> list[Replacement]:
    """A citation of a document of the group's library: to its page on the library's site."""
    found = refs.library_lookup(citation)
    if len(found) != 1:
        return []
    doc = found[0]
    edition = doc.chosen(citation.edition_year, refs.written_on(page))
    end = citation.edition_end
    out = [(citation.start, end, _a(doc.href(edition), text[citation.start:end],
                                    "dj-cite dj-cite--library", doc.display_title))]
    for division in citation.divisions:
        anchor = doc.anchor(edition, division.unit, division.number)
        if anchor is not None:
            out.append((division.start, division.end,
                        _a(doc.href(edition, anchor), text[division.start:division.end],
                           "dj-cite dj-cite--article dj-cite--library",
                           f"{doc.display_title}{anchor}")))
    return out


def _wikilinks(text: str, refs: References, links: Links, page: str) -> list[Replacement]:
    out: list[Replacement] = []
    for link in wikilinks.find(text):
        doc = refs.link_target(link)
        if doc is None and refs.is_hidden(link.target):
            # Readable text for a document this audience may not open: no link to it.
            out.append((link.start, link.end, escape(link.label or link.target)))
            continue
        if doc is None and refs.libraries is not None:
            out += _library_link(link, refs, page)
            continue
        anchor = anchors.named_anchor(doc, link.anchor) if doc and link.anchor else ""
        if doc is None or anchor is None:
            continue
        out.append((link.start, link.end,
                    _a(links.to(doc.page, anchor), link.label or anchors.link_text(doc, anchor),
                       "dj-link", doc.display_title)))
    return out


def _library_link(link: wikilinks.WikiLink, refs: References, page: str) -> list[Replacement]:
    found = refs.libraries.target(link.target) if refs.libraries is not None else ()
    if len(found) != 1:
        return []
    doc = found[0]
    edition = doc.chosen(None, refs.written_on(page))
    anchor = doc.named_anchor(edition, link.anchor) if link.anchor else ""
    if anchor is None:
        return []
    shown = link.label or f"《{doc.entry.title}》{link.anchor}"
    return [(link.start, link.end, _a(doc.href(edition, anchor), shown,
                                      "dj-link dj-link--library", doc.display_title))]


def render(text: str, refs: References, page: str, links: Links) -> str:
    """``text`` with every resolved citation and explicit link made a link."""
    replacements = _citations(text, refs, page, links) + _wikilinks(text, refs, links, page)
    pieces, done = [], 0
    for start, end, html in sorted(replacements):
        pieces += [text[done:start], html]
        done = end
    return "".join([*pieces, text[done:]])
