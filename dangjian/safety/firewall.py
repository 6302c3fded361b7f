"""The output firewall: what a built site (or bundle) may contain, checked on its files.

The loader refuses unsafe input, but what is published is what matters: a Markdown
extension, a template or a generator could still produce a script, an event handler or
a classification marking from harmless-looking input. So every file of the finished
output is checked before it replaces the last good one:

- HTML is parsed as a browser parses it: no ``on*`` attribute, no refresh, no frames or
  plug-ins, every URL normalised and limited to safe schemes, no script but the
  product's own, and inside the content area only allow-listed elements and attributes;
- the text of every page and every text asset (JSON, JavaScript, CSS, XML, SVG, the
  search index) carries no classification marking (``markings``).

Parser: selectolax's lexbor backend. Lexbor implements the WHATWG parsing algorithm,
so it decodes character references, splits attributes and handles SVG and MathML as
browsers do — which is what matters when the question is what a browser would run.
html5lib conforms as well but is pure Python: about 1.8 s for the shipped site's 51
pages against 0.01 s, minutes at the 2,000 pages the product must handle. (selectolax's
older Modest backend is deprecated and does not follow the standard.)
"""

from __future__ import annotations

import bisect
import concurrent.futures
import fnmatch
import hashlib
import itertools
import json
import multiprocessing
import os
import posixpath
import re
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from selectolax.lexbor import LexborHTMLParser, LexborNode

from dangjian.safety import markings
from dangjian.safety.htmlpolicy import ALLOWED_TAGS

SNIPPET = 120

# Rule ids, stable so that a finding can be mapped back to its cause.
EVENT_HANDLER = "event-handler"
HTTP_EQUIV = "http-equiv"
FORBIDDEN_ELEMENT = "forbidden-element"
FORBIDDEN_ATTRIBUTE = "forbidden-attribute"
URL_SCHEME = "url-scheme"
REMOTE_RESOURCE = "remote-resource"
SCRIPT = "script"
STYLE = "style"
CONTENT_ELEMENT = "content-element"
CONTENT_ATTRIBUTE = "content-attribute"
MARKING = "marking"
SYMLINK = "symlink"
UNREADABLE = "unreadable"


