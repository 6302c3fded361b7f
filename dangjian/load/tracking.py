"""Work-plan tracking (data/tracking/*.yml): who leads and supports each item, when it is
due, where it stands and what has been done, keyed by the item's stable id.

One file per plan. An item may also declare that it continues an item of an earlier
year's plan (延续); both items then link to each other.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from dangjian.core.diagnostics import Diagnostics
from dangjian.core.documents import Document, Inventory
from dangjian.core.kinds import WORKPLAN
from dangjian.core.model import ID_PATTERN, IsoDate
from dangjian.core.project import Project
from dangjian.load import datafile, departments
from dangjian.load.departments import Department, Departments
from dangjian.load.validation import validate
from dangjian.load.yamlsource import LineMap
from dangjian.text.workplan import Item, Section

TRACKING_FOLDER = "tracking"
"""Folder under data/ that holds one tracking file per plan."""


class ItemStatus(StrEnum):
    """Where an item stands."""

    NOT_STARTED = "未启动"
    IN_PROGRESS = "推进中"
    DONE = "已完成"
    DELAYED = "延期"


ONGOING = "长期"
DUE_FORMS = "2020、2020-H1、2020-Q2、2020-06、2020-06-30 或 长期"
_DUE = re.compile(r"^(\d{4})(?:-(?:H([12])|Q([1-4])|(\d{2})(?:-(\d{2}))?))?$")
_QUARTERS = "一二三四"


def _due(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        text = value.strip()
        if text == ONGOING:
            return text
        match = _DUE.match(text)
        if match and _real(match):
            return text
    raise PydanticCustomError("due_period", "完成时限无效，应为 {forms}", {"forms": DUE_FORMS})


def _real(match: re.Match[str]) -> bool:
    year, _, _, month, day = match.groups()
    if month is None:
        return True
    try:
        dt.date(int(year), int(month), int(day or 1))
    except ValueError:
        return False
    return True


def due_label(text: str) -> str:
    """A due period as readers say it: 2020-Q2 → 2020年第二季度."""
    match = _DUE.match(text)
    if match is None:
        return text
    year, half, quarter, month, day = match.groups()
    if half:
        return f"{year}年{'上' if half == '1' else '下'}半年"
    if quarter:
        return f"{year}年第{_QUARTERS[int(quarter) - 1]}季度"
    if day:
        return f"{year}年{int(month)}月{int(day)}日前"
    if month:
        return f"{year}年{int(month)}月"
    return f"{year}年内"


Due = Annotated[str, BeforeValidator(_due), WithJsonSchema({
    "anyOf": [{"type": "string", "pattern": _DUE.pattern}, {"const": ONGOING},
              {"type": "integer"}]})]


class ProgressNote(BaseModel):
    """One dated entry of an item's progress (e.g. a quarterly report)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    date: IsoDate = Field(..., title="日期", description="YYYY-MM-DD")
    note: str = Field(..., min_length=1, title="进展")


class ItemTracking(BaseModel):
    """One item's assignment and progress."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    lead: str = Field(..., pattern=ID_PATTERN, title="牵头部门",
                      description="data/departments.yml 中的部门标识")
    support: list[Annotated[str, Field(pattern=ID_PATTERN)]] = Field(
        default_factory=list, title="配合部门", description="部门标识的列表")
    due: Due | None = Field(None, title="完成时限", description=DUE_FORMS)
    status: ItemStatus = Field(ItemStatus.NOT_STARTED, title="状态")
    reason: str | None = Field(None, min_length=1, title="延期原因",
                               description="状态为“延期”时必填")
    progress: list[ProgressNote] = Field(default_factory=list, title="进展",
                                         description="按日期记录的进展，如每季度一条")
    continues: str | None = Field(None, min_length=1, title="延续",
                                  description="所延续的往年事项的标识，如 2019-4-1；"
                                  "标识在多个工作要点中重复时写 计划标识#事项标识")


class TrackingFile(BaseModel):
    """data/tracking/<plan>.yml."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    plan: str = Field(..., pattern=ID_PATTERN, title="工作要点", description="工作要点的标识")
    sample: bool = Field(False, title="示例数据",
                         description="为 true 时，页面注明本文件的分工和进展是演示用的示例数据")
    items: dict[str, ItemTracking] = Field(default_factory=dict, title="事项",
                                           description="以事项标识（如 2020-1-1）为键")


