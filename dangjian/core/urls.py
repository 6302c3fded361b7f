"""Links between pages of the built site, as final relative URLs.

Generated HTML is not rewritten by any engine, so the core writes the URL a browser
needs, for both URL styles: directory URLs on the intranet server (``regulations/x/``)
and file URLs for ``file://`` bundles (``regulations/x.html``).
"""

from __future__ import annotations

import posixpath


def page_url(page: str, directory_urls: bool) -> str:
    """Site-relative URL of a staged Markdown page."""
    stem = page.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    return stem.removesuffix("index") if stem.endswith("/index") else stem + "/"


def href(target: str, from_page: str, directory_urls: bool, anchor: str = "") -> str:
    """Relative URL from the page ``from_page`` to the page ``target`` (both .md paths)."""
    to_url = page_url(target, directory_urls)
    from_url = page_url(from_page, directory_urls)
    base = from_url.rsplit("/", 1)[0] if "/" in from_url else ""
    path = posixpath.relpath(to_url or ".", base or ".")
    if to_url.endswith("/") or not to_url:
        path = "./" if path == "." else path + "/"
    if not directory_urls and path.endswith("/"):
        path += "index.html"
    return path + (f"#{anchor}" if anchor else "")


class Links:
    """Links from one page: ``Links(page, directory_urls).to(target, anchor)``."""

    def __init__(self, page: str, directory_urls: bool):
        self.page = page
        self.directory_urls = directory_urls

    def to(self, target: str, anchor: str = "") -> str:
        return href(target, self.page, self.directory_urls, anchor)
