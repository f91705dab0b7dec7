"""The indicator fields beyond perf-csv's contract: 完成程度, 偏差度 and the points a 一级/二级
heading prints in its own cell — on synthetic tables (made-up projects and figures) in every
layout family, and end to end on the seeds."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.extract.performance import extract_performance
from juesuan.locate.sections import locate_sections
from juesuan.read.text import read_text

HEAD = "第一部分 部门决算情况说明\n一、预算绩效情况说明\n本部门开展了绩效自评。\n第二部分 附件\n"


def _read(body: str, warnings: list[str] | None = None):
    src = read_text((HEAD + body).encode(), "synthetic.txt")
    return [i for i in extract_performance(src, locate_sections(src, []), warnings) if i.source == "attachment"]


def _one(body: str):
    items = _read(body)
    assert len(items) == 1, [i.name for i in items]
    return items[0]


def _flatten(text: str) -> str:
    return "\n".join(" ".join(c for c in ln.split("\t") if c.strip()) for ln in text.split("\n"))


# --- 完成程度: a ratio (1 = 100%) or a percentage, decided once per table ------------------------

def _completion_table(cells: list[str]) -> str:
    rows = [f"\t产出指标\t数量指标\t河道巡查{k}号段\t>=\t10\t次\t12\t{c}\t20\t20" for k, c in enumerate(cells)]
    return "\n".join([
        "预算项目(政策)绩效自评表 (2031 年度)",
        "项目(政策)名称\t\t河道巡查\t\t",
        "项目预算金额(万元)\t\t10\t\t全年执行数(万元)\t\t9\t\t执行率\t\t90%",
        "绩效指标\t一级指标\t二级指标\t三级指标\t运算符号\t指标值\t度量单位\t全年完成值\t完成程度\t分值\t得分\t偏差原因分析",
        *rows,
        "指标自评得分小计\t\t80\t\t预算执行率得分\t\t9\t\t减分项\t\t0\t\t绩效自评总得分\t\t89",
        "",
    ])


@pytest.mark.parametrize("cells,want", [
    (["1", "0.6", "1.2"], ["100", "60", "120"]),  # ratios
    (["100%", "60%", "1%"], ["100", "60", "1"]),  # percentages as printed
    (["100", "60", "1"], ["100", "60", "1"]),  # bare percentages: one is too large for a ratio
    (["1", "100%"], ["100", "100"]),  # mixed: the % one as printed, the bare one a ratio
])
def test_completion(cells, want):
    for body in (_completion_table(cells), _flatten(_completion_table(cells))):
        p = _one(body)
        assert [i.completion for i in p.indicators] == [D(w) for w in want]
        assert [i.printed["完成程度"].raw for i in p.indicators] == cells
        assert [i.score for i in p.indicators] == [D(20)] * len(cells)


def test_no_completion_column_no_completion():
    body = _completion_table(["1"]).replace("\t完成程度", "").replace("\t1\t20\t20", "\t20\t20")
    p = _one(body)
    assert p.indicators[0].completion is None and "完成程度" not in p.indicators[0].printed
    assert p.indicators[0].score == D(20)


# --- 偏差度: after the scores, percent as printed ----------------------------------------------

DEVIATION = "\n".join([
    "项目单位自评表",
    "项目名称\t\t渔船检修补助\t\t\t",
    "主管部门\t\t青石县渔业局\t\t实施单位\t\t青石县渔政站",
    "项目资金(万元)\t\t年初预算数\t\t全年预算数\t\t全年执行数\t\t分值\t执行率 %\t得分",
    "年度资金总额(万元):\t\t20\t20\t18\t18\t10\t90\t9",
    "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差度 %\t偏差原因分析及改进措施",
    "产出指标\t数量指标\t检修渔船数量\t≥50艘\t45艘\t30\t27\t-10.00%\t部分渔船外出作业",
    "\t质量指标\t检修合格率\t100%\t100%\t30\t30\t0.00%\t",
    "效益指标\t社会效益指标\t安全事故起数\t≤2起\t0起\t21\t21\t-100.00%\t",
    "\t总分\t\t\t\t100\t87\t\t",
    "",
])


@pytest.mark.parametrize("flat", [False, True])
def test_deviation_rate(flat):
    p = _one(_flatten(DEVIATION) if flat else DEVIATION)
    assert [(i.name, i.weight, i.score, i.deviation_rate) for i in p.indicators] == [
        ("检修渔船数量", D(30), D(27), D("-10.00")), ("检修合格率", D(30), D(30), D("0.00")),
        ("安全事故起数", D(21), D(21), D("-100.00"))]
    assert p.indicators[0].printed["偏差度"].raw == "-10.00%"
    assert p.indicators[0].deviation == "部分渔船外出作业"  # the analysis is not the rate


def test_percentage_after_scores_without_its_header_is_not_a_deviation_rate():
    p = _one(DEVIATION.replace("\t偏差度 %", ""))
    assert all(i.deviation_rate is None and "偏差度" not in i.printed for i in p.indicators)


# --- points in a heading's cell ----------------------------------------------------------------

OLD_FORM = "\n".join([
    "2031年度渔港维护经费项目绩效自评表",
    "项目\t名称\t\t渔港维护经费\t\t",
    "预算执行 情况(万元)\t预算数(A)\t执行数(B)\t执行率 (B/A)\t(20 分)\t得分分*执行率)",
    "(20\t分)\t年度财政 资金总额\t10\t10\t100%\t\t20",
    "\t一级指标\t二级指标\t三级\t三级指标\t\t实际完成值 (B)\t得分",
    "年度 绩效 目标 (80 分)\t成本指标 (20分)\t经济成本 指标\t码头清淤单价\t\t30元/方\t28元/方\t20",
    "\t产出指 标(30\t数量指标\t清淤方量\t\t1000方\t1100方\t15",
    "\t分)\t质量指标\t验收合格率\t\t100%\t100%\t15",
    "\t满意度指标\t服务对象满意度指标\t渔民满意度\t\t≥90%\t95%\t10",
    "\t(10 分)\t\t船东满意度\t\t≥90%\t92%\t10",
    "\t效益指标\t社会效益指标\t渔港通航天数\t\t≥300天\t320天\t10",
    "\t\t\t渔船进港次数\t\t≥500次\t520次\t10",
    "总分\t\t\t100\t\t",
    "",
])


def test_points_in_heading_cells():
    p = _one(OLD_FORM)
    got = [(i.name, i.level1, i.level1_weight) for i in p.indicators]
    assert got == [
        ("码头清淤单价", "成本指标", D(20)),  # in the cell; the caption's (80 分) is not a level's
        ("清淤方量", "产出指标", D(30)),  # '(30' closes the cell, '分)' wrapped to the next row
        ("验收合格率", "产出指标", D(30)),
        ("渔民满意度", "满意度指标", D(10)),  # '(10 分)' alone below the heading: back-filled
        ("船东满意度", "满意度指标", D(10)),
        ("渔港通航天数", "效益指标", None),  # printed none
        ("渔船进港次数", "效益指标", None),
    ]


def test_points_below_a_heading_beside_a_new_level2():
    body = OLD_FORM.replace("\t(10 分)\t\t船东满意度", "\t(10 分)\t社会公众满意度指标\t船东满意度")
    p = _one(body)
    sat = [i for i in p.indicators if i.level1 == "满意度指标"]
    assert [(i.name, i.level2, i.level1_weight) for i in sat] == [
        ("渔民满意度", "服务对象满意度指标", D(10)), ("船东满意度", "社会公众满意度指标", D(10))]


def test_caption_points_never_a_level_weight():
    # the caption column prints its points left of a heading printed without any
    body = OLD_FORM.replace("\t产出指 标(30\t数量指标", "(80 分)\t产出指标\t数量指标").replace("\t分)\t质量指标", "\t\t质量指标")
    p = _one(body)
    out = [i for i in p.indicators if i.level1 == "产出指标"]
    assert out and all(i.level1_weight is None for i in out)
    # two points cells side by side: the left one is the caption's, the right one the level's
    body = OLD_FORM.replace("\t分)\t质量指标", "(80 分)\t(30 分)\t质量指标").replace("\t产出指 标(30\t", "\t产出指标\t")
    p = _one(body)
    assert {i.level1_weight for i in p.indicators if i.level1 == "产出指标"} == {D(30)}


VERTICAL = "\n".join([
    "预算项目(政策)绩效自评表",
    "项目(政策)名称 渔港灯塔维护",
    "项目预算金额（万元） 50 全年执行数（万元） 45 执行率 90%",
    "绩效指标",
    "一级指标 二级指标 三级指标",
    "年度目标值",
    "全年",
    "完成值",
    "分值 得分",
    "运算",
    "符号",
    "内容",
    "度量",
    "单位",
    "年度绩效目标",
    "(80分)",
    "产出指标",
    "(50分)",
    "数量指标",
    "(30分)",
    "灯塔巡检次数",
    ">= 12 次 12 30 30",
    "质量指标",
    "(20分)",
    "灯塔完好率",
    ">= 95 % 100 20 20",
    "效益指标",
    "(30分)",
    "社会效益指标",
    "夜航事故起数",
    "<= 0 起 0 30 30",
    "指标自评得分小计 80 预算执行率得分 9 减分项 0 绩效自评总得分 89",
    "",
])


def test_vertical_points_on_lines_of_their_own():
    p = _one(VERTICAL)
    assert [(i.name, i.level1, i.level1_weight, i.level2, i.level2_weight) for i in p.indicators] == [
        ("灯塔巡检次数", "产出指标", D(50), "数量指标", D(30)),
        ("灯塔完好率", "产出指标", D(50), "质量指标", D(20)),
        ("夜航事故起数", "效益指标", D(30), "社会效益指标", None)]


def test_flattened_points_split_by_spaces():
    body = OLD_FORM.replace("\t产出指 标(30\t数量指标", "\t产出指标 (30 分)\t数量指标").replace("\t分)\t质量指标", "\t\t质量指标")
    p = _one(_flatten(body))
    assert {i.level1_weight for i in p.indicators if i.level1 == "产出指标"} == {D(30)}
    assert {i.level1_weight for i in p.indicators if i.level1 == "成本指标"} == {D(20)}
    assert [i.name for i in p.indicators][:3] == ["码头清淤单价", "清淤方量", "验收合格率"]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["产出指标", "效益指标", "满意度指标"]),
                          st.integers(min_value=1, max_value=60), st.integers(min_value=1, max_value=4)),
                min_size=1, max_size=4, unique_by=lambda r: r[0]),
       st.sampled_from(["tab", "flat"]))
def test_points_of_every_heading(groups, layout):
    """Any headings with any points, each over a few rows: every row carries its heading's.
    (成本指标 is left out: below 产出指标 it is a 二级 of the older framework.)"""
    rows, want = [], []
    for l1, pts, n in groups:
        for k in range(n):
            head = f"{l1} ({pts}分)" if k == 0 else ""
            rows.append(f"\t{head}\t\t{l1[:2]}考核项{k}\t>=\t10\t次\t12\t1\t5\t5")
            want.append((f"{l1[:2]}考核项{k}", l1, D(pts)))
    body = _completion_table(["1"]).split("\n")
    table = "\n".join(body[:4] + rows + body[-2:])
    p = _one(_flatten(table) if layout == "flat" else table)
    assert [(i.name, i.level1, i.level1_weight) for i in p.indicators] == want


# --- other readers ------------------------------------------------------------------------------

@pytest.mark.parametrize("ext", ["html", "docx", "xlsx", "pdf"])
def test_new_fields_through_every_reader(tmp_path, ext):
    import test_performance_tables as t

    from juesuan.read import read_source

    path = tmp_path / f"table.{ext}"
    writer = {"html": t._html, "docx": t._docx, "xlsx": t._xlsx, "pdf": t._pdf}[ext]
    for name, body in (("deviation", DEVIATION), ("completion", _completion_table(["1", "0.6"]))):
        writer(t._rows(body), path)
        src = read_source(path)
        got = [i for i in extract_performance(src, locate_sections(src, []), []) if i.source == "attachment"]
        want = _one(body)
        assert len(got) == 1, name
        assert [(i.name, i.deviation_rate, i.completion, i.weight, i.score) for i in got[0].indicators] == [
            (i.name, i.deviation_rate, i.completion, i.weight, i.score) for i in want.indicators], name


# --- seeds ---------------------------------------------------------------------------------------

def _att(seed, prefix):
    return [p for p in seed(prefix).performance if p.source == "attachment"]


def test_seed001_heading_points(seed):
    att = _att(seed, "001")
    party = next(p for p in att if p.name == "党员培训教育经费")
    cost = party.indicators[0]
    assert (cost.name, cost.level1, cost.level1_weight, cost.score) == ("党员人均活动成本", "成本指标", D(20), D("18.94"))
    assert [i.level1_weight for i in party.indicators] == [D(20), D(20), D(20), D(30), D(10)]
    job = next(p for p in att if p.name == "就业管理经费")
    fee = job.indicators[0]
    assert (fee.target, fee.actual, fee.level1_weight, fee.score) == (D(354), D(277), D(20), D("15.6"))
    # the 整体 table: each 年度绩效目标 (20 分) splits into its levels' points; the caption's
    # own points are never a level's
    whole = next(p for p in att if p.kind == "overall")
    assert {i.level1_weight for i in whole.indicators} <= {D(5), D("7.5"), D("2.5"), None}
    # project tables: a 一级 heading's points are 20, 30 or 10 — never the caption's 80
    assert {i.level1_weight for p in att if p.kind == "project" for i in p.indicators} <= {D(20), D(30), D(10), None}


def test_seed000_and_003_completion(seed):
    for prefix in ("000", "003"):
        rows = [i for p in _att(seed, prefix) for i in p.indicators]
        assert rows and all(i.completion is not None for i in rows)
    rows = {i.name: i for p in _att(seed, "003") for i in p.indicators}
    assert rows["预算调整率"].completion is not None
    adj = [i for p in _att(seed, "003") for i in p.indicators if i.printed.get("完成程度") and
           i.printed["完成程度"].raw == "0.13"]
    assert adj and adj[0].completion == D("13.00")  # printed as a ratio


def test_seed002_deviation_rates(seed):
    att = _att(seed, "002")
    rows = [i for p in att for i in p.indicators if i.level1 != "资金管理情况"]
    assert len(rows) == 325 and all(i.deviation_rate is not None for i in rows)
    trainee = next(i for p in att for i in p.indicators if i.name == "就业见习人数")
    assert (trainee.target, trainee.actual, trainee.deviation_rate) == (D(200), D(438), D("89.00"))


def test_seed004_deviation_rates(seed):
    p = next(p for p in _att(seed, "004") if p.kind == "overall")
    assert len(p.indicators) == 26 and {i.deviation_rate for i in p.indicators} == {D("0.00")}


# --- perf-csv: a 整体 table's tasks ------------------------------------------------------------

def test_perf_csv_overall_tasks():
    import csv
    import io

    import test_performance_tables as t

    from juesuan.cli.extract import perf_csv
    from juesuan.model import Disclosure

    rows = list(csv.reader(io.StringIO(perf_csv(Disclosure(performance=_read(t.OVERALL))))))
    name = "部门整体:青石县园林服务中心"
    tasks = {(r[1], r[2]): (r[3], r[4]) for r in rows[1:] if r[0] == name and r[1].startswith("基本支出")}
    assert tasks == {
        ("基本支出人员经费", "全年预算数"): ("200", "200"), ("基本支出人员经费", "全年执行数"): ("200", "200"),
        ("基本支出人员经费", "执行率"): ("100.00", "100.00%"), ("基本支出人员经费", "分值"): ("20", "20"),
        ("基本支出人员经费", "得分"): ("20", "20"),
        ("基本支出公用经费", "全年预算数"): ("100", "100"), ("基本支出公用经费", "全年执行数"): ("90", "90"),
        ("基本支出公用经费", "执行率"): ("90.00", "90.00%"), ("基本支出公用经费", "分值"): ("20", "20"),
        ("基本支出公用经费", "得分"): ("18", "18")}
    # tasks come after the table's own figures and before its indicators
    order = [r[1] for r in rows[1:] if r[0] == name]
    assert order.index("基本支出人员经费") < order.index("绿地养护完成率")
    assert all(r[5] == "" and r[6] for r in rows[1:] if r[1].startswith("基本支出"))


def test_seed000_tasks_in_perf_csv(seed):
    import csv
    import io

    from juesuan.cli.extract import perf_csv

    rows = list(csv.reader(io.StringIO(perf_csv(seed("000")))))
    whole = [r for r in rows[1:] if r[0].startswith("部门整体:") and r[1].startswith("基本支出")]
    assert len(whole) == 6 * 5  # six tasks, five figures each
    assert ["部门整体:阜新市细河区人力资源和社会保障服务中心", "基本支出人员经费(保工资)", "执行率", "100.00", "100.00%",
            "", "631"] in whole


# --- vertical layouts: a wrapped name's tail told from a qualitative target ------------------------

def _vertical_with(rows: list[str]) -> str:
    import test_performance_tables as t

    return t.VERTICAL.replace("指标自评得分小计", "\n".join(rows + ["指标自评得分小计"]))


_GRADE = ["全部或基本达成", "预期指标100%-", "80%（含）"]


def test_name_tail_after_a_full_name_line():
    # the table's names wrap at six characters ('养护道路总里' / '程'): a six-wide line is full, so
    # the three-wide piece below it ends the name; the target is the narrower '提高'
    p = _one(_vertical_with(["可持续影", "响指标", "促进山区道路", "安全性", "提高", *_GRADE, "100% 5 5"]))
    last = p.indicators[-1]
    assert (last.name, last.target_text, last.score) == ("促进山区道路安全性", "提高", D(5))


def test_target_lines_as_wide_as_the_tables_earlier_targets():
    # an earlier target wrapped at three ('管理规' / '范'): a three-wide piece is a target line
    rows = ["可持续影", "响指标", "养护制度", "管理规", "范", *_GRADE, "100% 5 5",
            "促进山区道路", "安全性", "提高", *_GRADE, "100% 5 5"]
    p = _one(_vertical_with(rows))
    assert [(i.name, i.target_text) for i in p.indicators[-2:]] == [
        ("养护制度", "管理规范"), ("促进山区道路", "安全性提高")]


def test_target_pieces_of_one_width_stay_the_target():
    p = _one(_vertical_with(["可持续影", "响指标", "促进山区道路", "管理", "规范", *_GRADE, "100% 5 5"]))
    assert (p.indicators[-1].name, p.indicators[-1].target_text) == ("促进山区道路", "管理规范")


def test_one_cell_a_line_form_is_read_by_its_rows():
    """Every cell on a line of its own, row after row (tests/extract/test_performance_percell.py
    has the mechanism's cases): the rows are rebuilt from the form's structure and read."""
    cells = ["项目支出绩效自评表", "项目名称", "滩涂围网清理", "主管部门", "青石县海洋局", "绩效指标", "一级指标",
             "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "产出指标", "数量指标", "清理围网长度",
             "≥20公里", "22公里", "50", "50", "效益指标", "社会效益指标", "航道通畅", "明显", "明显", "40", "40",
             "总分", "100", "99", ""]
    w: list[str] = []
    (p,) = _read("\n".join(cells), w)
    assert [(i.level1, i.level2, i.name, i.target, i.actual_text, i.weight, i.score) for i in p.indicators] == [
        ("产出指标", "数量指标", "清理围网长度", D(20), "22公里", D(50), D(50)),
        ("效益指标", "社会效益指标", "航道通畅", None, "明显", D(40), D(40))]
    assert (p.department, p.total_score) == ("青石县海洋局", D(99))
    assert not any(i.uncertain for i in p.indicators) and not any("滩涂围网清理" in x for x in w)


def test_completion_in_a_vertical_layout():
    import test_performance_tables as t

    p = _one(t.VERTICAL)
    assert [(i.name, i.completion, i.printed["完成程度"].raw) for i in p.indicators] == [
        ("养护道路总里程", D(100), "100%"), ("养护任务完成及时率", D(94), "94%"), ("群众出行满意度", D(100), "100%")]


# --- a 一级 heading centred in its merged cell: printed below its group's first row ------------

def test_heading_centred_below_its_first_row():
    # '产出指标 (30分)' is printed on the second row of its group; the first row already prints
    # 数量指标, a 二级 of 产出指标 — it is not a 成本指标 row, and the heading's points are its
    body = OLD_FORM.replace("\t产出指 标(30\t数量指标\t清淤方量", "\t\t数量指标\t清淤方量") \
        .replace("\t分)\t质量指标\t验收合格率", "\t产出指标 (30分)\t质量指标\t验收合格率")
    p = _one(body)
    got = [(i.name, i.level1, i.level1_weight, i.level2) for i in p.indicators[:3]]
    assert got == [("码头清淤单价", "成本指标", D(20), "经济成本指标"), ("清淤方量", "产出指标", D(30), "数量指标"),
                   ("验收合格率", "产出指标", D(30), "质量指标")]


def test_blank_total_is_printed_blank():
    from juesuan.cli.extract import perf_csv
    from juesuan.model import Disclosure

    p = _one(DEVIATION.replace("\t总分\t\t\t\t100\t87\t\t", "\t总分\t\t\t\t\t\t\t"))
    assert p.total_score is None and p.printed["总分"].raw == "" and p.printed["总分"].line is not None
    # perf-csv lists printed figures only: a blank cell has no line
    assert "总分" not in perf_csv(Disclosure(performance=[p]))
