"""``dangjian import``: official documents (.txt, .docx) become Markdown documents of
the site, with a report of what was recognised, dropped and doubted."""

from __future__ import annotations

from dangjian.importer.convert import KIND_CHOICES, Conversion, convert, import_file, import_files
from dangjian.importer.report import Report
from dangjian.importer.source import Line, Source

__all__ = ["KIND_CHOICES", "Conversion", "Line", "Report", "Source", "convert", "import_file",
           "import_files"]
