"""The built site stands alone: every internal link resolves, and nothing loads from
outside (the intranet has no internet)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

pytestmark = pytest.mark.build

EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.loads: list[tuple[str, str]] = []
        """(tag, url) of everything the browser fetches by itself."""
        self.links: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attr = dict(attrs)
        if tag == "style":
            self._in_style = True
        if attr.get("style"):
            self.styles.append(attr["style"])
        for name in ("src", "srcset", "poster", "data"):
            if attr.get(name):
                self.loads.append((tag, attr[name]))
        if tag == "link" and attr.get("href"):
            self.loads.append((tag, attr["href"]))
        if tag == "a" and attr.get("href"):
            self.links.append(attr["href"])

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def css_external(css: str) -> list[str]:
    found = re.findall(r"@import\s+(?:url\()?\s*['\"]?([^'\")\s;]+)", css)
    found += re.findall(r"url\(\s*['\"]?([^'\")]+)", css)
    return [url for url in found if EXTERNAL.match(url.strip())]


def test_nothing_is_loaded_from_outside(built_site):
    problems = []
    for path in built_site.rglob("*.html"):
        parser = _Refs()
        parser.feed(path.read_text(encoding="utf-8"))
        for tag, url in parser.loads:
            if EXTERNAL.match(url.strip()):
                problems.append(f"{path.relative_to(built_site)}: <{tag}> {url}")
        for css in parser.styles:
            problems += [f"{path.relative_to(built_site)}: style {u}" for u in css_external(css)]
    for path in built_site.rglob("*.css"):
        problems += [f"{path.relative_to(built_site)}: {u}"
                     for u in css_external(path.read_text(encoding="utf-8"))]
    assert problems == []


def test_the_check_itself_catches_external_loads():
    parser = _Refs()
    parser.feed('<link rel="stylesheet" href="https://fonts.googleapis.com/css">'
                '<script src="//cdn.example/x.js"></script><style>@import "https://x/y.css";'
                "</style>")
    assert len([u for _, u in parser.loads if EXTERNAL.match(u)]) == 2
    assert css_external(parser.styles[0]) == ["https://x/y.css"]
    assert css_external("a{background:url('data:image/png;base64,AA')}") == []


def _target(site: Path, page: Path, href: str) -> Path | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    base = "/" + page.relative_to(site).as_posix()
    resolved = unquote(urlsplit(urljoin(base, parts.path)).path).lstrip("/")
    target = site / resolved
    return target / "index.html" if resolved.endswith("/") or target.is_dir() else target


def test_every_internal_link_resolves(built_site):
    broken = []
    for page in built_site.rglob("*.html"):
        parser = _Refs()
        parser.feed(page.read_text(encoding="utf-8"))
        for href in parser.links + [u for t, u in parser.loads if t == "link"]:
            target = _target(built_site, page, href)
            if target is not None and not target.exists():
                broken.append(f"{page.relative_to(built_site)} → {href}")
    assert broken == []


def test_every_anchor_link_lands_on_an_id(built_site):
    missing = []
    for page in built_site.rglob("*.html"):
        parser = _Refs()
        parser.feed(page.read_text(encoding="utf-8"))
        for href in parser.links:
            target = _target(built_site, page, href) or (page if href.startswith("#") else None)
            fragment = unquote(urlsplit(href).fragment)
            if target is None or not fragment or not target.exists():
                continue
            if f'id="{fragment}"' not in target.read_text(encoding="utf-8"):
                missing.append(f"{page.relative_to(built_site)} → {href}")
    assert missing == []
