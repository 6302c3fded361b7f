"""From nothing to a site: init, new, the guide, the messages of an empty or incomplete
folder, web.config, --site-url, serve's 404 page and where the Pagefind binary is found."""

from __future__ import annotations

import filecmp
import functools
import http.server
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from dangjian.app import cli
from dangjian.app.build import build
from dangjian.app.init import STARTER, InitError, init
from dangjian.core.model import Category, Status, TextCoverage
from dangjian.load.tracking import ItemStatus
from dangjian.offline.bundle import bundle
from dangjian.search import pagefind_binary

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("init") / "site"
    init(root)
    return root


@pytest.fixture(scope="module")
def published(started: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("published") / "site"
    build(started / "mkdocs.yml", site, site_url="http://intranet/dangjian")
    return site


def _warnings(report) -> list:
    return [*report.warnings, *report.engine_warnings,
            *([report.search.binary.warning] if report.search and report.search.binary.warning
              else [])]


def test_init_then_build_and_bundle_with_no_warning(started, tmp_path):
    report = build(started / "mkdocs.yml", tmp_path / "site")
    assert _warnings(report) == []
    assert dict(report.documents) == {"法规制度": 1, "学习资料": 1, "工作要点": 1}
    assert (tmp_path / "site" / "help" / "ziduan" / "index.html").is_file()
    for page in ("help/index.html", "help/guanli/index.html"):
        html = (tmp_path / "site" / page).read_text("utf-8")
        assert "data-pagefind-body" in html and 'data-pagefind-filter="类型:使用帮助"' in html
    info = bundle(started / "mkdocs.yml", tmp_path / "dist", "b", say=lambda _: None)
    assert info.path.is_file() and info.files > 20
    assert not (started / "overrides").exists()  # nothing of the theme is copied


def test_init_keeps_nothing_the_package_must_update():
    names = {str(path) for path in STARTER.rglob("*") if path.is_file()}
    assert not [name for name in names if name.endswith((".html", ".js", ".css", ".py"))]


def test_init_writes_nothing_over_an_existing_site(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: 旧站\n", encoding="utf-8")
    with pytest.raises(InitError, match="已有 mkdocs.yml"):
        init(tmp_path)
    assert (tmp_path / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: 旧站\n"
    assert not (tmp_path / "docs").exists()


@pytest.mark.parametrize("kind", ["regulation", "study", "workplan", "track"])
def test_new_writes_a_document_that_builds(started, tmp_path, kind, capsys):
    import shutil

    root = tmp_path / "site"
    shutil.copytree(started, root)
    config = str(root / "mkdocs.yml")
    assert cli.main(["-f", config, "new", kind, f"xin-{kind}"]) == 0
    written = capsys.readouterr().out
    assert f"xin-{kind}" in written
    assert cli.main(["-f", config, "new", kind, f"xin-{kind}"]) == 1  # never overwrites
    assert "已存在" in capsys.readouterr().err
    report = build(root / "mkdocs.yml", tmp_path / "out")
    assert sum(report.documents.values()) == 3 + (kind != "track")


def test_new_lists_the_allowed_values_from_the_model(started, tmp_path):
    from dangjian.app.new import Site, new

    site = Site(tmp_path, tmp_path / "docs", tmp_path / "data", ("全体党员", "党委委员"))
    text = new(site, "regulation", "x").read_text(encoding="utf-8")
    for enum in (Category, Status, TextCoverage):
        assert "、".join(member.value for member in enum) in text
    assert "全体党员、党委委员" in text and "公开、内部" in text


def test_new_refuses_a_bad_name(started, capsys):
    assert cli.main(["-f", str(started / "mkdocs.yml"), "new", "study", "学习"]) == 1
    assert "小写英文字母" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["build", "check", "serve", "bundle"])
def test_an_empty_folder_says_what_to_do(tmp_path, monkeypatch, capsys, command):
    monkeypatch.chdir(tmp_path)
    assert cli.main([command]) == 1
    err = capsys.readouterr().err
    assert "找不到配置文件 mkdocs.yml" in err and "dangjian init" in err
    assert ("检查失败" in err) == (command == "check")
    assert not list(tmp_path.iterdir())


def test_a_config_without_docs_is_a_message(tmp_path, capsys):
    (tmp_path / "mkdocs.yml").write_bytes((ROOT / "mkdocs.yml").read_bytes())
    for command in ("check", "bundle"):
        assert cli.main(["-f", str(tmp_path / "mkdocs.yml"), command]) == 1
        assert "内容文件夹 docs/ 不存在" in capsys.readouterr().err


def test_a_missing_custom_dir_adds_nothing(make_project, tmp_path):
    root = make_project({"docs/index.md": "# 首页\n"})
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        config.replace("  language: zh\n", "  language: zh\n  custom_dir: mine\n"), "utf-8")
    assert not (root / "mine").exists()
    build(root / "mkdocs.yml", tmp_path / "site")
    assert "pagefind-searchbox" in (tmp_path / "site" / "index.html").read_text("utf-8")


def test_a_site_override_adds_to_the_package_templates(make_project, tmp_path):
    """overrides/ beside mkdocs.yml is the site's custom_dir without being named."""
    root = make_project({"docs/index.md": "# 首页\n",
                         "overrides/partials/copyright.html": "<div>本站自有版权声明</div>"})
    build(root / "mkdocs.yml", tmp_path / "site")
    html = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert "本站自有版权声明" in html and "pagefind-searchbox" in html


def test_a_missing_field_and_a_wrong_value_name_the_allowed_values(make_project, capsys):
    root = make_project({"docs/regulations/a.md": "---\ntitle: 甲\nstatus: 现行\n---\n\n正文\n"})
    assert cli.main(["-f", str(root / "mkdocs.yml"), "check"]) == 1
    err = capsys.readouterr().err
    assert "category: 缺少必填字段，应为：党章、准则" in err
    assert ("status: 值 “现行” 不在允许范围内，应为："
            "现行有效、已修改、已被修订、尚未施行、已废止、待核实") in err
    assert " or " not in err


def test_the_guide_is_shipped_and_copied_by_init():
    shipped, starter = ROOT / "docs" / "help", STARTER / "docs" / "help"
    names = sorted(path.name for path in starter.glob("*.md"))
    assert names == sorted(path.name for path in shipped.glob("*.md"))
    # docs/help/ is the starter's copy: edit dangjian/starter/docs/help/ and copy it over.
    _, mismatch, errors = filecmp.cmpfiles(shipped, starter, names, shallow=False)
    assert mismatch == errors == []


def test_the_guide_lists_every_allowed_value():
    fields = (STARTER / "docs" / "help" / "ziduan.md").read_text(encoding="utf-8")
    for enum in (Category, Status, TextCoverage, ItemStatus):
        for member in enum:
            assert member.value in fields, member


def test_web_config_maps_pagefind_types_online_only(started, published, tmp_path):
    config = (published / "web.config").read_text(encoding="utf-8")
    for ext in (".pf_fragment", ".pf_index", ".pf_meta", ".pagefind"):
        assert f'<mimeMap fileExtension="{ext}"' in config
    built = {path.suffix for path in (published / "pagefind").rglob("*")}
    assert {".pf_fragment", ".pf_index", ".pf_meta", ".pagefind"} <= built
    build(started / "mkdocs.yml", tmp_path / "offline", offline=True)
    assert not (tmp_path / "offline" / "web.config").exists()


def test_site_url_makes_404_and_sitemap_work_under_a_sub_path(published):
    missing = (published / "404.html").read_text(encoding="utf-8")
    assert 'href="/dangjian/assets/stylesheets/' in missing
    assert '"/assets/' not in missing and '"/_dangjian/' not in missing
    sitemap = (published / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>http://intranet/dangjian/help/ziduan/</loc>" in sitemap


def test_serve_answers_a_missing_page_with_the_sites_404(published):
    from dangjian.app.serve import _Handler

    handler = functools.partial(_Handler, directory=str(published))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/no/such/page/"
        with pytest.raises(urllib.error.HTTPError) as raised:
            urllib.request.urlopen(url, timeout=10)
        assert raised.value.code == 404
        body = raised.value.read().decode("utf-8")
        assert body == (published / "404.html").read_text(encoding="utf-8")
        assert "Error response" not in body
    finally:
        server.shutdown()
        server.server_close()


def _fake_binary(path: Path, version: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\necho pagefind_extended {version}\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def test_the_installed_binary_is_used_without_a_download(tmp_path, monkeypatch):
    monkeypatch.delenv(pagefind_binary.OVERRIDE_ENV, raising=False)
    monkeypatch.setattr("sys.prefix", str(tmp_path / "venv"))
    installed = _fake_binary(pagefind_binary.installed_path(), pagefind_binary.VERSION)
    monkeypatch.setattr(pagefind_binary, "fetch", lambda *a, **k: pytest.fail("downloaded"))
    binary = pagefind_binary.locate(tmp_path / "empty-cache", "http://127.0.0.1:9/")
    assert binary.path == installed and binary.warning is None and binary.version == "1.6.0"


def test_a_fallback_is_tried_once_and_counted(tmp_path, monkeypatch):
    from dangjian.app.build import BuildReport
    from dangjian.app.summary import summary
    from dangjian.search.search_index import IndexReport

    monkeypatch.delenv(pagefind_binary.OVERRIDE_ENV, raising=False)
    monkeypatch.setattr("sys.prefix", str(tmp_path / "no-venv"))
    tries = []

    def unreachable(*_args, **_kwargs):
        tries.append(1)
        raise pagefind_binary.FetchError("无法连接 npm 仓库（测试）")

    monkeypatch.setattr(pagefind_binary, "fetch", unreachable)
    registry = "http://127.0.0.1:9/once/"
    first = pagefind_binary.locate(tmp_path / "cache", registry)
    again = pagefind_binary.locate(tmp_path / "cache", registry)
    assert tries == [1] and first.warning and again.warning == first.warning
    report = BuildReport(search=IndexReport(first, 1, 1, 0, 0.1, 1024))
    text = summary(report)
    assert "  警告    1\n" in text and text.count(first.warning) == 1
