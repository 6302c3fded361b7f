"""A search index that works from ``file://``, for the offline bundle.

Pagefind loads its index with ES modules and fetch, which browsers refuse from
``file://``. This index is one plain script (``window.DJ_SEARCH = …``) holding the text
of every section (the page's head and each heading with an id: chapters, articles, work
items), read from the built HTML (with a simplified copy where it is in traditional
script). The browser matches the query as substrings of that text, which needs no word
segmentation and so cannot disagree with how Chinese was split at build time.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from dangjian.core import ui
from dangjian.core.kinds import KINDS
from dangjian.text import script

INDEX_FILE = "_dangjian/search-index.js"

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_DOCUMENT = re.compile(r"<div data-pagefind-body>")
"""A document's content, marked for indexing at full weight (see dangjian/theme/main.html)."""
_SKIP_CLASSES = ("headerlink", "dj-copy", "dj-backlinks", "md-source-file", "dj-search-fields",
                 "dj-selfcheck__intro", "dj-selfcheck__summary")
_BLOCKS = {"p", "li", "td", "th", "dd", "div", "blockquote", "pre", "section"}
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_VOID = {"br", "hr", "img", "input", "meta", "link", "col", "wbr", "source"}

KIND_BY_FOLDER = {kind.folder: kind.search_type for kind in KINDS}


@dataclass
class Section:
    anchor: str
    heading: str
    text: list[str] = field(default_factory=list)


class _Sections(HTMLParser):
    """Splits an article into sections at every heading that has an id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[Section] = [Section("", "")]
        self.meta: dict[str, str] = {}
        self._skip_depth = 0
        self._stack: list[tuple[str, bool]] = []
        self._heading: Section | None = None
        self._dt: str | None = None
        self._in_dt = False
        self._in_dd = False
        self._card_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        attr = dict(attrs)
        classes = attr.get("class") or ""
        skip = self._skip_depth > 0 or any(name in classes.split() for name in _SKIP_CLASSES) \
            or "data-pagefind-ignore" in attr
        self._stack.append((tag, skip))
        if skip:
            self._skip_depth += 1
            return
        if self._card_depth or "dj-card" in classes.split():
            self._card_depth += 1
        if tag in _HEADINGS and attr.get("id"):
            self._heading = Section(attr["id"], "")
            self.sections.append(self._heading)
        if tag == "dt":
            self._in_dt, self._dt = True, ""
        if tag == "dd":
            self._in_dd = True

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        while self._stack:
            open_tag, skip = self._stack.pop()
            if skip:
                self._skip_depth -= 1
            elif self._card_depth:
                self._card_depth -= 1
            if open_tag == tag:
                break
        if tag in _BLOCKS and not self._card_depth:
            self.sections[-1].text.append(" ")
        if tag in _HEADINGS:
            self._heading = None
        if tag == "dt":
            self._in_dt = False
        if tag == "dd":
            self._in_dd = False

    def handle_data(self, data):
        if self._skip_depth:
            return
        if self._heading is not None:
            self._heading.heading += data
            return
        if self._card_depth:
            # The card is metadata: kept apart, not searched as body text.
            if self._in_dt and self._dt is not None:
                self._dt += data.strip()
            elif self._in_dd and self._dt:
                self.meta[self._dt] = self.meta.get(self._dt, "") + data.strip()
            return
        self.sections[-1].text.append(data)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", unescape(text)).strip()


def index_page(html: str) -> tuple[str, dict[str, str], list[Section]] | None:
    match = _ARTICLE.search(html)
    if not match:
        return None
    parser = _Sections()
    parser.feed(match.group(1))
    sections = parser.sections
    title = _clean(sections[1].heading) if len(sections) > 1 else ""
    # The h1 starts the page: merge the lead-in before it into the first section.
    if len(sections) > 1 and sections[1].heading and not "".join(sections[0].text).strip():
        sections = sections[1:]
        sections[0] = Section("", sections[0].heading, sections[0].text)
    return title, parser.meta, sections


def record(page: int, anchor: str, heading: str, text: str) -> list:
    """One section of the index; where its text holds traditional characters, the text
    folded to simplified follows, made here once rather than on every first search in
    the browser (offline-search.js compares that field)."""
    folded = script.fold(text)
    return [page, anchor, heading, text] if folded == text else \
        [page, anchor, heading, text, folded]


def build_index(site: Path, directory_urls: bool) -> dict:
    pages: list[list] = []
    records: list[list] = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative in {"404.html"} or relative.startswith(("search/", "_dangjian/")):
            continue
        html = path.read_text(encoding="utf-8")
        parsed = index_page(html)
        if parsed is None:
            continue
        title, meta, sections = parsed
        url = relative if not directory_urls else relative.removesuffix("index.html")
        folder = relative.split("/", 1)[0] if "/" in relative else ""
        kind = KIND_BY_FOLDER.get(folder, ui.text("kind.page"))
        detail = " · ".join(v for v in (meta.get("效力状态"), meta.get("公布日期"),
                                          meta.get("制定机关")) if v and v != ui.UNKNOWN)
        aliases = meta.get("简称", "").replace("《", " ").replace("》", " ")
        page_index = len(pages)
        # Listings, tracks and the glossary repeat the words of many documents: the
        # browser ranks them below the documents themselves, as Pagefind's weights do.
        listing = 0 if _DOCUMENT.search(html) else 1
        pages.append([url, title, kind, detail, _clean(aliases), listing])
        for section in sections:
            text = _clean("".join(section.text))
            heading = _clean(section.heading)
            if text or heading:
                records.append(record(page_index, section.anchor, heading, text))
    return {"pages": pages, "records": records}


def write_index(site: Path, directory_urls: bool) -> Path:
    index = build_index(site, directory_urls)
    target = site / INDEX_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    target.write_text(f"window.DJ_SEARCH={payload};\n", encoding="utf-8")
    return target
