"""Tables as PDF text tools print them (space-separated cells, one physical row a line, no
行次, codes split over 类/款/项 tokens, labels wrapped), on a synthetic department."""

from __future__ import annotations

from decimal import Decimal as D

from juesuan.extract.records import ECON_CODE_RE, FUNC_CODE_RE, join_split_code
from juesuan.pipeline import build
from juesuan.read.text import read_text

T01 = """收入支出决算总表
单位：万元
收入 支出
项目 决算数 项目 决算数
一、一般公共预算财政拨款收入 120.00 一、一般公共服务支出 100.00
二、政府性基金预算财政拨款收入 二、外交支出
三、国有资本经营预算财政拨款收入 三、国防支出
四、上级补助收入 四、公共安全支出
八、其他收入 5.00 八、社会保障和就业支出 25.00
十四、资源勘探工业信息等
支出
本年收入合计 125.00 本年支出合计 125.00
使用非财政拨款结余（含专用结余） 结余分配
年初结转和结余 3.00 年末结转和结余 3.00
总计 128.00 总计 128.00
"""

T01_SPLIT = """收入支出决算总表
单位：万元
收入 支出
项目 决算数 项目 决算数
一、一般公共预算财政拨款收入 一、一般公共服务支出
120.00 100.00
八、其他收入 八、社会保障和就业支出
5.00 25.00
本年收入合计 本年支出合计
125.00 125.00
总计 总计
125.00 125.00
"""

T05 = """一般公共预算财政拨款支出决算表
单位：万元
项目
合计 基本支出 项目支出
科目编码 科目名称
类 款 项
201 一般公共服务支出 100.00 80.00 20.00
201 06 财政事务 100.00 80.00 20.00
201 06 01 行政运行 80.00 80.00
201 06 02 一般行政管理事务 20.00 20.00
合计 100.00 80.00 20.00
"""


def _doc(text: str):
    return build(read_text(text.encode("utf-8"), "synthetic.txt"))


def test_two_sided_rows_without_hangci():
    d = _doc(T01)
    t = d.tables["T01"]
    assert t.value("一般公共预算财政拨款收入", "金额") == D("120.00")
    assert t.value("其他收入", "金额") == D("5.00")
    assert t.value("201", "金额") == D("100.00")
    assert t.value("208", "金额") == D("25.00")
    assert t.value("本年收入合计", "金额") == D("125.00")
    assert t.value("年初结转和结余", "金额") == D("3.00")
    assert t.value("年末结转和结余", "金额") == D("3.00")
    assert t.value("收入总计", "金额") == D("128.00")
    assert t.value("支出总计", "金额") == D("128.00")
    assert len(t.cells) == 10


def test_two_sided_amounts_on_the_line_below_their_labels():
    t = _doc(T01_SPLIT).tables["T01"]
    assert t.value("一般公共预算财政拨款收入", "金额") == D("120.00")
    assert t.value("201", "金额") == D("100.00")
    assert t.value("其他收入", "金额") == D("5.00")
    assert t.value("208", "金额") == D("25.00")
    assert t.value("收入总计", "金额") == D("125.00") and t.value("支出总计", "金额") == D("125.00")


def test_codes_split_over_tokens():
    t = _doc(T05).tables["T05"]
    assert t.value("2010601", "基本支出") == D("80.00")
    assert t.value("2010602", "项目支出") == D("20.00")
    assert t.value("20106", "小计") == D("100.00")
    assert t.value("合计", "项目支出") == D("20.00")


def test_join_split_code_keeps_amounts():
    assert join_split_code(["201", "06", "01", "行政运行"], FUNC_CODE_RE) == ["2010601", "行政运行"]
    assert join_split_code(["2", "01", "01", "人大事务"], FUNC_CODE_RE) == ["20101", "人大事务"]
    assert join_split_code(["301", "01", "基本工资"], ECON_CODE_RE) == ["30101", "基本工资"]
    # '208' then an amount printed without decimals is not a code part
    assert join_split_code(["208", "326", "社保"], FUNC_CODE_RE) == ["208", "326", "社保"]


T06 = """一般公共预算财政拨款基本支出决算表
单位：万元
经济分类 科目名称 决算数 经济分类 科目名称 决算数
类 款 类 款
301 工资福利支出 50.00 302 商品和服务支出 7.00
301 01 基本工资 30.00 302 01 办公费 7.00
301 02 津贴补贴 20.00 302 02 印刷费
人员经费合计 50.00 公用经费合计 7.00
"""


