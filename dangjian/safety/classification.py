"""涉密不上网: classified material is never built.

A marking is read from the ``classification`` (or ``密级``) key of any YAML mapping —
front matter and data files alike, since all YAML passes through ``yamlsource.load`` —
and from a marking line at the top of a document's text (“秘密★1年”). Only 公开 and
内部 may be built; 秘密, 机密 and 绝密 stop the build, and an unknown marking is an
error rather than a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

KEYS = ("classification", "密级")
ALLOWED = ("公开", "内部")
CLASSIFIED = ("秘密", "机密", "绝密")

_BODY_MARK = re.compile(r"^\s*(绝密|机密|秘密)\s*(★|\*|$)")
_BODY_LINES_LOOKED_AT = 5


@dataclass(frozen=True)
class Refusal:
    line: int
    field: str
    message: str


def _judge(value: Any, line: int, field: str) -> Refusal | None:
    text = str(value).strip() if value is not None else ""
    if text in ALLOWED or not text:
        return None
    level = next((level for level in CLASSIFIED if text.startswith(level)), None)
    if level is not None:
        return Refusal(line, field, f"标注为“{text}”的涉密材料不得构建到任何输出"
                                    "（涉密不上网）：请从内容目录中移除")
    return Refusal(line, field, f"未知的密级标注“{text}”：可构建的只有 {'、'.join(ALLOWED)}；"
                                f"{'、'.join(CLASSIFIED)}材料不得上网")


def scan_tree(data: Any, line_of, path: tuple = (), depth: int = 0) -> Refusal | None:
    """First refusal in any mapping of ``data``; ``line_of(path)`` gives a key's line."""
    if depth > 64:
        return None
    if isinstance(data, dict):
        for key in KEYS:
            if key in data:
                refusal = _judge(data[key], line_of((*path, key)), ".".join(map(str, (*path, key))))
                if refusal:
                    return refusal
        children = data.items()
    elif isinstance(data, list):
        children = enumerate(data)
    else:
        return None
    for key, value in children:
        refusal = scan_tree(value, line_of, (*path, key), depth + 1)
        if refusal:
            return refusal
    return None


def scan_body(text: str, first_line: int) -> Refusal | None:
    """A marking line among the first lines of a text, as official documents carry it."""
    seen = 0
    for offset, line in enumerate(text.split("\n")):
        if not line.strip():
            continue
        match = _BODY_MARK.match(line)
        if match:
            return Refusal(first_line + offset, "密级",
                           f"正文标有“{line.strip()}”：涉密材料不得构建到任何输出（涉密不上网）")
        seen += 1
        if seen >= _BODY_LINES_LOOKED_AT:
            break
    return None
