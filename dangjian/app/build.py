"""One build, end to end: load → validate → stage → render → index → swap into place.

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

from dangjian.core.diagnostics import ContentError, Diagnostic, Diagnostics
from dangjian.core.project import Project
from dangjian.engine import render as engine
from dangjian.load import audiences, loader
from dangjian.offline import offline_search
from dangjian.pages import fragments, macro_functions, stage
from dangjian.refs import references
from dangjian.search import search_index

STAGING_DIR = ".dangjian"

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
    phases: dict[str, float] = field(default_factory=dict)
    """Seconds spent in each phase, in the order the phases ran."""

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        started = time.monotonic()
        try:
            yield
        finally:
            self.phases[name] = self.phases.get(name, 0.0) + time.monotonic() - started


def build(config_file: Path, site_dir: Path | None = None, strict: bool | None = None,
          say: Say = lambda _: None, offline: bool = False,
          audience: str | None = None) -> BuildReport:
    """``offline`` builds the variant for ``file://`` (file URLs, the offline search);
    ``audience`` builds only what that audience may read (default: the configured one)."""
    started = time.monotonic()
    report = BuildReport()
    say("读取并校验内容…")
    with report.phase("读取校验"):
        config, settings = engine.load(config_file, offline=offline)
        site_dir = (site_dir or Path(config.site_dir)).resolve()
        project = Project(settings.root, settings.docs_dir, settings.data_dir)
        diagnostics = Diagnostics()
        content = loader.load(project, diagnostics)
        audience = audience or settings.audiences.default
        if audience not in settings.audiences.also_reads:
            diagnostics.error("mkdocs.yml", 0, "audience",
                              f"未知的读者范围“{audience}”，应为："
                              f"{'、'.join(settings.audiences.also_reads)}")
        settings.audiences.check(content, diagnostics)
    if diagnostics.errors:
        raise ContentError(diagnostics.errors + diagnostics.warnings)
    with report.phase("解析引用"):
        # Restrict first: what this audience may not read must not even be linked or
        # listed among a document's backlinks.
        content = audiences.restrict(content, audience, settings.audiences)
        refs, resolved = references.resolve(content)
        diagnostics.extend(resolved)
    # Strict mode (--strict or the plugin's ``strict``) fails on warnings too:
    # unresolved, ambiguous and abolished citations are warnings.
    strict = settings.strict if strict is None else strict
    if diagnostics.errors or (strict and diagnostics.warnings):
        raise ContentError(diagnostics.errors + diagnostics.warnings)
    report.warnings = diagnostics.warnings
    report.site_dir = site_dir
    for doc in content.inventory.documents:
        report.documents[doc.kind.label] += 1

    macro_functions.use(content)
    # A site overrides page fragments the way it overrides Material's partials.
    custom_dir = config.theme.custom_dir
    fragments.use_overrides(Path(custom_dir) if custom_dir else None)
    say("生成页面…")
    with report.phase("生成页面"):
        variant = ("offline-" if offline else "") + (
            "docs" if audience == settings.audiences.default else f"docs-{audience}")
        staged = stage.stage(content, project.root / STAGING_DIR / variant,
                             directory_urls=bool(config.use_directory_urls), refs=refs,
                             offline=offline)
        if offline:
            staged.scripts += stage.OFFLINE_SCRIPTS

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
        if offline:
            # Pagefind cannot run from file://; the bundle carries its own search.
            say("生成离线搜索索引…")
            with report.phase("离线索引"):
                offline_search.write_index(building, directory_urls=False)
        else:
            say("建立搜索索引（Pagefind）…")
            with report.phase("搜索索引"):
                report.search = search_index.index(building)
        with report.phase("替换"):
            _swap(building, site_dir)
    finally:
        shutil.rmtree(building, ignore_errors=True)
    report.seconds = time.monotonic() - started
    return report


def _swap(new: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