def test_economic_codes_split_over_tokens():
    t = _doc(T06).tables["T06"]
    assert t.value("30101", "决算数") == D("30.00")
    assert t.value("30102", "决算数") == D("20.00")
    assert t.value("30201", "决算数") == D("7.00")
    assert t.value("301", "决算数") == D("50.00") and t.value("302", "决算数") == D("7.00")
    assert t.value("30202", "决算数") is None
    assert t.value("公用经费合计", "决算数") == D("7.00")


T09_HEAD = """财政拨款“三公”经费支出决算表
单位：万元
合计 因公出国（境）费 公务用车购置及运行费
小计 公务接待费
公务用车购置费
公务用车运行维护费
"""


def test_sangong_blocks_with_dropped_cells_placed_by_identities():
    text = T09_HEAD + "预算数 预算数 预算数 预算数 预算数 预算数 决算数 决算数 决算数 决算数 决算数 决算数\n" \
        "10.00 6.00 6.00 4.00 8.00 5.00 5.00 3.00\n"
    t = _doc(text).tables["T09"]
    # 预算: 合计 10 = 车 6 (= 运行 6) + 接待 4; 决算: 合计 8 = 车 5 (= 运行 5) + 接待 3
    assert t.value("预算数", "合计") == D("10.00")
    assert t.value("预算数", "公务用车购置及运行费") == D("6.00")
    assert t.value("预算数", "公务用车运行维护费") == D("6.00")
    assert t.value("预算数", "公务接待费") == D("4.00")
    assert t.value("决算数", "合计") == D("8.00")
    assert t.value("决算数", "公务接待费") == D("3.00")
    # 6.00 (5.00) could be 购置 or 运行维护 (both keep 车 = 购置 + 运行): only those are uncertain
    assert {(c.row, c.column) for c in t.cells if c.uncertain} == {
        ("预算数", "公务用车运行维护费"), ("决算数", "公务用车运行维护费")}


def test_sangong_pairs_ambiguous_placement_is_uncertain():
    text = T09_HEAD + "预算数 决算数 " * 6 + "\n0.95 0.95\n"
    t = _doc(text).tables["T09"]
    assert len(t.cells) == 2
    assert t.value("预算数", "合计") == D("0.95")
    assert all(c.uncertain and "勾稽关系" in c.repair for c in t.cells)


def test_sangong_vertical_partial_row():
    text = """财政拨款“三公”经费支出决算表
单位：万元
项目 预算数 决算数
合计 5.00 4.00
因公出国（境）费 1.00
公务用车购置及运行费 3.00 3.00
公务用车运行维护费 3.00 3.00
公务接待费 1.00 1.00
"""
    t = _doc(text).tables["T09"]
    # 预算 5 = 1 + 3 + 1 and 决算 4 = 3 + 1: the lone 1.00 is the 预算数
    assert t.value("预算数", "因公出国（境）费") == D("1.00")
    assert t.value("决算数", "因公出国（境）费") is None
    assert not t.get("预算数", "因公出国（境）费").uncertain


def test_rows_and_titles_glued_by_a_lost_line_break():
    text = """一般公共预算财政拨款支出决算表
单位：万元
项目
合计 基本支出 项目支出
201 一般公共服务支出 100.00 80.00 20.00
201 06 财政事务 100.00 80.00 20.00
201 06 01 行政运行 80.00 80.00201 06 02 一般行政管理事务 20.00 20.00
合计 100.00 80.00 20.00一般公共预算财政拨款基本支出决算表
单位：万元
301 工资福利支出 80.00
"""
    d = _doc(text)
    assert d.tables["T06"].present and d.tables["T06"].value("301", "决算数") == D("80.00")
    t = d.tables["T05"]
    assert t.value("2010601", "基本支出") == D("80.00")
    assert t.value("2010602", "项目支出") == D("20.00")
    assert t.value("合计", "项目支出") == D("20.00")


T04_ABOVE = """财政拨款收入支出决算总表
单位：万元
收入 支出
项目 决算数 项目 合计 一般公共预算财政拨款 政府性基金预算财政拨款 国有资本经营预算财政拨款
        90.00
一、一般公共预算财政拨款      一、一般公共服务支出     90.00    90.00
                              二、外交支出
        90.00                  90.00
   本年收入合计               本年支出合计       90.00
年初财政拨款结转和结余 5.00   年末财政拨款结转和结余 5.00 5.00
一、一般公共预算财政拨款 5.00
     总计      95.00     总计    95.00    95.00
"""


