"""The late pass: every citation and explicit link of the content, resolved once.

It runs after loading, over the complete inventory, and before any page is staged. It
returns what it resolved (for links and backlinks) and what it could not as
diagnostics; it never raises and never logs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property

from dangjian.core import editions
from dangjian.core.diagnostics import Diagnostics
from dangjian.core.documents import Document, Inventory
from dangjian.core.model import Status
from dangjian.group.cited_elsewhere import CitedElsewhere
from dangjian.group.library import Libraries, LibraryCite, LibraryDoc
from dangjian.load.loader import Content, Page
from dangjian.refs import anchors
from dangjian.refs.resolver import (
    MAX_SUGGESTIONS,
    Ambiguous,
    Missing,
    Outcome,
    Resolved,
    Rules,
    TitleIndex,
)
from dangjian.text import citations, compare, wikilinks
from dangjian.text.citations import Citation, Context
from dangjian.text.compare import Comparison
from dangjian.text.normalize import form_key

DATA_TEXT_FIELDS = ("summary", "note")
"""Fields that hold the text of an entry of a data file, which has no body."""


@dataclass(frozen=True)
class Text:
    """A piece of prose that may cite documents, and where it comes from."""

    source: str
    field: str
    text: str
    first_line: int
    page: str
    title: str
    owner: Document | None = None


@dataclass(frozen=True)
class Reference:
    """One resolved citation or explicit link: who cites what, where, in which words."""

    target: Document
    source: str
    line: int
    page: str
    """Staged page of the citing text."""
    title: str
    """Title of the citing document or page."""
    anchor: str
    """Anchor of the work item or article holding the citation, or ''."""
    label: str
    context: Context
    owner: Document | None = None


@dataclass
class References:
    index: TitleIndex
    by_id: dict[str, Document] = field(default_factory=dict)
    rules: dict[str, Rules] = field(default_factory=dict)
    """Each citing page's own rules (its ``references`` front matter)."""
    items: list[Reference] = field(default_factory=list)
    hidden: TitleIndex | None = None
    """Documents this build's audience may not read: cited as plain text, silently."""
    hidden_ids: frozenset[str] = frozenset()
    today: dt.date = field(default_factory=editions.today)
    """The day statuses and the editions in force are computed for."""
    dates: dict[str, dt.date] = field(default_factory=dict)
    """Each citing page's date (``editions.written_on``): what it cites is the edition in
    force then. A page without one cites what is in force today."""
    libraries: Libraries | None = None
    """Libraries of the group this site cites into (see ``dangjian.group.library``)."""
    library_items: list[LibraryCite] = field(default_factory=list)
    cited_elsewhere: CitedElsewhere = field(default_factory=CitedElsewhere)
    """Citations of this site's documents by the other sites of its group."""
    _comparisons: dict[tuple[str, str], Comparison] = field(default_factory=dict)

    def is_hidden(self, title: str, volume: str | None = None) -> bool:
        if self.hidden is None:
            return False
        return title in self.hidden_ids or isinstance(self.hidden.lookup(title, volume), Resolved)

    def cited_by(self, doc: Document) -> list[Reference]:
        """Where ``doc`` is cited, except by itself; a work is cited wherever any of its
        editions is."""
        return [ref for ref in self._by_target.get(doc.id, [])
                if ref.owner is not doc and (ref.owner is None or ref.owner.work is not doc)]

    @cached_property
    def _by_target(self) -> dict[str, list[Reference]]:
        # Read only once ``resolve`` has filled ``items``.
        grouped: dict[str, list[Reference]] = {}
        for ref in self.items:
            grouped.setdefault(ref.target.id, []).append(ref)
            if ref.target.work is not None:
                grouped.setdefault(ref.target.work.id, []).append(ref)
        return grouped

    def lookup(self, citation: Citation, text: str, page: str) -> Outcome:
        before = text[max(0, citation.start - 40):citation.start]
        rules = self.rules.get(page)
        outcome = self.index.lookup(citation.title, citation.volume, rules, before)
        if isinstance(outcome, Missing) and citation.base_title != citation.title:
            # 《X（2018年修订）》: the pin names an edition of X, not another title.
            return self.index.lookup(citation.base_title, citation.volume, rules, before)
        return outcome

    def edition_for(self, doc: Document, citation: Citation, page: str) -> Document:
        """The edition of ``doc`` a citation on ``page`` means: the pinned one, else the
        one in force on the page's date. ``doc`` itself for a work without editions, a pin
        the site has no edition for, or a date before every edition here."""
        if doc.timeline is None or not doc.editions:
            return doc
        if citation.edition_year is not None:
            chosen = editions.pinned(doc.timeline.editions, citation.edition_year)
        else:
            on = self.dates.get(page, self.today)
            chosen = doc.timeline.in_force(on)
            if chosen is None and doc.timeline.abolished is not None \
                    and doc.timeline.abolished <= on:
                chosen = doc.timeline.current(on)
        return next((e for e in doc.editions if e.edition == chosen), doc)

    def current_of(self, doc: Document) -> Document | None:
        """For an edition: the edition of its work in force today, when that is another."""
        if doc.work is None or doc.work.timeline is None:
            return None
        current = doc.work.timeline.current(self.today)
        found = next((e for e in doc.work.editions if e.edition == current), None)
        return found if found is not doc else None

    def comparison(self, older: Document, newer: Document) -> Comparison:
        """The 对照 of two editions, computed once per build."""
        key = (older.id, newer.id)
        if key not in self._comparisons:
            self._comparisons[key] = compare.compare(units_of(older), units_of(newer))
        return self._comparisons[key]

    def library_lookup(self, citation: Citation) -> tuple[LibraryDoc, ...]:
        """Library documents a citation the site cannot resolve may mean."""
        if self.libraries is None:
            return ()
        return self.libraries.lookup(citation.title) or (
            self.libraries.lookup(citation.base_title)
            if citation.base_title != citation.title else ())

    def written_on(self, page: str) -> dt.date:
        return self.dates.get(page, self.today)

    def link_target(self, link: wikilinks.WikiLink) -> Document | None:
        doc = self.by_id.get(link.target)
        if doc is not None:
            return doc
        outcome = self.index.lookup(link.target)
        return outcome.doc if isinstance(outcome, Resolved) else None


