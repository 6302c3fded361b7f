"""The thin MkDocs adapter: project settings, page progress, and the door it keeps shut.

Everything the product adds is done by the pipeline before MkDocs runs (the staged tree);
MkDocs is only told where that tree is and reports how far rendering has got. A build that
did not come through the pipeline — plain ``mkdocs build``, ``mkdocs serve`` or
``mkdocs gh-deploy`` with the project's mkdocs.yml — would render raw ``docs/`` with no
classification, audience or HTML check, so the plugin refuses it before anything is written.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from pathlib import Path

import material
from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.toc import get_toc

from dangjian.engine import navcache, rawblocks, templatecache
from dangjian.engine.shard import Shard

ProgressCallback = Callable[[int, int], None]

MATERIAL_TEMPLATES = Path(material.__file__).resolve().parent / "templates"

UNRENDERED_TEMPLATE = "dangjian-unrendered.html"
"""An empty template (dangjian/theme/): a page rendered with it is not written at all."""

REFUSAL = ("请用 dangjian build 构建（预览用 dangjian serve，离线包用 dangjian bundle）："
           "它在渲染之前检查密级、读者范围、HTML 和引用，并在发布之前检查生成的每个文件。"
           "直接运行 mkdocs build / serve / gh-deploy 会跳过这些检查，因此已拒绝，什么也没有写出。")


def _unrendered(page, config, files) -> None:  # noqa: ARG001 — Page.render's signature
    """What ``Page.render`` leaves on a page another worker renders."""
    page.content = ""
    page.toc = get_toc([])
    page.present_anchor_ids = None
    page.links_to_anchors = None


class DangjianConfig(base.Config):
    # Where content lives, relative to mkdocs.yml
    data_dir = c.Type(str, default="data")

    # Reference checking: fail the build on any warning (see README, “严格模式”)
    strict = c.Type(bool, default=False)

    # Audiences: each one lists the audiences whose material it may read besides its own
    audiences = c.Type(dict, default={"全体党员": [], "支部书记": ["全体党员"],
                                      "党委委员": ["全体党员", "支部书记"]})
    audience = c.Type(str, default="全体党员")

    # Other sites of the group (see dangjian/group/sites.py): validated by the pipeline
    libraries = c.Type(list, default=[])
    federation = c.Type(list, default=[])


class DangjianPlugin(BasePlugin[DangjianConfig]):
    progress: ProgressCallback | None = None
    """Set by the build driver; called with (pages rendered, pages in total)."""
    staged_by_pipeline = False
    """Set by the engine just before it renders a staged tree."""

    shard: Shard | None = None
    """Set in a render worker (engine/parallel.py): the pages this process writes."""

    def __init__(self) -> None:
        self._total = 0
        self._done = 0
        self._last = 0.0
        self._aside: dict[str, rawblocks.SetAside] = {}

    # Runs first, before any other plugin or MkDocs itself touches site_dir.
    @event_priority(100)
    def on_config(self, config):
        if not self.staged_by_pipeline:
            raise PluginError(REFUSAL)
        return config

    def on_env(self, env, *, config, files):  # noqa: ARG002
        if self.shard is not None and self.shard.chosen is not None:
            # Read and converted already; what is not chosen is not rendered either.
            for file in [f for f in files.documentation_pages()
                         if not self.shard.owns(f.src_uri)]:
                files.remove(file)
        env.bytecode_cache = templatecache.SHARED
        if navcache.ENABLED:
            self._nav = navcache.NavCache(env, MATERIAL_TEMPLATES)
        return env

    def on_files(self, files, *, config):  # noqa: ARG002 — MkDocs passes hooks' arguments by name
        pages = files.documentation_pages()
        self._total = len(pages)
        self._done = 0
        if self.shard is not None:
            self.shard.assign([file.src_uri for file in pages])
            if self.shard.chosen is not None:
                # Only these pages are wanted (the preview has the rest): no assets.
                for file in [f for f in files if not f.is_documentation_page()]:
                    files.remove(file)
        return files

    def on_nav(self, nav, *, config, files):  # noqa: ARG002
        if self.shard is not None and self.shard.unread:
            # Pages that only lend the chosen ones their navigation title are not read.
            for file in files.documentation_pages():
                if file.src_uri in self.shard.unread and file.page is not None \
                        and "title" in vars(file.page):
                    file.content_string = ""
        return nav

    # Last, so that the HTML set aside is all the page will have (rawblocks.py).
    @event_priority(-100)
    def on_page_markdown(self, markdown, *, page, config, files):  # noqa: ARG002
        # A page without a front-matter title gets Material's <title>{{ page.title |
        # striptags }}, and striptags unescapes: "&lt;/title&gt;" would close the element.
        # Navigation titles are escaped text (Markup, see render.py): take the one given.
        if "title" not in page.meta and isinstance(page.title, Markup):
            page.meta["title"] = page.title
        if self.shard is not None and not self.shard.owns(page.file.src_uri):
            # Another worker renders this page. Its Markdown is only needed here for a
            # title that neither the navigation nor the front matter gives (then the
            # first heading of the converted page is its title, shown in neighbours).
            page.meta["template"] = UNRENDERED_TEMPLATE
            if "title" in page.meta or "title" in vars(page):
                # Not even converted: MkDocs makes a Markdown instance per page, which
                # costs more than converting the empty text.
                page.render = functools.partial(_unrendered, page)
                return ""
        markdown, self._aside[page.file.src_uri] = rawblocks.set_aside(markdown)
        return markdown

    # First, so that other plugins see the page's whole HTML.
    @event_priority(100)
    def on_page_content(self, html, *, page, config, files):  # noqa: ARG002
        aside = self._aside.pop(page.file.src_uri, None)
        if self.shard is not None and not self.shard.owns(page.file.src_uri):
            # Converted only for its title, which the Markdown gave already: its HTML is
            # never written, and its anchors are unknown here (links into it are checked
            # across workers).
            page.present_anchor_ids = None
            page.links_to_anchors = None
            return html
        if aside is not None and aside.blocks:
            html = aside.restore(html)
            if page.present_anchor_ids is not None:
                page.present_anchor_ids |= aside.anchor_ids()
        return html

    # Counted once a page's HTML is complete: MkDocs converts every page's Markdown
    # before it renders any template, and the templates take most of the time.
    def on_post_page(self, output, *, page, config):  # noqa: ARG002 — passed by name
        if self.shard is not None:
            if not self.shard.owns(page.file.src_uri):
                return output
            self.shard.rendered(page)
        self._done += 1
        now = time.monotonic()
        if self.progress and (now - self._last >= 1.0 or self._done == self._total):
            self._last = now
            self.progress(self._done, self._total)
        return output
