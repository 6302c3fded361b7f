"""术语与规范表述 (data/glossary.yml): terms with their explanation and source, and the
standard formulations with the wrong forms that the wording check looks for.

An explanation is the site's own words and is always shown as such (本站释义); a quote
is a document's words, and loading checks that it stands in that document word for
word, so that no explanation can pass itself off as a regulation's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dangjian.core.diagnostics import Diagnostics
from dangjian.core.documents import Document, Inventory
from dangjian.core.kinds import REGULATION, WORKPLAN
from dangjian.core.model import FormulationMeta, GlossaryFile, TermMeta
from dangjian.core.project import Project
from dangjian.load import datafile, yamlsource
from dangjian.load.validation import validate
from dangjian.text import passages

GLOSSARY_FILE = "glossary.yml"

@dataclass
class Term:
    meta: TermMeta
    line: int
    doc: Document | None = None

    @property
    def forms(self) -> list[str]:
        """Every way the term is written: the term first, then its aliases."""
        return [self.meta.term, *self.meta.aliases]

    @property
    def own(self) -> bool:
        """Whether what the site says about the term is its own explanation."""
        return self.meta.explanation is not None

    def where(self) -> str:
        """The source as readers see it: 《…》第十六条."""
        if self.doc is None:
            return ""
        at = self.meta.at or ""
        if self.doc.kind is WORKPLAN and at:
            item = next((i for i in self.doc.structure.items if i.id == at), None)
            at = f"“{item.marker}{item.title}”" if item else ""
        return self.doc.display_title + at

    def tooltip(self) -> str:
        if self.meta.explanation is not None:
            return f"{self.meta.term}：{self.meta.explanation}（本站释义）"
        return f"{self.meta.term}：“{self.meta.quote}”——{self.where()}"


@dataclass(frozen=True)
class WrongForm:
    wrong: str
    right: str
    source: str
    line: int


@dataclass
class Glossary:
    source: str = ""
    terms: list[Term] = field(default_factory=list)
    formulations: list[tuple[FormulationMeta, int]] = field(default_factory=list)
    wrong_forms: list[WrongForm] = field(default_factory=list)

    @property
    def tooltips(self) -> dict[str, tuple[str, str]]:
        """Every written form of a term → (the term, its tooltip)."""
        return {form: (term.meta.term, term.tooltip()) for term in self.terms
                for form in term.forms}


def load(project: Project, inventory: Inventory, diagnostics: Diagnostics) -> Glossary:
    path = project.data_dir / GLOSSARY_FILE
    if not path.is_file():
        return Glossary()
    read = datafile.read(project, path, diagnostics)
    if read is None:
        return Glossary()
    shown, lines = read.source, read.lines
    meta = validate(GlossaryFile, read.data, lines, shown, diagnostics)
    if meta is None:
        return Glossary()
    glossary = Glossary(shown)
    problems = _Problems(shown, lines, diagnostics)
    names: dict[str, int] = {}
    for index, term_meta in enumerate(meta.terms):
        term = Term(term_meta, lines.line_of(("terms", index)))
        if _resolve(term, index, inventory, problems):
            for position, form in enumerate(term.forms):
                field_path = ("terms", index, "term") if position == 0 else \
                    ("terms", index, "aliases", position - 1)
                if form in names:
                    problems.error(field_path, f"“{form}”重复，已见于第 {names[form]} 行")
                names.setdefault(form, lines.line_of(field_path))
            glossary.terms.append(term)
    for index, formulation in enumerate(meta.wording):
        glossary.formulations.append((formulation, lines.line_of(("wording", index))))
    _collect_wrong_forms(glossary, meta, problems)
    return glossary


@dataclass
class _Problems:
    source: str
    lines: yamlsource.LineMap
    diagnostics: Diagnostics

    def error(self, field_path: tuple[str | int, ...], message: str) -> None:
        self.diagnostics.error(self.source, self.lines.line_of(field_path),
                               ".".join(str(p) for p in field_path), message)


def quote_holds(term: Term, doc: Document) -> bool:
    """Whether ``term``'s quotation stands in the text of ``doc`` (at its place), word for
    word; True for a term that quotes nothing."""
    if term.meta.quote is None:
        return True
    anchors = [term.meta.at] if term.meta.at else []
    return _squeeze(term.meta.quote) in _squeeze(passages.text_of(doc, anchors))


def _resolve(term: Term, index: int, inventory: Inventory, problems: _Problems) -> bool:
    meta = term.meta
    here = ("terms", index)
    if meta.explanation is None and meta.quote is None:
        problems.error((*here, "explanation"), "术语须有本站释义（explanation）或原文引文（quote）")
        return False
    if meta.source is None:
        if meta.quote is not None or meta.at is not None:
            problems.error((*here, "source"), "写了引文或位置，就须写出处（source）")
            return False
        return True
    doc = inventory.by_id.get(meta.source)
    if doc is None:
        problems.error((*here, "source"), f"未知的文件标识 “{meta.source}”")
        return False
    term.doc = doc
    if meta.at and meta.at not in _anchors(doc):
        problems.error((*here, "at"), f"{doc.display_title}中没有“{meta.at}”")
        return False
    if meta.quote is not None:
        if not passages.has_text(doc):
            problems.error((*here, "quote"), f"本站未收录{doc.display_title}的正文，无从引用")
            return False
        if not quote_holds(term, doc):
            problems.error((*here, "quote"),
                           f"引文在{term.where()}中找不到，须与原文逐字相同（含标点）")
            return False
    return True


def _anchors(doc: Document) -> set[str]:
    if doc.kind is REGULATION:
        return doc.structure.anchors
    if doc.kind is WORKPLAN:
        plan = doc.structure
        return {s.id for s in plan.sections} | {i.id for i in plan.items}
    return set()


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _collect_wrong_forms(glossary: Glossary, meta: GlossaryFile, problems: _Problems) -> None:
    entries: list[tuple[tuple[str | int, ...], str, str]] = []
    for index, term in enumerate(meta.terms):
        entries += [(("terms", index, "wrong", n), wrong, term.term)
                    for n, wrong in enumerate(term.wrong)]
    for index, formulation in enumerate(meta.wording):
        entries += [(("wording", index, "wrong", n), wrong, formulation.right)
                    for n, wrong in enumerate(formulation.wrong)]
    right_forms = [form for term in meta.terms for form in (term.term, *term.aliases)]
    right_forms += [formulation.right for formulation in meta.wording]
    seen: dict[str, int] = {}
    for field_path, wrong, right in entries:
        line = problems.lines.line_of(field_path)
        if wrong in seen:
            problems.error(field_path, f"错误写法“{wrong}”重复，已见于第 {seen[wrong]} 行")
            continue
        # A wrong form inside a right one would flag correct text.
        inside = next((form for form in right_forms if wrong in form), None)
        if inside is not None:
            problems.error(field_path, f"错误写法“{wrong}”是规范写法“{inside}”的一部分，会误报")
            continue
        seen[wrong] = line
        glossary.wrong_forms.append(WrongForm(wrong, right, problems.source, line))
