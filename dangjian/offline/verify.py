"""``dangjian verify``: does a bundle hold exactly what its manifest lists?

Nothing is extracted unless asked, and then only after the bundle verified and only
inside the target: names that are absolute or climb out with ``..`` are refused.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from dangjian.offline.bundle import MANIFEST


@dataclass
class Verdict:
    missing: list[str] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    unsafe: list[str] = field(default_factory=list)
    problem: str | None = None
    checked: int = 0

    @property
    def ok(self) -> bool:
        return not (self.missing or self.modified or self.extra or self.unsafe or self.problem)


def is_safe(name: str) -> bool:
    path = PurePosixPath(name)
    return not (name.startswith(("/", "\\")) or "\\" in name or ".." in path.parts
                or (len(name) > 1 and name[1] == ":") or not name.strip("/"))


def verify(bundle: Path) -> Verdict:
    verdict = Verdict()
    try:
        archive = zipfile.ZipFile(bundle)
    except (OSError, zipfile.BadZipFile) as exc:
        verdict.problem = f"无法读取压缩包：{exc}"
        return verdict
    with archive:
        names = [info.filename for info in archive.infolist() if not info.is_dir()]
        verdict.unsafe = sorted(name for name in names if not is_safe(name))
        manifests = [name for name in names if name.split("/")[-1] == MANIFEST
                     and name.count("/") <= 1]
        if len(manifests) != 1:
            verdict.problem = f"压缩包中应有且只有一个 {MANIFEST}"
            return verdict
        prefix = manifests[0].removesuffix(MANIFEST)
        try:
            listed: dict[str, str] = json.loads(archive.read(manifests[0]))["files"]
        except (ValueError, KeyError, TypeError) as exc:
            verdict.problem = f"{MANIFEST} 无法解析：{exc}"
            return verdict
        present = {name.removeprefix(prefix): name for name in names
                   if name.startswith(prefix) and name != manifests[0]}
        verdict.extra = sorted(name for name in names
                               if name != manifests[0] and not name.startswith(prefix))
        for relative, digest in sorted(listed.items()):
            stored = present.pop(relative, None)
            if stored is None:
                verdict.missing.append(relative)
                continue
            verdict.checked += 1
            if hashlib.sha256(archive.read(stored)).hexdigest() != digest:
                verdict.modified.append(relative)
        verdict.extra += sorted(present)
    return verdict


def extract(bundle: Path, target: Path) -> int:
    """Extract a verified bundle into ``target``; never writes outside it."""
    root = target.resolve()
    count = 0
    with zipfile.ZipFile(bundle) as archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            destination = (root / info.filename).resolve()
            if not is_safe(info.filename) or not destination.is_relative_to(root):
                raise ValueError(f"拒绝解压到目标目录之外：{info.filename}")
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(archive.read(info))
            count += 1
    return count
