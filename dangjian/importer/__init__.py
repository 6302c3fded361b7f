"""``dangjian import``: official documents (.txt, .docx) become Markdown documents of
the site, with a report of what was recognised, dropped and doubted."""

from __future__ import annotations

from .convert import KIND_CHOICES, Conversion, convert, import_file, import_files
from .report import Report
from .source import Line, Source

__all__ = ["KIND_CHOICES", "Conversion", "Line", "Report", "Source", "convert", "import_file",
           "import_files"]