def units_of(doc: Document) -> tuple[list[compare.Unit], list[compare.Unit]]:
    """An edition's preamble paragraphs and articles, for the 对照."""
    body = doc.structure
    if body is None:
        return [], []
    marks = [compare.Mark(d.line, d.unit, d.number, d.label, d.rest)
             for d in [*body.chapters, *body.sections, *body.articles]]
    return compare.units(doc.body, doc.body_line, marks)


def texts(content: Content) -> Iterator[Text]:
    for doc in content.inventory.documents:
        yield from _texts_of(doc)
    for page in content.pages:
        yield from _texts_of(page)


def _texts_of(doc: Document | Page) -> Iterator[Text]:
    if isinstance(doc, Page):
        yield Text(doc.source, "", doc.body, doc.body_line, doc.page, doc.meta.title or doc.page)
        return
    if doc.body:
        yield Text(doc.source, "", doc.body, doc.body_line, doc.page, doc.heading, doc)
    elif _is_data_entry(doc):
        for name in DATA_TEXT_FIELDS:
            value = getattr(doc.meta, name, None)
            if value:
                yield Text(doc.source, name, value, doc.lines.line_of((name,)), doc.page,
                           doc.heading, doc)


def _is_data_entry(doc: Document) -> bool:
    """An entry of a file under data/, whose text is in its fields."""
    return not doc.source.endswith(".md")


def resolve(content: Content, libraries: Libraries | None = None
            ) -> tuple[References, Diagnostics]:
    """``libraries``: where citations the site cannot resolve are looked up next."""
    diagnostics = Diagnostics()
    inventory = content.inventory
    refs = References(TitleIndex(inventory.documents), dict(inventory.by_id),
                      today=content.today, libraries=libraries)
    if content.hidden.documents:
        refs.hidden = TitleIndex(content.hidden.documents)
        refs.hidden_ids = frozenset(content.hidden.by_id)
    for doc in inventory.documents:
        refs.rules[doc.page] = _rules(doc, inventory, diagnostics, refs.hidden_ids)
        written = editions.written_on(doc.meta)
        if written is not None:
            refs.dates[doc.page] = written
        _check_successors(doc, inventory, diagnostics)
    for text in texts(content):
        _cite(text, refs, diagnostics)
        _link(text, refs, diagnostics)
    return refs, diagnostics


def cite_one(doc: Document | Page, refs: References) -> tuple[References, Diagnostics]:
    """What the texts of ``doc`` (a document or a plain page) cite and link to, resolved
    against ``refs`` (the rest of the site, resolved before; ``doc``'s front matter as
    then): only these references, in the order ``resolve`` makes them. What a preview
    needs after an edit to one file."""
    diagnostics = Diagnostics()
    found = replace(refs, items=[], library_items=[], _comparisons={})
    for text in _texts_of(doc):
        _cite(text, found, diagnostics)
        _link(text, found, diagnostics)
    return found, diagnostics


