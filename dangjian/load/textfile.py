"""Reading authored text files: UTF-8 only, with a clear message for anything else.

Only the importer accepts other encodings (``detect_and_decode``): documents arrive as
GBK/GB18030 from older Windows machines, but what the site is built from stays UTF-8.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from dangjian.core.diagnostics import Diagnostic

UTF8_BOM = "\ufeff"


def _looks_like_gb18030(raw: bytes) -> bool:
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return cjk >= max(1, len(text) // 20)


def decode(raw: bytes, path: str) -> str:
    """Decode ``raw`` as UTF-8 (BOM allowed) with CRLF/CR normalised to LF.

    Line endings are normalised here, once, so that every line number reported later
    matches what an editor shows, whatever the author's platform.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        if _looks_like_gb18030(raw):
            hint = "文件似为 GBK/GB18030 编码，请另存为 UTF-8"
        else:
            hint = f"第 {exc.start} 字节不是有效的 UTF-8，请另存为 UTF-8"
        raise ContentDecodeError(Diagnostic(path, line, "encoding", hint)) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ContentDecodeError(
            Diagnostic(path, line, "encoding", "文件含 NUL 字节，不是文本文件")
        )
    text = text.removeprefix(UTF8_BOM)
    return text.replace("\r\n", "\n").replace("\r", "\n")


MAX_BYTES = 2 * 1024 * 1024
"""Forty times the longest real regulation (党章, about 50 KB); a bigger file is a mistake
or an attack and would keep the Markdown renderer and the indexer busy for minutes."""
MAX_LINE_CHARS = 20_000
"""A paragraph is one line in our sources; the longest real one is under 2,000 characters.
The search indexer's time grows much faster than a line's length."""
MAX_TAGS = 5_000
"""Inline HTML tags in one file: Markdown's raw-HTML handling grows with their square."""
MAX_SAME_HAN = 2
"""The most times one Han character may stand in a row (人人, 常常). The search indexer's
time grows with runs of one character (学学学…: 5× ordinary prose at three, 25× at
eight); no real text repeats a character three times."""


def detect_and_decode(raw: bytes, path: str) -> tuple[str, str]:
    """Decode an incoming document; return its text and the encoding's name for reports.

    UTF-8 is tried first because a GBK byte sequence is almost never valid UTF-8, while
    much UTF-8 text is valid GB18030 (as mojibake).
    """
    if raw.startswith(codecs.BOM_UTF8):
        return decode(raw, path), "UTF-8（带 BOM）"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ContentDecodeError(
                Diagnostic(path, 1, "encoding", f"UTF-16 文件第 {exc.start} 字节无效")
            ) from None
        return decode(text.removeprefix(UTF8_BOM).encode("utf-8"), path), "UTF-16"
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return decode(raw, path), "UTF-8"
    for codec, name in (("gbk", "GBK"), ("gb18030", "GB18030")):
        try:
            raw.decode(codec)
        except UnicodeDecodeError:
            continue
        if _looks_like_gb18030(raw):
            return decode(raw.decode(codec).encode("utf-8"), path), name
    try:
        return decode(raw, path), "UTF-8"
    except ContentDecodeError as exc:
        raise ContentDecodeError(
            Diagnostic(path, exc.diagnostic.line, "encoding",
                       "无法识别编码：既不是 UTF-8，也不是 GBK/GB18030")
        ) from None


def read(path: Path, shown_as: str) -> str:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ContentDecodeError(Diagnostic(
            shown_as, 0, "size",
            f"文件过大（{size / 1048576:.1f} MB，上限 {MAX_BYTES // 1048576} MB），请拆分"))
    text = decode(path.read_bytes(), shown_as)
    check_limits(text, shown_as)
    return text


def check_limits(text: str, shown_as: str, first_line: int = 1) -> None:
    """Refuse a text whose shape, not only its size, would make the build crawl."""
    for number, line in enumerate(text.split("\n"), first_line):
        if len(line) > MAX_LINE_CHARS:
            raise ContentDecodeError(Diagnostic(
                shown_as, number, "size",
                f"这一行有 {len(line)} 个字符，超过上限 {MAX_LINE_CHARS}：请分段"))
    repeated = _SAME_HAN.search(text)
    if repeated:
        raise ContentDecodeError(Diagnostic(
            shown_as, first_line + text.count("\n", 0, repeated.start()), "size",
            f"同一个字“{repeated.group(1)}”连续出现 {len(repeated.group(0))} 次，"
            f"上限 {MAX_SAME_HAN} 次：请检查这一行是否为乱码或粘贴错误"))
    tags = text.count("<")
    if tags > MAX_TAGS and len(_TAG.findall(text)) > MAX_TAGS:
        raise ContentDecodeError(Diagnostic(
            shown_as, 0, "size", f"HTML 标签超过 {MAX_TAGS} 个：请改用 Markdown 或拆分文件"))


_TAG = re.compile(r"</?[A-Za-z]")
_SAME_HAN = re.compile(r"([\u4e00-\u9fff])\1{" + str(MAX_SAME_HAN) + ",}")


class ContentDecodeError(Exception):
    def __init__(self, diagnostic: Diagnostic):
        self.diagnostic = diagnostic
        super().__init__(diagnostic.format())
