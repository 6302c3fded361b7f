"""``dangjian wheelhouse DIR``: everything an intranet machine with no network needs to
install dangjian and build with full search.

DIR receives the product's own wheel, every dependency as a wheel for the stated Python
version and platform (``pip download``), Pagefind's binary for that platform (fetched from
the npm registry, or this machine's cached copy) and ``install.sh`` / ``install.cmd``,
which install with ``pip --no-index`` from DIR alone and put the binary where
``pagefind_binary.installed_path`` looks for it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dangjian.search import pagefind_binary

PROJECT = Path(__file__).resolve().parent.parent.parent
"""The source tree this module runs from (with pyproject.toml when it is a checkout)."""

# Platform tag prefix → (system, machine) of Pagefind's npm packages.
_PLATFORMS = {
    "manylinux": ("linux", None), "musllinux": ("linux", None), "linux": ("linux", None),
    "macosx": ("darwin", None), "win": ("windows", None),
}


class WheelhouseError(Exception):
    """The wheelhouse could not be made; the message says why, in Chinese."""


@dataclass(frozen=True)
class Made:
    out: Path
    wheels: int
    pagefind: str
    """The version of the binary in ``out/pagefind/``."""


def wheelhouse(out: Path, python_version: str | None, platforms: list[str],
               say: Callable[[str], None] = lambda _: None) -> Made:
    out = out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    if not (PROJECT / "pyproject.toml").is_file():
        raise WheelhouseError("请在 dangjian 的源码目录中运行（需要 pyproject.toml 来制作"
                              "本程序的 wheel）")
    say("制作 dangjian 的 wheel…")
    own = _own_wheel(out)
    say("下载依赖的 wheel（pip download）…")
    target = ["--only-binary=:all:"]
    if python_version:
        target += ["--python-version", python_version]
    for tag in platforms:
        target += ["--platform", tag]
    _pip(["download", "--dest", str(out), *target, str(own)], "下载依赖")
    say("取得 Pagefind 程序…")
    binary = _pagefind(out / "pagefind", platforms)
    _scripts(out, binary)
    return Made(out, sum(1 for _ in out.glob("*.whl")), pagefind_binary.VERSION)


def _own_wheel(out: Path) -> Path:
    """Built from a copy of the package's sources, so that the build leaves nothing in
    the source tree."""
    with tempfile.TemporaryDirectory() as temporary:
        source = Path(temporary) / "dangjian"
        source.mkdir()
        for name in ("pyproject.toml", "README.md"):
            shutil.copy2(PROJECT / name, source / name)
        shutil.copytree(PROJECT / "dangjian", source / "dangjian",
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        _pip(["wheel", "--no-deps", "--wheel-dir", str(out), str(source)],
             "制作 dangjian 的 wheel")
    return sorted(out.glob("dangjian-*.whl"))[-1]


def _pip(arguments: list[str], what: str) -> None:
    run = subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check",
                          *arguments], capture_output=True, text=True)
    if run.returncode != 0:
        detail = (run.stderr or run.stdout).strip().splitlines()[-3:]
        raise WheelhouseError(f"{what}失败：" + " / ".join(detail))


def _npm_platform(platforms: list[str]) -> tuple[str, str]:
    """(system, machine) of the target: this machine's, or read from the first tag."""
    here = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    tag = (platforms or [here])[0].lower()
    machine = "aarch64" if ("aarch64" in tag or "arm64" in tag) else "x86_64"
    for prefix, (system, _) in _PLATFORMS.items():
        if tag.startswith(prefix):
            return system, machine
    raise WheelhouseError(f"无法从平台标签 {tag} 判断 Pagefind 的平台")


def _pagefind(folder: Path, platforms: list[str]) -> Path:
    system, machine = _npm_platform(platforms)
    try:
        name = pagefind_binary.package_name((system, machine))
    except pagefind_binary.FetchError as exc:
        raise WheelhouseError(str(exc)) from None
    binary = folder / (pagefind_binary.BINARY + (".exe" if system == "windows" else ""))
    if (system, machine) == _npm_platform([]):
        # This machine's own: an installed or cached copy is the same verified binary.
        for known in (pagefind_binary.installed_path(), pagefind_binary.cached_path()):
            if known.is_file() and pagefind_binary.version_of(known) == pagefind_binary.VERSION:
                folder.mkdir(parents=True, exist_ok=True)
                shutil.copy2(known, binary)
                return binary
    try:
        pagefind_binary.fetch(binary, name=name,
                              check_version=(system, machine) == _npm_platform([]))
    except pagefind_binary.FetchError as exc:
        raise WheelhouseError(f"取得 Pagefind {pagefind_binary.VERSION} 失败：{exc}") from None
    return binary


def _scripts(out: Path, binary: Path) -> None:
    where = f"share/dangjian/pagefind-{pagefind_binary.VERSION}"
    (out / "install.sh").write_text(
        "#!/bin/sh\n"
        "# 离线安装 dangjian：只从本文件夹安装，不联网。用法：sh install.sh\n"
        "# 装到指定的 Python（如虚拟环境）：PYTHON=~/venv/bin/python sh install.sh\n"
        "set -e\n"
        'here=$(cd "$(dirname "$0")" && pwd)\n'
        'python=${PYTHON:-python3}\n'
        '"$python" -m pip install --no-index --find-links "$here" dangjian\n'
        'prefix=$("$python" -c "import sys; print(sys.prefix)")\n'
        f'mkdir -p "$prefix/{where}"\n'
        f'cp "$here/pagefind/{binary.name}" "$prefix/{where}/"\n'
        f'chmod 755 "$prefix/{where}/{binary.name}"\n'
        'echo "安装完成：$("$python" -m dangjian --help >/dev/null && echo dangjian 可用)"\n',
        encoding="utf-8")
    windows_where = where.replace("/", "\\")
    (out / "install.cmd").write_text(
        "@echo off\r\n"
        "rem 离线安装 dangjian：只从本文件夹安装，不联网。\r\n"
        "if \"%PYTHON%\"==\"\" set PYTHON=python\r\n"
        "%PYTHON% -m pip install --no-index --find-links \"%~dp0.\" dangjian || exit /b 1\r\n"
        "for /f \"delims=\" %%p in ('%PYTHON% -c \"import sys; print(sys.prefix)\"') "
        "do set PREFIX=%%p\r\n"
        f"mkdir \"%PREFIX%\\{windows_where}\" 2>nul\r\n"
        f"copy /y \"%~dp0pagefind\\{binary.name}\" \"%PREFIX%\\{windows_where}\\\" >nul\r\n",
        encoding="utf-8")
