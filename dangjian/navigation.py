"""The site's navigation: 首页, 工作要点, 法规制度, 学习资料, 学习路径, 术语."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .documents import Inventory
from .ordering import regulation_order

NavEntry = dict[str, Any] | str


def build(inventory: Inventory, has_home: bool,
          progress: list[NavEntry] | None = None,
          tracks: Sequence[tuple[str, str]] = ()) -> list[NavEntry]:
    """``progress``: the generated progress pages, listed under 工作要点 before the plans;
    ``tracks``: (title, page) of every track, in order."""
    def titled(docs) -> list[NavEntry]:
        return [{doc.title: doc.page} for doc in docs]

    plans = sorted(inventory.of_kind("workplan"), key=lambda d: -d.meta.year)
    regulations = sorted(inventory.of_kind("regulation"), key=regulation_order)
    by_category: dict[str, list[NavEntry]] = {}
    for doc in regulations:
        label = doc.meta.category.value if doc.meta.category else "其他"
        by_category.setdefault(label, []).append({doc.title: doc.page})
    publications = sorted(inventory.of_kind("publication"), key=lambda d: d.title)
    study = sorted(inventory.of_kind("study"), key=lambda d: d.title)

    regulation_section: list[NavEntry] = ["regulations/index.md"]
    regulation_section += [{label: pages} for label, pages in by_category.items()]
    regulation_section.append({"书目": ["publications/index.md", *titled(publications)]})
    nav: list[NavEntry] = [{"首页": "index.md"}] if has_home else []
    nav += [
        {"工作要点": ["workplans/index.md", *(progress or []), *titled(plans)]},
        {"法规制度": regulation_section},
        {"学习资料": ["study/index.md", *titled(study)]},
        {"学习路径": ["tracks/index.md", *({title: page} for title, page in tracks)]},
        {"术语": ["glossary/index.md"]},
    ]
    return nav
