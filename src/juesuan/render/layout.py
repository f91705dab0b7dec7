"""The printed layout of the nine tables, independent of the output format.

A ``TableLayout`` is a grid: header rows with merged cells (the multi-level headers of the
official form, ending with the 栏次 row), body rows (labels, 行次, codes, amounts), merges in
the body, and the notes printed under the table. Every renderer (txt, xlsx, docx, html, pdf)
draws the same grid, so the formats cannot disagree about what a table says — and so does the
HTML audit report (``report/html.py``), which finds the model cell behind each amount in
``TableLayout.keys`` to highlight the cells of a finding. This module is the one description
of the nine tables' rows, columns and headers; ``render/perf_layout.py`` describes the
performance self-evaluation tables the same way.

Body cells hold ``str`` (labels, codes, 行次) or ``Decimal`` (amounts; printed #,##0.00), or
``None`` (blank). A blank amount means the model has no cell there; a printed 0.00 means the
model holds a zero (spec §3).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from juesuan.glossary import (
    FUNCTIONAL_CLASSES,
    T01_EXPENDITURE_TOTAL_ROWS,
    T01_INCOME_ITEMS,
    T04_EXPENDITURE_COLUMNS,
    T04_INCOME_ROWS,
    T09_ITEMS,
    TABLES,
)
from juesuan.model import Disclosure, Table
from juesuan.render.codes import T06_GROUPS, economic_name, functional_name
from juesuan.render.missing import is_missing
from juesuan.render.missing import statement as missing_statement

Value = str | Decimal | None
# body (row, column) → the model cell printed there: (table, row key, column key)
CellKey = tuple[str, str, str]


class Ref(NamedTuple):
    """A slot that prints the model cell (row, column) of the table being built; ``_resolve``
    replaces it by the cell's value and records the key in ``TableLayout.keys``."""

    row: str
    column: str

NOTES = {
    "T01": "注：本表反映部门本年度的总收支和年末结转结余情况。",
    "T02": "注：本表反映部门本年度取得的各项收入情况。",
    "T03": "注：本表反映部门本年度各项支出情况。",
    "T04": "注：本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。",
    "T05": "注：本表反映部门本年度一般公共预算财政拨款支出情况。",
    "T06": "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。",
    "T07": "注：本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。",
    "T08": "注：本表反映部门本年度国有资本经营预算财政拨款支出情况。",
    "T09": "注：本表反映部门本年度财政拨款“三公”经费支出预决算情况。其中，预算数为“三公”经费年初预算数，"
           "决算数是包括当年财政拨款和以前年度结转资金安排的实际支出。",
}
ROUNDING_NOTE = "本表金额转换为万元时，因四舍五入可能存在尾差。"

_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 26 → 二十六 (list numbering up to 99)."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


@dataclass
class HeaderCell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass
class TableLayout:
    tid: str
    title: str
    number: str  # "01"
    ncols: int
    header: list[HeaderCell]
    header_rows: int
    body: list[list[Value]]
    kinds: list[str]  # per column: "label" | "code" | "lineno" | "amount"
    widths: list[float]  # relative column widths
    body_spans: list[HeaderCell] = field(default_factory=list)  # merges in the body (row relative to body)
    bold_rows: set[int] = field(default_factory=set)  # body rows printed bold (totals)
    notes: list[str] = field(default_factory=list)
    statement: str = ""  # 本表无数据 statement for declared-empty tables
    declared_empty: bool = False
    missing: bool = False  # the input has no such table (not declared empty): printed 【待补充】
    unit: str = "万元"  # printed unit; amounts in ``body`` are already in it
    page_rows: int = 0  # break the body every N rows, repeating the header (0: never)
    # pdf: rows set solid, a one-line row's pitch under 1.5 × the type size (see
    # variants: ``tight_rows``)
    tight_rows: bool = False
    # body rows printed again after a page break that falls below them: the header inside the
    # body of a performance form (its indicator header), which has no header rows of its own
    repeat_rows: list[int] = field(default_factory=list)
    meta_line: bool = False  # txt: 部门 / 年度 / 单位 on one line
    # txt: how the number is printed: 公开NN表 under the title, 表N： before it, 附表N over it
    label: str = "公开"
    # (body row, column) → the model cell it prints. Only the default grid carries keys (the
    # report draws it); a variant reshapes the body and drops them (variants.variant_layout).
    keys: dict[tuple[int, int], CellKey] = field(default_factory=dict)
    # Lines printed between the title and the grid instead of 公开NN表 / 部门 / 年度 / 单位
    # (the performance forms print only their year); None: the nine tables' lines.
    preamble: list[str] | None = None
    # How a body merge is drawn: "header" bold and centred (合计 labels of the nine tables),
    # "cell" like any other cell (the performance forms merge names and long texts).
    span_style: str = "header"
    # txt: the text mode this table prints in, when not the document's ("line": one cell a line)
    text: str | None = None

    def header_grid(self) -> list[list[str]]:
        """Header as a rectangle of strings: the text of a merged cell sits in its top-left
        slot, the slots it covers are empty (the tab-separated form of the seeds)."""
        grid = [["" for _ in range(self.ncols)] for _ in range(self.header_rows)]
        for h in self.header:
            grid[h.row][h.col] = h.text
        return grid

    @property
    def landscape(self) -> bool:
        return self.ncols >= 7


