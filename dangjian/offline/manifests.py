"""Reading the release manifest of a published build: from a bundle (zip), a built site
folder, or the manifest file itself, for ``dangjian changes`` and ``--since``.

A bundle is read as the hostile archive it may be (``verify``'s caps and checks); every
problem becomes one Chinese sentence in ``ManifestError``.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from dangjian.core import jsondoc, manifest
from dangjian.core.manifest import Manifest
from dangjian.offline.verify import MiB, Refused, printable, read_member
from dangjian.pages.stage import ASSET_DIR

IN_SITE = f"{ASSET_DIR}/{manifest.NAME}"
"""Where a build writes its manifest, relative to the site (and to a bundle's folder)."""
CAP = 64 * MiB


class ManifestError(ValueError):
    """Why no manifest could be read (in Chinese)."""


def read(path: Path) -> Manifest:
    shown = printable(str(path))
    if path.is_dir():
        file = path / IN_SITE
        if not file.is_file():
            raise ManifestError(f"{shown} 中没有 {IN_SITE}：不是站点目录，"
                                "或是由不记录版本的旧版 dangjian 构建的")
        return _parse(_read_file(file), shown)
    if not path.exists():
        raise ManifestError(f"找不到文件：{shown}")
    if path.suffix == ".json":
        return _parse(_read_file(path), shown)
    if not zipfile.is_zipfile(path):
        raise ManifestError(f"{shown} 不是 zip 文件（应为 dangjian bundle 生成的离线包）")
    try:
        data = read_member(path, IN_SITE, CAP)
    except Refused as exc:
        raise ManifestError(f"{shown}：{exc}") from exc
    if data is None:
        raise ManifestError(f"{shown} 中没有 {IN_SITE}：离线包是由不记录版本的旧版 "
                            "dangjian 生成的，无法比较")
    return _parse(data, shown)


def _read_file(file: Path) -> bytes:
    try:
        if file.stat().st_size > CAP:
            raise ManifestError(f"{printable(str(file))} 过大，不是版本清单")
        return file.read_bytes()
    except OSError as exc:
        raise ManifestError(f"无法读取 {printable(str(file))}：{exc.strerror or exc}") from exc


def _parse(data: bytes, shown: str) -> Manifest:
    try:
        return manifest.load(data, f"{shown} 的 {manifest.NAME}")
    except jsondoc.FormatError as exc:
        raise ManifestError(str(exc)) from exc
