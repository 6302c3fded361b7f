"""Hostile inputs: every content kind, every data file, every Markdown spelling and every
asset type, written as an attacker or a careless paste would write them.

Each case is the set of files it adds to (or replaces in) a small base project. A case is
either refused (``REFUSED``: exit 1 with a Chinese ``file:line: 错误:`` and ``site/``
untouched) or built into a site in which the output firewall finds nothing and whose pages
open in Chromium without a dialog or a navigation. ``EITHER`` cases may go either way, as
long as one of the two holds.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import docx

REFUSED, BUILT, EITHER = "refused", "built", "either"

RUN = "cycler.__init__.__globals__.os.popen('touch {flag}').read()"
"""Jinja that runs a shell command where a template is evaluated; ``{flag}`` is replaced."""
XSS = "<img src=x onerror=alert(1)>"

REG_PATH = "docs/regulations/base.md"
STUDY_PATH = "docs/study/base.md"
PLAN_PATH = "docs/workplans/2020.md"

BASE = {
    "docs/index.md": "# 首页\n\n欢迎。\n",
    REG_PATH: "---\ntitle: 基础条例\nid: base-reg\ncategory: 条例\nstatus: 现行有效\n---\n\n"
              "第一条　为了测试，制定本条例。\n\n第二条　本条例自发布之日起施行。\n",
    STUDY_PATH: "---\ntitle: 基础学习材料\nid: base-study\nsummary: 学习材料。\n---\n\n"
                "学习《基础条例》第一条。\n",
    PLAN_PATH: "---\ntitle: 测试2020年党建工作要点\nyear: 2020\norganization: 测试党委\n"
               "id: t-2020\n---\n\n总的要求。\n\n## 一、加强政治建设 {#2020-1}\n\n"
               "### 一是学习条例。 {#2020-1-1}\n\n认真学习《基础条例》。\n",
    "data/departments.yml": "departments:\n  - id: ban\n    name: 党委办公室\n",
    "data/tracking/t-2020.yml": "plan: t-2020\nitems:\n  2020-1-1:\n    lead: ban\n"
                                "    due: 2020\n    status: 推进中\n    progress:\n"
                                "      - date: 2020-03-31\n        note: 已部署。\n",
    "data/tracks/t.yml": "id: t\ntitle: 入门路径\naudience: 新党员\ndescription: 说明。\n"
                         "steps:\n  - target: base-reg\n    note: 先读条例。\n",
    "data/glossary.yml": "terms:\n  - term: 三会一课\n    explanation: 支部党员大会、支部委员会、"
                         "党小组会和党课。\n",
    "data/publications.yml": "publications:\n  - id: book\n    title: 测试读本\n",
}


@dataclass(frozen=True)
class Case:
    id: str
    files: dict[str, str | bytes]
    expect: str = EITHER
    remove: tuple[str, ...] = field(default_factory=tuple)
    """Base files this case takes away (a case that replaces a kind's only file)."""


def study(body: str, **meta: str) -> dict[str, str | bytes]:
    head = "".join(f"{key}: {value}\n" for key, value in meta.items())
    return {"docs/study/h.md": f"---\ntitle: 测试材料\n{head}---\n\n{body}\n"}


def reg(body: str, title: str = "测试条例", extra: str = "") -> dict[str, str | bytes]:
    return {"docs/regulations/h.md": f"---\ntitle: {title}\ncategory: 条例\nstatus: 现行有效\n"
                                     f"{extra}---\n\n{body}\n"}


def plain(body: str, meta: str = "") -> dict[str, str | bytes]:
    return {"docs/about.md": (f"---\n{meta}---\n\n" if meta else "") + body + "\n"}


def yaml_text(value: str) -> str:
    """A YAML double-quoted scalar holding ``value``."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def docx_bytes(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _template_cases() -> list[Case]:
    run = "{{ " + RUN + " }}"
    return [
        Case("jinja-in-body", study(run), REFUSED),
        Case("jinja-statement-in-body", study("{% for x in range(3) %}x{% endfor %}"), REFUSED),
        Case("jinja-comment-in-body", study("{# 注释 #}正文"), REFUSED),
        Case("jinja-in-plain-page", plain(run), REFUSED),
        Case("jinja-in-regulation-article", reg(f"第一条　{run}"), REFUSED),
        Case("macro-with-unknown-id", study('{{ doc_link("no-such-doc") }}'), REFUSED),
        Case("macro-with-expression-argument", study("{{ doc_link(config) }}"), REFUSED),
        Case("jinja-in-code-span", study(f"示例：`{run}`"), EITHER),
        Case("jinja-in-fenced-code", study(f"```\n{run}\n```"), EITHER),
        Case("jinja-in-document-title", reg("第一条　正文。", title=yaml_text(run))),
        Case("jinja-in-summary", study("正文。", summary=yaml_text(run))),
        Case("jinja-in-department-name",
             {"data/departments.yml": f"departments:\n  - id: ban\n    name: {yaml_text(run)}\n"}),
        Case("jinja-in-track-title",
             {"data/tracks/t.yml": f"id: t\ntitle: {yaml_text(run)}\naudience: 新党员\n"
                                   "steps:\n  - target: base-reg\n"}),
        Case("jinja-in-track-note",
             {"data/tracks/t.yml": "id: t\ntitle: 路径\naudience: 新党员\nsteps:\n"
                                   f"  - target: base-reg\n    note: {yaml_text(run)}\n"}),
        Case("jinja-in-glossary-explanation",
             {"data/glossary.yml": f"terms:\n  - term: 四风\n    explanation: {yaml_text(run)}\n"}),
        Case("jinja-in-selfcheck-question",
             {"docs/study/q.md": "---\ntitle: 自测\nquestions:\n"
                                 f"  - question: {yaml_text(run)}\n    options: [甲, 乙]\n"
                                 "    answer: 甲\n---\n\n正文。\n"}),
        Case("jinja-in-progress-note",
             {"data/tracking/t-2020.yml": "plan: t-2020\nitems:\n  2020-1-1:\n    lead: ban\n"
                                          "    status: 推进中\n    progress:\n"
                                          "      - date: 2020-03-31\n"
                                          f"        note: {yaml_text(run)}\n"}),
        Case("jinja-in-publication-title",
             {"data/publications.yml":
              f"publications:\n  - id: book\n    title: {yaml_text(run)}\n"}),
    ]


def _markdown_spelling_cases() -> list[Case]:
    secret = "---\ntitle: 甲\nclassification: 秘密\n---\n\n正文。\n"
    return [
        Case(f"classified{suffix.replace('.', '-')}", {f"docs/x{suffix}": secret}, REFUSED)
        for suffix in (".markdown", ".MD", ".mdown", ".mkd", ".mkdn", ".Md")
    ] + [
        Case("script-in-dot-markdown", {"docs/x.markdown": "# 甲\n\n<script>alert(1)</script>\n"},
             REFUSED),
        Case("script-in-dot-MD", {"docs/study/x.MD": "---\ntitle: 甲\n---\n\n<script>alert(1)"
                                                     "</script>\n"}, REFUSED),
    ]


def _asset_cases() -> list[Case]:
    link = {"docs/index.md": "# 首页\n\n[附件](files/a)\n"}
    cases = [
        Case(f"asset{suffix.replace('.', '-')}", {f"docs/files/a{suffix}": data}, REFUSED)
        for suffix, data in (
            (".html", "<script>alert(1)</script>"), (".htm", "<b onclick=x>"),
            (".js", "alert(1)"),
            (".svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
            (".css", "body{background:url(javascript:alert(1))}"), (".xml", "<x/>"),
            (".json", "{}"), (".yml", "a: 1"), (".xyz", "?"), (".zip", b"PK\x05\x06" + b"\0" * 18),
        )
    ]
    cases += [
        Case("asset-txt-classified", {"docs/files/a.txt": "通知\n秘密★1年\n", **link}, REFUSED),
        Case("asset-csv-classified", {"docs/files/a.csv": "密级,标题\n机密★5年,通知\n", **link},
             REFUSED),
        Case("asset-docx-classified",
             {"docs/files/a.docx": docx_bytes("标题", "绝密★长期"), **link},
             REFUSED),
        Case("asset-docx-corrupt", {"docs/files/a.docx": b"PK not really", **link}, REFUSED),
        Case("asset-txt-plain", {"docs/files/a.txt": "普通附件。\n",
                                 "docs/index.md": "# 首页\n\n[附件](files/a.txt)\n"}, BUILT),
        Case("asset-name-marking", {"docs/files/秘密★1年.png": b"\x89PNG\r\n\x1a\n",
                                    "docs/index.md": "# 首页\n\n![图](files/秘密★1年.png)\n"},
             REFUSED),
        Case("page-name-marking",
             {"docs/study/【机密】通知.md": "---\ntitle: 通知\n---\n\n正文。\n"}, REFUSED),
        Case("overrides-markdown", {"overrides/leak.md": "# 泄露\n"}, REFUSED),
        Case("overrides-text", {"overrides/secret.txt": "秘密★1年\n"}, REFUSED),
    ]
    return cases


def _html_cases() -> list[Case]:
    bodies = {
        "multiline-img-onerror": "<img\nsrc=x\nonerror=alert(1)>",
        "admonition-html": '!!! note "提示"\n    <img src=x onerror=alert(1)>',
        "list-continuation-html": "- 项目\n\n    <img src=x onerror=alert(1)>",
        "code-span-in-html-block": "<div>`x` <img src=x onerror=alert(1)></div>",
        "attr-list-heading-onclick": '## 标题 {: onclick="alert(1)" }',
        "attr-list-image-onerror": "![图](x.png){: onerror=alert(1) }",
        "attr-list-paragraph-style": '段落\n{: style="background:url(javascript:alert(1))" }',
        "reference-link-javascript": "[点我][x]\n\n[x]: javascript:alert(1)",
        "entity-javascript": '<a href="&#106;avascript:alert(1)">x</a>',
        "tab-javascript": '<a href="java&#x09;script:alert(1)">x</a>',
        "colon-entity-javascript": '<a href="javascript&colon;alert(1)">x</a>',
        "markdown-link-javascript": "[x](javascript:alert(1))",
        "markdown-link-angle-javascript": "[x](<javascript:alert(1)>)",
        "markdown-image-javascript": "![x](javascript:alert(1))",
        "uppercase-javascript": '<a href="JAVASCRIPT:alert(1)">x</a>',
        "leading-space-javascript": '<a href=" javascript:alert(1)">x</a>',
        "vbscript": '<a href="vbscript:msgbox(1)">x</a>',
        "data-html": '<a href="data:text/html,<script>alert(1)</script>">x</a>',
        "meta-refresh-multiline": '<meta\nhttp-equiv="refresh"\ncontent="0;url=http://evil.example">',
        "iframe": '<iframe src="http://evil.example"></iframe>',
        "object": '<object data="x.swf"></object>',
        "embed": '<embed src="x.swf">',
        "form-action": '<form action="javascript:alert(1)"><button>x</button></form>',
        "base-href": '<base href="http://evil.example/">',
        "svg-script": "<svg><script>alert(1)</script></svg>",
        "math-href": '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
        "style-element": "<style>body{display:none}</style>",
        "link-element": '<link rel="stylesheet" href="http://evil.example/x.css">',
        "details-ontoggle": "<details open ontoggle=alert(1)><summary>x</summary></details>",
        "markdown-in-html-script": '<div markdown="1">\n\n<script>alert(1)</script>\n\n</div>',
        "autolink-javascript": "<javascript:alert(1)>",
        "srcset-javascript": '<img src="a.png" srcset="javascript:alert(1) 1x">',
        "input-autofocus": "<input autofocus onfocus=alert(1)>",
        "video-source-onerror": "<video><source onerror=alert(1)></video>",
        "noscript-mutation": '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
        "comment-then-script": "<!-- x --><script>alert(1)</script>",
        "split-script-tag": "<scr<script>ipt>alert(1)</script>",
        "unclosed-attribute": '<p title="x>\n<img src=x onerror=alert(1)>',
        "uppercase-onerror": "<IMG SRC=x ONERROR=alert(1)>",
        "slash-separated-attr": "<img/src=x/onerror=alert(1)>",
        "abbr-definition-html": "HTML 很常用。\n\n*[HTML]: <img src=x onerror=alert(1)>",
        "footnote-like-html": "正文[^1]\n\n[^1]: <img src=x onerror=alert(1)>",
        "table-cell-html": "| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | x |",
        "def-list-html": "术语\n:   <img src=x onerror=alert(1)>",
        "details-block-html": '??? note "展开"\n    <img src=x onerror=alert(1)>',
    }
    return [Case(f"html-{name}", study(body)) for name, body in bodies.items()]


def _title_cases() -> list[Case]:
    title = yaml_text(XSS)
    return [
        Case("title-regulation", reg("第一条　正文。", title=title)),
        Case("title-study", {"docs/study/t.md": f"---\ntitle: {title}\n---\n\n正文。\n"}),
        Case("title-plain-page", plain("正文。", f"title: {title}\ndescription: {title}\n")),
        Case("title-plain-heading", plain(f"# {XSS}\n\n正文。")),
        Case("title-publication",
             {"data/publications.yml": f"publications:\n  - id: book\n    title: {title}\n"}),
        Case("title-department",
             {"data/departments.yml": f"departments:\n  - id: ban\n    name: {title}\n"}),
        Case("title-track",
             {"data/tracks/t.yml": f"id: t\ntitle: {title}\naudience: {title}\n"
                                   f"description: {title}\nsteps:\n  - target: base-reg\n"}),
        Case("title-alias", reg("第一条　正文。", extra=f"aliases: [{title}]\n")),
        Case("title-issuer", reg("第一条　正文。", extra=f"issuer: {title}\n")),
        Case("title-attr-list", reg("第一条　正文。", yaml_text('x {: onclick="alert(1)" }'))),
        Case("title-markdown-link", reg("第一条　正文。", yaml_text("[x](javascript:alert(1))"))),
        Case("title-script", reg("第一条　正文。", yaml_text("</title><script>alert(1)</script>"))),
        Case("glossary-explanation-html",
             {"data/glossary.yml": f"terms:\n  - term: 四风\n    explanation: {title}\n"}),
        Case("progress-note-html",
             {"data/tracking/t-2020.yml": "plan: t-2020\nitems:\n  2020-1-1:\n    lead: ban\n"
                                          "    status: 推进中\n    progress:\n"
                                          f"      - date: 2020-03-31\n        note: {title}\n"}),
        Case("selfcheck-html",
             {"docs/study/q.md": f"---\ntitle: 自测\nquestions:\n  - question: {title}\n"
                                 f"    options: [{title}, 乙]\n    answer: 乙\n"
                                 f"    explanation: {title}\n---\n\n正文。\n"}),
    ]


def _marking_cases() -> list[Case]:
    bodies = {
        "key-value": "密级：秘密",
        "bold": "**秘密★1年**",
        "heading": "# 秘密★1年",
        "quote": "> 秘密★1年",
        "ideographic-space": "秘　密★1年",
        "white-star": "秘密☆1年",
        "fullwidth-asterisk": "秘密＊1年",
        "brackets": "【秘密】",
        "right-aligned-paragraph": "<p align=right>秘密★1年</p>",
        "zero-width-space": "\u200b秘密★1年",
        "zero-width-inside": "秘\u200d密★1年",
        "after-five-images": "\n\n".join(["![图](a.png)"] * 5 + ["机密★5年"]),
        "late-in-text": "\n\n".join(["正文段落。"] * 30 + ["绝密★长期"]),
        "fullwidth-forms": "ｍ秘密★１年",
    }
    cases = [Case(f"marking-{name}", study(body), REFUSED) for name, body in bodies.items()]
    mark = yaml_text("秘密★1年")
    cases += [
        Case("marking-track-note",
             {"data/tracks/t.yml": "id: t\ntitle: 路径\naudience: 新党员\nsteps:\n"
                                   f"  - target: base-reg\n    note: {mark}\n"}, REFUSED),
        Case("marking-glossary-explanation",
             {"data/glossary.yml": f"terms:\n  - term: 四风\n    explanation: {mark}\n"}, REFUSED),
        Case("marking-progress-note",
             {"data/tracking/t-2020.yml": "plan: t-2020\nitems:\n  2020-1-1:\n    lead: ban\n"
                                          "    status: 推进中\n    progress:\n"
                                          f"      - date: 2020-03-31\n        note: {mark}\n"},
             REFUSED),
        Case("marking-department-note",
             {"data/departments.yml": f"departments:\n  - id: ban\n    name: 办公室\n"
                                      f"    note: {mark}\n"}, REFUSED),
        Case("marking-publication-note",
             {"data/publications.yml": f"publications:\n  - id: book\n    title: 书\n"
                                       f"    note: {mark}\n"}, REFUSED),
        Case("marking-summary", study("正文。", summary=mark), REFUSED),
        Case("marking-title", reg("第一条　正文。", title=mark), REFUSED),
        Case("marking-classification-key-variant", reg("第一条　正文。", extra="密级: 机密★10年\n"),
             REFUSED),
    ]
    return cases


def _size_cases() -> list[Case]:
    return [
        Case("size-long-line", study("学习" * 10_001), REFUSED),
        Case("size-repeated-character", study("学" * 40), REFUSED),
        Case("size-many-tags", study("<b>x</b>\n" * 2_600), REFUSED),
        Case("size-huge-file", study(("很长的段落。" * 300 + "\n\n") * 1_200), REFUSED),
        Case("size-yaml-alias-bomb",
             {"data/glossary.yml": "a: &a [x, x, x, x, x, x, x, x, x]\n"
                                   "b: &b [*a, *a, *a, *a, *a, *a]\n"
                                   "c: &c [*b, *b, *b, *b, *b, *b]\n"
                                   "d: &d [*c, *c, *c, *c, *c, *c]\n"
                                   "e: [*d, *d, *d, *d, *d, *d, *d, *d]\nterms: []\n"}, REFUSED),
        Case("size-deep-yaml", study("正文。", summary="[" * 5_000 + "]" * 5_000), REFUSED),
    ]


LIBRARY_JSON = "data/libraries/外部法规库.json"


def _with_library() -> str:
    """The shipped mkdocs.yml, citing into a library named 外部法规库."""
    text = (Path(__file__).resolve().parent.parent / "mkdocs.yml").read_text(encoding="utf-8")
    return text.replace("      data_dir: data\n", "      data_dir: data\n      libraries:\n"
                        "        - name: 外部法规库\n          url: https://fagui.example/\n", 1)


def _inventory(title: str = "外部条例", url: str = "regulations/w/", **extra: object) -> str:
    entry = {"id": "w", "kind": "regulation", "title": title, "aliases": ["外部条例"],
             "url": url, "anchors": [{"unit": "条", "number": 1, "anchor": "第一条"}]}
    return json.dumps({"format": "dangjian-inventory", "version": 1,
                       "site": {"name": "外部法规库", "url": ""}, "documents": [entry],
                       **extra}, ensure_ascii=False)


def _library_cases() -> list[Case]:
    """A library's inventory is another site's output, copied in: untrusted input."""
    cites = study("学习《外部条例》第一条。")

    def case(name: str, inventory: str | bytes, expect: str) -> Case:
        return Case(name, {"mkdocs.yml": _with_library(), LIBRARY_JSON: inventory, **cites},
                    expect)

    return [
        case("library-title-xss", _inventory(title=f"外部条例{XSS}\"'"), BUILT),
        case("library-javascript-url", _inventory(url="javascript:alert(1)"), REFUSED),
        case("library-data-url", _inventory(url="data:text/html,<script>1</script>"), REFUSED),
        case("library-anchor-quote", _inventory().replace('"anchor": "第一条"',
                                                          '"anchor": "a\\" onclick=\\"x"'),
             REFUSED),
        case("library-not-json", b"\xff\xfe<html>", REFUSED),
        case("library-deep-json", "[" * 100_000 + "]" * 100_000, REFUSED),
        case("library-wrong-version", _inventory().replace('"version": 1', '"version": 2'),
             REFUSED),
    ]


CASES: list[Case] = (_template_cases() + _markdown_spelling_cases() + _asset_cases()
                     + _html_cases() + _title_cases() + _marking_cases() + _size_cases()
                     + _library_cases())
