"""Narrower audiences: restricted material appears in no output of another build."""

from __future__ import annotations

import contextlib
import gzip
import zipfile
import zlib
from pathlib import Path

import pytest

from dangjian.app.build import build
from dangjian.core.diagnostics import ContentError

pytestmark = pytest.mark.build

MARKER = "仅限党委委员甲乙丙标记"
SLUG = "dangwei-neibu"

RESTRICTED = f"""---
title: 党委内部议事规则
aliases: [内部议事规则]
visibility: 党委委员
category: 企业制度
status: 现行有效
---

第一条　{MARKER}。
"""
PUBLIC = """---
title: 公开的制度
category: 企业制度
status: 现行有效
---

第一条　本制度依据《党委内部议事规则》制定，另见[[dangwei-neibu|内部规则]]。
"""


def _texts(root: Path):
    """Every output file as text, decompressed where it is compressed."""
    for path in root.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        elif path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                for info in archive.infolist():
                    yield f"{path}!{info.filename}", archive.read(info).decode("utf-8", "replace")
            continue
        else:
            with contextlib.suppress(zlib.error):
                data = zlib.decompress(data)
        yield str(path), data.decode("utf-8", "replace")


GLOSSARY = f"""terms:
  - term: 内部标记
    quote: {MARKER}
    source: {SLUG}
    at: 第一条
  - term: 公开术语
    explanation: 本站自己的解释。
    quote: {MARKER}
    source: {SLUG}
    at: 第一条
"""
TRACK = f"""id: neibu-xuexi
title: 混合路径
audience: 党委委员
steps:
  - target: {SLUG}
    note: 只给党委委员。
  - target: gongkai
    note: 人人可读。
"""


@pytest.fixture
def project(make_project):
    return make_project({"docs/index.md": "# 首页\n",
                         f"docs/regulations/{SLUG}.md": RESTRICTED,
                         "docs/regulations/gongkai.md": PUBLIC,
                         "data/glossary.yml": GLOSSARY,
                         "data/tracks/neibu-xuexi.yml": TRACK})


def test_default_build_holds_no_trace_of_restricted_material(project):
    report = build(project / "mkdocs.yml")
    leaks = [name for name, text in _texts(report.site_dir)
             if MARKER in text or SLUG in text or "内部议事规则" in text and "gongkai" not in name]
    assert leaks == []
    assert not (report.site_dir / "regulations" / SLUG).exists()
    assert report.documents["法规制度"] == 1
    assert report.warnings == []  # a citation of what this audience cannot see is no error
    public = (report.site_dir / "regulations" / "gongkai" / "index.html").read_text("utf-8")
    assert "《党委内部议事规则》" in public and "内部规则" in public
    assert "dj-cite" not in public and "[[" not in public
    glossary = (report.site_dir / "glossary" / "index.html").read_text("utf-8")
    assert "公开术语" in glossary and "内部标记" not in glossary
    track = (report.site_dir / "tracks" / "neibu-xuexi" / "index.html").read_text("utf-8")
    assert "公开的制度" in track and "只给党委委员" not in track
    staged = project / ".dangjian" / "docs"
    assert not any(MARKER in p.read_text("utf-8") for p in staged.rglob("*.md"))


def test_committee_build_holds_it(project):
    report = build(project / "mkdocs.yml", project / "site-党委委员", audience="党委委员")
    page = report.site_dir / "regulations" / SLUG / "index.html"
    assert MARKER in page.read_text(encoding="utf-8")
    public = (report.site_dir / "regulations" / "gongkai" / "index.html").read_text("utf-8")
    assert f'href="../{SLUG}/"' in public  # linked where the audience may read it
    assert "公开的制度" in page.read_text(encoding="utf-8")  # and cited-by lists it
    glossary = (report.site_dir / "glossary" / "index.html").read_text("utf-8")
    assert "内部标记" in glossary and MARKER in glossary
    assert report.documents["法规制度"] == 2


def test_offline_bundle_of_members_holds_no_trace(project, monkeypatch):
    from dangjian.offline.bundle import bundle

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    info = bundle(project / "mkdocs.yml", project / "dist", "members", say=lambda _: None)
    assert [name for name, text in _texts(info.path.parent) if MARKER in text or SLUG in text] == []


def test_unknown_visibility_and_audience(make_project):
    root = make_project({"docs/regulations/a.md": RESTRICTED.replace("党委委员", "常委")})
    with pytest.raises(ContentError) as caught:
        build(root / "mkdocs.yml")
    [error] = caught.value.diagnostics
    assert (error.path, error.line, error.field) == ("docs/regulations/a.md", 4, "visibility")
    (root / "docs/regulations/a.md").unlink()
    root = make_project({"docs/index.md": "# 首页\n"})
    with pytest.raises(ContentError) as caught:
        build(root / "mkdocs.yml", audience="外人")
    assert caught.value.diagnostics[0].field == "audience"