def _resolve(tid: str, t: Table | None, rows: list[list[Value | Ref]]
             ) -> tuple[list[list[Value]], dict[tuple[int, int], CellKey]]:
    """Replace every :class:`Ref` by the model's value (``None`` when the model has no such
    cell) and say which cell each amount slot prints."""
    body: list[list[Value]] = []
    keys: dict[tuple[int, int], CellKey] = {}
    for i, row in enumerate(rows):
        out: list[Value] = []
        for j, v in enumerate(row):
            if isinstance(v, Ref):
                keys[(i, j)] = (tid, v.row, v.column)
                out.append(None if t is None else t.value(v.row, v.column))
            else:
                out.append(v)
        body.append(out)
    return body, keys


def _hdr(spec: list[tuple[Any, ...]]) -> list[HeaderCell]:
    return [HeaderCell(*s) for s in spec]


def _functional_rows(t: Table | None) -> list[str]:
    """合计 first, then codes in classification order (a 项 under its 款 under its 类)."""
    if t is None:
        return ["合计"]
    codes = sorted({r for r in t.rows() if r.isdigit()})
    return ["合计"] + codes


def _label(t: Table | None, code: str) -> str:
    if t is not None and t.row_labels.get(code) and code != "合计":
        return t.row_labels[code]
    return functional_name(code)


def _functional_table(d: Disclosure, tid: str, top: list[tuple[Any, ...]], columns: tuple[str, ...],
                      widths: list[float]) -> TableLayout:
    t = d.tables.get(tid)
    ncols = 2 + len(columns)
    header = _hdr(top) + [HeaderCell(2, 0, "栏次", 1, 2)] + [
        HeaderCell(2, 2 + i, str(i + 1)) for i in range(len(columns))]
    rows: list[list[Value | Ref]] = []
    spans: list[HeaderCell] = []
    bold: set[int] = set()
    for code in _functional_rows(t):
        refs = [Ref(code, c) for c in columns]
        if code == "合计":
            spans.append(HeaderCell(len(rows), 0, "合计", 1, 2))
            bold.add(len(rows))
            rows.append(["合计", None, *refs])
        else:
            if len(code) == 3:
                bold.add(len(rows))
            rows.append([code, _label(t, code), *refs])
    body, keys = _resolve(tid, t, rows)
    return TableLayout(tid=tid, title=_title(d, tid), number=_number(d, tid), ncols=ncols, header=header,
                       header_rows=3, body=body, kinds=["code", "label"] + ["amount"] * len(columns),
                       widths=widths, body_spans=spans, bold_rows=bold, keys=keys)


def _title(d: Disclosure, tid: str) -> str:
    t = d.tables.get(tid)
    return (t.title if t is not None and t.title else None) or TABLES[tid].title


def _number(d: Disclosure, tid: str) -> str:
    t = d.tables.get(tid)
    return (t.number if t is not None and t.number else None) or tid[1:]


def _classes(t: Table | None) -> list[tuple[str, str | None]]:
    """The 26 classes as the form prints them (一、一般公共服务支出 …), then any other class
    row the table holds (a code outside the standard list is still drawn, never dropped)."""
    out: list[tuple[str, str | None]] = [
        (f"{cn_number(i + 1)}、{name}", code) for i, (code, name) in enumerate(FUNCTIONAL_CLASSES)]
    known = {code for code, _ in FUNCTIONAL_CLASSES}
    for r in t.rows() if t is not None else []:
        if r.isdigit() and len(r) == 3 and r not in known:
            out.append((f"{cn_number(len(out) + 1)}、{_label(t, r)}", r))
    return out


