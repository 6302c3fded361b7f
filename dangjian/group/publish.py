"""The inventory of a build: what it holds that other sites of the group may cite.

Only documents every reader may read are listed, whatever audience the build is for: a
subsidiary that copies the inventory links to them from its public pages, so a document
for a narrower audience (党委委员) must not even be named there.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from dangjian.core.documents import Document
from dangjian.core.kinds import REGULATION
from dangjian.core.urls import page_url
from dangjian.group import format as fmt
from dangjian.pipeline.prepare import Prepared


def inventory(prepared: Prepared, site_name: str, site_url: str | None,
              directory_urls: bool) -> fmt.Inventory:
    public = prepared.settings.audiences.default
    visibility = {doc.page: doc.meta.visibility for doc in prepared.content.inventory.documents}
    documents = [_entry(doc, directory_urls) for doc in prepared.content.inventory.documents
                 if not doc.is_edition and doc.meta.visibility == public]
    # Named as the library names itself, so that the library recognises its own.
    cites = [fmt.Cited(library=hit.doc.site, id=hit.doc.entry.id, edition=hit.edition,
                       page=_page_url(hit.page, directory_urls), title=hit.title)
             for hit in prepared.refs.library_items
             if visibility.get(hit.page, public) == public]
    return fmt.Inventory(format=fmt.FORMAT, version=fmt.VERSION,
                         site=fmt.Site(name=site_name, url=_url(site_url)),
                         audience=public, documents=tuple(documents),
                         cites=tuple(sorted(set(cites), key=_cite_order)))


def write(site: Path, prepared: Prepared, site_name: str, site_url: str | None,
          directory_urls: bool) -> Path:
    path = site / fmt.FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(fmt.dump(inventory(prepared, site_name, site_url, directory_urls)),
                    encoding="utf-8")
    return path


def _cite_order(cited: fmt.Cited) -> tuple[str, str, str, str]:
    return (cited.library, cited.id, cited.edition or "", cited.page)


def _page_url(page: str, directory_urls: bool) -> str:
    """A page's URL as the inventory carries it: percent-encoded where a file name holds
    spaces or quotes, which another site's links could not carry as they are."""
    return quote(page_url(page, directory_urls), safe="/-._~!$()*+,;=:@")


def _url(site_url: str | None) -> str:
    try:
        return fmt.safe_url(site_url or "")
    except ValueError:
        return ""


def _anchors(doc: Document) -> tuple[fmt.Anchor, ...]:
    body = doc.structure if doc.kind is REGULATION else None
    if body is None:
        return ()
    return tuple(fmt.Anchor(unit=unit, number=d.number, anchor=d.anchor)
                 for unit, divisions in (("章", body.chapters), ("条", body.articles))
                 for d in divisions if d.number)


def _entry(doc: Document, directory_urls: bool) -> fmt.Entry:
    status = getattr(doc.meta, "status", None)
    editions = tuple(
        fmt.EditionEntry(key=e.edition.key, label=e.edition_label,
                         dates=fmt.Dates(adopted=e.edition.dates.adopted,
                                         issued=e.edition.dates.issued,
                                         effective=e.edition.dates.effective),
                         url=_page_url(e.page, directory_urls), anchors=_anchors(e))
        for e in doc.editions if e.edition is not None)
    return fmt.Entry(id=doc.id, kind=doc.kind.name, title=doc.title,
                     aliases=tuple(getattr(doc.meta, "aliases", ())),
                     status=str(status) if status is not None else None,
                     url=_page_url(doc.page, directory_urls), anchors=_anchors(doc),
                     editions=editions,
                     abolished=doc.timeline.abolished if doc.timeline else None)
