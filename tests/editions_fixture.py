"""The 2017 党章 as an edition file, and a second edition derived from it by hand-applied
changes whose alignment is known (test data, not shipped)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dangjian.text import numerals

from .conftest import SHARED

CORPUS = SHARED / "corpus" / "reg-dangzhang-2017.txt"
_ARTICLE = re.compile(r"^第([一二三四五六七八九十百]+)条\u3000")
_CHAPTER = re.compile(r"^第([一二三四五六七八九十百]+)章\u3000")


@dataclass
class Text:
    preamble: list[str]
    """总纲 paragraphs."""
    parts: list[tuple[str, list[str]]]
    """(chapter heading, [article text without its number …]) in order."""


def corpus_2017() -> Text:
    body = CORPUS.read_text(encoding="utf-8").split("\n---\n", 1)[1].strip().split("\n")
    lines = body[3:]  # title, 题注 and the 总纲 heading
    preamble: list[str] = []
    parts: list[tuple[str, list[str]]] = []
    for line in lines:
        if _CHAPTER.match(line):
            parts.append((line, []))
        elif _ARTICLE.match(line):
            parts[-1][1].append(_ARTICLE.sub("", line))
        elif parts and parts[-1][1]:
            parts[-1][1][-1] += "\n\n" + line
        elif parts:
            raise AssertionError(line)
        else:
            preamble.append(line)
    return Text(preamble, parts)


def markdown(text: Text) -> str:
    out = ["总纲", "", *(p + "\n" for p in text.preamble)]
    number = 0
    for heading, articles in text.parts:
        out += [heading, ""]
        for article in articles:
            number += 1
            out += [f"第{numerals.from_int(number)}条\u3000{article}", ""]
    return "\n".join(out)


def articles(text: Text) -> list[str]:
    return [a for _, arts in text.parts for a in arts]


ADDED = "党员应当自觉学习党的创新理论，每年参加集中学习培训的时间一般不少于三十二学时。"
EDITED = ("年满十八岁的中国工人、农民、军人、知识分子和其他社会阶层的先进分子，承认党的纲领和"
          "章程，愿意参加党的一个组织并在其中积极工作、执行党的决议和按期交纳党费的，"
          "可以申请加入中国共产党。")


def derived() -> tuple[Text, dict]:
    """A second edition: an article added after 第三条 (so every later article is
    renumbered), 第一条 edited, 第九条 deleted, 第十三条 moved after 第十五条, 第十一条
    split in two, 第二十一条 and 第二十二条 merged, one 总纲 paragraph edited and one added.

    Returns the text and what the alignment must find: old → new article numbers.
    """
    old = corpus_2017()
    parts = [(heading, list(arts)) for heading, arts in old.parts]
    flat = articles(old)
    ch1, ch2, ch3 = parts[0][1], parts[1][1], parts[2][1]
    ch1[0] = ch1[0].replace("社会阶层的先进分子", "社会阶层的先进分子（含新社会阶层）")
    ch1.insert(3, ADDED)                      # new 第四条
    ch1.remove(flat[8])                        # 第九条 deleted
    eleventh = flat[10]
    first, second = eleventh.split("候选人名单要由党组织和选举人充分酝酿讨论。")
    index = ch2.index(eleventh)
    ch2[index:index + 1] = [first + "候选人名单要由党组织和选举人充分酝酿讨论。", second]
    ch2.remove(flat[12])                       # 第十三条 …
    ch2.insert(ch2.index(flat[14]) + 1, flat[12])  # … moved after 第十五条
    index = ch3.index(flat[20])
    ch3[index:index + 2] = [flat[20] + flat[21]]
    preamble = list(old.preamble)
    preamble[1] = preamble[1].replace("作为自己的行动指南", "作为自己的行动指南和根本遵循")
    preamble.insert(3, "中国共产党坚持用马克思主义中国化时代化的最新成果武装全党。")
    new = Text(preamble, parts)
    return new, {"added": [4], "deleted": [9], "split": (11, [11, 12]),
                 "merged": ([21, 22], 21), "moved": (13, 15), "edited": {1: 1}}


def edition_file(text: Text, front: str) -> str:
    return f"---\n{front.strip()}\n---\n\n{markdown(text)}"
