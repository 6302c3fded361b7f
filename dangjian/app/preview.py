"""What ``dangjian serve`` does after an edit: re-render only the pages it changed.

An edit to the words of documents that no other page shows (pipeline/edit.py) is read
from those files alone and only their pages are staged and rendered again: the browser
reloads within a second or two. The rest of the site — 本站更新, the release manifest,
the search index — follows once the author pauses, by the staging of the whole project
described next.

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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dangjian.app.build import BuildReport, Say, build, stage, write_records
from dangjian.core.diagnostics import ContentError
from dangjian.core.stop import Stop, Stopped, never
from dangjian.engine import render as engine
from dangjian.pages.stage import Staged
from dangjian.pipeline import edit, output_check
from dangjian.pipeline import release as releases
from dangjian.pipeline import variant as variants
from dangjian.pipeline.prepare import Prepared, prepare
from dangjian.search import search_index

FULL_BUILD_TRIGGERS = ("mkdocs.yml", "overrides")
"""Changes here reach every page: no shortcut."""

SETTLE_AFTER = 2.0
"""Seconds without an edit after which the rest of the site follows a quick update."""


@dataclass
class Update:
    pages: int
    """Pages rendered again (all of them for a full build)."""
    full: bool
    seconds: float
    quick: bool = False
    """Only the edited documents' pages: the rest follows (``Preview.settle``)."""


