"""Rule specifics beyond the per-rule cases (tests/rules/cases, test_cases.py): the findings
contract, tolerance, absent tables and cells, and the narrative rules' edge cases."""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest

from juesuan.model import BLOCK_LAYOUT, CellRef, Claim, Section
from juesuan.rules import REGISTRY, all_rules, run_rules
from juesuan.rules.causes import flatten

from .builders import add, department


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


def add_claim(doc, **kw):
    doc.claims.append(Claim(**kw))


# Each rule's passing and failing cases are data: tests/rules/cases/<rule-id>.yml (test_cases.py).


def test_clean_department_has_no_findings():
    findings = run_rules(department())
    assert findings == [], [f.message for f in findings]


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.id)
def test_rule_metadata(rule):
    assert rule.severity in ("error", "warning", "info")
    assert rule.id.startswith(rule.family + "-")
    assert rule.name
    assert rule.description


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


def _numbered(doc, numbers):
    sec = claim(doc, "收入总计", "amount").section
    for k, n in enumerate(numbers):
        add_claim(doc, subject=f"事项{n}", kind="amount", value=D(10 + n), unit="万元",
                  text=f"{n}、事项{n}支出决算为 {10 + n} 万元", line=200 + 3 * k, section=sec)


def test_numbering_out_of_order_text_is_not_a_skip():
    """A PDF tool that emits text in drawing order may print item 2 before item 1: every
    number is there, so no number is missing."""
    doc = department()
    _numbered(doc, [2, 1, 3, 5, 4, 6])
    assert run_one("U-numbering", doc) == []


def test_numbering_skip_still_found_in_order_text():
    doc = department()
    _numbered(doc, [1, 2, 4, 5])
    (f,) = run_one("U-numbering", doc)
    assert "缺 3" in f.message


@pytest.mark.parametrize("rule", ["N-claim-cell", "N-change-rate", "N-change-amount"])
def test_a_claim_on_a_table_read_in_part_is_not_checked_not_passed(rule):
    """A narrative figure whose cell is in a table read only in part gets no verdict; coverage
    then says that table was not checked for the rule (with how many figures), never that the
    rule passed there — while the figures it did check keep their own row."""
    from juesuan.rules.base import evaluate

    doc = department()
    total = claim(doc, "收入总计", "amount").cell
    for kind in ("change_amount", "change_rate"):  # (linked as extraction links them)
        set_claim(doc, "收入总计", kind, cell=total)
    doc.tables["T01"].status, doc.tables["T01"].status_reason = "partial", "测试：按列成块"
    findings, coverage = evaluate(doc, [REGISTRY[rule]])
    assert findings == []
    row = next(r for r in coverage if r.table == "T01")
    assert row.status == "not_checked" and "测试" in row.reason and "未核对" in row.reason


def test_a_yuan_figure_on_a_table_read_in_part_is_not_checked_not_passed():
    """A 元 figure whose own cell is in a table read in part cannot be cleared by that cell:
    passing it is "not checked"; the same figure equal to a figure of a table read in full is
    still found (that comparison needs no unread cell)."""
    from juesuan.rules.base import evaluate

    doc = department()
    total = claim(doc, "收入总计", "amount").cell
    # (no aggregate word: the magnitude check leaves it; only its cell could say)
    doc.claims.append(Claim(subject="某事项", kind="amount", value=D("2176.23"), unit="元", line=900,
                            text="某事项 2176.23 元", cell=total))
    doc.tables["T01"].status, doc.tables["T01"].status_reason = "partial", "测试：按列成块"
    rule = [REGISTRY["U-yuan-for-wan"]]
    findings, coverage = evaluate(doc, rule)
    assert findings == []
    assert [r.status for r in coverage if r.table == "T01"] == ["not_checked"]
    doc.tables["T01"].status = "read"
    findings, coverage = evaluate(doc, rule)
    assert "not_checked" not in {r.status for r in coverage}
    doc.tables["T01"].status = "partial"
    doc.claims[-1].value = next(c.value for c in doc.tables["T06"].cells if c.value >= 100)
    findings, coverage = evaluate(doc, rule)
    assert [f.severity for f in findings] == ["error"]
    assert "not_checked" not in {r.status for r in coverage}


