"""Performance self-evaluation tables read whole: every layout on synthetic tables (made-up
projects and figures), the perf-csv contract, and end-to-end counts on the seeds."""

from __future__ import annotations

import csv
import io
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
    items = extract_performance(src, locate_sections(src, []), warnings)
    return [i for i in items if i.source == "attachment"]


def _only(items, name):
    found = [i for i in items if i.name == name]
    assert len(found) == 1, [i.name for i in items]
    return found[0]


# --- tabbed 项目(政策)绩效自评表, header over two lines, levels inherited ------------------------

TABBED = "\n".join([
    "预算项目(政策)绩效自评表 (2031 年度)",
    "项目(政策)名称\t\t果园灌溉改造\t\t\t",
    "主管部门\t\t青石县农业局-\t\t",
    "实施单位\t\t青石县水利站-\t\t",
    "项目预算金额(万元)\t\t40\t\t全年执行数(万元)\t\t30\t\t执行率\t\t75%",
    "年度总体目标\t年初设定目标\t\t\t全年实际完成情况",
    "\t改造灌渠十公里\t\t\t完成八公里",
    "绩效指标\t一级指标\t二级指标\t三级指标\t年度目标值\t\t\t全年完成值\t完成程度\t分值\t得分\t未完成原因分析",
    "\t\t\t\t运算符号\t内容\t度量单位\t\t\t\t\t经费保障",
    "\t产出指标\t数量指标\t灌渠改造长度\t>=\t10\t公里\t8\t80%\t30\t24\t\t√\t天气原因延误",
    "\t\t\t受益农户数量\t>=\t120\t户\t130\t100%\t20\t20",
    "\t\t质量指标\t验收合格率\t=\t100\t%\t100\t100%\t20\t20",
    "\t效益指标\t社会效益指标\t灌溉条件改善\t\t明显\t\t全部或基本达成预期指标 100%-80%(含)\t100%\t10\t10",
    "\t成本指标\t经济成本指标\t每公里改造成本\t<=\t4\t万元\t3.75\t100%\t10\t10",
    "指标自评得分小计\t\t84\t\t预算执行率得分\t\t7.5\t\t减分项\t\t0\t\t绩效自评总得分\t\t91.5",
    "",
])


def test_tabbed_table_whole():
    w: list[str] = []
    p = _only(_read(TABBED, w), "果园灌溉改造")
    assert (p.kind, p.department, p.implementer, p.year) == ("project", "青石县农业局", "青石县水利站", 2031)
    assert (p.budget, p.executed, p.rate, p.total_score) == (D("40"), D("30"), D("75"), D("91.5"))
    assert (p.objective, p.achieved) == ("改造灌渠十公里", "完成八公里")
    names = [i.name for i in p.indicators]
    assert names == ["灌渠改造长度", "受益农户数量", "验收合格率", "灌溉条件改善", "每公里改造成本"]
    first = p.indicators[0]
    assert (first.level1, first.level2, first.comparator, first.target, first.unit, first.actual,
            first.weight, first.score) == ("产出指标", "数量指标", "≥", D("10"), "公里", D("8"), D("30"), D("24"))
    assert "天气原因" in first.deviation
    # 一级/二级 inherited from the rows above
    assert (p.indicators[1].level1, p.indicators[1].level2) == ("产出指标", "数量指标")
    assert (p.indicators[2].level1, p.indicators[2].level2) == ("产出指标", "质量指标")
    q = p.indicators[3]
    assert (q.target, q.target_text, q.actual_text.startswith("全部或基本达成"), q.score) == (
        None, "明显", True, D("10"))
    cost = p.indicators[4]
    assert cost.reverse and cost.comparator == "≤" and cost.level1 == "成本指标"
    assert p.printed["总分"].raw == "91.5" and p.printed["全年预算数"].line is not None
    assert first.printed["年度指标值"].raw == ">= 10 公里" and first.printed["得分"].raw == "24"
    assert w == []


def _flatten(text: str) -> str:
    """The same table as a PDF-to-text tool flattens it: cells separated by spaces."""
    return "\n".join(" ".join(c for c in ln.split("\t") if c.strip()) for ln in text.split("\n"))


