"""Classification markings (秘密★1年, 密级：机密, 【绝密】) found in any text.

A marking can be disguised without changing what a reader sees: full-width or other
compatibility forms, zero-width and other invisible characters, spaced-out characters,
Markdown emphasis or heading markers, HTML tags or character references around it. All
of these are undone before the forms are matched. The level words alone are ordinary
vocabulary in the regulations themselves (保守党和国家的秘密, 国家秘密, 商业机密), so a
word is a marking only in one of the forms official documents use:

- followed by a star, as the standard header writes it (秘密★1年, 机密☆, 绝密★长期);
- after the 密级 label (密级：秘密);
- in square brackets (【秘密】, [机密], 〔绝密〕);
- alone on its line or table cell, optionally with a duration (绝密, **秘密**, # 秘密 1年).

Speed matters because every page, search index and data file of a site is searched:
lines are only normalised when a raw pattern shows a level word may be in them, and all
normalisation is done by the standard library's C code.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

# Invisible characters a marking could be split or hidden with: Unicode's
# Default_Ignorable_Code_Point set, combining marks, and every kind of space.
_IGNORABLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
    "\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
    "\u3099\u309a"
)
_BLANK = re.compile(f"[\\s{_IGNORABLE}]+")
# A comment's text is published too: only its delimiters go.
_TAG = re.compile(r"<!--|-->|<[A-Za-z/!?][^<>]*>")
_EMPHASIS = "*_~="

# The first character of a level word as it may appear before normalisation (㊙ is
# NFKC 秘; 祕, 機 and 絕 are variant and traditional forms), then anything invisible
# or markup, then 密. Numeric character references stand for either character.
_REF = r"&#[xX]?[0-9a-fA-F]{1,8};?"
_GAP = rf"(?:[^\S\n]|[{_IGNORABLE}{_EMPHASIS}]|<[^<>\n]{{0,200}}>|{_REF})*"
_CANDIDATE = re.compile(rf"(?:[秘祕㊙机機绝絕]|{_REF}){_GAP}(?:密|{_REF})")

_LEVELS = {"秘": "秘密", "祕": "秘密", "机": "机密", "機": "机密", "绝": "绝密", "絕": "绝密"}
# The forms are matched on the normalised line with Markdown's emphasis markers taken
# out, so an ASCII "*" after a level word is simply dropped: it is emphasis as often as
# a star, and the forms that need a star need one of these.
_EMPHASIS_MARKS = re.compile(r"[*_~=]+")
_LEVEL = r"(?P<level>[秘祕机機绝絕])密"
_STAR = "★☆✩✪✫✬✭✮✯✰⋆✱✲✳✴✵✶✷✸✹✺✻✼✽✾❂❃❄❅❆❇❈❉❊❋⭐🟉🟊"
_DURATION = (r"(?:(?:\d+|[一二三四五六七八九十两百]+)个?(?:年|月|日|天)内?"
             r"|长期|長期|永久|\d{4}年\d{1,2}月(?:\d{1,2}日)?|\d{4}[-./]\d{1,2}[-./]\d{1,2})")
_OPEN = r"[\[【〔〖(「『]"
_CLOSE = r"[\]】〕〗)」』]"
_URGENCY = r"(?:特急|加急|特提|平急|急件|紧急)"
# Markdown's block markers (heading, quote, list, definition) and a heading's trailing
# attribute list or permalink sign do not change what a line says.
_PREFIX = r"(?:[#>:+\-]|\d+[.)、])*"
_SUFFIX = r"(?:\{[^{}]*\})?[¶¤§#]*"

_STARRED = re.compile(rf"{_LEVEL}[{_STAR}]")
_LABELLED = re.compile(rf"密[级級]:?{_OPEN}?{_LEVEL}(?![、和与或及/])")
_BRACKETED = re.compile(rf"[\[【〔〖]{_LEVEL}级?[{_STAR}]*{_DURATION}?[\]】〕〗]")
_ALONE = re.compile(rf"{_PREFIX}{_OPEN}?(?:\d+)?{_LEVEL}级?[{_STAR}]*{_DURATION}?{_CLOSE}?"
                    rf"{_URGENCY}?{_SUFFIX}")
_IN_LINE = ((_STARRED, "星号标志"), (_LABELLED, "密级标注"), (_BRACKETED, "括号标志"))

_SNIPPET = 120


@dataclass(frozen=True)
class Match:
    """A marking: its level, where it is in the text searched, and what it looked like."""

    level: str
    """秘密, 机密 or 绝密."""
    form: str
    """How it was written (星号标志, 密级标注, 括号标志, 单独成行), for messages."""
    offset: int
    """0-based character offset in the text searched."""
    line: int
    """1-based line in the text searched."""
    snippet: str
    """The text of its line around it, at most 120 characters."""


def normalize(text: str) -> str:
    """One line as a reader sees it: references decoded, tags and invisibles removed."""
    if "&" in text:
        text = html.unescape(text)
    text = unicodedata.normalize("NFKC", text)
    if "<" in text:
        text = _TAG.sub("", text)
    return _BLANK.sub("", text)


def may_contain(text: str) -> bool:
    """Whether ``text`` may hold a marking: False means surely not, and is fast."""
    return _CANDIDATE.search(text) is not None


def find_marking(text: str) -> Match | None:
    """The first classification marking in ``text``, or None."""
    return next(find_markings(text), None)


def find_markings(text: str) -> Iterator[Match]:
    """Every classification marking in ``text``, at most one per line, in order."""
    line_end = -1
    for candidate in _CANDIDATE.finditer(text):
        if candidate.start() < line_end:
            continue
        start = text.rfind("\n", 0, candidate.start()) + 1
        line_end = text.find("\n", candidate.end())
        if line_end < 0:
            line_end = len(text)
        match = _judge_line(text, start, line_end)
        if match is not None:
            yield match


def _judge_line(text: str, start: int, end: int) -> Match | None:
    line = text[start:end]
    normal = _EMPHASIS_MARKS.sub("", normalize(line))
    for pattern, form in _IN_LINE:
        found = pattern.search(normal)
        if found:
            nth = len(re.findall(_LEVEL, normal[:found.start("level")]))
            return _match(text, start, line, found.group("level"), form, nth)
    for cell in normal.split("|"):
        found = _ALONE.fullmatch(cell)
        if found:
            nth = len(re.findall(_LEVEL, normal[:normal.find(cell)]))
            return _match(text, start, line, found.group("level"), "单独成行", nth)
    return None


def _match(text: str, start: int, line: str, first: str, form: str, nth: int) -> Match:
    # The nth level word of the normalised line is, but for references that decode to
    # one, the nth candidate of the raw line.
    candidates = list(_CANDIDATE.finditer(line))
    at = candidates[min(nth, len(candidates) - 1)].start() if candidates else 0
    return Match(level=_LEVELS[first], form=form, offset=start + at,
                 line=text.count("\n", 0, start) + 1, snippet=_snippet(line, at))


def _snippet(line: str, at: int) -> str:
    stripped = line.strip()
    if len(stripped) <= _SNIPPET:
        return stripped
    begin = max(0, min(at - _SNIPPET // 3, len(line) - _SNIPPET))
    return line[begin:begin + _SNIPPET].strip()
