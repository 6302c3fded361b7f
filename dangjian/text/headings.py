"""Markdown heading lines with an optional attribute list: ``## 标题 {#id .class}``."""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]*\{([^{}]*)\})?[ \t]*#*[ \t]*$")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str | None


def parse(line: str) -> Heading | None:
    match = _HEADING.match(line)
    if not match:
        return None
    anchor = None
    for part in (match.group(3) or "").split():
        if part.startswith("#"):
            anchor = part[1:]
    return Heading(len(match.group(1)), match.group(2).strip(), anchor)


def render(level: int, text: str, anchor: str, *classes: str) -> str:
    attrs = " ".join([f"#{anchor}", *(f".{name}" for name in classes)])
    return f"{'#' * level} {text} {{ {attrs} }}"
