"""``dangjian init [DIR]``: a working site in an empty folder.

The starter holds only what a site owns — its configuration, content and data, and the
使用帮助 pages, which it may delete. Templates and scripts stay in the package, so that
nothing in a site must be kept in step with the installed version.
"""

from __future__ import annotations

import shutil
from pathlib import Path

STARTER = Path(__file__).resolve().parent.parent / "starter"


class InitError(Exception):
    """The site could not be created; the message says why, in Chinese."""


def starter_files() -> list[Path]:
    """Every file of the starter, relative to it."""
    return sorted(path.relative_to(STARTER) for path in STARTER.rglob("*")
                  if path.is_file() and "__pycache__" not in path.parts)


def init(target: Path) -> list[Path]:
    """Copy the starter into ``target``; return the files written. Writes nothing when
    any of them exists already."""
    if target.exists() and not target.is_dir():
        raise InitError(f"{target} 已存在且不是文件夹")
    files = starter_files()
    if not files:
        raise InitError(f"安装不完整：{STARTER} 中没有站点模板，请重新安装 dangjian")
    taken = [name for name in files if (target / name).exists()]
    if taken:
        shown = "、".join(str(name) for name in taken[:5]) + ("等" if len(taken) > 5 else "")
        raise InitError(f"{target} 中已有 {shown}，没有写出任何文件。"
                        "请换一个空文件夹，例如 dangjian init 新站点")
    for name in files:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(STARTER / name, target / name)
    return files
