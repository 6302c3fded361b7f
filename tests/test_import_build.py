"""Imported documents pass ``dangjian check`` and build into a site, with the real CLI."""

from __future__ import annotations

import pytest

from .conftest import seed_path
from .test_import import CORPUS, CORPUS_EXPECTED, run

pytestmark = pytest.mark.build

# The second excerpt of a regulation shares its title with the first: one site holds
# one document per title, so each of these pairs is imported once here (the other
# half is loaded on its own in test_import).
SECOND_HALVES = {"reg-zhibu-gongzuo-tiaoli-part-b.txt", "reg-qingshi-baogao-tiaoli-part-ch4.txt"}


def test_imported_seed_and_corpus_check_and_build(make_project):
    root = make_project({"docs/index.md": "# 首页\n"})
    paths = [str(seed_path())] + [str(CORPUS / name) for name in CORPUS_EXPECTED
                                  if name not in SECOND_HALVES]
    imported = run(["import", *paths], root)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert f"写出 {len(paths)} 个文件" in imported.stdout
    checked = run(["check"], root)
    assert checked.returncode == 0, checked.stderr
    assert "检查完成：0 个错误" in checked.stdout
    built = run(["build"], root)
    assert built.returncode == 0, built.stderr
    site = root / "site"
    plan = (site / "workplans/workpoints-2020/index.html").read_text(encoding="utf-8")
    assert 'id="2020-6-3"' in plan and "笔杆子家园" not in plan
    regulation = site / "regulations/reg-dangyuan-jiaoyu-guanli-tiaoli/index.html"
    html = regulation.read_text(encoding="utf-8")
    assert 'id="第四十六条"' in html and 'id="第十章"' in html
    assert (site / "study/zhidu-sanhui-yike-zzuit/index.html").is_file()
