"""Every rule: it stays silent on the consistent synthetic department and fires on a mutation
made for it."""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest

from juesuan.model import Cell, CellRef, Claim, Section, Statement
from juesuan.rules import REGISTRY, all_rules, run_rules
from juesuan.rules.causes import flatten

from .builders import add, department, drop, setv


def run_one(rule_id, doc):
    return run_rules(doc, [REGISTRY[rule_id]])


def claim(doc, subject, kind):
    return next(c for c in doc.claims if c.subject == subject and c.kind == kind)


def set_claim(doc, subject, kind, **update):
    for i, c in enumerate(doc.claims):
        if c.subject == subject and c.kind == kind:
            doc.claims[i] = c.model_copy(update=update)
            return
    raise KeyError((subject, kind))


def perf(doc, source):
    return next(i for i, p in enumerate(doc.performance) if p.source == source)


def set_perf(doc, source, **update):
    i = perf(doc, source)
    doc.performance[i] = doc.performance[i].model_copy(update=update)


def drop_section(doc, pred):
    doc.sections = [s for s in doc.sections if not pred(s)]


def add_cell(doc, table, row, column, value, label=""):
    t = doc.tables[table]
    t.put(Cell(table=table, row=row, column=column, value=D(value), label=label))
    if label:
        t.row_labels[row] = label


def add_claim(doc, **kw):
    doc.claims.append(Claim(**kw))


