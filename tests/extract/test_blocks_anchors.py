"""Column anchors (blocks/anchors.py): a column's header cell or 栏次 number printed right
before its run of amounts pins the run to that column — the only evidence between columns the
identities cannot tell apart; a pin no placement keeps is dropped, and headers that do not
agree with each other (a 栏次 row printed as one block, a header's text and number naming two
columns, headers out of order) give no pins at all."""

from __future__ import annotations

from decimal import Decimal as D

from juesuan.extract.blocks import solve
from juesuan.extract.blocks.anchors import column_pins, header_names, remap
from juesuan.read.text import read_text

# a made-up department's income (公开02表): 本年收入合计 | 财政拨款收入 | … | 其他收入
T02_COLS = ("本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")
ROWS = [  # code, name, 合计, 财政拨款收入, 其他收入
    ("201", "一般公共服务支出", "500.00", "480.00", "20.00"),
    ("20106", "财政事务", "500.00", "480.00", "20.00"),
    ("2010601", "行政运行", "300.00", "295.00", "5.00"),
    ("2010602", "一般行政管理事务", "200.00", "185.00", "15.00"),
]
TOTAL = ("500.00", "480.00", "20.00")
FILLED = (0, 1, 6)  # the printed columns that hold figures


def _t02(headers: list[str] | None = None, number_block: bool = False) -> list:
    """收入决算表 as plain pdftotext prints it: codes, names, then ``headers`` (a block each),
    the 合计 row's figures (a block each), each column's run of the body rows."""
    out = ["收入决算表", "单位：万元", "", "项目", "科目编码", ""]
    out += [c for c, *_ in ROWS] + ["", "合计"] + [n for _, n, *_ in ROWS] + [""]
    for h in headers or []:
        out += h.split("/") + [""]
    if number_block:  # the 栏次 row as one block, right before the figures
        out += [str(k) for k in range(1, 8)]
    for x in TOTAL:
        out += [x, ""]
    for j in range(3):
        out += [r[2 + j] for r in ROWS] + [""]
    return read_text("\n".join(out).encode(), "t.txt").lines


def _placed(solved) -> dict:
    return {(p.row, p.column): (p.value.parsed.value, p.uncertain) for p in solved[0]}


def _want() -> dict:
    out = {("合计", T02_COLS[c]): (D(v), False) for c, v in zip(FILLED, TOTAL)}
    for code, _, *vals in ROWS:
        out.update({(code, T02_COLS[c]): (D(v), False) for c, v in zip(FILLED, vals)})
    return out


# the headers as the tool emits them: the blank columns' apart, then the filled ones in order,
# wrapped over lines ('/': a line break within the header's block)
HEADERS = ["上级补助/收入", "事业收/入", "经营收/入", "附属单/位上/缴收入", "本年收入合/计", "财政拨款收/入", "其他收/入"]


def test_without_headers_the_part_columns_are_in_doubt():
    solved = solve("T02", _t02())
    assert solved is not None
    got = _placed(solved)
    assert got[("合计", "本年收入合计")] == (D("500.00"), False)
    assert all(unsure for (_, col), (_, unsure) in got.items() if col != "本年收入合计")


def test_a_header_band_before_the_figures_settles_the_part_columns():
    solved = solve("T02", _t02(HEADERS))
    assert solved is not None
    assert _placed(solved) == _want()


def test_a_pin_no_placement_keeps_is_dropped():
    """The band's ordered tail (财政拨款收入, 其他收入) pairs 500.00 with 财政拨款收入: no placement
    keeps that (the 合计 column would exceed its row), so the table reads as without headers."""
    headers = ["上级补助/收入", "事业收/入", "财政拨款收/入", "其他收/入"]
    lines = _t02(headers)
    assert column_pins(lines, *_args(lines)) == {0: 1, 1: 6}
    assert _placed(solve("T02", lines)) == _placed(solve("T02", _t02()))


def test_misleading_headers_give_no_pins():
    plain = _placed(solve("T02", _t02()))
    cases = [
        (HEADERS, True),  # the 栏次 row printed as one block just before the figures
        (["其他收入", "本年收入合计"], False),  # one header before one figure: too little to pair by
    ]
    for headers, number_block in cases:
        lines = _t02(headers, number_block)
        assert column_pins(lines, *_args(lines)) == {}
        assert _placed(solve("T02", lines)) == plain


def test_anchors_out_of_order_on_a_page_are_all_dropped():
    out = ["收入决算表", "", "财政拨款收入", "480.00", "", "本年收入合计", "500.00", ""]
    lines = read_text("\n".join(out).encode(), "t.txt").lines
    starts = [ln for ln in lines if ln.text.endswith(".00")]
    heads = header_names((c, j) for j, c in enumerate(T02_COLS))
    assert column_pins(lines, starts, heads, 7, [], lambda ln: ln.text.endswith(".00")) == {}
    assert column_pins(lines, starts[:1], heads, 7, [], lambda ln: ln.text.endswith(".00")) == {0: 1}


