"""Problems found in content, each tied to a file, a line and a field."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one place. ``line`` is 1-based; 0 means the whole file."""

    path: str
    line: int
    field: str
    message: str
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        label = "错误" if self.severity is Severity.ERROR else "警告"
        what = f"{self.field}: " if self.field else ""
        return f"{where}: {label}: {what}{self.message}"


@dataclass
class Diagnostics:
    """Collects every problem of a run so that all of them are reported together."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, path: str | Path, line: int, field_name: str, message: str) -> None:
        self.items.append(Diagnostic(str(path), line, field_name, message))

    def warning(self, path: str | Path, line: int, field_name: str, message: str) -> None:
        self.items.append(Diagnostic(str(path), line, field_name, message, Severity.WARNING))

    def extend(self, other: Diagnostics | list[Diagnostic]) -> None:
        self.items.extend(other.items if isinstance(other, Diagnostics) else other)

    @property
    def errors(self) -> list[Diagnostic]:
        return sorted(d for d in self.items if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> list[Diagnostic]:
        return sorted(d for d in self.items if d.severity is Severity.WARNING)

    def __bool__(self) -> bool:
        return bool(self.items)


class ContentError(Exception):
    """Raised when content cannot be built; carries every diagnostic of the run."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__("\n".join(d.format() for d in diagnostics))
