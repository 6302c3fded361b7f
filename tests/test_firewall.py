"""The output firewall: each forbidden construct in a built file is caught with its rule;
the shipped site and its offline bundle pass."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dangjian.core.diagnostics import ContentError
from dangjian.offline.verify import extract
from dangjian.safety import firewall
from dangjian.safety.firewall import Policy, check_file, check_page, check_site

from .conftest import ROOT

HEAD = '<meta charset="utf-8"><title>首页 - 党建知识站</title>'
CONFIG = ('{"base": "..", "features": ["navigation.tabs"], '
          '"translations": {"clipboard.copy": "复制"}}')
# A page shaped like Material's: chrome around the content area, the theme's own
# scripts, and harmless content of every kind the product emits.
PAGE = """<!doctype html>
<html lang="zh" class="no-js">
<head>
@HEAD@@head@
<link rel="stylesheet" href="../assets/stylesheets/main.57a0d79d.min.css">
</head>
<body dir="ltr">
<header class="md-header"><nav class="md-header__inner"><a href="../" title="党建知识站"
 class="md-header__button md-logo" aria-label="党建知识站"><svg xmlns="http://www.w3.org/2000/svg"
 viewBox="0 0 24 24"><path d="M12 8a3"/></svg></a>
<span class="md-ellipsis">党建知识站</span>@chrome@</nav></header>
<div class="md-container"><main class="md-main"><div class="md-content" data-md-component="content">
<article class="md-content__inner md-typeset">
<h1 id="x">条例<a class="headerlink" href="#x" title="本节链接">¶</a></h1>
<p>党员必须保守党和国家的秘密，严守党的秘密，不得泄露国家秘密。</p>
<p>见<a href="../regulations/dangzhang/">《中国共产党章程》</a>、
<a href="mailto:a@example.org">来信</a>、<a href="https://www.12371.cn/">共产党员网</a>，
<abbr title="本站释义：四个意识">四个意识</abbr>。</p>
<table><thead><tr><th style="text-align: center;">项目</th></tr></thead>
<tbody><tr><td style="text-align: center;">内部</td></tr></tbody></table>
<p><img src="../img/a.png" alt="示意图" width="300"></p>
<svg viewBox="0 0 10 10" role="img"><defs><pattern id="p" width="4" height="4"
 patternUnits="userSpaceOnUse"/></defs><rect x="0" y="0" width="5" height="5" fill="url(#p)"/>
