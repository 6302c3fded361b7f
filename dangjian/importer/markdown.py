"""The body of an imported document as the Markdown its kind is authored in.

Work plans get ``## 一、… {#2020-1}`` sections and ``### 一是….。 {#2020-1-1}`` items
(see ``workplan``); other kinds keep 第X章 / 第X条 lines as written (``regtext`` gives
them headings and anchors at build time) and get Markdown headings for 一、 （一） ….
Text is only ever added to (a heading mark, an anchor, an escaping backslash), never
changed, so every character of the source stays in the output in order.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from dangjian.importer.structure import Block, Doubt, numbered
from dangjian.text import workplan

# Line starts that Markdown would read as markup rather than text.
_MARKUP_START = re.compile(r"^(?:#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|\d{1,9}(?=\.(?:\s|$))"
                           r"|[-_*]{3,}\s*$|`{3,}|~{3,})")
# What a page would read as template syntax (and refuse): a backslash shows the brace.
_TEMPLATE = re.compile(r"\{(?=[{%#])")
_OPEN, _CLOSE = "“《（(「『【‘", "”》）)」』】’"
_STOPS = "。！？；"
ITEM_TITLE_MAX = 60


@dataclass
class Rendered:
    body: str
    doubts: list[Doubt] = field(default_factory=list)
    sections: int = 0
    items: int = 0
    recounted: Counter[str] = field(default_factory=Counter)
    """Numbered lines that became a plan's tasks, by the count they first went into
    (列项, （一）): a task is counted once, as a task."""


def escape(text: str) -> str:
    """``text`` as a Markdown paragraph that shows exactly ``text``."""
    match = _MARKUP_START.match(text)
    if match:
        # “1. ” starts a list: escape its dot; any other markup: escape its first sign.
        at = match.end() if match.group(0)[:1].isdigit() else 0
        text = text[:at] + "\\" + text[at:]
    return _TEMPLATE.sub(r"\\{", text)


def heading(level: int, text: str, anchor: str | None = None) -> str:
    shown = _TEMPLATE.sub(r"\\{", text)
    return f"{'#' * level} {shown}" + (f" {{#{anchor}}}" if anchor else "")


def first_sentence(text: str) -> tuple[str, str]:
    """Split after the first 。！？； that is not inside quotes or brackets."""
    depth = 0
    for index, char in enumerate(text):
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(depth - 1, 0)
        elif char in _STOPS and depth == 0:
            return text[: index + 1], text[index + 1 :]
    return text, ""


def render_body(blocks: list[Block], title: Block | None) -> Rendered:
    out = Rendered("")
    parts = [escape(title.text)] if title is not None else []
    parts += [_block(block) for block in blocks]
    out.body = "\n\n".join(parts) + "\n"
    return out


def _block(block: Block) -> str:
    if block.kind == "table":
        return block.table or ""
    if block.kind == "heading":
        return heading(block.level, block.text)
    if block.kind == "division":
        return block.text
    return escape(block.text)


def task_rank(blocks: list[Block]) -> int | None:
    """The kind of number (see ``structure.MARKERS``) that marks a plan's tasks where it
    has no 一是 lines: of the numbers below its 一、 sections, those that open sentences,
    else the highest; None when tasks are 一是 lines or there are none."""
    if any(block.kind == "item" for block in blocks):
        return None
    ranks: dict[int, list[bool]] = {}
    in_section = False
    for block in blocks:
        if block.kind == "heading" and workplan.SECTION_MARK.match(block.text):
            in_section = True
            continue
        found = numbered(block.text) if in_section and block.kind != "table" else None
        if found is not None and found[0] > 0:
            ranks.setdefault(found[0], []).append(block.kind == "paragraph")
    sentences = [rank for rank, kinds in ranks.items() if sum(kinds) * 2 > len(kinds)]
    candidates = sentences or list(ranks)
    return min(candidates) if candidates else None


def _as_task(block: Block, rank: int | None) -> Block:
    """A numbered line of the task rank as an item: its marker and the text after it."""
    found = numbered(block.text) if rank is not None and block.kind != "table" else None
    if found is None or found[0] != rank or not found[3].strip():
        return block
    return Block("item", block.line, block.text, marker=found[2], rest=found[3].strip())


def render_plan(blocks: list[Block], title: Block | None, year: int) -> Rendered:
    """A work plan: 一、 headings are its sections; 一是 lines, or else the numbered
    lines of the rank below the sections (（一） 1. 1、 (1)), its items."""
    out = Rendered("")
    parts = [escape(title.text)] if title is not None else []
    section = item = 0
    rank = task_rank(blocks)
    for block in blocks:
        if section:
            task = _as_task(block, rank)
            if task is not block and block.counted:
                out.recounted[block.counted] += 1
            block = task
        if block.kind == "heading" and workplan.SECTION_MARK.match(block.text):
            section, item = section + 1, 0
            parts.append(heading(2, block.text, f"{year}-{section}"))
        elif block.kind == "item" and section:
            item += 1
            item_title, text = first_sentence(block.rest)
            if not text and len(item_title) > ITEM_TITLE_MAX:
                out.doubts.append(Doubt(block.line, "item",
                                        "事项没有句号，整行都作了事项标题"))
            out.items += 1
            parts.append(heading(3, f"{block.marker}{item_title}", f"{year}-{section}-{item}"))
            if text.strip():
                parts.append(escape(text.strip()))
        elif block.kind == "item":
            out.doubts.append(Doubt(block.line, "item",
                                    f"“{block.marker}”出现在第一个部分（一、…）之前，按正文处理"))
            parts.append(escape(block.text))
        elif block.kind == "heading":
            # Levels 2 and 3 belong to sections and items.
            parts.append(heading(min(max(block.level, 4), 6), block.text))
        else:
            parts.append(_block(block))
    out.sections = section
    out.body = "\n\n".join(parts) + "\n"
    return out
