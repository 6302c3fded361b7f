"""``dangjian serve`` after an edit: only the pages it changed are rendered again, and they
are the bytes a full build writes; the open page reloads itself."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from dangjian.app import preview as preview_module
from dangjian.app import serve
from dangjian.app.build import build
from dangjian.app.preview import Preview
from dangjian.core.diagnostics import ContentError
from dangjian.core.stop import Stop, Stopped, never
from dangjian.group import format as inventory
from dangjian.offline import manifests

from .conftest import ROOT

pytestmark = pytest.mark.build

SITE_URL = "http://127.0.0.1:8000/"
CITED = "docs/regulations/baxiang-guiding.md"
CITING = "docs/study/sanhui-yike-zhidu.md"
NEW_CITATION = "\n落实《十八届中央政治局关于改进工作作风、密切联系群众的八项规定》的要求。\n"


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and "pagefind" not in p.parts}


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    project = tmp_path / "project"
    for name in ("docs", "data"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shown = Preview(project / "mkdocs.yml", tmp_path / "site", SITE_URL, lambda _: None)
    shown.full()
    yield shown
    with shown._index_state:
        shown._settle_at = None  # no settling after the test


def test_an_edit_renders_the_page_and_its_backlinks_only(preview: Preview, tmp_path: Path):
    root = preview.root
    before = _tree(preview.site_dir)
    with (root / CITING).open("a", encoding="utf-8") as handle:
        handle.write(NEW_CITATION)
    version = preview.version
    update = preview.update([CITING])
    assert not update.full
    # The edited page, the cited one's “引用本文件的” list, and what lists citations.
    assert 2 <= update.pages <= 5
    assert preview.version == version + 1
    after = _tree(preview.site_dir)
    changed = {path for path in after if after[path] != before.get(path)}
    assert {"study/sanhui-yike-zhidu/index.html",
            "regulations/baxiang-guiding/index.html"} <= changed
    # Besides the pages, the release manifest (the edited text has another hash) and
    # the inventory other sites read.
    assert len(changed - {manifests.IN_SITE, inventory.FILE}) == update.pages
    full = build(root / "mkdocs.yml", tmp_path / "full", site_url=SITE_URL)
    assert after == _tree(full.site_dir)
    assert preview.indexing is not None
    preview.indexing.join(timeout=300)
    assert (preview.site_dir / "pagefind" / "pagefind-entry.json").is_file()


EDITED = "docs/regulations/zhibu-gongzuo-tiaoli.md"
"""Cites the party constitution, is cited by the work plan, in two tracks."""
EDITED_PAGE = "regulations/zhibu-gongzuo-tiaoli/index.html"


def _add_sentence(root: Path, source: str, after: str, sentence: str) -> None:
    path = root / source
    text = path.read_text(encoding="utf-8")
    at = text.index("\n", text.index(after))
    path.write_text(text[:at] + f"\n\n{sentence}" + text[at:], encoding="utf-8")


def test_new_words_in_an_article_render_that_page_alone(preview: Preview, tmp_path: Path):
    root = preview.root
    before = _tree(preview.site_dir)
    # Another word in 第一条, before its citation of the constitution: nothing another
    # page shows of the regulation changes (its tracks count the same length).
    _replace(root, EDITED, "弘扬“支部", "发扬“支部")
    version = preview.version
    update = preview.update([EDITED])
    assert update.quick and not update.full
    assert update.pages == 1
    assert preview.version == version + 1
    after = _tree(preview.site_dir)
    assert {path for path in after if after[path] != before.get(path)} == {EDITED_PAGE}
    assert "发扬“<abbr" in after[EDITED_PAGE].decode()
    # Once the author pauses, the rest follows: the release manifest with the new hash.
    assert preview.settle() == 0
    settled = _tree(preview.site_dir)
    full = _tree(build(root / "mkdocs.yml", tmp_path / "full", site_url=SITE_URL).site_dir)
    assert settled[EDITED_PAGE] == full[EDITED_PAGE]
    assert settled == full
    assert preview.indexing is not None
    preview.indexing.join(timeout=300)


def _replace(root: Path, source: str, old: str, new: str) -> None:
    path = root / source
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("while_reading", [True, False])
def test_an_edit_made_while_the_site_settles_stays(preview: Preview, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   while_reading: bool):
    monkeypatch.setattr(preview_module, "SETTLE_AFTER", 3600)  # settled here, not by a thread
    _replace(preview.root, EDITED, "弘扬“支部", "发扬“支部")
    assert preview.update([EDITED]).quick
    read = Preview._prepare
    stopped: list[bool] = []

    def edited_meanwhile(self: Preview, stop: Stop = never):
        if not while_reading:
            staging = read(self, stop)
        _replace(self.root, EDITED, "发扬“支部", "传扬“支部")
        assert self.update([EDITED]).quick
        if not while_reading:
            return staging
        try:
            return read(self, stop)
        except Stopped:  # read after the edit began, the project would be stale
            stopped.append(True)
            raise

    monkeypatch.setattr(Preview, "_prepare", edited_meanwhile)
    # What the settling read is older than the edit: it writes nothing, and starts again.
    assert preview.settle() == 0
    assert stopped == ([True] if while_reading else [])
    assert "传扬“<abbr" in (preview.site_dir / EDITED_PAGE).read_text(encoding="utf-8")
    assert preview.settling is not None
    monkeypatch.setattr(Preview, "_prepare", read)
    preview.settle()
    full = build(preview.root / "mkdocs.yml", tmp_path / "full", site_url=SITE_URL)
    assert _tree(preview.site_dir) == _tree(full.site_dir)


def test_a_longer_article_renders_the_tracks_that_count_it(preview: Preview,
                                                           tmp_path: Path):
    before = _tree(preview.site_dir)
    _add_sentence(preview.root, EDITED, "\n第一条", "本条补充一句说明。")
    update = preview.update([EDITED])
    assert update.quick
    after = _tree(preview.site_dir)
    # The track that gives 第一条 to read says how long it is now (656 → 666 字).
    changed = {page for page in after if after[page] != before.get(page)}
    assert changed == {EDITED_PAGE, "tracks/zhongxinzu-2020/index.html"}
    assert update.pages == len(changed)
    full = _tree(build(preview.root / "mkdocs.yml", tmp_path / "full",
                       site_url=SITE_URL).site_dir)
    assert {page for page in after if page.startswith("tracks/")
            and after[page] != full[page]} == set()
    assert after[EDITED_PAGE] == full[EDITED_PAGE]


def test_new_words_in_a_help_page_render_that_page_alone(preview: Preview, tmp_path: Path):
    help_page, shown = "docs/help/ziduan.md", "help/ziduan/index.html"
    before = _tree(preview.site_dir)
    _replace(preview.root, help_page, "| 简称 | 列表，", "| 简称 | 一个列表，")
    update = preview.update([help_page])
    assert update.quick and update.pages == 1
    after = _tree(preview.site_dir)
    assert {page for page in after if after[page] != before.get(page)} == {shown}
    assert "一个列表" in after[shown].decode()
    full = _tree(build(preview.root / "mkdocs.yml", tmp_path / "full",
                       site_url=SITE_URL).site_dir)
    assert after[shown] == full[shown]
    # The guide's index page orders its section in the navigation: never quick.
    _replace(preview.root, "docs/help/index.md", "构建", "生成")
    assert not preview.update(["docs/help/index.md"]).quick


def test_an_edit_that_other_pages_quote_renders_them_too(preview: Preview, tmp_path: Path):
    # The constitution's backlinks quote the sentence that cites it.
    _add_sentence(preview.root, EDITED, "\n第一条", "依照《中国共产党章程》办理。")
    update = preview.update([EDITED])
    assert not update.quick and not update.full
    after = _tree(preview.site_dir)
    full = _tree(build(preview.root / "mkdocs.yml", tmp_path / "full",
                       site_url=SITE_URL).site_dir)
    assert after["regulations/dangzhang/index.html"] == full["regulations/dangzhang/index.html"]


def test_a_quick_edit_is_checked_as_a_build_checks_it(preview: Preview):
    before = _tree(preview.site_dir)
    _add_sentence(preview.root, EDITED, "\n第一条", "本条内容属于机密★10年。")
    with pytest.raises(ContentError) as refused:
        preview.update([EDITED])
    # Refused from the file alone (the whole project has warnings elsewhere).
    assert refused.value.diagnostics
    assert all(d.path == EDITED for d in refused.value.diagnostics)
    assert _tree(preview.site_dir) == before
    # Taken out again, the page is quick again and what was refused never shows.
    text = (preview.root / EDITED).read_text(encoding="utf-8")
    (preview.root / EDITED).write_text(text.replace("\n\n本条内容属于机密★10年。", ""),
                                       encoding="utf-8")
    assert preview.update([EDITED]).quick
    assert "机密" not in (preview.site_dir / EDITED_PAGE).read_text(encoding="utf-8")


def test_a_new_title_takes_the_full_build(preview: Preview):
    source = preview.root / CITED
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("八项规定\n", "八项规定（改）\n", 1), encoding="utf-8")
    update = preview.update([CITED])
    assert update.full
    assert "八项规定（改）" in (preview.site_dir / "regulations" / "baxiang-guiding" /
                              "index.html").read_text(encoding="utf-8")


def test_served_pages_reload_when_the_version_changes(preview: Preview):
    handler = functools.partial(type("H", (serve._Handler,), {"preview": preview}),
                                directory=str(preview.site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        def get(path: str) -> str:
            with urllib.request.urlopen(base + path, timeout=10) as response:
                return response.read().decode("utf-8")

        page = get("/regulations/baxiang-guiding/")
        assert page.count(serve.RELOAD_TAG.decode()) == 1
        assert serve.RELOAD_TAG.decode() not in (
            preview.site_dir / "regulations" / "baxiang-guiding" / "index.html").read_text(
            encoding="utf-8")
        assert "location.reload" in get(serve.RELOAD_PATH)
        first = get(serve.VERSION_PATH)
        preview.version += 1
        assert get(serve.VERSION_PATH) != first
    finally:
        server.shutdown()
        server.server_close()


def test_serve_shows_an_edit_without_being_asked(tmp_path: Path):
    """The whole loop: ``dangjian serve`` hears of the save, renders the page, and the
    version the open page polls changes."""
    project = tmp_path / "project"
    for name in ("docs", "data"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = (tmp_path / "serve.log").open("w", encoding="utf-8")
    server = subprocess.Popen([sys.executable, "-m", "dangjian", "serve", "-a",
                               f"127.0.0.1:{port}"], cwd=project, stdout=log,
                              stderr=subprocess.STDOUT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    base = f"http://127.0.0.1:{port}"

    def get(path: str) -> str:
        with urllib.request.urlopen(base + path, timeout=30) as response:
            return response.read().decode("utf-8")

    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                version = get(serve.VERSION_PATH)
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, \
                    (tmp_path / "serve.log").read_text(encoding="utf-8")
                time.sleep(0.5)
        _replace(project, EDITED, "弘扬“支部", "发扬“支部")
        deadline = time.monotonic() + 60
        while get(serve.VERSION_PATH) == version:
            assert time.monotonic() < deadline, (tmp_path / "serve.log").read_text(
                encoding="utf-8")
            time.sleep(0.1)
        assert "发扬“<abbr" in get("/regulations/zhibu-gongzuo-tiaoli/")
        assert "已更新：1 个页面" in (tmp_path / "serve.log").read_text(encoding="utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)

