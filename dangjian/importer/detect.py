"""Reading an incoming file: its encoding (text) or its paragraphs (Word)."""

from __future__ import annotations

from pathlib import Path

from dangjian.core.diagnostics import Diagnostic
from dangjian.importer.source import Source
from dangjian.load import textfile

SUFFIXES = (".txt", ".docx")


class ReadError(Exception):
    def __init__(self, diagnostic: Diagnostic):
        self.diagnostic = diagnostic
        super().__init__(diagnostic.format())


def read(path: Path, shown: str) -> Source:
    """The document at ``path`` as lines; raises ``ReadError`` with a clear message."""
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise ReadError(Diagnostic(shown, 0, "file",
                                   "不支持旧版 .doc 文件，请用 Word 另存为 .docx 后再导入"))
    if suffix not in SUFFIXES:
        raise ReadError(Diagnostic(shown, 0, "file",
                                   f"不支持的文件类型 “{path.suffix}”，只能导入 .txt 和 .docx"))
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ReadError(Diagnostic(shown, 0, "file", "文件不存在")) from None
    except IsADirectoryError:
        raise ReadError(Diagnostic(shown, 0, "file", "是目录，不是文件")) from None
    except OSError as exc:
        raise ReadError(Diagnostic(shown, 0, "file", f"无法读取：{exc.strerror}")) from None
    if suffix == ".docx":
        from dangjian.importer.docx_reader import read_docx

        return read_docx(raw, shown)
    try:
        text, encoding = textfile.detect_and_decode(raw, shown)
    except textfile.ContentDecodeError as exc:
        raise ReadError(exc.diagnostic) from None
    return Source.from_text(shown, text, encoding)