FAILING = {
    # C
    "C-tables-present": lambda d: d.tables.pop("T08"),
    "C-toc-tables": lambda d: setattr(d.tables["T08"], "present", False),
    "C-table-sections": lambda d: (drop_section(d, lambda s: s.topic == "T09"),
                                   setattr(d, "claims", [c for c in d.claims if not (c.cell and c.cell.table == "T09")])),
    "C-required-sections": lambda d: drop_section(d, lambda s: s.topic == "政府采购"),
    "C-glossary": lambda d: drop_section(d, lambda s: s.kind == "glossary"),
    "C-declared-empty-data": lambda d: setattr(d.tables["T07"], "declared_empty", True),
    # A
    "A-T01-income-total": lambda d: add(d, "T01", "事业收入", "金额", 10),
    "A-T01-income-grand": lambda d: add(d, "T01", "年初结转和结余", "金额", 1),
    "A-T01-expenditure-classes": lambda d: add(d, "T01", "208", "金额", 1),
    "A-T01-expenditure-grand": lambda d: add(d, "T01", "年末结转和结余", "金额", 1),
    "A-T01-balance": lambda d: add(d, "T01", "收入总计", "金额", 1),
    "A-T02-row": lambda d: add(d, "T02", "208", "事业收入", 5),
    "A-T03-row": lambda d: add(d, "T03", "合计", "项目支出", "0.1"),
    "A-T05-row": lambda d: add(d, "T05", "20801", "项目支出", "0.45"),
    "A-T08-row": lambda d: setv(d, "T08", "223", "项目支出", 18),
    "A-T07-row-spending": lambda d: setv(d, "T07", "229", "项目支出", 190),
    "A-T07-row-balance": lambda d: setv(d, "T07", "合计", "年末结转和结余", 20),
    "A-T09-total": lambda d: add(d, "T09", "决算数", "公务接待费", "0.1"),
    "A-T09-vehicle": lambda d: setv(d, "T09", "决算数", "公务用车运行维护费", "13.50"),
    "A-T04-income-total": lambda d: add(d, "T04", "一般公共预算财政拨款", "金额", -10),
    "A-T04-opening": lambda d: setv(d, "T04", "年初政府性基金预算财政拨款", "金额", 10),
    "A-T04-income-grand": lambda d: add(d, "T04", "收入总计", "金额", 1),
    "A-T04-row": lambda d: add(d, "T04", "208", "一般公共预算财政拨款", -54),
    "A-T04-expenditure-classes": lambda d: add(d, "T04", "本年支出合计", "合计", 10),
    "A-T04-expenditure-grand": lambda d: add(d, "T04", "支出总计", "政府性基金预算财政拨款", -10),
    "A-T04-balance": lambda d: add(d, "T04", "支出总计", "合计", 1),
    "A-T04-fund-balance": lambda d: add(d, "T04", "支出总计", "政府性基金预算财政拨款", -10),
    # H
    "H-class-sum": lambda d: add(d, "T03", "208", "本年支出合计", "0.54"),
    "H-kuan-sum": lambda d: add(d, "T05", "2080704", "小计", 1),
    "H-total-sum": lambda d: add(d, "T02", "合计", "本年收入合计", 1),
    "H-T06-class-sum": lambda d: add(d, "T06", "30101", "决算数", 1),
    "H-T06-personnel": lambda d: add(d, "T06", "人员经费合计", "决算数", 1),
    "H-T06-public": lambda d: add(d, "T06", "公用经费合计", "决算数", 10),
    # X
    "X-T01-T02-income": lambda d: setv(d, "T02", "合计", "事业收入", 8),
    "X-T01-T03-total": lambda d: add(d, "T03", "合计", "本年支出合计", 1),
    "X-T01-T03-class": lambda d: setv(d, "T01", "223", "金额", "0.90"),
    "X-T04-T01-income": lambda d: add(d, "T04", "一般公共预算财政拨款", "金额", -10),
    "X-T04-T01-bound": lambda d: add(d, "T04", "208", "合计", 100),
    "X-T04-T05": lambda d: add(d, "T05", "208", "小计", -54),
    "X-T04-T07": lambda d: setv(d, "T07", "合计", "小计", 180),
    "X-T04-T08": lambda d: setv(d, "T08", "223", "合计", 18),
    "X-T05-T06-basic": lambda d: add(d, "T06", "公用经费合计", "决算数", 10),
    "X-T05-T03-bound": lambda d: setv(d, "T03", "2080199", "项目支出", 400),
    "X-T09-T06-floor": lambda d: setv(d, "T09", "决算数", "公务接待费", 0),
    # N
    "N-claim-cell": lambda d: set_claim(d, "公务接待费", "amount", value=D("5.30")),
    "N-share": lambda d: set_claim(d, "基本支出", "share", value=claim(d, "基本支出", "share").value + 1),
    "N-change-rate": lambda d: set_claim(d, "收入总计", "change_rate", value=claim(d, "收入总计", "change_rate").value + 1),
    "N-change-amount": lambda d: set_claim(d, "收入总计", "change_amount",
                                           value=claim(d, "收入总计", "change_amount").value + 10),
    "N-completion": lambda d: set_claim(d, "一般公共预算财政拨款支出", "completion",
                                        value=claim(d, "一般公共预算财政拨款支出", "completion").value + 2),
    "N-direction": lambda d: set_claim(d, "收入总计", "change_amount", direction="减少"),
    "N-named-item": lambda d: add_claim(d, subject="社会保险补贴项目", kind="amount", value=D("1499.00"), unit="万元",
                                        text="项目支出主要用于社会保险补贴项目 1499.00 万元", line=50, section="五"),
    "N-flat": lambda d: set_claim(d, "因公出国（境）费", "change_amount", value=D("0.05")),
    # K
    "K-code-known": lambda d: add_cell(d, "T05", "2089901", "小计", "0.00", "不存在的科目"),
    "K-name-matches": lambda d: d.tables["T06"].row_labels.__setitem__("30217", "公务招待费"),
    "K-parent": lambda d: (drop(d, "T05", "20805", "小计"), drop(d, "T05", "20805", "基本支出"),
                           drop(d, "T05", "20805", "项目支出"), d.tables["T05"].row_labels.pop("20805")),
    # U
    "U-unit-stated": lambda d: (setattr(d.meta, "unit_stated", False),
                                [setattr(t, "unit", None) for t in d.tables.values()]),
    "U-yuan-for-wan": lambda d: add_claim(d, subject="一般公共预算支出", kind="amount", value=D("2176.23"), unit="元",
                                          text="涉及一般公共预算支出 2176.23 元", page=7, line=78, section="预算绩效"),
    "U-numbering": lambda d: set_claim(d, "事业收入", "amount", text="5. 事业收入 80.00 万元"),
    "U-shares-sum": lambda d: set_claim(d, "事业收入", "share", value=claim(d, "事业收入", "share").value + 1),
    "U-negative": lambda d: setv(d, "T01", "使用非财政拨款结余", "金额", -1),
    "U-year": lambda d: set_claim(d, "收入总计", "amount", year=2021),
    "U-placeholder": lambda d: setattr(d.meta, "department", "XX区财政局"),
    # audit (#10): detailed cases in tests/rules/test_wording.py
    "N-budget-relation": lambda d: d.statements.append(Statement(
        text="决算数大于预算数的主要原因：…", budget=D("100.00"), final=D("90.00"), relation="大于")),
    "N-rate-base": lambda d: set_claim(d, "一般公共预算财政拨款支出", "completion", value=D("0")),
    "N-claim-blank": lambda d: drop(d, "T09", "预算数", "公务接待费") or add_claim(
        d, subject="公务接待费", kind="budget", value=D("6.00"), unit="万元", text="公务接待费年初预算为 6.00 万元",
        cell=CellRef(table="T09", row="预算数", column="公务接待费")),
    "U-template-residue": lambda d: d.statements.append(Statement(text="收入支出总计增加（减少）XXX 万元。")),
    "N-list-items": lambda d: d.statements.append(Statement(text="人员经费 720.40 万元，主要包括：基本工资。")),
    "N-counts": lambda d: [add_claim(d, subject=s, kind="count", value=D(v), unit=u, text=s)
                           for s, v, u in (("因公出国团组", "0", "个"), ("因公出国人次", "2", "人次"))],
    "N-parts-sum": lambda d: [add_claim(d, subject=s, kind="amount", value=D(v), unit="万元", text=s)
                              for s, v in (("政府采购支出总额", "90.00"), ("政府采购货物支出", "40.00"),
                                           ("政府采购工程支出", "0.00"), ("政府采购服务支出", "60.00"))],
    "N-repeated": lambda d: [add_claim(d, subject="机关运行经费", kind="amount", value=D(v), unit="万元", text=v, line=n)
                             for n, v in ((70, "20.04"), (90, "20.03"))],
    "C-tables-only": lambda d: d.sections.clear() or d.claims.clear(),
    "U-missing-unit": lambda d: d.statements.append(Statement(text="项目支出 603.14 万元，占 20.51；")),
    "N-subject-path": lambda d: d.statements.append(Statement(
        text="…", path=["社会保障和就业支出", "就业补助", "行政运行"],
        cell=CellRef(table="T05", row="2080101", column="小计"))),
    # P
    "P-execution-rate": lambda d: set_perf(d, "attachment", rate=D("97.00")),
    "P-rate-score": lambda d: set_perf(d, "attachment", rate_score=D("9.00")),
    "P-total-score": lambda d: set_perf(d, "attachment", total_score=D("98.50")),
    "P-narrative-attachment": lambda d: set_perf(d, "narrative", total_score=D("95")),
}


