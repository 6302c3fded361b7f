"""Anchors inside a document: its articles and chapters, or its work items.

Articles are found by number, not by spelling, so that 第10条 and 第十条 land on the
same heading whatever numerals the regulation's text uses.
"""

from __future__ import annotations

import re

from dangjian.core.documents import Document
from dangjian.core.kinds import REGULATION, WORKPLAN
from dangjian.text import numerals

_DIVISION = re.compile(rf"^第([{numerals.NUMERAL_CHARS}]+|[0-9]+)(条|章)$")


def division_anchor(doc: Document, unit: str, number: int) -> str | None:
    """Anchor of 第<number><unit> in a regulation's text, if the site holds it."""
    body = doc.structure if doc.kind is REGULATION else None
    if body is None:
        return None
    divisions = body.articles if unit == "条" else body.chapters
    return next((d.anchor for d in divisions if d.number == number), None)


def division_of(name: str) -> tuple[str, int] | None:
    """(unit, number) of a division named 第十条, 第10条 or 第一章; None for other names,
    and (unit, 0) for a division whose number cannot be read."""
    match = _DIVISION.match(name)
    if match is None:
        return None
    return match.group(2), numerals.to_int(match.group(1)) or 0


def named_anchor(doc: Document, name: str) -> str | None:
    """The anchor an author means by ``name``: 第十条, 第10条, 第一章, 2020-1-1 …"""
    division = division_of(name)
    if division is not None:
        unit, number = division
        return division_anchor(doc, unit, number) if number else None
    return name if name in anchors_of(doc) else None


def anchors_of(doc: Document) -> set[str]:
    structure = doc.structure
    if structure is None:
        return set()
    if doc.kind is WORKPLAN:
        return {s.id for s in structure.sections} | {i.id for i in structure.items}
    return structure.anchors


def _marks(doc: Document) -> list[tuple[int, str, str]]:
    """(line, anchor, label) of every item and section, or article and chapter."""
    structure = doc.structure
    if structure is None:
        return []
    if doc.kind is WORKPLAN:
        marks = [(s.line, s.id, f"{s.marker}、{s.title}") for s in structure.sections]
        marks += [(i.line, i.id, f"{i.marker}{i.title}") for i in structure.items]
    else:
        marks = [(d.line, d.anchor, d.label) for d in [*structure.chapters, *structure.articles]]
    return sorted(marks)


def place_of(doc: Document, line: int) -> tuple[str, str]:
    """Anchor and label of the item or article that holds file line ``line``."""
    held = [mark for mark in _marks(doc) if mark[0] <= line]
    return (held[-1][1], held[-1][2]) if held else ("", "")


def label_of(doc: Document, anchor: str) -> str:
    """How a reader names the place ``anchor``: 第十条, or 一是坚持…"""
    return next((label for _, name, label in _marks(doc) if name == anchor), anchor)


def link_text(doc: Document, anchor: str) -> str:
    """What an explicit link shows when its author gave no text."""
    if not anchor:
        return doc.display_title
    if doc.kind is WORKPLAN:
        return label_of(doc, anchor)
    return f"{doc.display_title}{label_of(doc, anchor)}"
