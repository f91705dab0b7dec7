"""A functional table whose columns plain pdftotext printed out of order (blocks.solve's search
in any column order, blocks/permuted.py): each column's runs still in row order, the bare 栏次
number of each column right above its first run; the identities check every placement, and the
columns only a number tells apart stay in doubt until the other tables' bounds rule out every
other arrangement of them."""

from __future__ import annotations

from decimal import Decimal as D

from juesuan.extract.blocks import solve
from juesuan.extract.blocks.anchors import number_pins
from juesuan.extract.blocks.permuted import permuted_doubts
from juesuan.read.text import read_text

# a made-up department's spending (公开03表): 本年支出合计 | 基本支出 | 项目支出 (| three blank)
ROWS = [  # code, name, 合计, 基本支出, 项目支出 (None: blank)
    ("合计", "", "1000.00", "640.00", "360.00"),
    ("201", "一般公共服务支出", "1000.00", "640.00", "360.00"),
    ("20106", "财政事务", "1000.00", "640.00", "360.00"),
    ("2010601", "行政运行", "640.00", "640.00", None),
    ("2010602", "一般行政管理事务", "360.00", None, "360.00"),
]


def _t03() -> list:
    """支出决算表 as plain pdftotext prints it with rows set solid: codes, names, the headers
    apart, then 基本支出's run under its 栏次 number 2, 项目支出's under 3 (cut at its blank
    cell), 本年支出合计's under 1 — the 合计 column last — and the blank columns' numbers apart."""
    out = ["支出决算表", "单位：万元", "", "项目", "科目编码", ""]
    out += [c for c, *_ in ROWS[1:]] + ["", "合计"] + [n for _, n, *_ in ROWS[1:]] + [""]
    out += ["本年支出合计", "", "基本支出", "", "项目支出", ""]
    col = lambda j: [r[2 + j] for r in ROWS]  # noqa: E731
    out += ["2", *col(1)[:4], "", "3", *col(2)[:3], "", "1", *col(0), "", col(2)[4], ""]
    out += ["上缴上级支出", "", "经营支出", "", "对附属单位补助支出", "", "4", "", "5", "", "6", ""]
    return read_text("\n".join(out).encode(), "t.txt").lines


def _placed(solved) -> dict:
    return {(p.row, p.column): (p.value.parsed.value, p.uncertain) for p in solved[0]}


COLS = ("本年支出合计", "基本支出", "项目支出")


def test_columns_printed_out_of_order_are_placed_their_parts_in_doubt():
    """The 合计 column's run after the parts' breaks the bands: only a search in any column
    order places it. Its runs' numbers name 基本 and 项目, but a number alone may sit on the
    neighbouring column's run: with nothing else to tell them apart, both stay in doubt."""
    solved = solve("T03", _t03())
    assert solved is not None  # the bands alone: no placement
    got = _placed(solved)
    assert len(got) == 13
    for code, _, *vals in ROWS:
        for c, v in zip(COLS, vals, strict=True):
            if v is not None:
                assert got[(code, c)] == (D(v), c != "本年支出合计")
    assert solved.ranges is None


def test_the_other_tables_bounds_settle_the_parts():
    """T05's 基本支出 of 行政运行 (at most T03's) rules out a blank there, its 项目支出 of 一般行政
    管理事务 the same: no permutation of the part columns keeps both, so every cell is certain."""
    bounds = {("2010601", "基本支出"): (D("600.00"), None), ("2010602", "项目支出"): (D("300.00"), None)}
    solved = solve("T03", _t03(), bounds=bounds)
    assert solved is not None
    want = {(code, c): (D(v), False) for code, _, *vals in ROWS for c, v in zip(COLS, vals, strict=True)
            if v is not None}
    assert _placed(solved) == want


def test_a_bound_one_column_meets_leaves_the_other_in_doubt():
    """A bound on 基本支出 alone still lets 项目支出's figures move to a blank column."""
    bounds = {("2010601", "基本支出"): (D("600.00"), None)}
    got = _placed(solve("T03", _t03(), bounds=bounds))
    assert not got[("2010601", "基本支出")][1]
    assert got[("2010602", "项目支出")][1]


