"""Which document a cited title means: a pure look-up over the inventory.

A title is tried, in order, against the citing document's own rules (``references``
in its front matter), exact titles and aliases, their form keys and their loose keys
(see ``normalize``). The first step that matches decides: one document is a match,
two or more are ambiguous and never settled by picking one. A title that matches
nothing but ends several titles (《意见》, 《决定》) is a short title whose meaning
only its context gives: it is ambiguous until a rule names the document.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import IntEnum

from dangjian.core.documents import Document
from dangjian.core.editions import split_suffix
from dangjian.text.normalize import form_key, loose_key

MAX_SUGGESTIONS = 3


class Step(IntEnum):
    RULE = 0
    EXACT = 1
    FORM = 2
    LOOSE = 3


@dataclass(frozen=True)
class Resolved:
    doc: Document
    step: Step
    volume: bool = False
    """Whether the volume written after the title (第三卷) belongs to the match."""


@dataclass(frozen=True)
class Ambiguous:
    candidates: tuple[Document, ...]
    short: bool
    """A short title (《决定》) rather than a clash of two documents' names."""


@dataclass(frozen=True)
class Missing:
    suggestions: tuple[Document, ...]


Outcome = Resolved | Ambiguous | Missing

Rules = Mapping[str, Document]
"""A citing document's own rules: form key of a short title → the document it means."""


def _volume(doc: Document) -> str | None:
    return getattr(doc.meta, "volume", None)


def _unique(docs: Iterable[Document]) -> tuple[Document, ...]:
    return tuple({doc.id: doc for doc in docs}.values())


class TitleIndex:
    """Titles and aliases of the citable documents, under each key of ``Step``."""

    def __init__(self, documents: Iterable[Document]):
        # An edition is found through its work (see ``References.edition_for``).
        self.documents = [doc for doc in documents
                          if doc.kind.cite_as_book and not doc.is_edition]
        self.names: list[tuple[str, Document]] = [
            (name, doc) for doc in self.documents for name in (doc.title, *doc.meta.aliases)
        ]
        self._loose_names = [(loose_key(name), doc) for name, doc in self.names]
        self._keys: dict[Step, dict[str, list[Document]]] = {step: {} for step in Step}
        for name, doc in self.names:
            keys = [(Step.EXACT, name), (Step.FORM, form_key(name)), (Step.LOOSE, loose_key(name))]
            pinned = split_suffix(name)
            if pinned is not None:
                # A title that names its edition (…（2018年修订）) is cited without it.
                keys.append((Step.LOOSE, loose_key(pinned.base)))
            for step, key in keys:
                holders = self._keys[step].setdefault(key, [])
                if doc not in holders:
                    holders.append(doc)
        # Look-ups that scan every name, kept per key: the same short or unknown title
        # is usually cited many times, and looked up again when pages are rendered.
        self._ending: dict[str, tuple[Document, ...]] = {}
        self._suggested: dict[str, tuple[Document, ...]] = {}

    def lookup(self, title: str, volume: str | None = None, rules: Rules | None = None,
               before: str = "") -> Outcome:
        """What ``title`` means; ``volume`` is a 第X卷 written right after it and
        ``before`` the text just before it (only used to order candidates).

        A title that matches nothing comes back as ``Missing`` without suggestions:
        finding look-alikes costs far more than a look-up, so ``suggest`` does it
        only for what is reported.
        """
        if rules:
            ruled = rules.get(form_key(title))
            if ruled is not None:
                return Resolved(ruled, Step.RULE, _takes_volume(ruled, volume))
        for step, key in ((Step.EXACT, title.strip()), (Step.FORM, form_key(title)),
                          (Step.LOOSE, loose_key(title))):
            holders = self._keys[step].get(key)
            if holders:
                return _choose(holders, step, volume)
        short = self.ending_with(title)
        if short:
            return Ambiguous(tuple(_by_context(short, title, before)[:MAX_SUGGESTIONS]), short=True)
        return Missing(())

    def ending_with(self, title: str) -> tuple[Document, ...]:
        """Documents with a longer name that ends with ``title`` (《意见》 → …的意见)."""
        key = loose_key(title)
        if not key:
            return ()
        if key not in self._ending:
            self._ending[key] = _unique(doc for name, doc in self._loose_names
                                        if len(name) > len(key) and name.endswith(key))
        return self._ending[key]

    def suggest(self, title: str) -> tuple[Document, ...]:
        """Up to three documents whose names look like ``title``."""
        key = form_key(title)
        if key not in self._suggested:
            by_form = self._keys[Step.FORM]
            close = difflib.get_close_matches(key, list(by_form), n=MAX_SUGGESTIONS * 2,
                                              cutoff=0.6)
            found = _unique(doc for match in close for doc in by_form[match])
            self._suggested[key] = found[:MAX_SUGGESTIONS]
        return self._suggested[key]


def _takes_volume(doc: Document, volume: str | None) -> bool:
    return volume is not None and _volume(doc) is not None


def _choose(holders: list[Document], step: Step, volume: str | None) -> Outcome:
    if volume is not None and any(_volume(doc) for doc in holders):
        matching = [doc for doc in holders
                    if _volume(doc) and form_key(_volume(doc)) == form_key(volume)]
        if not matching:
            return Missing(tuple(holders[:MAX_SUGGESTIONS]))
        holders = matching
    if len(holders) > 1:
        return Ambiguous(tuple(holders), short=False)
    doc = holders[0]
    return Resolved(doc, step, _takes_volume(doc, volume))


def _by_context(candidates: tuple[Document, ...], title: str, before: str) -> list[Document]:
    """Candidates whose full name the preceding text completes come first:
    四中全会《决定》 → 四中全会决定."""
    tail = loose_key(before[-40:])
    short = loose_key(title)

    def score(doc: Document) -> float:
        best = 0.0
        for name in (doc.title, *doc.meta.aliases):
            prefix = loose_key(name).removesuffix(short)
            if prefix and tail.endswith(prefix):
                return 2.0
            matcher = difflib.SequenceMatcher(None, prefix, tail[-len(prefix) - 4:])
            best = max(best, matcher.ratio())
        return best

    return sorted(candidates, key=lambda doc: -score(doc))
