"""公开08表 (国有资本经营预算财政拨款支出, 合计 | 基本支出 | 项目支出) printed column by column
(pdftotext without -layout): placed by the identities as 公开05表 is, or not at all."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from juesuan.extract.blocks import solve
from juesuan.read.text import read_text

ROWS = [  # a made-up department's state-capital spending
    ("223", "国有资本经营预算支出", ("80.00", "0.00", "80.00")),
    ("22301", "解决历史遗留问题及改革成本支出", ("80.00", "0.00", "80.00")),
    ("2230105", "国有企业退休人员社会化管理补助支出", ("80.00", "0.00", "80.00")),
]


def _dump(total=("80.00", "0.00", "80.00"), extra_column: bool = False) -> list:
    out = ["国有资本经营预算财政拨款支出决算表", "单位：万元", "科目编码", "科目名称", "合计"]
    out += [c for c, _, _ in ROWS] + [n for _, n, _ in ROWS]
    cols = list(zip(total, *[v for _, _, v in ROWS]))
    if extra_column:  # a form with 本年收入 beside: more amounts than the table's cells
        cols.insert(0, ("80.00",) * 4)
    for col in cols:
        out += list(col)
    return read_text("\n".join(out).encode(), "t.txt").lines


def test_a_fund_table_printed_column_by_column_is_placed():
    solved = solve("T08", _dump())
    assert solved is not None
    got = {(p.row, p.column): (p.value.parsed.value, p.uncertain) for p in solved[0]}
    # 基本支出 and 项目支出 both make up 合计: which is which only the print order says
    assert got[("2230105", "项目支出")] == (D("80.00"), True)
    assert got[("合计", "合计")] == (D("80.00"), False)


def test_more_amounts_than_cells_or_a_failing_sum_leave_it_unplaced():
    assert solve("T08", _dump(extra_column=True)) is None
    assert solve("T08", _dump(total=("81.00", "0.00", "80.00"))) is None


# ------------------------------------------------------------------ 公开07表 and the fund form

FORM = ("年初结转和结余", "本年收入", "小计", "基本支出", "项目支出", "年末结转和结余")
FUND_ROWS = [  # a made-up department's land-revenue fund spending (None: blank, not printed)
    ("212", "城乡社区支出", ("50.00", "300.00", "320.00", "20.00", "300.00", "30.00")),
    ("21208", "国有土地使用权出让收入安排的支出", ("50.00", "300.00", "320.00", "20.00", "300.00", "30.00")),
    ("2120801", "征地和拆迁补偿支出", ("50.00", "100.00", "150.00", "20.00", "130.00", None)),
    ("2120803", "城市建设支出", (None, "200.00", "170.00", None, "170.00", "30.00")),
]
FUND_TOTAL = ("50.00", "300.00", "320.00", "20.00", "300.00", "30.00")


def _header(shanghai: bool) -> list[str]:
    spent = "合计" if shanghai else "小计"  # the Shanghai template heads 本年支出's total 合计
    return ["政府性基金预算财政拨款收入支出决算表", "单位：万元", "项目", "功能分类科目编码", "科目名称",
            "年初结转和结余", "本年收入", "本年支出", spent, "基本支出", "项目支出", "年末结转和结余"]


def _by_columns(rows=FUND_ROWS, total=FUND_TOTAL, blocks: bool = True) -> list:
    """The national form printed column by column: 合计, the codes, the names, then each
    column's amounts in row order, blanks dropped (``blocks``: the tool's text blocks kept, a
    blank line between runs of consecutive rows)."""
    out = _header(False) + ["合计"] + [c for c, _, _ in rows] + [n for _, n, _ in rows]
    for j in range(len(FORM)):
        for x in [total[j]] + [v[j] for _, _, v in rows]:
            if x is not None:
                out.append(x)
            elif blocks and out[-1]:
                out.append("")
        out += [""] if blocks else []
    return read_text("\n".join(out).encode(), "t.txt").lines


def _by_rows(rows=FUND_ROWS, total=FUND_TOTAL, zero: str = "0.00") -> list:
    """The Shanghai form printed row by row, every cell a block of its own, 合计 at the bottom."""
    out = _header(True)
    for code, name, vals in [*rows, ("", "合计", total)]:
        out += [x for x in (code, name) if x] + [("0" if x == "0.00" else x) if zero == "0" else x
                                                    for x in vals if x is not None]
    return read_text("\n\n".join(out).encode(), "t.txt").lines


def _fund_want(rows=FUND_ROWS, total=FUND_TOTAL, columns=FORM):
    want = {("合计", c): D(v) for c, v in zip(columns, total) if v is not None}
    for code, _, vals in rows:
        want.update({(code, c): D(v) for c, v in zip(columns, vals) if v is not None})
    return want


def _got(solved):
    return {(p.row, p.column): p.value.parsed.value for p in solved[0]}


@pytest.mark.parametrize("blocks", [True, False])
def test_a_t07_printed_column_by_column_is_placed_by_the_fund_identities(blocks):
    """The figures are placed; but 年初 and 本年收入 both add to 年末, 基本 and 项目 both make up
    小计: no identity tells either pair apart, only the order the tool emitted the columns in —
    and pdftotext may emit a column's run before the one on its left. Those cells are
    uncertain; 小计 and 年末 are certain."""
    solved = solve("T07", _by_columns(blocks=blocks))
    assert solved is not None
    assert _got(solved) == _fund_want()
    unsure = {p.column for p in solved[0] if p.uncertain}
    assert unsure == {"年初结转和结余", "本年收入", "基本支出", "项目支出"}


def test_another_tables_bounds_tell_interchangeable_columns_apart():
    """T04's 政府性基金 column bounds T07's 合计 本年收入 and 项目支出 (made-up bounds here): the
    swapped reading breaks them, so the columns are certain."""
    bounds = {("合计", "本年收入"): (D("299.995"), D("300.005")), ("合计", "项目支出"): (D("299.995"), D("300.005"))}
    solved = solve("T07", _by_columns(), bounds=bounds)
    assert solved is not None and _got(solved) == _fund_want()
    assert not any(p.uncertain for p in solved[0])


def test_printed_row_by_row_the_columns_come_in_order():
    solved = solve("T07", _by_rows())
    assert solved is not None and _got(solved) == _fund_want() and not any(p.uncertain for p in solved[0])


@pytest.mark.parametrize("zero", ["0.00", "0"])
def test_a_shanghai_t07_printed_row_by_row_is_placed_with_its_bare_zeros(zero):
    # every cell printed (a blank between two rows' figures would leave whose it is open)
    rows = [(c, n, tuple("0.00" if v is None else v for v in vals)) for c, n, vals in FUND_ROWS]
    solved = solve("T07", _by_rows(rows, zero=zero))
    assert solved is not None
    assert _got(solved) == _fund_want(rows)
    assert not any(p.uncertain for p in solved[0])


def test_a_fund_table_no_placement_satisfies_is_not_read():
    # 城市建设支出 spends 170.00 of which 项目支出 171.00: 小计 = 基本 + 项目 holds nowhere
    rows = [r if r[0] != "2120803" else (r[0], r[1], (None, "200.00", "170.00", None, "171.00", "30.00"))
            for r in FUND_ROWS]
    assert solve("T07", _by_columns(rows)) is None


def test_figures_the_fund_identities_cannot_place_are_uncertain():
    # each row carries 10.00 over and spends it on projects: 年末 = 年初 + 收入 − 小计 and
    # 小计 = 基本 + 项目 hold as well with the 10.00 taken in this year (本年收入), or spent as 基本支出
    vals = ("10.00", None, "10.00", None, "10.00", None)
    rows = [(c, n, vals) for c, n, _ in FUND_ROWS[:3]]
    solved = solve("T07", _by_columns(rows, total=vals, blocks=False))
    assert solved is not None
    assert all(p.uncertain for p in solved[0] if p.column != "小计")
    assert not any(p.uncertain for p in solved[0] if p.column == "小计")


def _shanghai_t08(total: tuple[str, ...], income: bool) -> list:
    """公开08表 as Shanghai's 国有资本经营预算财政拨款收入支出决算表, row by row, 合计 on top
    (``income``: its code rows print 本年收入 = their spending, nothing being carried over)."""
    out = ["国有资本经营预算财政拨款收入支出决算表", "单位：万元", "项目", "功能分类科目编码", "科目名称",
           "年初结转和结余", "本年收入", "本年支出", "合计", "基本支出", "项目支出", "年末结转和结余", "合计", *total]
    for code, name, vals in ROWS:
        out += [code, name] + ([vals[0]] if income else []) + list(vals)
    return read_text("\n\n".join(out).encode(), "t.txt").lines


def test_the_shanghai_t08_form_is_placed_and_keeps_its_spending_columns_only():
    solved = solve("T08", _shanghai_t08(("0.00", "80.00", "80.00", "0.00", "80.00", "0.00"), income=True))
    assert solved is not None
    got = {(p.row, p.column): (p.value.parsed.value, p.uncertain) for p in solved[0]}
    assert got[("2230105", "项目支出")] == (D("80.00"), False)
    assert got[("223", "合计")] == (D("80.00"), False) and got[("223", "本年收入")] == (D("80.00"), False)
    # (the 合计 row's closing 0.00 could as well be the next row's opening one: uncertain)
    assert not any(u for (_, c), (_, u) in got.items() if c in ("合计", "基本支出", "项目支出"))


def test_a_shanghai_t08_whose_code_rows_leave_the_carry_over_blank_is_not_placed():
    # the 合计 row prints 年初 5.00 / 年末 5.00 (T04's), its code rows nothing there: the form's
    # balance and sums fail, and nothing else binds those columns
    assert solve("T08", _shanghai_t08(("5.00", "80.00", "80.00", "0.00", "80.00", "5.00"), income=False)) is None


# Shanghai's 国有资本经营 收入支出决算表 set solid (render.variants ``tight_rows``), as plain pdftotext
# prints it: each row's figures a block of their own, but the 合计 row's 年初 and 年末 (the only
# carry-over figures: the code rows leave them blank) printed after the rows with their headers
_LATE_CARRY = "\n".join([
    "项目", "类", "", "款", "", "项", "", "科目名称", "栏次", "合计", "", "223", "223", "", "01", "", "223", "", "01", "",
    "05", "", "年初结转和结余", "", "本年收入", "", "1", "", "173.49", "", "173.49", "", "0", "", "项目支出", "5",
    *(["173.49", "", "173.49", "", "173.49", "", "0", ""] * 3), "173.49", "", "2", "0", "",
    "国有资本经营预算", "支出", "解决历史遗留问题", "及改革成本支出", "国有企业退休人员", "社会化管理补助支", "出", "",
    "注：本表反映部门本年度国有资本经营预算财政拨款支出情况。", "", "本年支出", "基本支出", "4", "", "合计", "3", "",
    "年末结转和结余", "6", "0"])


def test_carry_over_figures_printed_late_leave_no_shifted_reading_certain():
    solved = solve("T08", read_text(_LATE_CARRY.encode(), "t.txt").lines)
    want = {(r, c): D(v) for r in ("合计", "223", "22301", "2230105")
            for c, v in (("合计", "173.49"), ("基本支出", "0"), ("项目支出", "173.49"))}
    assert solved is None or all(want.get((p.row, p.column), D(0)) == p.value.parsed.value
                                 for p in solved[0] if not p.uncertain and p.column in TABLES_T08)


TABLES_T08 = ("合计", "基本支出", "项目支出")
