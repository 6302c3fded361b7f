"""Works and editions over time: which edition is in force on a date, and the status that
follows from the dates.

A regulation (the work) may have several editions, each adopted (通过), published (公布)
and put in force (施行) on its own dates; the work may be abolished (废止) on a date. The
computation here is pure: it knows dates, not files or pages.

A status computed from dates is *strong* where the dates prove it (a later edition is in
force, the edition is not yet in force, the work is abolished) and *weak* where it only
follows from what the site does not hold (no later edition here, so 现行有效): a status an
author sets by hand wins over a weak one and loses to a strong one.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass

from dangjian.core.model import Status

KEY_PATTERN = re.compile(r"^(\d{4})(?:-[a-z0-9]{1,3})?$")
"""File name (without .md) of an edition: its year, with a short suffix for a second
edition of the same year (2018-2). A 对照 page is named by two years (2017-2022), which
no edition file can be."""

_SUFFIX = re.compile(
    r"[（(]\s*(\d{4})\s*年\s*(修订|修正|修改|版|本|修订版|修正版|修改版)?\s*[）)]\s*$")
"""（2018年修订）, （2017年）, (2022年修改) at the end of a title."""


@dataclass(frozen=True)
class Dates:
    """The dates of one edition, each None where unknown."""

    adopted: dt.date | None = None
    issued: dt.date | None = None
    effective: dt.date | None = None

    @property
    def start(self) -> dt.date | None:
        """When the edition took effect: 施行, else 公布, else 通过 (many party regulations
        take effect on publication, and the 党章 on adoption)."""
        return self.effective or self.issued or self.adopted

    @property
    def known(self) -> bool:
        return self.start is not None


@dataclass(frozen=True)
class Edition:
    key: str
    """Stable name of the edition: the year (2017), or 2018-2."""
    dates: Dates

    @property
    def year(self) -> int | None:
        match = KEY_PATTERN.match(self.key)
        return int(match.group(1)) if match else None


@dataclass(frozen=True)
class Verdict:
    status: Status
    strong: bool
    """Proved by dates rather than inferred from what the site lacks."""


@dataclass(frozen=True)
class Timeline:
    """The editions of one work in order, and the date it was abolished, if any."""

    editions: tuple[Edition, ...]
    abolished: dt.date | None = None

    @classmethod
    def of(cls, editions: Sequence[Edition], abolished: dt.date | None = None) -> Timeline:
        return cls(tuple(sorted(editions, key=order_key)), abolished)

    def successor(self, edition: Edition) -> Edition | None:
        """The edition that followed ``edition``."""
        index = self.editions.index(edition)
        return self.editions[index + 1] if index + 1 < len(self.editions) else None

    def predecessor(self, edition: Edition) -> Edition | None:
        index = self.editions.index(edition)
        return self.editions[index - 1] if index > 0 else None

    def in_force(self, on: dt.date) -> Edition | None:
        """The edition in force on ``on``: the last one that had started by then.

        None when the work was abolished by then, or no dated edition had started.
        """
        if self.abolished is not None and self.abolished <= on:
            return None
        started = [e for e in self.editions if e.dates.start is not None and e.dates.start <= on]
        return started[-1] if started else None

    def current(self, today: dt.date) -> Edition | None:
        """The edition a reader of the work means today: the one in force, else (abolished,
        or not yet in force, or undated) the latest edition."""
        found = self.in_force(today)
        if found is not None:
            return found
        started = [e for e in self.editions if e.dates.start is not None and e.dates.start <= today]
        return started[-1] if started else (self.editions[-1] if self.editions else None)

    def until(self, edition: Edition) -> dt.date | None:
        """The day the edition stopped being in force (its successor's start, or the
        abolition), or None while it is."""
        successor = self.successor(edition)
        ends = [d for d in (successor.dates.start if successor else None, self.abolished) if d]
        return min(ends) if ends else None

    def status(self, edition: Edition, today: dt.date) -> Verdict | None:
        """The status of ``edition`` on ``today``, or None where its dates are unknown."""
        start = edition.dates.start
        successor = self.successor(edition)
        if successor is not None and successor.dates.start is not None \
                and successor.dates.start <= today \
                and (self.abolished is None or successor.dates.start < self.abolished):
            return Verdict(Status.REVISED, True)
        if self.abolished is not None and self.abolished <= today:
            return Verdict(Status.ABOLISHED, True)
        if start is None:
            return None
        if start > today:
            return Verdict(Status.PENDING, True)
        if successor is not None and successor.dates.start is None:
            return None  # a later edition of unknown date may already be in force
        return Verdict(Status.IN_FORCE, False)

    def work_status(self, today: dt.date) -> Verdict | None:
        """The status of the work as a whole: that of the edition in force today."""
        if self.abolished is not None and self.abolished <= today:
            return Verdict(Status.ABOLISHED, True)
        current = self.current(today)
        if current is None:
            return None
        verdict = self.status(current, today)
        if verdict is not None and verdict.status is Status.REVISED:
            return Verdict(Status.IN_FORCE, False)
        return verdict


def order_key(edition: Edition) -> tuple:
    """Editions in time: by start date, undated ones first (taken as older), then by key."""
    start = edition.dates.start
    return (start is not None, start or dt.date.min, edition.key)


def decide(verdict: Verdict | None, hand_set: Status | None) -> Status | None:
    """The status shown: a strong verdict, else the author's, else a weak verdict."""
    if verdict is not None and verdict.strong:
        return verdict.status
    return hand_set or (verdict.status if verdict else None)


def today() -> dt.date:
    """The day the site is built for. ``SOURCE_DATE_EPOCH`` fixes it, so that the same
    input builds the same bytes on any day (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


@dataclass(frozen=True)
class Suffix:
    base: str
    """The title without the edition suffix."""
    year: int
    label: str
    """As written inside the brackets: 2018年修订."""


def split_suffix(title: str) -> Suffix | None:
    """（2018年修订） or （2017年） at the end of ``title``, which pins an edition."""
    match = _SUFFIX.search(title)
    if match is None or not title[:match.start()].strip():
        return None
    label = f"{match.group(1)}年{match.group(2) or ''}"
    return Suffix(title[:match.start()].rstrip(), int(match.group(1)), label)


def pinned(editions: Sequence[Edition], year: int) -> Edition | None:
    """The edition a citation pins by its year: adopted, issued or effective that year,
    or named after it."""
    def years(edition: Edition) -> set[int]:
        dates = edition.dates
        found = {d.year for d in (dates.adopted, dates.issued, dates.effective) if d}
        return found | ({edition.year} if edition.year else set())

    by_key = [e for e in editions if e.year == year]
    if by_key:
        return by_key[0]
    matching = [e for e in editions if year in years(e)]
    return matching[0] if matching else None


def written_on(meta: object) -> dt.date | None:
    """The date a document speaks from, which decides the editions it cites: a regulation's
    adoption or publication, a study material's date, a plan's or a book's year (its first
    day: a year's plan is written as the year begins)."""
    for name in ("adopted", "issued", "date", "effective"):
        value = getattr(meta, name, None)
        if isinstance(value, dt.date):
            return value
    year = getattr(meta, "year", None)
    return dt.date(year, 1, 1) if isinstance(year, int) else None


def default_label(key: str) -> str:
    """How an edition is named when its file does not say: 2017年版."""
    match = KEY_PATTERN.match(key)
    if match is None:
        return key
    rest = key[len(match.group(1)):]
    return f"{match.group(1)}年版" + (f"（{rest.lstrip('-')}）" if rest else "")