def _two_sided(income: list[tuple[str, str | None]], blank_income: int, income_tail: list[tuple[str, str | None]],
               expend: list[tuple[str, str | None]], expend_tail: list[tuple[str, str | None]]
               ) -> list[tuple[tuple[str, str | None], tuple[str, str | None]]]:
    """Pair the 收入 side (items, blanks, totals) with the 支出 side (classes, totals) row by
    row, as the form prints them: both totals blocks end on the same last row."""
    top = max(len(income) + blank_income, len(expend))
    left = income + [("", None)] * (top - len(income)) + income_tail
    right = expend + [("", None)] * (top - len(expend))
    right += [("", None)] * (len(income_tail) - len(expend_tail)) + expend_tail
    return list(zip(left, right, strict=True))


def _t01(d: Disclosure) -> TableLayout:
    t = d.tables.get("T01")
    header = _hdr([(0, 0, "收入", 1, 3), (0, 3, "支出", 1, 3),
                   (1, 0, "项目"), (1, 1, "行次"), (1, 2, "决算数"), (1, 3, "项目"), (1, 4, "行次"), (1, 5, "决算数"),
                   (2, 0, "栏次", 1, 2), (2, 2, "1"), (2, 3, "栏次", 1, 2), (2, 5, "2")])
    income: list[tuple[str, str | None]] = [(f"{cn_number(i + 1)}、{name}", name)
                                            for i, name in enumerate(T01_INCOME_ITEMS)]
    tail: list[tuple[str, str | None]] = [("本年收入合计", "本年收入合计"), ("使用非财政拨款结余", "使用非财政拨款结余"),
                                          ("年初结转和结余", "年初结转和结余"), ("", None), ("总计", "收入总计")]
    expend_tail: list[tuple[str, str | None]] = [(name if name != "支出总计" else "总计", name)
                                                 for name in T01_EXPENDITURE_TOTAL_ROWS]
    expend_tail.insert(3, ("", None))
    pairs = _two_sided(income, 18, tail, _classes(t), expend_tail)
    n = len(pairs)
    rows: list[list[Value | Ref]] = []
    bold = set()
    for i, ((il, ik), (el, ek)) in enumerate(pairs):
        rows.append([il, str(i + 1), Ref(ik, "金额") if ik else None,
                     el, str(n + i + 1), Ref(ek, "金额") if ek else None])
        if il in ("本年收入合计", "总计"):
            bold.add(i)
    body, keys = _resolve("T01", t, rows)
    return TableLayout(tid="T01", title=_title(d, "T01"), number=_number(d, "T01"), ncols=6, header=header,
                       header_rows=3, body=body, kinds=["label", "lineno", "amount"] * 2,
                       widths=[30, 5, 14, 30, 5, 14], bold_rows=bold, keys=keys)


def _t04(d: Disclosure) -> TableLayout:
    t = d.tables.get("T04")
    cols = T04_EXPENDITURE_COLUMNS
    header = _hdr([(0, 0, "收入", 1, 3), (0, 3, "支出", 1, 6),
                   (1, 0, "项目"), (1, 1, "行次"), (1, 2, "金额"), (1, 3, "项目"), (1, 4, "行次")]
                  + [(1, 5 + i, c) for i, c in enumerate(cols)]
                  + [(2, 0, "栏次", 1, 2), (2, 2, "1"), (2, 3, "栏次", 1, 2)]
                  + [(2, 5 + i, str(i + 2)) for i in range(len(cols))])
    income: list[tuple[str, str | None]] = [(f"{cn_number(i + 1)}、{name}", name)
                                            for i, name in enumerate(T04_INCOME_ROWS[:3])]
    # the 年初 rows are printed under 年初财政拨款结转和结余 by the fund's bare name
    tail: list[tuple[str, str | None]] = [(r, r) for r in T04_INCOME_ROWS[3:5]]
    tail += [(r.removeprefix("年初"), r) for r in T04_INCOME_ROWS[5:-1]] + [("总计", "收入总计")]
    expend_tail: list[tuple[str, str | None]] = [("本年支出合计", "本年支出合计"),
                                                 ("年末财政拨款结转和结余", "年末财政拨款结转和结余"),
                                                 ("", None), ("", None), ("", None), ("总计", "支出总计")]
    pairs = _two_sided(income, 23, tail, _classes(t), expend_tail)
    n = len(pairs)
    rows: list[list[Value | Ref]] = []
    bold = set()
    for i, ((il, ik), (el, ek)) in enumerate(pairs):
        rows.append([il, str(i + 1), Ref(ik, "金额") if ik else None, el, str(n + i + 1),
                     *[(Ref(ek, c) if ek else None) for c in cols]])
        if il in ("本年收入合计", "总计"):
            bold.add(i)
    body, keys = _resolve("T04", t, rows)
    return TableLayout(tid="T04", title=_title(d, "T04"), number=_number(d, "T04"), ncols=9, header=header,
                       header_rows=3, body=body,
                       kinds=["label", "lineno", "amount", "label", "lineno", "amount", "amount", "amount", "amount"],
                       widths=[24, 5, 12, 26, 5, 12, 13, 13, 13], bold_rows=bold, keys=keys)


