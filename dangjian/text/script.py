"""Traditional and simplified script: one reading for search and references.

Texts copied from web mirrors arrive in traditional script (習近平, 黨支部); members type
simplified. Both are folded to simplified with OpenCC's dictionaries (the ``opencc``
package from PyPI), character by character where the browser must do the same
(``fold_script`` writes the table it uses) and with OpenCC's phrases where Python reads
whole texts.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_RANGES = ((0x3400, 0x9FFF), (0xF900, 0xFAFF))
TRADITIONAL_SHARE = 0.03
"""A text with at least this share of characters that exist only in traditional script
is in traditional script (simplified texts have none; a traditional one, about a fifth)."""
FOLD_SCRIPT = "fold.js"
FUNCTION_WORDS = ("关于", "若干", "有关", "的", "了", "和", "与", "及", "之")
"""Words of a title that a member leaves out when searching for it."""


@cache
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """``text`` in simplified script (phrases as OpenCC reads them: 乾隆 stays, 乾淨 → 干净)."""
    return str(_converter().convert(text)) if text else text


@cache
def table() -> dict[str, str]:
    """Traditional character → simplified character, for every character OpenCC folds to a
    single other one."""
    chars = [chr(code) for low, high in _RANGES for code in range(low, high + 1)]
    folded = simplified("\n".join(chars)).split("\n")
    # Single characters of the Basic Plane only, so that the browser's strings (UTF-16)
    # line up one to one.
    pairs = {a: b for a, b in zip(chars, folded, strict=True)
             if a != b and len(b) == 1 and ord(b) < 0x10000}
    # Folding twice must change nothing: follow a chain (a → b → c) to its end.
    for a, b in pairs.items():
        while b in pairs and pairs[b] != b:
            b = pairs[b]
        pairs[a] = b
    return {a: b for a, b in pairs.items() if a != b}


def fold(text: str) -> str:
    """Character by character, as the browser folds a query (search-rank.js)."""
    fold_table = table()
    return "".join(fold_table.get(char, char) for char in text)


def is_traditional(text: str) -> bool:
    han = _HAN.findall(text)
    if not han:
        return False
    fold_table = table()
    traditional = sum(1 for char in han if char in fold_table)
    return traditional >= 5 and traditional / len(han) >= TRADITIONAL_SHARE


def fold_script() -> str:
    """``_dangjian/fold.js``: ``window.djFold``, the character table for the browser, and
    ``window.djFunctionWords``."""
    pairs = sorted(table().items())
    source = json.dumps("".join(a for a, _ in pairs), ensure_ascii=False)
    target = json.dumps("".join(b for _, b in pairs), ensure_ascii=False)
    return ("(function (root) {\n"
            f"  var from = {source}, to = {target}, map = {{}};\n"
            "  for (var i = 0; i < from.length; i += 1) { map[from[i]] = to[i]; }\n"
            "  root.djFold = map;\n"
            f"  root.djFunctionWords = {json.dumps(FUNCTION_WORDS, ensure_ascii=False)};\n"
            "})(typeof window !== \"undefined\" ? window : globalThis);\n")
