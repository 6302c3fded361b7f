"""The offline bundle: a reproducible zip that works from file:// and verifies."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from dangjian.offline.bundle import MANIFEST
from dangjian.offline.signing import KeyPair, generate
from dangjian.offline.verify import extract, is_safe, verify

from .conftest import ROOT

pytestmark = pytest.mark.build

EPOCH = "1700000000"

# Query → a title expected among the first three results, from file:// search.
OFFLINE_QUERIES = {
    "支部工作条例": "中国共产党支部工作条例（试行）",
    "八项规定": "十八届中央政治局关于改进工作作风、密切联系群众的八项规定",
    "三重一大": "“三重一大”决策实施办法",
    "两个维护": "X企业2020年党建工作要点",
    "四风": "X企业2020年党建工作要点",
    "党风廉政建设": "X企业2020年党建工作要点",
    "党员教育管理": "中国共产党党员教育管理工作条例",
    "请示报告": "中国共产党重大事项请示报告条例",
    "三会一课": "“三会一课”制度（某高校党组织示例）",
    "中心组学习": "党委理论学习中心组学习制度（某高校老干部工作处示例）",
    "治国理政": "习近平谈治国理政 第三卷",
    "政治建设的意见": "中共中央关于加强党的政治建设的意见",
}


def _bundle(out: Path, name: str = "bundle", *options: str) -> Path:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": EPOCH}
    result = subprocess.run(
        [sys.executable, "-m", "dangjian", "bundle", "--out", str(out), "--name", name,
         *options], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return out / f"{name}.zip"


def _verify(bundle: Path, *options: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "dangjian", "verify", str(bundle), *options],
                          env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="session")
def bundle_zip(tmp_path_factory) -> Path:
    return _bundle(tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="session")
def keys(tmp_path_factory) -> KeyPair:
    return generate(tmp_path_factory.mktemp("keys"), "dangwei")


@pytest.fixture(scope="session")
def signed_zip(tmp_path_factory, keys) -> Path:
    return _bundle(tmp_path_factory.mktemp("signed"), "bundle", "--sign", str(keys.private))


@pytest.fixture(scope="session")
def unpacked(bundle_zip, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("usb")
    extract(bundle_zip, target)
    return target / "bundle"


def test_bundle_is_reproducible(bundle_zip, tmp_path):
    again = _bundle(tmp_path, "bundle")
    assert again.read_bytes() == bundle_zip.read_bytes()


def test_signed_bundle_is_reproducible_and_verifies(signed_zip, bundle_zip, keys, tmp_path):
    again = _bundle(tmp_path, "bundle", "--sign", str(keys.private))
    assert again.read_bytes() == signed_zip.read_bytes()
    with zipfile.ZipFile(signed_zip) as signed, zipfile.ZipFile(bundle_zip) as plain:
        assert set(signed.namelist()) - set(plain.namelist()) == {"bundle/MANIFEST.sig"}
        assert keys.fingerprint in signed.read("bundle/使用说明.txt").decode()
        assert signed.read("bundle/index.html") == plain.read("bundle/index.html")
    result = _verify(signed_zip, "--key", str(keys.public))
    assert result.returncode == 0, result.stdout
    assert f"签名有效：清单由公钥 {keys.fingerprint}" in result.stdout


def test_rehashed_manifest_of_a_real_bundle_is_refused(signed_zip, keys, tmp_path):
    """Change a page, put its new hash into MANIFEST.json, re-zip: only the key tells."""

    def attack(entries):
        page = entries["bundle/index.html"].replace(b"</body>", b"<p>forged</p></body>")
        document = json.loads(entries["bundle/MANIFEST.json"])
        document["files"]["index.html"] = hashlib.sha256(page).hexdigest()
        entries["bundle/index.html"] = page
        entries["bundle/MANIFEST.json"] = json.dumps(document, ensure_ascii=False).encode()
        return entries

    forged = _rezip(signed_zip, tmp_path / "forged.zip", attack)
    unchecked = _verify(forged)
    assert unchecked.returncode == 0 and "未核对签名者" in unchecked.stdout
    result = _verify(forged, "--key", str(keys.public))
    assert result.returncode == 1
    assert result.stdout.strip() == (
        f"核对失败：{forged}：签名与 MANIFEST.json 不符："
        f"清单在签名后被改动过，或签名已损坏（签名者 {keys.fingerprint}）")
    unsigned = _verify(_rezip(forged, tmp_path / "unsigned.zip",
                              lambda e: {k: v for k, v in e.items() if "MANIFEST.sig" not in k}),
                       "--key", str(keys.public))
    assert unsigned.returncode == 1 and "没有签名" in unsigned.stdout


def test_entries_are_sorted_with_fixed_times_and_modes(bundle_zip):
    with zipfile.ZipFile(bundle_zip) as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names) and all(n.startswith("bundle/") for n in names)
    assert {i.date_time for i in infos} == {(2023, 11, 14, 22, 13, 20)}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}


def test_bundle_has_file_urls_and_manifest(unpacked):
    assert (unpacked / "index.html").is_file()
    assert (unpacked / "regulations" / "zhibu-gongzuo-tiaoli.html").is_file()
    assert (unpacked / MANIFEST).is_file() and (unpacked / "使用说明.txt").is_file()
    assert not (unpacked / "search").exists()  # Material's lunr search is not shipped
    html = (unpacked / "regulations" / "index.html").read_text(encoding="utf-8")
    assert 'href="zhibu-gongzuo-tiaoli.html"' in html


def _rezip(source: Path, target: Path, change) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        entries = {i.filename: old.read(i) for i in old.infolist()}
        for name, data in change(entries).items():
            new.writestr(name, data)
    return target


def test_verify_passes_and_reports_tampering(bundle_zip, tmp_path):
    assert verify(bundle_zip).ok

    def tamper(entries):
        entries["bundle/index.html"] = entries["bundle/index.html"] + b"<!-- x -->"
        entries["bundle/extra.html"] = b"<p>added</p>"
        del entries["bundle/regulations/index.html"]
        return entries

    verdict = verify(_rezip(bundle_zip, tmp_path / "bad.zip", tamper))
    assert not verdict.ok
    assert verdict.modified == ["index.html"]
    assert verdict.extra == ["extra.html"]
    assert verdict.missing == ["regulations/index.html"]


def test_verify_cli_exit_codes(bundle_zip, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    ok = subprocess.run([sys.executable, "-m", "dangjian", "verify", str(bundle_zip)],
                        env=env, capture_output=True, text=True)
    assert ok.returncode == 0 and "核对通过" in ok.stdout
    bad = _rezip(bundle_zip, tmp_path / "bad.zip",
                 lambda e: {k: (v + b" " if k.endswith("404.html") else v) for k, v in e.items()})
    result = subprocess.run([sys.executable, "-m", "dangjian", "verify", str(bad)],
                            env=env, capture_output=True, text=True)
    assert result.returncode == 1 and "被改动：404.html" in result.stdout


def test_unsafe_names_are_refused(bundle_zip, tmp_path):
    assert not is_safe("../evil.html") and not is_safe("/etc/passwd")
    assert not is_safe("a/../../b") and not is_safe("C:/x") and not is_safe("a\\b")
    assert is_safe("bundle/regulations/a.html")
    evil = _rezip(bundle_zip, tmp_path / "evil.zip",
                  lambda e: {**e, "bundle/../../escaped.html": b"x"})
    verdict = verify(evil)
    assert not verdict.ok and verdict.unsafe == ["bundle/../../escaped.html"]
    with pytest.raises(ValueError):
        extract(evil, tmp_path / "out")
    assert not (tmp_path / "escaped.html").exists()


@pytest.mark.browser
def test_bundle_works_from_file_urls(browser, unpacked):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url)
            if not r.url.startswith(("file:", "data:")) else None)
    page.goto((unpacked / "index.html").as_uri())
    page.locator(".md-tabs__link", has_text="法规制度").click()
    assert page.url.endswith("regulations/index.html")
    page.locator("table.dj-index a", has_text="支部工作条例").click()
    assert page.locator("h1").inner_text().startswith("中国共产党支部工作条例")
    page.locator(".md-tabs__link", has_text="工作要点").click()
    page.locator("table.dj-index a").first.click()
    assert page.url.endswith("workplans/2020.html")

    page.locator(".dj-offline-trigger").click()
    misses = {}
    for query, expected in OFFLINE_QUERIES.items():
        page.fill(".dj-offline__input", query)
        page.wait_for_function(
            "q => document.querySelector('.dj-offline__status').textContent.includes('找到')"
            " || document.querySelector('.dj-offline__status').textContent.includes('没有')",
            arg=query)
        top = page.locator(".dj-offline__hit > a .dj-offline__title").all_inner_texts()[:3]
        if expected not in top:
            misses[query] = top
    assert misses == {}
    page.fill(".dj-offline__input", "完全不存在的词语组合")
    page.wait_for_function("document.querySelector('.dj-offline__status')"
                           ".textContent.includes('没有找到')")
    page.fill(".dj-offline__input", "越级请示报告")
    page.wait_for_selector(".dj-offline__sub")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "qingshi-baogao-tiaoli.html#" in page.url

    # Study progress is kept across reloads from file:// too.
    page.goto((unpacked / "tracks" / "zhibu-shuji-lvzhi.html").as_uri())
    page.locator("ol.dj-steps > li").nth(0).locator(".dj-step__title a").click()
    bar = page.locator(".dj-stepbar")
    bar.get_by_role("button", name="标记为已学").click()
    page.reload()
    expect(bar).to_contain_text("已学 1/")
    page.goto((unpacked / "tracks" / "index.html").as_uri())
    expect(page.locator('[data-dj-progress="zhibu-shuji-lvzhi"] .dj-track-progress__text')
           ).to_contain_text("已学 1/")
    context.close()
    assert outside == []


def test_bundle_size_is_reported(bundle_zip):
    assert bundle_zip.stat().st_size < 5 * 1024 * 1024


def teardown_module() -> None:
    shutil.rmtree(ROOT / ".dangjian" / "offline", ignore_errors=True)
