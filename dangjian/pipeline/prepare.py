"""Prepare: everything a build, a check, a preview or a bundle knows before rendering.

load → validate (classification, raw HTML, limits, models) → audiences → wording →
restrict to the audience → resolve references → strictness. ``dangjian check`` reports
what this returns; every build starts from it. There is no other way in, so whatever
``check --strict`` fails on, ``build --strict`` fails on too.
"""

from __future__ import annotations

from dataclasses import dataclass

from dangjian.core.diagnostics import ContentError, Diagnostic, Diagnostics
from dangjian.core.stop import Stop, check, never
from dangjian.group import cited_elsewhere, library
from dangjian.load import assets, audiences, loader, wording
from dangjian.load.loader import Content
from dangjian.pipeline.settings import Settings
from dangjian.refs import references
from dangjian.refs.references import References


@dataclass
class Prepared:
    settings: Settings
    audience: str
    strict: bool
    content: Content
    """Only what ``audience`` may read."""
    refs: References
    diagnostics: Diagnostics

    @property
    def problems(self) -> list[Diagnostic]:
        return self.diagnostics.errors + self.diagnostics.warnings

    @property
    def failed(self) -> bool:
        """Errors fail always; warnings fail in strict mode."""
        return bool(self.diagnostics.errors or (self.strict and self.diagnostics.warnings))

    def raise_if_failed(self) -> None:
        if self.failed:
            raise ContentError(self.problems)


def prepare(settings: Settings, audience: str | None = None,
            strict: bool | None = None, stop: Stop = never) -> Prepared:
    """``stop``: asked between files; raises ``Stopped`` once it says so."""
    diagnostics = Diagnostics()
    project = settings.project
    content = loader.load(project, diagnostics, stop)
    audience = audience or settings.audiences.default
    if audience not in settings.audiences.also_reads:
        diagnostics.error("mkdocs.yml", 0, "audience",
                          f"未知的读者范围“{audience}”，应为："
                          f"{'、'.join(settings.audiences.also_reads)}")
    settings.audiences.check(content, diagnostics)
    assets.check_overrides(settings.custom_dir, project.shown, diagnostics)
    wording.check(project, content.glossary, diagnostics)
    # Restrict before resolving: what this audience may not read must not even be linked
    # or listed among a document's backlinks.
    content = audiences.restrict(content, audience, settings.audiences)
    libraries = library.load(settings, diagnostics)
    check(stop)
    refs, resolved = references.resolve(content, libraries)
    refs.cited_elsewhere = cited_elsewhere.load(settings)
    diagnostics.extend(resolved)
    return Prepared(settings, audience, settings.strict if strict is None else strict,
                    content, refs, diagnostics)