def _key(p):
    return [(i.name, i.comparator, i.target, i.actual, i.weight, i.score) for i in p.indicators]


def test_flattened_reads_the_same():
    tabbed = _only(_read(TABBED), "果园灌溉改造")
    flat = _only(_read(_flatten(TABBED)), "果园灌溉改造")
    assert _key(flat) == _key(tabbed)
    assert flat.total_score == tabbed.total_score


# --- vertical layout: each cell on its own line, names wrapped ---------------------------------

VERTICAL = "\n".join([
    "预算项目(政策)绩效自评表",
    "(2031年度)",
    "项目(政策)名称 山区道路养护",
    "主管部门 青石县交通局-",
    "实施单位 青石县公路站-",
    "项目预算金额（万元） 50 全年执行数（万元） 45 执行率 90%",
    "绩效指标",
    "一级指标 二级指标 三级指标",
    "年度目标值",
    "全年",
    "完成值",
    "完成",
    "程度",
    "分值 得分",
    "运算",
    "符号",
    "内容",
    "度量",
    "单位",
    "产出指标",
    "数量指标",
    "养护道路总里",
    "程",
    ">= 60 公里 62 100% 40 40",
    "时效指标",
    "养护任务完成",
    "及时率",
    ">= 95 % 90 94% 20 18",
    "因雨季延误，后续",
    "增加人手。",
    "效益指标",
    "社会效益",
    "指标",
    "群众出行满意",
    "度",
    ">= 90 % 93 100% 30 30",
    "指标自评得分小计 88 预算执行率得分 9 减分项 0 绩效自评总得分 97",
    "",
])


def test_vertical_layout():
    p = _only(_read(VERTICAL), "山区道路养护")
    assert [i.name for i in p.indicators] == ["养护道路总里程", "养护任务完成及时率", "群众出行满意度"]
    assert [(i.level1, i.level2) for i in p.indicators] == [
        ("产出指标", "数量指标"), ("产出指标", "时效指标"), ("效益指标", "社会效益指标")]
    assert [(i.target, i.actual, i.weight, i.score) for i in p.indicators] == [
        (D("60"), D("62"), D("40"), D("40")), (D("95"), D("90"), D("20"), D("18")),
        (D("90"), D("93"), D("30"), D("30"))]
    assert "雨季" in p.indicators[1].deviation
    assert p.total_score == D("97")


# --- 项目单位自评表: funds by source, 偏差度, no indicator header ------------------------------

UNIT_TABLE = "\n".join([
    "项目单位自评表",
    "项目名称\t\t林地防火巡查\t\t\t",
    "主管部门\t\t青石县林业局\t\t实施单位\t\t青石县护林队",
    "项目资金(万元)\t\t年初预算数\t\t全年预算数\t\t全年执行数\t\t分值\t执行率 %\t得分",
    "年度资金总额(万元):\t\t12\t10\t8\t8\t10\t80\t8",
    "政府性预算资金\t\t12\t10\t8\t8\t-\t80\t-",
    "单位资金\t\t0\t0\t0\t0\t-\t0\t-",
    "资金管理情况\t\t情况说明\t\t分值\t得分\t存在问题和改进措施",
    "\t安排科学性\t按巡查计划安排经费，测算依据充分\t\t5\t5\t无",
    "\t拨付合规性\t按进度拨付\t\t5\t4\t拨付稍有延迟",
    "年度总体目标\t\t预期目标\t\t\t实际完成情况",
    "\t巡查全部林地\t\t\t\t巡查九成林地",
    "成本指标\t经济成本指标\t巡查人均补助\t≤300元/人/月\t280元/人/月\t10\t10\t0.00%\t",
    "\t社会成本指标\t\t\t\t\t\t\t",
    "产出指标\t数量指标\t巡查次数\t≥200次\t180次\t20\t18\t-10.00%\t人员不足",
    "\t质量指标\t巡查记录完整率\t100%\t100%\t20\t20\t0.00%\t",
    "满意度指标\t服务对象满意度指标\t村民满意度\t≥90%\t95%\t10\t10\t0.00%\t",
    "\t总分\t\t\t\t100\t75\t\t",
    "",
])


