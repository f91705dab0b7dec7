from __future__ import annotations

from decimal import Decimal

from claims_testkit import load_seed, synthetic_source

from juesuan.extract.performance import extract_performance
from juesuan.locate.sections import locate_sections


def _by(items, name, source):
    return [i for i in items if i.name == name and i.source == source]


def test_seed000_narrative_and_attachment_agree():
    _, _, _, items = load_seed("000")
    n = _by(items, "基层平台人员工资及保险", "narrative")[0]
    a = _by(items, "基层平台人员工资及保险", "attachment")[0]
    assert (n.budget, n.executed, n.rate, n.total_score) == (
        Decimal("351.52"), Decimal("149.50"), Decimal("42.53"), Decimal("59"))
    assert (a.budget, a.executed, a.rate, a.rate_score, a.weight, a.indicator_score, a.deduction, a.total_score) == (
        Decimal("351.52"), Decimal("149.5"), Decimal("42.53"), Decimal("4.25"), Decimal("10"), Decimal("90"),
        Decimal("35.252"), Decimal("59"))
    assert len([i for i in items if i.source == "narrative"]) == 14
    assert len([i for i in items if i.source == "attachment" and not i.name.startswith("部门整体")]) == 14


def test_seed001_ocr_tables_weight_20():
    _, _, _, items = load_seed("001")
    a = _by(items, "党员培训教育经费", "attachment")[0]
    assert (a.budget, a.executed, a.rate, a.rate_score, a.weight, a.total_score) == (
        Decimal("1.6"), Decimal("1.52"), Decimal("95.00"), Decimal("19"), Decimal("20"), Decimal("97.94"))
    assert len([i for i in items if i.source == "narrative"]) == 9


def test_seed002_fund_rows():
    _, _, _, items = load_seed("002")
    att = [i for i in items if i.source == "attachment"]
    assert len(att) == 40
    a = [i for i in att if i.name.startswith("豫财金2022-52号")][0]
    assert (a.budget, a.executed, a.rate) == (Decimal("473"), Decimal("191.01"), Decimal("40.38"))
    b = _by(items, "病退、工伤鉴定及勘验费", "attachment")[0]
    assert (b.budget, b.executed, b.weight, b.rate_score, b.total_score) == (
        Decimal("6"), Decimal("6"), Decimal("10"), Decimal("10"), Decimal("95.75"))


def test_seed003_flattened_label_values():
    _, _, _, items = load_seed("003")
    a = _by(items, "事业单位招考经费", "attachment")[0]
    assert (a.budget, a.executed, a.rate, a.rate_score, a.indicator_score, a.deduction, a.total_score) == (
        Decimal("7"), Decimal("2.22"), Decimal("31.73"), Decimal("3.17"), Decimal("75"), Decimal("19.173"),
        Decimal("59"))
    n = _by(items, "事业单位招考经费", "narrative")[0]
    assert n.total_score == Decimal("59") and n.rate == Decimal("31.73")
    assert len([i for i in items if i.source == "narrative"]) == 25


def test_seed004_summary_table():
    _, _, _, items = load_seed("004")
    a = _by(items, "三支一扶工作经费区级配套", "attachment")[0]
    n = _by(items, "三支一扶工作经费区级配套", "narrative")[0]
    assert a.budget == n.budget == Decimal("25") and a.total_score == n.total_score == Decimal("100")


def test_synthetic_attachment_flat_and_tabbed():
    body = (
        "第一部分 部门决算情况说明\n"
        "一、预算绩效情况说明\n"
        "（1）“苗圃维护”项目自评综述：项目自评得分 88 分。项目全年预算数为 12.00 万元，"
        "执行数为 9.00 万元，完成预算的 75.00%。\n"
        "第二部分 附件\n"
        "预算项目(政策)绩效自评表\n"
        "项目(政策)名称 苗圃维护\n"
        "项目预算金额(万元) 12 全年执行数(万元) 9 执行率 75%\n"
        "指标自评得分小计 80.5 预算执行率得分 7.5 减分项 0 绩效自评总得分 88\n"
        "预算项目(政策)绩效自评表\n"
        "项目(政策)名称\t\t水渠疏浚\n"
        "项目预算金额(万元)\t\t4\t\t全年执行数(万元)\t\t4\t\t执行率\t\t100%\n"
        "指标自评得分小计\t\t90\t\t预算执行率得分\t\t10\t\t减分项\t\t0\t\t绩效自评总得分\t\t100\n"
    )
    src = synthetic_source(body)
    items = extract_performance(src, locate_sections(src, []))
    n = _by(items, "苗圃维护", "narrative")[0]
    assert (n.budget, n.executed, n.rate, n.total_score) == (
        Decimal("12.00"), Decimal("9.00"), Decimal("75.00"), Decimal("88"))
    a = _by(items, "苗圃维护", "attachment")[0]
    assert (a.indicator_score, a.rate_score, a.weight, a.total_score) == (
        Decimal("80.5"), Decimal("7.5"), Decimal("10"), Decimal("88"))
    b = _by(items, "水渠疏浚", "attachment")[0]
    assert (b.budget, b.executed, b.rate, b.total_score) == (Decimal("4"), Decimal("4"), Decimal("100"), Decimal("100"))
