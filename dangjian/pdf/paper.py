"""A rendered document page made a document on paper: its article alone, without what
only works on screen, links as plain text, and for a work plan its tracking as a table."""

from __future__ import annotations

from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from dangjian.core import ui
from dangjian.pages import fragments

ARTICLE = "article.md-content__inner"
WEB_ONLY = ", ".join([
    ".headerlink", ".dj-search-fields", ".dj-outline", ".dj-paper__controls", ".dj-card",
    ".dj-item-meta", ".dj-item-refs", ".dj-sample-tag", ".dj-backlinks-title",
    ".dj-backlinks__count", ".dj-backlinks", ".dj-stepbar", ".dj-track", ".dj-citations",
    ".dj-glossary-terms", ".md-button", "script", "noscript", "template", "form", "button",
    "input", "iframe", "object", "embed",
])
"""Navigation, search fields, controls, self-checks, backlinks and the card (its one line
is printed under the title instead)."""
PLAIN = "a, abbr, mark"
"""Printed as their text: a link leads nowhere on paper, a tooltip cannot be hovered."""
BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, dt, dd, td, th, caption, figcaption, blockquote"


class NotADocumentPage(ValueError):
    """The rendered page has no article: not a document page of this build."""


@dataclass(frozen=True)
class Paper:
    title: str
    body: str
    """The article's inner HTML, ready for print.css."""
    tracking: list[list[str]]
    """A work plan's items: title, status, lead, support, due; empty otherwise."""

    def html(self, author: str, with_tracking: bool = True) -> str:
        tracking = ""
        if with_tracking and self.tracking:
            tracking = str(fragments.render("paper-tracking", columns=tracking_columns(),
                                            rows=self.tracking))
        return str(fragments.render("pdf-document", title=self.title, author=author,
                                    body=fragments.html(self.body),
                                    tracking=fragments.html(tracking)))

    def blocks(self) -> list[str]:
        """The text of each block, for the classification check."""
        tree = LexborHTMLParser(f"<body>{self.body}</body>")
        texts = [node.text(separator="") for node in tree.css(BLOCKS)]
        return [*texts, *(cell for row in self.tracking for cell in row)]


def tracking_columns() -> list[str]:
    return [ui.text("listing.items_column"), ui.text("plan.status"), ui.text("plan.lead"),
            ui.text("plan.support"), ui.text("plan.due")]


def from_page(html: str) -> Paper:
    """The paper of a rendered document page (the HTML file this build wrote)."""
    tree = LexborHTMLParser(html)
    article = tree.css_first(ARTICLE)
    if article is None:
        raise NotADocumentPage(ARTICLE)
    title_node = article.css_first("h1")
    title = _text(title_node) if title_node is not None else ""
    tracking = [_tracking_row(item) for item in article.css("h3.dj-plan-item")]
    for heading in article.css(".dj-selfcheck"):
        _drop_heading_before(heading)
    for node in article.css(WEB_ONLY):
        node.decompose()
    for node in article.css(PLAIN):
        node.unwrap()
    body = article.css_first("[data-pagefind-body]") or article
    return Paper(title, body.inner_html or "", tracking)


def _text(node: LexborNode) -> str:
    """A heading's words, without its permalink sign."""
    link = node.css_first(".headerlink")
    words = node.text(separator="")
    return words.removesuffix(link.text()).strip() if link is not None else words.strip()


def _drop_heading_before(node: LexborNode) -> None:
    """The 自测题 heading goes with its questions."""
    previous = node.prev
    while previous is not None and previous.tag in ("-text", "#text"):
        previous = previous.prev
    if previous is not None and previous.tag in ("h2", "h3"):
        previous.decompose()


def _tracking_row(item: LexborNode) -> list[str]:
    """Title, status, lead, support and due of one plan item, from its meta block."""
    fields: dict[str, str] = {}
    meta = item.next
    while meta is not None and meta.tag in ("-text", "#text"):
        meta = meta.next
    if meta is not None and "dj-item-meta" in (meta.attributes.get("class") or ""):
        for row in meta.css("dt"):
            value = row.next
            if value is not None and value.tag == "dd":
                fields[row.text().strip()] = value.text(separator="").strip()
    wanted = tracking_columns()[1:]
    return [_text(item), *(fields.get(label, "") for label in wanted)]