def test_unit_table_funds_and_deviation_rate():
    p = _only(_read(UNIT_TABLE), "林地防火巡查")
    assert (p.initial_budget, p.budget, p.executed, p.rate, p.weight, p.rate_score, p.total_score) == (
        D("12"), D("10"), D("8"), D("80"), D("10"), D("8"), D("75"))
    assert [f.source for f in p.funds] == ["年度资金总额", "政府性预算资金", "单位资金"]
    assert (p.funds[1].initial_budget, p.funds[1].budget, p.funds[1].executed) == (D("12"), D("10"), D("8"))
    # the scored 资金管理情况 rows count towards 总分 and are read as indicators of their own 一级
    assert [(i.level1, i.name, i.weight, i.score, i.deviation) for i in p.indicators[:2]] == [
        ("资金管理情况", "安排科学性", D("5"), D("5"), "无"), ("资金管理情况", "拨付合规性", D("5"), D("4"), "拨付稍有延迟")]
    assert [i.name for i in p.indicators[2:]] == ["巡查人均补助", "巡查次数", "巡查记录完整率", "村民满意度"]
    assert sum(i.score for i in p.indicators if i.score is not None) + p.rate_score == D("75")
    cnt = p.indicators[3]
    assert (cnt.comparator, cnt.target, cnt.unit, cnt.actual, cnt.weight, cnt.score, cnt.deviation) == (
        "≥", D("200"), "次", D("180"), D("20"), D("18"), "人员不足")
    assert p.indicators[2].unit == "元/人/月" and p.indicators[2].reverse
    assert p.printed["年初预算数"].raw == "12"


# --- OCR-damaged old form: 预算数(A)/执行数(B), split decimals, no 分值 column -----------------

OCR = "\n".join([
    "2031年度苗木培育经费项目绩效自评表",
    "项目|名称||苗木培育经费|||".replace("|", "\t"),
    "主管部门\t青石县林业局\t项目实\t施单位\t青石县苗圃\t\t",
    "预算执行 情况(万元)\t预算数(A)\t执行数(B)\t执行率 (B/A)\t(20 分)\t得分分*执行率)",
    "(20\t分)\t年度财政 资金总额\t8\t7.6\t0. 95\t\t19",
    "\t一级指标\t二级指标\t三级\t三级指标\t\t实际完成值 (B)\t得分",
    "\t成本指标 (20 分)\t经济成本 指标\t苗木单株\t成本\t2 元/株\t1. 9 元/株\t20",
    "年度绩 效目标\t产出指标 (30 分)\t数量指标\t培育苗木数量\t≥4000 株\t4100 株\t30",
    "\t满意度指 标(10 分)\t服务对象 满意度 指标\t造林户满意度\t≥90%\t97. 5%\t10",
    "总分\t\t\t9 7.\t6\t",
    "",
])


def test_ocr_old_form():
    p = _only(_read(OCR), "苗木培育经费")
    assert (p.budget, p.executed, p.rate, p.weight, p.rate_score) == (D("8"), D("7.6"), D("95.00"), D("20"), D("19"))
    assert [i.name for i in p.indicators] == ["苗木单株成本", "培育苗木数量", "造林户满意度"]
    assert [(i.level1, i.score) for i in p.indicators] == [
        ("成本指标", D("20")), ("产出指标", D("30")), ("满意度指标", D("10"))]
    assert p.indicators[0].actual == D("1.9") and p.indicators[0].unit == "元/株"
    assert p.indicators[2].actual == D("97.5")
    assert all(i.weight is None for i in p.indicators)  # this form prints no 分值 per row


def test_unplaceable_row_is_a_reading_warning():
    body = TABBED.replace("\t\t\t受益农户数量\t>=", "\t\t\t\t>=")
    w: list[str] = []
    p = _only(_read(body, w), "果园灌溉改造")
    assert "受益农户数量" not in [i.name for i in p.indicators]
    assert len(p.indicators) == 4
    assert any("果园灌溉改造" in x and "未读取" in x for x in w)


# --- hypothesis: a table flattened by spaces reads like the tabbed one -------------------------

