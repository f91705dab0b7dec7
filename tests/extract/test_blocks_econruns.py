"""公开06表 printed column by column with every cell printed (a blank as 0.00), the amounts in
runs of consecutive rows cut where the tool saw text blocks: a made-up department's table. A
run of several amounts is a piece of one column; the runs of one amount, and where the runs
go, are decided by the identities — certain only where every placement agrees."""

from __future__ import annotations

from decimal import Decimal as D

from juesuan.extract.blocks import _tokens
from juesuan.extract.blocks.econcols import COLUMNS_NOTE
from juesuan.extract.blocks.economic import runs_of, solve
from juesuan.extract.blocks.econruns import UNREAD_NOTE, columns, solve_runs
from juesuan.read.text import read_text

PERSONNEL = [
    ("301", "工资福利支出", "500.00"),
    ("30101", "基本工资", "210.50"),
    ("30102", "津贴补贴", "150.25"),
    ("30107", "绩效工资", "0.00"),
    ("30199", "其他工资福利支出", "139.25"),
    ("303", "对个人和家庭的补助", "12.40"),
    ("30301", "离休费", "0.00"),
    ("30302", "退休费", "12.40"),
]
PUBLIC = [
    ("302", "商品和服务支出", "88.80"),
    ("30201", "办公费", "40.00"),
    ("30211", "差旅费", "30.30"),
    ("30217", "公务接待费", "0.00"),
    ("30299", "其他商品和服务支出", "18.50"),
    ("310", "资本性支出", "9.60"),
    ("31002", "办公设备购置", "9.60"),
    ("31003", "专用设备购置", "0.00"),
    ("31007", "信息网络及软件购置更新", "0.00"),
]
TOTALS = {"人员经费合计": "512.40", "公用经费合计": "98.40"}
ALL = {c: v for c, _, v in PERSONNEL + PUBLIC} | TOTALS


def _cells(group, totals_key):
    return [v for _, _, v in group] + [TOTALS[totals_key]]


# the runs as a tool might print them: out of row order, some of one amount (a taller row)
RUNS = [
    _cells(PUBLIC, "公用经费合计")[1:],  # 30201 … 公用经费合计
    ["500.00", "210.50", "150.25"],  # 301 … 30102
    ["88.80"], ["0.00"], ["139.25"], ["12.40"], ["0.00"], ["12.40"], ["512.40"],
]


def _dump(runs=RUNS, personnel=PERSONNEL, public=PUBLIC):
    out = ["一般公共预算财政拨款基本支出决算表", "单位：万元", "经济分类", "科目编码"]
    out += [c for c, _, _ in personnel] + ["", "科目名称"] + [n for _, n, _ in personnel] + [""]
    out += ["经济分类", "科目编码"] + [c for c, _, _ in public] + ["", "科目名称"] + [n for _, n, _ in public] + [""]
    out += ["人员经费合计", "公用经费合计", ""]
    for run in runs:
        out += [*run, ""]
    toks = _tokens(read_text("\n".join(out).encode(), "t.txt").lines)
    return [t for t, _ in toks], runs_of(toks)


def _read(texts, runs):
    got = solve_runs(texts, runs)
    assert got is not None
    return {r: (D(texts[i].replace(",", "")), unsure) for r, (i, unsure) in got.cells.items()}


def test_two_columns_of_one_shape_cannot_be_told_apart():
    # 人员 and 公用 each of a class with four items and one with two: each column's runs fit
    # the other's rows as well, and nothing tells which is which
    public = [r for r in PUBLIC if r[0] != "31003"]
    runs = [_cells(public, "公用经费合计")[1:], *RUNS[1:]]
    texts, r = _dump(runs, public=public)
    got = solve_runs(texts, r)
    assert got is not None and all(u for _, u in got.cells.values())


def test_the_columns_are_the_personnel_and_the_other_classes_each_over_its_total():
    cols = columns(["302", "30201", "301", "30101", "310", "303"])
    assert cols == [["301", "30101", "303", "人员经费合计"], ["302", "30201", "310", "公用经费合计"]]


def test_runs_are_amounts_on_consecutive_lines():
    texts, runs = _dump()
    assert [len(r) for r in runs] == [9, 3, 1, 1, 1, 1, 1, 1, 1]
    assert [texts[i] for i in runs[1]] == ["500.00", "210.50", "150.25"]


def test_runs_place_their_rows_and_the_identities_the_rest():
    cells = _read(*_dump())
    sure = {r: v for r, (v, u) in cells.items() if not u}
    # every certain cell is the form's figure
    assert all(ALL[r] == str(v) for r, v in sure.items())
    # the runs' rows and what the identities alone settle
    for r in ("301", "30101", "30102", "302", "30201", "30299", "310", "31007", "303", "人员经费合计", "公用经费合计"):
        assert r in sure, r
    # the two free items of each class could be either way round
    assert {r for r, (_, u) in cells.items() if u} == {"30107", "30199", "30301", "30302"}


def test_a_class_whose_free_items_are_all_zero_has_them_certain():
    personnel = [(c, n, "0.00" if c.startswith("303") else v) for c, n, v in PERSONNEL]
    runs = [RUNS[0], RUNS[1], ["88.80"], ["0.00"], ["139.25"], ["0.00"], ["0.00"], ["0.00"], ["500.00"]]
    cells = _read(*_dump(runs, personnel))
    for r in ("303", "30301", "30302"):
        assert cells[r] == (D("0.00"), False)
    assert cells["人员经费合计"] == (D("500.00"), False)
    assert cells["30107"][1] and cells["30199"][1]


def test_a_blank_cell_leaves_the_items_unread():
    # 30107 blank (not printed): the runs may skip rows, which the text does not say
    runs = [RUNS[0], RUNS[1], ["88.80"], ["139.25"], ["12.40"], ["0.00"], ["12.40"], ["512.40"]]
    texts, r = _dump(runs)
    assert solve_runs(texts, r) is None
    solved = solve(texts, runs=r)
    assert solved is not None and solved.note == COLUMNS_NOTE


def test_a_misprinted_figure_places_no_run():
    runs = [RUNS[0], ["500.00", "210.50", "150.75"], *RUNS[2:]]
    texts, r = _dump(runs)
    assert solve_runs(texts, r) is None


def test_the_table_says_how_many_figures_it_could_not_tell():
    texts, r = _dump()
    solved = solve(texts, runs=r)
    assert solved is not None and solved.note == UNREAD_NOTE and solved.unplaced == 4


def test_runs_of_one_amount_say_nothing():
    texts, _ = _dump()
    at = [i for i, t in enumerate(texts) if t[0].isdigit() and "." in t]
    assert solve_runs(texts, [[i] for i in at]) is None


def test_amounts_every_other_line_between_names_are_one_run():
    # a block holding the personnel amounts and the 公用 group's names prints them alternately
    lines = ["一般公共预算财政拨款基本支出决算表", "301", "30101", "", "500.00", "办公费", "210.50", "差旅费", "150.25",
             "公务接待费", "", "88.80", "", "0.00", "办公费", "差旅费", "139.25"]
    toks = _tokens(read_text("\n".join(lines).encode(), "t.txt").lines)
    runs = [[toks[i][0] for i in r] for r in runs_of(toks)]
    # two lines between, or a blank one: another run
    assert runs == [["500.00", "210.50", "150.25"], ["88.80"], ["0.00"], ["139.25"]]


def test_a_search_over_budget_places_nothing():
    texts, r = _dump()
    assert solve_runs(texts, r, budget=5) is None
