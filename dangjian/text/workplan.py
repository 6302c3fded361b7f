"""The structure of a work plan: sections (一、…) holding items (一是…, （一）, 1., 1、, (1)).

An item's title is its first sentence; its text is everything after, word for word.
Anchors are written in the source (``{#2020-1-1}``) so that they stay stable when items
are added or moved; where an author left one out it is derived from the position.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from dangjian.core.diagnostics import Diagnostics
from dangjian.text import headings

SECTION_MARK = re.compile(r"^([一二三四五六七八九十]+)、(.+)$")
ITEM_MARK = re.compile(r"^([一二三四五六七八九十]+是)(.+)$")
TASK_MARK = re.compile(r"^([一二三四五六七八九十]+是|[（(][一二三四五六七八九十]+[）)]"
                       r"|[（(][0-9]{1,3}[）)]|[0-9]{1,3}[.．、](?![0-9]))(.+)$")
"""An item's marker in any numbering plans use: 一是, （一）, (1), 1., 1、."""


@dataclass
class Item:
    id: str
    marker: str
    """一是, （二）, 3. … as written."""
    heading: str
    """The first sentence as written, punctuation included."""
    text: str
    line: int

    @property
    def title(self) -> str:
        return self.heading.rstrip("。；;.")


ItemDecorator = Callable[[Item], tuple[str, str]]
"""HTML to put after an item's heading and after its text."""


@dataclass
class Section:
    id: str
    marker: str
    title: str
    line: int
    intro: str = ""
    items: list[Item] = field(default_factory=list)


@dataclass
class Plan:
    preamble: str = ""
    sections: list[Section] = field(default_factory=list)

    @property
    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]

    def staged(self, decorate: ItemDecorator | None = None) -> str:
        """The plan as staged Markdown; ``decorate`` adds HTML after an item's heading and
        after its text (status, owners, citations …)."""
        out = [self.preamble.strip(), ""]
        for section in self.sections:
            out += [headings.render(2, f"{section.marker}、{section.title}", section.id,
                                    "dj-plan-section"), ""]
            if section.intro.strip():
                out += [section.intro.strip(), ""]
            for item in section.items:
                head, tail = decorate(item) if decorate else ("", "")
                out += [headings.render(3, f"{item.marker}{item.heading}", item.id,
                                        "dj-plan-item"), ""]
                out += [head, ""] if head else []
                if item.text.strip():
                    out += [item.text.strip(), ""]
                out += [tail, ""] if tail else []
        return "\n".join(out)


def parse(text: str, first_line: int, year: int, source: str,
          diagnostics: Diagnostics) -> Plan:
    plan = Plan()
    current: list[str] = []  # lines of the block being filled

    def flush() -> None:
        block = "\n".join(current)
        if plan.sections and plan.sections[-1].items:
            plan.sections[-1].items[-1].text += block
        elif plan.sections:
            plan.sections[-1].intro += block
        else:
            plan.preamble += block
        current.clear()

    seen: dict[str, int] = {}
    for offset, line in enumerate(text.split("\n")):
        heading = headings.parse(line)
        line_no = first_line + offset
        section_match = heading and heading.level == 2 and SECTION_MARK.match(heading.text)
        item_match = heading and heading.level == 3 and TASK_MARK.match(heading.text)
        if section_match and heading:
            flush()
            position = len(plan.sections) + 1
            anchor = heading.anchor or f"{year}-{position}"
            plan.sections.append(Section(anchor, section_match.group(1),
                                         section_match.group(2).strip(), line_no))
        elif item_match and heading:
            flush()
            if not plan.sections:
                diagnostics.error(source, line_no, "items",
                                  "工作事项（X是…、（一）、1. 等）须位于某一部分（一、…）之下")
                continue
            section = plan.sections[-1]
            anchor = heading.anchor or f"{section.id}-{len(section.items) + 1}"
            section.items.append(Item(anchor, item_match.group(1),
                                      item_match.group(2).strip(), "", line_no))
        else:
            current.append(line + "\n")
            continue
        if anchor in seen:
            diagnostics.error(source, line_no, "id",
                              f"锚点 “{anchor}” 重复，已用于第 {seen[anchor]} 行")
        seen[anchor] = line_no
    flush()
    if not plan.sections:
        diagnostics.error(source, first_line, "sections",
                          "工作要点没有任何部分：应有 “## 一、…” 形式的标题")
    return plan
