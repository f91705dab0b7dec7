"""The PDF reader on small synthetic PDFs (made-up figures): a table printed without
rulings, and prose with a number in another font."""

from __future__ import annotations

import io

import pytest

from juesuan.read.pdf import read_pdf


def _pdf(draw) -> bytes:
    pytest.importorskip("reportlab")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842))
    draw(c)
    c.showPage()
    c.save()
    return buf.getvalue()


def _unruled(c):
    c.setFont("STSong-Light", 16)
    c.drawString(200, 780, "支出决算表")
    c.setFont("STSong-Light", 10)
    c.drawRightString(540, 755, "单位：万元")
    cols = [50, 110, 300, 380, 460]
    rows = [
        ["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"],
        ["", "合计", "300.00", "200.00", "100.00"],
        ["201", "一般公共服务支出", "300.00", "200.00", "100.00"],
        ["20101", "人大事务", "50.00", "", "50.00"],
        ["2010101", "行政运行", "250.00", "200.00", "50.00"],
    ]
    y = 720
    for r in rows:
        for x, t in zip(cols, r):
            if t and t[0].isdigit() and "." in t:
                c.drawRightString(x + 60, y, t)
            elif t:
                c.drawString(x, y, t)
        y -= 20
    c.drawString(50, y - 10, "注：本表为合成示例，数字均为虚构。")
    c.drawString(50, y - 40, "第一部分  示例单位概况")


def test_table_without_rulings_lines_up():
    src = read_pdf(_pdf(_unruled), "unruled.pdf")
    cells = [ln.cells for ln in src.lines]
    assert cells[0] == ["支出决算表"]
    assert cells[1] == ["单位:万元"]
    assert cells[2:7] == [
        ["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"],
        ["", "合计", "300.00", "200.00", "100.00"],
        ["201", "一般公共服务支出", "300.00", "200.00", "100.00"],
        ["20101", "人大事务", "50.00", "", "50.00"],
        ["2010101", "行政运行", "250.00", "200.00", "50.00"],
    ]
    assert not any(ln.gridded for ln in src.lines)  # columns guessed, not ruled
    assert cells[7] == ["注:本表为合成示例,数字均为虚构。"]
    # a heading with a wide gap outside any table stays one chunk
    assert cells[8] == ["第一部分 示例单位概况"]


def _ruled_two_grids(c):
    """Two ruled grids side by side sharing row lines: one Line per row."""
    c.setFont("STSong-Light", 10)
    ys = [700, 680, 660]
    for x0, x1, xm in ((50, 290, 200), (300, 540, 450)):
        for y in ys:
            c.line(x0, y, x1, y)
        for x in (x0, xm, x1):
            c.line(x, ys[0], x, ys[-1])
    c.drawString(55, 686, "本年收入合计")
    c.drawRightString(285, 686, "12.30")
    c.drawString(305, 686, "本年支出合计")
    c.drawRightString(535, 686, "12.30")
    c.drawString(55, 666, "年初结转和结余")
    c.drawString(305, 666, "年末结转和结余")
    c.drawRightString(535, 666, "0.50")


def test_side_by_side_grids_make_one_row():
    src = read_pdf(_pdf(_ruled_two_grids), "two.pdf")
    assert [ln.cells for ln in src.lines] == [
        ["本年收入合计", "12.30", "本年支出合计", "12.30"],
        ["年初结转和结余", "", "年末结转和结余", "0.50"],
    ]
    assert all(ln.gridded for ln in src.lines)
