"""The structure of a regulation's text: 第X章 → 第X节 → 第X条, each with a stable anchor.

Articles are recognised only in sequence (第六条 may follow 第五条, or open an excerpt),
so that a paragraph that merely starts with a citation such as “第十条规定……” is never
taken for an article of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dangjian.text import headings, numerals

_NUM = f"[{numerals.NUMERAL_CHARS}]+|[0-9]+"
_UNIT = re.compile(rf"^(#{{1,6}}[ \t]*)?第({_NUM})(章|节|条)([\u3000 \t]*)(.*)$")


@dataclass
class Division:
    """A chapter (章), section (节) or article (条)."""

    unit: str
    number: int
    label: str
    """As written: 第十条."""
    anchor: str
    """Anchor on the page: 第十条, 第一章, or 第一章第二节 (sections restart per chapter)."""
    rest: str
    """Chapter title, or the article's first paragraph."""
    line: int


@dataclass
class Body:
    chapters: list[Division] = field(default_factory=list)
    sections: list[Division] = field(default_factory=list)
    articles: list[Division] = field(default_factory=list)
    staged: str = ""
    """The body as Markdown, with a heading and anchor for every division."""

    @property
    def anchors(self) -> set[str]:
        return {d.anchor for d in self.chapters} | {d.anchor for d in self.articles}


_LEVEL = {"章": 2, "节": 3}
"""An article's level is one below whatever holds it (see ``_article_level``)."""


def parse(text: str, first_line: int = 1) -> Body:
    body = Body()
    last = {"章": 0, "节": 0, "条": 0}
    chapter_anchor = ""
    holder = 1  # level of the heading that holds the next article: the title, h1
    out: list[str] = []
    for offset, line in enumerate(text.split("\n")):
        match = _UNIT.match(line.strip())
        division = None
        if match:
            number = numerals.to_int(match.group(2))
            unit = match.group(3)
            # A jump forward (an excerpt's gap) counts only where the number stands
            # apart as a heading or before a space, never run into the sentence.
            marked = bool(match.group(1) or match.group(4))
            if number is not None and (
                last[unit] == 0 or number == last[unit] + 1 or (marked and number > last[unit])
            ):
                label = f"第{match.group(2)}{unit}"
                anchor = chapter_anchor + label if unit == "节" else label
                division = Division(unit, number, label, anchor, match.group(5).strip(),
                                    first_line + offset)
        if division is None:
            out.append(line)
            continue
        last[division.unit] = division.number
        level = _LEVEL.get(division.unit, holder + 1)
        if division.unit != "条":
            holder = level
        if division.unit == "章":
            chapter_anchor = division.label
            last["节"] = 0
            body.chapters.append(division)
        elif division.unit == "节":
            body.sections.append(division)
        elif division.unit == "条":
            body.articles.append(division)
        title = division.label
        if division.unit != "条" and division.rest:
            title = f"{division.label}\u3000{_strip_attrs(division.rest)}"
        out.append("")
        out.append(headings.render(level, title, division.anchor,
                                   f"dj-{_CLASS[division.unit]}"))
        if division.unit == "条" and division.rest:
            out.append("")
            out.append(division.rest)
        out.append("")
    body.staged = "\n".join(out)
    return body


_CLASS = {"章": "chapter", "节": "section", "条": "article"}


def _strip_attrs(text: str) -> str:
    return re.sub(r"[ \t]*\{[^{}]*\}[ \t]*$", "", text)
