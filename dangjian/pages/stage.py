"""Generate pages: write the staged Markdown tree that any Material-compatible engine renders.

The tree holds every authored page (documents get their title, card and anchors), every
generated page and the product's own assets. Files are written only when their bytes
change, so that a rebuild in ``serve`` touches nothing that did not change.
"""

from __future__ import annotations

import functools
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from dangjian.core import ui
from dangjian.core.documents import Document, Inventory
from dangjian.core.kinds import KINDS, REGULATION, WORKPLAN
from dangjian.core.stop import Stop, check, never
from dangjian.core.urls import Links
from dangjian.load.editions import current_edition
from dangjian.load.loader import Content, Page
from dangjian.pages import (
    banner,
    cards,
    comparison_pages,
    edition_pages,
    glossary_page,
    indexes,
    navigation,
    page_functions,
    paper,
    plan_pages,
    search_fields,
    search_page,
    selfcheck,
    tooltips,
    track_pages,
    tracking_pages,
    updates_page,
)
from dangjian.pages.navigation import NavEntry
from dangjian.refs import backlinks, linking, references
from dangjian.refs.references import References
from dangjian.text import script
from dangjian.text.escape import html_text, markdown_text

ASSET_DIR = "_dangjian"
"""Folder of the staged tree (and of the site) that holds the product's CSS and JS."""
STYLESHEETS = [f"{ASSET_DIR}/dangjian.css", f"{ASSET_DIR}/learning.css",
               f"{ASSET_DIR}/search.css", f"{ASSET_DIR}/elder.css", f"{ASSET_DIR}/print.css"]
UI_SCRIPT = "ui.js"
"""``window.dangjianUI``, the interface's words (dangjian/core/ui.py): loaded first."""
SCRIPTS = [f"{ASSET_DIR}/{UI_SCRIPT}", f"{ASSET_DIR}/store.js",
           f"{ASSET_DIR}/{track_pages.DATA_SCRIPT}", f"{ASSET_DIR}/tracks.js",
           f"{ASSET_DIR}/selfcheck.js", f"{ASSET_DIR}/copylink.js", f"{ASSET_DIR}/regindex.js",
           f"{ASSET_DIR}/card.js", f"{ASSET_DIR}/glossary.js", f"{ASSET_DIR}/print.js"]
OFFLINE_SCRIPTS = [f"{ASSET_DIR}/{script.FOLD_SCRIPT}", f"{ASSET_DIR}/search-rank.js",
                   f"{ASSET_DIR}/offline-search.js"]
TEMPLATE_SCRIPTS = [f"{ASSET_DIR}/search.js", f"{ASSET_DIR}/elder.js"]
"""Loaded by dangjian/theme/main.html, not through MkDocs: search.js as an ES module,
online only; elder.js in the head, before the page is drawn."""
ASSETS = tuple(path.removeprefix(f"{ASSET_DIR}/")
               for path in (*STYLESHEETS, *SCRIPTS, *OFFLINE_SCRIPTS, *TEMPLATE_SCRIPTS)
               if not path.endswith((track_pages.DATA_SCRIPT, UI_SCRIPT, script.FOLD_SCRIPT)))
"""Files of dangjian/assets copied into every staged tree; the track data, the
interface's words and the script-folding table are generated."""

SEARCH_PAGE = "search/index.md"
GENERATED = {
    "workplans/index.md": indexes.workplans,
    "regulations/index.md": indexes.regulations,
    "publications/index.md": indexes.publications,
    "study/index.md": indexes.study,
}
TAKEN_FOLDERS = frozenset({*(kind.folder for kind in KINDS), "search", "tracks", "glossary",
                           "updates", ASSET_DIR})
"""Folders whose pages the navigation lists already; any other folder of plain pages with
an index.md becomes a tab of its own."""


