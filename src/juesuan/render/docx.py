"""Word (.docx) through python-docx: the whole disclosure, headings, paragraphs with
placeholders highlighted, the nine tables as real Word tables with merged headers, wide tables
in landscape sections."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from io import BytesIO

from docx import Document as new_document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from juesuan import lazy
from juesuan.money import fmt
from juesuan.render.layout import TableLayout
from juesuan.render.narrative import Document, Heading, PageBreak, Para, TableBlock, TocEntry

BODY_FONT = "仿宋"
HEAD_FONT = "黑体"
TABLE_FONT = "宋体"
_PH = lazy.pattern(r"(【请填写：[^】]*】)")


def _font(run, name: str, size: float, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)
    fonts.set(qn("w:ascii"), name)
    fonts.set(qn("w:hAnsi"), name)


def _text(par, text: str, name: str, size: float, bold: bool = False) -> None:
    for part in _PH.split(text):
        if not part:
            continue
        run = par.add_run(part)
        _font(run, name, size, bold)
        if _PH.fullmatch(part):
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            run.font.color.rgb = RGBColor(0x8A, 0x4B, 0x00)


A4 = (Cm(21.0), Cm(29.7))


def _section(doc, landscape: bool) -> None:
    sec = doc.add_section()
    sec.page_width, sec.page_height = (A4[1], A4[0]) if landscape else A4
    sec.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    m = Cm(1.8) if landscape else Cm(2.5)
    sec.left_margin = sec.right_margin = m
    sec.top_margin = sec.bottom_margin = Cm(1.8) if landscape else Cm(2.5)


def _cell(cell, text: str, align, bold: bool = False, size: float = 8) -> None:
    p = cell.paragraphs[0]
    p.alignment = align
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.space_before = Pt(0)
    if text:
        run = p.add_run(text)
        _font(run, TABLE_FONT, size, bold)


def _shade(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = tcpr.makeelement(qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): fill})
    tcpr.append(shd)


def _meta(doc, lay: TableLayout, department: str, year) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p.paragraph_format.space_after = Pt(0)
    _text(p, f"公开{lay.number}表", TABLE_FONT, 9)
    meta = doc.add_table(rows=1, cols=3)
    for cell, text, align in zip(meta.rows[0].cells,
                                 (f"部门：{department}", f"{year}年度" if year else "", f"单位：{lay.unit}"),
                                 (WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT)):
        _cell(cell, text, align, size=9)


def _table(doc, lay: TableLayout, department: str, year, width_cm: float) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _text(p, lay.title, HEAD_FONT, 16)
    if lay.preamble is not None:  # the performance forms: only their year under the title
        for line in lay.preamble:
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _text(p, line, TABLE_FONT, 10)
    else:
        _meta(doc, lay, department, year)

    n_rows = lay.header_rows + len(lay.body)
    t = doc.add_table(rows=n_rows, cols=lay.ncols)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    total = sum(lay.widths)
    widths = [Cm(width_cm * w / total) for w in lay.widths]
    cells = t._cells  # one snapshot: table.cell() rebuilds the whole grid on every call
    n = lay.ncols

    def at(r: int, c: int):
        return cells[r * n + c]

    for r in range(n_rows):
        for j in range(n):
            at(r, j).width = widths[j]
    # texts first, merges after (a merge keeps the top-left text, empty cells add nothing)
    for h in lay.header:
        _cell(at(h.row, h.col), h.text, WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    for r in range(lay.header_rows):
        for j in range(n):
            _shade(at(r, j), "EFEFEF")
        # repeat header rows on every page
        trpr = t.rows[r]._tr.get_or_add_trPr()
        trpr.append(trpr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))
    spans = {(s.row, s.col): s for s in lay.body_spans}
    for i, row in enumerate(lay.body):
        r = lay.header_rows + i
        bold = i in lay.bold_rows
        for j, v in enumerate(row):
            if v is None:
                continue
            cell = at(r, j)
            if (i, j) in spans and lay.span_style == "header":
                _cell(cell, str(v), WD_ALIGN_PARAGRAPH.CENTER, bold=True)
            elif isinstance(v, Decimal):
                _cell(cell, fmt(v), WD_ALIGN_PARAGRAPH.RIGHT, bold)
            else:
                align = WD_ALIGN_PARAGRAPH.LEFT if lay.kinds[j] == "label" else WD_ALIGN_PARAGRAPH.CENTER
                _cell(cell, str(v), align, bold)
    merges = [(h.row, h.col, h.rowspan, h.colspan) for h in lay.header] + [
        (lay.header_rows + s.row, s.col, s.rowspan, s.colspan) for s in lay.body_spans]
    for r, c, rs, cs in merges:
        if rs > 1 or cs > 1:
            at(r, c).merge(at(r + rs - 1, c + cs - 1))
    for note in lay.notes + ([lay.statement] if lay.statement else []):
        p = doc.add_paragraph()
        p.paragraph_format.space_before = Pt(3)
        _text(p, note, TABLE_FONT, 9)


def render_docx(doc: Document) -> bytes:
    d = new_document()
    d.core_properties.title = doc.title
    d.core_properties.author = "juesuan"
    d.core_properties.created = _dt.datetime(2000, 1, 1)
    d.core_properties.modified = _dt.datetime(2000, 1, 1)
    d.core_properties.last_modified_by = "juesuan"
    normal = d.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    sec = d.sections[0]
    sec.page_width, sec.page_height = A4
    sec.left_margin = sec.right_margin = Cm(2.5)
    sec.top_margin = sec.bottom_margin = Cm(2.5)

    current_landscape = False
    pending_break = False
    first = True
    for b in doc.blocks:
        if isinstance(b, PageBreak):
            pending_break = True
            continue
        if isinstance(b, TableBlock):
            _section(d, b.layout.landscape)
            current_landscape = b.layout.landscape
            width = 29.7 - 3.6 if current_landscape else 21.0 - 5.0
            _table(d, b.layout, doc.department, doc.year, width)
            pending_break = True
            continue
        if pending_break:
            if current_landscape:
                _section(d, False)
                current_landscape = False
            elif not first:
                d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            pending_break = False
        first = False
        p = d.add_paragraph()
        if isinstance(b, Heading):
            if b.level == 0:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                p.paragraph_format.space_before = Pt(60)
                _text(p, b.text, HEAD_FONT, 24, True)
            elif b.level == 1:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                p.paragraph_format.space_before = Pt(12)
                p.paragraph_format.space_after = Pt(12)
                _text(p, b.text, HEAD_FONT, 16)
            elif b.level == 2:
                p.paragraph_format.first_line_indent = Pt(24)
                _text(p, b.text, HEAD_FONT, 14)
            else:
                p.paragraph_format.first_line_indent = Pt(24)
                _text(p, b.text, "楷体", 13, True)
        elif isinstance(b, TocEntry):
            p.paragraph_format.left_indent = Pt(0 if b.level == 1 else 24)
            p.paragraph_format.space_after = Pt(2)
            _text(p, b.text, BODY_FONT, 12 if b.level == 1 else 11)
        elif isinstance(b, Para):
            p.paragraph_format.first_line_indent = Pt(24)
            p.paragraph_format.line_spacing = 1.5
            _text(p, b.text, BODY_FONT, 12)
    buf = BytesIO()
    d.save(buf)
    return buf.getvalue()