def test_two_sided_amounts_on_the_line_above_their_labels():
    # pdftotext -layout sets a value in a taller cell on a text line above its label
    t = _doc(T04_ABOVE).tables["T04"]
    assert t.value("一般公共预算财政拨款", "金额") == D("90.00")
    assert t.value("本年收入合计", "金额") == D("90.00")
    assert t.value("本年支出合计", "合计") == D("90.00")
    assert t.value("本年支出合计", "一般公共预算财政拨款") == D("90.00")
    assert t.value("收入总计", "金额") == D("95.00")
    assert t.value("年初一般公共预算财政拨款", "金额") == D("5.00")
    # no T05/T07/T08 in this document: the fund column of a two-value row is not confirmed
    assert t.value("201", "一般公共预算财政拨款") == D("90.00") and t.get("201", "一般公共预算财政拨款").uncertain
    assert not t.get("201", "合计").uncertain


T03_SPLIT = """支出决算表
单位：万元
项目 本年支出合计 基本支出 项目支出 上缴上级支出 经营支出 对附属单位补助支出
合计 70.00 30.00
100.00
一般公共服务支出 70.00 30.00
201 100.00
财政事务 70.00 30.00
201 06 100.00
行政运行 70.00
201 06 01 75.00 5.00
一般行政管理事务
201 06 02 25.00 25.00
"""


def test_row_amounts_split_over_neighbouring_lines():
    # pdfplumber sets vertically centred cells on the name line above the code line, and
    # the total below the other cells: the row identity puts them back
    t = _doc(T03_SPLIT).tables["T03"]
    assert t.value("合计", "本年支出合计") == D("100.00")
    assert t.value("201", "本年支出合计") == D("100.00") and t.value("201", "基本支出") == D("70.00")
    assert t.value("20106", "基本支出") == D("70.00") and t.value("20106", "项目支出") == D("30.00")
    assert t.value("2010601", "本年支出合计") == D("75.00") and t.value("2010601", "基本支出") == D("70.00")
    assert t.value("2010601", "项目支出") == D("5.00")
    assert t.value("2010602", "项目支出") == D("25.00")


def test_sangong_bands_final_first():
    text = T09_HEAD.replace("合计 因公", "决算数 预算数\n合计 因公") + "3.00 3.00 4.00 4.00\n"
    t = _doc(text).tables["T09"]
    # 决算 block first: 合计 3 = 接待 3; 预算: 合计 4 = 接待 4 (most usual item, uncertain)
    assert t.value("决算数", "合计") == D("3.00") and t.value("预算数", "合计") == D("4.00")
    assert t.value("决算数", "公务接待费") == D("3.00") and t.get("决算数", "公务接待费").uncertain


def test_sangong_vertical_final_first():
    text = """财政拨款“三公”经费支出决算表
单位：万元
项目 决算数 预算数
合计 4.00 5.00
公务接待费 4.00 5.00
"""
    t = _doc(text).tables["T09"]
    assert t.value("决算数", "合计") == D("4.00") and t.value("预算数", "公务接待费") == D("5.00")


FLOW = """{title}
单位：万元
项目 年初结转和结余 本年收入 本年支出 年末结转和结余
科目编码 科目名称 小计 基本支出 项目支出
合计 2.00 50.00 40.00 40.00 12.00
212 城乡社区支出 50.00 40.00 40.00 10.00
21208 国有土地使用权出让收入安排的支出 50.00 40.00 40.00 10.00
229 其他支出 2.00 2.00
"""


def test_flow_table_partial_rows_placed_by_identities():
    t = _doc(FLOW.format(title="政府性基金预算财政拨款收入支出决算表")).tables["T07"]
    # 年末 10 = 0 + 收入 50 − 小计 40; 小计 40 = 基本 0 + 项目 40 (or 基本 40: a choice, uncertain)
    assert t.value("212", "本年收入") == D("50.00") and t.value("212", "年末结转和结余") == D("10.00")
    assert t.value("212", "小计") == D("40.00")
    assert t.value("212", "项目支出") == D("40.00") and t.get("212", "项目支出").uncertain
    assert t.value("212", "年初结转和结余") is None
    # 229: 年初 2 carried to 年末 2
    assert t.value("229", "年初结转和结余") == D("2.00") and t.value("229", "年末结转和结余") == D("2.00")
    assert not t.get("229", "年末结转和结余").uncertain
    assert t.value("合计", "年初结转和结余") == D("2.00") and t.value("合计", "年末结转和结余") == D("12.00")


