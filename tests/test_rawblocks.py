"""HTML lines set aside during Markdown conversion come back as Markdown would have left
them, and only lines Markdown would have left alone are set aside."""

from __future__ import annotations

import markdown
import pytest

from dangjian.engine import rawblocks

EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables", "toc",
              "pymdownx.details", "pymdownx.superfences"]

CARD = ('<details class="dj-card-box" open><summary>文件信息</summary><dl class="dj-card">'
        '<div class="dj-card__row"><dt>类别</dt><dd>条例</dd></div></dl></details>')
FIELDS = ('<div class="dj-search-fields" hidden><span data-pagefind-filter="类别:条例">'
          '</span></div>')
ANCHORED = '<div class="dj-plan" id="2020-1-1"><a name="old">一</a></div>'

CASES = {
    "generated blocks": f"# 标题\n\n{CARD}\n\n{FIELDS}\n\n正文 *强调*。\n\n{ANCHORED}\n",
    "inside a fence": f"```html\n\n{CARD}\n\n```\n\n~~~~\n\n{FIELDS}\n\n~~~~\n",
    "inside a comment": f"<!--\n\n{CARD}\n\n-->\n\n{FIELDS}\n",
    "markdown attribute": '<div markdown>\n\n**粗体**\n\n</div>\n\n<div markdown="1">*x*</div>\n',
    "not alone": f"段落\n{CARD}\n\n{FIELDS}\n尾巴\n",
    "two elements on a line": "<div>甲</div><div>乙</div>\n\n<p>丙</p> 丁\n",
    "attribute with a tag in it": '<div title="</div>">甲</div>\n\n<div title="<b>">乙</div>\n',
    "inside a raw block": f"<div>\n\n{FIELDS}\n\n</div>\n",
    "inline element": "<span>甲</span>\n\n<em>乙</em>\n",
    "in a list": f"- 项\n\n    {CARD}\n\n- 项二\n\n{FIELDS}\n",
    "raw text elements": "<pre>\n\n<div>甲</div>\n\n</pre>\n\n<div><script>x</script></div>\n",
    "author wrote the marker": f"<!-- dangjian-raw-block 0 -->\n\n{CARD}\n",
    "abbreviation": f"*[条例]: 规章\n\n{CARD}\n\n条例正文\n",
}


@pytest.fixture(scope="module")
def md() -> markdown.Markdown:
    return markdown.Markdown(extensions=EXTENSIONS)


@pytest.mark.parametrize("name", CASES)
def test_conversion_is_unchanged(md: markdown.Markdown, name: str):
    text = CASES[name]
    expected = md.reset().convert(text)
    placeheld, aside = rawblocks.set_aside(text)
    assert aside.restore(md.reset().convert(placeheld)) == expected


def test_generated_lines_are_set_aside_and_their_anchors_kept():
    placeheld, aside = rawblocks.set_aside(CASES["generated blocks"])
    assert aside.blocks == [CARD, FIELDS, ANCHORED]
    assert "dj-card" not in placeheld and "正文 *强调*" in placeheld
    assert aside.anchor_ids() == {"2020-1-1", "old"}


SET_ASIDE = {
    "inside a fence": [],
    "inside a comment": [FIELDS],
    "markdown attribute": [],
    "not alone": [],
    "two elements on a line": [],
    "inline element": [],
    "attribute with a tag in it": [],
    "author wrote the marker": [],
    "raw text elements": ["<div>甲</div>"],  # verbatim inside <pre> either way
    "inside a raw block": [FIELDS],
}


@pytest.mark.parametrize("name", SET_ASIDE)
def test_what_markdown_would_touch_stays(name: str):
    _, aside = rawblocks.set_aside(CASES[name])
    assert aside.blocks == SET_ASIDE[name]


def test_a_fence_closes_only_with_its_own_marker():
    text = f"````\n\n```\n\n{CARD}\n\n````\n\n{FIELDS}\n"
    _, aside = rawblocks.set_aside(text)
    assert aside.blocks == [FIELDS]
