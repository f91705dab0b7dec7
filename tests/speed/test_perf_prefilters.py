"""The first-read shortcuts of the performance readers (issue 15) give the plain answers: a
pattern spelt to open with a character class (so the regex engine skips to where a match can
start) finds what its plain spelling finds. Synthetic inputs only."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.extract.performance import common

# pieces of cells: figures, points, commas, whitespace of every kind, markup, ideographs, %
_CELL_PIECES = st.sampled_from(["0", "7", "12", ".", ",", " ", "\t", "\u3000", "\u00a0", "\n", "<", "<u>", "*", "**",
                                "$", "%", "项", "目", "（", "(", "）", ")", "a", "-", "≥", "万元"])
_CELL = st.lists(_CELL_PIECES, max_size=12).map("".join)


@given(_CELL)
@settings(max_examples=1500)
def test_the_noise_screen_finds_what_its_plain_spelling_finds(text: str) -> None:
    plain = re.compile(common._NEEDS_CLEAN_PLAIN)
    assert (common.NEEDS_CLEAN.search(text) is not None) == (plain.search(text) is not None)


@given(_CELL)
@settings(max_examples=1500)
def test_the_number_joins_delete_what_their_plain_spellings_delete(text: str) -> None:
    for ours, plain in zip(common._NUM_SPACES, common._NUM_SPACES_PLAIN, strict=True):
        assert ours.sub("", text) == re.sub(plain, "", text)


def test_number_join_examples() -> None:
    assert common.join_number_pieces("97. 20 93 .4 42.86 % 项 目") == "97.20 93.4 42.86% 项 目"


@given(_CELL)
@settings(max_examples=1500)
def test_a_text_the_screens_pass_over_is_its_own_noise_free_text(text: str) -> None:
    from juesuan.extract.claims.paragraphs import noise_changes_key, strip_noise

    if common.NOISE_MARK.search(text) is None:
        assert not noise_changes_key(text)
    if common.MAY_BE_NOISY.search(text) is None:
        assert strip_noise(text) == text


# pieces of indicator cells: header words whole and cut, names, figures, whitespace
_INDICATOR_PIECES = st.sampled_from(["运算符号", "度量", "单位", "年度指标值", "完成程度", "完成程", "度", "偏差度", "三级指标",
                                     "指标", "分值", "得分", "数量指标", "办结", "率", "100", "%", " ", "\t", "≥", "(", "（",
                                     "a", "元/人", "²"])


@given(st.lists(_INDICATOR_PIECES, max_size=8).map("".join))
@settings(max_examples=1500)
def test_the_header_word_scan_and_the_width_are_the_plain_ones(text: str) -> None:
    from juesuan.extract.performance import indicators as ind

    assert (ind._HEADER_WORD.search(text) is not None) == any(w in text for w in ind.HEADER_WORDS)
    plain = sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text.strip())
    assert ind._width.__wrapped__(text) == plain and type(ind._width.__wrapped__(text)) is type(plain)
