"""Importing revised editions into a copy of the shipped project: a title that exists
already is never written as a second file, ``--edition-of`` adds an edition, and the
project then builds with every older citation still in the edition of its date."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dangjian.importer import import_files

from .conftest import ROOT
from .editions_fixture import CORPUS, derived, markdown

CHARTER_2022 = """title: 中国共产党章程（2022年修改）
issuer: 中国共产党第二十次全国代表大会
issued: 2022-10-22
---
中国共产党章程
（中国共产党第二十次全国代表大会部分修改，2022年10月22日通过）
"""

# Test data in the shape of a revised regulation; not the regulation's text.
DISCIPLINE_2018 = """title: 中国共产党纪律处分条例（2018年修订）
issuer: 中共中央
issued: 2018-08-18
effective: 2018-10-01
---
第一章　指导思想、原则和适用范围
第一条　为了维护党的章程和其他党内法规，严肃党的纪律，制定本条例。
第二条　本条例适用于违犯党纪应当受到党纪责任追究的党组织和党员。
第三条　党章是最根本的党内法规，全党必须一体严格遵行。
"""


@pytest.fixture
def shipped(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "project"
    for name in ("docs", "data"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root)
    monkeypatch.chdir(root)
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    shutil.copy(CORPUS, incoming / "dangzhang.txt")
    text = markdown(derived()[0]).replace("\n\n", "\n")
    (incoming / "dangzhang-2022.txt").write_text(CHARTER_2022 + text, encoding="utf-8")
    (incoming / "jilv-2018.txt").write_text(DISCIPLINE_2018, encoding="utf-8")
    return root


def _errors(reports) -> list[str]:
    return [d.message for report in reports for d in report.diagnostics.errors]


def test_an_existing_title_proposes_an_edition_instead_of_a_breaking_file(shipped):
    before = sorted(p.as_posix() for p in (shipped / "docs").rglob("*.md"))
    incoming = shipped.parent / "incoming"
    for name, work in (("dangzhang.txt", "dangzhang"), ("dangzhang-2022.txt", "dangzhang"),
                       ("jilv-2018.txt", "jilv-chufen-tiaoli")):
        reports = import_files([incoming / name], "regulation")
        [message] = _errors(reports)
        assert f"dangjian import --edition-of {work} " in message, message
        assert not reports[0].written
    assert sorted(p.as_posix() for p in (shipped / "docs").rglob("*.md")) == before


def test_imported_editions_build_and_old_citations_keep_their_edition(shipped):
    from dangjian.app.build import build

    incoming = shipped.parent / "incoming"
    for name, work in (("dangzhang.txt", "dangzhang"), ("dangzhang-2022.txt", "dangzhang"),
                       ("jilv-2018.txt", "jilv-chufen-tiaoli")):
        reports = import_files([incoming / name], "auto", edition_of=work)
        assert _errors(reports) == [] and reports[0].written, name
    regs = shipped / "docs" / "regulations"
    assert sorted(p.name for p in (regs / "dangzhang").iterdir()) == ["2017.md", "2022.md"]
    edition = (regs / "jilv-chufen-tiaoli" / "2018.md").read_text("utf-8")
    assert edition.startswith("---\nedition: 2018年修订\n")
    assert "title:" not in edition.split("---")[1] and "effective: 2018-10-01" in edition
    assert "edition: 2022年修改" in (regs / "dangzhang" / "2022.md").read_text("utf-8")

    report = build(shipped / "mkdocs.yml", shipped / "site")
    # (The 2017 text says 全面建设小康社会, as it did then: the glossary's wording rule,
    # not the editions, notes it.)
    assert not [w for w in report.warnings if ("dangzhang" in w.path or "jilv" in w.path)
                and w.field != "规范表述"]
    site = shipped / "site"
    # The 支部工作条例 (2018) and the 党员教育管理工作条例 (2019) cite the 2017 党章 and
    # the 纪律处分条例 of 2018, whatever is in force today.
    zhibu = (site / "regulations/zhibu-gongzuo-tiaoli/index.html").read_text("utf-8")
    assert 'href="../dangzhang/2017/" title="《中国共产党章程》（2017年版）"' in zhibu
    assert 'class="dj-cite-revised" href="../dangzhang/"' in zhibu
    jiaoyu = (site / "regulations/dangyuan-jiaoyu-guanli-tiaoli/index.html").read_text("utf-8")
    assert 'href="../jilv-chufen-tiaoli/2018/"' in jiaoyu
    work = (site / "regulations/dangzhang/index.html").read_text("utf-8")
    assert 'href="2017-2022/"' in work and "和根本遵循" in work


def test_edition_of_a_regulation_the_project_lacks_is_refused(shipped):
    reports = import_files([shipped.parent / "incoming" / "jilv-2018.txt"], "auto",
                           edition_of="no-such-thing")
    [message] = _errors(reports)
    assert "找不到法规 docs/regulations/no-such-thing.md" in message


def test_a_work_file_with_its_own_text_hands_it_to_an_edition(shipped):
    regs = shipped / "docs" / "regulations"
    (regs / "jilv-chufen-tiaoli.md").write_text(
        "---\ntitle: 中国共产党纪律处分条例\ncategory: 条例\nissued: 2015-10-12\n"
        "effective: 2016-01-01\nsource: 旧来源\n---\n\n第一条　旧的第一条。\n", encoding="utf-8")
    reports = import_files([shipped.parent / "incoming" / "jilv-2018.txt"], "auto",
                           edition_of="jilv-chufen-tiaoli")
    assert _errors(reports) == []
    work = (regs / "jilv-chufen-tiaoli.md").read_text("utf-8")
    assert work == "---\ntitle: 中国共产党纪律处分条例\ncategory: 条例\n---\n"
    old = (regs / "jilv-chufen-tiaoli" / "2015.md").read_text("utf-8")
    assert old == ("---\nedition: 2015年版\nissued: 2015-10-12\neffective: 2016-01-01\n"
                   "source: 旧来源\n---\n\n第一条　旧的第一条。\n")
    assert (regs / "jilv-chufen-tiaoli" / "2018.md").is_file()


def test_cli_has_the_edition_flag(shipped, capsys):
    from dangjian.app import cli

    code = cli.main(["import", "--edition-of", "jilv-chufen-tiaoli",
                     str(shipped.parent / "incoming" / "jilv-2018.txt")])
    assert code == 0, capsys.readouterr().err
    assert "docs/regulations/jilv-chufen-tiaoli/2018.md" in capsys.readouterr().out