def _t06_groups(t: Table | None) -> list[list[str]]:
    """The form's three column groups, plus any other economic code the table holds, each in
    the group of its class (301/303 | 302 | the rest) at its place in code order."""
    groups = [set(g) for g in T06_GROUPS]
    for r in t.rows() if t is not None else []:
        if r.isdigit() and len(r) in (3, 5):
            cls = r[:3]
            groups[0 if cls in ("301", "303") else 1 if cls == "302" else 2].add(r)
    return [sorted(g) for g in groups]


def _t06(d: Disclosure) -> TableLayout:
    t = d.tables.get("T06")
    header = _hdr([(0, 0, "人员经费", 1, 3), (0, 3, "公用经费", 1, 6)]
                  + [(1, 3 * g + k, name) for g in range(3) for k, name in enumerate(("科目编码", "科目名称", "决算数"))])
    groups = _t06_groups(t)
    nrows = max(len(g) for g in groups)
    rows: list[list[Value | Ref]] = []
    bold: set[int] = set()
    for i in range(nrows):
        row: list[Value | Ref] = []
        for group in groups:
            if i < len(group):
                code = group[i]
                name = (t.row_labels.get(code) if t is not None else None) or economic_name(code)
                row += [code, name, Ref(code, "决算数")]
            else:
                row += [None, None, None]
        rows.append(row)
    last = len(rows)
    rows.append(["人员经费合计", None, Ref("人员经费合计", "决算数"), "公用经费合计", None, None, None, None,
                 Ref("公用经费合计", "决算数")])
    spans = [HeaderCell(last, 0, "人员经费合计", 1, 2), HeaderCell(last, 3, "公用经费合计", 1, 5)]
    bold.add(last)
    body, keys = _resolve("T06", t, rows)
    return TableLayout(tid="T06", title=_title(d, "T06"), number=_number(d, "T06"), ncols=9, header=header,
                       header_rows=2, body=body, kinds=["code", "label", "amount"] * 3,
                       widths=[8, 20, 11, 8, 18, 11, 8, 22, 11], body_spans=spans, bold_rows=bold, keys=keys)


def _t09(d: Disclosure) -> TableLayout:
    t = d.tables.get("T09")
    spec: list[tuple[Any, ...]] = [(0, 0, "预算数", 1, 6), (0, 6, "决算数", 1, 6)]
    for base in (0, 6):
        spec += [(1, base, "合计", 2, 1), (1, base + 1, "因公出国（境）费", 2, 1),
                 (1, base + 2, "公务用车购置及运行维护费", 1, 3), (1, base + 5, "公务接待费", 2, 1),
                 (2, base + 2, "小计"), (2, base + 3, "公务用车购置费"), (2, base + 4, "公务用车运行维护费")]
    spec += [(3, i, str(i + 1)) for i in range(12)]
    rows: list[list[Value | Ref]] = [[Ref(row, c) for row in ("预算数", "决算数") for c in T09_ITEMS]]
    body, keys = _resolve("T09", t, rows)
    return TableLayout(tid="T09", title=_title(d, "T09"), number=_number(d, "T09"), ncols=12, header=_hdr(spec),
                       header_rows=4, body=body, kinds=["amount"] * 12, widths=[10.0] * 12, keys=keys)

