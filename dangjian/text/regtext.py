"""The structure of a regulation's text: 第X编 → 第X章 → 第X节 → 第X条 → 款 → 项, the
unnumbered parts 总纲, 序言, 附则 and 附件, each heading with a stable anchor.

Articles are recognised only in sequence (第六条 may follow 第五条, or open an excerpt),
so that a paragraph that merely starts with a citation such as “第十条规定……” is never
taken for an article of its own. A number that repeats or goes back where it stands as
a heading is kept as text and reported (``Body.warnings``): it is a typo or a paste
error, and the author must see it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dangjian.text import headings, numerals

_NUM = f"[{numerals.NUMERAL_CHARS}]+|[0-9]+"
_UNIT = re.compile(rf"^(#{{1,6}}[ \t]*)?第({_NUM})(编|章|节|条|編|節|條)([\u3000 \t]*)(.*)$")
_SIMPLIFIED = {"編": "编", "節": "节", "條": "条"}
"""Units as a web mirror's traditional script writes them: the same divisions, and the
same anchors (第八条), so that references and search land on them."""
_SPACE = "[ \t\u3000]*"
# Unnumbered parts stand alone on their line: 总　纲, 附则, 附件2, 附件：….
_PART = re.compile(rf"^(#{{1,6}}[ \t]*)?(总{_SPACE}纲|序{_SPACE}言|附{_SPACE}则"
                   rf"|附{_SPACE}件{_SPACE}([0-9０-９{numerals.NUMERAL_CHARS}]*))"
                   rf"{_SPACE}[：:]?{_SPACE}(\{{[^{{}}]*\}})?$")
CITING = re.compile(r"^(?:规定|所|的|中|之|和|与|或|至|到|、|，|,|第)")
"""Words that follow 第X条 when a sentence cites an article rather than opening one."""
_CITED = re.compile(rf"第(?:{_NUM})[编章节条款项編節條項]")
_ITEM = re.compile(rf"^[（(]([{numerals.NUMERAL_CHARS}]+)[）)]")
"""A 项 within an article: （一）, （二）…"""


@dataclass
class Clause:
    """A 款 (paragraph) or 项 (numbered item) of an article."""

    unit: str
    number: int
    line: int


@dataclass
class Division:
    """A part (编), chapter (章), section (节), article (条), or an unnumbered part
    (总纲, 序言, 附则, 附件)."""

    unit: str
    number: int
    label: str
    """As written: 第十条; 总纲 for 总　纲."""
    anchor: str
    """Anchor on the page: 第十条, 第一章, or 第一章第二节 (sections restart per chapter)."""
    rest: str
    """Chapter title, or the article's first paragraph."""
    line: int
    clauses: list[Clause] = field(default_factory=list)
    """An article's 款 and 项, in order."""


@dataclass(frozen=True)
class OrderWarning:
    """A 第X条 (or 章) standing as a heading whose number repeats or goes back."""

    line: int
    label: str
    earlier: int | None
    """Line of the division with the same number, when it repeats."""
    after: str
    """Label of the division it follows, when it goes back."""

    def message(self, earlier_line: int | None = None) -> str:
        """In Chinese; ``earlier_line`` is the repeated division's line as the reader
        numbers it (the importer's lines are not the parsed text's)."""
        unit = self.label[-1]
        if self.earlier is not None:
            where = self.earlier if earlier_line is None else earlier_line
            return (f"{self.label}重复（第 {where} 行已有{self.label}），"
                    f"此行未作为新的一{unit}，按正文处理")
        return f"{self.label}出现在{self.after}之后，编号倒序，此行按正文处理"


@dataclass
class Body:
    parts: list[Division] = field(default_factory=list)
    """编 and the unnumbered parts (总纲, 附则 …), in order."""
    chapters: list[Division] = field(default_factory=list)
    sections: list[Division] = field(default_factory=list)
    articles: list[Division] = field(default_factory=list)
    staged: str = ""
    """The body as Markdown, with a heading and anchor for every division."""
    warnings: list[OrderWarning] = field(default_factory=list)
    """Numbers that repeat or go back."""

    @property
    def anchors(self) -> set[str]:
        return {d.anchor for d in [*self.parts, *self.chapters, *self.sections, *self.articles]}


_CLASS = {"编": "part", "章": "chapter", "节": "section", "条": "article", "": "part"}


@dataclass
class _State:
    first_line: int
    body: Body
    levels: dict[str, int]
    last: dict[str, int] = field(default_factory=lambda: {"编": 0, "章": 0, "节": 0, "条": 0})
    seen: dict[str, int] = field(default_factory=dict)
    """Label → line, for what has been taken as a heading."""
    part_label: str = ""
    chapter_anchor: str = ""
    holder: int = 1
    """Level of the heading that holds the next article: the title, h1."""
    article: Division | None = None


