"""The thin MkDocs adapter: project settings, and page progress during a build.

Everything the product adds is done by the domain core before MkDocs runs (the staged
tree); MkDocs is only told where that tree is and reports how far rendering has got.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.plugins import BasePlugin

ProgressCallback = Callable[[int, int], None]


class DangjianConfig(base.Config):
    enabled = c.Type(bool, default=True)

    # Where content lives, relative to mkdocs.yml
    data_dir = c.Type(str, default="data")

    # Reference checking: fail the build on any unresolved or ambiguous citation
    strict = c.Type(bool, default=False)

    # Audiences: each one lists the audiences whose material it may read besides its own
    audiences = c.Type(dict, default={"全体党员": [], "支部书记": ["全体党员"],
                                      "党委委员": ["全体党员", "支部书记"]})
    audience = c.Type(str, default="全体党员")


class DangjianPlugin(BasePlugin[DangjianConfig]):
    progress: ProgressCallback | None = None
    """Set by the build driver; called with (pages rendered, pages in total)."""

    def __init__(self) -> None:
        self._total = 0
        self._done = 0
        self._last = 0.0

    def on_files(self, files, *, config):
        self._total = len(files.documentation_pages())
        self._done = 0
        return files

    def on_page_markdown(self, markdown, *, page, config, files):
        # A page without a front-matter title gets Material's <title>{{ page.title |
        # striptags }}, and striptags unescapes: "&lt;/title&gt;" would close the element.
        # Navigation titles are escaped text (Markup, see render.py): take the one given.
        if "title" not in page.meta and isinstance(page.title, Markup):
            page.meta["title"] = page.title
        return markdown

    # Counted once a page's HTML is complete: MkDocs converts every page's Markdown
    # before it renders any template, and the templates take most of the time.
    def on_post_page(self, output, *, page, config):
        self._done += 1
        now = time.monotonic()
        if self.progress and (now - self._last >= 1.0 or self._done == self._total):
            self._last = now
            self.progress(self._done, self._total)
        return output
