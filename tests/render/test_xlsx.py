from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from openpyxl import load_workbook

from juesuan.glossary import TABLE_IDS
from juesuan.render import render_bytes
from juesuan.render.layout import all_layouts


def _wb(d):
    return load_workbook(BytesIO(render_bytes(d, "xlsx")))


def test_one_sheet_per_table_with_official_titles(sample_year):
    d = sample_year[0].disclosure
    wb = _wb(d)
    attached = [p for p in d.performance if p.source == "attachment"]
    # then 附件 (its contents) and one sheet per self-evaluation table
    assert len(wb.sheetnames) == 9 + 1 + len(attached)
    assert wb.sheetnames[9] == "附件" and wb["附件"]["A1"].value == "第五部分 附件"
    assert [name.split("-")[0] for name in wb.sheetnames[10:]] == [f"绩效{k}" for k in range(1, len(attached) + 1)]
    for i, (name, tid) in enumerate(zip(wb.sheetnames, TABLE_IDS), start=1):
        ws = wb[name]
        assert name.startswith(f"{i:02d}")
        assert ws["A1"].value == d.tables[tid].title
        assert f"公开{i:02d}表" in [c.value for c in ws[2] if c.value]
        row3 = [c.value for c in ws[3] if c.value]
        assert row3[0] == f"部门：{d.meta.department}"
        assert f"{d.meta.year}年度" in row3 and "单位：万元" in row3


def test_merged_multilevel_headers(sample_year):
    wb = _wb(sample_year[0].disclosure)
    t01 = wb.worksheets[0]
    merged = {str(r) for r in t01.merged_cells.ranges}
    assert {"A4:C4", "D4:F4", "A6:B6", "D6:E6", "A1:F1"} <= merged
    assert t01["A4"].value == "收入" and t01["D4"].value == "支出"
    assert [t01.cell(row=5, column=j).value for j in range(1, 7)] == ["项目", "行次", "决算数"] * 2
    t09 = wb.worksheets[8]
    merged9 = {str(r) for r in t09.merged_cells.ranges}
    assert {"A4:F4", "G4:L4", "A5:A6", "C5:E5", "I5:K5"} <= merged9
    assert [t09.cell(row=7, column=j).value for j in range(1, 13)] == [str(i) for i in range(1, 13)]
    t02 = wb.worksheets[1]
    assert {"A4:B4", "C4:C5", "A6:B6"} <= {str(r) for r in t02.merged_cells.ranges}
    assert t02["A6"].value == "栏次" and t02["C6"].value == "1"


def test_amounts_are_numbers_with_format(sample_year):
    d = sample_year[0].disclosure
    wb = _wb(d)
    ws = wb.worksheets[0]
    # 一般公共预算财政拨款收入 row (first body row)
    c = ws["C7"]
    assert c.number_format == "#,##0.00"
    assert Decimal(str(c.value)) == d.value("T01", "一般公共预算财政拨款收入", "金额")
    assert ws["B7"].value == 1  # 行次
    ws5 = wb.worksheets[4]
    for row in ws5.iter_rows(min_row=7, max_row=ws5.max_row):
        for cell in row[2:5]:
            if cell.value is not None and not isinstance(cell.value, str):
                assert cell.number_format == "#,##0.00"
    codes = [r[0].value for r in ws5.iter_rows(min_row=8, max_row=12)]
    assert all(isinstance(x, str) and x.isdigit() for x in codes)  # codes stay text


def test_empty_table_declared(sample_year):
    d = sample_year[0].disclosure
    ws = _wb(d).worksheets[6]  # T07
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert d.tables["T07"].empty_statement in texts
    assert any(t.startswith("注：") for t in texts)


def test_values_match_model_cell_for_cell(full_year):
    d = full_year[0].disclosure
    wb = _wb(d)
    for lay, ws in zip(all_layouts(d), wb.worksheets):
        top = 4 + lay.header_rows
        for i, row in enumerate(lay.body):
            for j, v in enumerate(row):
                if isinstance(v, Decimal):
                    assert Decimal(str(ws.cell(row=top + i, column=j + 1).value)) == v
