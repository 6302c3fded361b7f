"""A variant of the site: for one audience, online (Pagefind) or offline (``file://``).

One object says everything that differs between variants — where its tree is staged, the
scripts it loads and how it is indexed — so no flag is threaded through the build.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dangjian.core.stop import Stop, never
from dangjian.offline import offline_search
from dangjian.pages import fragments, stage
from dangjian.pages.updates_page import Updates
from dangjian.pipeline.prepare import Prepared
from dangjian.search import search_index
from dangjian.search.search_index import IndexReport

STAGING_DIR = ".dangjian"
"""Folder beside mkdocs.yml that holds the staged trees, one per variant."""


@dataclass(frozen=True)
class Variant:
    audience: str
    offline: bool = False
    default_audience: str = ""
    pdf: bool = False
    """Its documents link to PDFs attached to the site."""

    @property
    def name(self) -> str:
        return ("offline-" if self.offline else "") + (
            "docs" if self.audience == self.default_audience else f"docs-{self.audience}")

    def staging_dir(self, root: Path) -> Path:
        return root / STAGING_DIR / self.name

    @property
    def scripts(self) -> list[str]:
        return list(stage.SCRIPTS) + (list(stage.OFFLINE_SCRIPTS) if self.offline else [])

    @property
    def index_phase(self) -> str:
        return "离线索引" if self.offline else "搜索索引"

    @property
    def index_message(self) -> str:
        return "生成离线搜索索引…" if self.offline else "建立搜索索引（Pagefind）…"

    def index(self, site: Path) -> IndexReport | None:
        """Pagefind cannot run from ``file://``; the bundle carries its own search."""
        if self.offline:
            offline_search.write_index(site, directory_urls=False)
            return None
        return search_index.index(site)


def for_prepared(prepared: Prepared, offline: bool, pdf: bool = False) -> Variant:
    return Variant(prepared.audience, offline, prepared.settings.audiences.default, pdf)


def stage_variant(prepared: Prepared, variant: Variant, directory_urls: bool,
                  updates: Updates | None = None, deferred: bool = False,
                  stop: Stop = never) -> stage.Staged:
    # A site overrides page fragments the way it overrides Material's partials.
    fragments.use_overrides(prepared.settings.custom_dir)
    staged = stage.stage(prepared.content, variant.staging_dir(prepared.settings.root),
                         directory_urls=directory_urls, refs=prepared.refs,
                         offline=variant.offline, pdf=variant.pdf, updates=updates,
                         deferred=deferred, stop=stop)
    staged.scripts = variant.scripts
    return staged

