"""新旧条文对照 pages: for each two consecutive editions of a regulation that both hold
their text, a table aligning every article (and 总纲 paragraph) of the older with its
counterpart in the newer, with what changed marked character by character.

The page is generated, printable and in the bundle; each row has an anchor (第十条 for
a row of the newer edition, 原第九条 for an article the newer edition deleted).
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup, escape

from dangjian.core import ui
from dangjian.core.documents import Document, Inventory
from dangjian.core.kinds import REGULATION
from dangjian.core.urls import Links
from dangjian.pages import fragments
from dangjian.pages.edition_pages import comparison_page, has_text
from dangjian.refs.references import References
from dangjian.text.compare import Change, Comparison, Piece, Row
from dangjian.text.escape import html_text, markdown_text

CSS = {Change.ADDED: "added", Change.DELETED: "deleted", Change.MODIFIED: "modified",
       Change.RENUMBERED: "renumbered", Change.UNCHANGED: "unchanged"}


def pairs(inventory: Inventory) -> list[tuple[Document, Document]]:
    """Consecutive editions that both hold their text."""
    found = []
    for work in inventory.of_kind(REGULATION):
        for older, newer in zip(work.editions, work.editions[1:], strict=False):
            if has_text(older) and has_text(newer):
                found.append((older, newer))
    return found


def pages(inventory: Inventory, refs: References) -> dict[str, Callable[[Links], str]]:
    return {comparison_page(older, newer): _maker(older, newer, refs)
            for older, newer in pairs(inventory)}


def _maker(older: Document, newer: Document, refs: References) -> Callable[[Links], str]:
    return lambda links: page(older, newer, refs.comparison(older, newer), links)


def summary(comparison: Comparison, unit: str = "条") -> str:
    """新增 1 条，删除 1 条，修改 3 条（拆分 1 处、合并 1 处），仅调整序号 12 条，其余未改."""
    rows = comparison.articles

    def counted(key: str, count: int) -> str:
        return ui.text(key, count=count).replace("条", unit)

    parts = []
    for change, key in ((Change.ADDED, "editions.summary_added"),
                        (Change.DELETED, "editions.summary_deleted")):
        if comparison.count(change):
            parts.append(counted(key, comparison.count(change)))
    modified = comparison.count(Change.MODIFIED)
    if modified:
        details = [ui.text("editions.summary_split", count=n) for n in
                   [sum(1 for row in rows if row.split)] if n]
        details += [ui.text("editions.summary_merged", count=n) for n in
                    [sum(1 for row in rows if row.merged)] if n]
        parts.append(counted("editions.summary_modified", modified) + (
            "（" + ui.text("common.list_separator").join(details) + "）" if details else ""))
    if comparison.count(Change.RENUMBERED):
        parts.append(counted("editions.summary_renumbered", comparison.count(Change.RENUMBERED)))
    if not parts:
        return ui.text("editions.summary_none").replace("条", unit)
    if comparison.count(Change.UNCHANGED):
        parts.append(ui.text("editions.summary_rest"))
    return "，".join(parts)


def _side(pieces: list[Piece], keep: str, mark: str) -> Markup:
    out = []
    for piece in pieces:
        if piece.kind == "equal":
            out.append(escape(piece.text))
        elif piece.kind == keep:
            out.append(Markup("<{0}>{1}</{0}>").format(mark, piece.text))
    return Markup("".join(out)).replace("\n", Markup("<br>"))


def _note(row: Row) -> str:
    notes = []
    if row.split:
        notes.append(ui.text("editions.split", count=len(row.new)))
    if row.merged:
        notes.append(ui.text("editions.merged", count=len(row.old)))
    if row.moved:
        notes.append(ui.text("editions.moved"))
    return ui.text("common.list_separator").join(notes)


def _cells(row: Row, older: Document, newer: Document, links: Links,
           preamble: bool) -> dict[str, object]:
    def labels(units: list, doc: Document) -> list[dict[str, str]]:
        return [{"label": unit.label if not preamble
                 else ui.text("editions.paragraph", number=unit.number),
                 "href": "" if preamble else links.to(doc.page, unit.label)} for unit in units]

    anchor = (row.new[0].label if row.new else "原" + row.old[0].label)
    return {
        "id": anchor,
        "more_ids": [] if preamble else [unit.label for unit in row.new[1:]],
        "change": row.change.value, "css": CSS[row.change], "note": _note(row),
        "old": labels(row.old, older), "new": labels(row.new, newer),
        "old_text": _side(row.diff, "delete", "del") if row.old else "",
        "new_text": _side(row.diff, "insert", "ins") if row.new else "",
    }


def page(older: Document, newer: Document, comparison: Comparison, links: Links) -> str:
    work = newer.work
    assert work is not None
    title = ui.text("editions.compare_title", title=work.display_title,
                    old=older.edition_label, new=newer.edition_label)
    preamble_rows = [_cells(row, older, newer, links, True) for row in comparison.preamble]
    article_rows = [_cells(row, older, newer, links, False) for row in comparison.articles]
    preamble_summary = ""
    if comparison.preamble:
        preamble_summary = ui.text("editions.preamble_summary",
                                   summary=summary(Comparison([], comparison.preamble), "段"))
    html = fragments.render(
        "comparison", intro=ui.text("editions.compare_intro", old=older.display_title,
                                    new=newer.display_title),
        old={"href": links.to(older.page), "title": older.display_title},
        new={"href": links.to(newer.page), "title": newer.display_title},
        work={"href": links.to(work.page), "title": work.display_title},
        summary=summary(comparison), preamble_summary=preamble_summary,
        preamble=preamble_rows, articles=article_rows)
    return ("---\n" f"title: {_yaml(html_text(title))}\n" "hide:\n  - toc\n---\n\n"
            f"# {markdown_text(title)}\n\n{html}\n")


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
