"""Flattened self-evaluation rows whose target and actual cells wrapped, each piece printed on a
line of its own ('≤1500元' / '/人/月' / '1500.00' / '元/人/月'): the pieces of each value are
joined again when the row itself justifies it (both values then carry the same unit). Synthetic
tables with made-up projects and figures."""

from __future__ import annotations

from decimal import Decimal as D

from juesuan.extract.performance import extract_performance
from juesuan.locate.sections import locate_sections
from juesuan.read.text import read_text

HEAD = "第一部分 部门决算情况说明\n一、预算绩效情况说明\n本部门开展了绩效自评。\n第二部分 附件\n"
FORM = """项目支出绩效自评表
（2031年度）
项目名称 河道巡查补助
主管部门 样例市测试局 实施单位 样例市测试局（本级）
项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分
年度资金总额 20.00 20.00 18.00 10 90.00% 9.00
年度总体目标 预期目标 实际完成情况
按计划实施河道巡查补助。 河道巡查补助按计划实施。
绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
{rows}
总分 100 {total}
自评等级 优
"""


def _rows(rows: str, total: str):
    src = read_text((HEAD + FORM.format(rows=rows, total=total)).encode(), "synthetic.txt")
    items = [i for i in extract_performance(src, locate_sections(src, []), []) if i.source == "attachment"]
    assert len(items) == 1
    return items[0].indicators


def test_target_and_actual_wrapped_are_joined():
    (i,) = _rows("成本指标 经济成本指标 人均补助标准\n≤1800元\n/人/月\n1750.00\n元/人/月\n90 90", "99.00")
    assert (i.name, i.comparator, i.target, i.unit, i.actual) == ("人均补助标准", "≤", D("1800"), "元/人/月", D("1750.00"))
    assert (i.weight, i.score) == (D("90"), D("90"))


def test_target_wrapped_actual_on_the_score_line():
    (i,) = _rows("产出指标 数量指标 巡查人数\n≥300人\n次\n312人次 90 90", "99.00")
    assert (i.name, i.comparator, i.target, i.unit, i.actual) == ("巡查人数", "≥", D("300"), "人次", D("312"))


def test_a_name_that_starts_with_a_figure_is_not_taken_into_a_value():
    (i,) = _rows("满意度指标 服务对象满意度指标\n12345热线\n办结率\n≥95% 98% 90 90", "99.00")
    assert (i.name, i.target, i.actual, i.unit) == ("12345热线办结率", D("95"), D("98"), "%")


def test_pieces_whose_units_disagree_are_not_joined_and_the_row_says_so():
    """'≥300人' / '次' then '312' / '个': the join would give 人次 and 个, so no unit is made up and
    which piece is which figure is left a guess: the row is marked uncertain."""
    (i,) = _rows("产出指标 数量指标 巡查人数\n≥300人\n次\n312\n个\n90 90", "99.00")
    assert i.unit != "人次" and i.uncertain


def test_rows_read_whole_are_not_marked():
    rows = _rows("成本指标 经济成本指标 人均补助标准\n≤1800元\n/人/月\n1750.00\n元/人/月\n45 45\n"
                 "产出指标 数量指标 巡查人数 ≥300人次 312人次 45 45", "99.00")
    assert [i.uncertain for i in rows] == [False, False]


def test_a_page_number_under_the_goals_is_not_part_of_them():
    """A flattened form broken over pages right after its goals row: the page's number ('— 4 —')
    is layout furniture, so the two goal cells are still split and nothing is added to them."""
    src = read_text((HEAD + FORM.format(rows="产出指标 数量指标 巡查人数 ≥300人次 312人次 90 90", total="99.00")
                     .replace("河道巡查补助按计划实施。\n", "河道巡查补助按计划实施。\n— 4 —\n\n")).encode(), "synthetic.txt")
    (p,) = [i for i in extract_performance(src, locate_sections(src, []), []) if i.source == "attachment"]
    assert (p.objective, p.achieved) == ("按计划实施河道巡查补助。", "河道巡查补助按计划实施。")


def test_a_name_ending_in_a_figure_before_a_qualitative_target_is_no_doubt():
    """'每月补贴标准' / '1200元发放' / '符合' / '达成': a name piece with a figure, then text cells —
    nothing there is a value in pieces."""
    (i,) = _rows("成本指标 经济成本指标\n每月补贴标准\n1200元发放\n符合\n达成 90 90", "99.00")
    assert (i.name, i.uncertain) == ("每月补贴标准1200元发放", False)
