"""Two-sided summary tables (公开01表, 公开04表) printed column by column, one cell a line
(pdftotext without -layout): a made-up department's tables, printed the way the tool prints
them — the labels of both sides interleaved row by row, each side's amounts a flow of its own,
blank cells dropped — are placed by the tables' identities (juesuan.relations A-T01-*/A-T04-*)
and by what other tables say of them (bounds); a figure another placement could move is
uncertain; a table no placement satisfies is not read at all."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from juesuan.extract.blocks import solve
from juesuan.extract.blocks.sides import grid
from juesuan.read.text import read_text

# 收入 side: (label, amount or None); 支出 side likewise — printed rows paired as the form pairs them
T01_INCOME = [("一、一般公共预算财政拨款收入", "500.00"), ("二、政府性基金预算财政拨款收入", None),
              ("三、国有资本经营预算财政拨款收入", None), ("四、上级补助收入", None), ("五、事业收入", "20.00"),
              ("六、经营收入", None), ("七、附属单位上缴收入", None), ("八、其他收入", None)]
T01_INCOME_TAIL = [("本年收入合计", "520.00"), ("使用非财政拨款结余", None), ("年初结转和结余", "30.00"),
                   ("总计", "550.00")]
T01_CLASSES = [("一、一般公共服务支出", "300.00"), ("二、外交支出", None), ("三、国防支出", None),
               ("四、公共安全支出", None), ("五、教育支出", "220.00"), ("六、科学技术支出", None),
               ("七、文化旅游体育与传媒支出", None), ("八、社会保障和就业支出", None), ("九、卫生健康支出", None)]
T01_EXP_TAIL = [("本年支出合计", "520.00"), ("结余分配", None), ("年末结转和结余", "30.00"), ("总计", "550.00")]
T01_KEYS = {"一、一般公共预算财政拨款收入": "一般公共预算财政拨款收入", "五、事业收入": "事业收入",
            "一、一般公共服务支出": "201", "五、教育支出": "205", "本年收入合计": "本年收入合计",
            "年初结转和结余": "年初结转和结余", "本年支出合计": "本年支出合计", "年末结转和结余": "年末结转和结余"}


def _lines(parts: list[str]):
    return read_text("\n".join(parts).encode(), "t.txt").lines


def _side_by_side(income, itail, classes, etail, title="收入支出决算总表", exp_cols=1, income_last=False) -> list[str]:
    """Labels row by row (income, then expenditure), then the income amounts, then each
    expenditure column's amounts (or the income amounts last), every amount a text block of
    its own."""
    out = [title, "单位：万元", "收入", "项目"]
    rows = max(len(income), len(classes))
    left = income + [("", None)] * (rows - len(income)) + itail
    right = classes + [("", None)] * (rows - len(classes)) + etail
    for (a, _), (b, _) in zip(left, right, strict=True):
        out += [x for x in (a, b) if x] + [""]
    inc = ["决算数"] + [x for _, v in left for x in ([v, ""] if v else [])]
    exp = []
    for j in range(exp_cols):
        for _, v in right:
            vals = v if isinstance(v, tuple) else (v,)
            exp += [vals[j], ""] if v and vals[j] else []
    return out + (exp + inc if income_last else inc + exp)


def _t01(income=T01_INCOME, itail=T01_INCOME_TAIL):
    return _lines(_side_by_side(income, itail, T01_CLASSES, T01_EXP_TAIL))


def _want_t01():
    want = {}
    for label, v in T01_INCOME + T01_INCOME_TAIL + T01_CLASSES + T01_EXP_TAIL:
        if v is not None and label in T01_KEYS:
            want[(T01_KEYS[label], "金额")] = D(v)
    want[("收入总计", "金额")] = want[("支出总计", "金额")] = D("550.00")
    return want


def _cells(solved):
    return {(p.row, p.column): p.value.parsed.value for p in solved[0]}


def test_the_rows_pair_off_as_the_form_prints_them():
    g = grid("T01", [ln.text for ln in _t01() if ln.text])
    assert g is not None
    assert g.rows[0] == ("一般公共预算财政拨款收入", "201")
    assert g.rows[8] == (None, "210")  # no income item beside the ninth 类
    assert g.rows[-4:] == [("本年收入合计", "本年支出合计"), ("使用非财政拨款结余", "结余分配"),
                           ("年初结转和结余", "年末结转和结余"), ("收入总计", "支出总计")]


def test_items_out_of_print_order_go_by_their_numbers():
    # the tool printed the 类 of a block of rows ahead of the first 类
    texts = [ln.text for ln in _t01() if ln.text]
    i, j = texts.index("一、一般公共服务支出"), texts.index("五、教育支出")
    texts.insert(i, texts.pop(j))
    g = grid("T01", texts)
    assert g is not None and g.rows[0][1] == "201" and g.rows[4][1] == "205"


def test_what_the_identities_cannot_place_is_uncertain_and_nothing_certain_is_wrong():
    solved = solve("T01", _t01())
    assert solved is not None
    want = _want_t01()
    got = _cells(solved)
    certain = {(p.row, p.column) for p in solved[0] if not p.uncertain}
    assert all(got[k] == want.get(k) for k in certain)
    # which 收入 item holds 20.00, which 类 300.00: only another table can say
    assert ("事业收入", "金额") not in certain and ("201", "金额") not in certain


def test_other_tables_place_the_rest():
    # T04's income, T02's 合计 row and T03's 类 (X-T04-T01-income, X-T01-T02-income,
    # X-T01-T03-class) as cross bounds
    bounds = {("一般公共预算财政拨款收入", "金额"): (D("499.995"), D("500.005")),
              ("事业收入", "金额"): (D("19.995"), D("20.005")), ("201", "金额"): (D("299.995"), D("300.005")),
              ("205", "金额"): (D("219.995"), D("220.005")), ("年初结转和结余", "金额"): (D("29.995"), None),
              ("年末结转和结余", "金额"): (D("29.995"), None)}
    solved = solve("T01", _t01(), bounds=bounds)
    assert solved is not None
    assert _cells(solved) == _want_t01()
    assert not any(p.uncertain for p in solved[0])


def test_no_placement_satisfies_the_identities_so_nothing_is_read():
    itail = [(lab, "521.00" if lab == "本年收入合计" else v) for lab, v in T01_INCOME_TAIL]  # 500 + 20 ≠ 521
    assert solve("T01", _t01(itail=itail)) is None


def test_a_table_missing_its_totals_rows_is_not_read():
    itail = [("", None) if x[0] == "本年收入合计" else x for x in T01_INCOME_TAIL]
    assert solve("T01", _t01(itail=itail)) is None


# 公开04表: one income column, four expenditure columns (合计 and the three funds)
T04_INCOME = [("一、一般公共预算财政拨款", "400.00"), ("二、政府性基金预算财政拨款", None),
              ("三、国有资本经营预算财政拨款", None)]
T04_INCOME_TAIL = [("本年收入合计", "400.00"), ("年初财政拨款结转和结余", "10.00"), ("一般公共预算财政拨款", "10.00"),
                   ("政府性基金预算财政拨款", None), ("国有资本经营预算财政拨款", None), ("总计", "410.00")]
T04_CLASSES = [("一、一般公共服务支出", ("250.00", "250.00")), ("二、外交支出", None), ("三、国防支出", None),
               ("四、公共安全支出", None), ("五、教育支出", ("150.00", "150.00"))]
T04_EXP_TAIL = [("本年支出合计", ("400.00", "400.00")), ("年末财政拨款结转和结余", ("10.00", "10.00")),
                ("", None), ("", None), ("", None), ("总计", ("410.00", "410.00"))]


@pytest.mark.parametrize("income_last", [False, True])
def test_fund_columns_placed_with_the_fund_tables(income_last):
    # the 一般公共预算 column as T05 prints it (X-T04-T05); 政府性基金/国有资本经营 blank; the
    # income column's figures may come after the expenditure columns' (a flow of their own)
    lines = _lines(_side_by_side(T04_INCOME, T04_INCOME_TAIL, T04_CLASSES, T04_EXP_TAIL,
                                 "财政拨款收入支出决算总表", exp_cols=2, income_last=income_last))
    fund = "一般公共预算财政拨款"
    bounds = {("201", fund): (D("249.995"), D("250.005")), ("205", fund): (D("149.995"), D("150.005")),
              ("本年支出合计", fund): (D("399.995"), D("400.005"))}
    solved = solve("T04", lines, bounds=bounds)
    assert solved is not None
    want = {("201", "合计"): "250.00", ("201", fund): "250.00", ("205", "合计"): "150.00", ("205", fund): "150.00",
            ("本年支出合计", "合计"): "400.00", ("本年支出合计", fund): "400.00", ("年末财政拨款结转和结余", "合计"): "10.00",
            ("年末财政拨款结转和结余", fund): "10.00", ("支出总计", "合计"): "410.00", ("支出总计", fund): "410.00",
            (fund, "金额"): "400.00", ("本年收入合计", "金额"): "400.00", ("年初财政拨款结转和结余", "金额"): "10.00",
            ("年初一般公共预算财政拨款", "金额"): "10.00", ("收入总计", "金额"): "410.00"}
    got = {(p.row, p.column): (p.value.parsed.value, p.uncertain) for p in solved[0]}
    assert all(v == D(want[k]) for k, (v, unsure) in got.items() if not unsure)
    if not income_last:
        assert {k: v for k, (v, _) in got.items()} == {k: D(v) for k, v in want.items()}
        assert not any(unsure for _, unsure in got.values())
    else:
        # printed after the expenditure side, the income figures could also be 政府性基金's
        # (10.00 income and 10.00 spent from it, 本年收入合计 410.00): such cells are uncertain
        assert got[("本年收入合计", "金额")][1]


def test_stacked_sides():
    """收入 block, then 支出 block below it (every income label before every expenditure one)."""
    out = ["收入支出决算总表", "单位：万元", "收入", "项目", "金额"]
    for label, v in T01_INCOME + T01_INCOME_TAIL:
        out += [label] + ([v] if v else []) + [""]
    out += ["支出", "项目", "金额"]
    for label, v in T01_CLASSES + T01_EXP_TAIL:
        out += [label] + ([v] if v else []) + [""]
    g = grid("T01", [t for t in out if t])
    assert g is not None and g.rows[0] == ("一般公共预算财政拨款收入", None) and g.rows[-1] == (None, "支出总计")
    solved = solve("T01", _lines(out))
    assert solved is not None
    want = _want_t01()
    assert all(want.get((p.row, p.column)) == p.value.parsed.value for p in solved[0] if not p.uncertain)


def test_printed_zeros_that_could_sit_in_other_rows_are_certain_zeros():
    """A 0.00 adds nothing to any sum: which 类 prints it only the text's order could say. But a
    blank cell and a printed 0.00 are one value, so wherever the zeros stand every cell's value is
    the same: they are certain (and a cell left blank reads 0 too)."""
    more = [("六、科学技术支出", None), ("七、文化旅游体育与传媒支出", None), ("八、社会保障和就业支出", None),
            ("九、卫生健康支出", None), ("十、节能环保支出", None), ("十一、城乡社区支出", None), ("十二、农林水支出", None)]
    classes = [(lab, (v[0], v[1], "0.00") if v else None) for lab, v in T04_CLASSES + more]
    tail = [(lab, (v[0], v[1], "0.00") if v else None) for lab, v in T04_EXP_TAIL]
    lines = _lines(_side_by_side(T04_INCOME, T04_INCOME_TAIL, classes, tail, "财政拨款收入支出决算总表", exp_cols=3))
    fund = "一般公共预算财政拨款"
    bounds = {("201", fund): (D("249.995"), D("250.005")), ("205", fund): (D("149.995"), D("150.005")),
              ("本年支出合计", fund): (D("399.995"), D("400.005"))}
    solved = solve("T04", lines, bounds=bounds)
    assert solved is not None
    zeros = [p for p in solved[0] if p.column == "政府性基金预算财政拨款" and p.row.isdigit()]
    assert zeros and not any(p.uncertain for p in zeros) and all(p.value.parsed.value == 0 for p in zeros)


def test_a_blank_cell_is_the_same_reading_as_a_printed_zero():
    """Is 0 certain in the first row? Yes, though the first row may as well be blank (0.00 in
    the second row): a blank is 0, so the search that forbids the value finds no placement;
    forbidding a 5.00 where it may stand elsewhere finds one."""
    from juesuan.extract.blocks.linear import LinearSearch

    total = [(1, (3, 0)), (-1, (0, 0)), (-1, (1, 0)), (-1, (2, 0))]
    s = LinearSearch(4, 1, {(r, 0) for r in range(4)}, [total], [D("0.00"), D("5.00"), D("5.00")],
                     [(0, 1), (1, 1), (2, 1)], 1000)
    s.forbid, s.max_solutions = {(0, 0): 0}, 1
    s.run()
    assert not s.solutions and not s.exhausted
    first = LinearSearch(4, 1, {(r, 0) for r in range(4)}, [total], [D("0.00"), D("5.00"), D("5.00")],
                         [(0, 1), (1, 1), (2, 1)], 1000)
    first.run()
    at = {rc: i for rc, i in first.solutions[0].items() if i == 1}  # the first 5.00's cell
    other = LinearSearch(4, 1, {(r, 0) for r in range(4)}, [total], [D("0.00"), D("5.00"), D("5.00")],
                         [(0, 1), (1, 1), (2, 1)], 1000)
    other.forbid, other.max_solutions = at, 1
    other.run()
    assert other.solutions


@pytest.mark.parametrize("wrapped", [False, True])
def test_fund_column_headers_printed_after_the_rows_are_headers(wrapped):
    """Rows set solid: pdftotext prints each expenditure column as a block, its header on top,
    after every label — the fund names there (一般公共预算财政拨款, wrapped or not) are the
    columns' headers, not the 年初 parts again (those are printed under 年初…结转和结余)."""
    parts = _side_by_side(T04_INCOME, T04_INCOME_TAIL, T04_CLASSES, T04_EXP_TAIL, "财政拨款收入支出决算总表", exp_cols=2)
    plain = grid("T04", [t for t in parts if t])
    assert plain is not None
    at = parts.index("决算数")
    heads = [x for f in ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")
             for x in ([f[:-1], f[-1:]] if wrapped else [f])]
    late = parts[:at] + heads + parts[at:]
    g = grid("T04", [t for t in late if t])
    assert g is not None and g.rows == plain.rows and g.names == plain.names