def test_number_pins_need_the_whole_numbered_row_and_distinct_numbers():
    lines = _t03()
    starts = [ln for ln in lines if ln.text.endswith(".00") and ln.no > 1 and lines[ln.no - 2].text in "123"]
    is_amount = lambda ln: ln.text.endswith(".00")  # noqa: E731
    assert number_pins(lines, starts, 6, is_amount) == {0: 1, 1: 2, 2: 0}
    assert number_pins(lines, starts, 7, is_amount) == {}  # 1..7 not each printed


def test_permuted_doubts_keep_what_a_bound_rules_out():
    values = {(0, 0): D(5), (0, 1): D(3), (0, 2): D(2)}
    assert permuted_doubts(values, [1, 2], {}) == {(0, 1), (0, 2)}
    assert permuted_doubts(values, [1, 2], {(0, 1): (D(3), None)}) == set()
    assert permuted_doubts(values, [1, 2, 3], {(0, 1): (D(3), None)}) == {(0, 2)}  # 2 ↔ a blank 3
    assert permuted_doubts({(0, 1): D(3), (0, 2): D(3)}, [1, 2], {}) == set()  # equal figures: no change


# ------------------------------------------------------------------ runs mixing two columns

MIXED_ROWS = [  # each body row fills 基本支出 or 项目支出, never both
    ("合计", "", "600.00", "400.00", "200.00"),
    ("201", "一般公共服务支出", "600.00", "400.00", "200.00"),
    ("20106", "财政事务", "600.00", "400.00", "200.00"),
    ("2010601", "行政运行", "300.00", "300.00", None),
    ("2010602", "一般行政管理事务", "200.00", None, "200.00"),
    ("2010650", "事业运行", "100.00", "100.00", None),
]


def _mixed() -> list:
    """The columns in order, but the body rows' 基本支出 and 项目支出 cells in one block: each
    row fills only one of the two, and the tool joined the neighbouring columns' cells."""
    out = ["支出决算表", "单位：万元", "", "项目", "科目编码", ""]
    out += [c for c, *_ in MIXED_ROWS[1:]] + ["", "合计"] + [n for _, n, *_ in MIXED_ROWS[1:]] + [""]
    col = lambda j: [r[2 + j] for r in MIXED_ROWS]  # noqa: E731
    out += [*col(0), "", *col(1)[:3], "", *col(2)[:3], ""]
    out += [v for r in MIXED_ROWS[3:] for v in r[3:] if v is not None] + [""]
    return read_text("\n".join(out).encode(), "t.txt").lines


def test_a_run_mixing_two_neighbouring_columns_is_placed():
    """No column holds the block's figures in consecutive rows: only the search that lets each
    amount of a run go on in a neighbouring column (``Search.mixed``) places it; the other
    tables' bounds tell the parts from the blank columns."""
    bounds = {("2010601", "基本支出"): (D("300.00"), None), ("2010602", "项目支出"): (D("200.00"), None)}
    solved = solve("T03", _mixed(), bounds=bounds)
    assert solved is not None
    want = {(code, c): (D(v), False) for code, _, *vals in MIXED_ROWS for c, v in zip(COLS, vals, strict=True)
            if v is not None}
    assert _placed(solved) == want



def test_the_memo_of_dead_states_keys_the_question_by_its_cells():
    """Searches asking of a placement's cells share what leads nowhere (``Search._dead``), each
    state with the question it is dead for: by its cells and figures, not by the dict's id — a
    later question's dict may reuse a freed one's id, and would then inherit states dead only
    for the other question (``test_blocks_memo``: the memo against an exhaustive enumeration)."""
    from juesuan.extract.blocks.search import Search

    def now(forbid: dict) -> object:
        s = Search([None, 0], 2, [D(1), D(1)], [(0, 2)], 100)
        s.forbid = forbid
        return s._now()

    assert now({(0, 0): 0}) == now({(0, 0): 0})
    assert now({(0, 0): 0}) != now({(1, 0): 1})
