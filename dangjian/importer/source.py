"""An incoming document as a list of lines, whatever file it came from."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Line:
    """One line of a text file, or one paragraph (or table) of a Word file."""

    number: int
    """1-based line of the text file, or paragraph of the Word file."""
    text: str
    heading: int | None = None
    """Heading level that a Word style gave the paragraph (1 = 标题 1); 0 for its Title."""
    table: str | None = None
    """A table, already written as Markdown; ``text`` then holds its cells in order."""


@dataclass
class Source:
    path: str
    """As shown in messages."""
    lines: list[Line]
    encoding: str
    """How the bytes were read: UTF-8, GBK, GB18030, docx …"""
    unit: str = "行"
    """What a line number counts: 行 in a text file, 段 in a Word file."""
    notes: list[str] = field(default_factory=list)
    """What the reader itself wants the report to mention."""

    @classmethod
    def from_text(cls, path: str, text: str, encoding: str) -> Source:
        lines = [Line(number, line) for number, line in enumerate(text.split("\n"), 1)]
        return cls(path, lines, encoding)
