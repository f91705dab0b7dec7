"""Word, Excel and HTML readers on synthetic documents (made-up figures)."""

from __future__ import annotations

import io

import pytest

from juesuan.read import read_source


def _save(tmp_path, name, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return p


# ============================================================================= docx


def _docx_bytes() -> bytes:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("示例单位2030年度部门决算")
    d.add_paragraph("收入支出决算总表")
    t = d.add_table(rows=4, cols=4)
    # header: 收入 spans two columns, 支出 spans two columns
    a = t.cell(0, 0).merge(t.cell(0, 1))
    a.text = "收入"
    b = t.cell(0, 2).merge(t.cell(0, 3))
    b.text = "支出"
    for i, v in enumerate(["项目", "决算数", "项目", "决算数"]):
        t.cell(1, i).text = v
    for i, v in enumerate(["一、一般公共预算财政拨款收入", "1,111.11", "一、一般公共服务支出", "999.99"]):
        t.cell(2, i).text = v
    # a wrapped name written as two paragraphs in one cell; a vertical merge in column 3
    c = t.cell(3, 0)
    c.text = "本年收入"
    c.add_paragraph("合计")
    t.cell(3, 1).text = "1,111.11"
    t.cell(3, 2).text = "本年支出合计"
    t.cell(2, 3).merge(t.cell(3, 3))
    d.add_paragraph("注：本表为示例。")
    d.add_page_break()
    d.add_paragraph("第二页的文字 12.50 万元")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_order_merges_and_pages(tmp_path):
    src = read_source(_save(tmp_path, "d.docx", _docx_bytes()))
    assert src.format == "docx"
    texts = [ln.text for ln in src.lines]
    assert texts[0] == "示例单位2030年度部门决算"
    assert texts[1] == "收入支出决算总表"
    rows = [ln for ln in src.lines if ln.gridded]
    assert [ln.cells for ln in rows] == [
        ["收入", "", "支出", ""],
        ["项目", "决算数", "项目", "决算数"],
        ["一、一般公共预算财政拨款收入", "1,111.11", "一、一般公共服务支出", "999.99"],
        ["本年收入合计", "1,111.11", "本年支出合计", ""],  # vMerge continuation → empty
    ]
    # the paragraph after the table comes after it (document order), NFKC applied
    assert texts[6] == "注:本表为示例。"
    last = src.lines[-1]
    assert last.text == "第二页的文字 12.50 万元"
    assert last.page == 2 and last.no == 1
    assert src.pages == 2


# ============================================================================= xlsx


def _xlsx_bytes() -> bytes:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"] = "收入决算表"
    ws.merge_cells("A1:E1")
    ws["E2"] = "单位：万元"
    ws["A3"] = "项目"
    ws.merge_cells("A3:B3")
    ws["C3"] = "本年收入合计"
    ws["D3"] = "财政拨款收入"
    ws["E3"] = "其他收入"
    ws.append(["功能分类科目编码", "科目名称", None, None, None])
    ws.append(["合计", None, 1234.5, 1234.5, None])
    ws.append([201, "一般公共服务支出", 1000, 999.5, 0.5])
    ws.append([2010101, "行政运行", 12.345, None, None])
    ws["C6"].number_format = "#,##0.00"
    ws["D6"].number_format = "0.00"
    ws2 = wb.create_sheet("三公经费")
    ws2.append(["预算数", "决算数"])
    ws2.append([3.2, 0.95])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_rows_numbers_and_sheets(tmp_path):
    src = read_source(_save(tmp_path, "b.xlsx", _xlsx_bytes()))
    assert src.format == "xlsx" and src.pages == 2
    p1 = [ln for ln in src.lines if ln.page == 1]
    assert p1[0].text == "收入决算表" and not p1[0].gridded  # merged title → prose
    assert p1[1].text == "单位:万元" and not p1[1].gridded
    assert [ln.cells for ln in p1[2:]] == [
        ["项目", "", "本年收入合计", "财政拨款收入", "其他收入"],
        ["功能分类科目编码", "科目名称", "", "", ""],
        ["合计", "", "1234.50", "1234.50", ""],
        ["201", "一般公共服务支出", "1,000.00", "999.50", "0.50"],
        ["2010101", "行政运行", "12.35", "", ""],
    ]
    assert all(ln.gridded for ln in p1[2:])
    assert [ln.no for ln in p1] == list(range(1, len(p1) + 1))
    p2 = [ln for ln in src.lines if ln.page == 2]
    assert p2[0].text == "三公经费"  # a meaningful sheet name not printed in the sheet
    assert p2[-1].cells == ["3.20", "0.95"]


# ============================================================================= html

HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>x</title><style>td{color:red}</style></head>
<body>
<h2>一般公共预算财政拨款支出决算表</h2>
<p>单位：万元</p>
<table border="1">
 <tr><th colspan="2">项目</th><th colspan="3">本年支出</th></tr>
 <tr><th rowspan="2">功能分类<br>科目编码</th><th rowspan="2">科目名称</th><th>小计</th><th>基本支出</th><th>项目支出</th></tr>
 <tr><td>1</td><td>2</td><td>3</td></tr>
 <tr><td>合计</td><td></td><td>500.00</td><td>300.00</td><td>200.00</td></tr>
 <tr><td>201</td><td>一般公共<br>服务支出</td><td>500.00</td><td>300.00</td><td>200.00</td></tr>
</table>
<div>说明：本年支出合计 500.00 万元。<br>其中基本支出 300.00 万元。</div>
<script>var x = "<table>";</script>
</body></html>"""


def test_html_tables_and_prose(tmp_path):
    src = read_source(_save(tmp_path, "p.html", HTML.encode("utf-8")))
    assert src.format == "html"
    texts = [ln.text for ln in src.lines]
    assert texts[0] == "一般公共预算财政拨款支出决算表"
    assert texts[1] == "单位:万元"
    grid = [ln.cells for ln in src.lines if ln.gridded]
    assert grid == [
        ["项目", "", "本年支出", "", ""],
        ["功能分类科目编码", "科目名称", "小计", "基本支出", "项目支出"],
        ["", "", "1", "2", "3"],  # rowspan positions are empty
        ["合计", "", "500.00", "300.00", "200.00"],
        ["201", "一般公共服务支出", "500.00", "300.00", "200.00"],
    ]
    assert texts[-2:] == ["说明:本年支出合计 500.00 万元。", "其中基本支出 300.00 万元。"]
    assert [ln.no for ln in src.lines] == list(range(1, len(src.lines) + 1))


def test_html_gb18030_and_layout_table(tmp_path):
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>'
        "<table><tr><td><p>外层布局表格</p>"
        "<table><tr><td>收入</td><td>88.80</td></tr></table>"
        "</td></tr></table></body></html>"
    )
    src = read_source(_save(tmp_path, "g.htm", page.encode("gb18030")))
    assert [ln.cells for ln in src.lines] == [["外层布局表格"], ["收入", "88.80"]]
    assert src.lines[1].gridded and not src.lines[0].gridded
