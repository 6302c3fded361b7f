"""``dangjian verify``: does a bundle hold exactly what its signed manifest lists?

A bundle may come from anyone, so the archive is treated as hostile until it has passed:
the size of its central directory is checked before ``zipfile`` parses it, every entry's
declared size is checked against the caps before anything is decompressed, and entries
are hashed in 1 MiB chunks while the bytes actually produced are counted, so a header
that lies about a size cannot make the check read more. Memory stays bounded whatever
the archive holds.

Nothing is extracted unless asked, and then only after the bundle verified and only
inside the target: names that are absolute or climb out with ``..`` are refused.
"""

from __future__ import annotations

import hashlib
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from dangjian.core import jsondoc
from dangjian.offline import signing
from dangjian.offline.bundle import FORMAT, MANIFEST

MiB = 1024 * 1024
CHUNK = MiB
ENTRY_ENV = "DANGJIAN_MAX_ENTRY_MB"
TOTAL_ENV = "DANGJIAN_MAX_TOTAL_MB"
_EOCD = b"PK\x05\x06"
_EOCD_SIZE = 22
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_LOCATOR_SIZE = 20
_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Limits:
    """Caps on what a bundle may make ``verify`` and ``extract`` read."""

    entry: int = 100 * MiB
    """Uncompressed size of one entry; the largest file of a site is a few MB."""
    total: int = 1024 * MiB
    """Uncompressed size of all entries together."""
    directory: int = 4 * MiB
    """Bytes of the zip's central directory (about 40,000 entries), which ``zipfile``
    holds in memory as one object per entry before anything else can be checked."""
    manifest: int = 8 * MiB
    signature: int = 64 * 1024

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Limits:
        """The default caps, or those set in MB by ``DANGJIAN_MAX_ENTRY_MB`` and
        ``DANGJIAN_MAX_TOTAL_MB`` for a site that really is larger."""
        sizes = {}
        for name, variable in (("entry", ENTRY_ENV), ("total", TOTAL_ENV)):
            value = environ.get(variable, "").strip()
            if not value:
                continue
            if not value.isdigit() or int(value) <= 0:
                raise Refused(f"环境变量 {variable} 应为正整数（单位 MB），现为 {value!r}")
            sizes[name] = int(value) * MiB
        return cls(**sizes)


class Refused(ValueError):
    """The archive is refused as a whole; the message is the one-line verdict."""


@dataclass
class Verdict:
    missing: list[str] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    unsafe: list[str] = field(default_factory=list)
    problem: str | None = None
    checked: int = 0
    signed: bool = False
    """The bundle carries a signature (checked only when a key was given)."""
    signer: str | None = None
    """The fingerprint of the key whose signature was checked and found valid."""

    @property
    def ok(self) -> bool:
        return not (self.missing or self.modified or self.extra or self.unsafe or self.problem)


def is_safe(name: str) -> bool:
    path = PurePosixPath(name)
    return not (name.startswith(("/", "\\")) or "\\" in name or ".." in path.parts
                or (len(name) > 1 and name[1] == ":") or not name.strip("/"))


