"""Test-only: an Excel 97–2003 (.xls) copy of an .xlsx workbook (values, number formats,
merged ranges, sheet names, hidden sheets), written with xlwt — departments publish .xls, and
juesuan writes only .xlsx, so the .xls reader's tests make theirs from juesuan's own renderings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path


def xlsx_to_xls(src: Path, dst: Path) -> Path:
    import openpyxl
    import xlwt

    wb = openpyxl.load_workbook(src)
    out = xlwt.Workbook(encoding="utf-8")
    styles: dict[str, xlwt.XFStyle] = {}

    def style(fmt: str) -> xlwt.XFStyle:
        if fmt not in styles:
            st = xlwt.XFStyle()
            st.num_format_str = fmt
            styles[fmt] = st
        return styles[fmt]

    for ws in wb.worksheets:
        sh = out.add_sheet(ws.title[:31], cell_overwrite_ok=True)
        if ws.sheet_state != "visible":
            sh.visibility = 1
        covered: set[tuple[int, int]] = set()
        for rng in ws.merged_cells.ranges:
            r0, r1, c0, c1 = rng.min_row - 1, rng.max_row - 1, rng.min_col - 1, rng.max_col - 1
            first = ws.cell(rng.min_row, rng.min_col)
            sh.write_merge(r0, r1, c0, c1, _value(first.value), style(first.number_format or "General"))
            covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
        for row in ws.iter_rows():
            for cell in row:
                rc = (cell.row - 1, cell.column - 1)
                if rc in covered or cell.value is None:
                    continue
                sh.write(*rc, _value(cell.value), style(cell.number_format or "General"))
    out.save(str(dst))
    return dst


def _value(v):
    if isinstance(v, dt.datetime | dt.date):
        return v
    return v if isinstance(v, int | float | bool) or v is None else str(v)
