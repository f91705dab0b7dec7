"""Column-block tables settled together (pdftotext without -layout): what one table's
placements say of its blank and uncertain cells bounds the others'.

A made-up department: 公开01表 prints 500.00 of 一般公共预算财政拨款收入 and 20.00 of another
income item; 公开02表 prints the same two sources in its 合计 row and per code. T01's own
identities cannot tell which item the 20.00 is, and T02's cannot tell which two of its six
source columns hold its figures; listed in full, T01's placements leave the items they never
fill at 0 and the others within a range — enough to put T02's 500.00 column under 财政拨款收入,
not to say which item the 20.00 is (that stays uncertain in both). A table printed row by row
whose reading left its columns in doubt is placed the same way, with the fund table's cells.
"""

from __future__ import annotations

from decimal import Decimal as D

from test_blocks_sides import T01_INCOME, _t01

from juesuan.extract.blocks import solve
from juesuan.extract.blocks.cross import cross_bounds
from juesuan.model import BLOCK_LAYOUT, Cell, Disclosure, Table
from juesuan.pipeline import build
from juesuan.read.text import read_text

T02_COLUMNS = ("本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")
T02_ROWS = [  # code, name, 本年收入合计, 财政拨款收入, 事业收入 (None: blank)
    ("合计", "合计", "520.00", "500.00", "20.00"),
    ("201", "一般公共服务支出", "300.00", "280.00", "20.00"),
    ("20106", "财政事务", "300.00", "280.00", "20.00"),
    ("2010601", "行政运行", "280.00", "280.00", None),
    ("2010602", "一般行政管理事务", "20.00", None, "20.00"),
    ("205", "教育支出", "220.00", "220.00", None),
    ("20501", "教育管理事务", "220.00", "220.00", None),
    ("2050101", "行政运行", "220.00", "220.00", None),
]
WANT_T02 = {(r[0], col): D(v) for r in T02_ROWS for col, v in zip(("本年收入合计", "财政拨款收入", "事业收入"), r[2:]) if v}


def _t02_dump():
    """收入决算表 as pdftotext prints it: codes, names, then each column's amounts in row order,
    a run of consecutive non-blank cells a block with a blank line after it."""
    out = ["收入决算表", "单位：万元", "", "项目", "科目编码", ""]
    out += [c for c, *_ in T02_ROWS if c != "合计"] + [""]
    out += [n for _, n, *_ in T02_ROWS] + [""]
    for j in range(3):
        for r in T02_ROWS:
            if r[2 + j] is not None:
                out.append(r[2 + j])
            elif out[-1]:
                out.append("")
        if out[-1]:
            out.append("")
    return read_text("\n".join(out).encode(), "t.txt").lines


# what 公开03表 says of T01's 类 (X-T01-T03-class), and 公开04表 of its fund income (X-T04-T01-income)
CLASSES = {("201", "金额"): (D("300.00"), D("300.00")), ("205", "金额"): (D("220.00"), D("220.00"))}
FUND = {("一般公共预算财政拨款收入", "金额"): (D("500.00"), D("500.00"))}


def _doc_with_t01(bounds=None) -> tuple[Disclosure, object]:
    """A document whose T01 is placed from its column blocks (with T03's classes and
    ``bounds``), as set_status leaves it."""
    solved = solve("T01", _t01(), bounds=CLASSES | (bounds or {}))
    assert solved is not None
    d = Disclosure()
    t01 = Table(id="T01", present=True, layout=BLOCK_LAYOUT,
                status="partial" if any(p.uncertain for p in solved.placed) else "read")
    for p in solved.placed:
        t01.put(Cell(table="T01", row=p.row, column=p.column, value=p.value.parsed.value, uncertain=p.uncertain))
    t01._ranges = solved.ranges
    d.tables["T01"] = t01
    d.tables["T02"] = Table(id="T02", present=True)
    return d, solved


def _placed(solved):
    return {(p.row, p.column): (p.value.parsed.value, p.uncertain) for p in solved.placed}


def test_a_placement_listed_in_full_gives_each_cell_its_range():
    """With 500.00 known to be 一般公共预算财政拨款收入, T01's 20.00 may be any income item after
    it: each of them ranges over [0, 20]; its certain cells are their own range. With nothing
    telling which item the 500.00 is either, the placements are too many to list: no range."""
    _, solved = _doc_with_t01()
    assert solved.ranges is None
    _, solved = _doc_with_t01(FUND)
    assert solved.ranges is not None
    assert solved.ranges[("201", "金额")] == (D("300.00"), D("300.00"))
    assert solved.ranges is not None
    assert solved.ranges[("上级补助收入", "金额")] == (D(0), D("20.00"))
    twenty = [p for p in solved.placed if p.value.raw == "20.00"]
    assert len(twenty) == 1 and twenty[0].uncertain


