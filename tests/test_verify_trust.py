"""Bundles a branch can trust: signed manifests, and hostile archives refused in one line.

Small bundles are assembled in-process from a few pages, so these tests need no site
build; test_bundle.py covers real bundles.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import random
import stat
import struct
import subprocess
import sys
import warnings
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from dangjian.app.cli import main
from dangjian.offline import signing
from dangjian.offline.bundle import FORMAT, MANIFEST, assemble, write_zip
from dangjian.offline.verify import (
    CHUNK,
    ENTRY_ENV,
    TOTAL_ENV,
    Budget,
    Limits,
    Refused,
    extract,
    stream,
    verify,
)

from .conftest import ROOT

BUILT = dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)
PAGES = {
    "index.html": "<h1>首页</h1>".encode(),
    "regulations/index.html": "<h1>法规制度</h1>".encode(),
    "regulations/a.html": ("<p>第一条 内容</p>" * 200).encode(),
}
MiB = 1024 * 1024
GiB = 1024 * MiB


@pytest.fixture(scope="module")
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture(autouse=True)
def default_caps(monkeypatch):
    monkeypatch.delenv(ENTRY_ENV, raising=False)
    monkeypatch.delenv(TOTAL_ENV, raising=False)


def make_bundle(path: Path, key: Ed25519PrivateKey | None = None,
                pages: dict[str, bytes] = PAGES) -> Path:
    files = assemble(pages, Counter({"法规制度": 1}), None, BUILT, key)
    write_zip(path, "bundle", files, BUILT)
    return path


def entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def rezip(path: Path, files: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicates written on purpose
        with zipfile.ZipFile(path, "w", method) as archive:
            for name, data in files.items() if isinstance(files, dict) else files:
                archive.writestr(name, data)
    return path


def write_public(tmp_path: Path, key: Ed25519PrivateKey, name: str = "k") -> Path:
    from cryptography.hazmat.primitives import serialization

    path = tmp_path / f"{name}.pub"
    path.write_bytes(key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    return path


def run_verify(capsys, bundle: Path, *extra: str) -> tuple[int, list[str]]:
    code = main(["verify", str(bundle), *extra])
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert "内部错误" not in text and "Traceback" not in text
    return code, text.strip().splitlines()


def refused(capsys, bundle: Path, *extra: str) -> str:
    """The single line ``verify`` prints for a bundle refused as a whole."""
    code, lines = run_verify(capsys, bundle, *extra)
    assert code == 1, lines
    [line] = lines
    assert line.startswith(f"核对失败：{bundle}：")
    return line


def central(data: bytes, name: str) -> int:
    """Offset of ``name``'s central directory header."""
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        (length,) = struct.unpack_from("<H", data, at + 28)
        if data[at + 46:at + 46 + length] == name.encode():
            return at
        at = data.find(b"PK\x01\x02", at + 1)
    raise KeyError(name)


def patched(data: bytes, offset: int, fmt: str, value: int) -> bytes:
    changed = bytearray(data)
    struct.pack_into(fmt, changed, offset, value)
    return bytes(changed)


# --- keys -------------------------------------------------------------------------------

def test_keygen_writes_a_private_key_only_its_owner_reads(tmp_path, capsys):
    assert main(["keygen", "--out", str(tmp_path / "keys"), "--name", "dw"]) == 0
    out = capsys.readouterr().out
    private, public = tmp_path / "keys" / "dw.key", tmp_path / "keys" / "dw.pub"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    key = signing.load_private(private)
    assert signing.fingerprint(signing.load_public(public)) == signing.fingerprint(
        key.public_key())
    assert f"指纹：{signing.fingerprint(key.public_key())}" in out


