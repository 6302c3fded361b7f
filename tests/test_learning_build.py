"""Tracks, self-checks and the glossary in a real build of the shipped content."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

pytestmark = pytest.mark.build


class _Nesting(HTMLParser):
    """Records every <abbr> with the elements it sits in."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.abbrs: list[tuple[list[str], dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "abbr":
            self.abbrs.append((list(self.open), dict(attrs)))
        if tag not in {"br", "hr", "img", "input", "meta", "link", "wbr", "source"}:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            while self.open.pop() != tag:
                pass


def abbrs_in(path: Path) -> list[tuple[list[str], dict[str, str | None]]]:
    parser = _Nesting()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.abbrs


def test_track_pages_and_overview(built_site):
    overview = (built_site / "tracks" / "index.html").read_text(encoding="utf-8")
    for track_id in ("xin-dangyuan-rumen", "zhibu-shuji-lvzhi", "zhongxinzu-2020"):
        assert f'href="{track_id}/"' in overview
        assert f'data-dj-progress="{track_id}"' in overview
        page = (built_site / "tracks" / track_id / "index.html").read_text(encoding="utf-8")
        assert "300 字/分钟" in page and "本站摘要" in page
        assert "?track=" + track_id + "&amp;step=1" in page
    assert "每分钟 300 字" in overview


def test_study_page_has_its_questions(built_site):
    html = (built_site / "study" / "sanhui-yike-zhidu" / "index.html").read_text("utf-8")
    assert html.count('<form class="dj-question"') == 3
    assert 'id="自测题"' in html and "阅读时间" in html


def test_scripts_and_styles_are_local(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    for name in ("tracks-data.js", "tracks.js", "selfcheck.js"):
        assert f'<script src="_dangjian/{name}"></script>' in html
        assert (built_site / "_dangjian" / name).is_file()
    assert 'href="_dangjian/learning.css"' in html


def test_track_data_leads_to_real_pages_and_articles(built_site):
    script = (built_site / "_dangjian" / "tracks-data.js").read_text(encoding="utf-8")
    tracks = json.loads(script.removeprefix("window.dangjianTracks = ").rstrip().rstrip(";"))
    assert len(tracks) == 3
    for track in tracks:
        assert (built_site / track["url"] / "index.html").is_file()
        for number, step in enumerate(track["steps"], start=1):
            parts = urlsplit(step["url"])
            assert parts.query == f"track={track['id']}&step={number}"
            page = built_site / unquote(parts.path) / "index.html"
            assert page.is_file(), step
            if parts.fragment:
                assert f'id="{unquote(parts.fragment)}"' in page.read_text(encoding="utf-8")


def test_terms_carry_their_explanation(built_site):
    abbrs = abbrs_in(built_site / "workplans" / "2020" / "index.html")
    titles = {attrs["title"] for _, attrs in abbrs}
    assert "四个意识：政治意识、大局意识、核心意识、看齐意识。（本站释义）" in titles
    assert len(abbrs) == len(titles) >= 15  # once per term and page


def test_tooltips_leave_headings_and_links_intact(built_site):
    pages = 0
    for path in built_site.rglob("*.html"):
        found = abbrs_in(path)
        pages += bool(found)
        for ancestors, _ in found:
            assert not {"a", "h1", "h2", "h3", "h4", "h5", "h6", "title"} & set(ancestors), path
    assert pages >= 10
    html = (built_site / "workplans" / "2020" / "index.html").read_text(encoding="utf-8")
    heading = re.search(r'<h2 class="dj-plan-section" id="2020-1">(.*?)</h2>', html).group(1)
    assert heading.startswith("一、持续加强党的政治建设，自觉践行“两个维护”")


def test_glossary_page(built_site):
    html = (built_site / "glossary" / "index.html").read_text(encoding="utf-8")
    assert html.count("<dt id=") >= 30
    assert "<s>杜会主义</s>" in html and "本站释义" in html
    assert "<abbr" not in html
