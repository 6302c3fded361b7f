"""Pinyin glosses that web mirrors put after hard characters: 改進(jìn)調查研究.

They are not part of the document: the import reports them, and removes them when asked
(``--strip-glosses``), never silently, since a bracketed Latin word may be the text's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dangjian.importer.source import Line

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
GLOSS = re.compile(rf"(?<=[\u3400-\u9fff])[(（]([a-z{_TONED}]{{1,6}}\d?)[)）]")
"""A syllable of pinyin in brackets right after a Han character, tone marked or not."""
_TONE = re.compile(rf"[{_TONED}]|\d$")


@dataclass
class Glosses:
    lines: list[Line] = field(default_factory=list)
    found: dict[int, list[str]] = field(default_factory=dict)
    """Line number → the glosses on it, as written."""

    @property
    def count(self) -> int:
        return sum(len(found) for found in self.found.values())


def find(lines: list[Line], strip: bool) -> Glosses:
    """The glosses of ``lines`` (only tone-marked ones, or many: a lone “(a)” is text);
    with ``strip``, the lines without them."""
    result = Glosses()
    for line in lines:
        found = [match.group(0) for match in GLOSS.finditer(line.text)] \
            if line.table is None else []
        if found:
            result.found[line.number] = result.found.get(line.number, []) + found
    marked = sum(1 for found in result.found.values() for gloss in found if _TONE.search(gloss))
    if not marked:
        result.found = {}
    result.lines = [Line(line.number, GLOSS.sub("", line.text), line.heading, line.table)
                    if strip and line.number in result.found else line for line in lines]
    return result
