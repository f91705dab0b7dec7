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


def test_quote_marks_and_colons_set_apart_go_back_too():
    # quotes and colons in another font sit apart like the figures; a line that starts with
    # 年 lost the year before it
    text = ("三公 经费支出年初预算为 万元，支出决算为 万元。\n“ ” 1.50 1.20\n"
            "年度 三公 经费支出与 年度持平。其中 因公出国（境）费持平。\n2024 “ ” 2023 :\n")
    assert _paras(text) == [nfkc("“三公”经费支出年初预算为1.50万元，支出决算为1.20万元。"
                                 "2024年度“三公”经费支出与2023年度持平。其中:因公出国（境）费持平。")]


def test_a_gap_at_the_start_is_taken_only_when_the_figures_need_it():
    # '元' starting the line ends the '万' above: its one figure goes in the one gap there is
    text = "年初预算为 万\n3.00\n元，支出决算为 万元。\n2.50\n"
    assert _paras(text) == [nfkc("年初预算为3.00万元，支出决算为2.50万元。")]


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


@given(st.lists(st.tuples(_WORDS, _FIG, st.integers(1, 20)), min_size=1, max_size=5), st.integers(0, 12))
def test_split_with_columns_kept_and_spliced_back_is_the_sentence(parts, indent):
    """The same, printed by a tool that keeps character columns (pdfplumber's layout=True):
    each gap a run of spaces as wide as its figure was, the figures' line indented to where
    they stood; it reads back as the sentence too (a run of spaces is one gap)."""
    whole = "".join(f"{w}为{f}万元，" for w, f, _ in parts)
    gapped = " " * indent + "".join(f"{w}为{' ' * n}万元，" for w, _, n in parts) + "   "
    figures = " " * (indent + 3) + "      ".join(f for _, f, _ in parts) + "   "
    assert _paras(f"{gapped}\n{figures}\n") == _paras(whole + "\n")


def test_a_line_that_keeps_columns_takes_its_figures_and_item_number():
    # (the 2024 sample dumped by pdfplumber with layout=True: the figures' runs of spaces were
    # no gap, the figures stayed on their own line after 万, and 元 with them read 1511.89 元)
    text = ("            、一般公共服务支出（类）示例事务（款）行政运行（项）。主要用于：                \n"
            "           1                                                           \n"
            "          经费支出。年初预算为                   万元，支出决算为           万       \n"
            "                                           1560.05            1511.89       \n"
            "          元。决算数小于预算数。                                              \n")
    assert _paras(text) == [nfkc("1、一般公共服务支出（类）示例事务（款）行政运行（项）。主要用于：经费支出。"
                                 "年初预算为1560.05万元，支出决算为1511.89万元。决算数小于预算数。")]


# ---- lines a tool emitted out of reading order ----------------------------------------------

def test_a_line_set_one_line_too_early_goes_back():
    # pdftotext -layout sorts by baseline: the line of figures came out above the line that
    # carries on the 项 name and ends where the figure goes
    text = ("1、一般公共服务支出（类）示例事务（款）示例信息\n"
            "12.50万元，支出决算为12.00万元。决算数小于预算数的主要原因：节约\n"
            "化建设支出（项）。主要用于：系统维护。年初预算为\n"
            "开支。\n")
    assert _paras(text) == [nfkc("1、一般公共服务支出（类）示例事务（款）示例信息化建设支出（项）。主要用于：系统维护。"
                                 "年初预算为12.50万元，支出决算为12.00万元。决算数小于预算数的主要原因：节约开支。")]


def test_an_item_drawn_before_the_one_it_follows_goes_after_it():
    # pypdfium2 follows drawing order: the edited first line of item 3 came before item 2
    text = ("1、示例支出（类）示例事务（款）行政运行（项）。支出决算为 3.00 万元。\n"
            "3、社会保障和就业支出（类）示例养老支出（款\n"
            "2、社会保障和就业支出（类）示例养老支出（款）\n"
            "示例年金支出（项）。年初预算为 5.00 万元，支出决算为\n"
            "4.00 万元。\n"
            "）其他示例养老支出（项）。年初预算为 1.00 万元，支出决算为\n"
            "1.00 万元。\n")
    assert _paras(text) == [nfkc(p) for p in (
        "1、示例支出（类）示例事务（款）行政运行（项）。支出决算为 3.00万元。",
        "2、社会保障和就业支出（类）示例养老支出（款）示例年金支出（项）。年初预算为 5.00万元，支出决算为4.00万元。",
        "3、社会保障和就业支出（类）示例养老支出（款）其他示例养老支出（项）。年初预算为 1.00万元，支出决算为1.00万元。")]


