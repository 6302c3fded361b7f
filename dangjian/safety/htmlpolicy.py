"""Raw HTML that authors may write in Markdown, and what is refused.

Content comes from many authors; scripts, frames, plug-ins, inline event handlers and
``javascript:`` URLs could run code in every member's browser, so they are refused with
file and line. Tags outside the allow-list are refused too, so that the list is the
whole policy and can be documented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
    "section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "time", "tr", "u", "ul",
})

_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
# A tag name must be followed by a space, "/" or ">": autolinks such as <https://…> and
# <name@example.org> are not tags.
_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)(?=[\s/>])((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_EVENT_ATTR = re.compile(r"(?:^|\s)(on[a-z]+)\s*=", re.I)
_MD_LINK_URL = re.compile(r"\]\(\s*<?([^)\s>]*)")
_ATTR_URL = re.compile(r"(?:href|src|action|formaction|xlink:href)\s*=\s*[\"']?\s*([^\"'\s>]*)",
                       re.I)


@dataclass(frozen=True)
class Violation:
    line: int
    message: str


def _is_script_url(url: str) -> bool:
    cleaned = re.sub(r"[\s\x00-\x1f]", "", url).lower()
    return cleaned.startswith(("javascript:", "vbscript:", "data:text/html"))


def scan(text: str, first_line: int = 1) -> list[Violation]:
    found: list[Violation] = []
    in_fence = None
    for offset, raw in enumerate(text.split("\n")):
        line_no = first_line + offset
        fence = _FENCE.match(raw)
        if fence:
            in_fence = None if in_fence == fence.group(1) else (in_fence or fence.group(1))
            continue
        if in_fence or raw.startswith(("    ", "\t")) and not raw.strip().startswith("<"):
            continue
        line = _CODE_SPAN.sub("", raw)
        for match in _TAG.finditer(line):
            name = match.group(2).lower()
            if not match.group(1) and name not in ALLOWED_TAGS:
                found.append(Violation(line_no,
                                       f"不允许的 HTML 标签 <{name}>（允许的标签见 README）"))
            for attr in _EVENT_ATTR.findall(match.group(3)):
                found.append(Violation(line_no, f"不允许的事件属性 {attr}="))
            for url in _ATTR_URL.findall(match.group(3)):
                if _is_script_url(url):
                    found.append(Violation(line_no, f"不允许的脚本链接 {url[:40]}"))
        for url in _MD_LINK_URL.findall(line):
            if _is_script_url(url):
                found.append(Violation(line_no, f"不允许的脚本链接 {url[:40]}"))
    return found
