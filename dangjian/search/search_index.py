"""Post-build step: index the rendered site with Pagefind into ``<site>/pagefind/``.

It runs on the HTML of the site being built, before that site is swapped into place, so a
failed index leaves the last good site untouched. What is indexed is decided in the
pages themselves: ``data-pagefind-body`` on a document's content (dangjian/theme/main.html),
its filters and metadata in a hidden element (``search_fields``). The selectors below
drop what sits inside the content but is not the document's text.
"""

from __future__ import annotations

import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from dangjian.search import pagefind_binary
from dangjian.search.pagefind_binary import Binary

OUTPUT_SUBDIR = "pagefind"

EXCLUDE_SELECTORS = (
    ".headerlink",  # the ¶ after every heading
    ".dj-card",  # metadata card: its values are filters and metadata instead
    "nav",  # outlines and tables of contents repeat the headings
    "aside",
    ".dj-backlinks",  # “引用本文件的” lists name other documents, not this one
    "[data-pagefind-ignore]",
)


class SearchIndexError(Exception):
    """Indexing failed; the message says why, in Chinese."""


@dataclass(frozen=True)
class IndexReport:
    binary: Binary
    pages: int
    words: int
    filters: int
    seconds: float
    bytes: int
    """Size of the whole bundle written into the site (index, fragments, scripts)."""


def index(site: Path, binary: Binary | None = None) -> IndexReport | None:
    """Index ``site``; ``None`` when no page has content to index (no documents yet),
    where Pagefind would otherwise index whole pages, navigation and all."""
    started = time.monotonic()
    if not any("data-pagefind-body" in page.read_text(encoding="utf-8", errors="replace")
               for page in site.rglob("*.html")):
        return None
    try:
        binary = binary or pagefind_binary.locate()
    except pagefind_binary.BinaryError as exc:
        raise SearchIndexError(str(exc)) from None
    command = [str(binary.path), "--site", str(site), "--output-subdir", OUTPUT_SUBDIR]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.SubprocessError) as exc:
        raise SearchIndexError(f"无法运行 Pagefind（{binary.path}）：{exc}") from None
    if run.returncode != 0:
        detail = (run.stderr or run.stdout).strip().splitlines()[-5:]
        raise SearchIndexError("Pagefind 建索引失败：" + " / ".join(detail))
    bundle = site / OUTPUT_SUBDIR
    size = sum(path.stat().st_size for path in bundle.rglob("*") if path.is_file())
    return IndexReport(binary, _count(run.stdout, "pages"), _count(run.stdout, "words"),
                       _count(run.stdout, "filters"), time.monotonic() - started, size)


def _count(output: str, what: str) -> int:
    match = re.search(rf"Indexed (\d+) {what}", output)
    return int(match.group(1)) if match else 0