def _rules(doc: Document, inventory: Inventory, diagnostics: Diagnostics,
           hidden: frozenset[str] = frozenset()) -> Rules:
    rules = {}
    for short, doc_id in doc.meta.references.items():
        target = inventory.by_id.get(doc_id)
        if target is None and doc_id in hidden:
            continue
        if target is None:
            diagnostics.error(doc.source, doc.lines.line_of(("references", short)),
                              f"references.{short}", f"没有标识为 “{doc_id}” 的文件")
            continue
        rules[form_key(short.strip("《》"))] = target
    return rules


def _check_successors(doc: Document, inventory: Inventory, diagnostics: Diagnostics) -> None:
    named: list[tuple[tuple[str | int, ...], str]] = []
    if getattr(doc.meta, "superseded_by", None):
        named.append((("superseded_by",), doc.meta.superseded_by))
    named += [(("supersedes", i), doc_id)
              for i, doc_id in enumerate(getattr(doc.meta, "supersedes", []))]
    for path, doc_id in named:
        if doc_id not in inventory.by_id:
            diagnostics.error(doc.source, doc.lines.line_of(path), ".".join(map(str, path)),
                              f"没有标识为 “{doc_id}” 的文件")


def _place(text: Text, line: int, target: Document, context: Context) -> Reference:
    anchor, label = anchors.place_of(text.owner, line) if text.owner else ("", "")
    return Reference(target, text.source, line, text.page, text.title, anchor, label,
                     context, text.owner)


def _titles(docs: tuple[Document, ...]) -> str:
    return "、".join(doc.display_title for doc in docs)


def _cite(text: Text, refs: References, diagnostics: Diagnostics) -> None:
    field_name = text.field or "citation"
    for citation in citations.find(text.text, text.first_line):
        outcome = refs.lookup(citation, text.text, text.page)
        written = citation.written
        if isinstance(outcome, Missing) and refs.is_hidden(citation.title, citation.volume):
            continue
        if isinstance(outcome, Missing) and _cite_library(text, citation, refs, diagnostics):
            continue
        if isinstance(outcome, Missing):
            suggestions = outcome.suggestions or refs.index.suggest(citation.title)
            hint = f"；是否指：{_titles(suggestions)}" if suggestions else ""
            diagnostics.warning(text.source, citation.line, field_name,
                                f"{written}{citation.volume or ''} 未找到对应的文件{hint}")
        elif isinstance(outcome, Ambiguous):
            diagnostics.warning(text.source, citation.line, field_name,
                                _ambiguous(written, outcome))
        else:
            target = refs.edition_for(outcome.doc, citation, text.page)
            _pinned(text, citation, outcome.doc, target, diagnostics)
            _cited(text, citation, target, refs, diagnostics)


def _ambiguous(written: str, outcome: Ambiguous) -> str:
    if not outcome.short:
        return f"{written} 同时符合 {_titles(outcome.candidates[:MAX_SUGGESTIONS])}，请写全称"
    first = outcome.candidates[0]
    return (f"{written} 是简称，所指要看上下文，不作猜测；可能指：{_titles(outcome.candidates)}。"
            f"请在本文件 front matter 的 references 中写明，如 "
            f"references: {{{written.strip('《》')}: {first.id}}}")


def _cited(text: Text, citation: Citation, doc: Document, refs: References,
           diagnostics: Diagnostics) -> None:
    field_name = text.field or "citation"
    written = citation.written
    refs.items.append(_place(text, citation.line, doc, citation.context))
    status = getattr(doc.meta, "status", None)
    if status is Status.ABOLISHED:
        successor = refs.by_id.get(doc.meta.superseded_by or "")
        instead = f"，已被 {successor.display_title} 取代" if successor else ""
        diagnostics.warning(text.source, citation.line, field_name,
                            f"{written} 已废止{instead}")
    coverage = getattr(doc.meta, "coverage", None)
    if coverage is None or coverage.value != "全文":
        return
    for division in citation.divisions:
        label = text.text[division.start:division.end]
        if anchors.division_anchor(doc, division.unit, division.number) is None:
            where = f"{doc.display_title}中" if doc.is_edition else "本站收录的全文中"
            diagnostics.warning(text.source, citation.line, field_name,
                                f"{written}{label}：{where}没有这一{division.unit}")
        elif division.unit == "条":
            _changed_since(text, citation, doc, division.number, label, refs, diagnostics)


def _pinned(text: Text, citation: Citation, work: Document, target: Document,
            diagnostics: Diagnostics) -> None:
    """A pin (（2019年修订）) that names no edition of the site is reported."""
    if citation.edition_year is None or not work.editions or target is not work:
        return
    held = "、".join(e.edition_label for e in work.editions)
    diagnostics.warning(text.source, citation.line, text.field or "citation",
                        f"{citation.written}：本站没有 {citation.edition_year} 年的版本"
                        f"（本站收录：{held}）")