_NAMES = st.sampled_from(["渠道清淤长度", "树苗成活率", "巡查覆盖率", "培训人次", "设备完好率", "投诉办结率"])
_UNITS = st.sampled_from(["%", "人", "公里", "次", "万元"])
_NUM = st.decimals(min_value=0, max_value=5000, places=1, allow_nan=False, allow_infinity=False)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(_NAMES, st.sampled_from([">=", "<=", "="]), _NUM, _UNITS, _NUM,
                          st.decimals(min_value=1, max_value=40, places=1), st.decimals(min_value=0, max_value=40, places=1)),
                min_size=1, max_size=6, unique_by=lambda r: r[0]))
def test_tabs_or_spaces_read_the_same(rows):
    lines = TABBED.split("\n")
    head, tail = lines[:9], lines[-2:]
    body = [f"\t产出指标\t数量指标\t{n}\t{c}\t{t}\t{u}\t{a}\t100%\t{w}\t{s}" for n, c, t, u, a, w, s in rows]
    table = "\n".join(head + body + tail)
    tabbed = _only(_read(table), "果园灌溉改造")
    flat = _only(_read(_flatten(table)), "果园灌溉改造")
    want = [(n, {">=": "≥", "<=": "≤", "=": "="}[c], t, a, w, s) for n, c, t, u, a, w, s in rows]
    assert _key(tabbed) == want
    assert _key(flat) == want


# --- perf-csv contract -------------------------------------------------------------------------

def test_perf_csv_contract():
    from juesuan.cli.extract import perf_csv
    from juesuan.model import Disclosure

    rows = list(csv.reader(io.StringIO(perf_csv(Disclosure(performance=_read(UNIT_TABLE))))))
    assert rows[0] == ["project", "indicator", "field", "value", "raw", "page", "line"]
    table = {r[2]: r[3] for r in rows[1:] if r[0] == "林地防火巡查" and r[1] == ""}
    assert table == {"年初预算数": "12", "全年预算数": "10", "全年执行数": "8", "执行率": "80", "分值": "10",
                     "得分": "8", "总分": "75"}
    cnt = {r[2]: (r[3], r[4]) for r in rows[1:] if r[1] == "巡查次数"}
    assert cnt == {"年度指标值": ("200", "≥200次"), "实际完成值": ("180", "180次"), "分值": ("20", "20"),
                   "得分": ("18", "18")}
    assert {r[2]: r[3] for r in rows[1:] if r[1] == "拨付合规性"} == {"分值": "5", "得分": "4"}
    assert all(r[2] in ("年初预算数", "全年预算数", "全年执行数", "执行率", "分值", "得分", "总分", "年度指标值",
                        "实际完成值") for r in rows[1:])


# --- seeds, end to end -------------------------------------------------------------------------

def test_seed000_cli_perf_csv(seed):
    from typer.testing import CliRunner

    from juesuan.cli.main import app
    from tests_support import seed_file

    res = CliRunner().invoke(app, ["extract", str(seed_file("000")), "--format", "perf-csv"])
    assert res.exit_code == 0
    rows = list(csv.reader(io.StringIO(res.stdout)))
    assert rows[0] == ["project", "indicator", "field", "value", "raw", "page", "line"]
    assert ["部门整体:阜新市细河区人力资源和社会保障服务中心", "", "总分", "93.00", "93.00", "", "665"] in rows


def test_seed000_every_indicator_row(seed):
    d = seed("000")
    att = [p for p in d.performance if p.source == "attachment"]
    overall = [p for p in att if p.kind == "overall"]
    assert len(overall) == 1 and len(overall[0].indicators) == 23 and len(overall[0].tasks) == 6
    assert sum(len(p.indicators) for p in att) == 111  # hand-counted printed rows
    assert all(i.weight is not None and i.score is not None for p in att for i in p.indicators)
    p = next(p for p in att if p.name == "基层平台人员工资及保险")
    assert (p.department, p.total_score, p.deduction) == ("阜新市细河区人力资源和社会保障服务中心", D("59"), D("35.252"))
    assert [i.name for i in p.indicators][:2] == ["接受职业指导人数", "足额发放率"]
    assert not [w for w in d.warnings if "绩效自评表" in w]


