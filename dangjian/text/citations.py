"""Finding citations in text: 《title》, what follows it (第三卷, 第十条至第十二条), the
file line and the sentence around it.

The finder knows nothing about documents; it only reads text. Offsets refer to the text
given, so that the same finder serves both the check (source text, file lines) and the
rendering (staged text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dangjian.core.editions import split_suffix
from dangjian.text import markup, numerals

_NUM = f"[{numerals.NUMERAL_CHARS}]+|[0-9]+"
_BOOK = re.compile(r"《([^《》\n]*)》")
_VOLUME = re.compile(rf"第(?:{_NUM})卷")
_EDITION = re.compile(r"[（(][ \t]*(\d{4})[ \t]*年[ \t]*(?:修订|修正|修改|版|本)?[ \t]*[）)]")
"""（2018年修订） or （2017年） right after 》: the edition the citation means."""
_DIVISION = re.compile(rf"第({_NUM})(条|章)(?:第(?:{_NUM})(?:款|项))?")
_OF = re.compile(r"的(?=第)")
_JOINER = re.compile(r"至|到|和|及|以及|与|、|-|—|–|～|~")
_SENTENCE_END = "。！？；!?;\n"
_SENTENCE_END_RE = re.compile(f"[{_SENTENCE_END}]")
_CONTEXT_CHARS = 60
"""Characters kept on each side of a citation in a long sentence."""
_WINDOW = 4 * _CONTEXT_CHARS


@dataclass(frozen=True)
class Division:
    """第十条 (or 第一章) written right after a citation."""

    start: int
    end: int
    unit: str
    """条 or 章."""
    number: int


@dataclass(frozen=True)
class Context:
    """The sentence around a citation, split so that the citation can be highlighted."""

    before: str
    cited: str
    after: str

    def __str__(self) -> str:
        return self.before + self.cited + self.after


@dataclass(frozen=True)
class Citation:
    title: str
    """What stands between 《 and 》, as written."""
    start: int
    end: int
    """End of 《…》 itself; the volume and divisions that follow have their own spans."""
    line: int
    volume: str | None
    volume_end: int
    """End of the volume (第三卷) when there is one, else the end of the edition."""
    divisions: tuple[Division, ...]
    context: Context
    edition_year: int | None = None
    """The year of an edition pinned by （2018年修订）, inside or right after 《》."""
    edition_end: int = -1
    """End of a pin written after 》, else ``end``."""
    base_title: str = ""
    """The title without a pin written inside 《》, else the title."""

    @property
    def written(self) -> str:
        return f"《{self.title}》"


class LineCounter:
    """File lines of increasing offsets in one text, counted once from the last one."""

    def __init__(self, text: str, first_line: int):
        self.text = text
        self.line = first_line
        self.offset = 0

    def at(self, offset: int) -> int:
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


def context(text: str, start: int, end: int) -> Context:
    """The sentence holding ``text[start:end]``, cut to a readable length."""
    # Only a window around the citation is searched: what lies beyond it would be cut
    # anyway, and searching a long text to its ends for every citation is quadratic.
    floor = max(0, start - _WINDOW)
    left = max(floor, *(text.rfind(ch, floor, start) + 1 for ch in _SENTENCE_END))
    found = _SENTENCE_END_RE.search(text, end, end + _WINDOW)
    right = found.start() if found else min(len(text), end + _WINDOW)
    if found and text[right] != "\n":
        right += 1
    before, after = text[left:start].lstrip(" \t#>-*"), text[end:right].rstrip()
    after = re.sub(r"\s*\{[^{}]*\}$", "", after)
    if len(before) > _CONTEXT_CHARS:
        before = "…" + before[-_CONTEXT_CHARS:]
    if len(after) > _CONTEXT_CHARS:
        after = after[:_CONTEXT_CHARS] + "…"
    return Context(before.strip(), text[start:end], after.strip())


def _divisions(masked: str, at: int) -> list[Division]:
    found: list[Division] = []
    of = _OF.match(masked, at)
    position = of.end() if of else at
    while True:
        match = _DIVISION.match(masked, position)
        if match is None:
            break
        number = numerals.to_int(match.group(1))
        if number is None:
            break
        found.append(Division(match.start(), match.end(), match.group(2), number))
        joiner = _JOINER.match(masked, match.end())
        if joiner is None or not _DIVISION.match(masked, joiner.end()):
            break
        position = joiner.end()
    return found


def find(text: str, first_line: int = 1) -> list[Citation]:
    """Every non-empty 《…》 in the prose of ``text``.

    An empty 《》 cites nothing and is skipped: sources sometimes lose the title inside
    the marks, and the site keeps such text as it came rather than guess the title.
    """
    masked = markup.mask_wikilinks(markup.mask(text))
    lines = LineCounter(text, first_line)
    found = []
    for match in _BOOK.finditer(masked):
        title = match.group(1)
        if not title.strip():
            continue
        inside = split_suffix(title)
        after = _EDITION.match(masked, match.end())
        edition_end = after.end() if after else match.end()
        volume = _VOLUME.match(masked, edition_end)
        volume_end = volume.end() if volume else edition_end
        divisions = _divisions(masked, volume_end)
        year = int(after.group(1)) if after else (inside.year if inside else None)
        found.append(Citation(
            title=title, start=match.start(), end=match.end(),
            line=lines.at(match.start()),
            volume=volume.group(0) if volume else None, volume_end=volume_end,
            divisions=tuple(divisions),
            context=context(text, match.start(), divisions[-1].end if divisions
                            else volume_end),
            edition_year=year, edition_end=edition_end,
            base_title=inside.base if inside else title,
        ))
    return found
