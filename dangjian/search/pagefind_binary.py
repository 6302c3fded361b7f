"""The Pagefind binary that indexes the built site: fetched once by package name, verified,
cached.

Pagefind 1.6.0's extended build segments Chinese with the same rules as the browser's
``Intl.Segmenter``, so that a query such as 两个维护 is split the same way at build time and
in the browser; 1.5.2, the newest on PyPI, does not (measured in ``bench/search_quality.py``).
1.6.0 is published only as an npm package, which carries the binary alone. It is fetched
from the npm registry by name over HTTPS with the standard library (no node needed), its
tarball checked against the registry's ``dist.integrity`` (sha512), and only the binary
is extracted into the user's cache. Where the registry cannot be reached, the build falls
back to PyPI's ``pagefind_bin_extended`` (a declared dependency) and says what is lost.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import platform
import subprocess
import sys
import tarfile
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

VERSION = "1.6.0"
BINARY = "pagefind_extended"
DEFAULT_REGISTRY = "https://registry.npmjs.org/"
OVERRIDE_ENV = "PAGEFIND_BINARY_PATH"
"""The variable Pagefind's own Python API reads; set, it names the binary to run."""
TIMEOUT = 20.0

# (system, machine) → the npm package that carries that platform's binary.
PACKAGES = {
    ("linux", "x86_64"): "@pagefind/linux-x64",
    ("linux", "amd64"): "@pagefind/linux-x64",
    ("linux", "aarch64"): "@pagefind/linux-arm64",
    ("linux", "arm64"): "@pagefind/linux-arm64",
    ("darwin", "x86_64"): "@pagefind/darwin-x64",
    ("darwin", "arm64"): "@pagefind/darwin-arm64",
    ("windows", "amd64"): "@pagefind/windows-x64",
    ("windows", "x86_64"): "@pagefind/windows-x64",
}

LOST_WITH_FALLBACK = (
    "它的中文分词与浏览器不一致，“两个维护”“四风”等按词搜索会漏掉结果或返回空，"
    "标题和简称也不再额外加权"
)


class BinaryError(Exception):
    """No Pagefind binary could be found or fetched; the message says why, in Chinese."""


@dataclass(frozen=True)
class Binary:
    path: Path
    version: str
    origin: str
    """Where it came from, for the build summary."""
    warning: str | None = None
    """Set when the build runs with less than the chosen version."""


def locate(cache_root: Path | None = None, registry: str | None = None) -> Binary:
    """The binary to index with: an explicit override, the cached 1.6.0, a fresh fetch of
    1.6.0, or PyPI's 1.5.2 with a warning, in that order."""
    override = os.environ.get(OVERRIDE_ENV)
    if override:
        path = Path(override)
        if not path.is_file():
            raise BinaryError(f"环境变量 {OVERRIDE_ENV} 指向的 {path} 不存在")
        version = version_of(path)
        return Binary(path, version, f"{OVERRIDE_ENV}", None if version == VERSION else
                      f"{OVERRIDE_ENV} 指定的 Pagefind 是 {version}，不是 {VERSION}")
    installed = installed_path()
    if installed.is_file():
        return Binary(installed, VERSION, f"离线安装 {installed}")
    target = cached_path(cache_root)
    if target.is_file():
        return Binary(target, VERSION, f"缓存 {target}")
    key = (str(target), registry_url(registry))
    if key in _failed_fetch:
        # Once per process: a preview's rebuilds do not wait on the network each time.
        return _fallback(_failed_fetch[key])
    try:
        fetch(target, registry)
    except FetchError as exc:
        _failed_fetch[key] = str(exc)
        return _fallback(str(exc))
    return Binary(target, VERSION, f"npm 包 {package_name()}，已缓存到 {target}")


_failed_fetch: dict[tuple[str, str], str] = {}
"""Why this process could not fetch the binary into a target from a registry."""


def installed_path(prefix: Path | None = None) -> Path:
    """Where an offline installation puts the binary: beside the environment that runs
    dangjian (``share/dangjian/`` of its prefix), so that no download is needed."""
    suffix = ".exe" if platform.system().lower() == "windows" else ""
    base = prefix if prefix is not None else Path(sys.prefix)
    return base / "share" / "dangjian" / f"pagefind-{VERSION}" / f"{BINARY}{suffix}"


def cache_dir(cache_root: Path | None = None) -> Path:
    if cache_root is None:
        explicit = os.environ.get("DANGJIAN_CACHE_DIR")
        xdg = os.environ.get("XDG_CACHE_HOME")
        cache_root = Path(explicit) if explicit else \
            (Path(xdg) if xdg else Path.home() / ".cache") / "dangjian"
    return cache_root / f"pagefind-{VERSION}"


