"""The collector's header that some texts carry above the document itself:

    title: …
    issuer: …
    doc_number: …
    issued: 2019-05-06
    effective:
    source: https://…
    partial: yes
    note: …
    ---

It is metadata about the text, not part of it: its values go into the front matter
and its lines leave the body (the report says so).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dangjian.importer.source import Line

KEYS = ("title", "issuer", "doc_number", "issued", "effective", "source", "partial", "note")
_FIELD = re.compile(rf"^({'|'.join(KEYS)})[ \t]*:[ \t]*(.*)$")
_MAX_LINES = 20


@dataclass
class Header:
    values: dict[str, str] = field(default_factory=dict)
    """Fields given a value; empty ones are left out."""
    lines: list[Line] = field(default_factory=list)
    """The header's lines, the closing ``---`` included."""

    @property
    def partial(self) -> bool | None:
        value = self.values.get("partial", "").lower()
        if value in {"yes", "true", "是"}:
            return True
        if value in {"no", "false", "否"}:
            return False
        return None


def split(lines: list[Line]) -> tuple[Header | None, list[Line]]:
    """The header (when the lines open with one) and the lines after it."""
    if not lines or not _FIELD.match(lines[0].text.strip()):
        return None, lines
    header = Header()
    for index, line in enumerate(lines[:_MAX_LINES]):
        text = line.text.strip()
        if text == "---":
            header.lines = lines[: index + 1]
            return header, lines[index + 1 :]
        match = _FIELD.match(text)
        if match is None:
            return None, lines
        if match.group(2).strip():
            header.values[match.group(1)] = match.group(2).strip()
    return None, lines
