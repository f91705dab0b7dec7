"""One finding per root cause (rules/causes.py), the inspection checklist, tables-only files,
and the planted-error sample end to end."""

from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from juesuan.cli.main import app
from juesuan.rules import run_rules
from juesuan.rules.base import Finding
from juesuan.rules.causes import flatten, group_causes

from .builders import department, setv

runner = CliRunner()
SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples"
PLANTED = SAMPLES / "上海市普陀区财政局2024年度部门决算（植入错误版）.pdf"
ORIGINAL = SAMPLES / "上海市普陀区财政局2024年度部门决算.pdf"


def F(rule, diff=None, cells=(), claims=(), message="m", severity="error"):
    return Finding(rule=rule, family=rule[0], severity=severity, message=message, difference=diff,
                   cells=[{"table": t, "row": r, "column": c, "value": v} for t, r, c, v in cells],
                   claims=[{"text": t, "value": "1", "page": 1, "line": ln} for t, ln in claims])


def test_same_difference_is_one_cause_and_names_the_common_cell():
    cell = ("T01", "223", "金额", "0.90")
    fs = [F("X-T01-T03-class", "-1.33", [cell, ("T03", "223", "本年支出合计", "2.23")]),
          F("A-T01-expenditure-classes", "1.33", [cell, ("T01", "本年支出合计", "金额", "6521.36")]),
          F("X-T04-T01-bound", "1.33", [cell, ("T04", "223", "合计", "2.23")]),
          F("A-T05-row", "0.02", [("T05", "2080705", "小计", "222.02")])]
    out = group_causes(fs)
    assert len(out) == 2
    root = next(f for f in out if f.consequences)
    assert root.rule == "A-T01-expenditure-classes"  # the table-side finding leads
    assert "T01 223 金额（0.90）" in root.message and len(root.consequences) == 2
    assert len(flatten(out)) == 4
    assert "consequences" in root.to_dict() and "consequences" not in out[1 - out.index(root)].to_dict()


def test_same_sentence_and_missing_table_and_shares():
    fs = [F("N-claim-cell", "-2961.38", claims=[("总计0.3万元", 5)]),
          F("N-claim-cell", "-2961.38", claims=[("总计0.3万元", 5)]),
          F("C-tables-present", message="缺少支出决算表（T03）"), F("C-toc-tables", message="目录列有支出决算表（T03）"),
          F("N-share", "0.08", claims=[("占71.73%", 9)]),
          F("U-shares-sum", "0.07", claims=[("占71.73%", 9), ("占11.11%", 9)], severity="warning")]
    out = group_causes(fs)
    assert [len(f.consequences) for f in out] == [1, 1, 1]


def test_unrelated_findings_stay_apart():
    fs = [F("A-T05-row", "0.03"), F("A-T05-row", "0.02"), F("N-share", "0.10", claims=[("a", 1)]),
          F("N-change-rate", "0.10", claims=[("b", 2)])]  # equal percentage differences mean nothing
    assert len(group_causes(fs)) == 4


def test_wrong_cell_in_synthetic_department_is_one_root():
    doc = department()
    setv(doc, "T06", "人员经费合计", "决算数", doc.value("T06", "人员经费合计", "决算数") + D("10"))
    found = run_rules(doc)
    roots = [f for f in found if f.severity == "error"]
    assert len(roots) == 1 and roots[0].consequences, [f.message for f in found]


def test_checklist_xlsx(tmp_path):
    doc = department()
    src = tmp_path / "d.json"
    src.write_text(doc.model_dump_json(), encoding="utf-8")
    out = tmp_path / "检查表.xlsx"
    res = runner.invoke(app, ["check", str(src), "--format", "checklist", "-o", str(out)])
    assert res.exit_code == 0, res.output
    ws = openpyxl.load_workbook(out).active
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert rows[0][:7] == ("序号", "检查类别", "检查项目", "检查要求", "是否合格", "问题说明", "页码")
    verdicts = {r[2]: r[4] for r in rows[1:]}
    assert verdicts["收入支出决算总表"] == "合格" and verdicts["表内平衡"] == "合格"
    assert set(verdicts.values()) <= {"合格", "不合格", "不适用"}
    no_o = runner.invoke(app, ["check", str(src), "--format", "checklist"])
    assert no_o.exit_code == 2 and "-o" in no_o.output


