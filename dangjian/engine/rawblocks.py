"""HTML blocks set aside while Markdown converts a page, put back into its HTML after.

A staged page carries whole lines of HTML the core made (metadata card, search fields,
citation lists, plan rows). Python-Markdown passes them through unchanged, but only after
its ``md_in_html`` extractor and MkDocs' anchor collector have each fed them through an
HTML parser, which at thousands of pages is a large share of the build. Each such line
becomes a one-line HTML comment (which Markdown also passes through unchanged, in the
same place) and is put back once the page is converted, so the result is the same HTML.

The staged tree itself keeps the HTML: any Material-compatible engine renders it as is.

Only a line Markdown would take as a raw block on its own is set aside: after a blank
line and before one, outside fenced code, starting with a block-level tag whose element
closes exactly at the end of the line, with no ``markdown`` attribute (whose content
Markdown converts), no comment, no raw-text element, no ``<`` inside an attribute value.
Anything else stays for Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown import util
from mkdocs.structure.pages import _HTMLHandler

_MARK = "dangjian-raw-block"
_PLACEHOLDER = "<!-- " + _MARK + " {} -->"
_PUT_BACK = re.compile("<!-- " + _MARK + r" (\d+) -->")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_OPENING = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)[\s>]")
_UNSAFE = re.compile(r"<!--|<(?:script|style|pre|textarea|code)\b|\bmarkdown\b|=\"[^\"]*<",
                     re.IGNORECASE)
_ANCHORED = re.compile(r"\s(?:id|name)\s*=", re.IGNORECASE)
BLOCK_LEVEL = frozenset(util.BLOCK_LEVEL_ELEMENTS)


@dataclass
class SetAside:
    blocks: list[str] = field(default_factory=list)

    def restore(self, html: str) -> str:
        if not self.blocks:
            return html
        return _PUT_BACK.sub(lambda m: self.blocks[int(m.group(1))], html)

    def anchor_ids(self) -> set[str]:
        """The ids MkDocs would have found in these blocks (links to them are checked)."""
        ids: set[str] = set()
        for block in self.blocks:
            if _ANCHORED.search(block):
                handler = _HTMLHandler()
                handler.feed(block)
                handler.close()
                ids |= handler.present_anchor_ids
        return ids


def set_aside(markdown: str) -> tuple[str, SetAside]:
    """``markdown`` with its stand-alone HTML lines replaced by placeholders."""
    aside = SetAside()
    if _MARK in markdown:
        return markdown, aside  # an author wrote the marker: leave the page alone
    lines = markdown.split("\n")
    fence: str | None = None
    in_comment = False
    for i, line in enumerate(lines):
        was_in_comment = in_comment
        in_comment = _still_in_comment(line, in_comment)
        if was_in_comment:
            continue
        match = _FENCE.match(line)
        if match:
            marker = match.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence) and \
                    not line.strip()[len(marker):].strip():
                fence = None
            continue
        if fence is not None or not line.startswith("<"):
            continue
        if (i > 0 and lines[i - 1].strip()) or (i + 1 < len(lines) and lines[i + 1].strip()):
            continue
        if _whole_element(line):
            lines[i] = _PLACEHOLDER.format(len(aside.blocks))
            aside.blocks.append(line)
    return "\n".join(lines), aside


def _still_in_comment(line: str, inside: bool) -> bool:
    """Whether an HTML comment is open after ``line`` (a placeholder inside one would
    end it early)."""
    position = 0
    while True:
        if inside:
            end = line.find("-->", position)
            if end < 0:
                return True
            inside, position = False, end + 3
        start = line.find("<!--", position)
        if start < 0:
            return False
        inside, position = True, start + 4


def _whole_element(line: str) -> bool:
    """The line is one block-level element, closed exactly at its end."""
    opening = _OPENING.match(line)
    if not opening:
        return False
    tag = opening.group(1).lower()
    if tag not in BLOCK_LEVEL or _UNSAFE.search(line):
        return False
    closing = f"</{tag}>"
    if not line.rstrip().lower().endswith(closing):
        return False
    depth = 0
    text = line.rstrip().lower()
    for match in re.finditer(rf"<(/?){tag}[\s>]", text):
        depth += -1 if match.group(1) else 1
        if depth == 0 and match.end() != len(text):
            return False
    return depth == 0
