"""Chinese numerals as used in article and chapter numbers (第一百二十三条, 第一万条)."""

from __future__ import annotations

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
GROUPS = {"万": 10_000, "亿": 100_000_000}
"""Units that close a group of four digits: 一万二千 is (一)万 + 二千."""
NUMERAL_CHARS = "".join(DIGITS) + "".join(UNITS) + "".join(GROUPS)


def to_int(text: str) -> int | None:
    """Value of a Chinese numeral such as 十, 二十一, 一百零九, 一万, 十二万零五; None if it
    is not one."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    total, group, current = 0, 0, 0
    seen = False
    for ch in text:
        if ch in DIGITS:
            current = DIGITS[ch]
            seen = True
        elif ch in UNITS:
            group += (current or 1) * UNITS[ch]
            current = 0
            seen = True
        elif ch in GROUPS:
            if not seen:
                return None
            scale = GROUPS[ch]
            # 一万亿: what came before 亿 includes the 万 group already summed.
            total = (total + group + current) * scale if scale > 10_000 else \
                total + (group + current) * scale
            group, current = 0, 0
        else:
            return None
    return total + group + current


def from_int(value: int) -> str:
    """The conventional form: 十, 十一, 二十, 一百零一, 一百一十, 一万, 一万零一."""
    if value <= 0:
        raise ValueError(value)
    parts: list[str] = []
    groups: list[int] = []
    while value:
        value, low = divmod(value, 10_000)
        groups.append(low)
    names = ("", "万", "亿", "万亿")
    pending_zero = False
    for index in range(len(groups) - 1, -1, -1):
        low = groups[index]
        if low == 0:
            pending_zero = bool(parts)
            continue
        if parts and (pending_zero or low < 1000):
            parts.append("零")
        parts.append(_below_ten_thousand(low, leading=not parts) + names[index])
        pending_zero = False
    return "".join(parts)


def _below_ten_thousand(value: int, leading: bool) -> str:
    names = "零一二三四五六七八九"
    parts: list[str] = []
    pending_zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = value // unit % 10
        if digit == 0:
            pending_zero = bool(parts)
            continue
        if pending_zero:
            parts.append("零")
            pending_zero = False
        if unit == 10 and digit == 1 and not parts and leading:
            parts.append("十")
        else:
            parts.append(names[digit] + name)
    return "".join(parts)
