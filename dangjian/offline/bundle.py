"""The offline bundle: one zip of the ``file://`` build, with a manifest to verify.

The zip is reproducible: entries are sorted, and every timestamp and permission is
fixed (timestamps from ``SOURCE_DATE_EPOCH`` when set), so the same sources give the
same bytes. A bundle made with a signing key also carries ``MANIFEST.sig``, a detached
Ed25519 signature of the manifest (see ``signing``); it is deterministic too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import tempfile
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from dangjian.core import jsondoc, ui
from dangjian.core.diagnostics import ContentError, Diagnostic
from dangjian.offline import signing
from dangjian.pages import change_list
from dangjian.safety import firewall

if TYPE_CHECKING:
    from dangjian.pipeline.release import Release

MANIFEST = "MANIFEST.json"
FORMAT = "dangjian-bundle/1"
README = "使用说明.txt"
_README_TEXT = """党建知识站离线包
{edition}
1. 把整个压缩包解压到任意文件夹（U 盘、桌面均可）。
2. 打开文件夹，双击 index.html，用浏览器浏览；无需联网，搜索也可使用。
3. 核对完整性：在装有 dangjian 的电脑上运行
       dangjian verify 本压缩包.zip{key}
   MANIFEST.json 中列出了每个文件的 SHA-256 校验值。
{signer}"""
_SIGNED = """   MANIFEST.sig 是制作者对清单的签名，签名者公钥指纹：
       {fingerprint}
   请核对它与党委下发的公钥指纹一致；只有加 --key 才会核对签名。
"""
_UNSIGNED = "   本离线包没有签名，无法核对是谁制作的。\n"
_FIXED_EPOCH = 315532800  # 1980-01-01, the earliest time a zip entry can carry


@dataclass(frozen=True)
class BundleInfo:
    path: Path
    files: int
    size: int


def build_time() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def source_commit(root: Path) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"],
                                capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() or None if result.returncode == 0 else None


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest(files: dict[str, bytes], counts: Counter, commit: str | None,
             built: dt.datetime) -> bytes:
    return jsondoc.dump(FORMAT, {
        "built": built.isoformat().replace("+00:00", "Z"),
        "source_commit": commit,
        "documents": dict(sorted(counts.items())),
        "files": {name: sha256(data) for name, data in sorted(files.items())},
    })


def usage_text(signer: str | None, edition: str = "") -> str:
    """``edition``: the lines on the bundle's 版本号, date and changes (``edition_text``)."""
    if signer is None:
        return _README_TEXT.format(key="", signer=_UNSIGNED, edition=edition)
    return _README_TEXT.format(key=" --key 公钥文件.pub", edition=edition,
                               signer=_SIGNED.format(fingerprint=signer))


def edition_text(release: Release) -> str:
    """版本号, date and the change list since the bundle before, for 使用说明.txt."""
    edition = release.updates.edition
    if edition is None:
        return ""
    lines = ["", f"{ui.text('changes.version')}：{edition.version}",
             f"{ui.text('card.date')}：{edition.date}"]
    if edition.since:
        lines.append(ui.text("changes.since", version=edition.since) + "：")
    else:
        lines.append(ui.text("changes.since_unknown") + "：")
    if edition.changes is None:
        lines.append("  " + ui.text("changes.not_listed"))
    else:
        lines += ["  " + line for line in change_list.text_lines(edition.changes)]
    lines.append(f"（各次更新见离线包中的“{ui.text('changes.title')}”页面；"
                 "两个离线包之间的变化可用 dangjian changes 旧.zip 新.zip 列出。）")
    return "\n".join(lines) + "\n"


def assemble(files: dict[str, bytes], counts: Counter, commit: str | None,
             built: dt.datetime, key: Ed25519PrivateKey | None = None,
             edition: str = "") -> dict[str, bytes]:
    """The bundle's files: the site, the usage text, the manifest and its signature."""
    signer = signing.fingerprint(key.public_key()) if key else None
    files = {**files, README: usage_text(signer, edition).encode("utf-8")}
    files[MANIFEST] = manifest(files, counts, commit, built)
    if key:
        files[signing.SIGNATURE] = signing.sign(files[MANIFEST], key)
    return files


def check_added(files: dict[str, bytes]) -> None:
    """The files the bundle adds to the checked site (usage text, manifest, signature) go
    through the same output firewall; the manifest also names every file of the site."""
    found = [finding for name in (README, MANIFEST, signing.SIGNATURE) if name in files
             for finding in firewall.check_file(name, files[name])]
    if found:
        raise ContentError([Diagnostic(f.path, f.line or 0, "发布检查", f.message)
                            for f in found])


def write_zip(target: Path, folder: str, files: dict[str, bytes], built: dt.datetime) -> None:
    stamp = max(int(built.timestamp()), _FIXED_EPOCH)
    date_time = dt.datetime.fromtimestamp(stamp, dt.UTC).timetuple()[:6]
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            archive.writestr(info, files[name], compresslevel=9)
    partial.replace(target)


def read_site(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in sorted(site.rglob("*")) if path.is_file()}


def bundle(config_file: Path, out_dir: Path, name: str | None, say,
           audience: str | None = None, sign: Path | None = None,
           pdf: bool = False, version: str | None = None,
           since: Path | None = None) -> BundleInfo:
    """``version``: its 版本号 (default: the recorded release it holds, or the date's
    next); ``since``: the bundle before, whose changes to list (default: those of the
    recorded release it holds)."""
    from dangjian.app.build import build
    from dangjian.pipeline.release import Request

    key = signing.load_private(sign) if sign else None  # fail before the build, not after
    built = build_time()
    with tempfile.TemporaryDirectory(prefix="dangjian-bundle-") as temp:
        report = build(config_file, Path(temp) / "site", say=say, offline=True,
                       audience=audience, pdf=pdf,
                       release=Request(version=version, since=since, bundle=True))
        assert report.site_dir is not None and report.release is not None
        files = read_site(report.site_dir)
    root = config_file.resolve().parent
    files = assemble(files, report.documents, source_commit(root), built, key,
                     edition_text(report.release))
    check_added(files)
    default = f"dangjian-{built:%Y%m%d}" + (f"-{audience}" if audience else "")
    stem = (name or default).removesuffix(".zip")
    target = (out_dir if out_dir.is_absolute() else root / out_dir) / f"{stem}.zip"
    write_zip(target, stem, files, built)
    return BundleInfo(target, len(files), target.stat().st_size)
