"""公开08表 (国有资本经营预算财政拨款支出, 合计 | 基本支出 | 项目支出) printed column by column
(pdftotext without -layout): placed by the identities as 公开05表 is, or not at all."""

from __future__ import annotations

from decimal import Decimal as D

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
    assert got[("2230105", "项目支出")] == (D("80.00"), False)
    assert got[("合计", "合计")][0] == D("80.00")


def test_more_amounts_than_cells_or_a_failing_sum_leave_it_unplaced():
    assert solve("T08", _dump(extra_column=True)) is None
    assert solve("T08", _dump(total=("81.00", "0.00", "80.00"))) is None
