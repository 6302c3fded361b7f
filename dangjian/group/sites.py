"""The other sites of a group a project names in mkdocs.yml: ``libraries`` it cites into
and ``federation`` sites its search box also searches.

    plugins:
      - dangjian:
          libraries:
            - name: 集团法规库
              url: https://intranet.example/fagui/
          federation:
            - name: 一公司党委
              url: /yigongsi/
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from dangjian.group.format import Url

LIBRARIES_DIR = "libraries"
"""Folder under data/ holding each library's inventory, as ``NAME.json``."""
FEDERATION_DIR = "federation"
"""Folder under data/ holding each federation site's inventory (for check --federation)."""

SiteName = Annotated[str, Field(min_length=1, max_length=60,
                                pattern=r"^[^\s/\\:*?\"<>|.][^/\\:*?\"<>|]*$")]


class SiteRef(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: SiteName
    url: Url | None = None
    """Where the site is published: its pages are linked and searched there."""
    path: str | None = Field(default=None, max_length=1000)
    """A local folder of the built site (or its inventory file), for ``libraries refresh``."""

    def copy_path(self, data_dir: Path, folder: str) -> Path:
        return data_dir / folder / f"{self.name}.json"


class GroupConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    libraries: tuple[SiteRef, ...] = ()
    federation: tuple[SiteRef, ...] = ()


class GroupConfigError(Exception):
    """mkdocs.yml names the group's sites wrongly; the message says where, in Chinese."""


def parse(libraries: object, federation: object) -> GroupConfig:
    try:
        config = GroupConfig.model_validate({"libraries": libraries or (),
                                             "federation": federation or ()})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        reason = first.get("ctx", {}).get("error") if first["type"] == "value_error" else None
        raise GroupConfigError(f"{where}: {reason or _reason(first['type'])}") from None
    for field in ("libraries", "federation"):
        names = [site.name for site in getattr(config, field)]
        twice = sorted({name for name in names if names.count(name) > 1})
        if twice:
            raise GroupConfigError(f"{field}: 名称重复：{'、'.join(twice)}")
        for index, site in enumerate(getattr(config, field)):
            if site.url is None and site.path is None:
                raise GroupConfigError(
                    f"{field}.{index}: 请写明 url（发布地址）或 path（本地文件夹）")
    return config


def _reason(kind: str) -> str:
    return {"missing": "缺少这一项", "extra_forbidden": "不认识的设置项",
            "string_pattern_mismatch": "名称不能含空白、/ \\ : * ? \" < > | 或以 . 开头"
            }.get(kind, "取值无效")