def _changed_since(text: Text, citation: Citation, cited: Document, number: int, label: str,
                   refs: References, diagnostics: Diagnostics) -> None:
    """An article of an older edition that today's edition deleted, renumbered or changed."""
    current = refs.current_of(cited)
    if current is None or not cited.structure or not current.structure \
            or not current.structure.articles or current.meta.status is not Status.IN_FORCE:
        return
    row = compare.counterpart(refs.comparison(cited, current), number)
    if row is None or row.change is compare.Change.UNCHANGED:
        return
    now = current.display_title
    where = f"{citation.written}{label}（{cited.edition_label}）"
    new_labels = "、".join(u.label for u in row.new)
    if row.change is compare.Change.DELETED:
        message = f"{where}：现行的{now}已删除这一条"
    elif row.change is compare.Change.RENUMBERED:
        message = f"{where}：现行的{now}中这一条未改，序号调整为{new_labels}"
    else:
        message = f"{where}：现行的{now}已修改这一条（现为{new_labels}）"
    diagnostics.warning(text.source, citation.line, text.field or "citation", message)


def _link(text: Text, refs: References, diagnostics: Diagnostics) -> None:
    field_name = "link"
    for link in wikilinks.find(text.text, text.first_line):
        doc = refs.link_target(link)
        if doc is None and refs.is_hidden(link.target):
            continue
        if doc is None and _link_library(text, link, refs, diagnostics):
            continue
        if doc is None:
            suggestions = refs.index.suggest(link.target)
            hint = f"；是否指：{_titles(suggestions)}" if suggestions else ""
            diagnostics.error(text.source, link.line, field_name,
                              f"{link.written} 的目标 “{link.target}” 不存在{hint}")
            continue
        anchor = anchors.named_anchor(doc, link.anchor) if link.anchor else ""
        if anchor is None:
            diagnostics.error(text.source, link.line, field_name,
                              f"{link.written}：{doc.display_title} 中没有 “{link.anchor}”"
                              "（本站未收录或写法有误）")
            continue
        context = citations.context(text.text, link.start, link.end)
        shown = link.label or anchors.link_text(doc, anchor)
        refs.items.append(_place(text, link.line, doc,
                                 Context(context.before, shown, context.after)))


def _cite_library(text: Text, citation: Citation, refs: References,
                  diagnostics: Diagnostics) -> bool:
    """A citation resolved (or found ambiguous) in a library; False if no library has it."""
    found = refs.library_lookup(citation)
    field_name = text.field or "citation"
    if len(found) > 1:
        names = "、".join(doc.display_title for doc in found[:MAX_SUGGESTIONS])
        diagnostics.warning(text.source, citation.line, field_name,
                            f"{citation.written} 同时符合法规库中的 {names}，"
                            f"请在 front matter 的 references 中写明，或写全称")
        return True
    if not found:
        return False
    doc = found[0]
    edition = doc.chosen(citation.edition_year, refs.written_on(text.page))
    if citation.edition_year is not None and edition is None and doc.entry.editions:
        held = "、".join(e.label for e in doc.entry.editions)
        diagnostics.warning(text.source, citation.line, field_name,
                            f"{citation.written}：法规库“{doc.library}”没有 "
                            f"{citation.edition_year} 年的版本（收录：{held}）")
    refs.library_items.append(doc.cite(edition, text.page, text.title, text.source,
                                       citation.line, citation.written))
    if not doc.has_text(edition):
        return True
    for division in citation.divisions:
        if doc.anchor(edition, division.unit, division.number) is None:
            label = text.text[division.start:division.end]
            diagnostics.warning(text.source, citation.line, field_name,
                                f"{citation.written}{label}：法规库“{doc.library}”"
                                f"收录的全文中没有这一{division.unit}")
    return True


def _link_library(text: Text, link: wikilinks.WikiLink, refs: References,
                  diagnostics: Diagnostics) -> bool:
    """An explicit link into a library; False if no library has its target."""
    if refs.libraries is None:
        return False
    found = refs.libraries.target(link.target)
    if len(found) != 1:
        if found:
            names = "、".join(doc.display_title for doc in found[:MAX_SUGGESTIONS])
            diagnostics.error(text.source, link.line, "link",
                              f"{link.written} 同时符合法规库中的 {names}，请写 库名:标识")
        return bool(found)
    doc = found[0]
    edition = doc.chosen(None, refs.written_on(text.page))
    if link.anchor and doc.named_anchor(edition, link.anchor) is None:
        diagnostics.error(text.source, link.line, "link",
                          f"{link.written}：法规库“{doc.library}”的 《{doc.entry.title}》 "
                          f"中没有 “{link.anchor}”")
        return True
    refs.library_items.append(doc.cite(edition, text.page, text.title, text.source,
                                       link.line, link.written))
    return True

