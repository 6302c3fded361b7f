"""Text from front matter and data files, made inert for the stage that reads it next.

Authors' and imported values are data: a title with ``<img onerror=…>``, ``[x](javascript:…)``
or ``{: onclick=… }`` must reach the reader as those characters, never as markup. Every
generated page puts a value through exactly one of these, chosen by where it lands.
"""

from __future__ import annotations

from html import escape as _html_escape

# What Python-Markdown (with the tables extension) accepts a backslash before: emphasis,
# code, links and images, attribute lists, headings, lists, tables, abbreviations. "<", ">"
# and "&" are taken care of by the HTML escape that follows.
_MARKDOWN_SPECIAL = frozenset("\\`*_{}[]()#+-.!|")


def html_text(value: object) -> str:
    """For HTML element content and attribute values (quotes escaped too)."""
    return _html_escape(str(value), quote=True)


def markdown_text(value: object) -> str:
    """For inline Markdown: HTML-escaped, and every Markdown punctuation backslash-escaped.

    Newlines become spaces, so a value can never open a new block (a heading, a list,
    a raw HTML block) in the page it is written into.
    """
    text = " ".join(str(value).split())
    marked = "".join("\\" + char if char in _MARKDOWN_SPECIAL else char for char in text)
    return _html_escape(marked, quote=True)
