"""The first-read shortcuts of the narrative stages (issue 15) give the plain answers: a scan of
the whole document that picks the lines worth asking picks every line the plain loop would
take something from. Synthetic inputs only."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.locate import sections
from juesuan.read.types import Chunk, Line, Source

# pieces of headings and of what is not one: numerals, brackets, bullets, whitespace of every
# kind, 部分 whole and cut, the joiner the scan uses
_HEADING_PIECES = st.sampled_from(["第", "一", "三", "十", "部分", "部", "分", "、", ".", "(", "（", ")", "）", " ",
                                   "\t", "\u3000", "\u00a0", "\n", "-", "*", "•", "#", ">", "x", "\x00", "。",
                                   "情况说明", "收入支出决算总体情况", "5万元", "支出"])
_HEADING_LINE = st.lists(_HEADING_PIECES, max_size=10).map("".join)


def _lines(texts: list[str]) -> list[Line]:
    return [Line(no=k + 1, text=t, chunks=[Chunk(t)]) for k, t in enumerate(texts)]


@given(st.lists(_HEADING_LINE, max_size=12))
@settings(max_examples=800, deadline=None)
def test_the_head_lines_are_those_holding_a_part_word_or_opening_as_a_heading(texts: list[str]) -> None:
    plain = [k for k, t in enumerate(texts)
             if "部分" in t or sections._after_bullets(sections._text(Line(no=0, text=t))) in [*"一二三四五六七八九十(（"]]
    got = list(sections._head_lines(_lines(texts)))
    if any("\x00" in t for t in texts):
        assert got == list(range(len(texts)))  # the joiner in a line: every line is asked
    else:
        assert got == plain


@given(st.lists(_HEADING_LINE, max_size=12), st.sets(st.integers(0, 11)),
       st.none() | st.tuples(st.integers(0, 6), st.integers(0, 12)))
@settings(max_examples=800, deadline=None)
def test_the_heads_are_those_of_asking_every_line(texts: list[str], skipped: set[int],
                                                   toc: tuple[int, int] | None) -> None:
    src = Source(path="made-up.txt", format="text", lines=_lines(texts))
    skip = dict.fromkeys(skipped, True)
    got = sections._scan_heads(src, skip, toc)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sections, "_head_lines", lambda lines: range(len(lines)))
        plain = sections._scan_heads(src, skip, toc)
    assert got == plain
