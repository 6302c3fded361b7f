"""Every file under docs/ has a known kind: Markdown for the loader, or an allowed asset.

MkDocs renders every file with a Markdown extension as a page and copies everything else
into the site as it is, so a ``.markdown`` page or an ``.html``/``.svg``/``.js`` file would
reach readers with none of the checks. Here every Markdown spelling goes to the loader;
other files are published only if their type is on the list below, text-like ones only once
scanned; and an asset goes only into the builds whose audience can read a page that uses it.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn"})
"""What MkDocs (and common editors) treat as Markdown, compared case-insensitively."""

BINARY_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf", ".doc", ".xls",
                             ".ppt", ".xlsx", ".pptx", ".mp3", ".mp4"})
SCANNED_SUFFIXES = frozenset({".txt", ".csv", ".docx"})
"""Published once their text has been searched for classification markings."""
REFUSED_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".svg", ".js", ".mjs", ".css", ".xml",
                              ".json", ".yml", ".yaml", ".php", ".swf", ".zip", ".rar", ".7z",
                              ".exe", ".bat", ".sh"})
"""Can carry script or markup, or hide what they hold: never copied from docs/."""

OVERRIDE_SUFFIXES = frozenset({".html", ".css", ".js", ".png", ".jpg", ".jpeg", ".gif", ".webp",
                               ".svg", ".ico", ".woff", ".woff2"})
"""What a theme's custom_dir (overrides/) may hold: templates and the theme's asset types."""


class Asset(NamedTuple):
    path: Path
    relative: str
    """Path under docs/ (and in the site), with forward slashes."""


def is_markdown(path: Path) -> bool:
    return path.suffix.lower() in MARKDOWN_SUFFIXES


def page_path(relative: str) -> str:
    """Where a Markdown file is staged: always ``.md``, so the engine renders it as a page."""
    stem, suffix = posixpath.splitext(relative)
    return stem + ".md" if suffix.lower() in MARKDOWN_SUFFIXES else relative


def refusal(path: Path) -> str | None:
    """Why an asset under docs/ may not be published, or None."""
    suffix = path.suffix.lower()
    if suffix in BINARY_SUFFIXES or suffix in SCANNED_SUFFIXES:
        return None
    if suffix in REFUSED_SUFFIXES:
        return (f"不允许在内容目录中放置 {suffix} 文件：这类文件可含脚本或标记，"
                "不经检查就会发布；请改为 Markdown 页面或允许的附件类型")
    allowed = "、".join(sorted(BINARY_SUFFIXES | SCANNED_SUFFIXES))
    return f"未知的文件类型“{suffix or '（无扩展名）'}”：内容目录中只允许 Markdown 和 {allowed}"


def override_refusal(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in OVERRIDE_SUFFIXES:
        return None
    allowed = "、".join(sorted(OVERRIDE_SUFFIXES))
    return f"主题覆盖目录中只允许模板和主题资源（{allowed}），不允许“{suffix or path.name}”"


# Where a page can point at a file: Markdown links and images, reference definitions,
# and HTML attributes. Finding a use only decides whether an asset is published at all:
# a use missed here leaves the file out, it never lets anything in.
_URLS = re.compile(r"\]\(\s*<?([^)\s>]+)|^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)|"
                   r"(?:src|href|data)\s*=\s*[\"']?([^\"'\s>]+)", re.M | re.I)


def used_by(page: str, body: str) -> set[str]:
    """docs/-relative paths of the files ``body`` (of staged page ``page``) links to."""
    base = posixpath.dirname(page)
    found = set()
    for match in _URLS.finditer(body):
        url = next(group for group in match.groups() if group)
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        target = unquote(parts.path)
        joined = target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
        found.add(posixpath.normpath(joined))
    return found


def published(assets: Iterable[Asset], pages: Iterable[tuple[str, str]]) -> list[Asset]:
    """The assets used by at least one of ``pages`` ((staged page, body) pairs)."""
    used: set[str] = set()
    for page, body in pages:
        used |= used_by(page, body)
    return [asset for asset in assets if asset.relative in used]


def check_overrides(custom_dir: Path | None, shown, diagnostics) -> None:
    """Only templates and the theme's asset types in the theme's custom_dir."""
    if custom_dir is None or not custom_dir.is_dir():
        return
    inside = custom_dir.resolve()
    for path in sorted(custom_dir.rglob("*")):
        if path.is_symlink() and not path.resolve().is_relative_to(inside):
            diagnostics.error(shown(path), 0, "path", "符号链接指向主题覆盖目录之外，已拒绝")
        elif path.is_file() and (why := override_refusal(path)):
            diagnostics.error(shown(path), 0, "path", why)
