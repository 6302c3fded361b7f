"""Cleaning pasted text: blank lines, stray spaces, and web-page debris around the
document (advertisements, “请认准…”, bare URLs, share and print buttons).

Debris is dropped only where it stands: after the last line of the document, or before
its first. The same words in the middle of the text are kept and reported as doubtful,
because there they may be part of the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dangjian.importer.source import Line

NBSP = "\u00a0"
_URL = r"(?:https?://|www\.)[\w.-]+(?:/[^\s\u3000\u4e00-\u9fff）)】]*)?"

NOISE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("网站广告", re.compile(r"请认准|公文写作|范文网|门户网站|关注.{0,12}公众号|长按.{0,6}识别"
                        r"|扫码关注|免费下载|下载本文|开通会员")),
    ("分享、打印等网页按钮文字",
     re.compile(r"分享到|分享至|一键分享|微信扫一扫|扫一扫|收藏本页|打印本页|打印此页|关闭窗口"
                r"|返回顶部|上一篇|下一篇|【打印】|【关闭】|【收藏】|字号\s*[:：]?\s*[大中小]")),
    ("网站版权信息", re.compile(r"版权所有|Copyright|©|ICP备|ICP证")),
    ("网页栏目信息", re.compile(r"^(?:责任编辑|来源|浏览次数|阅读次数|点击数|点击次数|阅读量)"
                          r"\s*[:：]")),
    ("网页导航", re.compile(r"^(?:当前位置|您的位置|您现在的位置)\s*[:：]|^首页\s*[>»＞]")),
    ("网址", re.compile(rf"^(?:网址\s*[:：])?\s*{_URL}\s*$")),
    ("含网址的网页文字", re.compile(_URL)),
    ("分隔线", re.compile(r"^[-=_*~—·.。…]{3,}$")),
)
MAX_NOISE_LENGTH = 100
"""Longer lines are taken for text: debris is short."""


@dataclass(frozen=True)
class Dropped:
    line: int
    text: str
    reason: str


@dataclass
class Cleaned:
    lines: list[Line] = field(default_factory=list)
    """Non-blank lines, without leading or trailing spaces."""
    dropped: list[Dropped] = field(default_factory=list)
    blank: list[int] = field(default_factory=list)
    """Numbers of the blank lines removed."""
    nbsp_lines: list[int] = field(default_factory=list)
    """Numbers of the removed blank lines that held non-breaking spaces."""
    nbsp_inside: int = 0
    """Non-breaking spaces inside a line, each replaced by a plain space."""
    doubtful: list[tuple[Line, str]] = field(default_factory=list)
    """Lines that look like debris but stand inside the text, kept."""


def noise_reason(text: str) -> str | None:
    if len(text) > MAX_NOISE_LENGTH:
        return None
    for reason, pattern in NOISE:
        if pattern.search(text):
            return reason
    return None


def clean(lines: list[Line]) -> Cleaned:
    result = Cleaned()
    kept: list[Line] = []
    for line in lines:
        if line.table is not None:
            kept.append(line)
            continue
        text = line.text.strip()
        if not text:
            result.blank.append(line.number)
            if NBSP in line.text:
                result.nbsp_lines.append(line.number)
            continue
        result.nbsp_inside += text.count(NBSP)
        kept.append(Line(line.number, text.replace(NBSP, " "), line.heading))
    first, last = 0, len(kept)
    while last > first and _debris(kept[last - 1]):
        last -= 1
    while first < last and _debris(kept[first]):
        first += 1
    for line in kept[:first] + kept[last:]:
        result.dropped.append(Dropped(line.number, line.text, noise_reason(line.text) or ""))
    result.dropped.sort(key=lambda d: d.line)
    result.lines = kept[first:last]
    for line in result.lines:
        reason = None if line.table is not None else noise_reason(line.text)
        if reason:
            result.doubtful.append((line, reason))
    return result


def _debris(line: Line) -> bool:
    return line.table is None and noise_reason(line.text) is not None