@dataclass
class Staged:
    docs_dir: Path
    nav: list[NavEntry]
    pages: list[str] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    """Staged page → the source file it was made from (authored pages and documents)."""
    authored: frozenset[str] = frozenset()
    """Plain pages, whose front matter may hold Material's keys (icon, status …) that
    the navigation shows; every other page's front matter is the product's own."""
    stylesheets: list[str] = field(default_factory=lambda: list(STYLESHEETS))
    scripts: list[str] = field(default_factory=lambda: list(SCRIPTS))
    writer: _Writer | None = field(default=None, repr=False, compare=False)
    """Holds a deferred staging's files until ``write``."""

    def put(self, relative: str, text: str) -> None:
        """A file added to the tree after staging (a portal's list of sites), written
        with the rest of a deferred staging."""
        (self.writer or _Writer(self.docs_dir)).text(relative, text)

    def write(self) -> list[str]:
        """Put a deferred staging's files in place (only those whose bytes change); the
        staged paths written or removed."""
        writer, self.writer = self.writer, None
        return writer.flush() if writer is not None else []


def stage(content: Content, target: Path, directory_urls: bool = True,
          refs: References | None = None, offline: bool = False, pdf: bool = False,
          updates: updates_page.Updates | None = None, deferred: bool = False,
          stop: Stop = never) -> Staged:
    """``offline``: the ``file://`` variant, which has no Pagefind search page; ``pdf``:
    the build attaches PDFs, which the document pages link to; ``updates``: the recorded
    releases for the 本站更新 page, and what a bundle says of itself on its home page;
    ``deferred``: nothing is written until ``Staged.write``; ``stop``: asked between
    documents (raises ``Stopped``)."""
    if refs is None:
        refs, _ = references.resolve(content)
    target.mkdir(parents=True, exist_ok=True)
    writer = _Writer(target, deferred)
    authored = {page.page for page in content.pages}
    documents = DocumentPages(content, refs, directory_urls, pdf)
    sections = plain_sections(content)
    section_of = {page: title for title, pages in sections for page in pages}
    sources: dict[str, str] = {}
    updates = updates or updates_page.Updates()
    shown = updates_page.shown_in(content.inventory, content.hidden)
    for plain in content.pages:
        edition = updates.edition if plain.page == updates_page.HOME else None
        home = None if edition is None else functools.partial(
            updates_page.on_home, edition=edition, shown=shown)
        writer.text(plain.page, documents.plain(plain, section_of.get(plain.page), home))
        sources[plain.page] = plain.source
    for doc in content.inventory.documents:
        check(stop)
        writer.text(doc.page, documents.text(doc))
        sources[doc.page] = doc.source
    generated = {page: generate(content.inventory, Links(page, directory_urls))
                 for page, generate in GENERATED.items()}
    if not offline:
        generated[SEARCH_PAGE] = search_page.page()
    generated[updates_page.PAGE] = updates_page.page(
        updates, shown, Links(updates_page.PAGE, directory_urls))
    generated |= {page: make(Links(page, directory_urls))
                  for page, make in tracking_pages.pages(content.tracking).items()}
    generated |= {page: make(Links(page, directory_urls))
                  for page, make in comparison_pages.pages(content.inventory, refs).items()}
    generated |= _track_pages(content, directory_urls)
    glossary_type = ui.text("kind.glossary")
    glossary_pages = glossary_page.pages(content.glossary, directory_urls)
    generated |= {page: search_fields.index_as(text, glossary_type) if content.glossary.terms
                  else text for page, text in glossary_pages.items()}
    for page, text in generated.items():
        if page not in authored:
            writer.text(page, text)
    for source, relative in content.assets:
        writer.copy(source, relative)
    for name in ASSETS:
        writer.bytes(f"{ASSET_DIR}/{name}",
                     resources.files("dangjian.assets").joinpath(name).read_bytes())
    writer.text(f"{ASSET_DIR}/{track_pages.DATA_SCRIPT}",
                track_pages.data_script(content.tracks, directory_urls))
    writer.text(f"{ASSET_DIR}/{UI_SCRIPT}", ui.script())
    writer.text(f"{ASSET_DIR}/{script.FOLD_SCRIPT}", script.fold_script())
    writer.remove_stale()
    nav = navigation.build(content.inventory, has_home="index.md" in authored,
                           progress=tracking_pages.nav(content.tracking),
                           tracks=[(track.title, track.page) for track in content.tracks],
                           sections=sections, updates=updates_page.PAGE)
    pages = sorted(p for p in writer.written if p.endswith(".md"))
    return Staged(target, nav, pages, sources, frozenset(authored),
                  writer=writer if deferred else None)


