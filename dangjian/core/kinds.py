"""Every kind of thing the site publishes, declared once.

A kind says where its sources live, which model validates them, what its body is parsed
into, how the site labels it (navigation, cards, the search filter 类型) and where its
pages go. Code asks a kind (``doc.kind is WORKPLAN``, ``inventory.of_kind(REGULATION)``)
rather than comparing names.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

from pydantic import BaseModel

from dangjian.core import ui
from dangjian.core.model import (
    PublicationMeta,
    RegulationMeta,
    StudyMeta,
    TermMeta,
    TrackMeta,
    WorkPlanMeta,
)

M = TypeVar("M", bound=BaseModel)


class Source(StrEnum):
    DOCS = "docs"
    """One Markdown file per item under docs/<folder>/."""
    DATA = "data"
    """Entries of YAML files under data/."""


class Structure(StrEnum):
    PLAN = "plan"
    """Sections (一、…) holding items (一是…), each with a stable anchor."""
    ARTICLES = "articles"
    """编/章/节/条 with an anchor per chapter and article."""
    TEXT = "text"
    """Running text, no addressable parts."""
    NONE = "none"
    """Metadata only."""


@dataclass(frozen=True)
class Kind(Generic[M]):
    name: str
    label: str
    """Chinese name, used in navigation, cards and as the search filter 类型."""
    folder: str
    """Folder of its pages in the site (and under docs/ for kinds kept in docs/)."""
    model: type[M]
    source: Source
    structure: Structure
    cite_as_book: bool = True
    """Whether the kind is cited in 《》 and so takes part in reference resolution."""

    @property
    def search_type(self) -> str:
        return self.label


WORKPLAN = Kind("workplan", ui.text("kind.workplan"), "workplans", WorkPlanMeta, Source.DOCS,
                Structure.PLAN)
REGULATION = Kind("regulation", ui.text("kind.regulation"), "regulations", RegulationMeta,
                  Source.DOCS, Structure.ARTICLES)
PUBLICATION = Kind("publication", ui.text("kind.publication"), "publications", PublicationMeta,
                   Source.DATA, Structure.NONE)
STUDY = Kind("study", ui.text("kind.study"), "study", StudyMeta, Source.DOCS, Structure.TEXT)
TRACK = Kind("track", ui.text("kind.track"), "tracks", TrackMeta, Source.DATA, Structure.NONE,
             cite_as_book=False)
TERM = Kind("term", ui.text("kind.glossary"), "glossary", TermMeta, Source.DATA,
            Structure.NONE, cite_as_book=False)

DOCUMENT_KINDS: tuple[Kind, ...] = (WORKPLAN, REGULATION, PUBLICATION, STUDY)
"""The kinds that are documents of the inventory (cited, linked, listed)."""
KINDS: tuple[Kind, ...] = (*DOCUMENT_KINDS, TRACK, TERM)
BY_FOLDER = {kind.folder: kind for kind in DOCUMENT_KINDS if kind.source is Source.DOCS}
BY_NAME = {kind.name: kind for kind in KINDS}
