"""Audiences: who may read what, and the content of a build for one audience.

Material for a narrower audience (e.g. 党委委员) must appear only in builds for that
audience. The build therefore removes it right after loading, before references are
resolved and pages generated, so no later step (pages, navigation, search indexes,
sitemap, backlinks, tracks, tooltips, bundle) can see it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from dangjian.core.diagnostics import Diagnostics
from dangjian.core.documents import Inventory
from dangjian.core.kinds import WORKPLAN
from dangjian.load.assets import published
from dangjian.load.glossary import Glossary
from dangjian.load.loader import Content
from dangjian.load.tracks import Track

DEFAULT = "全体党员"


@dataclass(frozen=True)
class Audiences:
    """Each audience and the audiences whose material it may read besides its own."""

    also_reads: dict[str, tuple[str, ...]] = field(default_factory=lambda: {
        DEFAULT: (), "支部书记": (DEFAULT,), "党委委员": (DEFAULT, "支部书记")})
    default: str = DEFAULT

    def readable_by(self, audience: str) -> frozenset[str]:
        return frozenset((audience, *self.also_reads.get(audience, ())))

    def check(self, content: Content, diagnostics: Diagnostics) -> None:
        """Every ``visibility`` names a declared audience."""
        known = "、".join(self.also_reads)
        for doc in content.inventory.documents:
            if doc.meta.visibility not in self.also_reads:
                diagnostics.error(doc.source, doc.lines.line_of(("visibility",)), "visibility",
                                  f"未知的可见范围“{doc.meta.visibility}”，应为：{known}")
        for page in content.pages:
            visibility = getattr(page.meta, "visibility", None)
            if visibility is not None and visibility not in self.also_reads:
                diagnostics.error(page.source, 2, "visibility",
                                  f"未知的可见范围“{visibility}”，应为：{known}")


def restrict(content: Content, audience: str, audiences: Audiences) -> Content:
    """The content that ``audience`` may read; the rest goes to ``hidden``."""
    readable = audiences.readable_by(audience)
    visible, hidden = Inventory(), Inventory()
    throwaway = Diagnostics()  # duplicates were reported when the content was loaded
    for doc in content.inventory.documents:
        (visible if doc.meta.visibility in readable else hidden).add(doc, throwaway)
    pages = [page for page in content.pages
             if getattr(page.meta, "visibility", DEFAULT) in readable]
    plans = {doc.id for doc in visible.of_kind(WORKPLAN)}
    readable_bodies = ([(doc.page, doc.body) for doc in visible.documents]
                       + [(page.page, page.body) for page in pages])
    return replace(content, inventory=visible, hidden=hidden, pages=pages,
                   assets=published(content.assets, readable_bodies),
                   tracking=content.tracking.only(plans),
                   glossary=_glossary(content.glossary, hidden),
                   tracks=_tracks(content.tracks, hidden))


def _glossary(glossary: Glossary, hidden: Inventory) -> Glossary:
    """Terms whose source this audience may not read lose the source; a term that has
    nothing but a quote from such a source goes altogether."""
    terms = []
    for term in glossary.terms:
        if term.doc is None or term.doc.id not in hidden.by_id:
            terms.append(term)
        elif term.own:
            meta = term.meta.model_copy(update={"source": None, "quote": None, "at": None})
            terms.append(replace(term, meta=meta, doc=None))
    return replace(glossary, terms=terms)


def _tracks(tracks: list[Track], hidden: Inventory) -> list[Track]:
    """Steps on what this audience may not read are left out; so is a track left empty."""
    kept = []
    for track in tracks:
        steps = [step for step in track.steps if step.doc.id not in hidden.by_id
                 and (step.plan_item is None or step.plan_item[0].id not in hidden.by_id)]
        if steps:
            kept.append(replace(track, steps=[replace(step, number=number)
                                              for number, step in enumerate(steps, 1)]))
    return kept


__all__ = ["Audiences", "DEFAULT", "Inventory", "restrict"]
