"""What a regulation's pages say about time: its 时效性, the 修订沿革 of a work with
several editions, and the banner on an edition that is not the one in force."""

from __future__ import annotations

import datetime as dt

from dangjian.core import ui
from dangjian.core.documents import Document
from dangjian.core.kinds import REGULATION
from dangjian.core.model import Status
from dangjian.core.urls import Links
from dangjian.load.editions import current_edition, dates_of
from dangjian.pages import cards, fragments
from dangjian.pages.validity import day as _day


def history(work: Document, links: Links, today: dt.date, compare: bool = True) -> str:
    """The 修订沿革 of a work with editions, newest first, or ''."""
    if work.timeline is None or not work.editions:
        return ""
    current = current_edition(work, today)
    rows = []
    previous: Document | None = None
    for edition in work.editions:
        dates = dates_of(edition.meta)
        rows.append({
            "href": links.to(edition.page), "label": edition.edition_label,
            "title": edition.title if edition.title != work.title else "",
            "adopted": _day(dates.adopted) if dates.adopted else "",
            "issued": _day(dates.issued) if dates.issued else "",
            "effective": _day(dates.effective) if dates.effective else "",
            "status": cards.status_badge(edition.meta.status),
            "current": edition is current,
            "compare": ({"href": links.to(comparison_page(previous, edition)),
                         "label": ui.text("editions.compare_with",
                                          edition=previous.edition_label)}
                        if compare and previous is not None and has_text(previous)
                        and has_text(edition)
                        else None),
        })
        previous = edition
    if current is None:
        intro = ""
    elif work.meta.status is Status.ABOLISHED and work.meta.abolished:
        intro = ui.text("editions.history_abolished", count=len(rows),
                        date=_day(work.meta.abolished), edition=current.edition_label)
    elif work.meta.status is Status.PENDING:
        intro = ui.text("editions.history_pending", count=len(rows),
                        edition=current.edition_label)
    else:
        intro = ui.text("editions.history_intro", count=len(rows), date=_day(today),
                        edition=current.edition_label)
    return str(fragments.render("edition-history", intro=intro, rows=list(reversed(rows))))


def has_text(doc: Document) -> bool:
    return doc.structure is not None and bool(getattr(doc.structure, "articles", None))


def comparison_page(older: Document, newer: Document) -> str:
    """Staged page of the 新旧对照 of two consecutive editions."""
    assert newer.work is not None and newer.edition is not None and older.edition is not None
    return f"{REGULATION.folder}/{newer.work.id}/{older.edition.key}-{newer.edition.key}.md"


def banner(doc: Document, links: Links, today: dt.date) -> str:
    """On an edition that is not in force: which edition replaced it and since when."""
    work = doc.work
    if work is None or work.timeline is None or doc.edition is None:
        return ""
    current = current_edition(work, today)
    status = doc.meta.status
    dates = dates_of(doc.meta)
    if status is Status.REVISED:
        successor_key = work.timeline.successor(doc.edition)
        successor = next((e for e in work.editions if e.edition == successor_key), None)
        if successor is None or successor.edition is None \
                or successor.edition.dates.start is None:
            return ""
        what = ui.text("editions.replaced_banner", edition=doc.display_title,
                       date=_day(successor.edition.dates.start),
                       successor=successor.display_title)
        css = "amended"
    elif status is Status.PENDING and dates.start is not None:
        what = ui.text("editions.pending_banner", edition=doc.display_title,
                       date=_day(dates.start))
        css = "pending"
    elif status is Status.ABOLISHED and work.meta.abolished is not None:
        what = ui.text("editions.abolished_banner", date=_day(work.meta.abolished),
                       edition=doc.display_title)
        css = "abolished"
    else:
        return ""
    shown_current = current if current is not None and current is not doc \
        and current.meta.status is Status.IN_FORCE else None
    return str(fragments.render(
        "edition-banner", css=css, what=what,
        current=({"href": links.to(work.page), "title": work.display_title,
                  "label": ui.text("editions.read_current")} if shown_current
                 else {"href": links.to(work.page), "title": work.display_title,
                       "label": ui.text("editions.work_page")})))
