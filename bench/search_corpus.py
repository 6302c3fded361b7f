"""A synthetic project of N pages for the search benchmark, the same for the same N.

    python bench/search_corpus.py OUT_DIR [--pages 2000]

The text is made of sentences of the shipped content, shuffled: it reads like the real
thing to the segmenter and the index, but it is no regulation and is never published;
it exists only in the benchmark's temporary folder. Titles are numbered so that every
page has its own, and one page in three has a short title (简称). Most pages are
regulations with chapters and articles; some are study materials; a few are work plans.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 20200101

ISSUERS = ["X企业党委", "X企业党委办公室", "X企业纪委", "X企业党群工作部", "X企业组织部"]
CATEGORIES = ["办法", "规定", "细则", "规则", "企业制度"]
STATUSES = ["现行有效", "现行有效", "现行有效", "已修改", "已废止"]
SUBJECTS = ["党支部", "党员教育", "组织生活", "党费", "发展党员", "理论学习", "宣传思想",
            "意识形态", "纪律检查", "干部选任", "人才培养", "群团工作", "基层组织", "廉洁从业",
            "请示报告", "民主生活会", "谈心谈话", "主题党日", "党建考核", "工作督查"]
FORMS = ["管理办法", "实施细则", "工作规定", "工作规则", "考核办法", "实施办法"]
NUMERALS = "零一二三四五六七八九"


def chinese(number: int) -> str:
    """1 → 一, 10 → 十, 23 → 二十三, up to 99."""
    tens, ones = divmod(number, 10)
    text = ("" if tens == 1 else NUMERALS[tens]) + "十" if tens else ""
    return text + (NUMERALS[ones] if ones else "")


def sentences(root: Path) -> list[str]:
    """Sentences of the shipped content, stripped of what would make them structure."""
    found = []
    for path in sorted((root / "docs").rglob("*.md")):
        text = path.read_text(encoding="utf-8").split("---", 2)[-1]
        for line in text.splitlines():
            line = re.sub(r"\{[^{}]*\}|[#《》*>|`!\[\]]", "", line).strip()
            line = re.sub(r"^第[一二三四五六七八九十百零0-9]+[章节条]\s*", "", line)
            line = re.sub(r"^[一二三四五六七八九十]+[是、]", "", line)
            for sentence in re.split(r"(?<=[。；！？])", line):
                if len(sentence) >= 12 and "{{" not in sentence:
                    found.append(sentence)
    return found


def regulation(rng: random.Random, number: int, pool: list[str]) -> str:
    subject = rng.choice(SUBJECTS)
    title = f"X企业{subject}{rng.choice(FORMS)}（第{number}号）"
    alias = f"{subject}第{number}号" if number % 3 == 0 else None
    year = rng.randint(2005, 2024)
    meta = [f"title: {title}", f"aliases: [{alias}]" if alias else "",
            f"issuer: {rng.choice(ISSUERS)}", f"issued: {year}-{rng.randint(1, 12):02d}-"
            f"{rng.randint(1, 28):02d}", f"category: {rng.choice(CATEGORIES)}",
            f"status: {rng.choice(STATUSES)}"]
    body, article = [], 0
    for chapter in range(1, rng.randint(2, 5) + 1):
        body.append(f"第{chinese(chapter)}章　{rng.choice(SUBJECTS)}")
        for _ in range(rng.randint(2, 6)):
            article += 1
            text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 3)))
            body.append(f"第{chinese(article)}条　{text}")
    return _page(meta, "\n\n".join(body))


def study(rng: random.Random, number: int, pool: list[str]) -> str:
    subject = rng.choice(SUBJECTS)
    meta = [f"title: {subject}学习资料（第{number}辑）",
            f"summary: 关于{subject}的学习材料。", f"date: {rng.randint(2015, 2024)}-"
            f"{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", f"tags: [{subject}]"]
    body = ["".join(rng.choice(pool) for _ in range(rng.randint(2, 5)))
            for _ in range(rng.randint(3, 8))]
    return _page(meta, "\n\n".join(body))


def workplan(rng: random.Random, number: int, pool: list[str]) -> str:
    year = 2000 + number
    meta = [f"title: X企业第{number}分公司{year}年党建工作要点", f"year: {year}",
            f"organization: X企业第{number}分公司党委", f"id: plan-{number}"]
    body = ["".join(rng.choice(pool) for _ in range(2))]
    for section in range(1, rng.randint(3, 6) + 1):
        body.append(f"## {chinese(section)}、加强{rng.choice(SUBJECTS)} {{#{year}-{section}}}")
        for item in range(1, rng.randint(2, 4) + 1):
            body.append(f"### {chinese(item)}是做好{rng.choice(SUBJECTS)}工作。 "
                        f"{{#{year}-{section}-{item}}}")
            body.append("".join(rng.choice(pool) for _ in range(rng.randint(2, 4))))
    return _page(meta, "\n\n".join(body))


def _page(meta: list[str], body: str) -> str:
    return "---\n" + "\n".join(line for line in meta if line) + "\n---\n\n" + body + "\n"


def generate(out: Path, pages: int = 2000, seed: int = SEED) -> Path:
    """Write a project of ``pages`` documents into ``out``; return its mkdocs.yml."""
    rng = random.Random(seed)
    pool = sentences(ROOT)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", out / "mkdocs.yml")
    (out / "data").mkdir(parents=True)
    plans = max(1, pages // 100)
    studies = pages // 7
    kinds = [("workplans", workplan)] * plans + [("study", study)] * studies
    kinds += [("regulations", regulation)] * (pages - plans - studies)
    for number, (folder, make) in enumerate(kinds, 1):
        path = out / "docs" / folder / f"p{number:05d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(make(rng, number, pool), encoding="utf-8")
    return out / "mkdocs.yml"


def names(out: Path, every: int = 40) -> list[tuple[str, str]]:
    """(title or short title, site path) of every ``every``-th generated page."""
    import yaml

    found = []
    docs = out / "docs"
    for number, path in enumerate(sorted(docs.rglob("*.md"))):
        if number % every:
            continue
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        page = path.relative_to(docs).with_suffix("").as_posix() + "/"
        found += [(name, page) for name in [meta["title"], *(meta.get("aliases") or [])]]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=2000)
    args = parser.parse_args()
    print(generate(args.out, args.pages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