def test_keygen_never_overwrites_without_force(tmp_path, capsys):
    assert main(["keygen", "--out", str(tmp_path), "--name", "k"]) == 0
    before = (tmp_path / "k.key").read_bytes()
    (tmp_path / "k.key").chmod(0o644)
    assert main(["keygen", "--out", str(tmp_path), "--name", "k"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("生成密钥失败：密钥已存在") and "--force" in err
    assert (tmp_path / "k.key").read_bytes() == before
    assert main(["keygen", "--out", str(tmp_path), "--name", "k", "--force"]) == 0
    assert (tmp_path / "k.key").read_bytes() != before
    assert stat.S_IMODE((tmp_path / "k.key").stat().st_mode) == 0o600


def test_keygen_refuses_when_only_the_public_key_exists(tmp_path, capsys):
    (tmp_path / "k.pub").write_text("old")
    assert main(["keygen", "--out", str(tmp_path), "--name", "k"]) == 1
    assert not (tmp_path / "k.key").exists() and (tmp_path / "k.pub").read_text() == "old"


@pytest.mark.parametrize("content", [b"", b"not a key", b"-----BEGIN PUBLIC KEY-----\nxx\n"])
def test_bad_key_files_are_reported_in_chinese(tmp_path, capsys, content):
    bundle = make_bundle(tmp_path / "b.zip")
    (tmp_path / "bad.pub").write_bytes(content)
    code, [line] = run_verify(capsys, bundle, "--key", str(tmp_path / "bad.pub"))
    assert code == 1 and line.startswith("核对失败：") and "公钥" in line
    code, [line] = run_verify(capsys, bundle, "--key", str(tmp_path / "missing.pub"))
    assert code == 1 and "无法读取密钥文件" in line


def test_bundle_with_a_bad_signing_key_fails_before_building(tmp_path, capsys):
    (tmp_path / "x.key").write_text("nonsense")
    code = main(["-f", str(tmp_path / "nowhere.yml"), "bundle", "--sign", str(tmp_path / "x.key")])
    assert code == 1 and "打包失败" in capsys.readouterr().err


# --- signatures -------------------------------------------------------------------------

def test_signed_bundle_verifies_with_its_key(tmp_path, key, capsys):
    bundle = make_bundle(tmp_path / "b.zip", key)
    verdict = verify(bundle, key.public_key())
    assert verdict.ok and verdict.signer == signing.fingerprint(key.public_key())
    code, lines = run_verify(capsys, bundle, "--key", str(write_public(tmp_path, key)))
    assert code == 0 and lines[-1].startswith("签名有效") and verdict.signer in lines[-1]


def test_signed_bundles_are_reproducible(tmp_path, key):
    first = make_bundle(tmp_path / "1.zip", key).read_bytes()
    assert make_bundle(tmp_path / "2.zip", key).read_bytes() == first
    usage = entries(tmp_path / "1.zip")["bundle/使用说明.txt"].decode()
    assert signing.fingerprint(key.public_key()) in usage and "--key" in usage


def test_unsigned_bundle_is_refused_with_a_key(tmp_path, key, capsys):
    bundle = make_bundle(tmp_path / "b.zip")
    assert "没有签名" in refused(capsys, bundle, "--key", str(write_public(tmp_path, key)))


def test_without_key_the_signer_is_said_to_be_unchecked(tmp_path, key, capsys):
    for name, signer in (("unsigned", None), ("signed", key)):
        code, lines = run_verify(capsys, make_bundle(tmp_path / f"{name}.zip", signer))
        assert code == 0 and lines[0].startswith("核对通过")
        assert lines[1].startswith("注意：未核对签名者") and "不能说明离线包是谁制作的" in lines[1]


def rehashed(source: Path, target: Path) -> Path:
    """The attack: change a page and put its new hash into the manifest."""
    files = entries(source)
    page = files["bundle/index.html"] + b"<script>steal()</script>"
    files["bundle/index.html"] = page
    document = json.loads(files[f"bundle/{MANIFEST}"])
    document["files"]["index.html"] = hashlib.sha256(page).hexdigest()
    files[f"bundle/{MANIFEST}"] = json.dumps(document, ensure_ascii=False, indent=1).encode()
    return rezip(target, files)


def test_manifest_rehashed_after_a_change_is_refused_with_the_key(tmp_path, key, capsys):
    bundle = make_bundle(tmp_path / "b.zip", key)
    attacked = rehashed(bundle, tmp_path / "attacked.zip")
    assert verify(attacked).ok  # the hashes alone cannot tell: that is why bundles are signed
    line = refused(capsys, attacked, "--key", str(write_public(tmp_path, key)))
    assert "签名与 MANIFEST.json 不符" in line


def test_bundle_resigned_by_someone_else_is_refused(tmp_path, key, capsys):
    other = Ed25519PrivateKey.generate()
    files = entries(rehashed(make_bundle(tmp_path / "b.zip", key), tmp_path / "r.zip"))
    files["bundle/MANIFEST.sig"] = signing.sign(files[f"bundle/{MANIFEST}"], other)
    forged = rezip(tmp_path / "forged.zip", files)
    assert verify(forged, other.public_key()).ok
    line = refused(capsys, forged, "--key", str(write_public(tmp_path, key)))
    assert "不是所给公钥" in line and signing.fingerprint(key.public_key()) in line


@pytest.mark.parametrize("damage", [
    lambda doc: {**doc, "signature": doc["signature"][:-4] + "AAA="},
    lambda doc: {**doc, "signature": "%%%"},
    lambda doc: {**doc, "signer": "evil\nline"},
    lambda doc: {**doc, "algorithm": "RSA"},
    lambda doc: {**doc, "format": "x"},
    lambda doc: [doc],
])
def test_damaged_signatures_are_refused(tmp_path, key, capsys, damage):
    files = entries(make_bundle(tmp_path / "b.zip", key))
    files["bundle/MANIFEST.sig"] = json.dumps(damage(json.loads(files["bundle/MANIFEST.sig"]))
                                              ).encode()
    line = refused(capsys, rezip(tmp_path / "d.zip", files), "--key",
                   str(write_public(tmp_path, key)))
    assert "evil" not in line


def test_signature_file_that_is_not_json_is_refused(tmp_path, key, capsys):
    files = entries(make_bundle(tmp_path / "b.zip", key))
    files["bundle/MANIFEST.sig"] = b"\xff\xfe garbage"
    line = refused(capsys, rezip(tmp_path / "d.zip", files), "--key",
                   str(write_public(tmp_path, key)))
    assert "MANIFEST.sig 不是有效的 JSON" in line


# --- hostile archives -------------------------------------------------------------------

def test_second_different_entry_with_the_same_name_is_refused(tmp_path, capsys):
    files = list(entries(make_bundle(tmp_path / "b.zip")).items())
    files.append(("bundle/index.html", b"<h1>another page</h1>"))
    assert "重名条目：bundle/index.html" in refused(capsys, rezip(tmp_path / "d.zip", files))


def test_entry_over_the_size_cap_is_refused_before_reading(tmp_path, capsys, monkeypatch):
    pages = {**PAGES, "big.bin": bytes(3 * MiB)}
    bundle = make_bundle(tmp_path / "b.zip", pages=pages)
    assert verify(bundle).ok
    monkeypatch.setenv(ENTRY_ENV, "2")
    assert "声明大小 3 MB，超过单个条目上限 2 MB" in refused(capsys, bundle)


def test_entries_over_the_total_cap_are_refused(tmp_path, capsys, monkeypatch):
    pages = {**PAGES, **{f"part{i}.bin": bytes(MiB) for i in range(3)}}
    bundle = make_bundle(tmp_path / "b.zip", pages=pages)
    monkeypatch.setenv(ENTRY_ENV, "2")
    monkeypatch.setenv(TOTAL_ENV, "2")
    assert "合计超过上限 2 MB" in refused(capsys, bundle)


def test_caps_from_the_environment_must_be_numbers(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv(ENTRY_ENV, "lots")
    assert f"环境变量 {ENTRY_ENV} 应为正整数" in refused(capsys, make_bundle(tmp_path / "b.zip"))


class _Lying:
    """An archive whose entry yields more bytes than its header declares."""

    def __init__(self, size: int) -> None:
        self.size = size

    def open(self, info):
        return io.BytesIO(bytes(self.size))


@pytest.mark.parametrize("declared, actual, message", [
    (10, 5 * CHUNK, "比声明的大小大"),
    (4 * MiB, 5 * CHUNK, "超过上限 4 MB"),
    (100, 50, "实际大小与声明不符"),
])
def test_bytes_are_counted_while_streaming(declared, actual, message):
    info = zipfile.ZipInfo("bundle/x.bin")
    info.file_size = declared
    chunks = []
    with pytest.raises(Refused, match=message):
        for chunk in stream(_Lying(actual), info, Budget(Limits(entry=4 * MiB))):
            chunks.append(len(chunk))
    assert max(chunks, default=0) <= CHUNK


def test_streamed_total_is_capped_across_entries():
    budget = Budget(Limits(entry=4 * MiB, total=5 * MiB))
    info = zipfile.ZipInfo("bundle/x.bin")
    info.file_size = 3 * MiB
    list(stream(_Lying(3 * MiB), info, budget))
    with pytest.raises(Refused, match="合计超过上限 5 MB"):
        list(stream(_Lying(3 * MiB), info, budget))


@pytest.mark.parametrize("size", [10, 4000])
def test_header_lying_about_a_size_is_refused(tmp_path, capsys, size):
    data = make_bundle(tmp_path / "b.zip").read_bytes()
    at = central(data, "bundle/regulations/a.html")
    (tmp_path / "d.zip").write_bytes(patched(data, at + 24, "<L", size))
    assert "压缩包已损坏：条目 bundle/regulations/a.html" in refused(capsys, tmp_path / "d.zip")


@pytest.mark.parametrize("damage", [
    lambda data: data[:len(data) // 2],
    lambda data: data[:-10],
    lambda data: random.Random(1).randbytes(4096),
    lambda data: b"",
    lambda data: b"PK\x05\x06" + bytes(18),
])
def test_truncated_or_garbage_archives_are_refused(tmp_path, capsys, damage):
    data = make_bundle(tmp_path / "b.zip").read_bytes()
    (tmp_path / "d.zip").write_bytes(damage(data))
    refused(capsys, tmp_path / "d.zip")


def test_bad_crc_is_refused(tmp_path, capsys):
    files = entries(make_bundle(tmp_path / "b.zip"))
    data = rezip(tmp_path / "stored.zip", files, zipfile.ZIP_STORED).read_bytes()
    page = files["bundle/regulations/a.html"]
    at = data.index(page) + 100
    (tmp_path / "d.zip").write_bytes(data[:at] + bytes([data[at] ^ 1]) + data[at + 1:])
    assert "Bad CRC-32" in refused(capsys, tmp_path / "d.zip")


@pytest.mark.parametrize("offset, fmt, value, message", [
    (8, "<H", 0x1, "已加密"),
    (10, "<H", 12, "压缩方式"),
])
def test_encrypted_or_odd_entries_are_refused(tmp_path, capsys, offset, fmt, value, message):
    data = make_bundle(tmp_path / "b.zip").read_bytes()
    at = central(data, "bundle/index.html")
    (tmp_path / "d.zip").write_bytes(patched(data, at + offset, fmt, value))
    assert message in refused(capsys, tmp_path / "d.zip")
    with pytest.raises(Refused, match=message):
        extract(tmp_path / "d.zip", tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_oversized_central_directory_is_refused_before_parsing(tmp_path, capsys):
    data = make_bundle(tmp_path / "b.zip").read_bytes()
    end = data.rindex(b"PK\x05\x06")
    (tmp_path / "d.zip").write_bytes(patched(data, end + 12, "<L", 5 * MiB))
    assert "目录有 5 MB，超过上限 4 MB" in refused(capsys, tmp_path / "d.zip")
    many = make_bundle(tmp_path / "many.zip",
                       pages={f"p{i:04}.html": b"x" for i in range(200)})
    assert "条目过多" in verify(many, limits=Limits(directory=4096)).problem


def test_zip64_records_are_refused(tmp_path, capsys):
    data = make_bundle(tmp_path / "b.zip").read_bytes()
    end = data.rindex(b"PK\x05\x06")
    locator = b"PK\x06\x07" + struct.pack("<LQL", 0, 0, 1)
    (tmp_path / "d.zip").write_bytes(data[:end] + locator + data[end:])
    assert "ZIP64" in refused(capsys, tmp_path / "d.zip")


@pytest.mark.parametrize("manifest, message", [
    (b"{not json", "不是有效的 JSON"),
    (b"\xff\xfe\x00", "不是有效的 JSON"),
    (b"[" * 200_000, "不是有效的 JSON"),
    (b" " * (9 * MiB), "MANIFEST.json 声明大小 9 MB，超过上限 8 MB"),
    (json.dumps({"format": "other/1", "files": {}}).encode(), f"格式标记不是 {FORMAT}"),
    (json.dumps(["format"]).encode(), f"格式标记不是 {FORMAT}"),
    (json.dumps({"format": FORMAT, "files": ["index.html"]}).encode(), "对照表"),
    (json.dumps({"format": FORMAT, "files": {"index.html": 1}}).encode(), "对照表"),
])
def test_broken_manifests_are_refused(tmp_path, capsys, manifest, message):
    files = entries(make_bundle(tmp_path / "b.zip"))
    files[f"bundle/{MANIFEST}"] = manifest
    assert message in refused(capsys, rezip(tmp_path / "d.zip", files))


def test_names_that_climb_out_are_still_refused(tmp_path, capsys):
    files = entries(make_bundle(tmp_path / "b.zip"))
    evil = rezip(tmp_path / "evil.zip", {**files, "/etc/evil": b"x", "bundle/../../x": b"y"})
    code, lines = run_verify(capsys, evil, "--extract", str(tmp_path / "out"))
    assert code == 1 and "不安全的路径：/etc/evil" in lines and lines[-1] == f"核对失败：{evil}"
    assert not (tmp_path / "out").exists()


def test_names_with_control_characters_print_on_one_line(tmp_path, capsys):
    files = list(entries(make_bundle(tmp_path / "b.zip")).items())
    files += [("bundle/a\nb.html", b"1"), ("bundle/a\nb.html", b"2")]
    assert "a\\x0ab.html" in refused(capsys, rezip(tmp_path / "d.zip", files))


def test_extract_streams_only_after_a_passing_verdict(tmp_path, key, capsys):
    bundle = make_bundle(tmp_path / "b.zip", key)
    code, lines = run_verify(capsys, rehashed(bundle, tmp_path / "r.zip"), "--key",
                             str(write_public(tmp_path, key)), "--extract", str(tmp_path / "bad"))
    assert code == 1 and not (tmp_path / "bad").exists()
    code, lines = run_verify(capsys, bundle, "--key", str(write_public(tmp_path, key)),
                             "--extract", str(tmp_path / "good"))
    assert code == 0 and lines[-1] == f"已解压 6 个文件到 {tmp_path / 'good'}"
    assert (tmp_path / "good" / "bundle" / "regulations" / "a.html").read_bytes() == \
        PAGES["regulations/a.html"]


def test_random_damage_never_escapes_as_an_exception(tmp_path, key):
    """Flip bytes anywhere: every outcome is a verdict, never an exception."""
    data = make_bundle(tmp_path / "b.zip", key).read_bytes()
    public = key.public_key()
    rng = random.Random(20261130)
    outcomes = Counter()
    for attempt in range(300):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        path = tmp_path / f"d{attempt % 5}.zip"
        path.write_bytes(bytes(damaged))
        verdict = verify(path, public)
        outcomes[verdict.ok] += 1
        if verdict.ok:  # only bytes nobody reads were hit (e.g. timestamps)
            assert entries(path)["bundle/index.html"] == PAGES["index.html"]
    assert outcomes[False] > 250


# --- bounded memory ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def gigabyte_zip(tmp_path_factory) -> Path:
    """A bundle with a 1 GiB entry of zeros, written in chunks; about 1 MB on disk."""
    path = tmp_path_factory.mktemp("huge") / "huge.zip"
    zeros, hasher = bytes(CHUNK), hashlib.sha256()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open("bundle/big.bin", "w") as entry:
            for _ in range(GiB // CHUNK):
                entry.write(zeros)
                hasher.update(zeros)
        document = {"format": FORMAT, "files": {"big.bin": hasher.hexdigest()}}
        archive.writestr(f"bundle/{MANIFEST}", json.dumps(document))
    assert path.stat().st_size < 8 * MiB
    return path


# Peak RSS is measured from a small launcher: Linux carries a process's high-water mark
# across fork and exec, so a child spawned from pytest itself would report pytest's peak.
_LAUNCHER = """
import os, subprocess, sys, time
start = time.monotonic()
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(f"{os.waitstatus_to_exitcode(status)} {usage.ru_maxrss} {time.monotonic() - start}")
"""


def measured(bundle: Path, tmp_path: Path, **env: str) -> tuple[int, str, float, float]:
    """Run ``python -m dangjian verify``; return its exit code, output, peak RSS in MB
    and wall time."""
    environ = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    report = tmp_path / "rusage.txt"
    result = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, str(report),
         sys.executable, "-m", "dangjian", "verify", str(bundle)],
        env=environ, capture_output=True, text=True, timeout=120)
    code, kib, elapsed = report.read_text().split()
    peak = int(kib) / 1024  # Linux reports KiB
    print(f"verify {bundle.name} {env}: exit {code}, peak RSS {peak:.1f} MB, "
          f"{float(elapsed):.1f} s")
    return int(code), result.stdout + result.stderr, peak, float(elapsed)


def test_gigabyte_entry_is_refused_by_its_declared_size(gigabyte_zip, tmp_path):
    code, text, peak, _ = measured(gigabyte_zip, tmp_path)
    assert code == 1
    assert text.strip() == (f"核对失败：{gigabyte_zip}：条目 bundle/big.bin 声明大小 1024 MB，"
                            "超过单个条目上限 100 MB")
    assert peak < 100


def test_gigabyte_entry_streams_in_bounded_memory(gigabyte_zip, tmp_path):
    """With the caps raised, all 1 GiB is inflated and hashed, in 1 MiB chunks."""
    raised = {ENTRY_ENV: "2048", TOTAL_ENV: "2048"}
    code, text, peak, elapsed = measured(gigabyte_zip, tmp_path, **raised)
    assert code == 0 and text.startswith("核对通过：1 个文件与清单一致。"), text
    assert peak < 100 and elapsed < 30


def test_gigabyte_entry_behind_a_lying_header_is_refused(gigabyte_zip, tmp_path):
    data = gigabyte_zip.read_bytes()
    at = central(data, "bundle/big.bin")
    (tmp_path / "lying.zip").write_bytes(patched(data, at + 24, "<L", 50 * MiB))
    code, text, peak, _ = measured(tmp_path / "lying.zip", tmp_path)
    assert code == 1 and "压缩包已损坏：条目 bundle/big.bin" in text and "\n" not in text.strip()
    assert peak < 100
