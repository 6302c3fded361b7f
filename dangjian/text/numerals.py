"""Chinese numerals as used in article and chapter numbers (第一百二十三条)."""

from __future__ import annotations

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL_CHARS = "".join(DIGITS) + "".join(UNITS)


def to_int(text: str) -> int | None:
    """Value of a Chinese numeral such as 十, 二十一, 一百零九; None if it is not one."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in DIGITS:
            current = DIGITS[ch]
        elif ch in UNITS:
            total += (current or 1) * UNITS[ch]
            current = 0
        else:
            return None
    return total + current


def from_int(value: int) -> str:
    """The conventional form: 十, 十一, 二十, 一百零一, 一百一十."""
    if value <= 0 or value >= 10000:
        raise ValueError(value)
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
        if unit == 10 and digit == 1 and not parts:
            parts.append("十")
        else:
            parts.append(names[digit] + name)
    return "".join(parts)
