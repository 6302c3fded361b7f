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
    r"|\{\{.*?\}\}|\{%.*?%\}"                    # mkdocs-macros (Jinja)
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
