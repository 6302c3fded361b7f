"""What a document tells the search index beyond its text: filters, result metadata, the
sort key and the names it is looked up by.

The fields are written into the document's page as a hidden element of ``data-pagefind-*``
attributes, so that the index step works on HTML alone and any engine that renders the
staged tree carries them. Values go in as inline ``key:value`` attributes on empty
elements: they filter and label results without adding words to the page's text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from dangjian.core import ui
from dangjian.core.documents import Document
from dangjian.core.kinds import REGULATION
from dangjian.pages import fragments
from dangjian.text import headings, script

BODY_KEY = "search_body"
WEIGHT_KEY = "search_weight"
"""Front matter key that marks a page's content as the part to index (see
dangjian/theme/main.html)."""

KIND_FILTER = ui.text("search.kind")
FILTERS = (KIND_FILTER, ui.text("card.category"), ui.text("card.status"),
           ui.text("card.issuer"), ui.text("search.year"))
"""Filters the search page offers, in the order shown."""

NAMES_META = "names"
NAMES_JOIN = "\u3001"
"""The names as result metadata, joined as search.js splits them."""
LISTING_META = "listing"
"""Marks a page that gathers other documents' words (a listing, a track, the glossary):
the browser ranks it below the documents themselves, as its weight does in Pagefind."""

NAMES_WEIGHT = 10
"""Pagefind's highest weight (the title, the page's h1, weighs 7): a query equal to a
document's short title or alias finds that document first."""


@dataclass
class SearchFields:
    filters: list[tuple[str, str]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    sort: dict[str, str] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)
    """Short titles and aliases: indexed as words, unlike the other fields."""
    folded: str = ""
    """A traditional-script document's text in simplified script, indexed (hidden) so
    that what members type finds it."""

    def html(self) -> str:
        fields = [("filter", key, value) for key, value in self.filters]
        fields += [("meta", key, value) for key, value in self.meta.items()]
        fields += [("sort", key, value) for key, value in self.sort.items()]
        return str(fragments.render("search-fields", fields=fields, names=self.names,
                                    weight=NAMES_WEIGHT, folded=self.folded))


def fields_of(doc: Document) -> SearchFields:
    meta = doc.meta
    fields = SearchFields()
    fields.filters.append((KIND_FILTER, doc.kind.label))
    fields.meta["type"] = doc.kind.label
    if doc.kind is REGULATION:
        if meta.category is not None:
            fields.filters.append((ui.text("card.category"), meta.category.value))
        fields.filters.append((ui.text("card.status"), meta.status.value))
        fields.meta["status"] = meta.status.value
        if meta.issuer:
            fields.filters.append((ui.text("card.issuer"), meta.issuer))
    day, year = _date_of(doc)
    if year is not None:
        fields.filters.append((ui.text("search.year"), str(year)))
        fields.meta["date"] = day.isoformat() if day else f"{year}{ui.text('plan.year_suffix')}"
        fields.sort["date"] = (day or dt.date(year, 1, 1)).isoformat()
    fields.names = [name for name in meta.aliases if name != doc.title]
    if fields.names:
        # The browser ranks Pagefind's first results again by title and names too.
        fields.meta[NAMES_META] = NAMES_JOIN.join(fields.names)
    if script.is_traditional(doc.title + doc.body):
        fields.folded = script.simplified(plain_text(f"{doc.title}\n{doc.body}"))
    return fields


def fold_sections(title: str, body: str) -> tuple[str, str]:
    """A traditional-script page's Markdown ``body`` with each section's text also in
    simplified script, hidden at the section's end, so that what members type is found in
    the article or item that holds it (Pagefind's sub-result), not only in the page; and
    the simplified title and lead (the text before the first heading), for the page's own
    hidden fields."""
    lines = body.split("\n")
    starts = [i for i, line in enumerate(lines) if headings.parse(line) is not None]
    lead = lines[:starts[0]] if starts else lines
    out = list(lead)
    ends = [*starts[1:], len(lines)] if starts else []
    for start, end in zip(starts, ends, strict=True):
        section = lines[start:end]
        out += section
        text = plain_text("\n".join(section))
        if text:
            out += ["", SearchFields(folded=script.simplified(text)).html(), ""]
    return "\n".join(out), script.simplified(plain_text("\n".join([title, *lead])))


_MARKUP = re.compile(r"\{[^{}\n]*\}|[#*_>`|\[\]]+|\(\s*[a-z][^()\s]*\)")


def plain_text(markdown: str) -> str:
    """Markdown's words without its marks, on one line: what the folded copy indexes."""
    return " ".join(_MARKUP.sub(" ", markdown).split())


def _date_of(doc: Document) -> tuple[dt.date | None, int | None]:
    """The date a reader sorts by: issue date, else effective date, else the year."""
    meta = doc.meta
    day = getattr(meta, "issued", None) or getattr(meta, "effective", None) \
        or getattr(meta, "date", None)
    if day is not None:
        return day, day.year
    year = getattr(meta, "year", None)
    return None, year


COLLECTION_WEIGHT = 0.3
"""A track or the glossary gathers words from many documents; weighted down, it comes
after the documents themselves."""


def index_as(page_text: str, kind_label: str) -> str:
    """A generated page (a track, the glossary) made searchable as a result of its own
    type: the body marker in its front matter and a 类型 filter under its title."""
    fields = SearchFields(filters=[(KIND_FILTER, kind_label)],
                          meta={"type": kind_label, LISTING_META: "1"})
    head, sep, body = page_text.partition("\n---\n")
    if not page_text.startswith("---\n") or not sep:
        return page_text
    title_end = body.find("\n", body.find("\n# ") + 1)
    if body.find("\n# ") < 0 or title_end < 0:
        return page_text
    marker = f"{BODY_KEY}: true\n{WEIGHT_KEY}: {COLLECTION_WEIGHT}"
    return (f"{head}\n{marker}{sep}{body[:title_end]}\n\n{fields.html()}\n"
            f"{body[title_end:]}")