def test_shanghai_state_capital_table_keeps_its_three_columns():
    t = _doc(FLOW.format(title="国有资本经营预算财政拨款收入支出决算表")).tables["T08"]
    assert t.value("212", "合计") == D("40.00") and t.value("212", "项目支出") == D("40.00")
    assert t.value("合计", "合计") == D("40.00")
    assert {c.column for c in t.cells} <= {"合计", "基本支出", "项目支出"}


def test_sangong_note_below_does_not_decide_the_layout():
    text = T09_HEAD.replace("合计 因公", "预算数 决算数\n合计 因公") + "1 2 3 4 5 6 7 8 9 10 11 12\n" \
        "6.00 0.50 5.00 0.00 5.00 0.50 5.00 0.00 4.50 0.00 4.50 0.50\n" \
        "注：本表反映财政拨款“三公”经费支出预决算情况。其中，预算数为年初预算数，决算数是实际支出。\n"
    t = _doc(text).tables["T09"]
    assert t.value("预算数", "因公出国（境）费") == D("0.50") and t.value("决算数", "合计") == D("5.00")
    assert t.value("决算数", "公务接待费") == D("0.50")


def test_two_sided_labels_wrapped_before_their_hangci():
    text = """收入支出决算总表
单位：万元
收入 支出
项目 行次 决算数 项目 行次 决算数
栏次 1 栏次 2
一、一般公共预算
财政拨款收入
1 80.00
一、一般公共服务
支出
32
八、其他收入 8 5.00
八、社会保障和就
业支出
39 85.00
"""
    t = _doc(text).tables["T01"]
    assert t.value("一般公共预算财政拨款收入", "金额") == D("80.00")
    assert t.value("其他收入", "金额") == D("5.00")
    assert t.value("208", "金额") == D("85.00")
    assert t.value("201", "金额") is None


def test_two_sided_table_printed_income_block_then_expenditure_block():
    text = ("财政拨款收入支出决算总表\n单位：万元\n收入\n项目\t行次\t金额\n一、一般公共预算财政拨款\t1\t90.00\n"
            "本年收入合计\t4\t90.00\n总计\t9\t90.00\n支出\n"
            "项目\t行次\t合计\t一般公共预算财政拨款\t政府性基金预算财政拨款\t国有资本经营预算财政拨款\n"
            "八、社会保障和就业支出\t17\t90.00\t90.00\t0.00\t\n本年支出合计\t37\t90.00\t90.00\t0.00\t\n"
            "总计\t39\t90.00\t90.00\t0.00\t\n")
    t = _doc(text).tables["T04"]
    assert t.value("208", "一般公共预算财政拨款") == D("90.00") and t.value("208", "政府性基金预算财政拨款") == D("0")
    assert t.value("本年支出合计", "一般公共预算财政拨款") == D("90.00")
    assert t.value("收入总计", "金额") == D("90.00") and t.value("支出总计", "一般公共预算财政拨款") == D("90.00")


def test_wrapped_name_set_above_the_code_line_is_joined_by_the_catalogue():
    text = T03_SPLIT.replace("一般行政管理事务\n201 06 02 25.00 25.00\n", "一般行政管\n201 06 02 理事务 25.00 25.00\n")
    t = _doc(text).tables["T03"]
    assert t.row_labels["2010602"] == "一般行政管理事务"
    assert t.row_labels["2010601"] == "行政运行"


T06_PAIRED = """一般公共预算财政拨款基本支出决算表
单位：万元
经济分类 经济分类
科目名称 决算数 科目名称 决算数
301 302
工资福利支出 50.00 商品和服务支出 7.00
301 01 302
基本工资 01 办公费
30.00 5.00
301 02 302
津贴补贴 02 印刷费
20.00
301 13 302 因 公 出 国 （ 境 ） 费
住房公积金 12
0.00 用
302
13 维修（护）费
2.00
人员经费合计 50.00 公用经费合计 7.00
"""


def test_economic_groups_printed_as_code_line_then_names_then_amounts():
    t = _doc(T06_PAIRED).tables["T06"]
    assert t.value("30101", "决算数") == D("30.00") and t.value("30201", "决算数") == D("5.00")
    # the lone 20.00 is 津贴补贴's: 301 = 30 + 20 holds only so
    assert t.value("30102", "决算数") == D("20.00") and t.value("30202", "决算数") is None
    assert not t.get("30102", "决算数").uncertain
    assert t.value("30113", "决算数") == D("0.00") and t.value("30212", "决算数") is None
    assert t.value("30213", "决算数") == D("2.00")
    assert t.row_labels["30212"] == "因公出国(境)费用"


