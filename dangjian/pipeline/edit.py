"""A preview's quick path: an edit to the text of documents (or of plain pages, such as
the 使用帮助 guide's) that no other page shows.

Most edits while writing change the words of an article or a paragraph: the page of the
document changes, and nothing another page shows of it does — its title and front matter,
its chapters and articles (what links, tracks and the glossary point at), what it cites
and in which sentence (the backlinks of what it cites), the files it uses. Such an edit is
read again from that file alone, checked as the full preparation checks it, and put into
the prepared site in place of what was there; only its page is staged again, with the
tracks' pages when it now gives them more or less to read. Anything else returns None,
and the caller prepares and stages the whole project.

What the full preparation adds on top (the release manifest, 本站更新, the search index)
is brought up to date by the preview later, with the next full staging.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from dangjian.core.diagnostics import ContentError, Diagnostics
from dangjian.core.documents import Document
from dangjian.core.kinds import REGULATION, STUDY, WORKPLAN
from dangjian.load import assets, glossary, loader, tracks, wording
from dangjian.load.loader import Content, Page
from dangjian.pages import cards, stage
from dangjian.pipeline.prepare import Prepared
from dangjian.refs import references
from dangjian.refs.references import Reference
from dangjian.text import passages

_REPLACED = ("meta", "line", "body", "body_line", "lines", "structure")
"""What a document read again brings: the rest (its place among works, editions) is
the same for a document this path takes."""

_REPLACED_PLAIN = ("meta", "body", "body_line")

Edited = Document | Page
"""A document, or a plain page (使用帮助 …)."""


def apply(prepared: Prepared, staging: Path, sources: list[str],
          directory_urls: bool) -> list[str] | None:
    """Take the edit of ``sources`` (project paths) into ``prepared`` and its staged tree
    at ``staging``; return the staged pages rewritten, or None when the edit reaches
    further than those files' own pages (``prepared`` is then untouched).
    Raises ContentError when an edited file has problems that fail the build."""
    content = prepared.content
    by_source: dict[str, Edited] = {page.source: page for page in content.pages}
    by_source |= {doc.source: doc for doc in content.inventory.documents}
    edited = [by_source.get(source) for source in sources]
    if not edited or any(item is None or not _takes(item) for item in edited):
        return None
    diagnostics = Diagnostics()
    fresh: list[tuple[Edited, Edited, list[Reference]]] = []
    lengthened = False
    """Whether a track gives more or less to read now: its pages are staged again."""
    for item in edited:
        assert item is not None
        read = _read(prepared, item, diagnostics)
        if read is None:
            _refuse_if_failed(prepared, diagnostics)  # a refused file, without the wait
            return None
        cited, problems = references.cite_one(read, prepared.refs)
        diagnostics.extend(problems)
        if cited.library_items or _face(item, read, cited.items, content) != _face(
                item, item, _owned(prepared, item), content):
            return None
        if isinstance(item, Document) and isinstance(read, Document):
            lengthened |= _lengths(item, read, content) != _lengths(item, item, content)
        fresh.append((item, read, cited.items))
    _refuse_if_failed(prepared, diagnostics)
    for item, read, items in fresh:
        _put(prepared, item, read, items)
    _keep_problems(prepared, [item.source for item, _, _ in fresh], diagnostics)
    return stage.restage(content, prepared.refs, [item for item, _, _ in fresh], staging,
                         directory_urls, tracks=lengthened)


def _takes(item: Edited) -> bool:
    """Files whose text shows on their own page only. A work plan's items are tracked,
    listed and cited elsewhere; editions are compared with each other; an index page
    orders its section in the navigation (the home page is one too)."""
    if isinstance(item, Page):
        return item.source.endswith(".md") and not item.page.endswith("index.md")
    return (item.source.endswith(".md") and item.kind is not WORKPLAN
            and not item.is_edition and not item.editions)


def _read(prepared: Prepared, item: Edited, diagnostics: Diagnostics) -> Edited | None:
    project = prepared.settings.project
    path = project.root / item.source
    if not path.is_file():
        return None
    content = loader.load_file(project, path, prepared.content.today, diagnostics)
    wording.check(project, prepared.content.glossary, diagnostics, [path])
    if content.edition_files:
        return None
    found: list[Edited] = [*content.inventory.documents, *content.pages]
    if len(found) != 1 or type(found[0]) is not type(item) or found[0].page != item.page:
        return None
    read = found[0]
    if isinstance(read, Document) and isinstance(item, Document) and (
            read.id != item.id or read.kind is not item.kind):
        return None
    if read.body and "{" in read.body:
        loader.check_calls([(read.source, read.body, read.body_line)],
                           prepared.content.inventory, diagnostics)
    return read


def _owned(prepared: Prepared, item: Edited) -> list[Reference]:
    """The resolved references made from ``item``'s text (a plain page owns none by
    object: its references are those of its page without an owner)."""
    if isinstance(item, Page):
        return [ref for ref in prepared.refs.items
                if ref.owner is None and ref.page == item.page]
    return [ref for ref in prepared.refs.items if ref.owner is item]


def _face(holder: Edited, item: Edited, cites: list[Reference],
          content: Content) -> tuple[Any, ...]:
    """All that pages other than its own and the tracks' show of ``holder`` when its text
    is ``item``'s: front matter, divisions, files used, what it cites where, its card's
    reading time; whether the glossary's quotations of it still stand."""
    shared = (item.meta.model_dump(), sorted(assets.used_by(item.page, item.body)),
              [(ref.target.id, ref.page, ref.title, ref.anchor, ref.label, ref.context)
               for ref in cites])
    if not isinstance(item, Document):
        return shared
    body = item.structure if item.kind is REGULATION else None
    outline = [] if body is None else [
        (d.unit, d.number, d.label, d.anchor)
        for d in [*body.parts, *body.chapters, *body.sections, *body.articles]]
    steps = [(track.id, step.number, passages.has_text(item))
             for track in content.tracks for step in track.steps if step.doc is holder]
    quotes = [glossary.quote_holds(term, item) for term in content.glossary.terms
              if term.doc is holder]
    # A study material's card (shown by metadata_card on any page) gives its reading time.
    minutes = cards.reading_minutes(item) if item.kind is STUDY else 0
    return (*shared, item.heading, outline, minutes, steps, quotes)


