"""A group portal in real Chromium: one search over the library and a subsidiary, online
(two sites served from one host) and in a multi-site bundle opened from file://."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from dangjian.app import cli
from dangjian.app.build import build
from dangjian.search import parts

from .conftest import served
from .group_fixture import LIBRARY_NAME, SUBSIDIARY_NAME, library_project, subsidiary_project

pytestmark = [pytest.mark.browser, pytest.mark.build]

FEDERATION = f"      federation:\n        - name: {LIBRARY_NAME}\n          url: /lib/\n"

_RESULTS = """async () => {
  const found = window.PagefindComponents.getInstanceManager().getInstance("page").searchResult;
  const data = await Promise.all(found.results.map((result) => result.data()));
  return data.map((page) => page.url.split("?")[0]);
}"""


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The library under /lib/ and the subsidiary (the portal) under /sub/ of one server."""
    root = tmp_path_factory.mktemp("portal")
    library = library_project(root / "lib")
    with pytest.MonkeyPatch.context() as patch:
        # Every page its own index part: the portal merges the parts of every site.
        patch.setenv(parts.PART_PAGES_VARIABLE, "1")
        build(library / "mkdocs.yml", root / "www" / "lib", site_url="http://127.0.0.1/lib/")
        subsidiary = subsidiary_project(root / "sub", "/lib/", root / "www" / "lib",
                                        federation=FEDERATION)
        assert cli.main(["-f", str(subsidiary / "mkdocs.yml"), "libraries", "refresh"]) == 0
        build(subsidiary / "mkdocs.yml", root / "www" / "sub",
              site_url="http://127.0.0.1/sub/")
    listed = (root / "www" / "lib" / "pagefind" / "dj-parts.json").read_text(encoding="utf-8")
    assert json.loads(listed)["parts"]
    with served(root / "www") as url:
        yield url


def test_portal_search_finds_both_sites_filterable_by_site(page, portal):
    page.goto(portal + "sub/search/?q=集团")
    page.locator("[data-dj-search-page] .pf-result").first.wait_for()
    page.wait_for_function("""() => window.PagefindComponents.getInstanceManager()
        .getInstance("page").searchResult.results.length >= 3""")
    urls = page.evaluate(_RESULTS)
    assert "/sub/regulations/xize/" in urls
    assert "/lib/regulations/jia/" in urls
    assert not [url for url in urls if "secret" in url]
    labels = page.locator("[data-dj-search-page] .dj-result-site").all_inner_texts()
    assert set(labels) == {LIBRARY_NAME, SUBSIDIARY_NAME}
    chip = page.locator('pagefind-filter-dropdown[filter="站点"]')
    chip.locator("button").first.click()
    chip.get_by_role("option", name=LIBRARY_NAME).click()
    page.wait_for_function("""async () => {
        const found = window.PagefindComponents.getInstanceManager().getInstance("page");
        const data = await Promise.all(found.searchResult.results.map((r) => r.data()));
        return data.length > 0 && data.every((d) => d.url.startsWith("/lib/"));
    }""")


def test_portal_header_box_labels_results_by_site(page, portal):
    from . import search_ui

    page.goto(portal + "sub/")
    search_ui.ready(page)
    search_ui.typed(page, "甲条例")
    page.locator(".dj-search a[role='option']").first.wait_for()
    # The library's result is labelled with the library, the portal's own with the portal.
    page.wait_for_function("""(names) => {
        const labels = [...document.querySelectorAll('.dj-search a[role="option"]')].map(
            (a) => [a.getAttribute("href"), a.querySelector(".dj-result-site")?.textContent]);
        return labels.some(([href, name]) => href.startsWith("/lib/") && name === names[0])
            && labels.some(([href, name]) => href.startsWith("/sub/") && name === names[1]);
    }""", arg=[LIBRARY_NAME, SUBSIDIARY_NAME])


@pytest.fixture(scope="module")
def group_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A bundle of the subsidiary (the portal) with the library, unpacked."""
    root = tmp_path_factory.mktemp("group-bundle")
    library = library_project(root / "lib")
    build(library / "mkdocs.yml")
    subsidiary = subsidiary_project(root / "sub", "http://lib.example/", library / "site")
    assert cli.main(["-f", str(subsidiary / "mkdocs.yml"), "libraries", "refresh"]) == 0
    assert cli.main(["-f", str(subsidiary / "mkdocs.yml"), "bundle", "--name", "group",
                     "--version", "2026.12.01-1",
                     "--site", str(library / "mkdocs.yml"), "-o", str(root / "dist")]) == 0
    with zipfile.ZipFile(root / "dist" / "group.zip") as archive:
        archive.extractall(root / "unpacked")
    return root / "unpacked" / "group"


def test_multi_site_bundle_searches_both_sites_from_file_urls(page, group_bundle):
    assert (group_bundle / "sites/lib/regulations/jia.html").is_file()
    # The bundle states its 版本号, as a one-site bundle does (its own site's edition).
    assert "2026.12.01-1" in (group_bundle / "使用说明.txt").read_text(encoding="utf-8")
    assert "2026.12.01-1" in (group_bundle / "index.html").read_text(encoding="utf-8")
    assert not list(group_bundle.rglob("secret*"))
    assert cli.main(["verify", str(group_bundle.parent.parent / "dist" / "group.zip")]) == 0
    page.goto((group_bundle / "index.html").as_uri())
    page.locator(".dj-offline-trigger").click()
    page.fill(".dj-offline__input", "集团")
    page.wait_for_function(
        "() => document.querySelector('.dj-offline__status').textContent.length > 0")
    hits = page.locator(".dj-offline__hit > a")
    sites = page.locator(".dj-offline__hit .dj-offline__site").all_inner_texts()
    assert set(sites) == {LIBRARY_NAME, SUBSIDIARY_NAME}
    hrefs = [link.get_attribute("href") for link in hits.all()]
    assert any(href.endswith("sites/lib/regulations/jia.html") for href in hrefs)
    assert any(href.endswith("regulations/xize.html") and "sites/" not in href
               for href in hrefs)
    # Filter by site: only the library's results remain, and they open from file://.
    page.locator(f".dj-offline__sites button:has-text('{SUBSIDIARY_NAME}')").click()
    page.wait_for_function("""(name) => [...document.querySelectorAll(
        '.dj-offline__hit .dj-offline__site')].every((label) => label.textContent === name)""",
        arg=LIBRARY_NAME)
    page.locator(".dj-offline__hit > a", has_text="集团甲条例").first.click()
    page.wait_for_url("**/sites/lib/regulations/jia.html")
    assert page.locator("h1").first.inner_text().startswith("集团甲条例")
