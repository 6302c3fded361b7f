"""Splitting a large site's search index into parts that the browser merges.

Pagefind holds every page it indexes in memory until it writes the index, so its peak
grows faster than the site (1.3 GiB at 2,000 pages, 3.1 GiB at 5,000). Indexed in parts
of at most ``PART_PAGES`` pages, one after the other, no run holds more than one part;
the search box loads the first part as its primary index and merges the others
(Pagefind's ``mergeIndex``), so a query still returns one ranked list.

Pagefind scores a page against the word statistics of its own index (how rare a word
is, how long pages are), and the merged list compares those scores. So every part is a
sample of the whole site rather than one section of it: pages are dealt to the parts in
path order, each part gets its share of every section, and a word is about as rare in
each part as in the site.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

PART_PAGES = 1500
"""Pages in one index run. Pagefind 1.6.0 peaks at about 0.9 GiB for 1,500 of the
generated corpus' pages (bench/run.py); the build stays well under 1.5 GiB."""

PART_PAGES_VARIABLE = "DANGJIAN_SEARCH_PART_PAGES"


def part_size(configured: int | None = None) -> int:
    """``configured``, else ``DANGJIAN_SEARCH_PART_PAGES``, else ``PART_PAGES``."""
    if configured:
        return max(1, configured)
    value = os.environ.get(PART_PAGES_VARIABLE, "")
    return max(1, int(value)) if value.isdigit() else PART_PAGES


def plan(pages: Iterable[str], size: int) -> list[list[str]]:
    """Site-relative page paths dealt into as few parts as hold at most ``size`` pages
    each, like cards: page *i* in path order goes to part *i* mod the number of parts."""
    ordered = sorted(pages)
    count = max(1, -(-len(ordered) // size))
    return [ordered[number::count] for number in range(count)] if ordered else []


def link_part(site: Path, pages: list[str], folder: Path) -> None:
    """A folder holding ``pages`` at their site paths (hard links: no copying), which
    Pagefind indexes as if it were the site."""
    for page in pages:
        target = folder / page
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site / page, target)
        except OSError:  # a file system without hard links
            target.write_bytes((site / page).read_bytes())
