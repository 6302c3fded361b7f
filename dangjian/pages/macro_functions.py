"""The functions behind ``macros/``: small views of the inventory for authored pages."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

from dangjian.core.diagnostics import Diagnostics
from dangjian.core.project import Project
from dangjian.core.urls import Links
from dangjian.load import loader
from dangjian.load.loader import Content
from dangjian.pages import cards, indexes

_current: Content | None = None


def use(content: Content) -> None:
    """Called by the build driver so that macros see the content being built."""
    global _current
    _current = content


def _content(env: Any) -> Content:
    if _current is None:
        # Plain `mkdocs build`: load the content ourselves.
        root = Path(env.conf["config_file_path"]).parent
        use(loader.load(Project.at(root), Diagnostics()))
    assert _current is not None
    return _current


def functions(env: Any) -> dict[str, Callable[..., str]]:
    """``env`` is mkdocs-macros' environment; ``env.page`` is the page being rendered."""

    def here() -> str:
        page = getattr(env, "page", None)
        return page.file.src_uri if page is not None else "index.md"

    def document(doc_id: str):
        doc = _content(env).inventory.by_id.get(doc_id)
        if doc is None:
            raise ValueError(f"未知的文件标识 “{doc_id}”")
        return doc

    def metadata_card(doc_id: str) -> str:
        return cards.card(document(doc_id))

    def links() -> Links:
        return Links(here(), bool(env.conf["use_directory_urls"]))

    def doc_link(doc_id: str) -> str:
        doc = document(doc_id)
        return f'<a href="{escape(links().to(doc.page))}">{escape(doc.display_title)}</a>'

    def work_items(plan_id: str) -> str:
        return indexes.plan_outline(document(plan_id), links())

    return {"metadata_card": metadata_card, "doc_link": doc_link, "work_items": work_items}