def test_tables_only_workbook_is_one_info(tmp_path):
    xlsx = tmp_path / "tables.xlsx"
    sample = Path(__file__).resolve().parents[2] / "src" / "juesuan" / "examples" / "sample_disclosure.json"
    res = runner.invoke(app, ["render", str(sample), "--to", "xlsx", "--out", str(xlsx)])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["check", str(xlsx), "--format", "json"])
    data = json.loads(res.stdout)
    rules = [f["rule"] for f in data["findings"]]
    assert "C-tables-only" in rules and "C-glossary" not in rules and "C-required-sections" not in rules


def _report(path: Path) -> dict:
    res = runner.invoke(app, ["check", str(path), "--format", "json"])
    return json.loads(res.stdout)


@pytest.mark.skipif(not PLANTED.exists(), reason="samples not beside the checkout")
def test_every_planted_problem_is_found():
    data = _report(PLANTED)
    every = data["findings"] + [c for f in data["findings"] for c in f.get("consequences", [])]
    text = "\n".join(f["rule"] + " " + f["message"] for f in every)
    planted = [
        "U-placeholder 章节标题“第二部分 上海市普陀区XX局",           # placeholder unit name
        "写 2023 年度，与决算年度 2024 年不符",                       # wrong year, heading
        "“截至2023年12月31日”",                                        # wrong year, stock date
        "收入支出总计0万元",                                           # changed figure
        "缺少支出决算表（T03）",                                       # table removed
        "预算数 合计 为空",                                            # 三公 figures removed from T09
        "行政运行决算数“大于”预算数",                                 # direction words changed
        "职业年金缴费支出决算数“大于”预算数",
        "行政单位医疗决算数“等于”预算数",
    ]
    for p in planted:
        assert p in text, p
    assert all(f["severity"] != "warning" or f["rule"] in ("N-list-items", "N-claim-blank") for f in data["findings"])


@pytest.mark.skipif(not ORIGINAL.exists(), reason="samples not beside the checkout")
def test_original_only_its_genuine_defects():
    data = _report(ORIGINAL)
    rules = sorted(f["rule"] for f in data["findings"] if f["severity"] == "error")
    # 财政拨款收入支出总计 0.3 万元 (vs 2961.68) and the 71.73% share (71.65%)
    assert rules == ["N-claim-cell", "N-share"], rules


def test_shifted_table_is_one_root():
    fs = [F("A-T05-row", f"{i}.00", [("T05", f"20801{i:02d}", "小计", "1")]) for i in range(1, 6)]
    fs.append(F("H-kuan-sum", "7.00", [("T05", "20801", "小计", "9"), ("T05", "2080101", "小计", "1")]))
    fs.append(F("A-T03-row", "0.30", [("T03", "20801", "本年支出合计", "2")]))
    out = group_causes(fs)
    assert len(out) == 2
    root = next(f for f in out if f.consequences)
    assert "一般公共预算财政拨款支出决算表 有 6 处平衡关系不成立" in root.message and len(root.consequences) == 5


def test_one_practice_repeated_is_one_root():
    tail = "，而决算数为 非零：预算为零时完成率无从计算，应写明未安排年初预算；预算非零时完成率不为 0"
    fs = [F("N-rate-base", claims=[(f"第{i}项", i)], message=f"第{i}项 完成预算的 0.00%{tail}") for i in range(4)]
    fs.append(F("N-rate-base", claims=[("x", 9)], message="上年数为 0.00：以零为基数的增长率无意义，应只写增加额"))
    out = group_causes(fs)
    assert sorted(len(f.consequences) for f in out) == [0, 3]


