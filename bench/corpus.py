"""A synthetic project of N pages for benchmarks, the same bytes for the same N.

Sentences are drawn at generation time from the texts beside this checkout
(the copies of the seed and corpus under ``tests/fixtures/shared``).
Every page says in its metadata that it is synthetic benchmark text.

    python bench/corpus.py 2000 /tmp/corpus-2000

Of N pages, about 2 % are work plans, 18 % study materials and the rest regulations
(chapters and articles); N / 100 publications go to ``data/publications.yml``. Bodies
average about 1,300 characters, and cite one another as 《title》 and 《title》第X条.
Every 20th regulation was revised once: its work file and two editions (one article
revised, one deleted, one added), which the build shows with their 新旧条文对照.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO / "tests" / "fixtures" / "shared"
SEED = 2020
EDITIONS_EVERY = 20
"""Every 20th regulation was revised once: a work with two editions (and their 对照)."""
SYNTHETIC = "基准测试用的合成文本：句子取自种子和语料文件，随机拼接，不是任何真实文件。"

_DIGITS = "零一二三四五六七八九"
_MARKERS = re.compile(
    r"^(第[零一二三四五六七八九十百]+[章节条][\u3000 ]*|[一二三四五六七八九十]+[、是]"
    r"|（[一二三四五六七八九十]+）|\d+[.、])"
)
_SENTENCE = re.compile(r"[^。！？]*[。！？]")
_CITATION = re.compile(r"《[^《》]*》(第[零一二三四五六七八九十百]+条)?")

CATEGORIES = ["条例", "规定", "办法", "规则", "细则"]
ORGS = ["X企业党委", "X企业纪委", "X企业党委组织部", "X企业党委宣传部", "X企业机关党委"] + [
    f"X企业第{i}分公司党委" for i in range(1, 61)
]
TOPICS = [
    "党支部标准化建设", "党员发展工作", "党费收缴使用和管理", "党员教育培训", "“三会一课”",
    "主题党日活动", "民主评议党员", "党内谈心谈话", "党组织书记述职评议考核", "党建工作责任制",
    "基层党组织按期换届", "党员积分管理", "党务公开", "党建工作考核评价", "意识形态工作责任制",
    "党风廉政建设责任制", "领导班子民主生活会", "组织生活会", "流动党员管理", "党员志愿服务",
    "党建带团建", "理论学习中心组学习", "党支部书记培训", "党建信息化平台管理", "党员先锋岗",
    "“一先两优”评选表彰", "党员联系群众", "重大事项请示报告", "“三重一大”决策", "选人用人",
]
STUDY_SOURCES = ["X企业党委组织部", "X企业党委宣传部", "X企业党校", "X企业机关党委"]
HOME = "# 党建知识站\n\n基准测试语料：合成的法规制度、学习资料和工作要点。\n"
TAGS = ["三会一课", "组织生活", "党员教育", "党风廉政", "理论学习", "基层组织", "作风建设"]


def numeral(n: int) -> str:
    """Chinese numeral for 1–199, as regulations write article numbers."""
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if rest == 0 else ("零" + _DIGITS[rest] if rest < 10 else numeral(rest))
    if 10 <= rest < 20:
        tail = "一" + tail
    return _DIGITS[n // 100] + "百" + tail


@dataclass
class Pool:
    """What the synthetic text is drawn from."""

    sentences: list[str] = field(default_factory=list)
    chapters: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)


def read_pool(shared: Path = SHARED) -> Pool:
    pool = Pool()
    sources = sorted((shared / "corpus").glob("*.txt")) + sorted((shared / "seed").glob("*.txt"))
    if not sources:
        raise SystemExit(f"no source texts under {shared}/corpus or {shared}/seed")
    for path in sources:
        text = path.read_text(encoding="utf-8").replace("\u00a0", " ")
        if path.parent.name == "corpus":
            text = text.split("\n---\n", 1)[-1]
        for raw in text.split("\n"):
            _take_line(raw.strip(), pool)
    pool.chapters = sorted(set(pool.chapters) - {"总则", "附则"})
    pool.sections = sorted(set(pool.sections))
    pool.items = sorted(set(pool.items))
    pool.sentences = sorted(set(pool.sentences))
    return pool


def _take_line(line: str, pool: Pool) -> None:
    if not line or "www." in line or line.startswith("("):
        return
    chapter = re.match(r"^第[一二三四五六七八九十]+章[\u3000 ]*(\S+)$", line)
    if chapter:
        pool.chapters.append(chapter.group(1))
        return
    section = re.match(r"^[一二三四五六七八九十]+、(.{6,40})$", line)
    if section and "。" not in section.group(1):
        pool.sections.append(section.group(1))
        return
    item = re.match(r"^[一二三四五六七八九十]+是([^。]{4,30}。)", line)
    if item:
        pool.items.append(item.group(1))
    body = _MARKERS.sub("", line)
    for sentence in _SENTENCE.findall(body):
        sentence = sentence.strip()
        if 12 <= len(sentence) <= 160 and "《》" not in sentence:
            pool.sentences.append(_CITATION.sub("{cite}", sentence))


@dataclass
class Regulation:
    id: str
    title: str
    alias: str | None
    category: str
    chapters: list[int]
    """Articles per chapter."""

    @property
    def articles(self) -> int:
        return sum(self.chapters)


class Generator:
    def __init__(self, n: int, pool: Pool, seed: int = SEED):
        self.rng = random.Random(seed * 100_003 + n)
        self.pool = pool
        self.n = n
        plans = max(1, n // 50)
        studies = n * 18 // 100
        self.regulations = self._plan_regulations(n - 1 - plans - studies)
        self.plans = plans
        self.studies = studies

    def _plan_regulations(self, count: int) -> list[Regulation]:
        titles = [(org, topic, category) for org in ORGS for topic in TOPICS
                  for category in CATEGORIES]
        self.rng.shuffle(titles)
        # Larger projects (20,000 pages) add more branches after these, shuffled apart,
        # so that a smaller project keeps the same titles and bytes.
        more = [(f"X企业第{i}分公司党委", topic, category) for i in range(61, 301)
                for topic in TOPICS for category in CATEGORIES]
        random.Random(SEED).shuffle(more)
        titles += more
        if count > len(titles):
            raise SystemExit(f"at most {len(titles)} regulations")
        out = []
        for index, (org, topic, category) in enumerate(titles[:count], 1):
            chapters = [self.rng.randint(2, 5) for _ in range(self.rng.randint(2, 4))]
            alias = f"{org}{topic}{category}".removeprefix("X企业") if index % 3 == 0 else None
            out.append(Regulation(f"reg-{index:04d}", f"{org}关于{topic}的{category}", alias,
                                  category, chapters))
        return out

    # Text -----------------------------------------------------------------------------

    def citation(self) -> str:
        target = self.rng.choice(self.regulations)
        name = target.alias if target.alias and self.rng.random() < 0.3 else target.title
        if self.rng.random() < 0.5:
            return f"《{name}》第{numeral(self.rng.randint(1, target.articles))}条"
        return f"《{name}》"

    def sentence(self, cite: float = 0.12) -> str:
        text = self.rng.choice(self.pool.sentences)
        while "{cite}" in text:
            text = text.replace("{cite}", self.citation(), 1)
        if self.rng.random() < cite:
            lead = self.rng.choice(["根据", "按照", "依据", "参照"])
            text = f"{lead}{self.citation()}，{text}"
        return text

    def sentences(self, low: int, high: int) -> str:
        return "".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    # Pages ------------------------------------------------------------------------------

    def editions(self, reg: Regulation) -> dict[str, str]:
        """A regulation revised once: the work's file and its two editions (path → text),
        the second with one article revised, one deleted and one added."""
        text = self.regulation(reg)
        meta, body = text.split("\n---\n\n", 1)
        fields = dict(line.split(": ", 1) for line in meta.removeprefix("---\n").split("\n"))
        work = ["title", "aliases", "category", "tags"]
        edition = ["issuer", "number", "note"]
        first = int(fields["issued"][:4])
        second = first + self.rng.randint(1, 5)
        lines = body.split("\n\n")
        articles = [i for i, line in enumerate(lines) if re.match(r"第.+?条　", line)]
        revised = list(lines)
        revised[articles[1]] += self.sentence(cite=0)
        revised.insert(articles[-1], "第九十九条　" + self.sentences(1, 2))
        del revised[articles[2]]
        revised = _renumber(revised)
        return {
            f"{reg.id}.md": _page([f"{k}: {fields[k]}" for k in work if k in fields], ""),
            f"{reg.id}/{first}.md": _page(
                [f"edition: {first}年版", f"adopted: {fields['issued']}"]
                + [f"{k}: {fields[k]}" for k in edition], body),
            f"{reg.id}/{second}.md": _page(
                [f"edition: {second}年修订", f"adopted: {second}{fields['issued'][4:]}"]
                + [f"{k}: {fields[k]}" for k in edition], "\n\n".join(revised)),
        }

    def regulation(self, reg: Regulation) -> str:
        year = self.rng.randint(2005, 2024)
        issued = f"{year}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"
        meta = [f"title: {_q(reg.title)}", f"id: {reg.id}"]
        if reg.alias:
            meta.append(f"aliases: [{_q(reg.alias)}]")
        meta += [
            f"issuer: {reg.title.split('关于')[0]}",
            f"number: X企党发〔{year}〕{self.rng.randint(1, 99)}号",
            f"issued: {issued}",
            f"effective: {issued}",
            f"category: {reg.category}",
            f"status: {self.rng.choice(['现行有效'] * 8 + ['已修改', '已废止'])}",
            f"tags: [{self.rng.choice(TAGS)}]",
            f"note: {SYNTHETIC}",
        ]
        body = []
        article = 0
        titles = self.rng.sample(self.pool.chapters, len(reg.chapters) - 2)
        for index, count in enumerate(reg.chapters):
            last = index == len(reg.chapters) - 1
            title = "总则" if index == 0 else "附则" if last else titles[index - 1]
            body.append(f"第{numeral(index + 1)}章　{title}")
            for _ in range(count):
                article += 1
                body.append(f"第{numeral(article)}条　{self.sentences(1, 2)}")
                if self.rng.random() < 0.25:
                    body.append(self.sentences(1, 2))
        return _page(meta, "\n\n".join(body))

    def plan(self, index: int) -> tuple[str, str]:
        org = ORGS[index % len(ORGS)]
        year = 2000 + index // len(ORGS) % 26
        plan_id = f"plan-{index + 1:03d}"
        meta = [f"title: {org}{year}年党建工作要点", f"id: {plan_id}", f"year: {year}",
                f"organization: {org}", f"source: {SYNTHETIC}"]
        body = [self.sentences(2, 3)]
        sections = self.rng.sample(self.pool.sections, self.rng.randint(4, 6))
        for s, section in enumerate(sections, 1):
            body.append(f"## {numeral(s)}、{section} {{#{year}-{s}}}")
            for i, item in enumerate(self.rng.sample(self.pool.items, self.rng.randint(2, 3)), 1):
                body.append(f"### {numeral(i)}是{item} {{#{year}-{s}-{i}}}")
                body.append(self.sentences(2, 4))
        return plan_id, _page(meta, "\n\n".join(body))

    def study(self, index: int) -> str:
        topic = self.rng.choice(TOPICS)
        related = sorted({self.rng.choice(self.regulations).id for _ in range(2)})
        day = self.rng.randint(0, 3000)
        date = f"{2015 + day // 336}-{day // 28 % 12 + 1:02d}-{day % 28 + 1:02d}"
        meta = [
            f"title: {_q(f'学习资料第{index + 1}期：{topic}')}",
            f"id: study-{index + 1:04d}",
            f"summary: {_q(self.rng.choice(self.pool.sentences).replace('{cite}', '有关规定'))}",
            f"source: {self.rng.choice(STUDY_SOURCES)}",
            f"date: {date}",
            f"tags: [{self.rng.choice(TAGS)}]",
            f"related: [{', '.join(related)}]",
            f"note: {SYNTHETIC}",
        ]
        body = [self.sentences(2, 3)]
        for s, section in enumerate(self.rng.sample(self.pool.sections, 3), 1):
            body.append(f"## {numeral(s)}、{section}")
            body += [self.sentences(2, 3) for _ in range(self.rng.randint(1, 2))]
        return _page(meta, "\n\n".join(body))

    def publications(self) -> str:
        lines = ["# 书目（基准测试用的合成条目）", "publications:"]
        for i in range(max(1, self.n // 100)):
            lines += [f"  - id: pub-{i + 1:03d}",
                      f"    title: 党建工作参考读本（合成条目 {i + 1}）",
                      f"    year: {2010 + i % 15}", f"    note: {SYNTHETIC}"]
        return "\n".join(lines) + "\n"


def _q(text: str) -> str:
    """A YAML scalar that stays text whatever punctuation the sentence holds."""
    return json.dumps(text, ensure_ascii=False)


def _renumber(lines: list[str]) -> list[str]:
    count = 0
    out = []
    for line in lines:
        if re.match(r"第.+?条　", line):
            count += 1
            line = f"第{numeral(count)}条　" + line.split("　", 1)[1]
        out.append(line)
    return out


def _page(meta: list[str], body: str) -> str:
    return "---\n" + "\n".join(meta) + "\n---\n\n" + body + "\n"


def generate(root: Path, n: int, shared: Path = SHARED, seed: int = SEED) -> Path:
    """Write a complete project of ``n`` pages to ``root`` (replacing what was there)."""
    if n < 60:
        raise SystemExit("at least 60 pages")
    gen = Generator(n, read_pool(shared), seed)
    shutil.rmtree(root, ignore_errors=True)
    docs = root / "docs"
    for folder in ("regulations", "study", "workplans"):
        (docs / folder).mkdir(parents=True)
    (root / "data").mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    _write(docs / "index.md", HOME)
    for index, reg in enumerate(gen.regulations):
        if index % EDITIONS_EVERY == EDITIONS_EVERY - 1:
            for path, text in gen.editions(reg).items():
                (docs / "regulations" / path).parent.mkdir(exist_ok=True)
                _write(docs / "regulations" / path, text)
        else:
            _write(docs / "regulations" / f"{reg.id}.md", gen.regulation(reg))
    for i in range(gen.plans):
        plan_id, text = gen.plan(i)
        _write(docs / "workplans" / f"{plan_id}.md", text)
    for i in range(gen.studies):
        _write(docs / "study" / f"study-{i + 1:04d}.md", gen.study(i))
    _write(root / "data" / "publications.yml", gen.publications())
    return root


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def body_chars(root: Path) -> tuple[int, float]:
    """(pages, mean characters of a page's body, front matter excluded)."""
    sizes = []
    for path in sorted((root / "docs").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        sizes.append(len(text.split("\n---\n", 1)[-1]) if text.startswith("---") else len(text))
    return len(sizes), sum(sizes) / len(sizes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pages", type=int)
    parser.add_argument("root", type=Path)
    args = parser.parse_args()
    generate(args.root, args.pages)
    pages, mean = body_chars(args.root)
    print(f"{pages} pages, {mean:.0f} characters per body on average → {args.root}")


if __name__ == "__main__":
    main()
