"""Findings for people who work in Excel: an .xlsx workbook (审核发现 with an empty 复核意见
column to fill in, 核对覆盖情况, 读取说明) and a CSV that opens by double-click in Excel on
Chinese Windows (UTF-8 with BOM, Chinese headers, CRLF).

Text that Excel would evaluate (``=HYPERLINK(…)`` as a row label) is written as text
(:mod:`juesuan.safeio`); amounts are written as numbers.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

from juesuan.i18n import t
from juesuan.report.views import (
    coverage_by_table,
    coverage_headers,
    coverage_lines,
    coverage_rows,
    coverage_totals_line,
    disclosure_of,
    finding_headers,
    finding_rows,
    get,
    reading_notes,
    status_headers,
)
from juesuan.safeio import csv_text, defuse_workbook

BOM = "\ufeff"
# column widths (characters) of the findings sheet, in FINDING_COLUMNS order
FINDING_WIDTHS = (6, 6, 22, 26, 16, 12, 12, 10, 8, 30, 70, 30)
SEV_FILL = {"error": "FDE4E4", "warning": "FFF1CC", "info": "E3F0FD"}


def findings_csv(report: Any, doc: Any = None) -> str:
    """The findings as CSV text for Excel (prefix the BOM when writing: see :func:`excel_csv`)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(finding_headers())
    for r in finding_rows(report, doc):
        w.writerow([_csv_value(v) for v in r.values()])
    return buf.getvalue()


def coverage_csv(report: Any) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(coverage_headers())
    for row in coverage_rows(coverage_lines(report) or []):
        w.writerow([csv_text(v) for v in row])
    return buf.getvalue()


def excel_csv(text: str) -> bytes:
    """CSV text as bytes Excel opens correctly by double-click: UTF-8 with a BOM."""
    return (BOM + text).encode("utf-8")


def _csv_value(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, Decimal):
        return format(v, "f")
    return csv_text(v)


def _header(ws: Any, headers: list[str], widths: tuple[int, ...]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    fill = PatternFill("solid", fgColor="DDEBF7")
    for j, h in enumerate(headers, start=1):
        c = ws.cell(row=1, column=j, value=h)
        c.font = Font(bold=True)
        c.fill = fill
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(j)].width = widths[j - 1] if j - 1 < len(widths) else 14
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 22


def _print_setup(ws: Any, landscape: bool = True) -> None:
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"


def _findings_sheet(ws: Any, report: Any, doc: Any) -> None:
    from openpyxl.styles import Alignment, PatternFill

    headers = finding_headers()
    _header(ws, headers, FINDING_WIDTHS)
    rows = finding_rows(report, doc)
    wrap = Alignment(wrap_text=True, vertical="top")
    for i, r in enumerate(rows, start=2):
        for j, v in enumerate(r.values(), start=1):
            c = ws.cell(row=i, column=j, value=v)
            c.alignment = wrap
            if isinstance(v, Decimal):
                c.number_format = '0.00"%"' if r.percent else "#,##0.00"
        sev = ws.cell(row=i, column=9)
        if r.severity_key in SEV_FILL:
            sev.fill = PatternFill("solid", fgColor=SEV_FILL[r.severity_key])
    last = max(1, len(rows) + 1)
    ws.auto_filter.ref = f"A1:{_col(len(headers))}{last}"
    _print_setup(ws)


def _coverage_sheet(ws: Any, report: Any) -> None:
    lines = coverage_lines(report)
    headers = coverage_headers()
    _header(ws, headers, (44, 30, 10, 60))
    if lines is None:
        ws.cell(row=2, column=1, value=t("report.coverage_missing"))
        return
    rows = coverage_rows(lines)
    for i, row in enumerate(rows, start=2):
        for j, v in enumerate(row, start=1):
            ws.cell(row=i, column=j, value=v)
    ws.auto_filter.ref = f"A1:D{max(1, len(rows) + 1)}"
    # the per-table summary beside the list (F…): 表 | 通过 | 未通过 | 不适用 | 未核对
    ws.cell(row=1, column=6, value=t("col.table"))
    for k, h in enumerate(status_headers(), start=7):
        ws.cell(row=1, column=k, value=h)
    for i, (title, counts) in enumerate(coverage_by_table(lines), start=2):
        ws.cell(row=i, column=6, value=title)
        for k, n in enumerate(counts.values(), start=7):
            ws.cell(row=i, column=k, value=n)
    n = len(coverage_by_table(lines)) + 3
    ws.cell(row=n, column=6, value=coverage_totals_line(lines))
    ws.cell(row=n + 1, column=6, value=t("report.coverage_note"))
    ws.column_dimensions["F"].width = 30
    _print_setup(ws)


def _document_sheet(ws: Any, report: Any, doc: Any) -> None:
    d = get(report, "document") or {}
    s = get(report, "summary") or {}
    rows = [
        (t("report.source"), get(d, "source")),
        (t("report.department"), get(d, "department")),
        (t("report.year"), get(d, "year")),
        (t("report.unit"), get(d, "unit")),
        (t("report.tables"), " ".join(get(d, "tables_found") or [])),
        (t("report.findings"), t("summary.line", error=s.get("error", 0), warning=s.get("warning", 0),
                                 info=s.get("info", 0))),
    ]
    _header(ws, [t("col.item"), t("col.message")], (16, 100))
    r = 2
    for k, v in rows:
        ws.cell(row=r, column=1, value=k)
        ws.cell(row=r, column=2, value=v)
        r += 1
    warnings, repairs = reading_notes(report, doc)
    for label, lines in ((t("report.reading"), warnings), (t("report.repairs"), repairs)):
        for line in lines:
            ws.cell(row=r, column=1, value=label)
            ws.cell(row=r, column=2, value=line)
            r += 1


def _col(n: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(n)


def findings_xlsx(report: Any, doc: Any = None) -> bytes:
    """The findings workbook: 审核发现, 核对覆盖情况, 文件信息."""
    from openpyxl import Workbook

    doc = doc if doc is not None else disclosure_of(report)
    wb = Workbook()
    ws = wb.active
    ws.title = t("sheet.findings")
    _findings_sheet(ws, report, doc)
    _coverage_sheet(wb.create_sheet(t("sheet.coverage")), report)
    _document_sheet(wb.create_sheet(t("sheet.document")), report, doc)
    wb.properties.creator = "juesuan"
    defuse_workbook(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


__all__ = ["BOM", "coverage_csv", "excel_csv", "findings_csv", "findings_xlsx"]