class DocumentPages:
    """The staged text of documents' pages, with what they share made once."""

    def __init__(self, content: Content, refs: References, directory_urls: bool, pdf: bool):
        self.refs = refs
        self.directory_urls = directory_urls
        self.pdf = pdf
        self.terms = content.glossary.tooltips
        self.plans = plan_pages.PlanView(content.tracking, plan_pages.cited_in(refs),
                                         plan_pages.served_by_tracks(content.tracks))
        self.functions = page_functions.PageFunctions(content.inventory)

    def text(self, doc: Document) -> str:
        links = Links(doc.page, self.directory_urls)
        text = document_page(doc, links, self.refs, self.plans, self.functions, self.pdf)
        return self.functions.expand(tooltips.annotate(text, self.terms), links)

    def plain(self, plain: Page, section: str | None,
              home: Callable[..., str] | None = None) -> str:
        """A plain page, searched as ``section`` when it belongs to one; ``home`` adds
        what a bundle says of itself to the home page."""
        links = Links(plain.page, self.directory_urls)
        body = linking.render(self.functions.mark(plain.body), self.refs, plain.page, links)
        if home is not None:
            body = home(body, links=links)
        text = _plain_page(body, page_meta(plain.meta.model_dump(exclude_none=True)))
        if section is not None:
            text = search_fields.index_as(text, section)
        return self.functions.expand(tooltips.annotate(text, self.terms), links)


def plain_sections(content: Content) -> list[tuple[str, list[str]]]:
    """Folders of plain pages with an index page (使用帮助): each is a tab of the
    navigation, and searched as a type of its own."""
    return navigation.plain_sections(
        [(page.page, page.meta.title, page.body) for page in content.pages], TAKEN_FOLDERS)


def restage(content: Content, refs: References, docs: list[Document | Page], target: Path,
            directory_urls: bool = True, pdf: bool = False, tracks: bool = False
            ) -> list[str]:
    """Write the pages of ``docs`` (documents or plain pages other than the home page;
    with ``tracks``, the tracks' pages too) again into the staged tree at ``target``, as
    ``stage`` writes them; return those whose bytes changed. What a preview does after an
    edit that changed nothing else any other page shows of them."""
    documents = DocumentPages(content, refs, directory_urls, pdf)
    writer = _Writer(target)
    section_of = {page: title for title, pages in plain_sections(content) for page in pages}
    texts = {doc.page: documents.plain(doc, section_of.get(doc.page))
             if isinstance(doc, Page) else documents.text(doc) for doc in docs}
    if tracks:
        authored = {page.page for page in content.pages}
        texts |= {page: text for page, text in _track_pages(content, directory_urls).items()
                  if page not in authored}
    return [page for page, text in texts.items() if writer.text(page, text)]


def _track_pages(content: Content, directory_urls: bool) -> dict[str, str]:
    """The tracks' pages, each searched as a track, and their overview."""
    return {page: text if page == track_pages.INDEX
            else search_fields.index_as(text, ui.text("kind.track"))
            for page, text in track_pages.pages(content.tracks, directory_urls).items()}