def test_a_row_label_right_before_figures_is_no_header():
    """合计 (the 合计 row's label) and a row's name above figures name no column."""
    out = ["收入决算表", "", "合计", "500.00", "", "其他收入", "20.00", ""]
    lines = read_text("\n".join(out).encode(), "t.txt").lines
    starts = [ln for ln in lines if ln.text.endswith(".00")]
    heads = header_names([(c, j) for j, c in enumerate(T02_COLS)] + [("合计", 0)])
    is_amount = lambda ln: ln.text.endswith(".00")  # noqa: E731
    assert column_pins(lines, starts, heads, 7, [], is_amount) == {1: 6}
    assert column_pins(lines, starts, heads, 7, ["其他收入"], is_amount) == {}


def test_remap_follows_the_runs_cut_into_amounts():
    assert remap({0: 2, 1: 4}, [(0, 3), (3, 2)]) == {0: 2, 3: 4}


def _args(lines: list) -> tuple:
    """What ``blocks.solve`` gives ``column_pins`` for ``_t02``: one unit per run."""
    from juesuan.extract.blocks import _amounts

    _, amounts, _, units = _amounts(lines)
    heads = header_names((c, j) for j, c in enumerate(T02_COLS))
    return ([amounts[f][1] for f, _ in units], heads, 7, [n for _, n, *_ in ROWS],
            lambda ln: ln.text.strip().endswith(".00"))


# ------------------------------------------------------------------ the fund form's 栏次

FORM = ("年初结转和结余", "本年收入", "小计", "基本支出", "项目支出", "年末结转和结余")
FUND_ROWS = [  # a made-up land-revenue fund: 年初, 收入, 小计, 基本, 项目, 年末
    ("212", "城乡社区支出", ("0.00", "90.00", "70.00", "0.00", "70.00", "20.00")),
    ("21208", "国有土地使用权出让收入安排的支出", ("0.00", "90.00", "70.00", "0.00", "70.00", "20.00")),
    ("2120803", "城市建设支出", ("0.00", "90.00", "70.00", "0.00", "70.00", "20.00")),
]


def _t07(glued: bool) -> list:
    """公开07表 with its rows set solid. ``glued``: each column's header cell and 栏次 number in
    its run's block. Else as the tool also prints it: 年初 and 本年收入's headers and 1 apart,
    2 on 本年收入's run, printed before 年初's; 基本支出's header apart, 项目支出's header glued
    to 基本支出's run, 项目支出's run after it."""
    out = ["政府性基金预算财政拨款收入支出决算表", "单位：万元", "", "项目", "功能分类科目编码", "科目名称", "栏次", "合计", ""]
    out += [c for c, *_ in FUND_ROWS] + [""] + [n for _, n, _ in FUND_ROWS] + [""]
    run = lambda j: [v[j] for _, _, v in FUND_ROWS[:1]] + [v[j] for _, _, v in FUND_ROWS]  # noqa: E731
    if glued:
        out += ["年初结转和结余", "1", *run(0), "", "本年收入", "2", *run(1), "", "小计", "3", *run(2), ""]
        out += ["本年支出", "基本支出", "4", *run(3), "", "项目支出", "5", *run(4), ""]
    else:
        out += ["年初结转和结余", "", "本年收入", "", "1", "", "2", *run(1), "", *run(0), ""]
        out += ["小计", "3", *run(2), "", "本年支出", "基本支出", "4", "", "项目支出", "5", *run(3), "", *run(4), ""]
    out += ["年末结转和结余", "6", *run(5), ""]
    return read_text("\n".join(out).encode(), "t.txt").lines


def test_a_header_right_before_a_run_tells_interchangeable_fund_columns_apart():
    """年初 and 本年收入 both add to 年末, 基本 and 项目 both make up 小计: which holds a figure
    only the header says, its text (and 栏次) in the run's block. A 栏次 number alone before a
    run says nothing, nor does a header beside a column whose header stands alone: the tool
    glues the header printed just above the figures to a neighbouring column's run as readily
    as to its own — so the swaps stay in doubt."""
    solved = solve("T07", _t07(False))
    assert solved is not None
    got = _placed(solved)
    for col in ("年初结转和结余", "本年收入", "基本支出", "项目支出"):
        assert got[("212", col)][1]  # the swaps are in doubt
    solved = solve("T07", _t07(True))
    assert solved is not None
    got = _placed(solved)
    want = {(r, c): (D(v), False) for r, _, vals in [("合计", "", FUND_ROWS[0][2]), *FUND_ROWS]
            for c, v in zip(FORM, vals)}
    assert got == want


def test_a_header_whose_number_names_another_column_gives_no_pins():
    lines = _t07(True)
    text = "\n".join(ln.text for ln in lines).replace("小计\n3", "小计\n4").replace("基本支出\n4", "基本支出\n3")
    lines = read_text(text.encode(), "t.txt").lines
    solved = solve("T07", lines)
    assert solved is not None
    got = _placed(solved)
    assert got[("212", "年初结转和结余")][1] and got[("212", "项目支出")][1]
