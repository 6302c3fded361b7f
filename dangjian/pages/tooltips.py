"""Glossary tooltips: the first occurrence of each term on a page becomes
``<abbr title="explanation">term</abbr>``, which Material shows as a tooltip.

This works on the staged Markdown, before any engine sees it, and only in running
prose: headings, links, book titles (《…》, which the reference resolver reads), code,
HTML blocks, attribute lists and page-function calls are left exactly as they were. Python-
Markdown's own ``abbr`` extension cannot be used for this: it matches on ``\\b`` word
boundaries, which a term in the middle of a Chinese sentence does not have.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from html import escape

# Spans of a line that must stay as written.
_PROTECTED = re.compile(
    r"`+.*?`+"                                   # code spans
    r"|!?\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])?"    # links, images, references, footnotes
    r"|<(a|abbr|code|kbd|button|h[1-6])\b[^>]*>.*?</\1\s*>"  # inline elements kept whole
    r"|<[^<>]*>"                                 # any other tag
    r"|\{\{.*?\}\}|\{%.*?%\}|\{[^{}]*\}"         # page functions, attribute lists
    r"|《[^》]*》"                                # book titles: the resolver reads them
    r"|\w+://\S+"                                # bare URLs
)
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HTML_BLOCK = re.compile(r"^\s{0,3}<(?:[A-Za-z!/?])")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s")
_CONTAINER = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s")
_SKIPPED_LINE = re.compile(r"^\s{0,3}(?:#|\*\[|\[[^\]]+\]:|\|?\s*:?-{3,})")


def annotate(markdown: str, terms: Mapping[str, tuple[str, str]]) -> str:
    """Mark the first prose occurrence of each term.

    ``terms`` maps every written form to (the term it belongs to, its tooltip); a term
    is marked once per page, whichever of its forms comes first.
    """
    if not terms:
        return markdown
    pattern = re.compile("|".join(re.escape(form) for form in
                                  sorted(terms, key=len, reverse=True)))
    lines = markdown.split("\n")
    done: set[str] = set()
    count = len({term for term, _ in terms.values()})
    for index in _prose_lines(lines):
        lines[index] = _annotate_line(lines[index], pattern, terms, done)
        if len(done) == count:
            break
    return "\n".join(lines)


def _prose_lines(lines: list[str]) -> Iterator[int]:
    """Indexes of the lines that hold running text."""
    index = _after_front_matter(lines)
    fence = ""
    in_html = in_container = False
    previous_blank = True
    while index < len(lines):
        line = lines[index]
        blank = not line.strip()
        if fence:
            fence = "" if line.strip().startswith(fence) else fence
        elif match := _FENCE.match(line):
            fence = match.group(1)
        elif in_html:
            in_html = not blank
        elif previous_blank and _HTML_BLOCK.match(line):
            in_html = True
        elif blank:
            pass
        elif _LIST_ITEM.match(line):
            in_container = True
            yield index
        elif _CONTAINER.match(line):
            in_container = True
        elif line.startswith(("    ", "\t")):
            # Indented text is prose inside an admonition or a list, code elsewhere.
            if in_container and not _SKIPPED_LINE.match(line.strip()):
                yield index
        else:
            in_container = False
            if _is_paragraph(lines, index):
                yield index
        previous_blank = blank
        index += 1


def _is_paragraph(lines: list[str], index: int) -> bool:
    """A top-level text line that is neither skipped nor a setext heading's title."""
    following = lines[index + 1] if index + 1 < len(lines) else ""
    return not _SKIPPED_LINE.match(lines[index]) and not _SETEXT.match(following)


def _after_front_matter(lines: list[str]) -> int:
    if lines and lines[0].rstrip() == "---":
        for index in range(1, len(lines)):
            if lines[index].rstrip() in ("---", "..."):
                return index + 1
    return 0


def _annotate_line(line: str, pattern: re.Pattern[str], terms: Mapping[str, tuple[str, str]],
                   done: set[str]) -> str:
    protected = [match.span() for match in _PROTECTED.finditer(line)]
    out: list[str] = []
    last = 0
    for match in pattern.finditer(line):
        term, tooltip = terms[match.group(0)]
        start, end = match.span()
        if term in done or any(s < end and start < e for s, e in protected):
            continue
        done.add(term)
        # “|” would split a Markdown table cell.
        title = escape(tooltip, quote=True).replace("|", "&#124;")
        out += [line[last:start], f'<abbr title="{title}">{match.group(0)}</abbr>']
        last = end
    return "".join(out) + line[last:] if out else line
