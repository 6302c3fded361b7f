"""``dangjian libraries refresh``: copy each declared site's inventory into the project.

The build never goes to the network: it reads these copies. A copy is only replaced by
an inventory that validates, so a broken or hostile download leaves the last good one.
"""

from __future__ import annotations

import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from dangjian.core.diagnostics import ContentError, Diagnostic
from dangjian.group import format as fmt
from dangjian.group.sites import FEDERATION_DIR, LIBRARIES_DIR, SiteRef
from dangjian.pipeline.settings import Settings

TIMEOUT = 30


@dataclass(frozen=True)
class Refreshed:
    name: str
    path: Path
    documents: int


def refresh(settings: Settings) -> list[Refreshed]:
    done: list[Refreshed] = []
    problems: list[Diagnostic] = []
    for field, folder, sites in (("libraries", LIBRARIES_DIR, settings.group.libraries),
                                 ("federation", FEDERATION_DIR, settings.group.federation)):
        for index, site in enumerate(sites):
            if folder == FEDERATION_DIR and not _fetchable(site):
                # Searched only: its inventory serves check --federation, when reachable.
                continue
            try:
                inventory = fmt.parse_bytes(_fetch(site, settings.root))
            except fmt.InventoryError as exc:
                problems.append(Diagnostic("mkdocs.yml", 0, f"{field}.{index}",
                                           f"站点“{site.name}”的目录无法取得：{exc}"))
                continue
            target = site.copy_path(settings.data_dir, folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(fmt.dump(inventory), encoding="utf-8")
            done.append(Refreshed(site.name, target, len(inventory.documents)))
    if problems:
        raise ContentError(problems)
    return done


def _fetchable(site: SiteRef) -> bool:
    return site.path is not None or urlsplit(site.url or "").scheme in ("http", "https")


def _fetch(site: SiteRef, root: Path) -> bytes:
    if site.path is not None:
        path = (root / site.path).resolve()
        if path.is_dir():
            path = path / fmt.FILE
        try:
            return fmt.read_bytes(path)
        except fmt.InventoryError as exc:
            raise fmt.InventoryError(f"{path}：{exc}") from None
    assert site.url is not None, "sites.parse requires url or path"
    url = urljoin(site.url if site.url.endswith("/") else site.url + "/", fmt.FILE)
    if urlsplit(url).scheme not in ("http", "https"):
        raise fmt.InventoryError(f"{site.url} 不是完整的 http(s) 地址，请用 path 指向本地文件夹")
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:  # noqa: S310 — http(s) only
            data = response.read(fmt.MAX_BYTES + 1)
    except OSError as exc:
        raise fmt.InventoryError(f"下载 {url} 失败（{exc}）") from None
    if len(data) > fmt.MAX_BYTES:
        raise fmt.InventoryError("文件过大")
    return bytes(data)
