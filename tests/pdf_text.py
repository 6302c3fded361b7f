"""Reading a PDF's text back for tests: the printed page (Chromium) and the paged PDF
(WeasyPrint) are checked with the same measures."""

from __future__ import annotations

import collections
import unicodedata

from pdfminer.layout import LTChar, LTPage


def ideographs(text: str) -> str:
    """Chromium's text layer gives some ideographs as Kangxi radicals (支 as ⽀)."""
    return "".join(unicodedata.normalize("NFKC", char) if "\u2e80" <= char <= "\u2fdf"
                   else char for char in text)


def body_size(pages: list[LTPage]) -> float:
    """The font size most Chinese characters are set in: the body text's."""
    sizes: collections.Counter = collections.Counter()

    def walk(item) -> None:
        if isinstance(item, LTChar):
            if "\u4e00" <= ideographs(item.get_text()) <= "\u9fff":
                sizes[round(item.size, 1)] += 1
        elif hasattr(item, "__iter__"):
            for child in item:
                walk(child)

    for page in pages:
        walk(page)
    return sizes.most_common(1)[0][0]