def document_page(doc: Document, links: Links, refs: References,
                  plans: plan_pages.PlanView | None = None,
                  functions: page_functions.PageFunctions | None = None,
                  pdf: bool = False) -> str:
    """The staged page of ``doc``; ``functions`` marks the page-function calls of its
    body (expanded by the caller once the page is complete)."""
    functions = functions or page_functions.PageFunctions(Inventory())
    # MkDocs and Material print the front-matter title as HTML (<title>, header); the
    # h1 is Markdown.
    meta = {"title": html_text(doc.heading),
            search_fields.BODY_KEY: not _shown_by_work(doc, refs)}
    fields = search_fields.fields_of(doc)
    tail = outline = ""
    if doc.kind is WORKPLAN and plans is not None:
        body = plans.body(replace(doc, structure=functions.mark_plan(doc.structure)), links)
    elif doc.kind is WORKPLAN:
        outline = indexes.plan_outline(doc, links)
        body = functions.mark(doc.structure.staged())
    elif doc.kind is REGULATION:
        body = functions.mark(doc.structure.staged)
    else:
        body, tail = functions.mark(doc.body), selfcheck.section(doc)
    body = linking.render(body, refs, doc.page, links)
    if fields.folded:
        body, fields.folded = search_fields.fold_sections(doc.title, body)
    parts = [f"# {markdown_text(doc.heading)}", "", banner.status_banner(doc, refs.by_id, links),
             edition_pages.banner(doc, links, refs.today),
             cards.card(doc, links, functions.inventory), "",
             edition_pages.history(doc, links, refs.today), "",
             paper.head(doc, links.directory_urls, pdf), "",
             fields.html(), "", *([outline, ""] if outline else []),
             body, "", tail, backlinks.section(doc, refs, links)]
    return _front_matter(meta) + "\n".join(parts).rstrip() + "\n"


def _shown_by_work(doc: Document, refs: References) -> bool:
    """The edition in force is read, and found by search, on its work's page."""
    return doc.work is not None and current_edition(doc.work, refs.today) is doc


def _plain_page(body: str, meta: dict) -> str:
    return (_front_matter(meta) if meta else "") + body


def page_meta(value: Any) -> Any:
    """A plain page's front matter with every text made HTML text: Material prints
    ``title``, ``description`` and the like into the page unescaped."""
    if isinstance(value, str):
        return html_text(value)
    if isinstance(value, dict):
        return {key: page_meta(item) for key, item in value.items()}
    if isinstance(value, list):
        return [page_meta(item) for item in value]
    return value


# libyaml's emitter where it is installed: one dump per staged page adds up.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _front_matter(meta: dict) -> str:
    dumped = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False)
    return "---\n" + dumped + "---\n\n"


class _Writer:
    """Writes the staged tree, each file only when its bytes change. ``deferred``: keeps
    them until ``flush``, so that the tree can be made while the last one is in use."""

    def __init__(self, root: Path, deferred: bool = False):
        self.root = root
        self.written: set[str] = set()
        self.pending: dict[str, bytes] | None = {} if deferred else None
        self._stale = False

    def bytes(self, relative: str, data: bytes) -> bool:
        """True when the file was written (its bytes were new), or is to be written."""
        self.written.add(relative)
        if self.pending is not None:
            self.pending[relative] = data
            return True
        path = self.root / relative
        if path.is_file() and path.read_bytes() == data:
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return True

    def text(self, relative: str, text: str) -> bool:
        return self.bytes(relative, text.encode("utf-8"))

    def copy(self, source: Path, relative: str) -> None:
        self.bytes(relative, source.read_bytes())

    def remove_stale(self) -> list[str]:
        """Remove the files not written this time; their paths."""
        if self.pending is not None:
            self._stale = True
            return []
        removed = []
        for path in sorted(self.root.rglob("*"), reverse=True):
            relative = path.relative_to(self.root).as_posix()
            if path.is_file() and relative not in self.written:
                path.unlink()
                removed.append(relative)
            elif path.is_dir() and not any(path.iterdir()):
                shutil.rmtree(path)
        return removed

    def flush(self) -> list[str]:
        """Write what was kept; the paths written (their bytes changed) or removed."""
        pending, self.pending = self.pending, None
        changed = [relative for relative, data in (pending or {}).items()
                   if self.bytes(relative, data)]
        return changed + (self.remove_stale() if self._stale else [])
