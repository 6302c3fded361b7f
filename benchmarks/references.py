"""Benchmark of the reference pass and of linking, on synthetic content.

    python benchmarks/references.py [documents] [citations]

Prints the time to resolve every citation (with the check's suggestions for those that
match nothing) and to render them as links. Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import random
import sys
import time

from dangjian.core.diagnostics import Diagnostics
from dangjian.core.documents import Document
from dangjian.core.kinds import REGULATION, STUDY
from dangjian.core.model import RegulationMeta, StudyMeta
from dangjian.core.urls import Links
from dangjian.load.loader import Content
from dangjian.refs import linking, references

_CHARS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"


def content(documents: int, cited: int, seed: int = 1) -> tuple[Content, str]:
    rng = random.Random(seed)
    titles: set[str] = set()
    while len(titles) < documents:
        titles.add("关于" + "".join(rng.choice(_CHARS) for _ in range(6)) + "的条例")
    ordered = sorted(titles)
    built, diagnostics = Content(), Diagnostics()
    for i, title in enumerate(ordered):
        meta = RegulationMeta(id=f"r{i}", title=title, status="现行有效", category="条例",
                              coverage="未收录")
        built.inventory.add(Document(REGULATION, meta, f"docs/regulations/r{i}.md", 1,
                                     f"regulations/r{i}.md"), diagnostics)
    # Half the citations leave out 的 (a loose match), one in ten names nothing known.
    lines = []
    for j in range(cited):
        title = rng.choice(ordered)
        if j % 10 == 0:
            title = f"未收录的文件{j % 50}"
        elif j % 2:
            title = title.replace("的", "")
        lines.append(f"依据《{title}》第十条办理。")
    body = "\n".join(lines)
    built.inventory.add(Document(STUDY, StudyMeta(id="s", title="学习"), "docs/study/s.md", 1,
                                 "study/s.md", body, 5), diagnostics)
    return built, body


def main(documents: int = 2000, cited: int = 10000) -> None:
    built, body = content(documents, cited)
    started = time.perf_counter()
    refs, diagnostics = references.resolve(built)
    resolved = time.perf_counter()
    linking.render(body, refs, "study/s.md", Links("study/s.md", True))
    rendered = time.perf_counter()
    print(f"{documents} documents, {cited} citations: resolve {resolved - started:.2f} s "
          f"({len(diagnostics.items)} warnings), render {rendered - resolved:.2f} s")


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:3]))
