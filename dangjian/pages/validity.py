"""时效性: the dates that decide a regulation's status, in one line of its card."""

from __future__ import annotations

import datetime as dt

from dangjian.core import ui
from dangjian.core.documents import Document
from dangjian.core.model import Status
from dangjian.load.editions import dates_of


def day(day: dt.date) -> str:
    return day.isoformat()


def validity(doc: Document) -> str:
    """时效性: the dates that decide the status, in one line."""
    meta = doc.meta
    start = dates_of(meta).start
    status = meta.status
    if start is None:
        return ui.text("editions.undated")
    if status is Status.PENDING:
        return ui.text("editions.pending", date=day(start))
    shown = ui.text("editions.since", date=day(start))
    work = doc.work
    if work is not None and work.timeline is not None and doc.edition is not None:
        successor = work.timeline.successor(doc.edition)
        later = next((e for e in work.editions if e.edition == successor), None)
        if later is not None and status is Status.REVISED and later.edition is not None \
                and later.edition.dates.start is not None:
            return shown + ui.text("editions.replaced", date=day(later.edition.dates.start),
                                   edition=later.edition_label)
    if meta.abolished is not None and status is Status.ABOLISHED:
        return shown + ui.text("editions.abolished", date=day(meta.abolished))
    if status is Status.IN_FORCE:
        return shown + ui.text("editions.in_force")
    return shown
