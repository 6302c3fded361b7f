"""``dangjian changes OLD [NEW]``: what changed between two published builds."""

from __future__ import annotations

import sys
from pathlib import Path

from dangjian.core.changes import compare
from dangjian.core.manifest import Manifest
from dangjian.offline import manifests
from dangjian.pages import change_list


def changes(old: Path, new: Path) -> int:
    """Print the change list from ``old`` to ``new`` (bundles or site folders)."""
    try:
        before, after = manifests.read(old), manifests.read(new)
    except manifests.ManifestError as exc:
        print(f"错误: {exc}", file=sys.stderr)
        return 1
    print(f"比较：{_named(before, old)} → {_named(after, new)}")
    for line in change_list.text_lines(compare(before, after)):
        print(line)
    return 0


def _named(manifest: Manifest, path: Path) -> str:
    version = f"版本号 {manifest.version}，" if manifest.version else ""
    return f"{path.name}（{version}构建于 {manifest.built}）"
