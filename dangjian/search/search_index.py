"""Post-build step: index the rendered site with Pagefind into ``<site>/pagefind/``.

It runs on the HTML of the site being built, before that site is swapped into place, so a
failed index leaves the last good site untouched. What is indexed is decided in the
pages themselves: ``data-pagefind-body`` on a document's content (dangjian/theme/main.html),
its filters and metadata in a hidden element (``search_fields``). The selectors below
drop what sits inside the content but is not the document's text.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from dangjian.search import pagefind_binary, parts
from dangjian.search.pagefind_binary import Binary

OUTPUT_SUBDIR = "pagefind"
PARTS_FILE = "dj-parts.json"
"""In the bundle: the folders (relative to it) of the parts the browser merges."""
PARTS_FORMAT = "dangjian-search-parts"
PART_FOLDER = "parts"
_PART_KEEP = ("pagefind-entry.json", "index", "fragment", "filter")
"""What a merged part needs: the primary bundle brings the scripts and the wasm."""

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
    parts: int = 1
    """Index runs, merged in the browser (parts.py)."""


def index(site: Path, binary: Binary | None = None,
          part_pages: int | None = None) -> IndexReport | None:
    """Index ``site``; ``None`` when no page has content to index (no documents yet),
    where Pagefind would otherwise index whole pages, navigation and all. More than
    ``part_pages`` pages (parts.part_size) are indexed in parts."""
    started = time.monotonic()
    planned = _plan(site, parts.part_size(part_pages))
    if not planned:
        return None
    try:
        binary = binary or pagefind_binary.locate()
    except pagefind_binary.BinaryError as exc:
        raise SearchIndexError(str(exc)) from None
    bundle = site / OUTPUT_SUBDIR
    if len(planned) == 1:
        outputs = [_run(binary, site, bundle)]
    else:
        outputs = [_run_part(binary, site, pages, bundle if number == 0
                             else bundle / PART_FOLDER / str(number))
                   for number, pages in enumerate(planned)]
    (bundle / PARTS_FILE).write_text(json.dumps({
        "format": PARTS_FORMAT, "version": 1,
        "parts": [f"{PART_FOLDER}/{number}/" for number in range(1, len(planned))],
    }), encoding="utf-8")
    size = sum(path.stat().st_size for path in bundle.rglob("*") if path.is_file())
    return IndexReport(binary, sum(_count(out, "pages") for out in outputs),
                       sum(_count(out, "words") for out in outputs),
                       max(_count(out, "filters") for out in outputs),
                       time.monotonic() - started, size, len(planned))


def _plan(site: Path, size: int) -> list[list[str]]:
    """The parts to index: none when no page has content. A site of at most ``size``
    pages is one run, and then it is enough to find one page with content."""
    pages = sorted(site.rglob("*.html"))
    if len(pages) <= size:
        whole = [page.relative_to(site).as_posix() for page in pages]
        return [whole] if any(map(_has_body, pages)) else []
    return parts.plan([page.relative_to(site).as_posix() for page in pages
                       if _has_body(page)], size)


def _has_body(page: Path) -> bool:
    return "data-pagefind-body" in page.read_text(encoding="utf-8", errors="replace")


def _run_part(binary: Binary, site: Path, pages: list[str], output: Path) -> str:
    # Beside the site, on its file system, so that the pages can be hard links.
    with tempfile.TemporaryDirectory(prefix=".index-part-", dir=site.parent) as folder:
        parts.link_part(site, pages, Path(folder))
        out = _run(binary, Path(folder), output)
    if output != site / OUTPUT_SUBDIR:
        for path in list(output.iterdir()):
            if path.name not in _PART_KEEP and not path.name.endswith(".pf_meta"):
                shutil.rmtree(path) if path.is_dir() else path.unlink()
    return out


def _run(binary: Binary, site: Path, output: Path) -> str:
    command = [str(binary.path), "--site", str(site), "--output-path", str(output)]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.SubprocessError) as exc:
        raise SearchIndexError(f"无法运行 Pagefind（{binary.path}）：{exc}") from None
    if run.returncode != 0:
        detail = (run.stderr or run.stdout).strip().splitlines()[-5:]
        raise SearchIndexError("Pagefind 建索引失败：" + " / ".join(detail))
    return run.stdout


def _count(output: str, what: str) -> int:
    match = re.search(rf"Indexed (\d+) {what}", output)
    return int(match.group(1)) if match else 0
