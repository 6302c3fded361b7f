"""Splitting a Markdown file into its YAML front matter and its body."""

from __future__ import annotations

from dataclasses import dataclass

FENCE = "---"


@dataclass(frozen=True)
class Split:
    meta_text: str | None
    """The YAML between the fences, or None when the file has no front matter."""
    meta_first_line: int
    """File line of the first YAML line (the line after the opening fence)."""
    body: str
    body_first_line: int
    """File line on which the body starts."""


class UnclosedFrontMatter(Exception):
    def __init__(self, line: int):
        self.line = line
        super().__init__(f"front matter opened on line {line} is never closed")


def split(text: str) -> Split:
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        return Split(None, 1, text, 1)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (FENCE, "..."):
            meta = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return Split(meta, 2, body, index + 2)
    raise UnclosedFrontMatter(1)