def cached_path(cache_root: Path | None = None) -> Path:
    suffix = ".exe" if platform.system().lower() == "windows" else ""
    return cache_dir(cache_root) / f"{BINARY}{suffix}"


def package_name(key: tuple[str, str] | None = None) -> str:
    """The npm package for ``(system, machine)``, by default this machine's."""
    key = key or (platform.system().lower(), platform.machine().lower())
    if key not in PACKAGES:
        raise FetchError(f"Pagefind 没有为 {key[0]}/{key[1]} 发布 npm 包")
    return PACKAGES[key]


def version_of(path: Path) -> str:
    try:
        out = subprocess.run([str(path), "--version"], capture_output=True, text=True,
                             timeout=30, check=True).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        raise BinaryError(f"无法运行 {path}：{exc}") from None
    return out.strip().rpartition(" ")[2]


def registry_url(registry: str | None = None) -> str:
    """The registry npm itself would use, so that a mirror configured for npm serves here."""
    return registry or os.environ.get("npm_config_registry") \
        or os.environ.get("NPM_CONFIG_REGISTRY") or DEFAULT_REGISTRY  # noqa: SIM112


class FetchError(Exception):
    """The chosen version could not be fetched or did not verify."""


def fetch(target: Path, registry: str | None = None, name: str | None = None,
          check_version: bool = True) -> None:
    """Fetch the platform's package (or ``name``) at ``VERSION``, verify it, write its
    binary to ``target``; ``check_version`` runs it, which only this platform's can."""
    name = name or package_name()
    url = registry_url(registry).rstrip("/") + "/" + urllib.parse.quote(name, safe="@")
    document = json.loads(_get(url, "application/vnd.npm.install-v1+json"))
    try:
        dist = document["versions"][VERSION]["dist"]
        tarball, integrity = dist["tarball"], dist["integrity"]
    except (KeyError, TypeError):
        raise FetchError(f"npm 仓库里没有 {name} {VERSION}") from None
    data = _get(tarball, "application/octet-stream")
    verify(data, integrity)
    binary = _member(data, f"package/bin/{target.name}")
    _install(binary, target)
    if check_version and version_of(target) != VERSION:
        target.unlink()
        raise FetchError(f"{name} 里的程序不是 {VERSION}")


def verify(data: bytes, integrity: str) -> None:
    """Check ``data`` against a Subresource Integrity string such as ``sha512-…``."""
    for entry in integrity.split():
        algorithm, _, expected = entry.partition("-")
        if algorithm in ("sha512", "sha384", "sha256"):
            digest = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
            if digest == expected:
                return
            raise FetchError(f"完整性校验失败：下载内容的 {algorithm} 与 npm 仓库登记的不符")
    raise FetchError(f"npm 仓库没有给出可用的完整性校验值（{integrity}）")


def _get(url: str, accept: str) -> bytes:
    scheme = urllib.parse.urlsplit(url).scheme
    if scheme not in ("https", "http"):
        raise FetchError(f"不支持的地址 {url}")
    request = urllib.request.Request(url, headers={"Accept": accept,
                                                   "User-Agent": "dangjian"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            return response.read()
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url} 返回 {exc.code}") from None
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchError(f"无法连接 npm 仓库（{reason}）") from None


def _member(data: bytes, name: str) -> bytes:
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
            member = archive.getmember(name)
            handle = archive.extractfile(member) if member.isfile() else None
            if handle is None:
                raise KeyError(name)
            return handle.read()
    except (tarfile.TarError, KeyError, OSError):
        raise FetchError(f"npm 包里没有 {name}") from None


def _install(binary: bytes, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    # Written beside the target and renamed, so that a concurrent build never runs a
    # half-written file.
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(binary)
        os.chmod(temporary, 0o755)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def pypi_binary() -> Binary:
    """The extended binary of PyPI's ``pagefind_bin_extended``, as it is."""
    try:
        import pagefind_bin_extended
    except ImportError:
        raise BinaryError("没有安装 PyPI 的 pagefind_bin_extended") from None
    path = Path(pagefind_bin_extended.get_executable())
    version = version_of(path)
    return Binary(path, version, f"PyPI 包 pagefind_bin_extended {version}")


def _fallback(reason: str) -> Binary:
    try:
        binary = pypi_binary()
    except BinaryError as exc:
        raise BinaryError(f"无法取得 Pagefind {VERSION}（{reason}），{exc}") from None
    if binary.version == VERSION:
        return binary
    warning = (f"无法取得 Pagefind {VERSION} 扩展版（{reason}），改用 PyPI 的 "
               f"{binary.version} 扩展版：{LOST_WITH_FALLBACK}。联网后重新构建会自动下载 "
               f"{VERSION}；也可用 {OVERRIDE_ENV} 指定程序。")
    return Binary(binary.path, binary.version, binary.origin, warning)