def test_seed002_unit_tables(seed):
    d = seed("002")
    att = [p for p in d.performance if p.source == "attachment"]
    assert sum(len(p.indicators) for p in att) >= 320
    p = next(p for p in att if p.name == "病退、工伤鉴定及勘验费")
    assert [f.source for f in p.funds][0] == "年度资金总额" and p.initial_budget == D("7")
    i = next(i for i in p.indicators if i.name == "工伤、伤残,病退鉴定人数")
    assert (i.target_text, i.actual, i.weight, i.score, i.deviation) == ("300-400人", D("660"), D("5"), D("1.75"),
                                                                           "指标设置值偏低")


def test_seed003_vertical_tables(seed):
    d = seed("003")
    p = next(p for p in d.performance if p.source == "attachment" and p.name == "人力资源和社会保障综合业务经费")
    assert [i.name for i in p.indicators] == ["全年劳动能力鉴定人数", "驻外信访维稳天数", "涉及法律事务保质完成率",
                                              "退休活动室按时对外开放率", "技工学校学籍管理注册率", "农民工动态欠薪案件量",
                                              "城镇新增就业人数"]
    assert p.indicators[1].score == D("5") and p.indicators[6].actual == D("17117")


def test_seed001_ocr_total_repaired(seed):
    d = seed("001")
    p = next(p for p in d.performance if p.source == "attachment" and p.name == "党员培训教育经费")
    assert p.total_score == D("97.94") and len(p.indicators) == 5
    # its 质量指标 row shares the 产出指标 score cell above it: read without a score, not given one
    assert [i.score for i in p.indicators] == [D("18.94"), D("20"), None, D("30"), D("10")]


# --- the same table through the office, HTML and PDF readers -----------------------------------

def _rows(text: str) -> list[list[str]]:
    return [ln.split("\t") for ln in (HEAD + text).split("\n")]


def _html(rows, path):
    out, open_table = ["<html><body>"], False
    for r in rows:
        if len(r) == 1:
            out.append("</table>" if open_table else "")
            open_table = False
            out.append(f"<p>{r[0]}</p>")
        else:
            out.append("" if open_table else "<table>")
            open_table = True
            out.append("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>")
    out.append(("</table>" if open_table else "") + "</body></html>")
    path.write_text("\n".join(out), encoding="utf-8")


def _docx(rows, path):
    import docx

    doc, table = docx.Document(), None
    width = max(len(r) for r in rows)
    for r in rows:
        if len(r) == 1:
            table = None
            doc.add_paragraph(r[0])
            continue
        if table is None:
            table = doc.add_table(rows=0, cols=width)
        cells = table.add_row().cells
        for k, c in enumerate(r):
            cells[k].text = c
    doc.save(str(path))


def _xlsx(rows, path):
    import openpyxl

    wb = openpyxl.Workbook()
    for r in rows:
        wb.active.append(r)
    wb.save(str(path))


def _pdf(rows, path):
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))  # built into reportlab
    size, width = 5, max(len(r) for r in rows)
    cols = [max((len(r[k]) for r in rows if len(r) > 1 and k < len(r)), default=1) * size + 8
            for k in range(width)]
    c = canvas.Canvas(str(path), pagesize=landscape(A4))
    c.setFont("STSong-Light", size)
    y = 560.0
    for r in rows:
        x = 20.0
        for k, cell in enumerate(r):
            if cell:
                c.drawString(x, y, cell)
            x += cols[k] if len(r) > 1 else 0
        y -= 12
    c.save()



@pytest.mark.parametrize("ext,write", [("html", _html), ("docx", _docx), ("xlsx", _xlsx), ("pdf", _pdf)])
def test_other_formats_read_the_same(tmp_path, ext, write):
    from juesuan.read import read_source

    path = tmp_path / f"table.{ext}"
    write(_rows(TABBED), path)
    src = read_source(path)
    w: list[str] = []
    items = [i for i in extract_performance(src, locate_sections(src, []), w) if i.source == "attachment"]
    want = _only(_read(TABBED), "果园灌溉改造")
    got = _only(items, "果园灌溉改造")
    assert _key(got) == _key(want)
    assert (got.budget, got.executed, got.total_score) == (want.budget, want.executed, want.total_score)
    assert w == []


# --- 部门(单位)整体绩效自评表: tasks, free-text levels, 总评价得分 ------------------------------

