"""The banner on a regulation that is no longer in force as written."""

from __future__ import annotations

from html import escape

from dangjian.core.documents import Document
from dangjian.core.model import Status
from dangjian.core.urls import Links

_WORDING = {
    Status.ABOLISHED: ("abolished", "本文件已废止", "现行文件见"),
    Status.AMENDED: ("amended", "本文件已修改", "修改后的文本见"),
}


def status_banner(doc: Document, by_id: dict[str, Document], links: Links) -> str:
    """HTML for the banner, or '' for a document that needs none."""
    wording = _WORDING.get(getattr(doc.meta, "status", None))
    if wording is None:
        return ""
    css, what, see = wording
    successor = by_id.get(doc.meta.superseded_by or "")
    if successor is not None:
        then = (f'，{see} <a href="{escape(links.to(successor.page))}">'
                f"{escape(successor.display_title)}</a>。")
    else:
        then = "；取代它的文件本站未注明。"
    return (f'<div class="dj-banner dj-banner--{css}" role="note">'
            f"<strong>{what}</strong>{then}</div>")
