"""A build as a release: its manifest, what changed since the build before, its 版本号.

Every build writes its manifest (``_dangjian/release.json``) and compares it with the one
it replaces: the manifest in the site folder before the swap, or an older bundle given
with ``--since``. ``build --release`` compares with the release before it (its manifest
is kept in data/release-manifest.json) and records the result in data/releases.yml once
the new site is in place; a bundle shows its 版本号, date and changes on its home page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from dangjian.core.changes import Changes, compare
from dangjian.core.diagnostics import ContentError, Diagnostic, Diagnostics
from dangjian.core.manifest import Manifest, dump
from dangjian.load import releases
from dangjian.load.releases import Release as Record
from dangjian.offline import manifests
from dangjian.pages.updates_page import Edition, Updates
from dangjian.pipeline import manifest as published
from dangjian.pipeline.prepare import Prepared
from dangjian.pipeline.settings import Settings

FIELD = "release"


@dataclass(frozen=True)
class Request:
    record: bool = False
    """Append this build to data/releases.yml (``build --release``)."""
    version: str | None = None
    note: str | None = None
    since: Path | None = None
    """An older bundle or site to compare with, instead of the site being replaced."""
    bundle: bool = False
    """The build is a bundle's: its home page names its 版本号 and changes."""


@dataclass
class Release:
    manifest: Manifest
    changes: Changes | None
    """None where there was nothing to compare with."""
    compared_with: str | None = None
    """The version (or the name) of what it was compared with."""
    updates: Updates = field(default_factory=Updates)
    record: Record | None = None
    """What ``build --release`` appends, once the build succeeded."""
    history: list[Record] = field(default_factory=list)


def plan(prepared: Prepared, request: Request, site_dir: Path) -> Release:
    settings = prepared.settings
    diagnostics = Diagnostics()
    history = releases.load(settings.project, diagnostics)
    if request.record and prepared.audience != settings.audiences.default:
        diagnostics.error("mkdocs.yml", 0, FIELD, "只有面向默认读者范围的构建才能记为发布"
                          f"（--release 不能与 --audience {prepared.audience} 同用）")
    if diagnostics:
        raise ContentError(diagnostics.items)
    content = prepared.content
    made = published.make(content, content.today)
    baseline, compared_with = _baseline(request, site_dir, settings)
    changes = compare(baseline, made) if baseline is not None else None
    digest = made.digest if history else ""
    matching = next((r for r in reversed(history) if r.digest == digest), None)
    if request.bundle and baseline is None and matching is not None:
        # The bundle holds exactly a recorded release: it carries that release's changes.
        changes = None if matching.first else matching.changes
        before = history.index(matching)
        compared_with = history[before - 1].version if before and changes is not None else None
    version = request.version or (matching.version if request.bundle and matching else None)
    if version is None and request.record:
        version = releases.next_version(history, content.today)
    elif version is None and request.bundle:
        version = unreleased_version(made, content.today)
    if request.record and any(r.version == version for r in history):
        raise ContentError([Diagnostic(f"data/{releases.FILE}", 0, FIELD,
                                       f"版本号 {version} 已记录过，请换一个（--version）")])
    made = made.model_copy(update={"version": version})
    record = None
    if request.record:
        assert version is not None
        record = Record(version=version, date=content.today, digest=digest or made.digest,
                        note=request.note, first=changes is None,
                        changes=changes or Changes())
    shown_history = [*history, record] if record else history
    edition = (Edition(version, content.today.isoformat(), compared_with, changes)
               if request.bundle and version else None)
    return Release(made, changes, compared_with, Updates(shown_history, edition), record,
                   history)


def unreleased_version(made: Manifest, day: dt.date) -> str:
    """A bundle of content no release recorded: the date and a piece of the content's
    digest (2026.11.30-3f9a2c), so that it never takes a release's number and the same
    content always gets the same version."""
    return f"{day:%Y.%m.%d}-{made.digest.removeprefix('sha256:')[:6]}"


def _baseline(request: Request, site_dir: Path,
              settings: Settings) -> tuple[Manifest | None, str | None]:
    """What to compare with: ``--since``; for a release, the release before it (builds in
    between do not count); else the site being replaced."""
    last_release = releases.manifest_path(settings.project)
    given = request.since or (last_release if request.record and last_release.is_file()
                              else None)
    if given is not None:
        try:
            found = manifests.read(given)
        except manifests.ManifestError as exc:
            field_name = "since" if request.since else FIELD
            raise ContentError([Diagnostic(str(given), 0, field_name, str(exc))]) from exc
        return found, found.version or given.name
    if request.bundle or not site_dir.is_dir():
        return None, None
    try:
        found = manifests.read(site_dir)
    except manifests.ManifestError:
        return None, None  # a site from before manifests, or damaged: nothing to compare
    return found, found.version


def write(site: Path, release: Release) -> None:
    """The manifest into the built site, before the output check reads every file."""
    target = site / manifests.IN_SITE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(dump(release.manifest))


def record(settings: Settings, release: Release) -> None:
    if release.record is not None:
        releases.append(settings.project, release.history, release.record,
                        dump(release.manifest))
