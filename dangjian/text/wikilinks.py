"""Explicit links written by authors: ``[[目标]]``, ``[[目标#锚点]]``, ``[[目标#锚点|文字]]``.

目标 is a document's id, title or alias (book marks optional); 锚点 is an article or
chapter (第十条, 第一章) or a work item's anchor (2020-1-1). Unlike a 《citation》, which
is prose and may cite what the site does not hold, an explicit link is an instruction:
a target that does not exist is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dangjian.text import markup
from dangjian.text.citations import LineCounter

_LINK = re.compile(r"\[\[([^\[\]\n|#]*)(?:#([^\[\]\n|]*))?(?:\|([^\[\]\n]*))?\]\]")


@dataclass(frozen=True)
class WikiLink:
    target: str
    anchor: str
    label: str
    start: int
    end: int
    line: int

    @property
    def written(self) -> str:
        anchor = f"#{self.anchor}" if self.anchor else ""
        return f"[[{self.target}{anchor}]]"


def find(text: str, first_line: int = 1) -> list[WikiLink]:
    masked = markup.mask(text)
    lines = LineCounter(text, first_line)
    return [
        WikiLink(
            target=match.group(1).strip().removeprefix("《").removesuffix("》").strip(),
            anchor=(match.group(2) or "").strip(),
            label=(match.group(3) or "").strip(),
            start=match.start(), end=match.end(),
            line=lines.at(match.start()),
        )
        for match in _LINK.finditer(masked)
    ]
