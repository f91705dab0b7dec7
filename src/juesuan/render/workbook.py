"""The input workbook: one sheet per table in canonical rows and columns, for people who want to
type their figures and let juesuan write the disclosure.

``write_template(path)`` writes an empty workbook (codes offered as a pick list from the
catalogue); ``write_input_workbook(d, path)`` writes one filled from a model;
``read_input_workbook(path)`` turns a filled workbook back into a ``Disclosure``.

Layout (stable; the reader relies on it):

* sheet ``说明``: B2 部门名称, B3 年度, B4 单位 (万元 or 元), and from row 8 one line per table:
  A 表 id (T01…T09), B title, C 本表无数据说明 (optional statement for an empty table);
* sheets ``T01 …`` to ``T09 …`` (name starts with the table id): row 1 column headers, row 2 on
  the data. Column A is the canonical row key (T01/T04: item label or 3-digit class code;
  T02/T03/T05/T07/T08: 功能分类 code or 合计; T06: 经济分类 code or 人员经费合计/公用经费合计;
  T09: 预算数/决算数), column B the printed name (optional: filled from the catalogue), then one
  column per canonical value column. An empty cell is absent; 0 is a printed zero.
* hidden sheet ``科目``: the code lists behind the pick lists.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from juesuan.glossary import (
    CLASS_NAME,
    T01_EXPENDITURE_TOTAL_ROWS,
    T01_INCOME_ROWS,
    T04_EXPENDITURE_COLUMNS,
    T04_EXPENDITURE_TOTAL_ROWS,
    T04_INCOME_ROWS,
    TABLE_IDS,
    TABLES,
)
from juesuan.model import Cell, Disclosure, Metadata
from juesuan.money import YUAN_PER_WAN, fmt, parse_amount, q2
from juesuan.render.codes import T06_GROUPS, economic_codes, economic_name, functional_codes, functional_name
from juesuan.safeio import defuse_workbook, write_atomic

INFO_SHEET = "说明"
CODES_SHEET = "科目"
EXTRA_ROWS = 150  # empty rows offered (with the pick list) under the pre-filled ones
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
NA_FILL = PatternFill("solid", fgColor="EEEEEE")
TITLES = {
    "T01": "收入支出决算总表", "T02": "收入决算表", "T03": "支出决算表", "T04": "财政拨款收入支出决算总表",
    "T05": "一般公共预算财政拨款支出决算表", "T06": "一般公共预算财政拨款基本支出决算表",
    "T07": "政府性基金预算财政拨款收入支出决算表", "T08": "国有资本经营预算财政拨款支出决算表",
    "T09": "财政拨款“三公”经费支出决算表",
}


class WorkbookError(Exception):
    pass


def _columns(tid: str) -> tuple[str, ...]:
    if tid == "T01":
        return ("金额",)
    if tid == "T04":
        return ("金额",) + T04_EXPENDITURE_COLUMNS
    return TABLES[tid].columns


def _fixed_rows(tid: str) -> list[str]:
    if tid == "T01":
        return list(T01_INCOME_ROWS) + list(CLASS_NAME) + list(T01_EXPENDITURE_TOTAL_ROWS)
    if tid == "T04":
        return list(T04_INCOME_ROWS) + list(CLASS_NAME) + list(T04_EXPENDITURE_TOTAL_ROWS)
    if tid == "T06":
        return [c for g in T06_GROUPS for c in g] + ["人员经费合计", "公用经费合计"]
    if tid == "T09":
        return ["预算数", "决算数"]
    return ["合计"]


def _name(tid: str, key: str) -> str:
    if tid == "T06":
        return economic_name(key) or key
    if key.isdigit():
        return functional_name(key)
    return key


def sheet_title(tid: str) -> str:
    return f"{tid} {TITLES[tid]}"[:31]


def _applicable(tid: str, key: str, col: str) -> bool:
    if tid == "T04":
        income = key in T04_INCOME_ROWS
        return (col == "金额") == income
    return True


def _build(d: Disclosure | None, figures: bool = True) -> Workbook:
    """The workbook; from ``d`` its department, year, rows and statements, and its figures
    unless ``figures`` is False (a template for the next year from last year's disclosure)."""
    wb = Workbook()
    info = wb.active
    info.title = INFO_SHEET
    info["A1"] = "juesuan 部门决算录入表（金额单位见 B4；空格表示未填，0 表示填报为零）"
    info["A1"].font = Font(bold=True, size=13)
    for r, (k, v) in enumerate((("部门名称", d.meta.department if d else ""),
                                ("年度", (d.meta.year + (0 if figures else 1)) if d and d.meta.year else None),
                                ("单位", "万元")), start=2):
        info.cell(row=r, column=1, value=k).font = Font(bold=True)
        info.cell(row=r, column=2, value=v)
    info["A6"] = "各表：A 列为行标识（科目编码或项目名称，可从下拉列表选择），B 列为名称（可留空，按科目自动填写），其后为各栏金额。"
    info.cell(row=7, column=1, value="表").font = Font(bold=True)
    info.cell(row=7, column=2, value="表名").font = Font(bold=True)
    info.cell(row=7, column=3, value="本表无数据说明（无数据时填写，如：本部门本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。）").font = Font(bold=True)
    for i, tid in enumerate(TABLE_IDS):
        info.cell(row=8 + i, column=1, value=tid)
        info.cell(row=8 + i, column=2, value=TITLES[tid])
        t = d.tables.get(tid) if d else None
        if t is not None and t.declared_empty:
            info.cell(row=8 + i, column=3, value=t.empty_statement or "本表无数据。")
    info.column_dimensions["A"].width = 12
    info.column_dimensions["B"].width = 44
    info.column_dimensions["C"].width = 90

    codes = wb.create_sheet(CODES_SHEET)
    fcodes = functional_codes()
    ecodes = economic_codes()
    codes["A1"], codes["B1"], codes["C1"], codes["D1"] = "功能分类科目编码", "名称", "经济分类科目编码", "名称"
    for i, c in enumerate(fcodes, start=2):
        codes.cell(row=i, column=1, value=c)
        codes.cell(row=i, column=2, value=functional_name(c))
    for i, c in enumerate(ecodes, start=2):
        codes.cell(row=i, column=3, value=c)
        codes.cell(row=i, column=4, value=economic_name(c))
    codes.sheet_state = "hidden"
    f_range = f"'{CODES_SHEET}'!$A$2:$A${len(fcodes) + 1}"
    e_range = f"'{CODES_SHEET}'!$C$2:$C${len(ecodes) + 1}"

    for tid in TABLE_IDS:
        ws = wb.create_sheet(sheet_title(tid))
        cols = _columns(tid)
        key_head = {"T01": "行标识（项目或类编码）", "T04": "行标识（项目或类编码）", "T06": "经济分类科目编码",
                    "T09": "行"}.get(tid, "功能分类科目编码")
        heads = [key_head, "名称"] + list(cols)
        for j, h in enumerate(heads, start=1):
            c = ws.cell(row=1, column=j, value=h)
            c.font = Font(bold=True)
            c.fill = HEAD_FILL
            c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.row_dimensions[1].height = 32
        t = d.tables.get(tid) if d else None
        keys = _fixed_rows(tid)
        if t is not None and TABLES[tid].keyed_by == "functional":
            keys = ["合计"] + sorted(r for r in t.rows() if r.isdigit())
        r = 2
        for key in keys:
            ws.cell(row=r, column=1, value=key).number_format = "@"
            label = (t.row_labels.get(key) if t is not None else None) or _name(tid, key)
            ws.cell(row=r, column=2, value=label)
            for j, col in enumerate(cols, start=3):
                cell = ws.cell(row=r, column=j)
                cell.number_format = "#,##0.00"
                if not _applicable(tid, key, col):
                    cell.fill = NA_FILL
                    continue
                v = t.value(key, col) if t is not None and figures else None
                if v is not None:
                    cell.value = v
            r += 1
        last = r - 1
        if TABLES[tid].keyed_by in ("functional", "economic"):
            for rr in range(r, r + EXTRA_ROWS):
                ws.cell(row=rr, column=1).number_format = "@"
                for j in range(3, 3 + len(cols)):
                    ws.cell(row=rr, column=j).number_format = "#,##0.00"
            last = r + EXTRA_ROWS - 1
            dv = DataValidation(type="list", formula1=e_range if tid == "T06" else f_range, allow_blank=True,
                                showErrorMessage=False)
            dv.prompt = "从列表选择科目编码，或直接输入"
            dv.promptTitle = "科目编码"
            ws.add_data_validation(dv)
            dv.add(f"A3:A{last}" if tid != "T06" else f"A2:A{last}")
        ws.column_dimensions["A"].width = 22
        ws.column_dimensions["B"].width = 36
        for j in range(3, 3 + len(cols)):
            ws.column_dimensions[get_column_letter(j)].width = 16
        ws.freeze_panes = "C2"
    return wb


def workbook_bytes(d: Disclosure | None = None, figures: bool = True) -> bytes:
    """The input workbook as bytes: empty, or pre-filled from ``d`` (see :func:`_build`)."""
    from io import BytesIO

    buf = BytesIO()
    defuse_workbook(_build(d, figures)).save(buf)
    return buf.getvalue()


def write_template(path: str | Path, d: Disclosure | None = None) -> Path:
    """Write the input workbook (empty, or pre-filled from a disclosure) atomically."""
    return write_atomic(Path(path), workbook_bytes(d))


def write_input_workbook(d: Disclosure, path: str | Path) -> Path:
    return write_template(path, d)


def _to_decimal(v) -> Decimal | None:
    if v is None:
        return None
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return Decimal(v)
    if isinstance(v, float):
        return q2(Decimal(repr(v)))
    if isinstance(v, Decimal):
        return v
    s = str(v).strip()
    if not s:
        return None
    parsed = parse_amount(s)
    if parsed is None:
        raise WorkbookError(f"not a number: {s!r}")
    return parsed.value


def _key(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()


def read_input_workbook(path: str | Path) -> Disclosure:
    """A filled input workbook → Disclosure (values in 万元; a 元 workbook is converted)."""
    p = Path(path)
    try:
        wb = load_workbook(p, data_only=True, read_only=False)
    except FileNotFoundError as e:
        raise WorkbookError(f"{p}: no such file") from e
    except Exception as e:
        raise WorkbookError(f"{p}: not an Excel workbook ({type(e).__name__})") from e
    if INFO_SHEET not in wb.sheetnames:
        raise WorkbookError(f"{p}: not a juesuan input workbook (no sheet {INFO_SHEET!r}; "
                            "write one with `juesuan template`)")
    info = wb[INFO_SHEET]
    dept = _key(info["B2"].value)
    year_raw = _key(info["B3"].value).removesuffix("年度").removesuffix("年")
    try:
        year = int(year_raw) if year_raw else None
    except ValueError as e:
        raise WorkbookError(f"{p}: 说明!B3 年度 is not a year: {year_raw!r}") from e
    unit = _key(info["B4"].value) or "万元"
    if unit not in ("万元", "元"):
        raise WorkbookError(f"{p}: 说明!B4 单位 must be 万元 or 元, not {unit!r}")
    statements: dict[str, str] = {}
    for row in info.iter_rows(min_row=8, max_row=8 + len(TABLE_IDS) - 1, max_col=3, values_only=True):
        tid, _, stmt = row
        if tid in TABLES and stmt:
            statements[str(tid)] = str(stmt).strip()

    d = Disclosure(meta=Metadata(source=str(p), format="xlsx", department=dept, year=year, unit=unit,
                                 unit_stated=True))
    d.toc_tables = list(TABLE_IDS)
    by_id = {name.split(" ", 1)[0]: name for name in wb.sheetnames}
    for n, tid in enumerate(TABLE_IDS, start=1):
        t = d.table(tid)
        t.title, t.number, t.unit = TITLES[tid], f"{n:02d}", unit
        if tid == "T09":
            t.layout = "horizontal"
        name = by_id.get(tid)
        if name is None:
            continue
        ws = wb[name]
        heads = [_key(c.value) for c in next(ws.iter_rows(min_row=1, max_row=1))]
        cols = _columns(tid)
        col_at = {h: j for j, h in enumerate(heads) if h in cols}
        for r, row in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
            key = _key(row[0] if row else None)
            if not key:
                continue
            label = _key(row[1]) if len(row) > 1 else ""
            before = len(t.cells)
            for col, j in col_at.items():
                if j >= len(row):
                    continue
                try:
                    v = _to_decimal(row[j])
                except WorkbookError as e:
                    raise WorkbookError(f"{p}: {name}!{get_column_letter(j + 1)}{r}: {e}") from None
                if v is None or not _applicable(tid, key, col):
                    continue
                if unit == "元":
                    v = v / YUAN_PER_WAN
                t.cells.append(Cell(table=tid, row=key, column=col, value=v, raw=fmt(v), line=r,
                                    label=label or _name(tid, key)))
            if len(t.cells) > before:
                t.row_labels.setdefault(key, label or _name(tid, key))
        t.present = bool(t.cells) or tid in statements
        if tid in statements:
            t.declared_empty = not t.has_data
            t.empty_statement = statements[tid]
    return d