# pdftotext -layout: each row's amount on a line of its own above its code line (a vertically
# centred cell), the groups kept in their character columns; footers' amounts above their labels.
T06_LAYOUT = """一般公共预算财政拨款基本支出决算表
                                                     单位：万元
经济分类                                经济分类
科目编码    科目名称       决算数       科目编码    科目名称       决算数
301                        50.00      302                         7.00
            工资福利支出                          商品和服务支出
                           30.00                                  5.00
301    01                             302
            基本工资                         01   办公费
                           20.00
301    02                             302
            津贴补贴                         02   印刷费
                                                                  2.00
301    13                             302
            住房公积金                       13   维修（护）费
                           50.00                                  7.00
            人员经费合计                          公用经费合计
"""


def test_economic_groups_with_amounts_above_their_code_lines_placed_by_column():
    t = _doc(T06_LAYOUT).tables["T06"]
    assert t.value("301", "决算数") == D("50.00") and t.value("302", "决算数") == D("7.00")
    assert t.value("30101", "决算数") == D("30.00") and t.value("30201", "决算数") == D("5.00")
    # a lone amount goes to the group its character column stands in
    assert t.value("30102", "决算数") == D("20.00") and t.value("30202", "决算数") is None
    assert t.value("30213", "决算数") == D("2.00") and t.value("30113", "决算数") is None
    assert t.value("人员经费合计", "决算数") == D("50.00") and t.value("公用经费合计", "决算数") == D("7.00")
    assert not any(c.uncertain for c in t.cells)


def test_a_wrapped_name_stays_in_its_column_group():
    text = """一般公共预算财政拨款基本支出决算表
单位：万元
经济分类                         经济分类
科目编码    科目名称   决算数        科目编码   科目名称   决算数
30107    绩效工资                30205    水费
         机关事业单位基本养老保
30108                        30206    电费
        险缴费
"""
    t = _doc(text).tables["T06"]
    assert t.row_labels["30108"] == "机关事业单位基本养老保险缴费"
    assert t.row_labels["30205"] == "水费" and t.row_labels["30206"] == "电费"


def test_names_wrapped_into_a_neighbours_are_given_back_by_the_catalogue():
    from juesuan.extract.codes import settle_wrapped_names
    from juesuan.extract.records import Record
    from juesuan.read.types import Line

    ln = Line(no=1, text="")
    rows = [Record("207", "文化旅游体育与传媒支出其他文化旅游体育与传媒支", ln), Record("20799", "出............", ln),
            Record("2010601", "行政运行", ln)]
    settle_wrapped_names(rows)
    assert [r.name for r in rows] == ["文化旅游体育与传媒支出", "其他文化旅游体育与传媒支出", "行政运行"]
    # a name that is simply different is left as printed (K-name-matches judges it)
    other = [Record("207", "文化体育支出", ln), Record("20799", "其他支出", ln)]
    settle_wrapped_names(other)
    assert [r.name for r in other] == ["文化体育支出", "其他支出"]


def test_an_amount_between_two_wrapped_labels_goes_to_the_income_item_that_lacks_one():
    # pdfplumber: '七、附属单位上缴 七、文化旅游体育' / '0.00' / '收入 与传媒支出' — the identities cannot
    # tell whose 0.00 it is; every other income item prints its amount, so it is the income item's
    text = T01.replace("八、其他收入 5.00", "七、附属单位上缴 七、文化旅游体育\n0.00\n收入 与传媒支出\n八、其他收入 5.00")
    text = text.replace("二、政府性基金预算财政拨款收入 二、外交支出", "二、政府性基金预算财政拨款收入 0.00 二、外交支出")
    text = text.replace("三、国有资本经营预算财政拨款收入 三、国防支出", "三、国有资本经营预算财政拨款收入 0.00 三、国防支出")
    text = text.replace("四、上级补助收入 四、公共安全支出", "四、上级补助收入 0.00 四、公共安全支出")
    t = _doc(text).tables["T01"]
    assert t.value("附属单位上缴收入", "金额") == D("0") and t.get("附属单位上缴收入", "金额").uncertain
    assert t.value("207", "金额") is None
    assert t.value("其他收入", "金额") == D("5.00") and t.value("208", "金额") == D("25.00")