def test_cells_no_placement_fills_are_zero_to_the_other_tables():
    """With both income figures told by bounds, every other item is blank in each of T01's
    placements, so T02's 合计 row holds 0 there, and its 财政拨款收入 exactly T01's three fund
    items."""
    d, solved = _doc_with_t01(FUND | {("事业收入", "金额"): (D("20.00"), D("20.00"))})
    assert solved.ranges is not None and solved.ranges[("上级补助收入", "金额")] == (0, 0)
    b = cross_bounds(d, "T02")
    lo, hi = b[("合计", "上级补助收入")]
    assert lo is not None and hi is not None and -D("0.01") <= lo <= 0 <= hi <= D("0.01")
    lo, hi = b[("合计", "财政拨款收入")]
    assert lo is not None and hi is not None and lo <= D("500.00") <= hi and hi - lo <= D("0.04")  # a tolerance each side


def test_blank_cells_of_a_placement_not_listed_in_full_say_nothing():
    d, _ = _doc_with_t01(FUND | {("事业收入", "金额"): (D("20.00"), D("20.00"))})
    d.tables["T01"]._ranges = None  # the search stopped before it listed every placement
    b = cross_bounds(d, "T02")
    assert ("合计", "上级补助收入") not in b
    assert ("合计", "事业收入") in b  # a certain cell still speaks


def test_t01_settles_t02s_columns():
    d, _ = _doc_with_t01(FUND | {("事业收入", "金额"): (D("20.00"), D("20.00"))})
    alone = solve("T02", _t02_dump())
    assert alone is not None and any(u for _, u in _placed(alone).values())
    solved = solve("T02", _t02_dump(), bounds=cross_bounds(d, "T02"))
    assert solved is not None
    assert _placed(solved) == {k: (v, False) for k, v in WANT_T02.items()}


def test_t01_in_doubt_settles_only_what_all_its_placements_agree_on():
    """T01 not knowing which item its 20.00 is: T02's 500.00 column is 财政拨款收入 whichever it
    is (no other column may hold more than 20.00), the 20.00 column stays uncertain."""
    d, _ = _doc_with_t01(FUND)
    solved = solve("T02", _t02_dump(), bounds=cross_bounds(d, "T02"))
    assert solved is not None
    got = _placed(solved)
    for (row, col), v in WANT_T02.items():
        if col != "事业收入":
            assert got[(row, col)] == (v, False)
    twenty = {k: u for k, (v, u) in got.items() if k[1] not in ("本年收入合计", "财政拨款收入")}
    assert twenty and all(twenty.values())
    assert T01_INCOME[4] == ("五、事业收入", "20.00")  # the item T02's 20.00 column really is


# ---------------------------------------------------------------- a table printed row by row

T03_TITLE = ["支出决算表", "单位：万元", "项目", "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出",
             "对附属单位补助支出"]
T05_TITLE = ["一般公共预算财政拨款支出决算表", "单位：万元", "项目", "合计", "基本支出", "项目支出"]
ROWS = [("201", "一般公共服务支出", "10.00", "6.00", "4.00"), ("20106", "财政事务", "10.00", "6.00", "4.00"),
        ("2010601", "行政运行", "6.00", "6.00", None), ("2010602", "一般行政管理事务", "4.00", None, "4.00")]


def _rowwise_t03_and_blocks_t05(t05_rows=ROWS):
    """T03 one cell a line row by row (a blank line after each cell, as pdftotext separates
    them), every row printing fewer figures than the form's six columns; T05 column by column."""
    lines = T03_TITLE + [""]
    for code, name, *vals in [("合计", "", "10.00", "6.00", "4.00"), *ROWS]:
        lines += [x for v in (code, name, *vals) if v for x in (v, "")]
    rows = list(t05_rows)
    codes = [r[0][:3] for r in rows] + [r[0][3:5] for r in rows if len(r[0]) > 3] + [r[0][5:] for r in rows if len(r[0]) > 5]
    total = [sum((D(r[2 + j]) for r in rows if len(r[0]) == 3 and r[2 + j]), D(0)) for j in range(3)]
    lines += [*T05_TITLE, "合计", *codes, *[r[1] for r in rows]]
    lines += [f"{v:.2f}" for v in total if v]
    for j in range(3):
        lines += [r[2 + j] for r in rows if r[2 + j]]
    return build(read_text(("\n".join(lines) + "\n").encode(), "t.txt"))


def test_a_table_read_row_by_row_with_columns_in_doubt_is_placed_by_the_fund_table():
    d = _rowwise_t03_and_blocks_t05()
    t = d.tables["T03"]
    want = {(r[0], c): D(v) for r in [("合计", "", "10.00", "6.00", "4.00"), *ROWS]
            for c, v in zip(("本年支出合计", "基本支出", "项目支出"), r[2:]) if v}
    assert {c.key[1:]: c.value for c in t.cells} == want
    assert not any(c.uncertain for c in t.cells)
    assert t.status == "read" and t.layout == BLOCK_LAYOUT


