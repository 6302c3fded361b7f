"""The order in which regulations are listed: category rank, then the title's pinyin.

Category rank is the order of ``model.Category`` (党章, 准则, 条例, 规定, 办法, 规则, 细则,
then other kinds of documents); a regulation whose category is unknown comes after
them, and publications (书目) last.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

from dangjian.core.documents import Document
from dangjian.core.kinds import PUBLICATION
from dangjian.core.model import CATEGORY_RANK
from dangjian.text.normalize import form_key

UNKNOWN_RANK = len(CATEGORY_RANK)
PUBLICATION_RANK = UNKNOWN_RANK + 1


@lru_cache(maxsize=4096)
def pinyin_key(title: str) -> tuple:
    """Sort key of a title by pinyin: syllables first, tones to break ties, then the text."""
    letters = re.sub(r"\W", "", form_key(title))
    return (tuple(lazy_pinyin(letters)), tuple(lazy_pinyin(letters, style=Style.TONE3)), title)


def category_rank(doc: Document) -> int:
    if doc.kind is PUBLICATION:
        return PUBLICATION_RANK
    category = doc.meta.category
    return CATEGORY_RANK[category] if category is not None else UNKNOWN_RANK


def regulation_order(doc: Document) -> tuple:
    return (category_rank(doc), pinyin_key(doc.title))
