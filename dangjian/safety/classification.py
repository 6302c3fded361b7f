"""涉密不上网: classified material is never built.

A marking is read from the ``classification`` (or ``密级``) key of any YAML mapping —
front matter and data files alike, since all YAML passes through ``yamlsource.load`` —
and found anywhere in the text of every other YAML string and of a document's body
(“秘密★1年” in a note, a glossary explanation or the body's header lines), in the forms
``markings`` recognises. Only 公开 and 内部 may be built; 秘密, 机密 and 绝密 stop the
build, and an unknown value of the key is an error rather than a guess.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dangjian.safety import markings

KEYS = ("classification", "密级")
ALLOWED = ("公开", "内部")
CLASSIFIED = ("秘密", "机密", "绝密")

_MAX_DEPTH = 64
_REFUSED = "涉密材料不得构建到任何输出（涉密不上网）：请从内容目录中移除"


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


def _judge_text(text: str, line: int, field: str) -> Refusal | None:
    match = markings.find_marking(text)
    if match is None:
        return None
    # A string with line breaks is a block scalar (“note: |”), whose text starts on the
    # line after its key; a single-line string is on its key's line.
    if "\n" in text.rstrip("\n"):
        line += match.line
    return Refusal(line, field, f"文字中含有密级标志“{match.snippet}”：{_REFUSED}")


def scan_tree(data: Any, line_of: Callable[[tuple], int], path: tuple = (),
              depth: int = 0) -> Refusal | None:
    """First refusal in ``data``; ``line_of(path)`` gives a key's or an item's line.

    The classification keys are judged by their value; every other string, keys
    included, is searched for a marking in its text.
    """
    if depth > _MAX_DEPTH:
        return None
    if isinstance(data, str):
        return _judge_text(data, line_of(path), _dotted(path) or "YAML")
    if isinstance(data, dict):
        return _scan_mapping(data, line_of, path, depth)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            refusal = scan_tree(value, line_of, (*path, index), depth + 1)
            if refusal:
                return refusal
    return None


def _scan_mapping(data: dict, line_of: Callable[[tuple], int], path: tuple,
                  depth: int) -> Refusal | None:
    for key in KEYS:
        if key in data:
            refusal = _judge(data[key], line_of((*path, key)), _dotted((*path, key)))
            if refusal:
                return refusal
    for key, value in data.items():
        refusal = None
        if isinstance(key, str):
            refusal = _judge_text(key, line_of((*path, key)), _dotted((*path, key)))
        if refusal is None and key not in KEYS:
            refusal = scan_tree(value, line_of, (*path, key), depth + 1)
        if refusal:
            return refusal
    return None


def scan_body(text: str, first_line: int) -> Refusal | None:
    """A marking anywhere in a document's text, not only in its header lines."""
    match = markings.find_marking(text)
    if match is None:
        return None
    return Refusal(first_line + match.line - 1, "密级",
                   f"正文标有“{match.snippet}”：{_REFUSED}")


def _dotted(path: tuple) -> str:
    return ".".join(map(str, path))
