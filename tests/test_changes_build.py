"""What changed, end to end: two bundles of a copy of the shipped project, between which
exactly one article, one plan item's status, one new document and one abolition changed;
the release recorded by ``build --release`` and its 本站更新 page; the audiences."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from dangjian.app import cli
from dangjian.app.build import build
from dangjian.core.diagnostics import ContentError
from dangjian.core.manifest import load
from dangjian.offline.signing import generate, load_public
from dangjian.offline.verify import verify
from dangjian.pipeline.release import Request

from .conftest import ROOT

pytestmark = pytest.mark.build

EPOCH = "1700000000"  # 2023-11-14
DAY = "2023-11-14"
NEW_STUDY = """---
title: 新增的学习资料
summary: 用于核对变化列表。
date: 2023-11-01
---

正文一段。
"""
EXPECTED = [
    "新增 1 件：",
    "  《新增的学习资料》",
    "修订 1 件：",
    "  《中国共产党支部工作条例（试行）》：修改 第七条",
    "废止 1 件：",
    "  《十八届中央政治局关于改进工作作风、密切联系群众的八项规定》",
    "工作要点事项变化 1 项：",
    "  《X企业2020年党建工作要点》 2020-1-1 坚持把党的政治建设摆在首位：推进中 → 已完成",
]


def _replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert text.count(old) >= 1, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


def _change_exactly_four_things(root: Path) -> None:
    docs = root / "docs"
    _replace_once(docs / "regulations" / "zhibu-gongzuo-tiaoli.md",
                  "第七条 对因党员人数", "第七条 对因党员数量")
    _replace_once(root / "data" / "tracking" / "x-2020.yml",
                  "    due: 2020\n    status: 推进中", "    due: 2020\n    status: 已完成")
    (docs / "study" / "xin-ziliao.md").write_text(NEW_STUDY, "utf-8")
    _replace_once(docs / "regulations" / "baxiang-guiding.md",
                  "status: 待核实", "status: 已废止")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> dict[str, Path]:
    """old.zip; then the site built, the four changes, ``build --release`` and a signed
    new.zip with ``--since old.zip``."""
    root = tmp_path_factory.mktemp("changes") / "project"
    for name in ("docs", "data"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root)
    config = ["-f", str(root / "mkdocs.yml")]
    dist = root / "dist"
    keys = generate(tmp_path_factory.mktemp("keys"), "dangwei")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        assert cli.main([*config, "bundle", "--out", str(dist), "--name", "old"]) == 0
        build(root / "mkdocs.yml", root / "site")
        _change_exactly_four_things(root)
        assert cli.main([*config, "build", "--release", "--note", "第一次正式发布"]) == 0
        assert cli.main([*config, "bundle", "--out", str(dist), "--name", "new",
                         "--since", str(dist / "old.zip"), "--sign", str(keys.private)]) == 0
    return {"root": root, "old": dist / "old.zip", "new": dist / "new.zip",
            "public": keys.public}


def _member(bundle: Path, name: str) -> str:
    with zipfile.ZipFile(bundle) as archive:
        return archive.read(f"{bundle.stem}/{name}").decode("utf-8")


def test_changes_between_two_bundles_lists_exactly_what_changed(project, capsys):
    capsys.readouterr()
    assert cli.main(["changes", str(project["old"]), str(project["new"])]) == 0
    out = capsys.readouterr().out.splitlines()
    assert re.fullmatch(rf"比较：old\.zip（版本号 {DAY[:4]}\.11\.14-[0-9a-f]{{6}}，构建于 {DAY}）"
                        rf" → new\.zip（版本号 2023\.11\.14-1，构建于 {DAY}）", out[0]), out[0]
    assert out[1:] == EXPECTED


def test_changes_against_the_current_site_by_default(project, capsys):
    capsys.readouterr()
    code = cli.main(["-f", str(project["root"] / "mkdocs.yml"), "changes", str(project["old"])])
    assert code == 0
    assert capsys.readouterr().out.splitlines()[1:] == EXPECTED


def test_bundle_home_page_shows_its_version_date_and_changes(project):
    home = _member(project["new"], "index.html")
    assert "版本号 2023.11.14-1 · 日期 2023-11-14" in home
    old_version = load(_member(project["old"], "_dangjian/release.json").encode()).version
    assert f"本版变化（与 {old_version} 相比）" in home
    assert 'href="regulations/zhibu-gongzuo-tiaoli.html#第七条">第七条</a>' in home
    assert 'href="workplans/2020.html#2020-1-1"' in home
    assert "《新增的学习资料》" in home and 'href="updates/index.html"' in home
    usage = _member(project["new"], "使用说明.txt")
    assert "版本号：2023.11.14-1\n日期：2023-11-14\n" in usage
    assert "\n".join("  " + line for line in EXPECTED) in usage
    first = _member(project["old"], "index.html")
    assert "制作时没有指定上一版，未列出变化。" in first


def test_new_bundle_still_verifies_with_its_signature(project):
    verdict = verify(project["new"], load_public(project["public"]))
    assert verdict.ok and verdict.signer is not None


def test_release_is_recorded_and_listed_on_the_updates_page(project):
    recorded = (project["root"] / "data" / "releases.yml").read_text("utf-8")
    assert "version: 2023.11.14-1" in recorded and "note: 第一次正式发布" in recorded
    page = (project["root"] / "site" / "updates" / "index.html").read_text("utf-8")
    assert 'id="v2023-11-14-1"' in page and "2023.11.14-1（2023-11-14）" in page
    assert "第一次正式发布" in page
    assert 'href="../regulations/zhibu-gongzuo-tiaoli/#第七条">第七条</a>' in page
    assert 'href="../study/xin-ziliao/">《新增的学习资料》</a>' in page
    assert "推进中 → 已完成" in page
    assert 'data-pagefind-filter="类型:本站更新"' in page
    home = (project["root"] / "site" / "index.html").read_text("utf-8")
    assert 'href="updates/" class="md-tabs__link"' in home
    manifest = load((project["root"] / "site" / "_dangjian" / "release.json").read_bytes())
    assert manifest.version == "2023.11.14-1" and manifest.built == DAY


def test_a_release_is_compared_with_the_release_before_not_the_last_build(project,
                                                                          tmp_path):
    root = tmp_path / "again"
    shutil.copytree(project["root"], root, ignore=shutil.ignore_patterns("dist", ".dangjian"))
    assert load((root / "data" / "release-manifest.json").read_bytes()).version \
        == "2023.11.14-1"
    _replace_once(root / "docs" / "regulations" / "zhibu-gongzuo-tiaoli.md",
                  "第七条 对因党员数量", "第七条 对因党员的数量")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        between = build(root / "mkdocs.yml", root / "site")  # a build that is no release
        assert between.release is not None and between.release.changes
        report = build(root / "mkdocs.yml", root / "site", release=Request(record=True))
        assert report.release is not None and report.release.record is not None
        assert report.release.record.version == "2023.11.14-2"
        assert report.release.compared_with == "2023.11.14-1"
        assert [r.changed for r in report.release.record.changes.revised] == [["第七条"]]
        with pytest.raises(ContentError, match="已记录过"):
            build(root / "mkdocs.yml", root / "site",
                  release=Request(record=True, version="2023.11.14-1"))


@pytest.mark.parametrize("case", ["text", "missing", "plain-zip", "format", "old-bundle"])
def test_changes_refuses_bad_input_with_one_chinese_line(project, tmp_path, capsys, case):
    bad = tmp_path / "bad.zip"
    if case == "text":
        bad.write_text("不是压缩包", "utf-8")
    elif case == "plain-zip":
        with zipfile.ZipFile(bad, "w") as archive:
            archive.writestr("a/readme.txt", "x")
    elif case in ("format", "old-bundle"):
        with zipfile.ZipFile(project["new"]) as source, zipfile.ZipFile(bad, "w") as archive:
            for info in source.infolist():
                data = source.read(info)
                if info.filename.endswith("_dangjian/release.json"):
                    if case == "old-bundle":
                        continue
                    data = data.replace(b"dangjian-release/1", b"dangjian-release/9")
                archive.writestr(info, data)
    capsys.readouterr()
    assert cli.main(["changes", str(bad), str(project["new"])]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误: ") and err.count("\n") == 1 and "Traceback" not in err
    assert {"text": "不是 zip 文件", "missing": "找不到文件", "plain-zip": "不是 dangjian 离线包",
            "format": "格式标记不是 dangjian-release/1",
            "old-bundle": "没有 _dangjian/release.json"}[case] in err


RESTRICTED = """---
title: 党委内部议事规则甲
visibility: 党委委员
category: 企业制度
status: 现行有效
---

第一条　内部。
"""
PUBLIC = """---
title: 公开的制度乙
category: 企业制度
status: 现行有效
---

第一条　公开。
"""


def test_a_restricted_document_is_only_in_its_audiences_manifest(make_project, tmp_path):
    root = make_project({"docs/regulations/neibu.md": RESTRICTED,
                         "docs/regulations/gongkai.md": PUBLIC})
    build(root / "mkdocs.yml", tmp_path / "public")
    public = (tmp_path / "public" / "_dangjian" / "release.json").read_text("utf-8")
    assert "gongkai" in public and "neibu" not in public and "议事规则" not in public
    build(root / "mkdocs.yml", tmp_path / "committee", audience="党委委员")
    committee = (tmp_path / "committee" / "_dangjian" / "release.json").read_text("utf-8")
    assert "neibu" in committee and "党委内部议事规则甲" in committee
    with pytest.raises(ContentError, match="默认读者范围"):
        build(root / "mkdocs.yml", tmp_path / "x", audience="党委委员",
              release=Request(record=True))
