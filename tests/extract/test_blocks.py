"""Column-block tables (pdftotext without -layout): a synthetic 公开05表 printed the way the
tool prints it — the 类 codes of all rows, the 款 and 项 parts, the names, then each column's
amounts in row order with blank cells dropped — is placed by its identities, exactly; a table
whose identities no placement satisfies is not read at all."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from juesuan.extract.blocks import solve
from juesuan.read.text import read_text

ROWS = [  # code, name, 小计, 基本支出, 项目支出 (None: blank, not printed)
    ("208", "社会保障和就业支出", "100.00", "70.00", "30.00"),
    ("20805", "行政事业单位养老支出", "100.00", "70.00", "30.00"),
    ("2080501", "行政单位离退休", "40.00", "10.00", "30.00"),
    ("2080505", "机关事业单位基本养老保险缴费支出", "60.00", "60.00", None),
    ("210", "卫生健康支出", "50.00", "50.00", None),
    ("21011", "行政事业单位医疗", "50.00", "50.00", None),
    ("2101101", "行政单位医疗", "50.00", "50.00", None),
]
TOTAL = ("150.00", "120.00", "30.00")
COLUMNS = ("小计", "基本支出", "项目支出")


def _dump(rows=ROWS, total=TOTAL, total_last=False, wrap=False) -> list:
    out = ["一般公共预算财政拨款支出决算表", "单位：万元", "项目", "类"]
    out += [c[:3] for c, *_ in rows]
    out += ["款", "项"] + [c[3:5] for c, *_ in rows if len(c) > 3] + [c[5:] for c, *_ in rows if len(c) > 5]
    out += ["科目名称"] + ([] if total_last else ["合计"])
    for _, name, *_ in rows:
        out += [name[:8], name[8:]] if wrap and len(name) > 8 else [name]
    out += ["合计"] if total_last else []
    for j in range(3):
        col = [r[2 + j] for r in rows]
        col = col + [total[j]] if total_last else [total[j]] + col
        out += [v for v in col if v is not None]
    return read_text("\n".join(out).encode(), "t.txt").lines


def _cells(solved):
    return {(p.row, p.column): p.value.parsed.value for p in solved[0]}


def _want():
    want = {("合计", c): D(v) for c, v in zip(COLUMNS, TOTAL)}
    for code, _, *vals in ROWS:
        want.update({(code, c): D(v) for c, v in zip(COLUMNS, vals) if v is not None})
    return want


@pytest.mark.parametrize("total_last", [False, True])
@pytest.mark.parametrize("wrap", [False, True])
def test_column_blocks_are_placed_by_the_identities(total_last, wrap):
    solved = solve("T05", _dump(total_last=total_last, wrap=wrap))
    assert solved is not None
    assert _cells(solved) == _want()
    assert not any(p.uncertain for p in solved[0])
    assert solved[1]["2080505"] == "机关事业单位基本养老保险缴费支出"


def test_no_placement_satisfies_the_identities_so_nothing_is_read():
    rows = [r if r[0] != "2080505" else (*r[:3], "61.00", None) for r in ROWS]  # 60.00 ≠ 61.00 + blank
    assert solve("T05", _dump(rows=rows)) is None


def test_codes_that_do_not_confirm_the_names_are_not_read():
    lines = _dump()
    for ln in lines:  # one 项 part misprinted: the rows the names give are not the rows printed
        if ln.text == "05" and ln.no > 12:
            ln.text, ln.chunks[0].text = "06", "06"
            break
    assert solve("T05", lines) is None


def test_other_tables_are_not_guessed():
    assert solve("T06", _dump()) is None