@dataclass(frozen=True)
class Finding:
    path: str
    """Site-relative, with "/" separators."""
    line: int | None
    """1-based line in the file where known (best effort for HTML)."""
    rule: str
    message: str
    """In Chinese, for the person who has to fix it."""
    snippet: str
    """The offending text, at most 120 characters."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: 错误: {self.rule}: {self.message}：{self.snippet}"


# Material for MkDocs' own inline scripts (partials/javascripts/base.html and
# content.html), by the SHA-256 of their normalised text (see ``inline_script_hash``).
# A theme upgrade that changes them makes the shipped site fail this check; the new
# hash is in the finding.
MATERIAL_INLINE_SCRIPTS = frozenset({
    "7eb3684fdacd2881f67b9428983273a29d8774d8bc82622af9b65a8ec1032a90",
    "ffcc0f7735fdab434d257c80e65cec2e88d716991e69757185b7e450e41a5b2f",
})

_CONTENT_EXTRA_TAGS = frozenset({
    # What the product's own generated pages put in the content area (self-checks,
    # search page, charts, progress), seen in a real build.
    "article", "button", "fieldset", "form", "input", "label", "legend", "meter", "nav",
    "noscript", "optgroup", "option", "output", "progress", "select", "textarea",
    "pagefind-filter-dropdown", "pagefind-filter-pane", "pagefind-input", "pagefind-results",
    "pagefind-searchbox", "pagefind-summary",
    "svg", "g", "defs", "title", "desc", "text", "tspan", "rect", "circle", "ellipse", "line",
    "polyline", "polygon", "path", "pattern", "lineargradient", "radialgradient", "stop",
    "clippath", "marker", "symbol",
    # Harmless text-level elements authors may write.
    "aside", "bdi", "bdo", "dfn", "footer", "header", "rp", "rt", "ruby", "samp", "var", "wbr",
})

_CONTENT_ATTRIBUTES = frozenset({
    "class", "id", "title", "lang", "dir", "hidden", "role", "tabindex", "translate", "style",
    "align", "valign", "width", "height", "border", "cellpadding", "cellspacing", "colspan",
    "rowspan", "headers", "scope", "abbr", "span", "start", "reversed", "type", "value",
    "datetime", "open", "alt", "loading", "decoding", "sizes", "target", "rel", "hreflang",
    "name", "for", "max", "min", "step", "checked", "disabled", "selected", "multiple",
    "placeholder", "readonly", "required", "label", "size", "maxlength", "summary", "nowrap",
    "filter", "instance", "hide-clear",
    "viewbox", "xmlns", "xmlns:xlink", "fill", "fill-opacity", "fill-rule", "stroke",
    "stroke-width", "stroke-opacity", "stroke-dasharray", "stroke-linecap", "stroke-linejoin",
    "opacity", "transform", "d", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry",
    "points", "dx", "dy", "text-anchor", "dominant-baseline", "font-size", "font-weight",
    "font-family", "preserveaspectratio", "patternunits", "patterntransform",
    "patterncontentunits", "offset", "stop-color", "stop-opacity", "clip-path",
    "gradientunits", "gradienttransform",
})

_CONTENT_URL_ATTRIBUTES: Mapping[str, frozenset[str]] = MappingProxyType({
    "a": frozenset({"href"}),
    "img": frozenset({"src", "srcset"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "del": frozenset({"cite"}),
    "ins": frozenset({"cite"}),
})


@dataclass(frozen=True)
class Policy:
    """What the output may contain. The defaults are the product's."""

    script_paths: tuple[str, ...] = (
        "assets/javascripts/*.js", "assets/javascripts/*/*.js", "assets/javascripts/*/*/*.js",
        "_dangjian/*.js", "pagefind/*.js",
    )
    """Site-relative path patterns (fnmatch) of the product's own script files."""
    inline_script_hashes: frozenset[str] = MATERIAL_INLINE_SCRIPTS
    """``inline_script_hash`` of every inline script the theme may emit."""
    data_script_ids: frozenset[str] = frozenset({"__config"})
    """Ids of ``<script type="application/json">`` data blocks the theme reads."""
    content_selector: str = "article.md-content__inner"
    """The content area: authored and generated content, under the stricter rules."""
    content_tags: frozenset[str] = ALLOWED_TAGS | _CONTENT_EXTRA_TAGS
    content_attributes: frozenset[str] = _CONTENT_ATTRIBUTES
    """Attribute names allowed in the content area besides aria-* and data-*."""
    content_url_attributes: Mapping[str, frozenset[str]] = field(
        default_factory=lambda: _CONTENT_URL_ATTRIBUTES)
    """Which URL-bearing attributes which content elements may carry."""
    url_schemes: frozenset[str] = frozenset({"http", "https", "mailto"})
    """Schemes an absolute URL may have; relative URLs and "#…" are always allowed."""
    data_image_types: frozenset[str] = frozenset()
    """``data:image/…`` types allowed in ``<img src>`` (e.g. "png"); Material needs none."""
    http_equiv: frozenset[str] = frozenset({
        "content-type", "content-language", "x-ua-compatible", "content-security-policy"})
    """``<meta http-equiv>`` values allowed: none of these navigates or runs anything."""
    allow_remote_resources: bool = False
    """Whether pages may load images, styles or scripts from other hosts (never offline)."""
    base_path: str = "/"
    """The URL path the site is published under (from ``site_url``): root-absolute URLs
    that start with it point into the site (the 404 page uses them)."""


