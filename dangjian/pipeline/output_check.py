"""Check what is published: the output firewall over the rendered site, its findings
turned into diagnostics that name the source file and line where they can be traced."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from dangjian.core.diagnostics import Diagnostic
from dangjian.pages.stage import Staged
from dangjian.safety import firewall

FIELD = "发布检查"


def check(site: Path, staged: Staged, directory_urls: bool, root: Path,
          site_url: str | None = None) -> list[Diagnostic]:
    """Every finding of the firewall in ``site``; ``root`` is the project (for sources),
    ``site_url`` where the site is published."""
    pages = {_html_of(page, directory_urls): page for page in staged.pages}
    base = urlsplit(site_url or "").path or "/"
    policy = firewall.Policy(base_path=base if base.endswith("/") else base + "/")
    return [_diagnostic(finding, pages, staged, root)
            for finding in firewall.check_site(site, policy)]


def _html_of(page: str, directory_urls: bool) -> str:
    stem = page.removesuffix(".md")
    if not directory_urls or stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"


def _diagnostic(finding: firewall.Finding, pages: dict[str, str], staged: Staged,
                root: Path) -> Diagnostic:
    where = f"（输出文件 {finding.path}）"
    page = pages.get(finding.path)
    source = staged.sources.get(page) if page is not None else None
    if source is None:
        return Diagnostic(finding.path, finding.line or 0, FIELD, finding.message)
    return Diagnostic(source, _line_in(root / source, finding.snippet), FIELD,
                      finding.message + where)


_PIECES = re.compile(r"[^\s\"'<>=/]{4,}")


def _line_in(source: Path, snippet: str) -> int:
    """The first line of ``source`` holding the snippet, or a telling piece of it."""
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return 0
    for needle in [snippet, *_PIECES.findall(snippet)]:
        at = text.find(needle)
        if needle and at >= 0:
            return text.count("\n", 0, at) + 1
    return 0