class _FileHead(TrackingFile):
    # Items are validated one by one, so that one bad item does not hide the problems
    # of the others.
    items: dict[str, Any] = Field(default_factory=dict)


@dataclass(frozen=True)
class ItemRef:
    """One item of one plan."""

    plan: Document
    section: Section
    item: Item

    @property
    def key(self) -> tuple[str, str]:
        return (self.plan.id, self.item.id)

    @property
    def year(self) -> int:
        return self.plan.meta.year

    @property
    def label(self) -> str:
        """四、一是建强基本组织."""
        return f"{self.section.marker}、{self.item.marker}{self.item.title}"


@dataclass
class Assignment:
    ref: ItemRef
    lead: Department
    support: list[Department]
    status: ItemStatus
    due: str | None = None
    reason: str | None = None
    progress: list[ProgressNote] = field(default_factory=list)
    """Oldest first."""
    sample: bool = False


@dataclass
class Tracking:
    departments: Departments = field(default_factory=Departments)
    plans: list[Document] = field(default_factory=list)
    """Every work plan, latest year first."""
    items: dict[tuple[str, str], ItemRef] = field(default_factory=dict)
    """Every item of every plan, tracked or not, in plan order."""
    assignments: dict[tuple[str, str], Assignment] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    """Plan id → the tracking file that covers it."""
    sample_plans: set[str] = field(default_factory=set)
    continues: dict[tuple[str, str], ItemRef] = field(default_factory=dict)
    continued_by: dict[tuple[str, str], list[ItemRef]] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        """Whether the project keeps tracking data at all (and so gets its pages)."""
        return bool(self.departments) or bool(self.sources)

    def of(self, ref: ItemRef) -> Assignment | None:
        return self.assignments.get(ref.key)

    def led_by(self, department: Department) -> list[Assignment]:
        return [a for a in self.assignments.values() if a.lead is department]

    def supported_by(self, department: Department) -> list[Assignment]:
        return [a for a in self.assignments.values() if department in a.support]

    def is_sample(self, plan: Document) -> bool:
        return plan.id in self.sample_plans

    def only(self, plan_ids: set[str]) -> Tracking:
        """The tracking of these plans alone: for a build whose audience sees no others."""
        def keep(key: tuple[str, str]) -> bool:
            return key[0] in plan_ids

        return replace(
            self,
            plans=[plan for plan in self.plans if plan.id in plan_ids],
            items={k: v for k, v in self.items.items() if keep(k)},
            assignments={k: v for k, v in self.assignments.items() if keep(k)},
            sources={k: v for k, v in self.sources.items() if k in plan_ids},
            sample_plans=self.sample_plans & plan_ids,
            continues={k: v for k, v in self.continues.items()
                       if keep(k) and v.plan.id in plan_ids},
            continued_by={k: [r for r in v if r.plan.id in plan_ids]
                          for k, v in self.continued_by.items() if keep(k)},
        )


def load(project: Project, inventory: Inventory, diagnostics: Diagnostics) -> Tracking:
    plans = sorted(inventory.of_kind(WORKPLAN), key=lambda d: (-d.meta.year, d.title))
    tracking = Tracking(departments.load(project, diagnostics), plans)
    for plan in plans:
        for section in plan.structure.sections:
            for item in section.items:
                ref = ItemRef(plan, section, item)
                tracking.items[ref.key] = ref
    folder = project.data_dir / TRACKING_FOLDER
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.is_file() and path.suffix in {".yml", ".yaml"}:
                _load_file(project, path, inventory, tracking, diagnostics)
    return tracking