OVERALL = "\n".join([
    "部门（单位）整体绩效自评表",
    "2031 年度",
    "部门（单位）名称\t\t900001 青石县园林服务中心-990000000\t\t\t",
    "部门年初预算收入金额\t\t300\t\t",
    "部门年初预算支出金额\t\t300\t\t",
    "年度主要任务\t对应项目\t\t\t项目下达金额\t项目执行金额\t项目执行率\t分值\t得分",
    "年度主要任务\t基本支出人员经费\t\t\t200\t200\t100.00%\t20\t20",
    "\t基本支出公用经费\t\t\t100\t90\t90.00%\t20\t18",
    "年度目标\t年初总体目标\t\t\t全年完成情况",
    "\t养护全县绿地\t\t\t完成养护",
    "绩效指标\t一级指标\t二级指标\t三级指标\t运算符号\t指标值\t度量单位\t全年完成值\t完成程度\t分值\t得分\t偏差原因分析",
    "绩效指标\t履职效能\t重点工作履行情况\t绿地养护完成率\t=\t100\t%\t100\t1\t20\t20",
    "\t\t基础管理\t依法行政能力\t\t管理规范\t\t全部或基本达成预期指标 100%-80%(含)\t1\t10\t10",
    "\t管理效率\t预算执行效率\t预算调整率\t<=\t5\t%\t8\t0.6\t10\t6\t追加绿化补植经费",
    "\t社会效应\t服务对象满意度\t游园群众满意度\t>=\t90\t%\t95\t1\t20\t20",
    "总评价得分\t\t\t\t\t\t\t\t\t94\t",
    "",
])


def test_overall_table():
    p = _only(_read(OVERALL), "部门整体:青石县园林服务中心")
    assert (p.kind, p.initial_budget, p.total_score, p.year) == ("overall", D("300"), D("94"), 2031)
    assert [(t.name, t.budget, t.executed, t.rate, t.weight, t.score) for t in p.tasks] == [
        ("基本支出人员经费", D("200"), D("200"), D("100.00"), D("20"), D("20")),
        ("基本支出公用经费", D("100"), D("90"), D("90.00"), D("20"), D("18"))]
    assert (p.objective, p.achieved) == ("养护全县绿地", "完成养护")
    assert [(i.level1, i.level2, i.name) for i in p.indicators] == [
        ("履职效能", "重点工作履行情况", "绿地养护完成率"), ("履职效能", "基础管理", "依法行政能力"),
        ("管理效率", "预算执行效率", "预算调整率"), ("社会效应", "服务对象满意度", "游园群众满意度")]
    adj = p.indicators[2]
    assert (adj.comparator, adj.target, adj.actual, adj.weight, adj.score, adj.deviation, adj.reverse) == (
        "≤", D("5"), D("8"), D("10"), D("6"), "追加绿化补植经费", True)
    # the table's own identity: Σ task scores + Σ indicator scores = 总评价得分
    assert sum(t.score for t in p.tasks) + sum(i.score for i in p.indicators) == p.total_score


def test_seed004_overall_table(seed):
    d = seed("004")
    p = next(p for p in d.performance if p.kind == "overall")
    assert (p.budget, p.executed, p.rate, p.total_score) == (D("10065.85"), D("9325.84"), D("92.65"), D("100"))
    assert len(p.indicators) == 26 and sum(i.weight for i in p.indicators) + p.weight == 100
    assert [f.source for f in p.funds][:1] == ["年度资金总额"] and p.funds[1].budget == D("10065.85")


def test_seeds_identities_hold(seed):
    """Σ weights (+ 预算执行率 分值, + 整体 task 分值) = 100 wherever the whole table was read: a
    lost or misplaced row would break it."""
    for prefix, want in (("000", 15), ("003", 22)):
        att = [p for p in seed(prefix).performance if p.source == "attachment" and p.indicators]
        ok = [p for p in att if sum(i.weight for i in p.indicators) + sum(t.weight for t in p.tasks)
              + (p.weight or 0) == 100]
        assert len(att) == len(ok) == want, [p.name for p in att if p not in ok]


# --- 总分 printed in pieces: settled by the table's own identity -------------------------------

