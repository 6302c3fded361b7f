"""Two small projects of one group, for the tests: the group's library (法规库) and a
subsidiary that cites into it (test data, not shipped)."""

from __future__ import annotations

from pathlib import Path

from .conftest import write_project

LIBRARY_NAME = "集团法规库"
SUBSIDIARY_NAME = "一公司党委"

JIA = """---
title: 集团甲条例
aliases: [甲条例]
category: 条例
status: 现行有效
---

第一章　总则

第一条　为了规范工作，制定本条例。

第二条　各级组织应当认真执行。

第二章　附则

第三条　本条例自发布之日起施行。
"""

YI_WORK = "---\ntitle: 集团乙章程\naliases: [乙章程]\ncategory: 条例\n---\n"
YI_2017 = """---
edition: 2017年修订
effective: 2017-01-01
---

第一条　旧的第一条。

第二条　旧的第二条。
"""
YI_2022 = """---
edition: 2022年修订
effective: 2022-01-01
---

第一条　新的第一条。

第二条　新的第二条。

第三条　新增的第三条。
"""

SECRET = """---
title: 集团内部人事规定
category: 企业制度
status: 现行有效
visibility: 党委委员
---

第一条　仅供党委委员阅读。
"""

UNCITED = """---
title: 集团丙办法
category: 办法
status: 现行有效
---

第一条　没有人引用的办法。
"""

LOCAL_COPY = """---
title: 集团丙办法
category: 办法
status: 现行有效
---

第一条　本公司自己保存的一份副本。
"""

SUBSIDIARY_RULES = """---
title: 一公司实施细则
category: 企业制度
status: 现行有效
---

第一条　根据《甲条例》第二条和《集团乙章程》第三条，制定本细则。

第二条　执行《集团乙章程（2017年修订）》第二条的规定。

第三条　参照《集团不存在条例》办理，详见 [[集团甲条例#第一条]]。
"""


def config(name: str, extra: str = "") -> str:
    text = (Path(__file__).resolve().parent.parent / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("site_name: 党建知识站", f"site_name: {name}", 1)
    return text.replace("      data_dir: data\n", f"      data_dir: data\n{extra}", 1)


def library_project(root: Path) -> Path:
    project = write_project(root, {
        "docs/index.md": "# 集团法规库\n",
        "docs/regulations/jia.md": JIA,
        "docs/regulations/yi.md": YI_WORK,
        "docs/regulations/yi/2017.md": YI_2017,
        "docs/regulations/yi/2022.md": YI_2022,
        "docs/regulations/secret.md": SECRET,
        "docs/regulations/bing.md": UNCITED,
    })
    (project / "mkdocs.yml").write_text(config(LIBRARY_NAME), encoding="utf-8")
    return project


def subsidiary_project(root: Path, library_url: str, library_site: Path,
                       federation: str = "", local_copy: bool = False) -> Path:
    files = {"docs/index.md": "# 一公司\n", "docs/regulations/xize.md": SUBSIDIARY_RULES}
    if local_copy:
        files["docs/regulations/bing.md"] = LOCAL_COPY
    project = write_project(root, files)
    extra = (f"      libraries:\n        - name: {LIBRARY_NAME}\n"
             f"          url: {library_url}\n          path: {library_site}\n{federation}")
    (project / "mkdocs.yml").write_text(config(SUBSIDIARY_NAME, extra), encoding="utf-8")
    return project
