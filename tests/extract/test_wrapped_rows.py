"""Fund tables (年初/收入/支出/年末) as pdfplumber prints them: explicit zeros, names wrapped over
two or three lines around the code line, header words set level with the 合计 row. A made-up
department; figures invented."""

from __future__ import annotations

from decimal import Decimal as D

from juesuan.extract.codes import give_back_wrapped_lines
from juesuan.extract.records import Record
from juesuan.pipeline import build
from juesuan.read.text import read_text
from juesuan.read.types import Line

HEAD = """政府性基金预算财政拨款收入支出决算表
单位：万元
项目
年初结转和 年末结转和
本年收入 本年支出
功能分类
结余 结余
科目名称
科目编码
"""

# The code line of a name wrapped over three lines is the middle one; over two, either.
BODY = """合计 0 350.00 合计 基本支出 项目支出 0
212 城乡社区支出 0 350.00 350.00 350.00 0
国有土地使用权出让收
21208 0 50.00 50.00 50.00 0
入安排的支出
2120802 土地开发支出 0 50.00 50.00 50.00 0
国有土地使用权出让
21219 收入对应专项债务收 0 300.00 300.00 300.00 0
入安排的支出
2121901 征地和拆迁补偿支 0 300.00 300.00 300.00 0
出
注：本表反映部门本年度政府性基金预算财政拨款收入支出及结转和结余情况。
"""


def _t07(body: str = BODY):
    doc = build(read_text((HEAD + body).encode("utf-8"), "synthetic.txt"))
    return doc.tables["T07"]


def test_names_wrapped_over_two_and_three_lines_are_joined_by_the_catalogue():
    t = _t07()
    assert t.row_labels["21208"] == "国有土地使用权出让收入安排的支出"
    assert t.row_labels["21219"] == "国有土地使用权出让收入对应专项债务收入安排的支出"
    assert t.row_labels["2121901"] == "征地和拆迁补偿支出"
    assert t.row_labels["2120802"] == "土地开发支出" and t.row_labels["212"] == "城乡社区支出"


def test_explicit_zeros_and_the_empty_basic_column():
    t = _t07()
    for row, v in (("212", "350.00"), ("21208", "50.00"), ("2121901", "300.00")):
        assert t.value(row, "年初结转和结余") == 0 and t.value(row, "年末结转和结余") == 0
        assert t.value(row, "本年收入") == D(v) and t.value(row, "小计") == D(v)
        # 基本 or 项目: the identities cannot tell; the usual column, marked uncertain
        assert t.value(row, "项目支出") == D(v) and t.get(row, "项目支出").uncertain
        assert t.value(row, "基本支出") is None


def test_header_words_level_with_the_total_row_hold_their_columns():
    t = _t07()
    assert t.value("合计", "年初结转和结余") == 0 and t.value("合计", "本年收入") == D("350.00")
    assert t.value("合计", "年末结转和结余") == 0
    assert not t.get("合计", "年末结转和结余").uncertain
    assert t.get("合计", "小计") is None
    # what was printed in the 本年支出 places was not read: the table says so
    assert t.status == "partial" and "表头文字" in (t.status_reason or "")


def test_a_leading_zero_under_a_name_printed_above_is_a_value():
    # '212 0 350.00 …' with the name around the code line: the bare 0 is 年初, not a name
    t = _t07(BODY.replace("212 城乡社区支出 0 350.00 350.00 350.00 0\n", "城乡社区\n212 0 350.00 350.00 350.00 0\n支出\n"))
    assert t.value("212", "年初结转和结余") == 0 and t.value("212", "本年收入") == D("350.00")
    assert t.value("212", "项目支出") == D("350.00") and t.value("212", "年末结转和结余") == 0
    assert t.row_labels["212"] == "城乡社区支出"


def _rows(*spec):
    ln = Line(no=1, text="")
    out = []
    for code, name, after in spec:
        r = Record(code, name, ln)
        r.after = after
        out.append(r)
    return out


def test_a_row_takes_only_the_text_its_catalogue_name_needs():
    rows = _rows(("212", "城乡社区支出", "国有土地使用权出让"), ("21219", "收入对应专项债务收", "入安排的支出"),
                 ("2121901", "征地和拆迁补偿支出", ""))
    give_back_wrapped_lines(rows)
    assert [r.name for r in rows] == ["城乡社区支出", "国有土地使用权出让收入对应专项债务收入安排的支出", "征地和拆迁补偿支出"]


def test_a_code_the_catalogue_lacks_takes_text_only_when_both_neighbours_settle_it():
    # 22198 is not in the catalogue: its neighbours (known, complete) leave it the text around it
    rows = _rows(("221", "住房保障支出", "某某专项安"), ("22198", "", "排的支出"), ("2210201", "住房公积金", ""))
    give_back_wrapped_lines(rows)
    assert rows[1].name == "某某专项安排的支出" and rows[2].name == "住房公积金"
    # below it a row the catalogue does not know either: whose is '排的支出'? Nobody's for sure.
    rows = _rows(("221", "住房保障支出", "某某专项安"), ("22198", "", "排的支出"), ("2219899", "其他住房支出", ""))
    give_back_wrapped_lines(rows)
    assert rows[1].name == "" and rows[2].name == "其他住房支出"


def test_a_name_never_swallows_its_neighbours_piece():
    # printed text that fits no catalogue name stays where it was (the code line's name)
    rows = _rows(("2120802", "土地开发支出", "另一项目名"), ("2121901", "征地", "补偿"))
    give_back_wrapped_lines(rows)
    assert [r.name for r in rows] == ["土地开发支出", "征地"]


def test_a_name_and_its_alias_both_fitting_are_told_apart_by_the_neighbour():
    # '机关事业单位基本养老保险缴费' (alias) and '…缴费支出' both fit 2080505; 2080506 below, sure of
    # its share of the text between them ('机关事业单位'), leaves '缴费支出' to 2080505
    rows = _rows(("2080502", "事业单位离退休", "机关事业单位"), ("2080505", "基本养老保险", "缴费支出机关事业单位"),
                 ("2080506", "职业年金缴费支出", ""))
    give_back_wrapped_lines(rows)
    assert [r.name for r in rows] == ["事业单位离退休", "机关事业单位基本养老保险缴费支出", "机关事业单位职业年金缴费支出"]


def test_a_header_repeated_after_a_page_break_is_no_piece_of_a_name():
    # T06 as a dump prints it: a row with no amount (its name still open) before a page break;
    # the next page repeats the header (cells apart by runs of spaces, as pdftotext -layout
    # keeps them), whose words never belong to the row's name
    from juesuan.extract.economic import flat_triples
    from juesuan.textnorm import nfkc

    text = ("302 商品和服务支出 50.00\n30211 差旅费 50.00\n30212 因公出国（境）费用\n"
            "人员经费      公用经费\n科目编码   科目名称   决算数   科目编码   科目名称   决算数\n30217 公务接待费 0.00\n")
    triples, _ = flat_triples(read_text(text.encode("utf-8"), "t.txt").lines)
    assert {t.code: t.name for t in triples}["30212"] == nfkc("因公出国（境）费用")