<text x="1" y="1">进度</text></svg>
<form class="dj-selfcheck" data-index="1"><label><input type="radio" name="q" value="a">甲</label>
<button type="submit">提交</button></form>
@content@
</article></div></main></div>
<script id="__config" type="application/json">@CONFIG@</script>
<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>
<script src="../_dangjian/store.js"></script>
<script type="module" src="../_dangjian/search.js"></script>
</body>
</html>
""".replace("@HEAD@", HEAD).replace("@CONFIG@", CONFIG)
PATH = "regulations/index.html"


def page(content: str = "", chrome: str = "", head: str = "") -> str:
    return PAGE.replace("@head@", head).replace("@chrome@", chrome).replace("@content@", content)


def rules(html: str, policy: Policy | None = None) -> set[str]:
    return {finding.rule for finding in check_page(html, PATH, policy)}


def test_the_model_page_is_clean():
    assert check_page(page(), PATH) == []


CASES = {
    # Scripts that are not the product's own, wherever they are.
    "inline script in the content": (dict(content="<script>alert(1)</script>"), "script"),
    "script from another site": (
        dict(head='<script src="https://cdn.example.org/x.js"></script>'), "script"),
    "protocol-relative script": (dict(head='<script src="//cdn.example.org/x.js"></script>'),
                                 "script"),
    "script from a foreign path": (dict(head='<script src="../uploads/x.js"></script>'),
                                   "script"),
    "script escaping the site": (dict(head='<script src="../../../x/_dangjian/a.js"></script>'),
                                 "script"),
    "script with a body besides its src": (
        dict(head='<script src="../_dangjian/store.js">alert(1)</script>'), "script"),
    "JSON block the theme does not read": (
        dict(head='<script type="application/json" id="data">{}</script>'), "script"),
    "inline module": (dict(content='<script type="module">import("x")</script>'), "script"),
    "template-typed script": (dict(content='<script type="text/x-template">x</script>'),
                              "script"),
    "script out of the title": (dict(head="</title><script>alert(1)</script><title>"),
                                "script"),
    "script in a navigation title": (
        dict(chrome='<span class="md-ellipsis">标题<script>alert(1)</script></span>'), "script"),
    # Event handlers.
    "onerror on an image": (dict(content='<img src="a.png" onerror="alert(1)">'),
                            "event-handler"),
    "onload on svg": (dict(content='<svg onload="alert(1)"></svg>'), "event-handler"),
    "upper-case handler": (dict(content='<p ONCLICK="alert(1)">点</p>'), "event-handler"),
    "namespaced handler": (dict(content='<svg><a xlink:onclick="alert(1)"><text>点</text></a>'
                                        "</svg>"), "event-handler"),
    "slash-separated handler": (dict(content='<img/src="x"/onerror=alert(1)>'), "event-handler"),
    "handler in the chrome": (dict(chrome='<a href="../" onmouseover="alert(1)">首页</a>'),
                              "event-handler"),
    # Refreshes and elements that load or run things.
    "meta refresh": (dict(head='<meta http-equiv="refresh" content="0;url=https://x.org">'),
                     "http-equiv"),
    "meta set-cookie": (dict(head='<meta http-equiv="Set-Cookie" content="a=b">'), "http-equiv"),
    "base": (dict(head='<base href="https://example.org/">'), "forbidden-element"),
    "iframe": (dict(content='<iframe src="https://example.org"></iframe>'), "forbidden-element"),
    "iframe in the chrome": (dict(chrome='<iframe srcdoc="x"></iframe>'), "forbidden-element"),
    "object": (dict(content='<object data="x.swf"></object>'), "forbidden-element"),
    "embed": (dict(chrome='<embed src="x.swf">'), "forbidden-element"),
    "template": (dict(content="<template><img src=x onerror=alert(1)></template>"),
                 "forbidden-element"),
    "svg animation of href": (
        dict(content='<svg><a><animate attributeName="href" to="javascript:alert(1)"/>'
                     '<text>点</text></a></svg>'), "forbidden-element"),
    "svg foreignObject": (dict(chrome="<svg><foreignObject><p>x</p></foreignObject></svg>"),
                          "forbidden-element"),
    "srcdoc attribute": (dict(chrome='<div srcdoc="&lt;script&gt;">x</div>'),
                         "forbidden-attribute"),
    # URLs, decoded and normalised as a browser does.
    "javascript: link": (dict(content='<a href="javascript:alert(1)">点</a>'), "url-scheme"),
    "&colon; reference": (dict(content='<a href="javascript&colon;alert(1)">点</a>'),
                          "url-scheme"),
    "tab inside the scheme": (dict(content='<a href="java&#x09;script:alert(1)">点</a>'),
                              "url-scheme"),
    "decimal reference": (dict(content='<a href="&#106;avascript:alert(1)">点</a>'),
                          "url-scheme"),
    "control character and case": (dict(content='<a href="&#x01; JaVaScRiPt:alert(1)">点</a>'),
                                    "url-scheme"),
    "newline inside the scheme": (dict(content='<a href="java\nscript:alert(1)">点</a>'),
                                  "url-scheme"),
    "vbscript:": (dict(content='<a href="vbscript:msgbox(1)">点</a>'), "url-scheme"),
    "data:text/html": (dict(content='<a href="data:text/html,<script>alert(1)</script>">点</a>'),
                       "url-scheme"),
    "data image in a link": (dict(content='<a href="data:image/png;base64,AAAA">点</a>'),
                             "url-scheme"),
    "data svg image": (dict(content='<img src="data:image/svg+xml,<svg/>" alt="">'),
                       "url-scheme"),
    "file: URL": (dict(chrome='<a href="file:///etc/passwd">点</a>'), "url-scheme"),
    "form action in the chrome": (
        dict(chrome='<form action="javascript:alert(1)"><button>搜</button></form>'),
        "url-scheme"),
    "formaction": (dict(chrome='<button formaction="javascript:alert(1)">点</button>'),
                   "url-scheme"),
    "video poster": (dict(chrome='<video poster="javascript:alert(1)"></video>'), "url-scheme"),
    "table background": (dict(chrome='<table background="javascript:alert(1)"></table>'),
                         "url-scheme"),
    "srcset candidate": (dict(content='<img src="a.png" srcset="a.png 1x, javascript:x 2x">'),
                         "url-scheme"),
    "svg xlink:href": (dict(content='<svg><a xlink:href="javascript:alert(1)"><text>点</text>'
                                    '</a></svg>'), "url-scheme"),
    "mathml href": (dict(chrome='<math><mi href="javascript:alert(1)">x</mi></math>'),
                    "url-scheme"),
    "blockquote cite": (dict(content='<blockquote cite="javascript:x">引</blockquote>'),
                        "url-scheme"),
    # Nothing is loaded from another host (the intranet has no internet).
    "remote image": (dict(content='<img src="https://example.org/a.png" alt="">'),
                     "remote-resource"),
    "remote stylesheet": (dict(head='<link rel="stylesheet" href="//cdn.example.org/a.css">'),
                          "remote-resource"),
    "remote icon with backslashes": (dict(head='<link rel="icon" href="\\\\example.org\\a.png">'),
                                     "remote-resource"),
    "ping": (dict(chrome='<a href="../" ping="https://t.example.org/">首页</a>'),
             "remote-resource"),
    # Styles.
    "style url(javascript:)": (dict(content='<p style="background:url(javascript:alert(1))">x</p>'),
                               "style"),
    "style expression()": (dict(content='<p style="width:expression(alert(1))">x</p>'), "style"),
    "style loading an image": (dict(content='<p style="background:url(https://x.org/a.png)">x</p>'),
                               "style"),
    "style with escapes": (dict(content='<p style="background:u\\72l(x.png)">x</p>'), "style"),
    "style element @import": (dict(head="<style>@import url(https://x.org/a.css);</style>"),
                              "style"),
    "style element loading a font": (
        dict(head="<style>@font-face{font-family:x;src:url(//x.org/a.woff2)}</style>"), "style"),
    # The content area's allow-list.
    "marquee": (dict(content="<marquee>滚动</marquee>"), "content-element"),
    "stylesheet link in the content": (dict(content='<link rel="stylesheet" href="a.css">'),
                                       "content-element"),
    "meta in the content": (dict(content='<meta name="x" content="y">'), "content-element"),
    "form action in the content": (dict(content='<form action="/x"><input name="a"></form>'),
                                   "content-attribute"),
    "contenteditable": (dict(content='<p contenteditable="true">x</p>'), "content-attribute"),
    "image input": (dict(content='<input type="image" src="a.png">'), "content-attribute"),
    # Classification markings in anything a reader can see.
    "marking in the content": (dict(content="<p>秘密★1年</p>"), "marking"),
    "level word as a paragraph": (dict(content="<p><strong>绝密</strong></p>"), "marking"),
    "marking split by elements": (dict(content="<p>秘<span>密</span>★1年</p>"), "marking"),
    "marking as references": (dict(content="<p>&#31192;&#23494;&#9733;1年</p>"), "marking"),
    "marking with a zero-width space": (dict(content="<p>机\u200b密★长期</p>"), "marking"),
    "marking in full width": (dict(content="<p>【秘密】ｘ</p>"), "marking"),
    "marking label": (dict(content="<p>密级：机密</p>"), "marking"),
    "marking in a table cell": (dict(content="<table><tr><td>绝密</td></tr></table>"),
                                "marking"),
    "marking in the title": (dict(head="<title>秘密★1年</title>"), "marking"),
    "marking in a navigation title": (dict(chrome='<span class="md-ellipsis">机密★长期</span>'),
                                      "marking"),
    "marking in alt text": (dict(content='<img src="a.png" alt="秘密★1年">'), "marking"),
    "marking in a tooltip": (dict(content='<abbr title="【机密】">词</abbr>'), "marking"),
    "marking in a style element": (dict(head='<style>.x::before{content:"秘密★1年"}</style>'),
                                   "marking"),
    "marking in a comment": (dict(content="<!-- 秘密★1年 -->"), "marking"),
    "marking in a meta description": (
        dict(head='<meta name="description" content="密级：秘密">'), "marking"),
    "marking in search metadata": (
        dict(content='<span data-pagefind-meta="category:秘密★1年"></span>'), "marking"),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_forbidden_construct_is_caught(case):
    parts, rule = CASES[case]
    findings = check_page(page(**parts), PATH)
    assert rule in {f.rule for f in findings}, findings
    finding = next(f for f in findings if f.rule == rule)
    assert finding.path == PATH and finding.message and len(finding.snippet) <= 120


def test_marking_in_the_theme_config_is_caught():
    html = page().replace('"复制"', '"秘密★1年"')
    assert rules(html) == {"marking"}


def test_data_images_only_where_the_policy_allows():
    content = '<img src="data:image/png;base64,iVBORw0KGgo=" alt="">'
    assert rules(page(content=content)) == {"url-scheme"}
    allowing = Policy(data_image_types=frozenset({"png"}))
    assert rules(page(content=content), allowing) == set()
    assert rules(page(content='<a href="data:image/png;base64,AA">x</a>'), allowing) == {
        "url-scheme"}


def test_style_may_use_the_sites_own_files_and_references():
    head = ("<style>.a{background:url(../img/a.png)}"
            ".b{background:url(data:image/png;base64,AA)}</style>")
    assert rules(page(head=head)) == set()
    assert rules(page(content='<svg><rect fill="url(\'#p\')"/></svg>')) == set()
    assert rules(page(content='<p style="background:url(../img/a.png)">x</p>')) == {"style"}


def test_remote_resources_only_where_the_policy_allows():
    content = '<img src="https://example.org/a.png" alt="">'
    assert rules(page(content=content), Policy(allow_remote_resources=True)) == set()


@pytest.mark.parametrize("equiv", ["Content-Type", "content-language", "X-UA-Compatible",
                                   "Content-Security-Policy"])
def test_harmless_http_equiv_passes(equiv):
    assert rules(page(head=f'<meta http-equiv="{equiv}" content="x">')) == set()


def test_finding_names_the_line():
    html = page(content="<p>正文</p>\n\n<p>秘密★1年</p>\n<img src=x onerror=alert(1)>")
    lines = html.split("\n")
    found = {f.rule: f for f in check_page(html, PATH)}
    assert lines[found["marking"].line - 1] == "<p>秘密★1年</p>"
    assert "onerror" in lines[found["event-handler"].line - 1]
    assert str(found["marking"]).startswith(f"{PATH}:{found['marking'].line}: 错误: marking: ")


# Files that are not HTML.

def _gzip(text: str, prefix: bytes = b"") -> bytes:
    return gzip.compress(prefix + text.encode("utf-8"), mtime=0)


FILES = {
    "_dangjian/search-index.js": (
        'window.INDEX=[{"t":"条例","b":"\\u79d8\\u5bc6\\u2605\\u0031\\u5e74\\n\\u7b2c\\u4e00"}];',
        "marking"),
    "_dangjian/tracks-data.js": ("var T={'note':'绝密'};", "marking"),
    "data/x.json": ('{"items": [{"note": "机密"}]}', "marking"),
    "使用说明.txt": ("说明\n\n【秘密】\n", "marking"),
    "assets/a.css": ('.x::before{content:"秘密★1年"}', "marking"),
    "assets/b.css": ("@import url(https://fonts.example.org/a.css);", "remote-resource"),
    "img/a.svg": ('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                  "script"),
    "img/b.svg": ('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
                  "event-handler"),
    "img/c.svg": ('<svg xmlns="http://www.w3.org/2000/svg"><text>秘密★1年</text></svg>',
                  "marking"),
    "img/d.svg": ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY js "javascript:">]>'
                  '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
                  '<a xlink:href="&js;alert(1)"><text>点</text></a></svg>', "forbidden-element"),
    "img/e.svg": ('<svg:svg xmlns:svg="http://www.w3.org/2000/svg"><svg:script>alert(1)'
                  "</svg:script></svg:svg>", "script"),
    "img/f.svg": ('<?xml-stylesheet type="text/xsl" href="a.xsl"?><svg/>', "forbidden-element"),
    "page.xhtml": ('<html xmlns="http://www.w3.org/1999/xhtml"><body><script>alert(1)</script>'
                   "</body></html>", "script"),
    "sitemap.xml.gz": (_gzip("<urlset><url><loc>x</loc><!-- 绝密★长期 --></url></urlset>"),
                       "marking"),
    "pagefind/fragment/zh_1.pf_fragment": (
        _gzip(json.dumps({"url": "/x/", "content": "秘\u200b密★1年. 正文"}, ensure_ascii=False),
              b"pagefind_dcd"), "marking"),
    "pagefind/x.pf_meta": (b"not gzip", "unreadable"),
}


@pytest.mark.parametrize("name", list(FILES), ids=list(FILES))
def test_text_assets_are_checked(name):
    data, rule = FILES[name]
    raw = data if isinstance(data, bytes) else data.encode("utf-8")
    findings = check_file(name, raw)
    assert rule in {f.rule for f in findings}, findings
    assert all(f.path == name for f in findings)


def test_text_finding_names_the_line():
    [finding] = check_file("使用说明.txt", "说明\n\n【秘密】\n".encode())
    assert (finding.line, finding.snippet) == (3, "【秘密】")


def test_binary_files_and_clean_assets_pass():
    assert check_file("img/a.png", "秘密★1年".encode()) == []
    assert check_file("a.js", b'var a="\\u4fdd\\u5b88\\u56fd\\u5bb6\\u79d8\\u5bc6";') == []
    assert check_file("a.css", b'.a{background:url("data:image/svg+xml;charset=utf-8,<svg/>")}'
                      b".b{background:url(../img/a.png)}") == []


def test_check_site_walks_every_file(tmp_path):
    (tmp_path / "regulations").mkdir()
    (tmp_path / "regulations" / "index.html").write_text(page(content="<p>绝密</p>"),
                                                         encoding="utf-8")
    (tmp_path / "notes.txt").write_text("秘密★1年", encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "notes.txt")
    found = [(f.path, f.rule) for f in check_site(tmp_path)]
    assert found == [("link", "symlink"), ("notes.txt", "marking"),
                     ("regulations/index.html", "marking")]


def test_script_paths_resolve_against_the_page():
    def scripts(src: str, at: str) -> list:
        return check_page(f'<html><head><script src="{src}"></script></head></html>', at)

    assert scripts("_dangjian/store.js", "index.html") == []
    assert scripts("../../assets/javascripts/lunr/min/lunr.zh.min.js", "a/b/index.html") == []
    assert scripts("/pagefind/pagefind-ui.js?v=1", "a/b/index.html") == []
    # From a page one level down this is regulations/_dangjian/store.js: not the product's.
    [finding] = scripts("_dangjian/store.js", "regulations/index.html")
    assert finding.rule == "script"
    [finding] = scripts("../_dangjian/store.js", "index.html")
    assert finding.rule == "script"


def test_inline_script_hash_ignores_only_the_page_depth():
    body = '__md_scope=new URL("../..",location),x=1'
    assert firewall.inline_script_hash(body) == firewall.inline_script_hash(
        ' __md_scope=new URL(".",location),x=1\n')
    assert firewall.inline_script_hash(body) != firewall.inline_script_hash(
        '__md_scope=new URL("/x",location),x=1')


def test_deep_nesting_is_handled():
    html = page(content="<div>" * 20_000 + "<p>秘密★1年</p>" + "</div>" * 20_000)
    assert rules(html) == {"marking"}


# The real output.


@pytest.mark.build
def test_shipped_site_passes(built_site):
    assert check_site(built_site) == []


@pytest.fixture(scope="module")
def offline_bundle(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("fw-dist")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1700000000"}
    result = subprocess.run(
        [sys.executable, "-m", "dangjian", "bundle", "--out", str(out), "--name", "fw"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    target = tmp_path_factory.mktemp("fw-usb")
    extract(out / "fw.zip", target)
    return target / "fw"


@pytest.mark.build
def test_offline_bundle_passes(offline_bundle):
    assert (offline_bundle / "index.html").is_file()
    assert check_site(offline_bundle) == []


@pytest.mark.build
def test_injection_into_a_built_page_is_caught(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert check_page(html, "index.html") == []
    ellipsis = '<span class="md-ellipsis">'
    injected = {
        "nav": html.replace(ellipsis, ellipsis + "<script>x()</script>", 1),
        "title": html.replace("</title>", "</title><script>x()</script>", 1),
        # The theme's own inline script, changed a little: its hash no longer matches.
        "theme": html.replace("__md_scope=new URL(", "x(),__md_scope=new URL(", 1),
        "scope": html.replace('new URL(".",location)', 'new URL("//x.example.org",location)', 1),
    }
    for name, changed in injected.items():
        assert changed != html, name
        assert [f.rule for f in check_page(changed, "index.html")] == ["script"], name
    marked = html.replace("</h1>", "</h1><p>秘密★1年</p>", 1)
    assert [f.rule for f in check_page(marked, "index.html")] == ["marking"]


@pytest.mark.build
def test_attribute_list_handler_is_caught_after_the_build(make_project):
    """Markdown's attribute lists can write any attribute; the loader does not see it."""
    from dangjian.app.build import build

    root = make_project({"docs/index.md": '# 首页 { onclick="alert(1)" }\n\n正文\n'})
    with pytest.raises(ContentError) as refused:
        build(root / "mkdocs.yml")
    [error] = refused.value.diagnostics
    assert (error.path, error.line, error.field) == ("docs/index.md", 1, "发布检查")
    assert "onclick" in error.message and "index.html" in error.message
    assert not (root / "site").exists()


