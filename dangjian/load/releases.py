"""The site's release list, data/releases.yml: each published release with its 版本号,
date and what changed since the one before.

``dangjian build --release`` appends to it; the 本站更新 page lists it, newest first. The
file is kept in the repository so the list survives a fresh clone; it is written by the
product (with a fixed header), so it stays in one shape.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from dangjian.core.changes import Changes
from dangjian.core.diagnostics import Diagnostics
from dangjian.core.model import IsoDate
from dangjian.core.project import Project
from dangjian.load import datafile, validation

FILE = "releases.yml"
MANIFEST_FILE = "release-manifest.json"
"""The newest release's manifest, beside the list: what the next release is compared
with, whatever was built in between."""
HEADER = """\
# 本站更新：每次发布的版本号、日期和相对上一次发布的变化。
# 由 dangjian build --release 追加，本站更新页面按此列出（新的在前）；请勿手工改动变化列表。
"""


class Release(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: str = Field(..., min_length=1, max_length=100, title="版本号")
    date: IsoDate = Field(..., title="日期")
    digest: str | None = Field(None, title="内容摘要",
                               description="发布内容的 SHA-256，用于认出同一内容的离线包")
    note: str | None = Field(None, title="说明")
    first: bool = Field(False, title="首次记录",
                        description="没有可比较的上一次构建：未列出变化")
    changes: Changes = Field(default_factory=Changes, title="变化")


class ReleaseFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    releases: list[Release] = Field(default_factory=list)


def path_of(project: Project) -> Path:
    return project.data_dir / FILE


def manifest_path(project: Project) -> Path:
    return project.data_dir / MANIFEST_FILE


def load(project: Project, diagnostics: Diagnostics) -> list[Release]:
    """The recorded releases, oldest first; none where the file does not exist."""
    path = path_of(project)
    if not path.is_file():
        return []
    read = datafile.read(project, path, diagnostics)
    if read is None:
        return []
    parsed = validation.validate(ReleaseFile, read.data, read.lines, read.source, diagnostics)
    return parsed.releases if parsed is not None else []


def append(project: Project, releases: list[Release], release: Release,
           manifest: bytes) -> None:
    """Write the list with ``release`` after ``releases``, and ``manifest`` as the newest
    release's; each file is replaced whole, so a failed write never leaves half of one."""
    document = ReleaseFile(releases=[*releases, release]).model_dump(
        mode="json", exclude_defaults=True)
    text = HEADER + yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
    _replace(manifest_path(project), manifest)
    _replace(path_of(project), text.encode("utf-8"))


def _replace(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(data)
    partial.replace(path)


def next_version(releases: list[Release], day: dt.date) -> str:
    """2026.11.30-1, or -2 … when that day already has releases."""
    stem = f"{day:%Y.%m.%d}"
    taken = {release.version for release in releases}
    number = 1
    while f"{stem}-{number}" in taken:
        number += 1
    return f"{stem}-{number}"
