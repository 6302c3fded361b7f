"""Where in a Markdown text prose is, as opposed to code, templates, HTML and links.

Citations are looked for only in prose. ``mask`` blanks everything else with a filler
of the same length, so that offsets found in the masked text are offsets in the
original text.
"""

from __future__ import annotations

import re

FILLER = "\x00"

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_PROTECTED = re.compile(
    r"(`+)(?:(?!\n[ \t]*\n).)+?\1"                # inline code, within a paragraph
    r"|\{\{.*?\}\}|\{%.*?%\}"                    # page-function calls
    r"|<a\b[^>]*>.*?</a\s*>"                     # a link written in HTML
    r"|<[A-Za-z/!][^>\n]*>"                      # any other HTML tag (its attributes)
    r"|!?\[[^\]\n]*\]\([^)\n]*\)"                # a Markdown link or image
    r"|!?\[[^\]\n]*\]\[[^\]\n]*\]",              # a reference-style link
    re.S | re.I,
)
_WIKILINK = re.compile(r"\[\[[^\[\]\n]*\]\]")


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", FILLER, match.group(0))


def _mask_fences(text: str) -> str:
    lines = text.split("\n")
    fence = ""
    for index, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = ""
            lines[index] = FILLER * len(line)
        elif match:
            fence = match.group(1)
            lines[index] = FILLER * len(line)
    return "\n".join(lines)


def mask(text: str) -> str:
    """``text`` with code, templates, HTML and existing links blanked out."""
    return _PROTECTED.sub(_blank, _mask_fences(text))


def mask_wikilinks(masked: str) -> str:
    """A masked text with explicit ``[[…]]`` links blanked out too."""
    return _WIKILINK.sub(_blank, masked)


_CODE_SPAN = re.compile(r"(`+)(?:(?!\n[ \t]*\n).)+?\1", re.S)
_BLOCK_OPENER = re.compile(
    r"^[ \t]*(?:[-*+][ \t]|\d+[.)][ \t]"         # list items
    r"|!!!|\?\?\?"                               # admonitions and details
    r"|:[ \t]|\[\^[^\]]+\]:)"                    # definitions and footnotes
)


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))


def _mask_indented_code(text: str) -> str:
    """Blank indented code blocks: indented four columns deeper than the list item,
    admonition or definition it belongs to, after a blank line."""
    lines = text.split("\n")
    base = 0          # where the content of the innermost open container starts
    in_code = False
    previous_blank = True
    for index, line in enumerate(lines):
        if not line.strip() or set(line) == {FILLER}:
            previous_blank = True
            continue
        indent = _indent(line)
        if in_code and indent >= base + 4 or previous_blank and indent >= base + 4:
            in_code = True
            lines[index] = FILLER * len(line)
        else:
            in_code = False
            if _BLOCK_OPENER.match(line):
                base = indent // 4 * 4 + 4
            elif previous_blank and indent < base:
                base = indent // 4 * 4
        previous_blank = False
    return "\n".join(lines)


def mask_code(text: str) -> str:
    """``text`` with only code blanked out: fenced and indented blocks, code spans.

    Everything else, HTML and links included, is what a reader gets as text.
    """
    return _CODE_SPAN.sub(_blank, _mask_indented_code(_mask_fences(text)))