def test_one_cell_off_in_its_row_and_its_column_is_one_cause():
    # 20801 项目支出 printed 0.03 high: its row misses by 0.03, its column by 0.04 (rounding)
    cell = ("T05", "20801", "项目支出", "2495.79")
    row = F("A-T05-row", "-0.03", [("T05", "20801", "小计", "3596.02"), ("T05", "20801", "基本支出", "1100.26"), cell])
    col = F("H-kuan-sum", "0.04", [cell, ("T05", "2080101", "项目支出", "619.63")])
    other = F("A-T05-row", "0.02", [("T05", "2080705", "小计", "222.02"), ("T05", "2080705", "项目支出", "222.00")])
    far = F("H-kuan-sum", "0.40", [cell, ("T05", "2080102", "项目支出", "68.37")])
    assert len(group_causes([row, far])) == 2  # a shared cell alone is not a cause
    out = group_causes([row, col, other])
    assert len(out) == 2
    root = next(f for f in out if f.consequences)
    assert {root.rule, root.consequences[0].rule} == {"A-T05-row", "H-kuan-sum"}
    assert "20801" in root.message  # the shared cell is named as the likely cause


def test_narrative_figure_off_by_the_same_cents_in_two_rules_is_one_cause():
    p = F("P-narrative-attachment", "-0.20", claims=[("社保经办机构 467.69", 456)])
    n = F("N-named-item", "-0.20", [("T05", "2080109", "小计", "467.89")],
          claims=[("社会保险经办机构项目 467.69万元", 380)], severity="warning")
    assert len(group_causes([p, n])) == 1


def test_one_wrong_rate_read_by_two_rules_is_one_cause():
    n = Finding(rule="N-completion", family="N", severity="error", message="m", actual="44.53", expected="42.5296",
                claims=[{"text": "完成预算的 44.53%", "value": "44.53", "page": 1, "line": 197}])
    p = Finding(rule="P-execution-rate", family="P", severity="error", message="m", actual="44.53", expected="42.53")
    other = Finding(rule="N-completion", family="N", severity="error", message="m", actual="95.58", expected="93.58",
                    claims=[{"text": "完成年初预算的 95.58%", "value": "95.58", "page": 1, "line": 20}])
    out = group_causes([n, p, other])
    assert len(out) == 2 and sum(len(f.consequences) for f in out) == 1


def test_a_figure_in_yuan_is_the_cause_of_the_rates_computed_on_it():
    claim = {"text": "机关运行经费支出 257.69元", "value": "257.69", "page": None, "line": 534}
    yuan = Finding(rule="U-yuan-for-wan", family="U", severity="error", message="m", claims=[claim])
    rate = Finding(rule="N-change-rate", family="N", severity="error", message="m",
                   claims=[{"text": "降低 15.91%", "value": "15.91", "page": None, "line": 534}, claim])
    [root] = group_causes([rate, yuan])
    assert root.rule == "U-yuan-for-wan" and root.consequences[0].rule == "N-change-rate"


def test_a_wrong_narrative_figure_is_the_cause_of_the_rate_computed_with_it():
    spent = {"text": "年初预算为 300.00 万元，支出决算为 240.00 万元", "value": "240.00", "page": 3, "line": 70}
    budget = {"text": "年初预算为 300.00 万元", "value": "300.00", "page": 3, "line": 70}
    rate = {"text": "支出决算为 240.00 万元，完成年初预算的 85.00%", "value": "85.00", "page": 3, "line": 70}
    cell = Finding(rule="N-claim-cell", family="N", severity="error", message="m", claims=[spent],
                   cells=[{"table": "T05", "row": "2080506", "column": "小计", "value": "255.00"}],
                   expected="255.00", actual="240.00", difference="-15.00")
    completion = Finding(rule="N-completion", family="N", severity="error", message="m", claims=[rate, budget, spent],
                         expected="80.00", actual="85.00", difference="5.00")
    [root] = group_causes([completion, cell])
    assert root.rule == "N-claim-cell" and root.consequences[0].rule == "N-completion"
    # a rule that only quotes a figure found right is not linked to it
    other = Finding(rule="N-completion", family="N", severity="error", message="m", claims=[rate, budget],
                    expected="80.00", actual="85.00", difference="5.00")
    assert len(group_causes([other, cell])) == 2