_FORBIDDEN_TAGS = frozenset({
    "base", "iframe", "frame", "frameset", "object", "embed", "applet", "portal",
    "fencedframe", "template", "foreignobject", "animate", "animatemotion",
    "animatetransform", "set", "handler", "listener",
})
_FORBIDDEN_ATTRIBUTES = frozenset({"srcdoc"})
_URL_ATTRIBUTES = frozenset({
    "href", "src", "action", "formaction", "xlink:href", "poster", "srcset", "imagesrcset",
    "background", "data", "cite", "longdesc", "usemap", "manifest", "ping", "codebase",
    "classid", "archive", "profile", "icon", "lowsrc", "dynsrc",
})
_SPECIAL_TAGS = _FORBIDDEN_TAGS | {"script", "meta", "style", "link"}
_URL_LISTS = frozenset({"srcset", "imagesrcset"})
_SPACED_URL_LISTS = frozenset({"ping", "archive"})
# Attributes that make the browser fetch something as the page loads.
_RESOURCE_ATTRIBUTES = frozenset({
    "src", "poster", "srcset", "imagesrcset", "background", "data", "lowsrc", "dynsrc",
    "ping", "manifest", "codebase", "archive",
})
_RESOURCE_LINKS = frozenset({
    "stylesheet", "icon", "apple-touch-icon", "mask-icon", "preload", "modulepreload",
    "prefetch", "prerender", "preconnect", "dns-prefetch", "manifest", "import",
})
_SVG_RESOURCE_TAGS = frozenset({"use", "image", "feimage", "script"})
_TEXT_ATTRIBUTES = frozenset({
    "title", "alt", "aria-label", "aria-description", "aria-roledescription",
    "aria-placeholder", "aria-valuetext", "placeholder", "content", "label", "value", "summary",
})
_JS_TYPES = frozenset({"", "module", "text/javascript", "application/javascript"})
_DATA_TYPES = frozenset({"application/json"})
# Text that a reader sees as a line of its own; everything else runs on.
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "button", "caption", "dd",
    "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "label",
    "legend", "li", "main", "nav", "noscript", "ol", "optgroup", "option", "output", "p", "pre",
    "section", "select", "summary", "table", "tbody", "td", "textarea", "tfoot", "th", "thead",
    "title", "tr", "ul", "text", "desc",
})
_NO_TEXT = frozenset({"script", "style"})

_URL_JUNK = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_DATA_IMAGE = re.compile(r"data:image/([a-z0-9.+\-]+)[;,]")
_LOCATION_SCOPE = re.compile(r'new URL\("[./]*",location\)')
_CSS_DANGER = re.compile(r"expression\s*\(|javascript:|vbscript:|-moz-binding|behavior\s*:"
                         r"|@import|\\", re.I)
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)|@import\s*(['"])([^'"]*)\3""", re.I)
_XML_DECLARATION = re.compile(r"<!ENTITY|<\?xml-stylesheet", re.I)
_JS_STRING = re.compile(r""""(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'""")
_MAYBE_MARKED = re.compile(r"[秘祕㊙机機绝絕&]|\\u")

_HTML_SUFFIXES = frozenset({".html", ".htm"})
_XML_PAGE_SUFFIXES = frozenset({".svg", ".xhtml", ".xht"})
_SCRIPT_SUFFIXES = frozenset({".js", ".mjs", ".cjs", ".json", ".map", ".webmanifest"})
_STYLE_SUFFIXES = frozenset({".css"})
_TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".csv", ".tsv", ".xml", ".yml",
                            ".yaml", ".rss", ".atom", ".ics", ".vtt", ".srt"})
_GZIP_SUFFIXES = frozenset({".gz", ".pf_fragment", ".pf_meta", ".pf_index", ".pf_filter"})
_CHECKED_SUFFIXES = (_HTML_SUFFIXES | _XML_PAGE_SUFFIXES | _SCRIPT_SUFFIXES | _STYLE_SUFFIXES
                     | _TEXT_SUFFIXES | _GZIP_SUFFIXES)
_MAX_INFLATED = 64 * 1024 * 1024
_PAGEFIND_SIGNATURE = b"pagefind_dcd"