def test_every_rule_has_a_failing_case():
    assert set(FAILING) == set(REGISTRY), set(REGISTRY) ^ set(FAILING)


def test_clean_department_has_no_findings():
    findings = run_rules(department())
    assert findings == [], [f.message for f in findings]


@pytest.mark.parametrize("rule_id", sorted(FAILING))
def test_rule_passes_on_clean(rule_id):
    assert run_one(rule_id, department()) == []


@pytest.mark.parametrize("rule_id", sorted(FAILING))
def test_rule_fires_on_mutation(rule_id):
    doc = department()
    FAILING[rule_id](doc)
    found = run_one(rule_id, doc)
    assert found, f"{rule_id} did not fire"
    for f in found:
        assert f.rule == rule_id and f.family == rule_id[0]
        assert f.message


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.id)
def test_rule_metadata(rule):
    assert rule.severity in ("error", "warning", "info")
    assert rule.id.startswith(rule.family + "-")
    assert rule.name
    doc = rule.description
    assert "失败示例" in doc and "通过示例" in doc, rule.id


# ------------------------------------------------------------------------ specifics


def test_finding_shape_matches_contract():
    doc = department()
    add(doc, "T06", "公用经费合计", "决算数", 10)
    (f,) = run_one("X-T05-T06-basic", doc)
    d = f.to_dict()
    assert list(d) == ["rule", "family", "severity", "message", "cells", "claims", "expected", "actual",
                       "difference", "location", "extraction_uncertain"]
    assert d["severity"] == "error"
    assert {c["table"] for c in d["cells"]} == {"T05", "T06"}
    assert all(isinstance(c["value"], str) for c in d["cells"])
    assert d["difference"] == "-10.00" and d["actual"] == "1183.15" and d["expected"] == "1193.15"
    assert d["location"]["line"] is not None
    assert "一般公共预算财政拨款支出决算表 合计 基本支出 1183.15 ≠ 一般公共预算财政拨款基本支出决算表 人员经费合计 862.25" in d["message"]
    json.dumps(d, ensure_ascii=False)