def _blocks_partial(doc, tid, uncertain=()):
    """``tid`` as a column-block placement leaves it: partial, with ``uncertain`` cells (rows)
    some accepted placement would move."""
    t = doc.tables[tid]
    t.status, t.status_reason, t.layout = "partial", "测试：按列成块，个别数值位置不定", BLOCK_LAYOUT
    for c in t.cells:
        c.uncertain = c.row in uncertain


def test_a_claim_on_a_cell_every_column_block_placement_fixes_is_judged():
    """A table placed from column blocks is partial for the figures some placement would move;
    the others stand as a read table's do (Table.known). A narrative figure naming one is
    judged — the finding kept and its table "failed" in coverage — while one naming a figure
    that may sit elsewhere, or a cell of a table partial for another reason, is not checked."""
    from juesuan.rules.base import evaluate

    doc = department()
    total = claim(doc, "收入总计", "amount")
    total.value = total.value + 100
    rule = [REGISTRY["N-claim-cell"]]
    _blocks_partial(doc, "T01", uncertain=("本年收入合计",))
    findings, coverage = evaluate(doc, rule)
    assert [f.cells[0].row for f in findings] == ["收入总计"]
    assert [r.status for r in coverage if r.table == "T01"] == ["failed"]
    _blocks_partial(doc, "T01", uncertain=("收入总计",))
    findings, coverage = evaluate(doc, rule)
    assert findings == [] and [r.status for r in coverage if r.table == "T01"] == ["not_checked"]
    _blocks_partial(doc, "T01")
    doc.tables["T01"].layout = "flat"  # (partial for another reason: nothing vouches for its cells)
    findings, coverage = evaluate(doc, rule)
    assert findings == [] and [r.status for r in coverage if r.table == "T01"] == ["not_checked"]


def test_a_sangong_blank_needs_the_table_read_in_full():
    """N-rate-base reads the 三公 table's blank budget: a column-block placement that fixes the
    claim's own figure does not vouch for a blank elsewhere in the table."""
    from juesuan.rules.base import evaluate

    doc = department()
    doc.claims.append(Claim(subject="公务接待费", kind="completion", value=D("80"), unit="%", text="完成预算的 80%",
                            cell=CellRef(table="T09", row="决算数", column="公务接待费"), line=900))
    t = doc.tables["T09"]
    t.cells = [c for c in t.cells if c.row != "预算数"]
    rule = [REGISTRY["N-rate-base"]]
    assert [f.rule for f in evaluate(doc, rule)[0]] == ["N-rate-base"]  # (read in full: the blank is the document's)
    _blocks_partial(doc, "T09")
    findings, coverage = evaluate(doc, rule)
    assert findings == [] and [r.status for r in coverage if r.table == "T09"] == ["not_checked"]


def test_a_sangong_completion_on_an_unread_table_is_not_checked():
    """N-rate-base judges a 三公 completion rate by the table's budget blank only in a table
    read in full; on one read in part, coverage says the table was not checked."""
    from juesuan.rules.base import evaluate

    doc = department()
    doc.claims.append(Claim(subject="公务接待费", kind="completion", value=D("80"), unit="%", text="完成预算的 80%",
                            cell=CellRef(table="T09", row="决算数", column="公务接待费"), line=900))
    doc.tables["T09"].status, doc.tables["T09"].status_reason = "partial", "测试：按列成块"
    _, coverage = evaluate(doc, [REGISTRY["N-rate-base"]])
    assert [r.status for r in coverage if r.table == "T09"] == ["not_checked"]


def test_name_on_an_unread_table_is_not_checked():
    """A row name misprinted in T06 is a warning while T06 is read; once the reader says T06
    was not read (its names are as doubtful as its figures), the rule is not checked there."""
    from juesuan.rules.base import evaluate

    doc = department()
    code = next(c.row for c in doc.tables["T06"].cells if c.row.isdigit() and len(c.row) == 5)
    doc.tables["T06"].row_labels[code] = "公务招待费用支出"
    assert [f.rule for f in run_one("K-name-matches", doc)] == ["K-name-matches"]
    doc.tables["T06"].status, doc.tables["T06"].status_reason = "unreadable", "测试：版式未能识别"
    findings, coverage = evaluate(doc, [r for r in all_rules() if r.id == "K-name-matches"])
    assert findings == []
    row = next(r for r in coverage if r.table == "T06")
    assert row.status == "not_checked" and "测试" in row.reason
    assert {r.status for r in coverage if r.table == "T05"} == {"passed"}
