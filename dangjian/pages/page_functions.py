"""The page functions authors call from a page body, expanded by the core at stage time.

    {{ metadata_card("zhibu-gongzuo-tiaoli") }}
    {{ work_items("x-2020") }}
    {{ doc_link("zhibu-gongzuo-tiaoli") }}

They read the same inventory as the build, so what they show can never disagree with the
generated pages. Calls are recognised (``text.author_calls``) in authored bodies only:
each one is first replaced by a token carrying a per-build secret, the page is put
together (citations, tooltips, generated parts holding front-matter and data text), and
then only the tokens become HTML. A value from front matter or ``data/`` that looks like
a call, or like a token, stays text.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import replace
from html import escape

from dangjian.core.documents import Document, Inventory
from dangjian.core.kinds import WORKPLAN
from dangjian.core.urls import Links
from dangjian.pages import cards, indexes
from dangjian.text import author_calls
from dangjian.text.author_calls import Call
from dangjian.text.workplan import Plan


def metadata_card(doc: Document, links: Links) -> str:
    return cards.card(doc, links)


def doc_link(doc: Document, links: Links) -> str:
    return f'<a href="{escape(links.to(doc.page))}">{escape(doc.display_title)}</a>'


def work_items(doc: Document, links: Links) -> str:
    return indexes.plan_outline(doc, links) if doc.kind is WORKPLAN else ""


FUNCTIONS: dict[str, Callable[[Document, Links], str]] = {
    "metadata_card": metadata_card, "work_items": work_items, "doc_link": doc_link,
}


class PageFunctions:
    """Marks the calls of authored text, and expands them once a page is complete."""

    def __init__(self, inventory: Inventory):
        self.inventory = inventory
        self.calls: list[Call] = []
        # Tokens look like a template span, which citations and tooltips leave alone.
        self._secret = secrets.token_hex(12)
        self._token = re.compile(r"\{\{dj-call:" + self._secret + r":(\d+)\}\}")

    def mark(self, authored: str) -> str:
        """``authored`` with each call replaced by its token."""
        pieces, done = [], 0
        for call in author_calls.find(authored).calls:
            pieces += [authored[done:call.start],
                       f"{{{{dj-call:{self._secret}:{len(self.calls)}}}}}"]
            self.calls.append(call)
            done = call.end
        return "".join([*pieces, authored[done:]]) if pieces else authored

    def mark_plan(self, plan: Plan) -> Plan:
        """A work plan whose authored paragraphs are marked (its headings hold no calls)."""
        sections = [replace(section, intro=self.mark(section.intro),
                            items=[replace(item, text=self.mark(item.text))
                                   for item in section.items])
                    for section in plan.sections]
        return replace(plan, preamble=self.mark(plan.preamble), sections=sections)

    def expand(self, page: str, links: Links) -> str:
        """``page`` with every token replaced by what its call shows from ``links``' page."""
        return self._token.sub(lambda match: self._show(self.calls[int(match.group(1))], links),
                               page)

    def _show(self, call: Call, links: Links) -> str:
        doc = self.inventory.call_target(call.doc_id)
        # Checked when the content was loaded: a document missing here is one this
        # build's audience may not read, and nothing of it may show.
        return FUNCTIONS[call.function](doc, links) if doc is not None else ""