def inline_script_hash(body: str, base_path: str = "/") -> str:
    """SHA-256 of an inline script's text with its page-relative parts taken out.

    Material writes the page's depth into one script (``new URL("../..",location)``), or
    the site's own path where a page uses absolute URLs (the 404 page); only a path made
    of dots and slashes, or exactly ``base_path``, is taken out, so nothing else can vary.
    """
    normal = body.strip().replace(f'new URL("{base_path}",location)', 'new URL("",location)')
    normal = _LOCATION_SCOPE.sub('new URL("",location)', normal)
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def check_site(root: Path, policy: Policy | None = None,
               workers: int | None = None) -> list[Finding]:
    """Every finding in the files under ``root``, in path order.

    Files are independent, so a large site is checked by ``workers`` processes (default:
    one per core); the findings are the same, in the same order, as with one.
    """
    policy = policy or Policy()
    findings: list[Finding] = []
    checked: list[str] = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if path.is_symlink():
            findings.append(Finding(relative, None, SYMLINK, "输出中不得有符号链接",
                                    f"{relative} -> {_clip(str(path.readlink()))}"))
        elif path.is_file() and _is_checked(relative):
            checked.append(relative)
    workers = min(workers or os.cpu_count() or 1, max(1, len(checked) // _FILES_PER_WORKER))
    if workers <= 1:
        found = [_check_path(root, relative, policy) for relative in checked]
    else:
        # Forked workers inherit the policy (it holds read-only mappings, which do not
        # pickle); only file names go through the pipes.
        context = multiprocessing.get_context("fork")
        with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context,
                                                    initializer=_use_policy,
                                                    initargs=(policy,)) as pool:
            found = list(pool.map(_check_in_worker, itertools.repeat(root), checked,
                                  chunksize=64))
    for each in found:
        findings.extend(each)
    return sorted(findings, key=lambda finding: finding.path)


_FILES_PER_WORKER = 400
"""Below this many files per process, starting the processes costs more than it saves."""


def _check_path(root: Path, relative: str, policy: Policy) -> list[Finding]:
    return check_file(relative, (root / relative).read_bytes(), policy)


_worker_policy = Policy()


def _use_policy(policy: Policy) -> None:
    global _worker_policy
    _worker_policy = policy


def _check_in_worker(root: Path, relative: str) -> list[Finding]:
    return _check_path(root, relative, _worker_policy)


def _is_checked(path: str) -> bool:
    """Whether ``check_file`` looks into a file of this name (images and fonts it skips)."""
    return posixpath.splitext(path)[1].lower() in _CHECKED_SUFFIXES


def check_file(path: str, data: bytes, policy: Policy | None = None) -> list[Finding]:
    """The findings for one file of the output, by its site-relative ``path``."""
    policy = policy or Policy()
    suffix = posixpath.splitext(path)[1].lower()
    if suffix in _GZIP_SUFFIXES:
        return _check_compressed(path, data, policy)
    if suffix not in _CHECKED_SUFFIXES:
        return []
    text = data.decode("utf-8", errors="replace")
    if suffix in _HTML_SUFFIXES:
        return check_page(text, path, policy)
    if suffix in _XML_PAGE_SUFFIXES:
        return check_page(text, path, policy, xml=True)
    findings = _check_text(path, text)
    if suffix in _SCRIPT_SUFFIXES:
        findings.extend(_check_strings(path, text, findings))
    elif suffix in _STYLE_SUFFIXES:
        findings.extend(_check_stylesheet(path, text, policy))
    return findings


def check_page(html: str, path: str = "index.html", policy: Policy | None = None,
               xml: bool = False) -> list[Finding]:
    """The findings for one HTML page or, with ``xml``, a standalone SVG or XHTML file.

    A browser reads those with its XML parser, which expands entity declarations and
    knows prefixed names (``<svg:script>``): so they may hold no script at all and no
    declaration, and names are judged by their local part.
    """
    return _Page(path, html, policy or Policy(), xml).check()


def _check_compressed(path: str, data: bytes, policy: Policy) -> list[Finding]:
    try:
        inflated = zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(data, _MAX_INFLATED)
    except zlib.error:
        return [Finding(path, None, UNREADABLE, "压缩文件无法解压，无法检查其内容", path)]
    if inflated.startswith(_PAGEFIND_SIGNATURE):
        # Pagefind's fragments are JSON after a fixed signature; its index, filter and
        # meta files are CBOR, whose strings are plain UTF-8 runs: searched as text.
        inflated = inflated[len(_PAGEFIND_SIGNATURE):]
        inner = path + ".json"
    elif path.lower().endswith(".gz"):
        inner = path[:-3]
    else:
        inner = path + ".txt"
    return [Finding(path, f.line, f.rule, f.message, f.snippet)
            for f in check_file(inner, inflated, policy)]


def _check_text(path: str, text: str) -> list[Finding]:
    return [_marking_finding(path, match.line, match) for match in markings.find_markings(text)]


def _check_strings(path: str, text: str, already: list[Finding]) -> list[Finding]:
    """Markings inside the string literals of JSON or JavaScript.

    Text in a data file is escaped (“\\n”, “\\u79d8”) and a string on its own is what
    a page will show as a line of its own, so each literal is decoded and searched.
    """
    seen = {(f.line, f.snippet) for f in already}
    found: list[Finding] = []
    for literal in _JS_STRING.finditer(text):
        raw = literal.group()
        if not _MAYBE_MARKED.search(raw):
            continue
        value = _decode_literal(raw)
        if value is None:
            continue
        match = markings.find_marking(value)
        if match is None:
            continue
        line = text.count("\n", 0, literal.start()) + 1
        if (line, match.snippet) not in seen:
            seen.add((line, match.snippet))
            found.append(_marking_finding(path, line, match))
    return found


def _decode_literal(raw: str) -> str | None:
    if raw[0] == "'":
        raw = '"' + raw[1:-1].replace("\\'", "'").replace('"', '\\"') + '"'
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    return value if isinstance(value, str) else None


def _check_stylesheet(path: str, text: str, policy: Policy) -> list[Finding]:
    if policy.allow_remote_resources:
        return []
    found = []
    for match in _CSS_URL.finditer(text):
        url = match.group(2) if match.group(2) is not None else match.group(4)
        if _is_remote(url):
            found.append(Finding(path, text.count("\n", 0, match.start()) + 1, REMOTE_RESOURCE,
                                 "样式表从其他网站加载资源（内网无法访问外网）",
                                 _clip(match.group())))
    return found


def _marking_finding(path: str, line: int | None, match: markings.Match) -> Finding:
    return Finding(path, line, MARKING,
                   f"含有密级标志（{match.level}，{match.form}）：涉密材料不得发布（涉密不上网）",
                   match.snippet)


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET else text[:SNIPPET - 1] + "…"


def _normal_url(value: str) -> str:
    # Browsers drop control characters and spaces at the ends and tabs and newlines
    # anywhere; dropping every one of them can only make more URLs look suspicious.
    return _URL_JUNK.sub("", value).replace("\\", "/")


def _is_remote(url: str) -> bool:
    normal = _normal_url(url)
    scheme = _SCHEME.match(normal)
    if scheme:
        return scheme.group(1).lower() not in ("data", "blob")
    return normal.startswith("//")


class _Page:
    """One page: its elements checked in one pass, its text searched if it may be marked."""

    def __init__(self, path: str, html: str, policy: Policy, xml: bool):
        self.path = path
        self.html = html
        self.policy = policy
        self.xml = xml
        self.findings: list[Finding] = []
        self._line_starts: list[int] | None = None
        self._plain_names: dict[tuple[str, bool], bool] = {}

    def check(self) -> list[Finding]:
        tree = LexborHTMLParser(self.html)
        root = tree.root
        if root is None:
            return self.findings
        document = root.parent or root
        if self.xml:
            self._check_declarations()
        self._check_elements(tree, document)
        # Most pages hold no level word at all; only those that do are walked again to
        # put their text together line by line as a reader sees it.
        if markings.may_contain(root.text(deep=True, separator="", strip=False)):
            text, blocks = _page_text(document)
            for match in markings.find_markings(text):
                line = self._text_line(blocks, match.offset)
                self.findings.append(_marking_finding(self.path, line, match))
        return self.findings

    def _check_declarations(self) -> None:
        for match in _XML_DECLARATION.finditer(self.html):
            self.findings.append(Finding(
                self.path, self._line_at(match.start()), FORBIDDEN_ELEMENT,
                f"不允许的 XML 声明 {match.group()}（实体和样式表处理指令可改变或隐藏内容）",
                _clip(self.html[match.start():match.start() + SNIPPET])))

    def _check_elements(self, tree: LexborHTMLParser, document: LexborNode) -> None:
        # Lexbor's own traversal, in document order: the content area is the run of
        # elements from its <article> up to the first element after it.
        ends = {node.mem_id: _next_element_id(node)
                for node in tree.css(self.policy.content_selector)}
        content_tags = self.policy.content_tags
        counts: dict[str, int] = {}
        in_content = False
        end: int | None = None
        for node in document.traverse(include_text=False):
            tag = node.tag or ""
            if tag.startswith("-"):
                if tag == "-comment":
                    self._check_marking(node.comment_content or "", None)
                continue
            ident = node.mem_id
            if in_content and ident == end:
                in_content = False
            name = tag.lower()
            if self.xml:
                name = name.rpartition(":")[2]
            occurrence = counts[name] = counts.get(name, 0) + 1
            if name in _SPECIAL_TAGS or (in_content and name not in content_tags):
                self._element(node, name, occurrence, in_content)
            else:
                # Most attributes of most elements (class, id, aria-*, data-md-*) can
                # neither run nor load anything: they are passed over at once.
                for key, value in node.attributes.items():
                    key = key.lower()
                    if self._plain(key, in_content) and not (value and "(" in value):
                        continue
                    self._attribute(name, key, value or "", set(), in_content,
                                    (name, occurrence))
            if not in_content and ident in ends:
                in_content, end = True, ends[ident]

    def _plain(self, key: str, in_content: bool) -> bool:
        """Whether an attribute needs no look at its value (unless it calls a function)."""
        known = self._plain_names.get((key, in_content))
        if known is None:
            known = not (key.rpartition(":")[2].startswith("on") or key in _FORBIDDEN_ATTRIBUTES
                         or key in _URL_ATTRIBUTES or key == "style" or key in _TEXT_ATTRIBUTES
                         or key.startswith("data-pagefind"))
            if in_content:
                known = known and (key in self.policy.content_attributes
                                   or key.startswith(("aria-", "data-")))
            self._plain_names[(key, in_content)] = known
        return known

    # One element

    def _element(self, node: LexborNode, name: str, occurrence: int, in_content: bool) -> None:
        where = (name, occurrence)
        attributes = node.attributes
        if name in _FORBIDDEN_TAGS:
            self._add(FORBIDDEN_ELEMENT,
                      f"不允许的元素 <{name}>（框架、插件、模板或动画可加载或运行代码）",
                      f"<{name}>", where)
        elif name == "script":
            self._script(node, attributes, where)
        elif in_content and name not in self.policy.content_tags:
            self._add(CONTENT_ELEMENT, f"正文区中不允许的元素 <{name}>",
                      _clip(node.html or f"<{name}>"), where)
        if name == "meta" and "http-equiv" in attributes:
            equiv = (attributes.get("http-equiv") or "").strip().lower()
            if equiv not in self.policy.http_equiv:
                self._add(HTTP_EQUIV,
                          f"不允许的 <meta http-equiv=\"{equiv}\">（可跳转或改变页面行为）",
                          _clip(node.html or ""), where)
        if name == "style":
            css = node.text(deep=True) or ""
            self._css(css, where, element=True)
            self._check_marking(css, where)
        rel = ({token.lower() for token in (attributes.get("rel") or "").split()}
               if name == "link" else set())
        for attribute, value in attributes.items():
            self._attribute(name, (attribute or "").lower(), value or "", rel, in_content, where)

    def _attribute(self, tag: str, key: str, value: str, rel: set[str], in_content: bool,
                   where: tuple[str, int]) -> None:
        def shown() -> str:
            return _clip(f'{key}="{value}"')

        if key.rpartition(":")[2].startswith("on"):
            self._add(EVENT_HANDLER, f"<{tag}> 上不允许的事件属性 {key}=（会运行脚本）", shown(),
                      where)
            return
        if key in _FORBIDDEN_ATTRIBUTES:
            self._add(FORBIDDEN_ATTRIBUTE, f"<{tag}> 上不允许的属性 {key}=", shown(), where)
            return
        if in_content:
            allowed = (key in self.policy.content_attributes or key.startswith(("aria-", "data-"))
                       or key in self.policy.content_url_attributes.get(tag, ()))
            if not allowed:
                self._add(CONTENT_ATTRIBUTE, f"正文区中 <{tag}> 上不允许的属性 {key}=", shown(),
                          where)
        if key in _URL_ATTRIBUTES:
            self._urls(tag, key, value, rel, where)
        if key == "style" or "url(" in value.lower():
            self._css(value, where, element=False)
        if key in _TEXT_ATTRIBUTES or key.startswith("data-pagefind"):
            self._check_marking(value, where)

    def _urls(self, tag: str, key: str, value: str, rel: set[str],
              where: tuple[str, int]) -> None:
        if key in _URL_LISTS:
            urls = [part.strip().split(" ")[0] for part in value.split(",")]
        elif key in _SPACED_URL_LISTS:
            urls = value.split()
        else:
            urls = [value]
        loads = (key in _RESOURCE_ATTRIBUTES or (tag == "link" and rel & _RESOURCE_LINKS)
                 or (tag in _SVG_RESOURCE_TAGS and key in ("href", "xlink:href")))
        for url in urls:
            normal = _normal_url(url)
            scheme = _SCHEME.match(normal)
            if scheme and not self._scheme_allowed(scheme.group(1).lower(), normal, tag, key):
                self._add(URL_SCHEME, f"<{tag}> 的 {key} 使用了不允许的协议 "
                                      f"“{scheme.group(1).lower()}:”（只允许相对链接、"
                                      f"{'、'.join(sorted(self.policy.url_schemes))}）",
                          _clip(f'{key}="{url}"'), where)
            elif loads and not self.policy.allow_remote_resources and _is_remote(normal):
                self._add(REMOTE_RESOURCE,
                          f"<{tag}> 从其他网站加载资源（{key}=），内网无法访问外网",
                          _clip(f'{key}="{url}"'), where)

    def _scheme_allowed(self, scheme: str, normal: str, tag: str, key: str) -> bool:
        if scheme in self.policy.url_schemes:
            return True
        if scheme == "data" and tag == "img" and key in ("src", "srcset"):
            image = _DATA_IMAGE.match(normal.lower())
            return image is not None and image.group(1) in self.policy.data_image_types
        return False

    def _css(self, css: str, where: tuple[str, int], element: bool) -> None:
        what = "<style> 元素" if element else "style 或含 url() 的属性"
        danger = _CSS_DANGER.search(css)
        if danger:
            self._add(STYLE, f"{what}中不允许的写法 “{danger.group()}”", _clip(css), where)
            return
        # A style sheet of the theme's may use its own files; an attribute has no
        # business loading anything but a reference inside the page (SVG's url(#id)).
        for match in _CSS_URL.finditer(css):
            url = match.group(2) if match.group(2) is not None else match.group(4)
            allowed = not _is_remote(url) if element else _normal_url(url).startswith("#")
            if not allowed:
                self._add(STYLE, f"{what}中不允许加载资源 “{_clip(url)}”", _clip(css), where)
                return

    def _script(self, node: LexborNode, attributes: dict, where: tuple[str, int]) -> None:
        kind = (attributes.get("type") or "").strip().lower()
        body = node.text(deep=True) or ""

        def shown() -> str:
            return _clip(node.html or "<script>")

        if self.xml:
            self._add(SCRIPT, "SVG 或 XHTML 文件中不允许脚本", shown(), where)
            return
        if "src" in attributes:
            src = _normal_url(attributes.get("src") or "")
            target = self._site_path(src)
            if kind not in _JS_TYPES or body.strip():
                self._add(SCRIPT, "外部脚本的类型或内容不符合本产品的脚本", shown(), where)
            elif target is None or not any(fnmatch.fnmatchcase(target, pattern)
                                            for pattern in self.policy.script_paths):
                self._add(SCRIPT, f"不属于本产品的外部脚本 “{_clip(src)}”", shown(), where)
            return
        if kind in _DATA_TYPES:
            if (attributes.get("id") or "") not in self.policy.data_script_ids:
                self._add(SCRIPT, "不属于主题的 JSON 数据脚本", shown(), where)
                return
            try:
                data = json.loads(body)
            except ValueError:
                self._add(SCRIPT, "主题的 JSON 数据脚本不是合法的 JSON", shown(), where)
                return
            for text in _strings(data):
                self._check_marking(text, where)
            return
        if kind not in _JS_TYPES:
            self._add(SCRIPT, f"不允许的脚本类型 “{kind}”", shown(), where)
            return
        digest = inline_script_hash(body, self.policy.base_path)
        if digest not in self.policy.inline_script_hashes:
            self._add(SCRIPT, f"不属于本产品的内联脚本（sha256 {digest}）", shown(), where)

    def _site_path(self, url: str) -> str | None:
        """The site-relative path a same-site URL points to, or None if it leaves the site."""
        if _SCHEME.match(url) or url.startswith("//"):
            return None
        path = re.split(r"[?#]", url, maxsplit=1)[0]
        if path.startswith("/"):
            base = self.policy.base_path
            joined = path[len(base):] if path.startswith(base) else path.lstrip("/")
        else:
            joined = posixpath.join(posixpath.dirname(self.path), path)
        normal = posixpath.normpath(joined)
        if normal.startswith("../") or normal == "..":
            return None
        return normal

    # Findings and where they are

    def _check_marking(self, text: str, where: tuple[str, int] | None) -> None:
        for match in markings.find_markings(text):
            line = self._element_line(where) if where else self._line_at(self.html.find(text))
            self.findings.append(_marking_finding(self.path, line, match))

    def _add(self, rule: str, message: str, snippet: str, where: tuple[str, int]) -> None:
        self.findings.append(Finding(self.path, self._element_line(where), rule, message,
                                     snippet))

    def _element_line(self, where: tuple[str, int]) -> int | None:
        tag, occurrence = where
        pattern = re.compile(rf"<{re.escape(tag)}(?=[\s/>])", re.I)
        for count, match in enumerate(pattern.finditer(self.html), start=1):
            if count == occurrence:
                return self._line_at(match.start())
        return None

    def _text_line(self, blocks: list[tuple[int, str, int]], offset: int) -> int | None:
        index = bisect.bisect_right(blocks, (offset, "\uffff", 1 << 30)) - 1
        if index < 0:
            return None
        _, tag, occurrence = blocks[index]
        return self._element_line((tag, occurrence))

    def _line_at(self, offset: int) -> int | None:
        if offset < 0:
            return None
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.html)]
        return bisect.bisect_right(self._line_starts, offset)


