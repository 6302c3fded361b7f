"""The banner on a regulation that is no longer in force as written."""

from __future__ import annotations

from dangjian.core import ui
from dangjian.core.documents import Document
from dangjian.core.model import Status
from dangjian.core.urls import Links
from dangjian.pages import fragments

_WORDING = {
    Status.ABOLISHED: ("abolished", "banner.abolished", "banner.abolished_see"),
    Status.AMENDED: ("amended", "banner.amended", "banner.amended_see"),
}


def status_banner(doc: Document, by_id: dict[str, Document], links: Links) -> str:
    """HTML for the banner, or '' for a document that needs none."""
    status = getattr(doc.meta, "status", None)
    wording = _WORDING.get(status) if isinstance(status, Status) else None
    if wording is None:
        return ""
    css, what, see = wording
    successor = by_id.get(doc.meta.superseded_by or "")
    shown = ({"href": links.to(successor.page), "title": successor.display_title}
             if successor is not None else None)
    return str(fragments.render("status-banner", css=css, what=ui.text(what),
                                see=ui.text(see), successor=shown))
