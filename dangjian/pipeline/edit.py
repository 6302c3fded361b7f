"""A preview's quick path: an edit to the text of documents that no other page shows.

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
from dangjian.load import assets, glossary, loader, wording
from dangjian.load.loader import Content
from dangjian.pages import stage
from dangjian.pipeline.prepare import Prepared
from dangjian.refs import references
from dangjian.refs.references import Reference
from dangjian.text import passages, reading_time

_REPLACED = ("meta", "line", "body", "body_line", "lines", "structure")
"""What a document read again brings: the rest (its place among works, editions) is
the same for a document this path takes."""


def apply(prepared: Prepared, staging: Path, sources: list[str],
          directory_urls: bool) -> list[str] | None:
    """Take the edit of ``sources`` (project paths) into ``prepared`` and its staged tree
    at ``staging``; return the staged pages rewritten, or None when the edit reaches
    further than those documents' own pages (``prepared`` is then untouched).
    Raises ContentError when an edited file has problems that fail the build."""
    by_source = {doc.source: doc for doc in prepared.content.inventory.documents}
    edited = [by_source.get(source) for source in sources]
    if not edited or any(doc is None or not _takes(doc) for doc in edited):
        return None
    diagnostics = Diagnostics()
    fresh: list[tuple[Document, Document, list[Reference]]] = []
    lengthened = False
    """Whether a track gives more or less to read now: its pages are staged again."""
    for doc in edited:
        assert doc is not None
        read = _read(prepared, doc, diagnostics)
        if read is None:
            _refuse_if_failed(prepared, diagnostics)  # a refused file, without the wait
            return None
        cited, problems = references.cite_one(read, prepared.refs)
        diagnostics.extend(problems)
        content = prepared.content
        if cited.library_items or _face(doc, read, cited.items, content) != _face(
                doc, doc, [ref for ref in prepared.refs.items if ref.owner is doc], content):
            return None
        lengthened |= _lengths(doc, read, content) != _lengths(doc, doc, content)
        fresh.append((doc, read, cited.items))
    _refuse_if_failed(prepared, diagnostics)
    for doc, read, items in fresh:
        _put(prepared, doc, read, items)
    _keep_problems(prepared, [doc.source for doc, _, _ in fresh], diagnostics)
    return stage.restage(prepared.content, prepared.refs, [doc for doc, _, _ in fresh],
                         staging, directory_urls, tracks=lengthened)


def _takes(doc: Document) -> bool:
    """Documents whose text shows on their own page only. A work plan's items are
    tracked, listed and cited elsewhere; editions are compared with each other."""
    return (doc.source.endswith(".md") and doc.kind is not WORKPLAN and not doc.is_edition
            and not doc.editions)


def _read(prepared: Prepared, doc: Document, diagnostics: Diagnostics) -> Document | None:
    project = prepared.settings.project
    path = project.root / doc.source
    if not path.is_file():
        return None
    content = loader.load_file(project, path, prepared.content.today, diagnostics)
    wording.check(project, prepared.content.glossary, diagnostics, [path])
    documents = content.inventory.documents
    if len(documents) != 1 or content.pages or content.edition_files:
        return None
    read = documents[0]
    if read.id != doc.id or read.page != doc.page or read.kind is not doc.kind:
        return None
    if read.body and "{" in read.body:
        loader.check_calls([(read.source, read.body, read.body_line)],
                           prepared.content.inventory, diagnostics)
    return read


def _face(holder: Document, doc: Document, cites: list[Reference],
          content: Content) -> tuple[Any, ...]:
    """All that pages other than its own and the tracks' show of ``holder`` when its text
    is ``doc``'s: front matter, divisions, files used, what it cites where, its card's
    reading time; whether the glossary's quotations of it still stand."""
    body = doc.structure if doc.kind is REGULATION else None
    outline = [] if body is None else [
        (d.unit, d.number, d.label, d.anchor)
        for d in [*body.parts, *body.chapters, *body.sections, *body.articles]]
    steps = [(track.id, step.number, passages.has_text(doc))
             for track in content.tracks for step in track.steps if step.doc is holder]
    quotes = [glossary.quote_holds(term, doc) for term in content.glossary.terms
              if term.doc is holder]
    # A study material's card (shown by metadata_card on any page) gives its reading time.
    minutes = reading_time.minutes(reading_time.characters(passages.text_of(doc))) \
        if doc.kind is STUDY else 0
    return (doc.meta.model_dump(), doc.heading, outline, minutes,
            sorted(assets.used_by(doc.page, doc.body)),
            [(ref.target.id, ref.page, ref.title, ref.anchor, ref.label, ref.context)
             for ref in cites], steps, quotes)


def _lengths(holder: Document, doc: Document, content: Content) -> list[int]:
    """字 of what each track step on ``holder`` gives to read, in ``doc``'s text."""
    return [reading_time.characters(passages.text_of(doc, step.anchors))
            for track in content.tracks for step in track.steps if step.doc is holder]


def _refuse_if_failed(prepared: Prepared, diagnostics: Diagnostics) -> None:
    if diagnostics.errors or (prepared.strict and diagnostics.warnings):
        raise ContentError(diagnostics.errors + diagnostics.warnings)


def _put(prepared: Prepared, doc: Document, read: Document, cites: list[Reference]) -> None:
    """``read`` becomes ``doc`` (the same object, which the site's indexes, tracks and
    references hold), with its citations where ``resolve`` puts them."""
    for name in _REPLACED:
        setattr(doc, name, getattr(read, name))
    refs = prepared.refs
    at = next((i for i, ref in enumerate(refs.items) if ref.owner is doc), len(refs.items))
    kept = [ref for ref in refs.items if ref.owner is not doc]
    refs.items = kept[:at] + [replace(ref, owner=doc) for ref in cites] + kept[at:]
    refs.__dict__.pop("_by_target", None)  # a cached_property over ``items``
    for track in prepared.content.tracks:
        for step in track.steps:
            if step.doc is doc:
                step.chars = reading_time.characters(passages.text_of(doc, step.anchors))


def _keep_problems(prepared: Prepared, sources: list[str], found: Diagnostics) -> None:
    """The edited files' warnings replace those they had."""
    diagnostics = prepared.diagnostics
    diagnostics.items = [d for d in diagnostics.items if d.path not in sources]
    diagnostics.extend(found)
