"""The nine tables as an Excel workbook in the official layout, one sheet each: title, 公开NN表,
部门/年度/单位 line, merged multi-level headers, 行次 and 栏次, amounts as numbers formatted
#,##0.00, notes, and the 本表无数据 statement for empty tables; then one sheet per performance
self-evaluation table (render/perf_layout.py)."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from juesuan.model import Disclosure
from juesuan.render.layout import TableLayout, all_layouts, cn_number
from juesuan.render.perf_layout import ATTACHMENTS, attachment_name, perf_layouts, project_name
from juesuan.safeio import defuse_workbook

NUMBER_FORMAT = "#,##0.00"
FONT = "宋体"
_thin = Side(style="thin", color="000000")
BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")
_BAD = set('\\/?*[]:')


def sheet_name(lay: TableLayout, taken: set[str] | None = None) -> str:
    """``01收入支出决算总表``; a performance form is named by its project (绩效1-…), and a
    name already ``taken`` gets a number (Excel needs unique names of ≤ 31 characters)."""
    base = f"{lay.number}{lay.title}" if lay.number else f"绩效{_perf_count(taken) + 1}-{project_name(lay)}"
    name = "".join(ch for ch in base if ch not in _BAD)[:31]
    k = 2
    while taken is not None and name in taken:
        name = f"{name[:28]}-{k}"
        k += 1
    return name


def _meta(ws, lay: TableLayout, department: str, year) -> None:
    """公开NN表 on row 2, 部门 / 年度 / 单位 on row 3."""
    n = lay.ncols
    ws.cell(row=2, column=n, value=f"公开{lay.number}表").alignment = Alignment(horizontal="right")
    ws.cell(row=2, column=n).font = Font(name=FONT, size=10)
    half = max(1, n // 2)
    ws.cell(row=3, column=1, value=f"部门：{department}").font = Font(name=FONT, size=10)
    if half > 1:
        ws.merge_cells(start_row=3, start_column=1, end_row=3, end_column=half)
    if year:
        mid = min(n - 1, half + 1) if n > 2 else 1
        c = ws.cell(row=3, column=mid, value=f"{year}年度")
        c.font = Font(name=FONT, size=10)
        c.alignment = Alignment(horizontal="center")
    c = ws.cell(row=3, column=n, value=f"单位：{lay.unit}")
    c.font = Font(name=FONT, size=10)
    c.alignment = Alignment(horizontal="right")


def _preamble(ws, lay: TableLayout) -> None:
    for r, line in enumerate(lay.preamble or [], start=2):
        if r > 3:
            break
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=lay.ncols)
        c = ws.cell(row=r, column=1, value=line)
        c.font = Font(name=FONT, size=10)
        c.alignment = Alignment(horizontal="center")


def _write_sheet(ws, lay: TableLayout, department: str, year) -> None:
    n = lay.ncols
    last = get_column_letter(n)
    # title
    ws.merge_cells(f"A1:{last}1")
    ws["A1"] = lay.title
    ws["A1"].font = Font(name=FONT, size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 30
    if lay.preamble is not None:  # the performance forms: only their year under the title
        _preamble(ws, lay)
    else:
        _meta(ws, lay, department, year)
    top = 4
    # header: style every slot first (borders on merged areas), then the texts and merges
    for r in range(lay.header_rows):
        ws.row_dimensions[top + r].height = 30
        for col in range(n):
            cell = ws.cell(row=top + r, column=col + 1)
            cell.border = BORDER
            cell.fill = HEADER_FILL
            cell.font = Font(name=FONT, size=10, bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for h in lay.header:
        r, c = top + h.row, h.col + 1
        ws.cell(row=r, column=c, value=h.text)
        if h.rowspan > 1 or h.colspan > 1:
            ws.merge_cells(start_row=r, start_column=c, end_row=r + h.rowspan - 1, end_column=c + h.colspan - 1)

    body_top = top + lay.header_rows
    for i, row in enumerate(lay.body):
        bold = i in lay.bold_rows
        for j, v in enumerate(row):
            cell = ws.cell(row=body_top + i, column=j + 1)
            kind = lay.kinds[j]
            if isinstance(v, Decimal):
                cell.value = v  # openpyxl writes a Decimal as a number
                cell.number_format = NUMBER_FORMAT
                cell.alignment = Alignment(horizontal="right", vertical="center")
            elif v is not None and v != "":
                if kind == "lineno" and str(v).isdigit():
                    cell.value = int(v)
                    cell.alignment = Alignment(horizontal="center", vertical="center")
                else:
                    cell.value = str(v)
                    cell.number_format = "@"
                    cell.alignment = Alignment(horizontal="left" if kind == "label" else "center",
                                               vertical="center", wrap_text=kind == "label")
            elif kind == "amount":
                cell.number_format = NUMBER_FORMAT
            cell.border = BORDER
            cell.font = Font(name=FONT, size=10, bold=bold)
    for s in lay.body_spans:
        r, c = body_top + s.row, s.col + 1
        ws.merge_cells(start_row=r, start_column=c, end_row=r + s.rowspan - 1, end_column=c + s.colspan - 1)
        if lay.span_style == "header":
            ws.cell(row=r, column=c).alignment = Alignment(horizontal="center", vertical="center")

    r = body_top + len(lay.body) + 1
    for text in lay.notes + ([lay.statement] if lay.statement else []):
        ws.cell(row=r, column=1, value=text).font = Font(name=FONT, size=9)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
        ws.cell(row=r, column=1).alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[r].height = 30
        r += 1

    scale = 1.15
    for j, w in enumerate(lay.widths):
        ws.column_dimensions[get_column_letter(j + 1)].width = max(6, w * scale)
    ws.freeze_panes = ws.cell(row=body_top, column=1)
    if lay.header_rows:
        ws.print_title_rows = f"{top}:{body_top - 1}"
    ws.page_setup.orientation = "landscape" if lay.landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True


def _perf_count(taken: set[str] | None) -> int:
    return sum(1 for n in taken or () if n.startswith("绩效"))


def _attachments_sheet(ws, lays: list[TableLayout]) -> None:
    """第五部分 附件 and the list of its tables (the part heading a reader finds them under)."""
    ws["A1"] = ATTACHMENTS
    ws["A1"].font = Font(name=FONT, size=16, bold=True)
    for i, lay in enumerate(lays, start=1):
        ws.cell(row=2 + i, column=1, value=f"{cn_number(i)}、{attachment_name(lay)}").font = Font(name=FONT, size=11)
    ws.column_dimensions["A"].width = 80


def render_xlsx(d: Disclosure, layouts: list[TableLayout] | None = None) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    department = d.meta.department
    taken: set[str] = set()
    lays = layouts if layouts is not None else all_layouts(d) + perf_layouts(d.performance)
    for lay in lays:
        if lay.tid == "P" and "附件" not in taken:  # the attachments part starts with its contents
            _attachments_sheet(wb.create_sheet("附件"), [x for x in lays if x.tid == "P"])
            taken.add("附件")
        name = sheet_name(lay, taken)
        taken.add(name)
        ws = wb.create_sheet(name)
        _write_sheet(ws, lay, department, d.meta.year)
    wb.properties.title = f"{department}{d.meta.year or ''}年度部门决算表"
    wb.properties.creator = "juesuan"
    defuse_workbook(wb)  # a row label '=HYPERLINK(…)' read from a document stays text
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()
