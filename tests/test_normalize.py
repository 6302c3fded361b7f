"""Title normalisation: the variants people type meet, different titles never do."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangjian.text.normalize import form_key, loose_key

# Characters that carry meaning in a title: CJK ideographs (without 的, which the loose
# key drops on purpose), digits and lower-case Latin letters.
MEANINGFUL = st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF, exclude_characters="的"),
    st.sampled_from("0123456789abcdefghijklmnopqrstuvwxyz"),
)
TITLES = st.text(MEANINGFUL, min_size=1, max_size=30)

QUOTE_PAIRS = [("“", "”"), ('"', '"'), ("「", "」"), ("『", "』"), ("‘", "’")]
DASHES = ["-", "—", "–", "－", "——", "~", "～"]
SPACES = [" ", "\u3000", "\xa0", "\t"]


@pytest.mark.parametrize(("variant", "canonical"), [
    ("“三重一大”决策实施办法", '"三重一大"决策实施办法'),
    ("「三重一大」决策实施办法", "“三重一大”决策实施办法"),
    ("2019-2023年全国党员教育培训工作规划", "2019—2023年全国党员教育培训工作规划"),
    ("2019–2023年全国党员教育培训工作规划", "2019—2023年全国党员教育培训工作规划"),
    ("２０１９－２０２３年全国党员教育培训工作规划", "2019—2023年全国党员教育培训工作规划"),
    (" 中国共产党章程\u3000", "中国共产党章程"),
    ("中国共产党支部工作条例(试行)", "中国共产党支部工作条例（试行）"),
    ("中国共产党 支部工作条例", "中国共产党支部工作条例"),
])
def test_typing_variants_share_the_form_key(variant, canonical):
    assert form_key(variant) == form_key(canonical)


@pytest.mark.parametrize(("cited", "title"), [
    ("中国共产党支部工作条例", "中国共产党支部工作条例（试行）"),
    ("关于新形势下党内政治生活若干准则", "关于新形势下党内政治生活的若干准则"),
    ("国有企业基层组织工作条例", "国有企业基层组织工作条例(试行)"),
])
def test_omissions_share_the_loose_key(cited, title):
    assert form_key(cited) != form_key(title)
    assert loose_key(cited) == loose_key(title)


def test_the_two_political_life_guidelines_stay_apart():
    # 1980 and 2016: the later title only adds 新形势下.
    older, newer = "关于党内政治生活的若干准则", "关于新形势下党内政治生活的若干准则"
    assert loose_key(older) != loose_key(newer)


@given(st.text(max_size=40))
def test_form_key_is_idempotent(text):
    assert form_key(form_key(text)) == form_key(text)


@given(st.text(max_size=40))
def test_loose_key_is_idempotent(text):
    assert loose_key(loose_key(text)) == loose_key(text)


@given(st.text(max_size=40))
def test_loose_key_is_coarser_than_form_key(text):
    assert loose_key(form_key(text)) == loose_key(text)


@given(TITLES, TITLES)
def test_distinct_titles_stay_distinct(first, second):
    if first != second:
        assert form_key(first) != form_key(second)
        assert loose_key(first) != loose_key(second)


@st.composite
def decorated(draw: st.DrawFn) -> tuple[str, str]:
    """A title and the same title typed differently: quotes, dashes, spaces, width."""
    words = draw(st.lists(TITLES, min_size=1, max_size=4))
    plain: list[str] = []
    typed: list[str] = []
    for word in words:
        decoration = draw(st.sampled_from(["quote", "dash", "space", "wide", "none"]))
        plain.append(word)
        if decoration == "quote":
            left, right = draw(st.sampled_from(QUOTE_PAIRS))
            typed.append(f"{left}{word}{right}")
        elif decoration == "dash":
            plain.append("-")
            typed.append(word + draw(st.sampled_from(DASHES)))
        elif decoration == "space":
            typed.append(draw(st.sampled_from(SPACES)) + word)
        elif decoration == "wide":
            typed.append(word.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)}))
        else:
            typed.append(word)
    return "".join(plain), "".join(typed)


@given(decorated())
def test_a_title_typed_differently_has_the_same_form_key(pair):
    plain, typed = pair
    assert form_key(typed) == form_key(plain)
