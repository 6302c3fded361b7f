"""The page functions authors may call in a page body, and nothing else that looks like a
template.

    {{ metadata_card("zhibu-gongzuo-tiaoli") }}
    {{ work_items("x-2020") }}
    {{ doc_link("zhibu-gongzuo-tiaoli") }}

No template engine ever sees content: these three calls are recognised here and expanded
by the core (``pages.page_functions``). Any other ``{{ … }}``, ``{% … %}`` or ``{# … #}``
in prose is reported, so that an author who expects it to be evaluated learns it is not
and a hostile text cannot hide in it. Code (spans, fenced and indented blocks) is left
alone, and a backslash before the first brace (``\\{{``) shows the braces themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dangjian.text import markup

FUNCTIONS = ("metadata_card", "work_items", "doc_link")

# Within one paragraph: a blank line ends any template-looking span.
_ONE_PARAGRAPH = r"(?:(?!\n[ \t]*\n).)*?"
_TEMPLATE = re.compile(
    rf"(?<!\\)(?:\{{\{{{_ONE_PARAGRAPH}\}}\}}|\{{%{_ONE_PARAGRAPH}%\}}|\{{#[^{{}}]*?#\}})",
    re.S,
)
_CALL = re.compile(
    r"\{\{\s*(" + "|".join(FUNCTIONS) + r")\s*\(\s*"
    r"""(?:"([^"\n]*)"|'([^'\n]*)')\s*\)\s*\}\}\Z"""
)
_HEADING = re.compile(r"^[ \t]{0,3}#")
_SHOWN = 40


@dataclass(frozen=True)
class Call:
    start: int
    end: int
    """Offsets of the whole ``{{ … }}`` in the text."""
    function: str
    doc_id: str
    line: int


@dataclass(frozen=True)
class Problem:
    line: int
    message: str


@dataclass
class Found:
    calls: list[Call]
    problems: list[Problem]


def find(text: str, first_line: int = 1) -> Found:
    """Every page-function call in the prose of ``text``, and every other template-looking
    span as a problem; lines count from ``first_line``."""
    masked = markup.mask_code(text)
    found = Found([], [])
    for match in _TEMPLATE.finditer(masked):
        start, end = match.span()
        written = text[start:end]
        line = first_line + text.count("\n", 0, start)
        call = _CALL.match(written)
        if call is None:
            found.problems.append(Problem(line, _unsupported(written)))
        elif _HEADING.match(text[text.rfind("\n", 0, start) + 1:start]):
            found.problems.append(Problem(line, f"标题中不能调用页面函数 {call.group(1)}"))
        else:
            doc_id = call.group(2) if call.group(2) is not None else call.group(3)
            found.calls.append(Call(start, end, call.group(1), doc_id, line))
    return found


def _unsupported(written: str) -> str:
    shown = " ".join(written.split())
    if len(shown) > _SHOWN:
        shown = shown[:_SHOWN] + "…"
    allowed = "、".join(f'{{{{ {name}("标识") }}}}' for name in FUNCTIONS)
    return (f"不支持的模板写法“{shown}”：页面中只能调用 {allowed}；"
            f"要显示花括号本身，请在第一个花括号前加反斜杠（\\{{{{）")
