"""The share of a site one render worker writes, and what it reports back.

Pages are dealt round-robin in MkDocs' own page order, so that each worker gets pages of
every section and the shares take about the same time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class CrossLink:
    """A link to an anchor in a page another worker renders: checked after all finish."""

    source: str
    target: str
    anchor: str
    original: str


@dataclass
class ShardResult:
    written: list[str] = field(default_factory=list)
    """Output paths (relative to the site) of the pages this worker wrote."""
    anchors: dict[str, set[str]] = field(default_factory=dict)
    """Anchors present in each page this worker rendered."""
    cross_links: list[CrossLink] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Shard:
    index: int
    count: int
    counter: Any = None
    """A shared integer (multiprocessing.Value) counting pages written by all workers."""
    total: Any = None
    """A shared integer the workers set to the number of pages."""
    result: ShardResult = field(default_factory=ShardResult)
    _owned: frozenset[str] = frozenset()
    chosen: frozenset[str] | None = None
    """Set, the worker renders exactly these pages (a preview after an edit)."""
    unread: frozenset[str] = frozenset()
    """Pages not even read (their navigation title is all the chosen pages need)."""

    @classmethod
    def only(cls, pages: set[str], unread: frozenset[str] = frozenset()) -> Shard:
        return cls(0, 1, chosen=frozenset(pages), unread=unread - pages)

    def assign(self, pages: list[str]) -> None:
        self._owned = self.chosen if self.chosen is not None else frozenset(
            src for i, src in enumerate(pages) if i % self.count == self.index)
        if self.total is not None:
            self.total.value = len(pages)

    def owns(self, src_uri: str) -> bool:
        return src_uri in self._owned

    def rendered(self, page: Any) -> None:
        """Called once the page's HTML is complete (and about to be written)."""
        self.result.written.append(page.file.dest_uri)
        self.result.anchors[page.file.src_uri] = set(page.present_anchor_ids or ())
        for to_file, links in (page.links_to_anchors or {}).items():
            if to_file.page is None or self.owns(to_file.src_uri):
                continue  # MkDocs checks these itself, in this worker
            for anchor, original in links.items():
                self.result.cross_links.append(
                    CrossLink(page.file.src_uri, to_file.src_uri, anchor, original))
        if self.counter is not None:
            with self.counter.get_lock():
                self.counter.value += 1