def printable(text: str) -> str:
    """``text`` on one line: names inside an archive may hold newlines or escapes."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


def _mb(size: int) -> str:
    return f"{size / MiB:.1f} MB" if size % MiB else f"{size // MiB} MB"


def _check_directory(bundle: Path, limits: Limits) -> None:
    """Refuse a central directory too large to parse safely, before ``zipfile`` does."""
    try:
        with bundle.open("rb") as handle:
            size = handle.seek(0, os.SEEK_END)
            start = max(size - (_EOCD_SIZE + 0xFFFF), 0)  # the end record and its comment
            handle.seek(start)
            tail = handle.read()
            at = tail.rfind(_EOCD)
            if at < 0 or len(tail) - at < _EOCD_SIZE:
                raise Refused("压缩包已损坏或不是 zip 文件（找不到目录结尾）")
            position = start + at
            if position >= _ZIP64_LOCATOR_SIZE:
                handle.seek(position - _ZIP64_LOCATOR_SIZE)
                if handle.read(4) == _ZIP64_LOCATOR:
                    # A ZIP64 record may declare any directory size; a bundle never needs one.
                    raise Refused("压缩包使用 ZIP64 格式：离线包不会这样生成，拒绝核对")
    except FileNotFoundError as exc:
        raise Refused(f"找不到文件：{printable(str(bundle))}") from exc
    except IsADirectoryError as exc:
        raise Refused(f"{printable(str(bundle))} 是目录，不是 zip 文件") from exc
    except OSError as exc:
        raise Refused(f"无法读取压缩包：{exc.strerror or exc}") from exc
    (directory,) = struct.unpack_from("<L", tail, at + 12)
    if directory > limits.directory:
        raise Refused(f"压缩包的目录有 {_mb(directory)}，超过上限 {_mb(limits.directory)}"
                      "（条目过多）")


def _open(bundle: Path, limits: Limits) -> zipfile.ZipFile:
    """Open ``bundle`` and refuse it unless every entry is one that may be read."""
    _check_directory(bundle, limits)
    try:
        archive = zipfile.ZipFile(bundle)
    except (OSError, EOFError, zipfile.BadZipFile, ValueError, struct.error,
            NotImplementedError) as exc:
        raise Refused(f"压缩包已损坏或不是 zip 文件（{printable(str(exc))}）") from exc
    try:
        _check_entries(archive, limits)
    except Refused:
        archive.close()
        raise
    return archive


def _check_entries(archive: zipfile.ZipFile, limits: Limits) -> None:
    seen: set[str] = set()
    declared = 0
    for info in archive.infolist():
        name = printable(info.filename)
        if info.filename in seen:
            # zipfile would read the last of them; an unzip tool may show the first.
            raise Refused(f"压缩包中有重名条目：{name}")
        seen.add(info.filename)
        if info.flag_bits & 0x1:
            raise Refused(f"条目 {name} 已加密：离线包从不加密，拒绝核对")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise Refused(f"条目 {name} 使用了离线包不用的压缩方式（{info.compress_type}）")
        if info.file_size > limits.entry:
            raise Refused(f"条目 {name} 声明大小 {_mb(info.file_size)}，"
                          f"超过单个条目上限 {_mb(limits.entry)}")
        declared += info.file_size
        if declared > limits.total:
            raise Refused(f"各条目声明大小合计超过上限 {_mb(limits.total)}")


@dataclass
class Budget:
    """Bytes actually decompressed so far, against the caps."""

    limits: Limits
    total: int = 0


def stream(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: Budget,
           cap: int | None = None) -> Iterator[bytes]:
    """The entry's bytes in chunks of at most 1 MiB, counted while they are produced."""
    name = printable(info.filename)
    cap = budget.limits.entry if cap is None else cap
    count = 0
    try:
        with archive.open(info) as entry:
            while chunk := entry.read(CHUNK):
                count += len(chunk)
                budget.total += len(chunk)
                if count > cap:
                    raise Refused(f"条目 {name} 解压后超过上限 {_mb(cap)}")
                if count > info.file_size:
                    raise Refused(f"条目 {name} 解压后比声明的大小大：压缩包被篡改")
                if budget.total > budget.limits.total:
                    raise Refused(f"解压后合计超过上限 {_mb(budget.limits.total)}")
                yield chunk
    except Refused:
        raise
    except (OSError, EOFError, zipfile.BadZipFile, zlib.error, ValueError, struct.error,
            NotImplementedError, RuntimeError) as exc:
        raise Refused(f"压缩包已损坏：条目 {name} 无法读取（{printable(str(exc))}）") from exc
    if count != info.file_size:
        raise Refused(f"压缩包已损坏：条目 {name} 的实际大小与声明不符")


def _read_small(archive: zipfile.ZipFile, name: str, cap: int, budget: Budget) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > cap:
        raise Refused(f"{printable(name)} 声明大小 {_mb(info.file_size)}，超过上限 {_mb(cap)}")
    return b"".join(stream(archive, info, budget, cap))


def _digest(archive: zipfile.ZipFile, name: str, budget: Budget) -> str:
    hasher = hashlib.sha256()
    for chunk in stream(archive, archive.getinfo(name), budget):
        hasher.update(chunk)
    return hasher.hexdigest()


