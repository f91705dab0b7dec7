"""Unit tests for the extraction mechanisms, on synthetic inputs."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from juesuan.extract.columns import assign
from juesuan.extract.grid import strip_enum
from juesuan.extract.records import Record, Value
from juesuan.locate.tables import find_tables, match_title
from juesuan.money import parse_amount, tolerance
from juesuan.read.text import read_text
from juesuan.read.types import Line


@pytest.mark.parametrize("raw,value,status", [
    ("3,411.65", "3411.65", "ok"),
    ("3, 042. 92", "3042.92", "ok"),
    ("0. 00", "0.00", "ok"),
    ("-", "0", "zero_dash"),
    ("—", "0", "zero_dash"),
    ("14, 344, 12", "14344.12", "comma_decimal"),
    ("2.995.39", "2995.39", "period_group"),  # OCR: the thousands commas read as periods
    ("12.345.678.90", "12345678.90", "period_group"),
    ("3, 042. 9", "3042.9", "truncated"),
    ("１２３.４５", "123.45", "ok"),
])
def test_parse_amount(raw, value, status):
    p = parse_amount(raw)
    assert p is not None and p.value == D(value) and p.status == status


@pytest.mark.parametrize("raw", ["", "abc", "12,34,5", "1.2.3", "2.99.39", "1.234.5", "1234.567.89", "2.995.39.1"])
def test_parse_amount_rejects(raw):
    assert parse_amount(raw) is None


def test_tolerance_is_per_term():
    assert tolerance(1) == D("0.005")
    assert tolerance(4) == D("0.020")


@pytest.mark.parametrize("label,expected", [
    ("一、一般公共服务支出", "一般公共服务支出"),
    ("5、事业收入", "事业收入"),
    ("- 、一般公共预算财政拨款收入", "一般公共预算财政拨款收入"),
    ("其中：（1）公务用车运行维护费", "公务用车运行维护费"),
    ("一般公共预算财政拨款", "一般公共预算财政拨款"),
])
def test_strip_enum(label, expected):
    assert strip_enum(label) == expected


@pytest.mark.parametrize("title,tid", [
    ("收入支出决算总表", "T01"),
    ("财政拨款收入支出决算总表", "T04"),
    ("四、财政拨款收入支出决算总表", "T04"),
    ("一般公共预算财政拨款基本支出决算明细表", "T06"),
    ("一般公共预算财政拨款基本支出决算表", "T06"),
    ("一般公共预算财政拨款“三公”经费支出决算表", "T09"),
    ("国有资本经营预算财政拨款收入支出决算表", "T08"),
    ("支出决算表", "T03"),
    ("2024年度支出决算表", "T03"),
    ("本部门2024年度收入支出决算总表反映了全部收支情况，详见下文。", None),
])
def test_match_title(title, tid):
    assert match_title(title) == tid


def _src(text: str):
    return read_text(text.encode("utf-8"), "synthetic.txt")


def test_toc_entries_are_not_tables():
    src = _src("目录\n一、收入支出决算总表\n二、收入决算表\n\n第四部分 决算表\n收入决算表\n公开02表\n"
               "项目\t\t本年收入合计\n栏次\t\t1\n合计\t\t10.00\n")
    regs = find_tables(src)
    assert [(r.id, r.number) for r in regs] == [("T02", "02")]


def test_gb18030_text_is_decoded():
    src = read_text("收入决算表\n公开02表\n合计\t\t１０.００\n".encode("gb18030"), "gbk.txt")
    assert src.lines[0].text == "收入决算表"
    assert src.lines[2].cells == ["合计", "", "10.00"]  # full-width digits normalised


def _rec(code, *vals, total=False):
    line = Line(no=1, text="")
    return Record(code=code, name="", line=line, total=total,
                  values=[Value(raw=v, parsed=parse_amount(v), line=line) for v in vals])


def test_columns_solver_uses_hierarchy():
    # 合计 prints both columns; the children print one each: the hierarchy decides which.
    recs = [
        _rec(None, "30.00", "10.00", "20.00", total=True),
        _rec("201", "10.00", "10.00"),
        _rec("208", "20.00", "20.00"),
    ]
    res = assign(recs, "总", ["基本", "项目"])
    assert res.columns[1] == ["总", "基本"] and res.columns[2] == ["总", "项目"]
    assert not res.uncertain


def test_columns_solver_marks_guesses_uncertain():
    recs = [
        _rec(None, "20.00", "10.00", "10.00", total=True),
        _rec("201", "10.00", "10.00"),
        _rec("208", "10.00", "10.00"),
    ]
    res = assign(recs, "总", ["基本", "项目"])
    assert res.uncertain  # either child could be 基本: the identities cannot tell


def test_columns_solver_does_not_confirm_children_by_a_guessed_parent():
    # The class row 201 prints two of three amounts and the 合计 row's 基本 does not add up
    # (a typo in the document that keeps 合计's own row sum: nothing tells which figure is
    # wrong), so 201's column is a guess; its children add up to 201 under that guess, which
    # confirms nothing: they stay uncertain instead of silently 基本.
    recs = [
        _rec(None, "45.00", "15.00", "30.00", total=True),  # 基本 should be 10: typo
        _rec("201", "30.00", "30.00"),
        _rec("20101", "30.00", "30.00"),
        _rec("2010101", "30.00", "30.00"),
        _rec("208", "10.00", "10.00"),
    ]
    res = assign(recs, "总", ["基本", "项目"])
    assert {1, 2, 3} <= res.uncertain


def test_title_wrapped_onto_a_short_line_is_found():
    # a text tool put the title's last character on its own line, after the part heading
    text = ("单位构成 预算不单列，并入本级收入支出决算总\n第二部分 某某局2024年度部门决算表\n表\n单位：万元\n"
            "收入 支出\n项目 决算数 项目 决算数\n一、一般公共预算财政拨款收入 1.00 一、一般公共服务支出 1.00\n")
    src = read_text(text.encode("utf-8"), "x.txt")
    assert [r.id for r in find_tables(src)] == ["T01"]


def test_t03_takes_no_hint_from_a_guessed_t05_placement():
    """T05's figures place T03's columns only where T05 itself was sure of them."""
    from juesuan.extract.document import _hints
    from sibling_tables import t05_one_row as doc

    assert ("201", "基本支出") in _hints(doc(uncertain=False), "T03")
    assert ("201", "基本支出") not in _hints(doc(uncertain=True), "T03")


def test_a_total_row_printing_every_column_outranks_another_tables_evidence():
    # T01 names one non-zero income column; the table itself prints 0.00 in the others: every
    # printed value has its column, certainly (before, the zeros were dropped as surplus)
    recs = [
        _rec(None, "30.00", "30.00", "0.00", "0.00", total=True),
        _rec("201", "10.00", "10.00", "0.00", "0.00"),
        _rec("208", "20.00", "20.00", "0.00", "0.00"),
    ]
    res = assign(recs, "总", ["财政", "事业", "其他"], active=["财政"])
    assert [res.columns[i] for i in range(3)] == [["总", "财政", "事业", "其他"]] * 3
    assert not res.uncertain


# T03-like columns: the 合计 row prints two of five (empty cells dropped).
_T03_OTHERS = ["基本", "项目", "上缴", "经营", "附属"]


def _t03_records():
    return [
        _rec(None, "130.00", "90.00", "40.00", total=True),
        _rec("201", "100.00", "70.00", "30.00"),
        _rec("208", "30.00", "20.00", "10.00"),
    ]


def test_lower_bounds_confirm_the_columns_a_total_row_prints():
    # Without evidence the two values could be any two of five columns: a guess.
    res = assign(_t03_records(), "总", _T03_OTHERS)
    assert 0 in res.uncertain
    # A fund table's 基本 and 项目 (≤ T03's, not equal: some money is not fiscal) say both
    # columns are non-zero: with two printed, they are exactly these two — and every row's
    # placement then follows from the hierarchy.
    bounds = {("合计", "基本"): D("85.00"), ("合计", "项目"): D("35.00"), ("201", "基本"): D("65.00")}
    res = assign(_t03_records(), "总", _T03_OTHERS, bounds=bounds)
    assert res.columns[0] == ["总", "基本", "项目"] and not res.uncertain


def test_lower_bounds_leave_a_choice_they_do_not_settle_open():
    # Only 基本 is known non-zero: the second printed column could be 项目, 上缴, 经营 or 附属.
    res = assign(_t03_records(), "总", _T03_OTHERS, bounds={("合计", "基本"): D("85.00")})
    assert 0 in res.uncertain


def test_a_value_below_its_bound_is_not_that_columns():
    # 合计 prints 基本 and 项目; row 201 prints one value. The hierarchy cannot tell (208 is
    # not printed) but the fund table pays 3.00 of 201's 项目: the 5.00 is 项目.
    recs = [
        _rec(None, "60.00", "40.00", "20.00", total=True),
        _rec("201", "5.00", "5.00"),
    ]
    bounds = {("合计", "基本"): D("40.00"), ("合计", "项目"): D("20.00"), ("201", "项目"): D("3.00")}
    res = assign(recs, "总", ["基本", "项目"], bounds=bounds)
    assert res.columns[1] == ["总", "项目"] and 1 not in res.uncertain
    # Bounds the document itself breaks decide nothing (the rule reports them).
    res = assign(recs, "总", ["基本", "项目"], bounds={("201", "基本"): D("25.00"), ("201", "项目"): D("25.00")})
    assert 1 in res.uncertain


def test_a_row_with_a_wrong_figure_does_not_stop_the_hierarchy_placing_its_siblings():
    # 203 prints 基本 1.50 where its parts give 15.00 (a defect of the document: its own row
    # sum misses by 13.50). 合计's 基本 sum then fails whatever the placement; 项目's holds
    # for one placement only, and 基本's miss is exactly 203's: 201 and 205 are 项目.
    recs = [
        _rec(None, "60.00", "30.00", "30.00", total=True),
        _rec("201", "8.00", "8.00"),
        _rec("203", "35.00", "1.50", "20.00"),
        _rec("205", "2.00", "2.00"),
        _rec("208", "15.00", "15.00", "0.00"),
    ]
    res = assign(recs, "总", ["基本", "项目"])
    assert res.columns[1] == ["总", "项目"] and res.columns[3] == ["总", "项目"]
    assert not {1, 3} & res.uncertain
    # Without a row whose own sum fails, a miss explains nothing: the guess stays uncertain.
    recs[2] = _rec("203", "21.50", "1.50", "20.00")
    res = assign(recs, "总", ["基本", "项目"])
    assert {1, 3} <= res.uncertain
