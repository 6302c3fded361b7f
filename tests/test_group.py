"""A group of sites: the library's inventory, citations of a subsidiary resolved into it,
audiences across sites, and hostile inventories."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dangjian.app import cli
from dangjian.app.build import build
from dangjian.app.check import check
from dangjian.group import format as fmt
from dangjian.group import portal, sites

from .group_fixture import LIBRARY_NAME, config, library_project, subsidiary_project
from .test_build_links import links_in

pytestmark = pytest.mark.build

LIBRARY_URL = "http://lib.example/"


@pytest.fixture(scope="module")
def group(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("group")
    library = library_project(root / "lib")
    build(library / "mkdocs.yml")
    subsidiary = subsidiary_project(root / "sub", LIBRARY_URL, library / "site")
    assert cli.main(["-f", str(subsidiary / "mkdocs.yml"), "libraries", "refresh"]) == 0
    build(subsidiary / "mkdocs.yml")
    return library, subsidiary


def _inventory(project: Path) -> dict:
    return json.loads((project / "site" / fmt.FILE).read_text(encoding="utf-8"))


def test_library_publishes_its_inventory(group):
    library, _ = group
    inventory = _inventory(library)
    assert (inventory["format"], inventory["version"]) == ("dangjian-inventory", 1)
    assert inventory["site"]["name"] == LIBRARY_NAME
    by_id = {doc["id"]: doc for doc in inventory["documents"]}
    assert by_id["jia"]["url"] == "regulations/jia/"
    assert by_id["jia"]["aliases"] == ["甲条例"]
    assert {"unit": "条", "number": 2, "anchor": "第二条"} in by_id["jia"]["anchors"]
    editions = by_id["yi"]["editions"]
    assert [(e["key"], e["dates"]["effective"], e["url"]) for e in editions] == [
        ("2017", "2017-01-01", "regulations/yi/2017/"),
        ("2022", "2022-01-01", "regulations/yi/2022/")]


def test_restricted_library_document_is_not_in_the_public_inventory(group):
    library, _ = group
    text = (library / "site" / fmt.FILE).read_text(encoding="utf-8")
    assert "secret" not in text and "内部人事" not in text
    # Even the inventory of the narrower audience's build names only public documents.
    site = library / "site-committee"
    build(library / "mkdocs.yml", site, audience="党委委员")
    assert "内部人事" not in (site / fmt.FILE).read_text(encoding="utf-8")
    assert (site / "regulations" / "secret" / "index.html").is_file()


def test_subsidiary_citations_land_on_the_library_articles(group):
    _, subsidiary = group
    links = links_in(subsidiary / "site/regulations/xize/index.html", "dj-cite")
    assert ("http://lib.example/regulations/jia/#第二条", "第二条") in links
    # Edition-aware: today's edition, or the pinned one.
    assert ("http://lib.example/regulations/yi/2022/#第三条", "第三条") in links
    assert ("http://lib.example/regulations/yi/2017/#第二条", "第二条") in links
    explicit = links_in(subsidiary / "site/regulations/xize/index.html", "dj-link")
    assert explicit == [("http://lib.example/regulations/jia/#第一条", "《集团甲条例》第一条")]


def test_unknown_citation_is_reported_with_file_and_line(group):
    _, subsidiary = group
    prepared = check(subsidiary / "mkdocs.yml")
    assert [d.format() for d in prepared.problems] == [
        "docs/regulations/xize.md:11: 警告: citation: 《集团不存在条例》 未找到对应的文件"]


def test_subsidiary_inventory_lists_its_citations_into_the_library(group):
    _, subsidiary = group
    cites = _inventory(subsidiary)["cites"]
    assert {(c["library"], c["id"], c["edition"]) for c in cites} == {
        (LIBRARY_NAME, "jia", None), (LIBRARY_NAME, "yi", "2017"), (LIBRARY_NAME, "yi", "2022")}


def test_local_document_wins_over_the_library(tmp_path, group):
    library, _ = group
    project = subsidiary_project(tmp_path / "sub", LIBRARY_URL, library / "site",
                                 local_copy=True)
    (project / "docs/regulations/xize.md").write_text(
        "---\ntitle: 细则\ncategory: 企业制度\nstatus: 现行有效\n---\n\n"
        "第一条　依照《集团丙办法》。\n", "utf-8")
    cli.main(["-f", str(project / "mkdocs.yml"), "libraries", "refresh"])
    prepared = check(project / "mkdocs.yml")
    assert not prepared.problems
    assert [r.target.id for r in prepared.refs.items] == ["bing"]
    assert prepared.refs.library_items == []


def test_missing_library_copy_is_an_error(tmp_path, group):
    library, _ = group
    project = subsidiary_project(tmp_path / "sub", LIBRARY_URL, library / "site")
    errors = check(project / "mkdocs.yml").diagnostics.errors
    assert (errors[0].path, errors[0].line, errors[0].field) == (
        f"data/libraries/{LIBRARY_NAME}.json", 0, "libraries.0")
    assert "dangjian libraries refresh" in errors[0].message


HOSTILE_INVENTORIES = {
    "javascript-url": ('"url": "regulations/jia/"', '"url": "javascript:alert(1)"'),
    "data-url": ('"url": "regulations/jia/"', '"url": "data:text/html,<script>1</script>"'),
    "protocol-relative": ('"url": "regulations/jia/"', '"url": "//evil.example/x"'),
    "quote-in-url": ('"url": "regulations/jia/"', '"url": "a\\" onmouseover=\\"x"'),
    "wrong-format": ('"format":"dangjian-inventory"', '"format":"other"'),
    "future-version": ('"version":1', '"version":99'),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_INVENTORIES))
def test_hostile_inventory_is_refused(tmp_path, group, case):
    library, _ = group
    old, new = HOSTILE_INVENTORIES[case]
    text = (library / "site" / fmt.FILE).read_text(encoding="utf-8")
    text = text.replace('"url":"regulations/jia/"', '"url": "regulations/jia/"')
    assert old in text
    with pytest.raises(fmt.InventoryError):
        fmt.parse_bytes(text.replace(old, new, 1).encode())
    # Refresh refuses it and keeps no copy; the build then says what to do.
    bad = tmp_path / "bad"
    (bad / "_dangjian").mkdir(parents=True)
    (bad / fmt.FILE).write_text(text.replace(old, new, 1), "utf-8")
    project = subsidiary_project(tmp_path / "sub", LIBRARY_URL, bad)
    assert cli.main(["-f", str(project / "mkdocs.yml"), "libraries", "refresh"]) == 1
    assert not (project / "data" / "libraries").exists()


def test_library_titles_are_escaped(tmp_path, group):
    library, _ = group
    data = _inventory(library)
    jia = next(doc for doc in data["documents"] if doc["id"] == "jia")
    jia["title"] = '集团甲条例<img src=x onerror=alert(1)>"'
    (tmp_path / "lib" / "_dangjian").mkdir(parents=True)
    (tmp_path / "lib" / fmt.FILE).write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    project = subsidiary_project(tmp_path / "sub", LIBRARY_URL, tmp_path / "lib")
    (project / "docs/regulations/xize.md").write_text(
        "---\ntitle: 细则\ncategory: 企业制度\nstatus: 现行有效\n---\n\n"
        "第一条　依照《甲条例》第二条。\n", "utf-8")
    assert cli.main(["-f", str(project / "mkdocs.yml"), "libraries", "refresh"]) == 0
    build(project / "mkdocs.yml")
    html = (project / "site/regulations/xize/index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in html and "onerror=alert(1)&gt;&#34;" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "vbscript:x"])
def test_library_url_in_settings_is_refused(tmp_path, group, url):
    library, _ = group
    project = subsidiary_project(tmp_path / "sub", url, library / "site")
    assert cli.main(["-f", str(project / "mkdocs.yml"), "check"]) == 1


# --- check --federation ----------------------------------------------------------------

def test_federation_check_of_a_subsidiary(tmp_path, group):
    library, _ = group
    project = subsidiary_project(tmp_path / "sub", LIBRARY_URL, library / "site",
                                 local_copy=True)
    cli.main(["-f", str(project / "mkdocs.yml"), "libraries", "refresh"])
    found = [d.format() for d in check(project / "mkdocs.yml", federation=True).problems]
    assert "docs/regulations/bing.md:2: 警告: title: 《集团丙办法》与法规库中的文件同名" \
           "（“集团法规库”的《集团丙办法》）：本站的文件优先，引用不会指向法规库；" \
           "若是共用法规的本地副本，请删除它，改为引用法规库" in found
    assert "docs/regulations/xize.md:9: 警告: federation: 《集团乙章程（2017年修订）》：" \
           "引用的是法规库“集团法规库”中《集团乙章程》的2017年修订版本，" \
           "已被2022年修订版本取代" in found
    # Without --federation none of this is reported.
    plain = [d.format() for d in check(project / "mkdocs.yml").problems]
    assert not [line for line in plain if "法规库" in line]


def test_federation_check_of_the_library_finds_uncited_documents(tmp_path, group):
    library, subsidiary = group
    extra = (f"      federation:\n        - name: 一公司党委\n"
             f"          url: /sub/\n          path: {subsidiary / 'site'}\n")
    (library / "mkdocs.yml").write_text(config(LIBRARY_NAME, extra), "utf-8")
    try:
        assert cli.main(["-f", str(library / "mkdocs.yml"), "libraries", "refresh"]) == 0
        found = [d.format() for d in check(library / "mkdocs.yml", federation=True).problems]
        build(library / "mkdocs.yml", tmp_path / "site")
    finally:
        (library / "mkdocs.yml").write_text(config(LIBRARY_NAME), "utf-8")
    assert found == ["docs/regulations/bing.md:2: 警告: federation: "
                     "《集团丙办法》：登记的 1 个站点都没有引用它"]
    # The library's page lists the subsidiary's page that cites it.
    page = (tmp_path / "site/regulations/jia/index.html").read_text(encoding="utf-8")
    assert '<span class="dj-backlinks__site">一公司党委</span> ' \
           '<a href="/sub/regulations/xize/">一公司实施细则</a>' in page
    assert "一公司" not in (tmp_path / "site/regulations/bing/index.html").read_text("utf-8")


# --- the portal --------------------------------------------------------------------------

def test_portal_lists_its_federation_for_the_search(tmp_path, group):
    library, subsidiary = group
    assert not (subsidiary / "site/_dangjian/federation.js").exists()
    extra = "      federation:\n        - name: 集团法规库\n          url: /lib/\n"
    project = subsidiary_project(tmp_path / "sub", LIBRARY_URL, library / "site",
                                 federation=extra)
    cli.main(["-f", str(project / "mkdocs.yml"), "libraries", "refresh"])
    build(project / "mkdocs.yml")
    script = (project / "site/_dangjian/federation.js").read_text(encoding="utf-8")
    data = json.loads(script.removeprefix("window.dangjianSites = ").rstrip(";\n"))
    assert data == {"self": "一公司党委",
                    "sites": [{"name": "集团法规库", "bundle": "/lib/pagefind/"}]}
    html = (project / "site/index.html").read_text(encoding="utf-8")
    assert html.index("_dangjian/federation.js") < html.index("_dangjian/search.js")


def test_portal_script_cannot_close_a_script_element():
    script = portal.script({"self": "甲</script><script>alert(1)</script>", "sites": []})
    assert "</" not in script


@pytest.mark.parametrize("name", ["a/b", "../x", ".hidden", "a<b"])
def test_site_names_that_could_escape_data_are_refused(name):
    with pytest.raises(sites.GroupConfigError):
        sites.parse([{"name": name, "url": "/lib/"}], [])