def test_rounding_tolerance_per_term():
    # T05 row: 小计 = 基本 + 项目 has 3 printed terms → tolerance 0.015
    doc = department()
    add(doc, "T05", "2010399", "小计", "0.01")
    assert run_one("A-T05-row", doc) == []
    add(doc, "T05", "2010399", "小计", "0.01")
    (f,) = run_one("A-T05-row", doc)
    assert f.difference == "0.02"


def test_extraction_uncertain_propagates():
    doc = department()
    t = doc.tables["T05"]
    for i, c in enumerate(t.cells):
        if c.key == ("T05", "2010399", "小计"):
            t.cells[i] = c.model_copy(update={"value": c.value + 1, "repaired": True, "repair": "OCR"})
    t._index = None
    found = run_one("A-T05-row", doc)
    assert found and all(f.extraction_uncertain for f in found)


@pytest.mark.parametrize("tid", ["T01", "T02", "T03", "T04", "T05", "T06", "T07", "T08", "T09"])
def test_absent_table_does_not_trip_arithmetic(tid):
    doc = department()
    doc.tables.pop(tid)
    fams = {f.family for f in run_rules(doc)}
    assert fams <= {"C"}, fams
    assert any(f.rule == "C-tables-present" for f in run_rules(doc))


def test_declared_empty_table_counts_as_zero():
    doc = department()
    t07 = doc.tables["T07"]
    t07.cells, t07.row_labels, t07.present, t07.declared_empty = [], {}, True, True
    rules = {f.rule for f in run_rules(doc)}
    # T04 still shows 政府性基金 spending: the cross-table identity is a true inconsistency
    assert "X-T04-T07" in rules
    assert "C-tables-present" not in rules


def test_empty_cells_are_absent_not_zero():
    doc = department()
    # remove a whole row of T03 zero columns: nothing fires
    for col in ("上缴上级支出", "对附属单位补助支出"):
        assert doc.cell("T03", "合计", col) is None
    assert run_rules(doc) == []


def test_toc_listed_but_declared_empty_is_warning():
    doc = department()
    doc.tables["T08"].present = False
    doc.tables["T08"].declared_empty = True
    doc.tables["T08"].cells = []
    found = run_one("C-toc-tables", doc)
    assert [f.severity for f in found] == ["warning"]
    assert run_one("C-tables-present", doc) == []


def test_share_seed001_example():
    # seed 001: 社会保障和就业支出 10855.22 占 97.51%, whole 11121.20 → 97.61%
    doc = department()
    doc.claims = [
        Claim(subject="一般公共预算财政拨款支出", kind="amount", value=D("11121.2"), unit="万元", line=10, section="五"),
        Claim(subject="社会保障和就业支出", kind="amount", value=D("10855.22"), unit="万元", line=12, section="五"),
        Claim(subject="社会保障和就业支出", kind="share", value=D("97.51"), unit="%", line=12, section="五",
              base="一般公共预算财政拨款支出"),
        Claim(subject="卫生健康支出", kind="amount", value=D("114.2"), unit="万元", line=13, section="五"),
        Claim(subject="卫生健康支出", kind="share", value=D("1.03"), unit="%", line=13, section="五",
              base="一般公共预算财政拨款支出"),
        Claim(subject="住房保障支出", kind="amount", value=D("151.78"), unit="万元", line=14, section="五"),
        Claim(subject="住房保障支出", kind="share", value=D("1.36"), unit="%", line=14, section="五",
              base="一般公共预算财政拨款支出"),
    ]
    (f,) = run_one("N-share", doc)
    assert "97.51%" in f.message and "97.61%" in f.message
    (g,) = run_one("U-shares-sum", doc)
    assert "99.90%" in g.message


