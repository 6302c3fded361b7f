"""What ``dangjian serve`` does after an edit: re-stage, and re-render only the pages
whose staged Markdown changed.

Staging writes a page only when its text changes, and the staged text of a page already
holds everything an edit elsewhere can change in it (its backlinks, the listings and
tracks that name it, citations' titles): so the pages to render again are exactly the
staged pages whose bytes changed. While the navigation and the set of pages stay the
same, only those are rendered (into a folder beside the site), checked by the output
firewall and moved into the served site; the browser reloads, and the search index is
rebuilt after that, in the background. Anything else (a page added, removed or retitled,
mkdocs.yml, templates, assets) takes the full build.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from dangjian.app.build import BuildReport, Say, build, stage, write_records
from dangjian.core.diagnostics import ContentError
from dangjian.engine import render as engine
from dangjian.pipeline import output_check
from dangjian.pipeline import release as releases
from dangjian.pipeline import variant as variants
from dangjian.pipeline.prepare import prepare
from dangjian.search import search_index

FULL_BUILD_TRIGGERS = ("mkdocs.yml", "overrides")
"""Changes here reach every page: no shortcut."""


@dataclass
class Update:
    pages: int
    """Pages rendered again (all of them for a full build)."""
    full: bool
    seconds: float


def _stamps(root: Path) -> dict[str, tuple[int, int]]:
    stamps = {}
    for path in root.rglob("*"):
        if path.is_file():
            stat = path.stat()
            stamps[path.relative_to(root).as_posix()] = (stat.st_mtime_ns, stat.st_size)
    return stamps


class Preview:
    """The served site and what it was built from."""

    def __init__(self, config_file: Path, site_dir: Path | None, site_url: str, say: Say):
        self.config_file = config_file
        self.root = config_file.resolve().parent
        self.site_dir = site_dir
        self.site_url = site_url
        self.say = say
        self.version = 0
        """Grows with every finished update; the browser reloads when it changes."""
        self.nav: list | None = None
        self.indexing: threading.Thread | None = None
        self._lock = threading.Lock()
        self._index_state = threading.Lock()
        self._index_again = False

    def full(self) -> BuildReport:
        report = build(self.config_file, self.site_dir, say=self.say, site_url=self.site_url)
        self.site_dir = report.site_dir
        self.nav = report.nav
        self.version += 1
        return report

    def update(self, changed_sources: list[str]) -> Update:
        """Bring the served site up to date after ``changed_sources`` (project paths)."""
        started = time.monotonic()
        with self._lock:
            if self.nav is None or any(source.split("/")[0] in FULL_BUILD_TRIGGERS
                                       for source in changed_sources):
                report = self.full()
                return Update(report.pages_written, True, time.monotonic() - started)
            pages = self._render_changed()
            if pages is None:
                report = self.full()
                return Update(report.pages_written, True, time.monotonic() - started)
            self.version += 1
        self._index_later()
        return Update(pages, False, time.monotonic() - started)

    def _render_changed(self) -> int | None:
        """Pages rendered again, or None when the full build is needed."""
        config, settings = engine.load(self.config_file)
        config["site_url"] = self.site_url
        prepared = prepare(settings)
        prepared.raise_if_failed()
        variant = variants.for_prepared(prepared, False)
        assert self.site_dir is not None
        staging = variant.staging_dir(settings.root)
        before = _stamps(staging)
        directory_urls = bool(config.use_directory_urls)
        # Staged as the full build stages it (本站更新 included), or pages would differ.
        release = releases.plan(prepared, releases.Request(), self.site_dir)
        staged = stage(prepared, variant, release, config.site_name, directory_urls)
        after = _stamps(staging)
        changed = {path for path, stamp in after.items() if before.get(path) != stamp}
        if staged.nav != self.nav or set(after) != set(before) or \
                any(not path.endswith(".md") for path in changed):
            return None
        if not changed:
            return 0
        scratch = self.site_dir.with_name(f".{self.site_dir.name}.update")
        shutil.rmtree(scratch, ignore_errors=True)
        try:
            written = engine.render_only(config, staged, scratch, changed)
            records = write_records(scratch, prepared, variant, release, config.site_name,
                                    config.site_url, directory_urls)
            refused = output_check.check(scratch, staged, directory_urls, settings.root,
                                         config.site_url)
            if refused:
                raise ContentError(refused)
            for relative in [*written, *records]:
                target = self.site_dir / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(scratch / relative, target)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        return len(written)

    def _index_later(self) -> None:
        """Pagefind over the whole served site, after the page is back in the browser;
        edits that come in while it runs are indexed by one more run after it."""
        with self._index_state:
            if self.indexing is not None and self.indexing.is_alive():
                self._index_again = True
                return
            self.indexing = threading.Thread(target=self._index, daemon=True)
            self.indexing.start()

    def _index(self) -> None:
        site_dir = self.site_dir
        assert site_dir is not None  # set by the first build, before any edit is served
        while True:
            try:
                search_index.index(site_dir)
            except search_index.SearchIndexError as exc:
                self.say(str(exc))
            except OSError as exc:  # the site was replaced meanwhile: that build indexed it
                self.say(f"搜索索引未更新：{exc}")
            with self._index_state:
                if not self._index_again:
                    return
                self._index_again = False
