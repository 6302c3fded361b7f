"""Cost of a 新旧条文对照 for a long regulation.

    python bench/alignment.py              # 150 articles, median of 7 runs

A 150-article edition is made of real article texts (the 2017 党章 and the other full
regulations in tests/fixtures/shared/corpus); the next edition is derived from it by
hand-made kinds of revision at fixed places: 5 articles deleted, 5 added, 12 revised,
2 moved, 2 split, 2 merged, everything after a change renumbered. The time is the
alignment and the character diffs of every row (``compare.compare``), as the build
computes them once for each pair of consecutive editions.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from dangjian.text import compare, regtext  # noqa: E402

CORPUS = REPO / "tests" / "fixtures" / "shared" / "corpus"
SOURCES = ("reg-dangzhang-2017.txt", "reg-guoqi-jiceng-zuzhi-tiaoli.txt",
           "reg-dangyuan-jiaoyu-guanli-tiaoli.txt", "reg-lixing-jieyue-tiaoli-2025.txt",
           "reg-fazhan-dangyuan-xize-2026.txt", "reg-jiguan-jiceng-zuzhi-tiaoli-2019.txt")


def articles(count: int) -> list[str]:
    texts: list[str] = []
    for name in SOURCES:
        text = (CORPUS / name).read_text(encoding="utf-8")
        body = regtext.parse(text, 1)
        marks = [compare.Mark(d.line, d.unit, d.number, d.label, d.rest)
                 for d in [*body.chapters, *body.sections, *body.articles]]
        texts += [unit.text for unit in compare.units(text, 1, marks)[1]]
    if len(texts) < count:
        raise SystemExit(f"the corpus holds {len(texts)} articles, fewer than {count}")
    return texts[:count]


def revised(old: list[str]) -> list[str]:
    new = list(old)
    for at in (140, 100, 60, 30, 8):  # from the end, so that places stay put
        del new[at]
    for at in range(10, 130, 10):  # 12 revised: a clause added, a word changed
        new[at] = new[at].replace("党", "中国共产党", 1) + "具体办法另行制定。"
    new[20:22] = [new[20] + new[21]]  # merged
    new[70:72] = [new[70] + new[71]]
    half = len(new[40]) // 2  # split
    new[40:41] = [new[40][:half], new[40][half:]]
    new[90:91] = [new[90][:len(new[90]) // 2], new[90][len(new[90]) // 2:]]
    new.insert(110, new.pop(50))  # moved
    new.insert(15, new.pop(120))
    for at, text in enumerate(("党组织应当建立健全工作台账，如实记录。",
                               "本条例由中央组织部负责解释。",
                               "各级党委应当加强对本条例执行情况的监督检查。",
                               "党员领导干部应当带头执行本条例。", "本条例自发布之日起施行。")):
        new.insert(25 * at + 5, text)
    return new


def units(texts: list[str]) -> tuple[list[compare.Unit], list[compare.Unit]]:
    return [], [compare.Unit(n, f"第{n}条", text) for n, text in enumerate(texts, 1)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    old = articles(args.articles)
    new = revised(old)
    seconds = []
    for _ in range(args.runs):
        started = time.process_time()
        result = compare.compare(units(old), units(new))
        seconds.append(time.process_time() - started)
    counts: dict[str, int] = {}
    for row in result.articles:
        counts[row.change.value] = counts.get(row.change.value, 0) + 1
    print(f"{len(old)} → {len(new)} articles, {sum(map(len, old))} characters: "
          f"median {statistics.median(seconds) * 1000:.0f} ms CPU "
          f"(min {min(seconds) * 1000:.0f}, max {max(seconds) * 1000:.0f}, {args.runs} runs)")
    print("rows: " + ", ".join(f"{name} {n}" for name, n in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