def test_claim_in_yuan_matching_cell_is_error():
    doc = department()
    add_claim(doc, subject="公务接待费", kind="amount", value=D("5.20"), unit="元", text="公务接待费 5.20 元",
              line=90, cell=CellRef(table="T09", row="决算数", column="公务接待费"))
    assert run_one("N-claim-cell", doc) == []  # reported once, by the unit rule
    # 5.20 < 100: too small to judge by magnitude; a larger one that equals a cell:
    add_claim(doc, subject="一般公共预算财政拨款支出", kind="amount", value=D("3125.77"), unit="元",
              text="一般公共预算财政拨款支出 3125.77 元", line=91)
    v = doc.value("T05", "合计", "小计")
    doc.claims[-1] = doc.claims[-1].model_copy(update={"value": v})
    found = run_one("U-yuan-for-wan", doc)
    assert [f.severity for f in found] == ["error"]


def test_named_item_matching_amount_is_fine():
    doc = department()
    add_claim(doc, subject="社会保险补贴项目", kind="amount", value=D("1500"), unit="万元", text="社会保险补贴项目 1500 万元",
              line=50, section="五")
    add_claim(doc, subject="办公楼维修项目", kind="amount", value=D("1"), unit="万元", text="办公楼维修项目 1 万元", line=51)
    assert run_one("N-named-item", doc) == []


def test_narrative_performance_matched_by_abbreviation():
    doc = department()
    set_perf(doc, "attachment", name="社会保险经办机构")
    set_perf(doc, "narrative", name="社保经办机构", budget=D("99.80"))
    (f,) = run_one("P-narrative-attachment", doc)
    assert "99.80" in f.message and "100.00" in f.message


def test_small_yuan_amount_is_fine():
    doc = department()
    add_claim(doc, subject="公务接待", kind="amount", value=D("1200"), unit="元", text="接待 1200 元", line=66)
    assert run_one("U-yuan-for-wan", doc) == []


def test_numbering_item_with_several_claims_counted_once():
    doc = department()
    # a second claim of item "2." on a later line, its text a longer span of the same item
    add_claim(doc, subject="政府性基金预算财政拨款收入", kind="share", value=claim(doc, "政府性基金预算财政拨款收入", "share").value,
              unit="%", text="2. 政府性基金预算财政拨款收入 190.00 万元，占收入总计的", line=23, section=claim(doc, "收入总计", "amount").section)
    doc.claims[-1] = doc.claims[-1].model_copy(update={"subject": "其他", "line": 40})
    assert run_one("U-numbering", doc) == []


def test_year_and_placeholder_in_titles():
    doc = department()
    doc.sections.append(Section(kind="tables", title="第二部分 示例市XX局2023年度部门决算表", line=99, end_line=99))
    assert [f.rule for f in run_one("U-year", doc)] == ["U-year"]
    assert [f.rule for f in run_one("U-placeholder", doc)] == ["U-placeholder"]


def test_rate_score_capped():
    doc = department()
    set_perf(doc, "attachment", executed=D("110.00"), rate=D("110.00"), rate_score=D("10"), total_score=D("98.00"))
    set_perf(doc, "narrative", executed=D("110.00"), rate=D("110.00"), total_score=D("98.00"))
    assert run_rules(doc) == []


def test_flat_with_previous():
    doc = department()
    set_claim(doc, "收入总计", "change_amount", direction="持平", value=D("0"))
    set_claim(doc, "收入总计", "change_rate", direction="持平", value=D("0"))
    rules = {f.rule for f in flatten(run_rules(doc))}
    assert "N-flat" in rules
