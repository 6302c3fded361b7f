"""Every kind of document the site knows, declared once.

A kind says where its sources live, which model validates them, how the site labels it
(navigation, search filter 类型) and where its pages go.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from dangjian.core import ui
from dangjian.core.model import PublicationMeta, RegulationMeta, StudyMeta, WorkPlanMeta


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    """Chinese name, used in navigation, cards and the search filter 类型."""
    folder: str
    """Folder under docs/ (and of the built site) that holds this kind's pages."""
    model: type[BaseModel]
    cite_as_book: bool = True
    """Whether the kind is cited in 《》 and so takes part in reference resolution."""


WORKPLAN = Kind("workplan", ui.text("kind.workplan"), "workplans", WorkPlanMeta)
REGULATION = Kind("regulation", ui.text("kind.regulation"), "regulations", RegulationMeta)
PUBLICATION = Kind("publication", ui.text("kind.publication"), "publications", PublicationMeta)
STUDY = Kind("study", ui.text("kind.study"), "study", StudyMeta)

KINDS: tuple[Kind, ...] = (WORKPLAN, REGULATION, PUBLICATION, STUDY)
BY_FOLDER = {kind.folder: kind for kind in KINDS}
BY_NAME = {kind.name: kind for kind in KINDS}