def _next_element_id(node: LexborNode) -> int | None:
    """The element after ``node``'s subtree in document order, or None at the end."""
    current: LexborNode | None = node
    while current is not None:
        sibling = current.next
        while sibling is not None and not sibling.is_element_node:
            sibling = sibling.next
        if sibling is not None:
            return sibling.mem_id
        current = current.parent
    return None


def _page_text(document: LexborNode) -> tuple[str, list[tuple[int, str, int]]]:
    """The page's text with a line break around every block, and where blocks start.

    ``blocks`` holds (offset in the text, tag, occurrence of that tag in the page) so
    that a marking found in the text can be traced to its element's line.
    """
    parts: list[str] = []
    length = 0
    blocks: list[tuple[int, str, int]] = []
    counts: dict[str, int] = {}
    # Iterative, so that a hostile page nested thousands deep cannot exhaust the stack.
    stack: list[tuple[LexborNode, bool]] = [(document, False)]
    while stack:
        node, leaving = stack.pop()
        if leaving:
            parts.append("\n")
            length += 1
            continue
        if node.is_text_node:
            parent = node.parent
            if parent is None or (parent.tag or "").lower() not in _NO_TEXT:
                text = node.text_content or ""
                parts.append(text)
                length += len(text)
            continue
        name = (node.tag or "").lower()
        if node.is_element_node:
            occurrence = counts[name] = counts.get(name, 0) + 1
            if name in _BLOCKS:
                parts.append("\n")
                length += 1
                blocks.append((length, name, occurrence))
                stack.append((node, True))
        elif name != "-document":
            continue
        children = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        stack.extend((child, False) for child in reversed(children))
    return "".join(parts), blocks


def _strings(data: object) -> Iterator[str]:
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
