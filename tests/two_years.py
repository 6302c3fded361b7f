"""The two-year test project in tests/fixtures/two-years (test data, not shipped)."""

from __future__ import annotations

from .conftest import ROOT

TWO_YEARS = ROOT / "tests" / "fixtures" / "two-years"


def two_years_files(changes: dict[str, str | None] | None = None) -> dict[str, str]:
    """The fixture's files by project path, with ``changes`` replacing some (None drops)."""
    files = {path.relative_to(TWO_YEARS).as_posix(): path.read_text(encoding="utf-8")
             for path in TWO_YEARS.rglob("*") if path.is_file() and path.name != "README.md"}
    for name, text in (changes or {}).items():
        if text is None:
            files.pop(name, None)
        else:
            files[name] = text
    return files
