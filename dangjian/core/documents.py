"""Loaded documents and the inventory that indexes them by id, title and alias."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from dangjian.core.diagnostics import Diagnostics
from dangjian.core.editions import Edition, Timeline
from dangjian.core.kinds import WORKPLAN, Kind
from dangjian.core.model import Meta
from dangjian.load.yamlsource import LineMap

LATEST_PLAN = "latest"
"""What a page function may name instead of an id: the newest year's work plan, so that
the home page follows the years without being edited."""

D = TypeVar("D", bound=Meta)
"""The front-matter model of a kind of document."""


@dataclass
class Document(Generic[D]):
    kind: Kind[D]
    meta: D
    """The validated model instance of ``kind.model``."""
    source: str
    """Path shown to users, relative to the project (docs/regulations/x.md)."""
    line: int
    """Line where the document's metadata starts in ``source``."""
    page: str
    """Path of its page in the staged docs tree (regulations/x.md)."""
    body: str = ""
    body_line: int = 1
    lines: LineMap = field(default_factory=LineMap)
    structure: Any = None
    """Parsed body: a ``Plan`` for work plans, a ``Body`` for regulations."""
    work: Document | None = field(default=None, repr=False)
    """For an edition of a regulation: the work it is an edition of."""
    edition: Edition | None = None
    """For an edition: its key and dates."""
    editions: list[Document] = field(default_factory=list, repr=False)
    """For a work with editions: its editions, oldest first."""
    timeline: Timeline | None = field(default=None, repr=False)
    """For a work with editions: the computation of what is in force when."""
    edition_label: str = ""
    """For an edition: how it is named, 2017年修改."""

    @property
    def is_edition(self) -> bool:
        return self.work is not None

    @property
    def id(self) -> str:
        assert self.meta.id is not None, "the loader gives every document an id"
        return self.meta.id

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def heading(self) -> str:
        """Title as a page heading: no book marks, volume or edition appended."""
        volume = getattr(self.meta, "volume", None)
        if self.is_edition:
            return f"{self.title}（{self.edition_label}）"
        return f"{self.title} {volume}" if volume else self.title

    @property
    def display_title(self) -> str:
        volume = getattr(self.meta, "volume", None)
        if self.is_edition:
            return f"《{self.title}》（{self.edition_label}）"
        return f"《{self.title}》{volume}" if volume else f"《{self.title}》"


@dataclass
class Inventory:
    """All documents of one build, indexed once so that look-ups are O(1)."""

    documents: list[Document] = field(default_factory=list)
    by_id: dict[str, Document] = field(default_factory=dict)
    by_name: dict[str, Document] = field(default_factory=dict)
    """Exact titles and declared aliases."""

    def add(self, doc: Document, diagnostics: Diagnostics) -> None:
        other = self.by_id.get(doc.id)
        if other is not None:
            diagnostics.error(doc.source, doc.lines.line_of(("id",)), "id",
                              f"标识 “{doc.id}” 重复，已用于 "
                              f"{other.source}:{other.lines.line_of(('id',))}")
            return
        # An edition shares its work's names: it is found through the work.
        names = [] if doc.is_edition else [
            ("title", doc.title), *(("aliases", alias) for alias in doc.meta.aliases)]
        for field_name, name in names:
            holder = self.by_name.get(name)
            if holder is not None and holder is not doc:
                line = doc.lines.line_of((field_name,))
                diagnostics.error(doc.source, line, field_name,
                                  f"“{name}” 已是 {holder.source}:{holder.line} 的标题或简称，"
                                  "同一名称不能指向两个文件")
                return
        self.documents.append(doc)
        self.by_id[doc.id] = doc
        for _, name in names:
            self.by_name[name] = doc

    def call_target(self, doc_id: str) -> Document | None:
        """The document a page function names: by id, or ``latest`` for the newest plan."""
        doc = self.by_id.get(doc_id)
        if doc is None and doc_id == LATEST_PLAN:
            plans = self.of_kind(WORKPLAN)
            return max(plans, key=lambda plan: (plan.meta.year, plan.id)) if plans else None
        return doc

    def of_kind(self, kind: Kind[D], editions: bool = False) -> list[Document[D]]:
        """The documents of ``kind``; editions of regulations only when asked for (they are
        listed with their work)."""
        return [doc for doc in self.documents
                if doc.kind is kind and (editions or not doc.is_edition)]
