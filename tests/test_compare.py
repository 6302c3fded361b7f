"""新旧条文对照: the alignment of two editions' articles, on the real 2017 党章 and an
edition derived from it by hand, and its edge cases."""

from __future__ import annotations

import random
import time

import pytest

from dangjian.pages.comparison_pages import summary
from dangjian.text import compare, regtext
from dangjian.text.compare import Change, Piece, Unit

from .editions_fixture import ADDED, corpus_2017, derived, markdown


def units(text: str) -> tuple[list[Unit], list[Unit]]:
    body = regtext.parse(text, 1)
    marks = [compare.Mark(d.line, d.unit, d.number, d.label, d.rest)
             for d in [*body.chapters, *body.sections, *body.articles]]
    return compare.units(text, 1, marks)


@pytest.fixture(scope="module")
def charter() -> compare.Comparison:
    return compare.compare(units(markdown(corpus_2017())), units(markdown(derived()[0])))


def _shape(row: compare.Row) -> tuple:
    return (row.change, [u.number for u in row.old], [u.number for u in row.new], row.moved)


def test_the_2017_text_is_cut_into_its_preamble_and_55_articles():
    preamble, articles = units(markdown(corpus_2017()))
    assert len(preamble) == 30 and len(articles) == 55
    assert preamble[0].text.startswith("中国共产党是中国工人阶级的先锋队")
    assert articles[2].label == "第三条" and articles[2].chapter == "第一章\u3000党员"
    # An article keeps its items (（一）…) and loses its number.
    assert articles[2].text.startswith("党员必须履行下列义务：\n（一）")


def test_alignment_is_exact_on_every_kind_of_change(charter):
    R, U, M, A, D = (Change.RENUMBERED, Change.UNCHANGED, Change.MODIFIED, Change.ADDED,
                     Change.DELETED)
    expected = [(M, [1], [1], False), (U, [2], [2], False), (U, [3], [3], False),
                (A, [], [4], False)]
    expected += [(R, [n], [n + 1], False) for n in range(4, 9)]
    expected += [(D, [9], [], False), (U, [10], [10], False),
                 (M, [11], [11, 12], False),                     # split
                 (R, [12], [13], False), (U, [14], [14], False), (U, [15], [15], False),
                 (R, [13], [16], True)]                          # moved
    expected += [(R, [n], [n + 1], False) for n in range(16, 21)]
    expected += [(M, [21, 22], [22], False)]                     # merged
    expected += [(U, [n], [n], False) for n in range(23, 56)]
    assert [_shape(row) for row in charter.articles] == expected


def test_summary_counts(charter):
    assert summary(charter) == ("新增 1 条，删除 1 条，修改 3 条（拆分 1 处、合并 1 处），"
                                "仅调整序号 12 条，其余未改")
    assert summary(compare.Comparison([], charter.preamble), "段") == \
        "新增 1 段，修改 1 段，其余未改"


def test_preamble_paragraphs_align_without_numbers(charter):
    changed = [(row.change, [u.number for u in row.old], [u.number for u in row.new])
               for row in charter.preamble if row.change is not Change.UNCHANGED]
    assert changed == [(Change.MODIFIED, [2], [2]), (Change.ADDED, [], [4])]


def test_inline_diff_marks_insertions_and_deletions_by_character(charter):
    first = charter.articles[0]
    assert [p for p in first.diff if p.kind != "equal"] == [Piece("insert", "（含新社会阶层）")]
    assert compare.inline_diff("党员必须履行下列义务", "党员应当履行下列义务") == [
        Piece("equal", "党员"), Piece("delete", "必须"), Piece("insert", "应当"),
        Piece("equal", "履行下列义务")]
    added = next(row for row in charter.articles if row.change is Change.ADDED)
    assert added.diff == [Piece("insert", ADDED)]


def test_counterpart_of_an_old_article(charter):
    assert compare.counterpart(charter, 13).new[0].number == 16
    assert compare.counterpart(charter, 9).change is Change.DELETED
    assert compare.counterpart(charter, 99) is None


def _articles(texts: list[str]) -> list[Unit]:
    return [Unit(n, f"第{n}条", text) for n, text in enumerate(texts, 1)]


def test_identical_editions_are_unchanged():
    old = _articles(["甲乙丙丁。", "戊己庚辛。"])
    rows = compare.align(old, old)
    assert [row.change for row in rows] == [Change.UNCHANGED] * 2
    assert summary(compare.Comparison([], rows)) == "条文未改"


def test_unrelated_texts_are_added_and_deleted_not_matched():
    rows = compare.align(_articles(["党员必须履行义务。"]), _articles(["会计年度自一月一日起。"]))
    assert [row.change for row in rows] == [Change.DELETED, Change.ADDED]


def test_repeated_identical_articles_pair_in_order():
    old = _articles(["同上。", "其他。", "同上。"])
    new = _articles(["同上。", "同上。", "其他。"])
    assert [(r.old[0].number, r.new[0].number) for r in compare.align(old, new)] == [
        (1, 1), (3, 2), (2, 3)]


def test_empty_editions():
    assert compare.align([], []) == []
    assert [row.change for row in compare.align([], _articles(["甲。"]))] == [Change.ADDED]
    assert compare.units("", 1, []) == ([], [])


def test_alignment_cost_for_150_articles_stays_small():
    """150 articles: 30 revised, 10 deleted and 10 added, every later one renumbered."""
    rng = random.Random(7)
    base = [_article_text(rng, n) for n in range(150)]
    deleted = set(rng.sample(range(150), 10))
    revised = set(rng.sample(sorted(set(range(150)) - deleted), 30))
    new = [text[:20] + "并认真组织实施" + text[20:] if index in revised else text
           for index, text in enumerate(base) if index not in deleted]
    for index in sorted(rng.sample(range(140), 10)):
        new.insert(index, _article_text(rng, 1000 + index))
    started = time.perf_counter()
    rows = compare.align(_articles(base), _articles(new))
    elapsed = time.perf_counter() - started
    counts = {change: sum(1 for r in rows if r.change is change) for change in Change}
    assert (counts[Change.ADDED], counts[Change.DELETED], counts[Change.MODIFIED]) == (10, 10, 30)
    assert counts[Change.RENUMBERED] + counts[Change.UNCHANGED] == 110
    assert elapsed < 2.0, elapsed


_WORDS = ["党组织", "党员", "应当", "加强", "教育", "管理", "监督", "按照", "规定", "组织生活",
          "民主集中制", "纪律", "群众", "工作", "制度", "落实", "责任", "会议", "选举", "委员会"]


def _article_text(rng: random.Random, seed: int) -> str:
    local = random.Random(seed * 7919 + rng.randrange(1000))
    return "".join(local.choice(_WORDS) for _ in range(local.randrange(25, 60))) + "。"
