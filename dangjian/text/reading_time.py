"""Estimated reading time, computed from the text.

Chinese is counted in characters (字): every Han character is one; a run of Latin
letters or digits (2019, PDF) counts as one as well, since it is read at a glance.
Punctuation is not counted. The speed is that of careful reading of regulations, not
of skimming news.
"""

from __future__ import annotations

import math
import re

CHARS_PER_MINUTE = 300
SPEED = f"{CHARS_PER_MINUTE} 字/分钟"
"""The reading speed as shown to readers."""

_UNIT = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[A-Za-z0-9]+")


def characters(text: str) -> int:
    """Number of 字 in ``text``."""
    return sum(1 for _ in _UNIT.finditer(text))


def minutes(chars: int) -> int:
    """Whole minutes to read ``chars`` 字: rounded up, and at least one for any text."""
    return math.ceil(chars / CHARS_PER_MINUTE) if chars > 0 else 0


def shown(mins: int) -> str:
    """A reading time as readers see it: 约 3 分钟, 约 1 小时 5 分钟."""
    if mins >= 60:
        hours, rest = divmod(mins, 60)
        return f"约 {hours} 小时" + (f" {rest} 分钟" if rest else "")
    return f"约 {mins} 分钟"