@dataclass
class _Staging:
    """The project as read and staged (in memory) by one settling or update."""

    config: Any
    prepared: Prepared
    variant: variants.Variant
    release: releases.Release
    staged: Staged


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
        self.prepared: Prepared | None = None
        self.staged: Staged | None = None
        self.indexing: threading.Thread | None = None
        self.settling: threading.Thread | None = None
        self._lock = threading.Lock()
        self._index_state = threading.Lock()
        self._index_again = False
        self._settle_at: float | None = None
        self._edits = 0
        """Updates begun: a settling that read the project before the last one is stale."""
        self._unrendered: set[str] = set()
        """Staged pages not yet in the served site (an update failed after staging)."""

    def full(self) -> BuildReport:
        self.prepared = self.staged = None  # until the build succeeds
        report = build(self.config_file, self.site_dir, say=self.say, site_url=self.site_url)
        self.site_dir = report.site_dir
        self.prepared, self.staged = report.prepared, report.staged
        self._unrendered.clear()
        self.version += 1
        return report

    def update(self, changed_sources: list[str]) -> Update:
        """Bring the served site up to date after ``changed_sources`` (project paths)."""
        started = time.monotonic()
        with self._lock:
            self.interrupt()
            if self.staged is None or any(source.split("/")[0] in FULL_BUILD_TRIGGERS
                                          for source in changed_sources):
                report = self.full()
                return Update(report.pages_written, True, time.monotonic() - started)
            quick = self._render_edited(changed_sources)
            if quick is not None:
                self.version += 1
                self._settle_later()
                return Update(quick, False, time.monotonic() - started, quick=True)
            with self._index_state:
                self._settle_at = None  # this stages the whole project too
            pages = self._render_changed(self._prepare())
            if pages is None:
                report = self.full()
                return Update(report.pages_written, True, time.monotonic() - started)
            self.version += 1
        self._index_later()
        return Update(pages, False, time.monotonic() - started)

    def interrupt(self) -> None:
        """Files are changing: a settling that is reading the project stops."""
        with self._index_state:
            self._edits += 1

    def settle(self) -> int | None:
        """Stage the whole project and render what quick updates left behind (本站更新,
        records); then index. Pages rendered, or None when it took the full build.

        The project is read and staged before the served site is locked, so that an edit
        made meanwhile is not held up by it: such an edit stops the reading (it would be
        stale), and the settling starts again once the author pauses."""
        with self._index_state:
            self._settle_at = None
        edits = self._edits
        try:
            read = self._prepare(lambda: self._edits != edits)
        except Stopped:
            self._settle_later()
            return 0
        with self._lock:
            if self._edits != edits:
                self._settle_later()
                return 0
            pages = self._render_changed(read)
            if pages is None:
                self.full()
            elif pages:
                self.version += 1
        self._index_later()
        return pages

    def _settle_later(self) -> None:
        with self._index_state:
            self._settle_at = time.monotonic() + SETTLE_AFTER
            if self.settling is None:
                self.settling = threading.Thread(target=self._settle_when_quiet, daemon=True)
                self.settling.start()

    def _settle_when_quiet(self) -> None:
        while True:
            with self._index_state:
                due = self._settle_at
                if due is None:
                    self.settling = None
                    return
            if time.monotonic() < due:
                time.sleep(min(0.2, due - time.monotonic()))
                continue
            try:
                pages = self.settle()
                if pages:
                    self.say(f"其余 {pages} 个页面已更新")
            except ContentError as exc:
                for diagnostic in exc.diagnostics:
                    self.say(diagnostic.format())
                self.say("更新失败，继续提供上一次成功的站点。")
            except Exception as exc:  # noqa: BLE001 — a preview keeps serving
                self.say(f"更新失败：{exc}")

    def _render_edited(self, changed_sources: list[str]) -> int | None:
        """The quick path: pages rendered, or None when the edit reaches further."""
        assert self.prepared is not None and self.staged is not None
        config, _ = engine.load(self.config_file)
        config["site_url"] = self.site_url
        directory_urls = bool(config.use_directory_urls)
        pages = edit.apply(self.prepared, self.staged.docs_dir, changed_sources,
                           directory_urls)
        if pages is None:
            return None
        self._unrendered |= set(pages)
        return len(self._publish(config, self.staged, self.prepared, self._unrendered))

    def _prepare(self, stop: Stop = never) -> _Staging:
        """The whole project read, checked and staged in memory (nothing written);
        ``stop`` is asked between files."""
        config, settings = engine.load(self.config_file)
        config["site_url"] = self.site_url
        prepared = prepare(settings, stop=stop)
        prepared.raise_if_failed()
        variant = variants.for_prepared(prepared, False)
        assert self.site_dir is not None  # set by the first build
        # Staged as the full build stages it (本站更新 included), or pages would differ.
        release = releases.plan(prepared, releases.Request(), self.site_dir)
        staged = stage(prepared, variant, release, config.site_name,
                       bool(config.use_directory_urls), deferred=True, stop=stop)
        return _Staging(config, prepared, variant, release, staged)

    def _render_changed(self, read: _Staging) -> int | None:
        """Write the staged tree ``read`` made and render the pages whose staged text
        changed: how many, or None when the full build is needed."""
        assert self.site_dir is not None and self.staged is not None
        config, prepared, staged = read.config, read.prepared, read.staged
        changed = set(staged.write())
        # Pages added or removed, or any other file, change what MkDocs renders around
        # every page.
        if staged.nav != self.staged.nav or staged.pages != self.staged.pages or \
                any(not path.endswith(".md") for path in changed):
            return None
        self.prepared, self.staged = prepared, staged
        self._unrendered |= changed

        def records(site: Path) -> list[str]:
            return write_records(site, prepared, read.variant, read.release,
                                 config.site_name, config.site_url,
                                 bool(config.use_directory_urls))

        return len(self._publish(config, staged, prepared, self._unrendered, records))

    def _publish(self, config: Any, staged: Staged, prepared: Prepared, pages: set[str],
                 records: Callable[[Path], list[str]] | None = None) -> list[str]:
        """Render ``pages`` beside the site with what a build writes beside them
        (``records``), check them as a build checks its output and move them in; the
        pages' site paths."""
        assert self.site_dir is not None
        if not pages and records is None:
            return []
        scratch = self.site_dir.with_name(f".{self.site_dir.name}.update")
        shutil.rmtree(scratch, ignore_errors=True)
        directory_urls = bool(config.use_directory_urls)
        try:
            written = engine.render_only(config, staged, scratch, pages) if pages else []
            extra = records(scratch) if records is not None else []
            refused = output_check.check(scratch, staged, directory_urls,
                                         prepared.settings.root, config.site_url)
            if refused:
                raise ContentError(refused)
            for relative in [*written, *extra]:
                target = self.site_dir / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(scratch / relative, target)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        self._unrendered.clear()
        return written

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