def _listed_files(data: bytes) -> dict[str, str]:
    try:
        document = jsondoc.load(data, FORMAT, MANIFEST)
    except jsondoc.FormatError as exc:
        raise Refused(str(exc)) from exc
    files = document.get("files")
    if not isinstance(files, dict) or not all(
            isinstance(digest, str) and _SHA256.fullmatch(digest) for digest in files.values()):
        raise Refused(f"{MANIFEST} 的 files 应是“文件名: SHA-256”的对照表")
    return files


def verify(bundle: Path, key: Ed25519PublicKey | None = None,
           limits: Limits | None = None) -> Verdict:
    """Check ``bundle`` against its manifest and, given ``key``, the manifest's signature."""
    verdict = Verdict()
    try:
        limits = limits or Limits.from_env()
        with _open(bundle, limits) as archive:
            _check(archive, key, limits, verdict)
    except Refused as exc:
        verdict.problem = str(exc)
    return verdict


def _check(archive: zipfile.ZipFile, key: Ed25519PublicKey | None, limits: Limits,
           verdict: Verdict) -> None:
    budget = Budget(limits)
    names = [info.filename for info in archive.infolist() if not info.is_dir()]
    verdict.unsafe = sorted(name for name in names if not is_safe(name))
    manifests = [name for name in names if name.split("/")[-1] == MANIFEST
                 and name.count("/") <= 1]
    if len(manifests) != 1:
        raise Refused(f"压缩包中应有且只有一个 {MANIFEST}")
    prefix = manifests[0].removesuffix(MANIFEST)
    manifest = _read_small(archive, manifests[0], limits.manifest, budget)
    listed = _listed_files(manifest)
    signature_name = prefix + signing.SIGNATURE
    verdict.signed = signature_name in names
    if key is not None:
        if not verdict.signed:
            raise Refused(f"离线包没有签名（缺少 {signing.SIGNATURE}），无法证明是谁制作的")
        signature = _read_small(archive, signature_name, limits.signature, budget)
        try:
            verdict.signer = signing.check(manifest, signature, key)
        except signing.SigningError as exc:
            raise Refused(str(exc)) from exc
    own = {manifests[0], signature_name}
    present = {name.removeprefix(prefix): name for name in names
               if name.startswith(prefix) and name not in own}
    verdict.extra = sorted(name for name in names
                           if name not in own and not name.startswith(prefix))
    for relative, digest in sorted(listed.items()):
        stored = present.pop(relative, None)
        if stored is None:
            verdict.missing.append(relative)
            continue
        verdict.checked += 1
        if _digest(archive, stored, budget) != digest:
            verdict.modified.append(relative)
    verdict.extra += sorted(present)


def read_member(bundle: Path, name: str, cap: int,
                limits: Limits | None = None) -> bytes | None:
    """The bytes of ``name`` in the bundle's folder (beside its manifest), read within the
    caps, or None where the bundle has no such file. Nothing else is checked."""
    limits = limits or Limits.from_env()
    with _open(bundle, limits) as archive:
        names = [info.filename for info in archive.infolist() if not info.is_dir()]
        manifests = [name for name in names if name.split("/")[-1] == MANIFEST
                     and name.count("/") <= 1]
        if len(manifests) != 1:
            raise Refused(f"压缩包中应有且只有一个 {MANIFEST}：不是 dangjian 离线包")
        wanted = manifests[0].removesuffix(MANIFEST) + name
        if wanted not in names:
            return None
        return _read_small(archive, wanted, cap, Budget(limits))


def extract(bundle: Path, target: Path, limits: Limits | None = None) -> int:
    """Extract a verified bundle into ``target``, streaming; never writes outside it."""
    limits = limits or Limits.from_env()
    root = target.resolve()
    count = 0
    with _open(bundle, limits) as archive:
        budget = Budget(limits)
        for info in archive.infolist():
            if info.is_dir():
                continue
            destination = (root / info.filename).resolve()
            if not is_safe(info.filename) or not destination.is_relative_to(root):
                raise Refused(f"拒绝解压到目标目录之外：{printable(info.filename)}")
            destination.parent.mkdir(parents=True, exist_ok=True)
            with destination.open("wb") as out:
                for chunk in stream(archive, info, budget):
                    out.write(chunk)
            count += 1
    return count
