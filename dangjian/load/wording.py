"""规范表述 check: every wrong form of the glossary, wherever it stands in the content.

Every Markdown file under docs/ and every YAML file under data/ is read line by line, as
its author sees it, so that each warning points at the line to fix. The glossary's own
lists of wrong forms are the only place a wrong form may stand.
"""

from __future__ import annotations

import re
from pathlib import Path

from dangjian.core.diagnostics import Diagnostics
from dangjian.core.project import Project
from dangjian.load import textfile
from dangjian.load.glossary import Glossary, WrongForm

FIELD = "规范表述"


def check(project: Project, glossary: Glossary, diagnostics: Diagnostics,
          paths: list[Path] | None = None) -> None:
    """``paths``: only these files (a preview's edited ones), else every content file."""
    if not glossary.wrong_forms:
        return
    rules = {form.wrong: form for form in glossary.wrong_forms}
    pattern = re.compile("|".join(re.escape(w) for w in sorted(rules, key=len, reverse=True)))
    listed = {(form.source, form.line) for form in glossary.wrong_forms}
    for path in _content_files(project) if paths is None else paths:
        shown = project.shown(path)
        try:
            text = textfile.read(path, shown)
        except textfile.ContentDecodeError:
            continue  # loading has reported it already
        for number, line in enumerate(text.split("\n"), start=1):
            if (shown, number) in listed:
                continue
            for match in pattern.finditer(line):
                _warn(diagnostics, shown, number, rules[match.group(0)])


def _warn(diagnostics: Diagnostics, path: str, line: int, form: WrongForm) -> None:
    diagnostics.warning(path, line, FIELD, f"“{form.wrong}”应为“{form.right}”")


def _content_files(project: Project) -> list[Path]:
    files: list[Path] = []
    if project.docs_dir.is_dir():
        files += sorted(project.docs_dir.rglob("*.md"))
    if project.data_dir.is_dir():
        files += sorted(p for p in project.data_dir.rglob("*") if p.suffix in (".yml", ".yaml"))
    return files