def table_layout(d: Disclosure, tid: str) -> TableLayout:
    if tid == "T01":
        lay = _t01(d)
    elif tid == "T04":
        lay = _t04(d)
    elif tid == "T06":
        lay = _t06(d)
    elif tid == "T09":
        lay = _t09(d)
    elif tid == "T02":
        lay = _functional_table(d, tid, [(0, 0, "项目", 1, 2)] + [(0, 2 + i, c, 2, 1) for i, c in enumerate(
            TABLES[tid].columns)] + [(1, 0, "功能分类科目编码"), (1, 1, "科目名称")], TABLES[tid].columns,
            [10.0, 30.0] + [11.0] * 7)
    elif tid == "T03":
        lay = _functional_table(d, tid, [(0, 0, "项目", 1, 2)] + [(0, 2 + i, c, 2, 1) for i, c in enumerate(
            TABLES[tid].columns)] + [(1, 0, "功能分类科目编码"), (1, 1, "科目名称")], TABLES[tid].columns,
            [10.0, 30.0] + [11.0] * 6)
    elif tid == "T05":
        lay = _functional_table(d, tid, [(0, 0, "项目", 1, 2), (0, 2, "本年支出", 1, 3), (1, 0, "功能分类科目编码"),
                                         (1, 1, "科目名称"), (1, 2, "小计"), (1, 3, "基本支出"), (1, 4, "项目支出")],
                                ("小计", "基本支出", "项目支出"), [12.0, 36.0, 14.0, 14.0, 14.0])
    elif tid == "T07":
        cols = ("年初结转和结余", "本年收入", "小计", "基本支出", "项目支出", "年末结转和结余")
        lay = _functional_table(d, tid, [(0, 0, "项目", 1, 2), (0, 2, "年初结转和结余", 2, 1), (0, 3, "本年收入", 2, 1),
                                         (0, 4, "本年支出", 1, 3), (0, 7, "年末结转和结余", 2, 1),
                                         (1, 0, "功能分类科目编码"), (1, 1, "科目名称"), (1, 4, "小计"),
                                         (1, 5, "基本支出"), (1, 6, "项目支出")], cols, [10.0, 30.0] + [11.0] * 6)
    elif tid == "T08":
        lay = _functional_table(d, tid, [(0, 0, "项目", 1, 2), (0, 2, "本年支出", 1, 3), (1, 0, "功能分类科目编码"),
                                         (1, 1, "科目名称"), (1, 2, "合计"), (1, 3, "基本支出"), (1, 4, "项目支出")],
                                ("合计", "基本支出", "项目支出"), [12.0, 36.0, 14.0, 14.0, 14.0])
    else:  # pragma: no cover
        raise KeyError(tid)
    t = d.tables.get(tid)
    lay.notes = [NOTES[tid] + ROUNDING_NOTE]
    if is_missing(d, tid):  # not supplied: never print 本表无数据 for it (render/missing.py)
        lay.missing = True
        lay.statement = missing_statement(tid)
    elif t is not None and (t.declared_empty or not t.cells):
        lay.declared_empty = True
        lay.statement = t.empty_statement or f"说明：{d.meta.department or '本部门'}本年度没有此类资金收支，故本表无数据。"
    return lay


def all_layouts(d: Disclosure) -> list[TableLayout]:
    from juesuan.glossary import TABLE_IDS

    return [table_layout(d, tid) for tid in TABLE_IDS]


@dataclass
class SpanCell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    kind: str = "label"  # label | code | lineno | amount | header | text
    bold: bool = False
    key: CellKey | None = None  # the model cell printed here (TableLayout.keys)


def html_rows(lay: TableLayout) -> tuple[list[list[SpanCell]], list[list[SpanCell]]]:
    """Header and body as rows of cells with row/col spans, covered slots left out (the shape
    HTML tables take)."""
    from juesuan.money import fmt

    header: list[list[SpanCell]] = [[] for _ in range(lay.header_rows)]
    for h in sorted(lay.header, key=lambda x: (x.row, x.col)):
        header[h.row].append(SpanCell(h.text, h.rowspan, h.colspan, "header", True))
    covered: set[tuple[int, int]] = set()
    starts = {(s.row, s.col): s for s in lay.body_spans}
    for s in lay.body_spans:
        for r in range(s.row, s.row + s.rowspan):
            for c in range(s.col, s.col + s.colspan):
                if (r, c) != (s.row, s.col):
                    covered.add((r, c))
    body: list[list[SpanCell]] = []
    for i, row in enumerate(lay.body):
        cells = []
        for j, v in enumerate(row):
            if (i, j) in covered:
                continue
            text = "" if v is None else (fmt(v) if isinstance(v, Decimal) else str(v))
            start = starts.get((i, j))
            kind = "header" if start is not None and lay.span_style == "header" else lay.kinds[j]
            cells.append(SpanCell(text, start.rowspan if start else 1, start.colspan if start else 1, kind,
                                  i in lay.bold_rows, lay.keys.get((i, j))))
        body.append(cells)
    return header, body
