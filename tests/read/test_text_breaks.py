"""Line breaks in text as real tools write it: a page break never glues two lines."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.read.text import physical_lines, read_text


@pytest.mark.parametrize("brk", ["\n", "\r\n", "\r", "\v", "\x85", "\u2028", "\u2029"])
def test_every_line_break_ends_a_line(brk):
    src = read_text(f"收入决算表{brk}单位：万元{brk}合计\t1.00".encode(), "x.txt")
    assert [ln.text for ln in src.lines] == ["收入决算表", "单位:万元", "合计\t1.00"]


def test_form_feed_ends_a_line_and_starts_a_page():
    src = read_text("第一页末行\f第二页首行\n次行\f\f第四页".encode(), "x.txt")
    assert [(ln.text, ln.page) for ln in src.lines] == [
        ("第一页末行", 1), ("第二页首行", 2), ("次行", 2), ("第四页", 4)]
    assert src.pages == 4


@pytest.mark.parametrize("text", ["a\n\fb\n", "a\fb\n", "a\n\fb"])
def test_form_feed_beside_a_newline_adds_no_line(text):
    assert [(s, f) for s, f in physical_lines(text) if s] == [("a", 0), ("b", 1)]
    src = read_text(text.encode(), "x.txt")
    assert [(ln.text, ln.page) for ln in src.lines] == [("a", 1), ("b", 2)]


def test_without_form_feeds_lines_have_no_page():
    src = read_text(b"a\nb\n", "x.txt")
    assert [ln.page for ln in src.lines] == [None, None]
    assert src.pages is None


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab表\n\r\v\x1c\x1d\x1e\x85\u2028\u2029\t ", max_size=40))
def test_text_without_page_breaks_splits_as_the_break_pattern_does(text):
    """Without a form feed the lines come from str.splitlines (fast); they are those the
    break pattern gives, the empty last line after a final break included."""
    from juesuan.read.text import _split_at_breaks

    assert physical_lines(text) == _split_at_breaks(text)



_NFKC_PIECES = st.sampled_from(["表", "（", "）", "：", "，", "；", "１２", "ｶﾞ", "e", "\u0301", "\u0308", "\u3099", "か",
                                "\u1100", "\u1161", "\u11a8", "㈠", "\u3000", " ", "\t", "ﬁ", "Ⅻ", "⼀", "\n", "\r\n",
                                "\f", "\u2028"])


@settings(max_examples=600, deadline=None)
@given(st.lists(_NFKC_PIECES, max_size=30).map("".join))
def test_prose_punctuation_decomposed_over_the_whole_text_keeps_each_lines_nfkc(text: str) -> None:
    """The text reader decomposes prose punctuation over a whole text that is not NFKC
    (read.text.read_text): its lines keep their breaks and their NFKC."""
    from juesuan.textnorm import nfkc, prose_punctuation_decomposed

    assert [(nfkc(s), f) for s, f in physical_lines(prose_punctuation_decomposed(text))] == [
        (nfkc(s), f) for s, f in physical_lines(text)]