def test_a_fund_table_in_doubt_itself_leaves_the_reading_as_it_was():
    """T05 printing one part column only (6.00 of each row, 基本支出 or 项目支出: nothing tells):
    it says nothing of T03's part columns, which stay in doubt, never wrong."""
    d = _rowwise_t03_and_blocks_t05([(c, n, "6.00", "6.00", None) for c, n, *_ in ROWS[:3]])
    t = d.tables["T03"]
    assert t.status == "partial"
    truth = {(r[0], col): D(v) for r in [("合计", "", "10.00", "6.00", "4.00"), *ROWS]
             for col, v in zip(("本年支出合计", "基本支出", "项目支出"), r[2:]) if v}
    assert all(truth.get(c.key[1:]) == c.value for c in t.cells if not c.uncertain)
    assert all(c.uncertain for c in t.cells if c.column != "本年支出合计")
    assert {c.row for c in t.cells if c.column == "本年支出合计" and not c.uncertain} == {r[0] for r in ROWS} | {"合计"}


# ---------------------------------------------------------------- an amount printed late

LATE_ROWS = [  # code, name, 本年支出合计, 基本支出, 项目支出 (None: blank)
    ("合计", "合计", "180.00", "110.00", "70.00"),
    ("201", "一般公共服务支出", "120.00", "60.00", "60.00"),
    ("20106", "财政事务", "120.00", "60.00", "60.00"),
    ("2010601", "行政运行", "60.00", "60.00", None),
    ("2010602", "一般行政管理事务", "60.00", None, "60.00"),
    ("208", "社会保障和就业支出", "60.00", "50.00", "10.00"),
    ("20805", "行政事业单位养老支出", "60.00", "50.00", "10.00"),
    ("2080505", "机关事业单位基本养老保险缴费支出", "50.00", "50.00", None),
    ("2080599", "其他行政事业单位养老支出", "10.00", None, "10.00"),
]
LATE = "2010602"  # its 项目支出 is printed after the page's last row, before the other headers


def _late_dump(rows=LATE_ROWS, late=LATE):
    """支出决算表 printed row by row, one cell a line with a blank line after each, the 项目支出
    of ``late`` left out of its row and printed after the last row, followed by the header
    words the tool kept apart too."""
    out = ["支出决算表", "单位：万元", "", "项目", "", "本年支出合计", "", "基本支出", "", "项目支出", ""]
    for code, name, *vals in rows:
        vals = [None if code == late and j == 2 else v for j, v in enumerate(vals)]
        out += [x for v in (code if code != "合计" else "", name, *vals) if v for x in (v, "")]
    out += [x for r in rows if r[0] == late for x in (r[4], "")] + ["上缴上级支出", "", "经营支出", ""]
    return read_text("\n".join(out).encode(), "t.txt").lines


LATE_BOUNDS = {("2010601", "基本支出"): (D("60.00"), None), ("2080599", "项目支出"): (D("10.00"), None)}
LATE_WANT = {(r[0], col): D(v) for r in LATE_ROWS for col, v in zip(("本年支出合计", "基本支出", "项目支出"), r[2:]) if v}


def test_an_amount_printed_late_is_placed_where_its_row_lacks_it():
    solved = solve("T03", _late_dump(), bounds=LATE_BOUNDS)
    assert solved is not None
    assert _placed(solved) == {k: (v, False) for k, v in LATE_WANT.items()}


def test_an_amount_printed_late_leaves_in_doubt_what_the_identities_leave_in_doubt():
    """Without the fund table's cells the part columns may be any two of five, in every order
    the late amount may have come in: the figures are placed, those in doubt uncertain (all of
    them when the orders are too many to search within the budget), none certain and wrong."""
    solved = solve("T03", _late_dump())
    assert solved is not None
    got = _placed(solved)
    assert sorted(v for v, _ in got.values()) == sorted(LATE_WANT.values())
    assert all(LATE_WANT.get(k) == v for k, (v, unsure) in got.items() if not unsure)
    assert all(unsure for k, (_, unsure) in got.items() if k[1] != "本年支出合计")


def test_a_late_amount_does_not_excuse_a_misprint():
    rows = [r if r[0] != "2080599" else (*r[:2], "11.00", None, "10.00") for r in LATE_ROWS]  # 11 ≠ 10
    assert solve("T03", _late_dump(rows), bounds=LATE_BOUNDS) is None


def test_amounts_printed_in_order_are_never_moved():
    """Every amount printed in its row (the last one before the header words, as a late one
    would stand): no order but the printed one is tried."""
    from juesuan.extract.blocks import deferred

    calls = []
    real = deferred.orders
    deferred.orders = lambda *a: calls.append(a) or real(*a)  # type: ignore[assignment]
    try:
        solved = solve("T03", _late_dump(late=""), bounds=LATE_BOUNDS)
    finally:
        deferred.orders = real  # type: ignore[assignment]
    assert solved is not None and not calls
