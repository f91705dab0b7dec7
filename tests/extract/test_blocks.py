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


# ------------------------------------------------ pdftotext's blocks: runs separated by blank lines

T03_COLUMNS = ("本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")
T03_ROWS = [  # code, name, then 本年支出合计, 基本支出, 项目支出 (None: blank)
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


def _pdftotext_dump(rows, bands: list[tuple[int, int]]) -> list:
    """The text pdftotext gives of a 支出决算表: codes, names, then for each band of rows
    [a, b) each column's amounts, a run of consecutive non-blank cells a block with a blank
    line after it."""
    out = ["支出决算表", "单位：万元", "", "项目", "科目编码", ""]
    out += [c for c, *_ in rows if c != "合计"] + [""]
    out += [n for _, n, *_ in rows] + [""]
    for a, b in bands:
        for j in range(3):
            for r in rows[a:b]:
                if r[2 + j] is not None:
                    out.append(r[2 + j])
                elif out[-1]:
                    out.append("")
            if out[-1]:
                out.append("")
    return read_text("\n".join(out).encode(), "t.txt").lines


def _placed(solved):
    return {(p.row, p.column): (p.value.parsed.value, p.uncertain) for p in solved[0]}


def test_blank_line_blocks_are_placed_band_by_band():
    """Bands cut where a taller row was; the first column's figures are certain, the part columns
    only as far as the identities tell them apart: 基本支出 and 项目支出 could as well be any two
    of the five part columns, so they are placed but uncertain."""
    solved = solve("T03", _pdftotext_dump(T03_ROWS, [(0, 1), (1, 5), (5, 7), (7, 9)]))
    assert solved is not None
    got = _placed(solved)
    for code, _, total, *_ in T03_ROWS:
        assert got[(code, "本年支出合计")] == (D(total), False)
    parts = {k: v for k, v in got.items() if k[1] != "本年支出合计"}
    assert parts and all(unsure for _, unsure in parts.values())
    assert sorted(v for v, _ in parts.values()) == sorted(D(r[j]) for r in T03_ROWS for j in (3, 4) if r[j])


def test_another_tables_cells_tell_the_part_columns_apart():
    """With 基本支出 of two rows known from a sibling table (a cross-table identity such as
    T05 ≤ T03), every placement but the right one fails: all cells certain and right."""
    bounds = {("2010601", "基本支出"): (D("60.00"), None), ("2080599", "项目支出"): (D("10.00"), None)}
    solved = solve("T03", _pdftotext_dump(T03_ROWS, [(0, 1), (1, 5), (5, 7), (7, 9)]), bounds=bounds)
    assert solved is not None
    want = {(r[0], col): (D(v), False) for r in T03_ROWS for col, v in zip(T03_COLUMNS, r[2:]) if v is not None}
    assert _placed(solved) == want


def test_a_misprinted_figure_in_blocks_leaves_the_table_unplaced():
    rows = [r if r[0] != "2080599" else (*r[:2], "11.00", None, "10.00") for r in T03_ROWS]  # 11 ≠ 10
    assert solve("T03", _pdftotext_dump(rows, [(0, 1), (1, 5), (5, 9)])) is None


def test_equal_figures_swapped_are_one_placement():
    """Rows whose total equals their one part print the same figure over and over; which copy
    goes to which of those cells changes no cell, so it casts no doubt (the part column itself
    is told by a sibling table's cell)."""
    rows = [("208", "社会保障和就业支出", "60.00", "60.00", None), ("20805", "行政事业单位养老支出", "60.00", "60.00", None),
            ("2080505", "机关事业单位基本养老保险缴费支出", "60.00", "60.00", None)]
    solved = solve("T05", _dump(rows=rows, total=("60.00", "60.00", None)),
                   bounds={("2080505", "基本支出"): (D("60.00"), None)})
    assert solved is not None
    assert {k: v for k, v in _placed(solved).items()} == {
        (r, c): (D("60.00"), False) for r in ("合计", "208", "20805", "2080505") for c in ("小计", "基本支出")}


def test_cross_bounds_come_from_certain_cells_of_tables_read():
    """T05 ≤ T03 per code and column: a read T05 puts floors under T03's cells; an uncertain
    cell, or a table not read in full, says nothing."""
    from juesuan.extract.blocks.cross import cross_bounds
    from sibling_tables import t05_one_row as doc

    lo, hi = cross_bounds(doc(False), "T03")[("201", "基本支出")]
    assert hi is None and D("29.98") <= lo <= D("30.00")
    assert ("201", "基本支出") not in cross_bounds(doc(True), "T03")
    assert cross_bounds(doc(False, "partial"), "T03") == {}


def _flows_dump(rows, bands: list[tuple[int, int]]) -> list:
    """Like ``_pdftotext_dump``, but a column's amounts of a band are one run with no blank
    line where a cell is blank: rows set solid, pdftotext joins the blocks above and below a
    blank cell into one flow (the gap is under 2.5 × the font size)."""
    out = ["支出决算表", "单位：万元", "", "项目", "科目编码", ""]
    out += [c for c, *_ in rows if c != "合计"] + [""]
    out += [n for _, n, *_ in rows] + [""]
    for a, b in bands:
        for j in range(3):
            run = [r[2 + j] for r in rows[a:b] if r[2 + j] is not None]
            out += run + ([""] if run else [])
    return read_text("\n".join(out).encode(), "t.txt").lines


def test_a_run_may_skip_a_blank_cell():
    """The 项目支出 run of rows 201…2010602 skips 2010601's blank cell: no placement keeps every
    run on consecutive rows, so the runs' amounts go down their column with rows skipped
    (search.gapped_units); what is certain is exact, and the first column is certain."""
    from juesuan.extract.blocks.search import gapped_units

    assert gapped_units([(0, 1), (1, 3)]) == ([(0, 1), (1, 1), (2, 1), (3, 1)], frozenset({2, 3}))
    assert gapped_units([(0, 1), (1, 1)]) is None
    solved = solve("T03", _flows_dump(T03_ROWS, [(0, 1), (1, 5), (5, 7), (7, 9)]))
    assert solved is not None
    got = _placed(solved)
    want = {(code, col): D(v) for code, _, *vals in T03_ROWS for col, v in zip(T03_COLUMNS, vals) if v is not None}
    assert all(want.get(k) == v for k, (v, unsure) in got.items() if not unsure)
    for code, _, total, *_ in T03_ROWS:
        assert got[(code, "本年支出合计")] == (D(total), False)
    assert sorted(v for v, _ in got.values()) == sorted(want.values())
