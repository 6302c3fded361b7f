"""The site's navigation: 首页, 工作要点, 法规制度, 学习资料, 学习路径, 术语.

Material prints navigation titles as HTML (tabs, sidebar, breadcrumbs, footer), so every
title is HTML-escaped here, once, as the navigation is returned: entries passed in
(``progress``, ``tracks``) carry plain text.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from dangjian.core import ui
from dangjian.core.documents import Document, Inventory
from dangjian.core.kinds import PUBLICATION, REGULATION, STUDY, WORKPLAN
from dangjian.text.escape import html_text
from dangjian.text.ordering import regulation_order

NavEntry = dict[str, Any] | str

SECTION_LIMIT = 40
"""Most documents listed in one navigation section before they are grouped by year.

With ``navigation.prune`` every page still renders every entry of its own section, so a
section of thousands of documents makes the build grow with the square of their number;
groups of this size keep it linear. The listing pages hold every document in one table.
"""

UNDATED = ui.text("card.date") + ui.UNKNOWN


def build(inventory: Inventory, has_home: bool,
          progress: Sequence[NavEntry] | None = None,
          tracks: Sequence[tuple[str, str]] = (),
          sections: Sequence[tuple[str, list[str]]] = (),
          updates: str | None = None) -> list[NavEntry]:
    """``progress``: the generated progress pages, listed under 工作要点 before the plans;
    ``tracks``: (title, page) of every track, in order; ``sections``: (title, pages) of
    folders of plain pages (such as 使用帮助), each a tab after the others; ``updates``:
    the 本站更新 page, last."""
    plans = sorted(inventory.of_kind(WORKPLAN), key=lambda d: -d.meta.year)
    regulations = sorted(inventory.of_kind(REGULATION), key=regulation_order)
    by_category: dict[str, list[Document]] = {}
    for doc in regulations:
        label = doc.meta.category.value if doc.meta.category else "其他"
        by_category.setdefault(label, []).append(doc)
    publications = sorted(inventory.of_kind(PUBLICATION), key=lambda d: d.title)
    study = sorted(inventory.of_kind(STUDY), key=lambda d: d.title)

    regulation_section: list[NavEntry] = ["regulations/index.md"]
    regulation_section += [{label: _listed(docs, _issued_year)}
                           for label, docs in by_category.items()]
    regulation_section.append(
        {ui.text("kind.publication"): ["publications/index.md",
                                       *_listed(publications, lambda d: d.meta.year)]})
    nav: list[NavEntry] = [{"首页": "index.md"}] if has_home else []
    nav += [
        {ui.text("kind.workplan"): ["workplans/index.md", *(progress or []),
                      *_listed(plans, lambda d: d.meta.year)]},
        {ui.text("kind.regulation"): regulation_section},
        {ui.text("kind.study"): ["study/index.md", *_listed(study, _date_year)]},
        {ui.text("kind.track"): ["tracks/index.md", *({title: page} for title, page in tracks)]},
        {ui.text("kind.glossary"): ["glossary/index.md"]},
        *({title: list(pages)} for title, pages in sections),
        *([{ui.text("changes.title"): updates}] if updates else []),
    ]
    return [_inert(entry) for entry in nav]


def plain_sections(pages: Sequence[tuple[str, str | None, str]],
                   taken: Iterable[str]) -> list[tuple[str, list[str]]]:
    """Folders of plain pages with an ``index.md``, from (page, title, body) of every plain
    page: titled by the index page, its pages in the order the index links to them."""
    folders: dict[str, list[tuple[str, str | None, str]]] = {}
    for page in pages:
        folder, slash, _ = page[0].partition("/")
        if slash and folder not in taken:
            folders.setdefault(folder, []).append(page)
    sections = []
    for folder, members in sorted(folders.items()):
        index = next((m for m in members if m[0] == f"{folder}/index.md"), None)
        if index is None:
            continue
        rest = sorted((m for m in members if m is not index),
                      key=functools.partial(_linked_at, index[2], folder))
        sections.append((index[1] or folder, [index[0], *(m[0] for m in rest)]))
    return sections


def _linked_at(body: str, folder: str, member: tuple[str, str | None, str]) -> tuple[int, str]:
    at = body.find(member[0].removeprefix(f"{folder}/"))
    return (at if at >= 0 else len(body), member[0])


def _inert(entry: NavEntry) -> NavEntry:
    if isinstance(entry, str):
        return entry
    return {html_text(title): [_inert(child) for child in value] if isinstance(value, list)
            else value for title, value in entry.items()}


def _listed(docs: list[Document], year: Callable[[Document], int | None]) -> list[NavEntry]:
    """Entries for ``docs``, grouped by year (newest first) when there are too many."""
    if len(docs) <= SECTION_LIMIT:
        return [{doc.title: doc.page} for doc in docs]
    groups: dict[int | None, list[NavEntry]] = {}
    for doc in docs:
        groups.setdefault(year(doc), []).append({doc.title: doc.page})
    order = sorted(groups, key=lambda y: (y is None, -(y or 0)))
    return [{f"{y}年" if y is not None else UNDATED: groups[y]} for y in order]


def _issued_year(doc: Document) -> int | None:
    return doc.meta.issued.year if doc.meta.issued else None


def _date_year(doc: Document) -> int | None:
    return doc.meta.date.year if doc.meta.date else None