def _ocr_total(cells: str, warnings: list[str] | None = None):
    body = OCR.replace("总分\t\t\t9 7.\t6\t", "总分\t\t\t" + cells + "\t")
    return _only(_read(body, warnings), "苗木培育经费")


def test_total_pieces_confirmed_by_scores():
    p = _ocr_total("7 9.\t")  # Σ 得分 20 + 30 + 10 + 预算执行率得分 19 = 79
    assert (p.total_score, p.uncertain) == (D("79"), False) and "Σ 得分 = 79" in p.note


def test_total_with_a_doubled_digit_repaired_from_scores():
    w: list[str] = []
    p = _ocr_total("7 9\t0", w)  # '790' is no score; Σ 得分 = 79 and its digits begin the print
    assert (p.total_score, p.uncertain) == (D("79"), True) and "digits begin" in p.note and w == []
    assert p.printed["总分"].raw == "7 | 9 | 0"


def test_total_the_scores_cannot_settle():
    p = _ocr_total("8\t8")
    assert (p.total_score, p.uncertain) == (D("88"), True)  # read as printed, marked, not changed
    w: list[str] = []
    p = _ocr_total("1 2\t3 4", w)
    assert p.total_score is None and any("总分" in x and "无法读取" in x for x in w)


# --- hypothesis: a vertical layout (cells on lines of their own, names wrapped) reads like the
# tabbed table --------------------------------------------------------------------------------

_LONG_NAMES = st.sampled_from(["渠道清淤长度", "林地巡查覆盖率", "灌溉设施完好率达标情况", "农户培训人次",
                               "苗木补植成活率", "群众投诉办结及时率"])


def _vertical(rows) -> str:
    out = [
        "预算项目(政策)绩效自评表", "项目(政策)名称 果园灌溉改造",
        "项目预算金额（万元） 40 全年执行数（万元） 30 执行率 75%",
        "绩效指标", "一级指标 二级指标 三级指标", "年度目标值", "全年", "完成值", "完成", "程度", "分值 得分",
        "运算", "符号", "内容", "度量", "单位",
    ]
    for l1, l2, name, cmp, target, unit, actual, weight, score in rows:
        out += [l1, l2] + [name[k:k + 6] for k in range(0, len(name), 6)]
        out.append(f"{cmp} {target} {unit} {actual} 100% {weight} {score}")
    out.append("指标自评得分小计 80 预算执行率得分 7.5 减分项 0 绩效自评总得分 87.5")
    return "\n".join(out) + "\n"


def _tabbed(rows) -> str:
    lines = TABBED.split("\n")
    body = [f"\t{l1}\t{l2}\t{n}\t{c}\t{t}\t{u}\t{a}\t100%\t{w}\t{s}" for l1, l2, n, c, t, u, a, w, s in rows]
    return "\n".join(lines[:9] + body + lines[-2:])


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["产出指标", "效益指标"]), st.sampled_from(["数量指标", "质量指标"]),
                          _LONG_NAMES, st.sampled_from([">=", "<=", "="]), _NUM, _UNITS, _NUM,
                          st.decimals(min_value=1, max_value=40, places=1),
                          st.decimals(min_value=0, max_value=40, places=1)),
                min_size=1, max_size=5, unique_by=lambda r: r[2]))
def test_vertical_reads_like_tabbed(rows):
    vertical = _only(_read(_vertical(rows)), "果园灌溉改造")
    tabbed = _only(_read(_tabbed(rows)), "果园灌溉改造")
    assert _key(vertical) == _key(tabbed)
    assert [(i.level1, i.level2) for i in vertical.indicators] == [(r[0], r[1]) for r in rows]


def test_vertical_qualitative_targets_wrapped():
    body = VERTICAL.replace("指标自评得分小计", "\n".join([
        "可持续影",
        "响指标",
        "绿地管理制度",
        "规范性",
        "管理",
        "规范",
        "全部或基本达成",
        "预期指标100%-",
        "80%（含）",
        "100% 5 5",
        "促进全县园林",
        "养护技术水平",
        "提高",
        "长久",
        "全部或基本达成预期指标100%-80%（含）",
        "100% 5 4",
        "指标自评得分小计",
    ]))
    p = _only(_read(body), "山区道路养护")
    got = [(i.level2, i.name, i.target_text, i.actual_text, i.score) for i in p.indicators[3:]]
    assert got == [
        ("可持续影响指标", "绿地管理制度规范性", "管理规范", "全部或基本达成预期指标100%-80%(含)", D("5")),
        ("可持续影响指标", "促进全县园林养护技术水平提高", "长久", "全部或基本达成预期指标100%-80%(含)", D("4"))]


