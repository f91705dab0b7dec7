"""Findings for Excel, tested as a person would open them: the workbook with openpyxl, the
CSV decoded the way Excel decodes a UTF-8 file with a BOM."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from openpyxl import load_workbook
from typer.testing import CliRunner

from juesuan.cli.main import app
from juesuan.report.sheets import findings_csv, findings_xlsx

from .helpers import broken, report_with_coverage, sample

runner = CliRunner()
HEADERS = ["页码", "行", "表", "行项目", "栏目", "应为", "实为", "差额", "严重程度", "规则", "说明", "复核意见"]


def _model(tmp_path, doc, name="m.json"):
    p = tmp_path / name
    p.write_text(doc.model_dump_json(), encoding="utf-8")
    return p


def test_check_xlsx_opens_with_headers_a_finding_and_an_empty_review_column(tmp_path):
    out = tmp_path / "审核结果.xlsx"
    r = runner.invoke(app, ["check", str(_model(tmp_path, broken())), "--format", "xlsx", "-o", str(out)])
    assert r.exit_code == 1, r.output
    wb = load_workbook(out)
    assert wb.sheetnames[:2] == ["审核发现", "核对覆盖情况"]
    ws = wb["审核发现"]
    assert [c.value for c in ws[1]] == HEADERS
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:L")
    assert ws.column_dimensions["K"].width >= 60  # the message column is wide enough to read
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    basic = next(r for r in rows if r[8] == "错误" and "基本支出" in (r[4] or ""))  # the changed cell
    assert basic[8] == "错误" and basic[11] is None
    assert "一般公共预算财政拨款支出决算表" in basic[2]
    assert isinstance(basic[5], (int, float)) and isinstance(basic[7], (int, float))  # numbers stay numbers
    assert basic[10] and "基本支出" in basic[10]


def test_xlsx_without_output_file_is_a_clear_error(tmp_path):
    r = runner.invoke(app, ["check", str(_model(tmp_path, sample())), "--format", "xlsx"])
    assert r.exit_code == 2 and "-o" in r.output and "Traceback" not in r.output


def test_coverage_sheet_lists_every_rule_and_never_turns_not_checked_into_passed():
    wb = load_workbook(io.BytesIO(findings_xlsx(report_with_coverage())))
    ws = wb["核对覆盖情况"]
    assert [c.value for c in ws[1]][:4] == ["规则", "表", "结果", "原因"]
    rows = [[c.value for c in row][:4] for row in ws.iter_rows(min_row=2) if row[0].value]
    by_rule = {r[0].split("（")[-1].rstrip("）"): r for r in rows}
    assert by_rule["H-T05-class"][2] == "未核对" and by_rule["H-T05-class"][3] == "T05 只读取了部分行"
    assert by_rule["A-T01-income-total"][2] == "通过"
    assert by_rule["A-T07-balance"][2] == "不适用"
    assert rows[0][2] == "未通过"  # failures first
    summary = [c.value for c in ws["F"] if c.value]
    assert any("通过率 25.00%" in str(v) for v in summary)  # 1 passed of 2 failed + 1 passed + 1 not checked


def test_csv_has_bom_chinese_headers_and_decodes_like_excel(tmp_path):
    out = tmp_path / "审核结果.csv"
    r = runner.invoke(app, ["check", str(_model(tmp_path, broken())), "--format", "csv", "-o", str(out)])
    assert r.exit_code == 1
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == HEADERS
    assert any(r[8] == "错误" and "基本支出" in r[4] for r in rows[1:])
    assert b"\r\n" in raw  # Excel's line ends


def test_csv_never_carries_a_formula_but_keeps_negative_numbers():
    rep = report_with_coverage(broken())
    rep.findings[0].message = '=HYPERLINK("http://example.invalid","x")'
    rep.findings[0].difference = "-10.00"
    rows = list(csv.reader(io.StringIO(findings_csv(rep))))
    assert rows[1][10].startswith("'=HYPERLINK")
    assert rows[1][7] == "-10.00"


def test_extract_csv_contract_unchanged_and_excel_copy(tmp_path):
    m = _model(tmp_path, sample())
    plain = runner.invoke(app, ["extract", str(m), "--format", "csv"])
    assert plain.stdout.splitlines()[0] == "table,row,column,value,raw,page,line,repaired,repair"
    out = tmp_path / "cells.csv"
    r = runner.invoke(app, ["extract", str(m), "--excel", "-o", str(out)])
    assert r.exit_code == 0, r.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["表", "行项目", "栏目", "数值", "印刷原文", "页码", "行", "是否修复", "修复说明"]
    assert len(rows) == len(plain.stdout.splitlines())
    assert all(r[7] in ("是", "否") for r in rows[1:])
    Decimal(rows[1][3])  # values stay plain decimals


def test_percentages_and_years_read_as_people_write_them(tmp_path):
    from .helpers import PLANTED

    if not PLANTED.exists():
        import pytest

        pytest.skip(f"sample not available: {PLANTED}")
    out = tmp_path / "f.xlsx"
    assert runner.invoke(app, ["check", str(PLANTED), "--format", "xlsx", "-o", str(out)]).exit_code == 1
    rows = list(load_workbook(out)["审核发现"].iter_rows(min_row=2))
    share = next(r for r in rows if "N-share" in r[9].value)
    assert share[5].number_format == '0.00"%"' and abs(share[5].value - 71.6539) < 1e-9  # shown 71.65%
    text = runner.invoke(app, ["check", str(PLANTED)]).stdout
    assert "应为 71.65%，实为 71.73%" in text and "71.6539" not in text
    assert "应为 2024，实为 2023" in text


def test_coverage_csv(tmp_path, monkeypatch):
    import juesuan.report as report_mod

    from .helpers import report_with_coverage

    rep = report_with_coverage(broken())
    monkeypatch.setattr(report_mod, "audit", lambda *a, **k: rep)
    try:
        import juesuan

        monkeypatch.setattr(juesuan, "audit", lambda *a, **k: rep, raising=False)
    except ImportError:
        pass
    out = tmp_path / "cov.csv"
    r = runner.invoke(app, ["check", str(_model(tmp_path, broken())), "--format", "csv", "--coverage", "-o", str(out)])
    assert r.exit_code == 1, r.output
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))
    assert rows[0] == ["规则", "表", "结果", "原因"]
    assert sorted(r[2] for r in rows[1:]) == sorted(["通过", "未通过", "未通过", "不适用", "未核对"])
