"""Libraries a site cites into: the local copies of their inventories, looked up by title.

A citation the site's own documents cannot resolve is tried here; the link goes to the
library's page of the document (the edition in force on the citing page's date, or the
pinned one) and, for 第十条, its anchor. Titles are matched like local ones (exact, form
key, loose key), but a title two libraries both hold is never settled by picking one.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

from dangjian.core import editions
from dangjian.core.diagnostics import Diagnostics
from dangjian.core.editions import Dates, Edition, Timeline
from dangjian.group import format as fmt
from dangjian.group.sites import LIBRARIES_DIR, SiteRef
from dangjian.pipeline.settings import Settings
from dangjian.refs import anchors
from dangjian.text.normalize import form_key, loose_key

REFRESH_HINT = "请运行 dangjian libraries refresh 取得它的目录"


@dataclass(frozen=True)
class LibraryDoc:
    library: str
    """The library's name in this site's mkdocs.yml."""
    site: str
    """The name the library gives itself in its inventory."""
    base: str
    """The library's published URL, ending with /."""
    entry: fmt.Entry
    timeline: Timeline | None

    @property
    def display_title(self) -> str:
        return f"《{self.entry.title}》（{self.library}）"

    def edition(self, key: str | None) -> fmt.EditionEntry | None:
        return next((e for e in self.entry.editions if e.key == key), None)

    def chosen(self, year: int | None, on: dt.date) -> fmt.EditionEntry | None:
        """The edition a citation means: the pinned one, else the one in force on ``on``;
        None for a document without editions, a pin it has no edition for, or a date
        before every edition."""
        if self.timeline is None:
            return None
        if year is not None:
            picked = editions.pinned(self.timeline.editions, year)
        else:
            picked = self.timeline.in_force(on)
            if picked is None and self.timeline.abolished is not None \
                    and self.timeline.abolished <= on:
                picked = self.timeline.current(on)
        return self.edition(picked.key) if picked is not None else None

    def current(self, today: dt.date) -> fmt.EditionEntry | None:
        picked = self.timeline.current(today) if self.timeline else None
        return self.edition(picked.key) if picked is not None else None

    def anchor(self, edition: fmt.EditionEntry | None, unit: str, number: int) -> str | None:
        held = edition.anchors if edition is not None else self.entry.anchors
        return next((a.anchor for a in held if a.unit == unit and a.number == number), None)

    def named_anchor(self, edition: fmt.EditionEntry | None, name: str) -> str | None:
        """The anchor ``name`` (第十条, 第一章) means here, if the library holds it."""
        division = anchors.division_of(name)
        if division is None or not division[1]:
            return None
        return self.anchor(edition, *division)

    def cite(self, edition: fmt.EditionEntry | None, page: str, title: str, source: str,
             line: int, written: str) -> LibraryCite:
        return LibraryCite(self, edition.key if edition else None, page, title, source, line,
                           written)

    def has_text(self, edition: fmt.EditionEntry | None) -> bool:
        return bool(edition.anchors if edition is not None else self.entry.anchors)

    def href(self, edition: fmt.EditionEntry | None = None, anchor: str = "") -> str:
        url = edition.url if edition is not None else self.entry.url
        return self.base + url + (f"#{anchor}" if anchor else "")


@dataclass(frozen=True)
class LibraryCite:
    """A citation into a library, as resolved: recorded for the inventory and the checks."""

    doc: LibraryDoc
    edition: str | None
    page: str
    title: str
    """The citing page's title."""
    source: str
    line: int
    written: str


@dataclass
class Libraries:
    documents: list[LibraryDoc] = field(default_factory=list)
    _keys: dict[str, list[LibraryDoc]] = field(default_factory=dict)
    _ids: dict[str, list[LibraryDoc]] = field(default_factory=dict)

    def add(self, site: SiteRef, base: str, inventory: fmt.Inventory) -> None:
        for entry in inventory.documents:
            doc = LibraryDoc(site.name, inventory.site.name, base, entry, _timeline(entry))
            self.documents.append(doc)
            self._ids.setdefault(entry.id, []).append(doc)
            self._ids.setdefault(f"{site.name}:{entry.id}", []).append(doc)
            for name in (entry.title, *entry.aliases):
                for key in _keys(name):
                    holders = self._keys.setdefault(key, [])
                    if doc not in holders:
                        holders.append(doc)

    def lookup(self, title: str) -> tuple[LibraryDoc, ...]:
        """The documents ``title`` names: none, one, or (ambiguous) several."""
        for key in _keys(title):
            holders = self._keys.get(key)
            if holders:
                return tuple(holders)
        return ()

    def target(self, name: str) -> tuple[LibraryDoc, ...]:
        """What an explicit link [[name]] means: an id (or 库名:id), else a title."""
        return tuple(self._ids.get(name, ())) or self.lookup(name)

    def suggest(self, title: str) -> tuple[LibraryDoc, ...]:
        names = {form_key(n): doc for doc in self.documents
                 for n in (doc.entry.title, *doc.entry.aliases)}
        close = difflib.get_close_matches(form_key(title), list(names), n=3, cutoff=0.6)
        return tuple(names[key] for key in close)


def _keys(name: str) -> Iterable[str]:
    # Tagged so that a loose key never meets an exact title that happens to equal it.
    return (f"1{name.strip()}", f"2{form_key(name)}", f"3{loose_key(name)}")


def _timeline(entry: fmt.Entry) -> Timeline | None:
    if not entry.editions:
        return None
    return Timeline.of([Edition(e.key, Dates(e.dates.adopted, e.dates.issued, e.dates.effective))
                        for e in entry.editions], entry.abolished)


def load(settings: Settings, diagnostics: Diagnostics) -> Libraries | None:
    """The libraries ``settings`` names, from their local copies; each that cannot be used
    is an error naming its file."""
    if not settings.group.libraries:
        return None
    libraries = Libraries()
    project = settings.project
    for index, site in enumerate(settings.group.libraries):
        path = site.copy_path(settings.data_dir, LIBRARIES_DIR)
        shown = project.shown(path)
        try:
            inventory = fmt.read(path)
        except fmt.InventoryError as exc:
            hint = f"；{REFRESH_HINT}" if not path.exists() else ""
            diagnostics.error(shown, 0, f"libraries.{index}",
                              f"法规库“{site.name}”的目录无法使用：{exc}{hint}")
            continue
        base = site.url or inventory.site.url
        if not base:
            diagnostics.error("mkdocs.yml", 0, f"libraries.{index}.url",
                              f"法规库“{site.name}”没有发布地址：请写明 url，"
                              "链接要指向它发布的页面")
            continue
        libraries.add(site, base if base.endswith("/") else base + "/", inventory)
    return libraries