def test_an_amount_printed_before_what_it_measures_goes_after_it():
    # an amount never opens a clause: after a heading, a '；' or a '：' it was printed one line
    # too early, and goes after the nearest line that wants it (ends with 占/为, or mid-sentence)
    text = ("三、支出情况说明\n"
            "20.00万元，占20.00%；\n本年支出合计100.00万元，其中：基本支出80.00万元，占80.00%；项目支出\n")
    assert _paras(text) == [nfkc("三、支出情况说明"), nfkc(
        "本年支出合计100.00万元，其中：基本支出80.00万元，占80.00%；项目支出20.00万元，占20.00%；")]
    text = ("1、示例支出（类）示例事务（款）示例业务（项）。主要用于：\n"
            "9.00万元。决算数小于预算数的主要原因：项目未及\n"
            "示例工作。年初预算为10.00万元，支出决算为\n"
            "实施。\n")
    assert _paras(text) == [nfkc("1、示例支出（类）示例事务（款）示例业务（项）。主要用于：示例工作。年初预算为10.00万元，"
                                 "支出决算为9.00万元。决算数小于预算数的主要原因：项目未及实施。")]


def test_one_odd_seam_moves_nothing():
    # the writer's own text: a 为 not followed by a figure, a bracket left open — one seam
    # each, never two that one move would close, so the lines stay as printed
    text = ("1、示例支出（类）。主要原因为\n人员调整（详见附表\n2、其他支出（类）。年初预算为\n待定。\n")
    lines = [ln for ln in text.splitlines()]
    assert _paras(text) == [nfkc(lines[0] + lines[1]), nfkc(lines[2] + lines[3])]


_NAME = st.text(alphabet="示例事务行政运行信息化建设保障支出养老年金", min_size=4, max_size=10)


@given(kuan=_NAME, xiang=_NAME, use=_NAME, why=_NAME, budget=_FIG, final=_FIG,
       cut=st.integers(1, 3), why_cut=st.integers(1, 3))
def test_a_figure_line_set_early_reads_back(kuan, xiang, use, why, budget, final, cut, why_cut):
    """Any item whose 项 name runs onto the next line, with the line of figures printed one
    line too early, reads back as the item printed in order — and the item in order is
    never moved."""
    lines = [f"1、一般公共服务支出（类）{kuan}（款）{xiang[:cut]}",
             f"{xiang[cut:]}（项）。主要用于：{use}。年初预算为",
             f"{budget}万元，支出决算为{final}万元。决算数小于预算数的主要原因：{why[:why_cut]}",
             f"{why[why_cut:]}。"]
    whole = [nfkc("".join(lines))]
    assert _paras("\n".join(lines) + "\n") == whole
    assert _paras("\n".join([lines[0], lines[2], lines[1], lines[3]]) + "\n") == whole


@given(n=st.integers(2, 8), names=st.lists(_NAME, min_size=3, max_size=3), figs=st.lists(_FIG, min_size=2, max_size=2))
def test_an_item_drawn_early_reads_back(n, names, figs):
    """Item n+1's first line, cut inside its 款 bracket and drawn before item n, goes back
    after item n: the paragraphs are those of the items in order."""
    before = f"{n - 1}、示例支出（类）。支出决算为{figs[0]}万元。"
    item_n = [f"{n}、社会保障和就业支出（类）{names[0]}（款）", f"{names[1]}（项）。年初预算为{figs[0]}万元。"]
    item_m = [f"{n + 1}、社会保障和就业支出（类）{names[0]}（款", f"）{names[2]}（项）。支出决算为{figs[1]}万元。"]
    inorder = _paras("\n".join([before, *item_n, *item_m]) + "\n")
    assert inorder == [nfkc(before), nfkc("".join(item_n)), nfkc("".join(item_m))]
    assert _paras("\n".join([before, item_m[0], *item_n, item_m[1]]) + "\n") == inorder
