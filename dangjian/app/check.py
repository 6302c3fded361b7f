"""``dangjian check``: every problem of the content, without building."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dangjian.core.diagnostics import Diagnostic, Diagnostics
from dangjian.core.project import Project
from dangjian.engine import render as engine
from dangjian.load import loader, wording
from dangjian.refs import references


@dataclass(frozen=True)
class CheckReport:
    diagnostics: list[Diagnostic]
    strict: bool
    """The project's own setting (the plugin's ``strict`` in mkdocs.yml)."""


def check(config_file: Path) -> CheckReport:
    _, settings = engine.load(config_file)
    diagnostics = Diagnostics()
    project = Project(settings.root, settings.docs_dir, settings.data_dir)
    content = loader.load(project, diagnostics)
    wording.check(project, content.glossary, diagnostics)
    diagnostics.extend(references.resolve(content)[1])
    return CheckReport(diagnostics.errors + diagnostics.warnings, settings.strict)
