"""本站更新 (updates/index.md): every recorded release, newest first, with its date and what
changed, each changed document and article linked; and, in a bundle, the note on its home
page that names the bundle's 版本号, date and the changes since the bundle before.

What this build's audience may not read is left out of both, even where the release list
(recorded from the default audience's build) names it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dangjian.core import ui
from dangjian.core.changes import Changes, Doc
from dangjian.core.documents import Inventory
from dangjian.core.urls import Links
from dangjian.load.releases import Release
from dangjian.pages import change_list, fragments, search_fields
from dangjian.text import headings
from dangjian.text.escape import html_text, markdown_text

PAGE = "updates/index.md"
HOME = "index.md"


@dataclass(frozen=True)
class Edition:
    """What a bundle says of itself on its home page."""

    version: str
    date: str
    since: str | None = None
    """The 版本号 (or name) of the bundle it is compared with."""
    changes: Changes | None = None
    """None where no earlier bundle was given."""


@dataclass
class Updates:
    releases: list[Release] = field(default_factory=list)
    """As recorded, oldest first."""
    edition: Edition | None = None
    """Shown on the home page (the bundle)."""


def shown_in(inventory: Inventory, hidden: Inventory) -> change_list.Shown:
    def shown(doc: Doc) -> str | None:
        if doc.id in hidden.by_id:
            return None
        found = inventory.by_id.get(doc.id)
        return found.page if found is not None else ""
    return shown


def page(updates: Updates, shown: change_list.Shown, links: Links) -> str:
    title = ui.text("changes.title")
    parts = [f"---\ntitle: {html_text(title)}\n---\n", f"# {title}\n",
             ui.text("changes.intro") + "\n"]
    if not updates.releases:
        parts.append(ui.text("changes.none") + "\n")
    for release in reversed(updates.releases):
        heading = ui.text("changes.heading", version=release.version,
                          date=release.date.isoformat())
        parts.append(headings.render(2, markdown_text(heading), _anchor(release.version),
                                     "dj-release") + "\n")
        if release.note:
            parts.append(markdown_text(release.note) + "\n")
        empty = ui.text("changes.first" if release.first else "changes.unchanged")
        parts.append(f"{changes_html(release.changes, shown, links, empty)}\n")
    text = "\n".join(parts)
    # An empty list is nothing to find: the page is searched once it lists a release.
    return search_fields.index_as(text, title) if updates.releases else text


def _anchor(version: str) -> str:
    """v2026-11-30-1: an anchor made of the version's letters and digits."""
    return "v" + "".join(c if c.isascii() and c.isalnum() else "-" for c in version)


def changes_html(changes: Changes, shown: change_list.Shown, links: Links,
                 empty: str) -> str:
    groups = [{"label": group.label,
               "lines": [_line(line, links) for line in group.lines]}
              for group in change_list.groups(changes, shown)]
    return fragments.render("change-list", groups=groups, empty=empty)


def _line(line: change_list.Line, links: Links) -> dict[str, object]:
    href = links.to(line.page, line.anchor) if line.page else ""
    pieces = [(text, links.to(line.page, anchor) if anchor and line.page else "")
              for text, anchor in line.pieces]
    return {"href": href, "title": line.title, "pieces": pieces}


def on_home(body: str, edition: Edition, shown: change_list.Shown, links: Links) -> str:
    """The home page's body with the bundle's note after its first heading."""
    since = (ui.text("changes.since", version=edition.since) if edition.since
             else ui.text("changes.since_unknown"))
    changes = (changes_html(edition.changes, shown, links, ui.text("changes.unchanged"))
               if edition.changes is not None else "")
    note = fragments.render("bundle-edition", version=edition.version, date=edition.date,
                            since=since, changes=fragments.html(changes),
                            updates=links.to(PAGE))
    lines = body.split("\n")
    at = next((index + 1 for index, line in enumerate(lines) if line.startswith("# ")), 0)
    return "\n".join([*lines[:at], "", str(note), "", *lines[at:]])
