"""One build, end to end: prepare → stage → render → index → check output → swap into place.

Nothing is written to the site directory until everything has succeeded: the site is
rendered next to it and swapped in at the end, so a failed build leaves the last good
site untouched.
"""

from __future__ import annotations

import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from dangjian.app import deploy
from dangjian.core.diagnostics import ContentError, Diagnostic, Severity
from dangjian.core.stop import Stop, never
from dangjian.engine import render as engine
from dangjian.group import format as inventory
from dangjian.group import portal, publish
from dangjian.offline import manifests
from dangjian.pages.stage import Staged
from dangjian.pipeline import output_check
from dangjian.pipeline import release as releases
from dangjian.pipeline import variant as variants
from dangjian.pipeline.prepare import Prepared, prepare
from dangjian.pipeline.variant import STAGING_DIR
from dangjian.search import search_index

__all__ = ["STAGING_DIR", "BuildReport", "Say", "build"]

Say = Callable[[str], None]


@dataclass
class BuildReport:
    documents: Counter = field(default_factory=Counter)
    """Documents by kind label."""
    pages_written: int = 0
    warnings: list[Diagnostic] = field(default_factory=list)
    engine_warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    site_dir: Path | None = None
    search: search_index.IndexReport | None = None
    pdfs: int = 0
    """PDFs attached (``pdf``)."""
    phases: dict[str, float] = field(default_factory=dict)
    """Seconds spent in each phase, in the order the phases ran."""
    prepared: Prepared | None = None
    staged: Staged | None = None
    """What the site was made from: a preview continues from them after an edit."""
    release: releases.Release | None = None
    """Its manifest, and what changed since the build it replaced."""

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        started = time.monotonic()
        try:
            yield
        finally:
            self.phases[name] = self.phases.get(name, 0.0) + time.monotonic() - started


def build(config_file: Path, site_dir: Path | None = None, strict: bool | None = None,
          say: Say = lambda _: None, offline: bool = False,
          audience: str | None = None, pdf: bool = False,
          pdf_tracking: bool = True, site_url: str | None = None,
          release: releases.Request | None = None) -> BuildReport:
    """``offline`` builds the variant for ``file://`` (file URLs, the offline search);
    ``audience`` builds only what that audience may read (default: the configured one);
    ``pdf`` attaches a PDF of each document, made from this build's pages
    (``pdf_tracking``: a work plan's PDF ends with its tracking table);
    ``site_url`` is where the site is published (default: the configured one);
    ``release`` says what to compare with and whether to record it (``--release``)."""
    started = time.monotonic()
    report = BuildReport()
    say("读取并校验内容…")
    with report.phase("读取校验"):
        config, settings = engine.load(config_file, offline=offline)
        if site_url:
            # 404.html and sitemap.xml need the published path (a sub-path included).
            config["site_url"] = site_url.rstrip("/") + "/"
        site_dir = (site_dir or Path(config.site_dir)).resolve()
        prepared = prepare(settings, audience, strict)
    prepared.raise_if_failed()
    report.warnings = prepared.diagnostics.warnings
    report.site_dir = site_dir
    for doc in prepared.content.inventory.documents:
        report.documents[doc.kind.label] += 1

    variant = variants.for_prepared(prepared, offline, pdf)
    with report.phase("版本清单"):
        report.release = releases.plan(prepared, release or releases.Request(), site_dir)
    say("生成页面…")
    with report.phase("生成页面"):
        staged = stage(prepared, variant, report.release, str(config.site_name),
                       bool(config.use_directory_urls))
    report.prepared, report.staged = prepared, staged

    building = site_dir.with_name(f".{site_dir.name}.building")
    shutil.rmtree(building, ignore_errors=True)
    say(f"渲染 {len(staged.pages)} 个页面（MkDocs + Material）…")
    try:
        with report.phase("渲染"):
            report.engine_warnings = engine.render(
                config, staged, building,
                progress=lambda done, total: say(f"  已渲染 {done}/{total}"),
            )
        report.pages_written = sum(1 for _ in building.rglob("*.html"))
        if pdf:
            # Imported only here: WeasyPrint finds Pango by running the C compiler's
            # library search, seconds that a build without PDFs should not pay.
            from dangjian.pdf import export as pdf_export

            say("生成 PDF…")
            with report.phase("PDF"):
                report.pdfs = len(pdf_export.attach(
                    prepared, building, bool(config.use_directory_urls), pdf_tracking,
                    say).files)
        say(variant.index_message)
        with report.phase(variant.index_phase):
            report.search = variant.index(building)
        if not offline:
            deploy.write(building)
        write_records(building, prepared, variant, report.release, str(config.site_name),
                      config.site_url, bool(config.use_directory_urls))
        _search_strictness(report, prepared.strict)
        say("发布前检查每个输出文件…")
        with report.phase("发布检查"):
            refused = output_check.check(building, staged, bool(config.use_directory_urls),
                                         settings.root, config.site_url)
        if refused:
            raise ContentError(refused)
        with report.phase("替换"):
            _swap(building, site_dir)
        releases.record(settings, report.release)
    finally:
        shutil.rmtree(building, ignore_errors=True)
    report.seconds = time.monotonic() - started
    return report


def stage(prepared: Prepared, variant: variants.Variant, release: releases.Release,
          site_name: str, directory_urls: bool, deferred: bool = False,
          stop: Stop = never) -> Staged:
    """The staged tree of a build (and of a preview's re-render): the variant's pages with
    the 本站更新 page ``release`` gives, and a portal's list of sites. ``deferred``: the
    pages are written by ``Staged.write``."""
    staged = variants.stage_variant(prepared, variant, directory_urls, release.updates,
                                    deferred, stop)
    portal.stage(staged, prepared.settings, site_name, variant.offline)
    return staged


def write_records(site: Path, prepared: Prepared, variant: variants.Variant,
                  release: releases.Release, site_name: str, site_url: str | None,
                  directory_urls: bool) -> list[str]:
    """What a build writes beside its pages, before the output check: the release
    manifest and, online, the inventory other sites of the group read. Their site paths."""
    releases.write(site, release)
    written = [manifests.IN_SITE]
    if not variant.offline:
        publish.write(site, prepared, site_name, site_url, directory_urls)
        written.append(inventory.FILE)
    return written


def _search_strictness(report: BuildReport, strict: bool) -> None:
    """A search that had to fall back to an older Pagefind is a warning, so strict fails."""
    warning = report.search.binary.warning if report.search else None
    if strict and warning:
        raise ContentError([Diagnostic("mkdocs.yml", 0, "search", warning, Severity.WARNING)])


def _swap(new: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