def _load_file(project: Project, path: Path, inventory: Inventory, tracking: Tracking,
               diagnostics: Diagnostics) -> None:
    shown = project.shown(path)
    read = datafile.read(project, path, diagnostics, "items")
    if read is None:
        return
    data, lines = read.data, read.lines
    listing = validate(_FileHead, data, lines, shown, diagnostics)
    if listing is None:
        return
    plan = inventory.by_id.get(listing.plan)
    if plan is None or plan.kind is not WORKPLAN:
        known = "、".join(p.id for p in tracking.plans) or "（尚无工作要点）"
        diagnostics.error(shown, lines.line_of(("plan",)), "plan",
                          f"没有标识为 “{listing.plan}” 的工作要点；已有：{known}")
        return
    if plan.id in tracking.sources:
        diagnostics.error(shown, lines.line_of(("plan",)), "plan",
                          f"工作要点 “{plan.id}” 的分工已写在 {tracking.sources[plan.id]}，"
                          "每个工作要点只能有一个分工文件")
        return
    tracking.sources[plan.id] = shown
    if listing.sample:
        tracking.sample_plans.add(plan.id)
    check = _Checker(tracking, shown, lines, diagnostics)
    for item_id, data in listing.items.items():
        ref = tracking.items.get((plan.id, item_id))
        if ref is None:
            check.error(("items", item_id),
                        f"工作要点 “{plan.id}” 中没有标识为 “{item_id}” 的事项"
                        "（事项标识即正文标题后的 {#…}）")
            continue
        entry = validate(ItemTracking, data, lines, shown, diagnostics, ("items", item_id))
        if entry is None:
            continue
        assignment = check.assignment(ref, entry, listing.sample)
        if assignment is not None:
            tracking.assignments[ref.key] = assignment
        if entry.continues:
            check.continuation(ref, entry.continues)


@dataclass
class _Checker:
    """Cross-checks of one tracking file against the plans and the departments."""

    tracking: Tracking
    source: str
    lines: LineMap
    diagnostics: Diagnostics

    def error(self, where: tuple[str | int, ...], message: str,
              field_name: str | None = None) -> None:
        self.diagnostics.error(self.source, self.lines.line_of(where),
                               field_name or ".".join(map(str, where)), message)

    def department(self, where: tuple[str | int, ...], dept_id: str) -> Department | None:
        found = self.tracking.departments.by_id.get(dept_id)
        if found is None:
            known = "、".join(self.tracking.departments.by_id) or "（尚未登记任何部门）"
            self.error(where, f"未知部门 “{dept_id}”，应为 "
                       f"{self.tracking.departments.source} 中登记的标识：{known}")
        return found

    def assignment(self, ref: ItemRef, entry: ItemTracking, sample: bool) -> Assignment | None:
        where = ("items", ref.item.id)
        lead = self.department((*where, "lead"), entry.lead)
        support = [self.department((*where, "support", index), dept_id)
                   for index, dept_id in enumerate(entry.support)]
        if entry.status is ItemStatus.DELAYED and not entry.reason:
            self.error((*where, "status"), "状态为“延期”时须写明延期原因（reason）",
                       field_name=".".join((*where, "reason")))
            return None
        if lead is None or None in support:
            return None
        return Assignment(ref, lead, [d for d in support if d is not None and d is not lead],
                          entry.status, entry.due, entry.reason,
                          sorted(entry.progress, key=lambda note: note.date), sample)

    def continuation(self, ref: ItemRef, target: str) -> None:
        where = ("items", ref.item.id, "continues")
        plan_id, sep, item_id = target.rpartition("#")
        if sep:
            found = [r for r in [self.tracking.items.get((plan_id, item_id))] if r]
        else:
            found = [r for key, r in self.tracking.items.items() if key[1] == target]
        if not found:
            self.error(where, f"没有标识为 “{target}” 的事项")
        elif len(found) > 1:
            plans = "、".join(r.plan.id for r in found)
            self.error(where, f"事项标识 “{target}” 在多个工作要点（{plans}）中都有，"
                       f"请写成 计划标识#事项标识，如 {found[0].plan.id}#{target}")
        elif found[0].year >= ref.year:
            self.error(where, f"只能延续往年工作要点中的事项，“{target}” 属于 "
                       f"{found[0].year} 年的 “{found[0].plan.id}”")
        else:
            self.tracking.continues[ref.key] = found[0]
            self.tracking.continued_by.setdefault(found[0].key, []).append(ref)
