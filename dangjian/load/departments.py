"""Departments of the organisation (data/departments.yml): who can lead or support a
work-plan item."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from dangjian.core.diagnostics import Diagnostics
from dangjian.core.model import ID_PATTERN
from dangjian.core.project import Project
from dangjian.load import datafile
from dangjian.load.validation import validate

DEPARTMENTS_FILE = "departments.yml"
PAGE_FOLDER = "workplans/departments"
"""Folder of the staged tree that holds one generated page per department."""


class DepartmentMeta(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: str = Field(..., pattern=ID_PATTERN, title="标识",
                    description="稳定的英文标识，分工数据用它指称部门；也是部门页面的文件名")
    name: str = Field(..., min_length=1, title="名称", description="部门全称，如 党委组织部")
    note: str | None = Field(None, title="说明")


class DepartmentList(BaseModel):
    """data/departments.yml."""

    model_config = ConfigDict(extra="forbid")

    sample: bool = Field(False, title="示例数据",
                         description="为 true 时，部门页面注明这些部门是演示用的示例数据")
    departments: list[DepartmentMeta] = Field(default_factory=list, title="部门")


@dataclass(frozen=True)
class Department:
    id: str
    name: str
    source: str
    line: int
    note: str | None = None

    @property
    def page(self) -> str:
        return f"{PAGE_FOLDER}/{self.id}.md"


@dataclass
class Departments:
    source: str = f"data/{DEPARTMENTS_FILE}"
    sample: bool = False
    by_id: dict[str, Department] = field(default_factory=dict)
    """In the order of the file, which is the order pages list them."""

    def __iter__(self) -> Iterator[Department]:
        return iter(self.by_id.values())

    def __len__(self) -> int:
        return len(self.by_id)


def load(project: Project, diagnostics: Diagnostics) -> Departments:
    path = project.data_dir / DEPARTMENTS_FILE
    result = Departments(source=project.shown(path))
    if not path.is_file():
        return result
    read = datafile.read(project, path, diagnostics, "departments")
    if read is None:
        return result
    data, lines = read.data, read.lines
    listing = validate(DepartmentList, data, lines, result.source, diagnostics)
    if listing is None:
        # Errors are reported; keep the entries that name a department at all, so that
        # one bad field does not make every reference to the file an error as well.
        listing = DepartmentList(departments=_usable_entries(data))
    result.sample = listing.sample
    names: dict[str, Department] = {}
    for index, meta in enumerate(listing.departments):
        line = lines.line_of(("departments", index))
        other = result.by_id.get(meta.id) or names.get(meta.name)
        if other is not None:
            which = "id" if meta.id in result.by_id else "name"
            diagnostics.error(result.source, lines.line_of(("departments", index, which)),
                              f"departments.{index}.{which}",
                              f"部门 “{getattr(meta, which)}” 重复，已见于第 {other.line} 行")
            continue
        department = Department(meta.id, meta.name, result.source, line, meta.note)
        result.by_id[meta.id] = department
        names[meta.name] = department
    return result


def _usable_entries(data: Any) -> list[DepartmentMeta]:
    entries = data.get("departments") if isinstance(data, dict) else None
    usable = []
    for entry in entries if isinstance(entries, list) else []:
        dept_id = entry.get("id") if isinstance(entry, dict) else None
        if isinstance(dept_id, str) and re.fullmatch(ID_PATTERN, dept_id):
            name = entry.get("name")
            usable.append(DepartmentMeta(id=dept_id, name=name if isinstance(name, str)
                                         and name.strip() else dept_id))
    return usable
