"""Narrative paragraphs from page text: figures that a PDF tool set on a line of their own
(pdfplumber groups characters by their top edge; figures in a Latin font sit lower) are put
back where the text kept a gap for them — only when gaps and figures match one for one."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from juesuan.extract.claims.paragraphs import paragraphs, splice_figures
from juesuan.read.text import read_text
from juesuan.textnorm import nfkc


def _paras(text: str) -> list[str]:
    src = read_text(text.encode(), "t.txt")
    return [p.text for p in paragraphs(src, 0, len(src.lines), skip_first_heading=False)]


def test_figures_on_their_own_line_go_back_into_the_gaps():
    text = "示例局 年度收入支出总计 万元。与 年度相比，\n2024 1234.56 2023\n总计增加 万元，增长 。\n10.5 0.86%\n"
    assert _paras(text) == [nfkc("示例局2024年度收入支出总计1234.56万元。与2023年度相比，总计增加10.5万元，增长0.86%。")]


def test_a_line_starting_with_a_unit_lost_the_figure_before_it():
    text = "项目支出 万元，占 ；基本支出\n100.00 40.00%\n万元，占 。\n150.00 60.00%\n"
    assert _paras(text) == [nfkc("项目支出100.00万元，占40.00%；基本支出150.00万元，占60.00%。")]


def test_an_item_number_set_apart_starts_its_paragraph():
    text = "1、示例支出（类）。支出决算为 万元。\n5.00\n、其他支出（类）。主要用于：\n2\n支出决算为 万元。\n6.00\n"
    assert _paras(text) == [nfkc("1、示例支出（类）。支出决算为5.00万元。"), nfkc("2、其他支出（类）。主要用于：支出决算为6.00万元。")]


def test_a_stray_space_does_not_take_a_figure():
    # three gaps, two figures: only the gaps a figure is wanted in (为 … 万元) take them
    assert splice_figures("保险费 。年初预算为 万元，支出决算为 万元。", ["62.29", "60.99"])[0] == \
        "保险费 。年初预算为62.29万元，支出决算为60.99万元。"


def test_figures_that_do_not_match_the_gaps_stay_as_printed():
    assert splice_figures("总计 万元，占 ；", ["1.00"]) is None
    text = "本年收入合计 万元，其中 万元。\n1.00\n"
    assert _paras(text) == [nfkc("本年收入合计万元，其中万元。1.00")]


_WORDS = st.sampled_from(["收入总计", "基本支出", "项目支出", "财政拨款收入", "公用经费", "人员经费"])
_FIG = st.decimals(min_value=0, max_value=99999, places=2).map(lambda d: f"{d:.2f}")


@given(st.lists(st.tuples(_WORDS, _FIG), min_size=1, max_size=5))
def test_split_and_spliced_back_is_the_sentence(parts):
    """Any sentence of '<name>为<figure>万元，' clauses, with its figures moved to the next line
    and a gap left for each, reads back as the sentence itself."""
    whole = "".join(f"{w}为{f}万元，" for w, f in parts)
    gapped = "".join(f"{w}为 万元，" for w, _ in parts)
    figures = " ".join(f for _, f in parts)
    assert _paras(f"{gapped}\n{figures}\n") == _paras(whole + "\n")
    assert len(_paras(whole + "\n")) == 1
