"""Self-evaluation forms printed one cell a line (extract/performance/percell.py): each cell on a
line of its own, empty cells dropped. Made-up forms: the rows the structure decides are read
exactly; a row whose end is a guess is read but marked uncertain, its table named in a warning."""

from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.extract.performance import extract_performance
from juesuan.locate.sections import locate_sections
from juesuan.read.text import read_text

HEAD = "第一部分 部门决算情况说明\n一、预算绩效情况说明\n本部门开展了绩效自评。\n第二部分 附件\n"
TOP = ["项目支出绩效自评表", "（2025年度）", "项目名称", "河湖巡查保洁", "主管部门", "白沙县水利局", "实施单位",
       "白沙县河道管理所", "项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
       "年度资金总额", "120.00", "150.00", "135.00", "10", "90.00%", "9.00",
       # 分值 and 得分 of a source row are blank: dropped
       "其中：当年财政拨款", "120.00", "140.00", "126.00", "90.00%",
       "上年结转资金", "0.00", "10.00", "9.00", "90.00%",
       "年度总体目标", "预期目标", "实际完成情况", "完成全县河湖巡查保洁，水面保洁率不低于95%。",
       "全年巡查保洁到位，水面保洁率96%。"]
HEADER = ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
          "偏差原因分析及改进措施"]
END = ["总分", "100", "93.50", "自评等级", "优"]
ANALYSIS = "汛期降雨偏多影响进度；下一步加密巡查频次。"


def _read(cells: list[str]):
    w: list[str] = []
    src = read_text((HEAD + "\n".join(cells) + "\n").encode(), "synthetic.txt")
    items = [i for i in extract_performance(src, locate_sections(src, []), w) if i.source == "attachment"]
    assert len(items) == 1, [i.name for i in items]
    return items[0], w


def _rows(p):
    return [(i.level1, i.level2, i.name, i.comparator, i.target, i.unit, i.target_text if i.target is None else "",
             i.actual, i.weight, i.score, i.deviation, i.uncertain) for i in p.indicators]


