"""Editions of regulations: ``docs/regulations/<work>/<year>.md`` beside the work's own
``docs/regulations/<work>.md``.

The work file keeps what all editions share (title, aliases, category, tags, visibility,
an abolition date); each edition file holds one edition's text, dates and source. Once
every file is read, each edition becomes a document of its own (its page is
``regulations/<work>/<year>/``), the work takes the facts and the text of the edition in
force today, and every regulation's status is computed from its dates where they decide
it (see ``core.editions``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dangjian.core.diagnostics import Diagnostics
from dangjian.core.documents import Document, Inventory
from dangjian.core.editions import (
    KEY_PATTERN,
    Dates,
    Edition,
    Timeline,
    decide,
    default_label,
)
from dangjian.core.kinds import REGULATION
from dangjian.core.model import EditionMeta, RegulationMeta, Status
from dangjian.load.yamlsource import LineMap

WORK_ONLY_FIELDS = ("adopted", "issued", "effective", "number")
"""Facts of one edition: with edition files, they belong in those files."""


@dataclass
class EditionFile:
    """An edition file as read, before its work is known."""

    work_id: str
    key: str
    meta: EditionMeta
    source: str
    page: str
    body: str
    body_line: int
    lines: LineMap


def edition_of(relative: str) -> tuple[str, str] | None:
    """(work id, edition key) when the staged page ``relative`` is an edition file."""
    parts = relative.split("/")
    if len(parts) != 3 or parts[0] != REGULATION.folder or not parts[2].endswith(".md"):
        return None
    key = parts[2].removesuffix(".md")
    return (parts[1], key) if KEY_PATTERN.match(key) else None


def dates_of(meta: RegulationMeta | EditionMeta) -> Dates:
    return Dates(meta.adopted, meta.issued, meta.effective)


def attach(inventory: Inventory, files: list[EditionFile], today: dt.date,
           diagnostics: Diagnostics, parse: object) -> None:
    """Make each edition file a document of its work, then compute every status.

    ``parse(doc)`` gives a document its parsed body (the loader's, so that editions are
    read exactly like regulations).
    """
    by_work: dict[str, list[EditionFile]] = {}
    for file in files:
        by_work.setdefault(file.work_id, []).append(file)
    for work_id, found in sorted(by_work.items()):
        work = inventory.by_id.get(work_id)
        if work is None or work.kind is not REGULATION or work.is_edition:
            for file in found:
                diagnostics.error(file.source, 1, "path",
                                  f"版本文件须有对应的法规文件 docs/{REGULATION.folder}/"
                                  f"{work_id}.md（标题、简称、类别等写在那里）")
            continue
        _make_work(work, found, inventory, diagnostics, parse)
    for doc in inventory.of_kind(REGULATION):
        _decide_status(doc, today, diagnostics)


def _make_work(work: Document, files: list[EditionFile], inventory: Inventory,
               diagnostics: Diagnostics, parse: object) -> None:
    for name in WORK_ONLY_FIELDS:
        if getattr(work.meta, name) is not None:
            diagnostics.error(work.source, work.lines.line_of((name,)), name,
                              f"本法规有版本文件（docs/{REGULATION.folder}/{work.id}/），"
                              "日期和文号应写在各版本文件中")
    if work.structure is not None and work.structure.articles:
        diagnostics.error(work.source, work.body_line, "body",
                          f"本法规有版本文件（docs/{REGULATION.folder}/{work.id}/），"
                          "条文应放在各版本文件中；这里只写对整部法规的说明")
    editions = [Edition(file.key, dates_of(file.meta)) for file in files]
    timeline = Timeline.of(editions, work.meta.abolished)
    by_key = {file.key: file for file in files}
    work.timeline = timeline
    for edition in timeline.editions:
        file = by_key[edition.key]
        doc = _edition_document(work, file, edition)
        parse(doc)  # type: ignore[operator]
        inventory.add(doc, diagnostics)
        if doc.id in inventory.by_id and inventory.by_id[doc.id] is doc:
            work.editions.append(doc)


def _edition_document(work: Document, file: EditionFile, edition: Edition) -> Document:
    meta = file.meta
    last = work.meta.abolished is not None  # only the last edition's end is the abolition
    merged = work.meta.model_copy(update={
        "id": f"{work.id}-{file.key}",
        "title": meta.title or work.meta.title,
        "issuer": meta.issuer or work.meta.issuer,
        "number": meta.number,
        "adopted": meta.adopted, "issued": meta.issued, "effective": meta.effective,
        "status": meta.status, "coverage": meta.coverage, "source": meta.source,
        "note": meta.note, "summary": meta.summary,
        "supersedes": [], "superseded_by": None,
        "abolished": work.meta.abolished if last else None,
    })
    return Document(REGULATION, merged, file.source, 1, file.page, file.body, file.body_line,
                    file.lines, work=work, edition=edition,
                    edition_label=meta.edition or default_label(file.key))


def _decide_status(doc: Document, today: dt.date, diagnostics: Diagnostics) -> None:
    if doc.is_edition:
        return  # decided with its work, below
    meta: RegulationMeta = doc.meta
    hand_set = meta.status
    timeline = doc.timeline
    if timeline is None:
        timeline = Timeline.of([Edition("", dates_of(meta))], meta.abolished)
        verdict = timeline.status(timeline.editions[0], today)
    else:
        verdict = timeline.work_status(today)
        for edition_doc in doc.editions:
            assert edition_doc.edition is not None
            shown = decide(timeline.status(edition_doc.edition, today), edition_doc.meta.status)
            edition_doc.meta.status = shown or Status.UNVERIFIED
        _take_current(doc, today)
    shown = decide(verdict, hand_set)
    if hand_set is not None and verdict is not None and verdict.strong \
            and hand_set is not verdict.status:
        diagnostics.warning(doc.source, doc.lines.line_of(("status",)), "status",
                            f"写的是“{hand_set.value}”，按日期推算应为“{verdict.status.value}”；"
                            "页面按日期显示，请删去或改正 status")
    if shown is None:
        diagnostics.error(doc.source, doc.lines.line_of(("status",)), "status",
                          "日期不全，无法推算效力状态；请写明 status（如 现行有效、待核实），"
                          "或写明施行日期")
        shown = Status.UNVERIFIED
    doc.meta.status = shown


def current_edition(work: Document, today: dt.date) -> Document | None:
    """The edition of ``work`` a reader means today, or None for a work without editions."""
    if work.timeline is None or not work.editions:
        return None
    current = work.timeline.current(today)
    return next((doc for doc in work.editions if doc.edition == current), None)


def _take_current(work: Document, today: dt.date) -> None:
    """The work page shows the edition in force today: its facts and its text."""
    current = current_edition(work, today)
    if current is None:
        return
    meta = current.meta
    work.meta = work.meta.model_copy(update={
        "issuer": meta.issuer, "number": meta.number, "adopted": meta.adopted,
        "issued": meta.issued, "effective": meta.effective, "coverage": meta.coverage,
        "source": meta.source})
    work.structure = current.structure
