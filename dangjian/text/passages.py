"""The text a reader reads: of a whole document, or of some of its chapters, articles or
work-plan items.

What the site adds around a document's text (its “节选” and “未收录” notes, headings'
attribute lists, HTML) is not the document's text, so it is left out: reading times
count what a reader of the document reads, and glossary quotes must come from the
document itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from dangjian.core.documents import Document
from dangjian.core.kinds import REGULATION, WORKPLAN
from dangjian.core.model import TextCoverage
from dangjian.text.regtext import Division

_ADMONITION = re.compile(r"^(!!!|\?\?\?\+?)\s")
_HTML_TAG = re.compile(r"<[^<>]*>")
_ATTR_LIST = re.compile(r"[ \t]*\{[:#.][^{}]*\}[ \t]*$")
_HEADING_MARK = re.compile(r"^#{1,6}[ \t]+")


def has_text(doc: Document) -> bool:
    """Whether the site holds any of the document's text."""
    return getattr(doc.meta, "coverage", TextCoverage.FULL) is not TextCoverage.NONE


def text_of(doc: Document, anchors: Sequence[str] = ()) -> str:
    """The document's own text, or that of the divisions or items named by ``anchors``.

    Anchors are article or chapter anchors of a regulation (第六条, 第一章) and item or
    section ids of a work plan (2020-4-3); unknown anchors contribute nothing (callers
    validate them first).
    """
    if not has_text(doc):
        return ""
    if doc.kind is WORKPLAN:
        return _plan_text(doc, anchors)
    if anchors and doc.kind is REGULATION:
        lines = doc.body.split("\n")
        return "\n".join(clean("\n".join(lines[start:end]))
                         for start, end in _spans(doc, anchors))
    return clean(doc.body)


def clean(markdown: str) -> str:
    """Markdown as the words a reader reads: no site notes, markup or attribute lists."""
    kept: list[str] = []
    in_note = False
    for line in markdown.split("\n"):
        if _ADMONITION.match(line):
            in_note = True
            continue
        if in_note and (not line.strip() or line.startswith(("    ", "\t"))):
            continue
        in_note = False
        line = _ATTR_LIST.sub("", _HEADING_MARK.sub("", line))
        kept.append(_HTML_TAG.sub("", line))
    return "\n".join(kept).strip()


def _spans(doc: Document, anchors: Sequence[str]) -> list[tuple[int, int]]:
    """Body line ranges [start, end) of the named chapters and articles, in text order."""
    body = doc.structure
    first = doc.body_line
    lines = doc.body.split("\n")
    end_of_body = len(lines)
    # In an excerpt a note (“未收录 …”) marks a gap: what follows it is not the same article.
    notes = [index for index, line in enumerate(lines) if _ADMONITION.match(line)]
    starts = sorted([*(d.line - first for d in [*body.chapters, *body.articles]), *notes])
    chapter_starts = sorted([*(d.line - first for d in body.chapters), *notes])

    def end(division: Division, following: list[int]) -> int:
        start = division.line - first
        return next((line for line in following if line > start), end_of_body)

    wanted = set(anchors)
    spans = [(d.line - first, end(d, chapter_starts)) for d in body.chapters
             if d.anchor in wanted]
    spans += [(d.line - first, end(d, starts)) for d in body.articles if d.anchor in wanted]
    return sorted(set(spans))


def _plan_text(doc: Document, anchors: Sequence[str]) -> str:
    plan = doc.structure
    if not anchors:
        return clean(doc.body)
    wanted = set(anchors)
    parts: list[str] = []
    for section in plan.sections:
        whole = section.id in wanted
        if whole:
            parts += [section.title, section.intro]
        for item in section.items:
            if whole or item.id in wanted:
                parts += [item.marker + item.heading, item.text]
    return clean("\n".join(parts))
