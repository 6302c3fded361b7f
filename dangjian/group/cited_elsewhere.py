"""Where the other sites of a group cite this site's documents: from the inventories of the
sites under ``federation`` (copied by ``dangjian libraries refresh``), each of which lists
the citations it makes into its libraries."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dangjian.group import format as fmt
from dangjian.group.sites import FEDERATION_DIR
from dangjian.pipeline.settings import Settings


@dataclass(frozen=True)
class RemoteCite:
    site: str
    href: str
    """The citing page on its site, or '' where the site's address is unknown."""
    title: str


@dataclass
class CitedElsewhere:
    by_id: dict[str, list[RemoteCite]] = field(default_factory=dict)
    registered: int = 0
    """Registered sites whose inventory could be read."""
    unreadable: list[tuple[int, Path, str]] = field(default_factory=list)
    """(index under federation, copy, why) of each site whose inventory could not be."""


def load(settings: Settings) -> CitedElsewhere:
    found = CitedElsewhere()
    for index, site in enumerate(settings.group.federation):
        path = site.copy_path(settings.data_dir, FEDERATION_DIR)
        try:
            inventory = fmt.read(path)
        except fmt.InventoryError as exc:
            found.unreadable.append((index, path, str(exc)))
            continue
        found.registered += 1
        base = site.url or inventory.site.url
        base = base if not base or base.endswith("/") else base + "/"
        seen: set[tuple[str, str]] = set()
        for cited in inventory.cites:
            if cited.library != settings.site_name or (cited.id, cited.page) in seen:
                continue
            seen.add((cited.id, cited.page))
            found.by_id.setdefault(cited.id, []).append(
                RemoteCite(site.name, base + cited.page if base else "",
                           cited.title or cited.page))
    return found
