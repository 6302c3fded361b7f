"""Material's navigation rendered once for the pages of a section, not once per page.

With ``navigation.prune`` the sidebar of a page shows its own section opened and the
others closed, so every page of a section (in the same folder) gets the same sidebar
except for its own entry: the active one, with the page's table of contents inside. The
first page of a section renders the sidebar with Material's own template; each further
page of that section reuses it and swaps two entries, each rendered by Material's own
macro (``partials/nav-item.html``): the first page's entry becomes a plain link, the
page's own plain link becomes its active entry. Whatever this cannot find exactly once
is rendered in full instead, as is any site whose templates replace Material's sidebar.
A page's table of contents, which Material draws twice, is rendered once.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.utils import normalize_url

NAV = "partials/nav.html"
NAV_ITEM = "partials/nav-item.html"
TOC = "partials/toc.html"
ENABLED = True
"""Off, every sidebar is rendered in full (tests compare the two)."""


@dataclass
class _Entry:
    html: str
    page: Any
    active: str
    """The page's own entry as it stands in ``html``."""


class NavCache:
    def __init__(self, env: Environment, material_dir: Path):
        self.nav = env.get_template(NAV)
        self.items = env.get_template(NAV_ITEM)
        self.original = self.nav.root_render_func
        self.entries: dict[tuple, _Entry] = {}
        self.reused = 0
        self.toc = env.get_template(TOC)
        self.original_toc = self.toc.root_render_func
        self._toc: tuple[Any, str] | None = None
        self.usable = all(Path(t.filename or "").is_relative_to(material_dir)
                          for t in (self.nav, self.items, self.toc))
        if self.usable:
            self.nav.root_render_func = self._render
            self.toc.root_render_func = self._render_toc

    def _render_toc(self, context):
        """A page's table of contents is drawn twice (in its sidebar entry and in the
        secondary sidebar) from the page alone: rendered once."""
        page = context.get("page")
        if page is None or self._toc is None or self._toc[0] is not page:
            self._toc = (page, "".join(self.original_toc(context)))
        yield self._toc[1]

    def _render(self, context):
        page = context.get("page")
        key = _key(page)
        if key is None:
            yield from self.original(context)
            return
        entry = self.entries.get(key)
        if entry is not None:
            derived = self._derive(entry, context, page)
            if derived is not None:
                self.reused += 1
                yield derived
                return
        html = "".join(self.original(context))
        active = self._leaf(context, page)
        if html.count(active) == 1:
            self.entries[key] = _Entry(html, page, active)
        yield html

    def _leaf(self, context, item) -> str:
        module = self.items.make_module(context.get_all())
        # A page's entry does not depend on its path, level or parent.
        # ``render`` is the macro nav-item.html defines: unknown to the stubs.
        return str(module.render(item, "", 1, None))  # type: ignore[attr-defined]

    def _derive(self, entry: _Entry, context, page) -> str | None:
        html = entry.html
        href = normalize_url(page.url, page=entry.page, base=context.get("base_url", ""))
        link = f'<a href="{href}" class="md-nav__link">'
        if html.count(link) != 1 or html.count(entry.active) != 1:
            return None
        at = html.index(link)
        start, end = html.rfind("<li", 0, at), html.find("</li>", at)
        if start < 0 or end < 0 or "<li" in html[start + 3:at]:
            return None
        end += len("</li>")
        # The plain entry of the first page, as this page shows it; the page's own plain
        # entry in the cached sidebar has the same surrounding whitespace.
        plain = self._leaf(context, entry.page)
        if "<li" not in plain:
            return None
        lead = plain[:plain.find("<li")]
        trail = plain[plain.rfind("</li>") + len("</li>"):]
        if html[start - len(lead):start] != lead or html[end:end + len(trail)] != trail:
            return None
        first = html.index(entry.active)
        replacements = sorted([(first, first + len(entry.active), plain),
                               (start - len(lead), end + len(trail),
                                self._leaf(context, page))])
        if replacements[0][1] > replacements[1][0]:
            return None
        out, cursor = [], 0
        for begin, finish, text in replacements:
            out += [html[cursor:begin], text]
            cursor = finish
        out.append(html[cursor:])
        return "".join(out)


def _key(page) -> tuple | None:
    """Pages that share a sidebar but for their own entry: the same sections open, the
    same folder (links are relative to the page). Section index pages are marked in
    their section's heading, so they are rendered in full."""
    if page is None or page.is_index or page.parent is None:
        return None
    url = page.url.rstrip("/")
    return (tuple(id(section) for section in page.ancestors), posixpath.dirname(url),
            page.url.endswith("/"))
