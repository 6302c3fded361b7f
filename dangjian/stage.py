"""Generate pages: write the staged Markdown tree that any Material-compatible engine renders.

The tree holds every authored page (documents get their title, card and anchors), every
generated page and the product's own assets. Files are written only when their bytes
change, so that a rebuild in ``serve`` touches nothing that did not change.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from . import cards, indexes, navigation
from .documents import Document
from .loader import Content
from .navigation import NavEntry
from .urls import Links

ASSET_DIR = "_dangjian"
"""Folder of the staged tree (and of the site) that holds the product's CSS and JS."""
STYLESHEETS = [f"{ASSET_DIR}/dangjian.css"]

GENERATED = {
    "workplans/index.md": indexes.workplans,
    "regulations/index.md": indexes.regulations,
    "publications/index.md": indexes.publications,
    "study/index.md": indexes.study,
    "tracks/index.md": indexes.tracks,
    "glossary/index.md": indexes.glossary,
}


@dataclass
class Staged:
    docs_dir: Path
    nav: list[NavEntry]
    pages: list[str] = field(default_factory=list)
    stylesheets: list[str] = field(default_factory=lambda: list(STYLESHEETS))


def stage(content: Content, target: Path, directory_urls: bool = True) -> Staged:
    target.mkdir(parents=True, exist_ok=True)
    writer = _Writer(target)
    authored = {page.page for page in content.pages}
    for page in content.pages:
        writer.text(page.page, _plain_page(page.body, page.meta.model_dump(exclude_none=True)))
    for doc in content.inventory.documents:
        writer.text(doc.page, document_page(doc, Links(doc.page, directory_urls)))
    for page, generate in GENERATED.items():
        if page not in authored:
            writer.text(page, generate(content.inventory, Links(page, directory_urls)))
    for source, relative in content.assets:
        writer.copy(source, relative)
    for name in ("dangjian.css",):
        writer.bytes(f"{ASSET_DIR}/{name}",
                     resources.files("dangjian.assets").joinpath(name).read_bytes())
    writer.remove_stale()
    nav = navigation.build(content.inventory, has_home="index.md" in authored)
    pages = sorted(p for p in writer.written if p.endswith(".md"))
    return Staged(target, nav, pages)


def document_page(doc: Document, links: Links) -> str:
    meta = {"title": doc.heading}
    parts = [f"# {doc.heading}", "", cards.card(doc), ""]
    if doc.kind.name == "workplan":
        parts += [indexes.plan_outline(doc, links), "", doc.structure.staged()]
    elif doc.kind.name == "regulation":
        parts.append(doc.structure.staged)
    else:
        parts.append(doc.body)
    return _front_matter(meta) + "\n".join(parts).rstrip() + "\n"


def _plain_page(body: str, meta: dict) -> str:
    return (_front_matter(meta) if meta else "") + body


# libyaml's emitter where it is installed: one dump per staged page adds up.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _front_matter(meta: dict) -> str:
    dumped = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False)
    return "---\n" + dumped + "---\n\n"


class _Writer:
    def __init__(self, root: Path):
        self.root = root
        self.written: set[str] = set()

    def bytes(self, relative: str, data: bytes) -> None:
        self.written.add(relative)
        path = self.root / relative
        if path.is_file() and path.read_bytes() == data:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    def text(self, relative: str, text: str) -> None:
        self.bytes(relative, text.encode("utf-8"))

    def copy(self, source: Path, relative: str) -> None:
        self.bytes(relative, source.read_bytes())

    def remove_stale(self) -> None:
        for path in sorted(self.root.rglob("*"), reverse=True):
            relative = path.relative_to(self.root).as_posix()
            if path.is_file() and relative not in self.written:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                shutil.rmtree(path)
