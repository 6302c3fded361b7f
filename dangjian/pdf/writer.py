"""HTML to PDF with WeasyPrint: A4 pages from print.css, fonts from the system, nothing
fetched from outside the site, the same bytes for the same input."""

from __future__ import annotations

import hashlib
import logging
from functools import cache
from importlib import resources
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

STYLESHEET = "print.css"


class _SiteOnly(URLFetcher):
    """Images and the like from the built site itself, never from the network (the site
    has none) or from elsewhere on the disk."""

    def __init__(self, site: Path):
        super().__init__(allowed_protocols={"file", "data"})
        self.site = site.resolve()

    def fetch(self, url: str, headers: dict | None = None) -> dict:
        if url.startswith("file:"):
            from urllib.parse import unquote, urlsplit

            path = Path(unquote(urlsplit(url).path)).resolve()
            if not path.is_relative_to(self.site):
                raise ValueError(f"outside the site: {url}")
        return super().fetch(url, headers)


@cache
def _stylesheet() -> bytes:
    return resources.files("dangjian.assets").joinpath(STYLESHEET).read_bytes()


@cache
def _fonts() -> FontConfiguration:
    return FontConfiguration()


def _quiet() -> None:
    # WeasyPrint reports each CSS property it ignores (Material-free pages still carry
    # screen-only rules of print.css); a build reports its own problems.
    for name in ("weasyprint", "weasyprint.progress"):
        logging.getLogger(name).setLevel(logging.ERROR)


def write_pdf(html: str, page_file: Path, site: Path) -> bytes:
    """The PDF of ``html``, which stands for the page ``page_file`` of the site ``site``
    (relative image URLs resolve from there)."""
    _quiet()
    fonts = _fonts()
    document = HTML(string=html, base_url=page_file.resolve().as_uri(),
                    url_fetcher=_SiteOnly(site))
    stylesheet = CSS(string=_stylesheet().decode("utf-8"), font_config=fonts)
    # A fixed identifier (no creation date is written either): same input, same bytes.
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    return document.write_pdf(stylesheets=[stylesheet], font_config=fonts,
                              pdf_identifier=identifier)