def test_a_site_under_a_sub_path_keeps_its_own_scripts_and_nothing_else(built_site):
    """A page that uses absolute URLs (the 404 page) names the site's path, not dots."""
    page = (built_site / "regulations/dangzhang/index.html").read_text(encoding="utf-8")
    under = page.replace('new URL("../..",location)', 'new URL("/dangjian/",location)')
    policy = Policy(base_path="/dangjian/")
    assert [f.rule for f in check_page(under, "regulations/dangzhang/index.html", policy)] == []
    assert "script" in [f.rule for f in check_page(under, "regulations/dangzhang/index.html")]
    other = page.replace('new URL("../..",location)', 'new URL("/elsewhere/",location)')
    assert "script" in [f.rule for f in check_page(other, "x/index.html", policy)]
    script = '<script src="/dangjian/_dangjian/tracks.js"></script>'
    assert check_page(f"<html><head>{script}</head><body></body></html>", "404.html",
                      policy) == []
    foreign = '<script src="/other/_dangjian/tracks.js"></script>'
    assert [f.rule for f in check_page(f"<html><head>{foreign}</head></html>", "404.html",
                                       policy)] == ["script"]


def test_parallel_check_finds_the_same_in_the_same_order(tmp_path, monkeypatch):
    bad = '<html><body><article class="md-content__inner"><p onclick="x">{}</p></article>'
    good = '<html><body><article class="md-content__inner"><p>{}</p></article>'
    for number in range(40):
        page = tmp_path / f"p{number:02d}" / "index.html"
        page.parent.mkdir()
        page.write_text((bad if number % 3 == 0 else good).format(number), encoding="utf-8")
    (tmp_path / "note.txt").write_text("秘密★1年\n", encoding="utf-8")
    monkeypatch.setattr(firewall, "_FILES_PER_WORKER", 5)
    serial = check_site(tmp_path, workers=1)
    parallel = check_site(tmp_path, workers=2)
    assert parallel == serial
    assert [f.path for f in serial][:2] == ["note.txt", "p00/index.html"]
    assert len(serial) == 1 + 14
