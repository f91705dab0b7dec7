from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from juesuan.glossary import TABLE_IDS
from juesuan.render.workbook import WorkbookError, read_input_workbook, write_input_workbook, write_template


def _cells(d):
    return {(c.table, c.row, c.column): c.value for c in d.all_cells()}


def test_template_layout(tmp_path):
    p = write_template(tmp_path / "t.xlsx")
    wb = load_workbook(p)
    assert wb.sheetnames[0] == "说明"
    assert wb["科目"].sheet_state == "hidden"
    table_sheets = [n for n in wb.sheetnames if n[:3] in TABLE_IDS]
    assert [n[:3] for n in table_sheets] == list(TABLE_IDS)
    t02 = wb[table_sheets[1]]
    assert [c.value for c in t02[1]][:4] == ["功能分类科目编码", "名称", "本年收入合计", "财政拨款收入"]
    assert t02["A2"].value == "合计"
    dvs = t02.data_validations.dataValidation
    assert dvs and dvs[0].type == "list" and "科目" in dvs[0].formula1
    t06 = wb[table_sheets[5]]
    assert t06["A2"].value == "301" and t06.data_validations.dataValidation
    t01 = wb[table_sheets[0]]
    keys = [r[0].value for r in t01.iter_rows(min_row=2)]
    assert "一般公共预算财政拨款收入" in keys and "208" in keys and "支出总计" in keys


def test_empty_template_reads_as_empty(tmp_path):
    d = read_input_workbook(write_template(tmp_path / "t.xlsx"))
    assert d.all_cells() == []


def test_round_trip_every_department(departments, tmp_path):
    for dep in departments:
        for y in dep.years:
            p = write_input_workbook(y.disclosure, tmp_path / f"{dep.key}{y.year}.xlsx")
            back = read_input_workbook(p)
            assert _cells(back) == _cells(y.disclosure), (dep.key, y.year)
            assert back.meta.department == dep.name and back.meta.year == y.year
            for tid in TABLE_IDS:
                assert back.tables[tid].declared_empty == y.disclosure.tables[tid].declared_empty


def test_typed_by_hand(tmp_path):
    p = write_template(tmp_path / "t.xlsx")
    wb = load_workbook(p)
    wb["说明"]["B2"] = "样例市测试局"
    wb["说明"]["B3"] = "2024年"
    ws = [wb[n] for n in wb.sheetnames if n.startswith("T05")][0]
    ws["A3"], ws["C3"], ws["D3"], ws["E3"] = "2080101", 10.5, 10.5, 0
    ws["C2"] = "10.50"
    wb.save(p)
    d = read_input_workbook(p)
    assert d.meta.department == "样例市测试局" and d.meta.year == 2024
    assert d.value("T05", "2080101", "小计") == Decimal("10.50")
    assert d.value("T05", "2080101", "项目支出") == Decimal("0")
    assert d.value("T05", "合计", "小计") == Decimal("10.50")
    assert d.tables["T05"].row_labels["2080101"] == "行政运行"


def test_yuan_workbook_is_converted(tmp_path):
    p = write_template(tmp_path / "t.xlsx")
    wb = load_workbook(p)
    wb["说明"]["B4"] = "元"
    ws = [wb[n] for n in wb.sheetnames if n.startswith("T05")][0]
    ws["C2"] = 123456
    wb.save(p)
    d = read_input_workbook(p)
    assert d.value("T05", "合计", "小计") == Decimal("12.3456")
    assert d.meta.unit == "元"


def test_bad_inputs(tmp_path):
    p = write_template(tmp_path / "t.xlsx")
    wb = load_workbook(p)
    ws = [wb[n] for n in wb.sheetnames if n.startswith("T05")][0]
    ws["C2"] = "abc"
    wb.save(p)
    with pytest.raises(WorkbookError, match="not a number"):
        read_input_workbook(p)
    other = tmp_path / "other.xlsx"
    from openpyxl import Workbook

    Workbook().save(other)
    with pytest.raises(WorkbookError, match="not a juesuan input workbook"):
        read_input_workbook(other)
    (tmp_path / "x.xlsx").write_text("hello")
    with pytest.raises(WorkbookError):
        read_input_workbook(tmp_path / "x.xlsx")
