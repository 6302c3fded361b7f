"""Comparison keys for document titles as people actually write them.

Two keys, from strict to loose:

- ``form_key`` drops what is only a matter of typing: full- and half-width forms,
  traditional script (read as simplified), spaces, quote styles (“” "" 「」), dash
  variants (2019-2023 / 2019—2023 / 2019–2023) and bracket styles. Two titles with the
  same form key are the same title.
- ``loose_key`` also drops what people leave out when citing: a trailing （试行） and
  every 的. Two *different* documents can share a loose key (a regulation and its trial
  version), so the resolver treats a loose match shared by two documents as ambiguous.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from dangjian.text import script

_QUOTES = "\"'`´‘’‚‛“”„‟「」『』〝〞〟＂＇"
_DASHES = "‐‑‒–—―⁃−－～〜~"
_BRACKETS = {"〔": "[", "〕": "]", "【": "[", "】": "]", "〖": "[", "〗": "]"}
_TABLE = str.maketrans({**dict.fromkeys(_QUOTES, ""), **dict.fromkeys(_DASHES, "-"),
                        **_BRACKETS})
_SPACE_RUN = re.compile(r"\s+")
_DASH_RUN = re.compile(r"-{2,}")
_TRIAL = "(试行)"

# Each step is applied until nothing changes: NFKC can turn a character into a space
# or a quote (¨ → space + diaeresis), and removing a space can bring together what
# NFKC then composes. Real titles settle after one pass; the bound only guards
# against a pathological input.
_MAX_PASSES = 8


def _fixpoint(step: Callable[[str], str], text: str) -> str:
    for _ in range(_MAX_PASSES):
        settled = step(text)
        if settled == text:
            break
        text = settled
    return text


def _form_step(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    # Traditional script is a matter of typing too: 《習近平…學習綱要》 cites the same book.
    text = script.fold(text)
    text = _SPACE_RUN.sub("", text.translate(_TABLE))
    return unicodedata.normalize("NFKC", _DASH_RUN.sub("-", text))


def _loose_step(text: str) -> str:
    text = _form_step(text).replace("的", "")
    return text.removesuffix(_TRIAL)


@lru_cache(maxsize=65536)
def form_key(title: str) -> str:
    """The title without differences of typing only."""
    return _fixpoint(_form_step, title)


@lru_cache(maxsize=65536)
def loose_key(title: str) -> str:
    """The form key without a trailing （试行） and without 的."""
    return _fixpoint(_loose_step, title)
