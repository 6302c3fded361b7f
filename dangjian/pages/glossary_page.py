"""The generated glossary page (glossary/index.md): terms, then standard formulations."""

from __future__ import annotations

from dangjian.core import ui
from dangjian.core.urls import Links
from dangjian.load.glossary import Glossary, Term
from dangjian.pages import fragments

PAGE = "glossary/index.md"

INTRO = ui.text("glossary.intro")


def pages(glossary: Glossary, directory_urls: bool) -> dict[str, str]:
    return {PAGE: page(glossary, Links(PAGE, directory_urls))}


def page(glossary: Glossary, links: Links) -> str:
    parts = [f"---\ntitle: {ui.text('kind.glossary')}\n---\n",
             f"# {ui.text('glossary.title')}\n", INTRO + "\n"]
    if not glossary.terms and not glossary.formulations:
        parts.append(ui.text("glossary.none") + "\n")
        return "\n".join(parts)
    if glossary.terms:
        terms = [_term(term, links) for term in glossary.terms]
        heading = ui.text("kind.glossary")
        parts += [f"## {heading} {{ #{heading} }}\n",
                  f'{fragments.render("glossary-terms", terms=terms)}\n']
    if glossary.formulations:
        rows = [{"right": meta.right, "wrong": meta.wrong, "note": meta.note or ""}
                for meta, _ in glossary.formulations]
        heading = ui.text("glossary.wording")
        parts += [
            f"## {heading} {{ #{heading} }}\n",
            ui.text("glossary.wording_intro") + "\n",
            f'{fragments.render("wording-table", rows=rows)}\n',
        ]
    return "\n".join(parts)


def _term(term: Term, links: Links) -> dict[str, object]:
    """What the glossary shows of one term."""
    meta = term.meta
    source = None
    if term.doc is not None:
        source = {"href": links.to(term.doc.page, meta.at or ""), "where": term.where()}
    return {"term": meta.term, "aliases": meta.aliases, "explanation": meta.explanation or "",
            "quote": meta.quote or "", "source": source, "wrong": meta.wrong}