def _lengths(holder: Document, doc: Document, content: Content) -> list[int]:
    """字 of what each track step on ``holder`` gives to read, in ``doc``'s text."""
    return [tracks.step_characters(doc, step.anchors)
            for track in content.tracks for step in track.steps if step.doc is holder]


def _refuse_if_failed(prepared: Prepared, diagnostics: Diagnostics) -> None:
    if diagnostics.errors or (prepared.strict and diagnostics.warnings):
        raise ContentError(diagnostics.errors + diagnostics.warnings)


def _put(prepared: Prepared, item: Edited, read: Edited, cites: list[Reference]) -> None:
    """``read`` becomes ``item`` (the same object, which the site's indexes, tracks and
    references hold), with its citations where ``resolve`` puts them."""
    for name in _REPLACED if isinstance(item, Document) else _REPLACED_PLAIN:
        setattr(item, name, getattr(read, name))
    refs = prepared.refs
    owned = {id(ref) for ref in _owned(prepared, item)}
    at = next((i for i, ref in enumerate(refs.items) if id(ref) in owned), len(refs.items))
    kept = [ref for ref in refs.items if id(ref) not in owned]
    placed = [replace(ref, owner=item) if isinstance(item, Document) else ref
              for ref in cites]
    refs.items = kept[:at] + placed + kept[at:]
    refs.__dict__.pop("_by_target", None)  # a cached_property over ``items``
    for track in prepared.content.tracks:
        for step in track.steps:
            if step.doc is item:
                step.chars = tracks.step_characters(item, step.anchors)


def _keep_problems(prepared: Prepared, sources: list[str], found: Diagnostics) -> None:
    """The edited files' warnings replace those they had."""
    diagnostics = prepared.diagnostics
    diagnostics.items = [d for d in diagnostics.items if d.path not in sources]
    diagnostics.extend(found)