def test_ocr_levels_in_name_cells_and_comparator_glyphs():
    body = OCR.replace("\t满意度指 标(10 分)\t服务对象 满意度 指标\t造林户满意度\t≥90%\t97. 5%\t10", "\n".join([
        "\t\t质量指标 苗木出圃合格率\t≥90%\t95%\t5",
        "\t效益指标 社会效益\t\t带动农户增收\t明显\t明显\t3",
        "\t\t\t病虫害处置时长\t≤48 小时\t≪36 小时\t2",
    ]))
    p = _only(_read(body), "苗木培育经费")
    got = [(i.level1, i.level2, i.name, i.comparator, i.actual, i.score) for i in p.indicators[2:]]
    assert got == [
        ("产出指标", "质量指标", "苗木出圃合格率", "≥", D("95"), D("5")),
        ("效益指标", "社会效益", "带动农户增收", None, None, D("3")),
        ("效益指标", "社会效益", "病虫害处置时长", "≤", D("36"), D("2"))]
    assert p.indicators[4].reverse and p.indicators[4].unit == "小时"


def test_grade_and_footnote():
    body = TABBED + "自评等级\t\t良\n注：定量指标得分按完成值与指标值之比计算，得分不超过分值。\n"
    p = _only(_read(body), "果园灌溉改造")
    assert p.grade == "良"
    assert p.footnote.startswith("注:定量指标得分")


# --- robustness: any arrangement of table-like cells reads without an exception ----------------

_CELLS = st.sampled_from(["", "产出指标", "数量指标", "社会效益", "指标", ">=", "<=", "=", "≪", "100", "100%", "0. 5",
                          "12.5", "-", "√", "全部或基本达成预期指标 100%-80%(含)", "总分", "分值", "得分", "三级指标",
                          "运算符号", "(20 分)", "完成", "率", "管理", "规范性", "万人", "1e400", "NaN", "９９",
                          "年度资金总额", "资金管理情况", "安排科学性", "10065, 85", "(含)", "原因：延误，"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_CELLS, min_size=1, max_size=9), min_size=1, max_size=14),
       st.sampled_from(["\t", " "]))
def test_arbitrary_rows_never_raise(rows, sep):
    body = "\n".join([
        "预算项目(政策)绩效自评表", "项目(政策)名称\t\t乱序测试项目",
        "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差度",
    ] + [sep.join(r) for r in rows] + ["总分\t\t\t\t100\t90", ""])
    w: list[str] = []
    for p in _read(body, w):
        for i in p.indicators:
            assert i.name and (i.score is None or i.score <= 100)


def test_unit_table_qualitative_target_with_its_percentage():
    body = UNIT_TABLE.replace("\t质量指标\t巡查记录完整率\t100%\t100%\t20\t20\t0.00%\t",
                              "\t质量指标\t按规定路线开展巡查\t规范巡查\t100%\t100%\t20\t20\t0.00%\t")
    p = _only(_read(body), "林地防火巡查")
    i = next(i for i in p.indicators if i.level2 == "质量指标")
    assert (i.name, i.target_text, i.actual, i.weight, i.score) == (
        "按规定路线开展巡查", "规范巡查 100%", D("100"), D("20"), D("20"))


def test_funds_row_whose_weight_equals_its_rate():
    """分值 10 beside an 执行率 of 10.00%: the number printed with % is the rate (found by the
    writer's round trip with a project that spent a tenth of its budget)."""
    from juesuan.extract.performance.funds import fund_row

    v = [D(x) for x in ("10.50", "10.00", "1.00", "10", "10.00", "1.00")]
    assert fund_row(v, ["%" in x for x in ("10.50", "10.00", "1.00", "10", "10.00%", "1.00")]) == (1, 2, 3, 4, 5)
    # without the signs the first match stays the rate (rows that print no % at all)
    assert fund_row(v) == (1, 2, None, 3, 4)
