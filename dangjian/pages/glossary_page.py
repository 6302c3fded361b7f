"""The generated glossary page (glossary/index.md): terms, then standard formulations."""

from __future__ import annotations

from html import escape

from dangjian.core.urls import Links
from dangjian.load.glossary import Glossary, Term

PAGE = "glossary/index.md"

INTRO = ("文件中常见的术语和规范表述。“本站释义”是本站自己的解释，不是文件原文；"
         "“原文”逐字引自所注文件。站内其他页面上，术语第一次出现时可悬停查看解释。")


def pages(glossary: Glossary, directory_urls: bool) -> dict[str, str]:
    return {PAGE: page(glossary, Links(PAGE, directory_urls))}


def page(glossary: Glossary, links: Links) -> str:
    parts = ["---\ntitle: 术语\n---\n", "# 术语与规范表述\n", INTRO + "\n"]
    if not glossary.terms and not glossary.formulations:
        parts.append("暂无术语。\n")
        return "\n".join(parts)
    if glossary.terms:
        entries = "".join(_term(term, links) for term in glossary.terms)
        parts += ["## 术语 { #术语 }\n", f'<dl class="dj-glossary">{entries}</dl>\n']
    if glossary.formulations:
        rows = "".join(
            f"<tr><td>{escape(meta.right)}</td>"
            f"<td>{'、'.join(f'<s>{escape(w)}</s>' for w in meta.wrong)}</td>"
            f"<td>{escape(meta.note or '')}</td></tr>"
            for meta, _ in glossary.formulations
        )
        parts += [
            "## 规范表述 { #规范表述 }\n",
            "下列错误写法由 `dangjian check` 在全部内容中查找，逐条报告文件和行号。\n",
            '<div class="dj-table-wrap"><table class="dj-index dj-index--wording">'
            "<thead><tr><th>规范写法</th><th>常见错误写法</th><th>说明</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></div>\n",
        ]
    return "\n".join(parts)


def _term(term: Term, links: Links) -> str:
    meta = term.meta
    name = escape(meta.term)
    aliases = (f'<span class="dj-glossary__aliases">又作 {"、".join(map(escape, meta.aliases))}'
               "</span>" if meta.aliases else "")
    body: list[str] = []
    if meta.explanation:
        body.append(f'<p><span class="dj-own">本站释义</span>{escape(meta.explanation)}</p>')
    source = _source(term, links)
    if meta.quote:
        body.append(f"<p><strong>原文</strong>：“{escape(meta.quote)}”——{source}</p>")
    elif source:
        body.append(f"<p><strong>见于</strong>：{source}</p>")
    if meta.wrong:
        wrong = "、".join(f"<s>{escape(w)}</s>" for w in meta.wrong)
        body.append(f"<p><strong>错误写法</strong>：{wrong}</p>")
    return (f'<dt id="{name}">{name}{aliases}</dt>'
            f'<dd>{"".join(body)}</dd>')


def _source(term: Term, links: Links) -> str:
    if term.doc is None:
        return ""
    anchor = term.meta.at or ""
    return f'<a href="{escape(links.to(term.doc.page, anchor))}">{escape(term.where())}</a>'