def test_head_funds_goals_and_rows():
    body = ["产出指标", "数量指标", "巡查河道长度", "≥300公里", "310公里", "30", "30",
            "质量指标", "水面保洁率", "≥95%", "88.00%", "30", "27.79", ANALYSIS,
            # 二级 carried down: the analysis above is a sentence, the name follows it
            "保洁作业合规性", "合规", "合规", "10", "10",
            "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "92.00%", "20", "20"]
    p, w = _read(TOP + HEADER + body + END)
    assert (p.name, p.department, p.implementer) == ("河湖巡查保洁", "白沙县水利局", "白沙县河道管理所")
    assert [(f.source, f.initial_budget, f.budget, f.executed, f.weight, f.rate, f.score) for f in p.funds] == [
        ("年度资金总额", D("120.00"), D("150.00"), D("135.00"), D(10), D("90.00"), D("9.00")),
        ("当年财政拨款", D("120.00"), D("140.00"), D("126.00"), None, D("90.00"), None),
        ("上年结转资金", D("0.00"), D("10.00"), D("9.00"), None, D("90.00"), None)]
    assert (p.budget, p.executed, p.rate, p.rate_score, p.total_score, p.grade) == (
        D("150.00"), D("135.00"), D("90.00"), D("9.00"), D("93.50"), "优")
    assert (p.objective, p.achieved) == ("完成全县河湖巡查保洁,水面保洁率不低于95%。", "全年巡查保洁到位,水面保洁率96%。")
    assert _rows(p) == [
        ("产出指标", "数量指标", "巡查河道长度", "≥", D(300), "公里", "", D(310), D(30), D(30), "", False),
        ("产出指标", "质量指标", "水面保洁率", "≥", D(95), "%", "", D("88.00"), D(30), D("27.79"),
         "汛期降雨偏多影响进度;下一步加密巡查频次。", False),
        ("产出指标", "质量指标", "保洁作业合规性", None, None, "", "合规", None, D(10), D(10), "", False),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥", D(90), "%", "", D("92.00"), D(20), D(20), "", False)]
    assert not [x for x in w if "河湖巡查保洁" in x]



def test_a_level_printed_between_the_total_and_its_figures_is_not_its_label():
    """A 一级 cell merged over its rows and centred comes out of the tool after the tree's last
    row: '总分', '效益指标', '100', '97.45'. The total is still 97.45 (the reader neither takes
    the level for the total's label, nor reports a blank total), and the rows keep their levels."""
    body = ["产出指标", "数量指标", "巡查河道长度", "≥300公里", "310公里", "50", "50",
            "可持续影响指标", "长效管理机制", "健全", "健全", "50", "47.45"]
    p, w = _read(TOP + HEADER + body + ["总分", "效益指标", "100", "97.45", "自评等级", "优"])
    assert (p.total_score, p.grade) == (D("97.45"), "优")
    assert [(i.level1, i.level2, i.name, i.score) for i in p.indicators] == [
        ("产出指标", "数量指标", "巡查河道长度", D(50)), ("效益指标", "可持续影响指标", "长效管理机制", D("47.45"))]
    assert not [x for x in w if "河湖巡查保洁" in x]

def test_split_columns_and_a_header_repeated_over_pages():
    header = ["绩效指标", "一级指标", "二级指标", "三级指标", "运算符号", "指标值", "度量单位", "全年完成值", "完成程度",
              "分值", "得分", "偏差原因分析及改进措施"]
    body = ["产出指标", "数量指标", "巡查河道长度", "≥", "300", "公里", "310", "100.00%", "30", "30",
            "— 7 —", *header,  # the form broken over a page: its number, then the header again
            "质量指标", "水面保洁率", "≥", "95", "%", "88.00", "92.63%", "30", "27.79", ANALYSIS,
            "保洁作业合规性", "合规", "合规", "100.00%", "10", "10"]
    p, w = _read(TOP + header + body + END)
    assert [(i.name, i.target, i.unit, i.actual, i.completion, i.weight, i.score, i.uncertain) for i in p.indicators] == [
        ("巡查河道长度", D(300), "公里", D(310), D("100.00"), D(30), D(30), False),
        ("水面保洁率", D(95), "%", D("88.00"), D("92.63"), D(30), D("27.79"), False),
        ("保洁作业合规性", None, "", None, D("100.00"), D(10), D(10), False)]
    assert p.indicators[1].deviation and not [x for x in w if "河湖巡查保洁" in x]


def test_a_wrapped_name_is_marked_not_guessed():
    # '保洁作业合规' / '性': two label cells where one row has one name — a wrapped name, or a
    # short analysis: the row is read (its pieces joined as the vertical layout's) but marked
    # uncertain, and the table named
    body = ["产出指标", "质量指标", "水面保洁率", "≥95%", "96.00%", "30", "30",
            "保洁作业合规", "性", "合规", "合规", "10", "10"]
    p, w = _read(TOP + HEADER + body + END)
    assert [(i.name, i.target_text, i.uncertain) for i in p.indicators] == [
        ("水面保洁率", "≥95%", False), ("保洁作业合规性", "合规", True)]
    assert any("河湖巡查保洁" in x and "保洁作业合规性" in x and "存疑" in x for x in w)


def test_a_long_or_listing_name_after_a_short_score():
    # a name longer than any cell line or holding '、' is no sentence: never taken for the
    # analysis of the row above (which scored short); when a value is dropped it may be either
    body = ["产出指标", "质量指标", "水面保洁率", "≥95%", "88.00%", "30", "27.79",
            "河湖岸线垃圾及漂浮物清理到位率", "≥98%", "99.00%", "10", "10",
            "保洁船只、设备完好率", "≥90%", "95.00%", "10", "10",
            "河湖岸线垃圾及漂浮物清理覆盖范围", "全覆盖", "10", "9"]
    p, w = _read(TOP + HEADER + body + END)
    assert [(i.name, i.actual, i.deviation, i.uncertain) for i in p.indicators] == [
        ("水面保洁率", D("88.00"), "", False), ("河湖岸线垃圾及漂浮物清理到位率", D("99.00"), "", False),
        ("保洁船只、设备完好率", D("95.00"), "", False),
        ("河湖岸线垃圾及漂浮物清理覆盖范围", None, "", False)]
    assert not [x for x in w if "河湖巡查保洁" in x]
    # the row above scored short: its analysis cell may hold the long text, the name the next cell
    body[-5] = "9"  # 得分 of 保洁船只、设备完好率
    p, w = _read(TOP + HEADER + body + END)
    assert p.indicators[-1].uncertain and any("河湖巡查保洁" in x for x in w)


def test_wrapped_values_are_joined_and_marked():
    body = ["成本指标", "经济成本指标", "人均保洁补助", "≤1500元", "/人/月", "1450.00", "元/人/月", "30", "30",
            "产出指标", "数量指标", "巡查河道长度", "≥300公里", "310公里", "30", "30"]
    p, w = _read(TOP + HEADER + body + END)
    first = p.indicators[0]
    assert (first.name, first.comparator, first.target, first.unit, first.actual, first.uncertain) == (
        "人均保洁补助", "≤", D(1500), "元/人/月", D("1450.00"), True)
    assert not p.indicators[1].uncertain


def test_a_short_analysis_after_a_short_score_is_marked():
    # the row above scored short and its analysis says '见说明' (no sentence): '见说明 保洁作业合规性
    # 合规' is that analysis, a name and a value — or a name and two values. Not guessed.
    body = ["产出指标", "质量指标", "水面保洁率", "≥95%", "88.00%", "30", "27.79", "见说明",
            "保洁作业合规性", "合规", "10", "10"]
    p, w = _read(TOP + HEADER + body + END)
    assert p.indicators[-1].uncertain and any("河湖巡查保洁" in x for x in w)


def test_a_blank_analysis_placeholder_is_not_a_name():
    body = ["产出指标", "质量指标", "水面保洁率", "≥95%", "88.00%", "30", "27.79", "无",
            "保洁作业合规性", "合规", "合规", "10", "10"]
    p, w = _read(TOP + HEADER + body + END)
    assert [(i.name, i.target_text, i.uncertain) for i in p.indicators] == [
        ("水面保洁率", "≥95%", False), ("保洁作业合规性", "合规", False)]


def test_a_wrapped_project_name_is_joined_and_said():
    top = TOP[:3] + ["河湖巡查保洁及岸线", "整治"] + TOP[4:]
    body = ["产出指标", "数量指标", "巡查河道长度", "≥300公里", "310公里", "30", "30"]
    p, w = _read(top + HEADER + body + END)
    assert (p.name, p.department) == ("河湖巡查保洁及岸线整治", "白沙县水利局")
    assert any("河湖巡查保洁及岸线整治" in x and "折行" in x for x in w)


def test_goals_wrapped_over_lines_are_named_in_a_warning():
    top = TOP[:-2] + ["完成全县河湖巡查保洁，水面保洁率", "不低于95%。", "全年巡查保洁到位，水面保洁率96%。"]
    body = ["产出指标", "数量指标", "巡查河道长度", "≥300公里", "310公里", "30", "30"]
    p, w = _read(top + HEADER + body + END)
    assert p.objective == "完成全县河湖巡查保洁,水面保洁率不低于95%。"  # split where a cell ends a sentence
    assert any("河湖巡查保洁" in x and "年度总体目标" in x for x in w)


def test_a_vertical_dump_is_not_rebuilt():
    """A dump printing the level headers on one line (a row's values on one line) is the vertical
    layout's, read as before: nothing here applies to it."""
    from juesuan.extract.performance.common import rows_of
    from juesuan.extract.performance.percell import maybe_cell_per_line

    src = read_text("一级指标 二级指标 三级指标\n产出指标\n".encode(), "v.txt")
    assert not maybe_cell_per_line(rows_of(src.lines))
    src = read_text("一级指标\n二级指标\n三级指标\n".encode(), "v.txt")
    assert maybe_cell_per_line(rows_of(src.lines))


_NAMES = ("巡查河道长度", "水面保洁率", "保洁作业合规性", "垃圾清运及时率", "群众满意度", "设施完好率")
_LEVELS = (("产出指标", "数量指标"), ("产出指标", "质量指标"), ("效益指标", "社会效益指标"),
           ("满意度指标", "服务对象满意度指标"))


@st.composite
def _forms(draw):
    """A form of 1..6 rows: each under a drawn level (printed when it changes), a quantitative or
    qualitative value, full or short score with or without an analysis sentence."""
    n = draw(st.integers(1, len(_NAMES)))
    rows = []
    for k in range(n):
        lv = draw(st.sampled_from(_LEVELS))
        qual = draw(st.booleans())
        weight = draw(st.integers(5, 30))
        short = draw(st.booleans())
        score = D(weight) - D("1.25") if short else D(weight)
        analysis = ANALYSIS if short and draw(st.booleans()) else ""
        rows.append((lv, _NAMES[k], qual, weight, score, analysis))
    return rows


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(form=_forms())
def test_any_form_reads_exactly_or_says_so(form):
    cells: list[str] = []
    last = ("", "")
    for (l1, l2), name, qual, weight, score, analysis in form:
        if l1 != last[0]:
            cells.append(l1)
        if (l1, l2) != last:
            cells.append(l2)
        last = (l1, l2)
        cells += [name, *(("达标", "达标") if qual else ("≥95%", "97.50%")), str(weight), str(score)]
        if analysis:
            cells.append(analysis)
    p, w = _read(TOP + HEADER + cells + END)
    warned = any("河湖巡查保洁" in x for x in w)
    got = {i.name: i for i in p.indicators}
    for (l1, l2), name, qual, weight, score, analysis in form:
        i = got.get(name)
        exact = i is not None and (i.level1, i.level2, i.weight, i.score, i.deviation) == (
            l1, l2, D(weight), score, analysis.replace("；", ";")) and (
            i.target_text == "达标" if qual else (i.target, i.actual) == (D(95), D("97.50")))
        assert exact or (warned and (i is None or i.uncertain)), (name, i)