def parse(text: str, first_line: int = 1) -> Body:
    lines = text.split("\n")
    has_parts = any(_is_part_line(line) for line in lines)
    chapter = 3 if has_parts else 2
    state = _State(first_line, Body(), {"编": 2, "章": chapter, "节": chapter + 1, "": 2})
    out: list[str] = []
    for offset, line in enumerate(lines):
        division = _division(line.strip(), first_line + offset, state,
                             indented=line[:1] in " \t")
        if division is None:
            _clause(line.strip(), first_line + offset, state)
            out.append(line)
            continue
        out += _place(division, state)
    state.body.staged = "\n".join(out)
    return state.body


def _is_part_line(line: str) -> bool:
    match = _UNIT.match(line.strip())
    return bool(match and _SIMPLIFIED.get(match.group(3), match.group(3)) == "编"
                and (match.group(1) or match.group(4)))


def _division(line: str, line_no: int, state: _State, indented: bool = False) -> Division | None:
    part = _PART.match(line)
    if part:
        label = re.sub(_SPACE, "", part.group(2))
        if label in state.seen:
            return None
        return Division("", numerals.to_int(part.group(3) or "") or 0, label, label, "",
                        line_no)
    match = _UNIT.match(line)
    if not match:
        return None
    number = numerals.to_int(match.group(2))
    written = match.group(3)
    unit = _SIMPLIFIED.get(written, written)
    if number is None:
        return None
    # A jump forward (an excerpt's gap) counts only where the number stands apart as a
    # heading or before a space, never run into the sentence.
    marked = bool(match.group(1) or match.group(4))
    last = state.last[unit]
    label = f"第{match.group(2)}{written}"
    if last == 0 or number == last + 1 or (marked and number > last):
        anchor = f"第{match.group(2)}{unit}"
        if unit == "节":
            anchor = state.chapter_anchor + anchor
        elif unit == "章" and label in state.seen:
            anchor = state.part_label + anchor  # chapters that restart in every 编
        return Division(unit, number, label, anchor, match.group(5).strip(), line_no)
    # Run into its sentence, the number may be a citation (第二条其余部分至第六条…),
    # and inside a block (an admonition) it is a note about the text.
    cites = CITING.match(match.group(5)) or _CITED.search(match.group(5))
    if unit != "节" and (marked or not (cites or indented)):
        _warn_order(unit, number, label, last, line_no, state)
    return None


def _warn_order(unit: str, number: int, label: str, last: int, line_no: int,
                state: _State) -> None:
    if number == last:
        state.body.warnings.append(OrderWarning(line_no, label, state.seen.get(label), ""))
    elif number < last:
        previous = f"第{numerals.from_int(last)}{unit}"
        state.body.warnings.append(OrderWarning(line_no, label, None, previous))


def _place(division: Division, state: _State) -> list[str]:
    body, unit = state.body, division.unit
    state.seen.setdefault(division.label, division.line)
    state.article = None
    if unit:
        state.last[unit] = division.number
    level = state.levels.get(unit, state.holder + 1)
    if unit != "条":
        state.holder = level
    if unit == "编":
        state.part_label = division.anchor
        state.last["章"] = state.last["节"] = 0
        body.parts.append(division)
    elif unit == "":
        body.parts.append(division)
    elif unit == "章":
        state.chapter_anchor = division.anchor
        state.last["节"] = 0
        body.chapters.append(division)
    elif unit == "节":
        body.sections.append(division)
    else:
        body.articles.append(division)
        state.article = division
        if division.rest:
            division.clauses.append(Clause("款", 1, division.line))
    title = division.label
    if unit != "条" and division.rest:
        title = f"{division.label}\u3000{_strip_attrs(division.rest)}"
    out = ["", headings.render(level, title, division.anchor, f"dj-{_CLASS[unit]}")]
    if unit == "条" and division.rest:
        out += ["", division.rest]
    return out + [""]


def _clause(line: str, line_no: int, state: _State) -> None:
    """Count the 款 and 项 of the article being read: every paragraph is a 款, and a
    paragraph opening with （一） a 项 of the 款 before it."""
    article = state.article
    if article is None or not line or headings.parse(line):
        return
    item = _ITEM.match(line)
    if item:
        article.clauses.append(Clause("项", numerals.to_int(item.group(1)) or 0, line_no))
    else:
        count = sum(1 for clause in article.clauses if clause.unit == "款")
        article.clauses.append(Clause("款", count + 1, line_no))


def _strip_attrs(text: str) -> str:
    return re.sub(r"[ \t]*\{[^{}]*\}[ \t]*$", "", text)
