"""Layout variants: the same figures printed the ways real disclosures print them.

A ``Variant`` picks one value on each axis along which printed 部门决算 tables differ:

* ``style`` — the national order (公开07 政府性基金, 08 国有资本经营, 09 “三公”) or the Shanghai
  order (07 “三公”, 08 政府性基金, 09 国有资本经营 收入支出决算表 with 年初/收入/支出/年末 columns,
  本年支出 合计 instead of 小计, 公开05表 with its 合计 row at the bottom);
* ``lineno`` — T01/T04 with 行次 columns and a 栏次 row, or without;
* ``stacked`` — T01/T04 side by side (收入 | 支出) or 收入 then 支出 one after the other;
* ``t09`` — the three shapes of the “三公” table: ``vertical`` (one row per item, 预算数 | 决算数),
  ``horizontal`` (预算数 block then 决算数 block), ``paired`` (预算数 | 决算数 under each item);
* ``t06_groups`` — 公开06表 in three column groups (301/303 | 302 | 307/310/…, the national
  form) or two (301/303 | 302/310/…, the Shanghai template);
* ``split_codes`` — 功能分类 codes in three 类 | 款 | 项 cells ("208 | 01 | 01");
* ``unit`` — 万元 or 元 (amounts × 10000);
* ``numbers`` — amounts as ``1,234.50`` (``commas``) or ``1234.50`` (``plain``);
* ``zero`` — a zero printed ``0.00`` or ``-`` (both are a printed zero, spec §3);
* ``fund_zero`` — in the fund tables (T07, T08) a zero printed ``0.00`` or a bare ``0`` (the
  Shanghai FY2025 form: '207 0 2.80 2.80 2.80 0');
* ``meta`` — txt only: 部门 / 年度 / 单位 on lines of their own, or on one line
  (``部门：… 2024年度 金额单位：万元``, as in a PDF dump);
* ``wrap`` — names longer than this many characters wrap, this many characters a line (a long
  name over two, three or more lines);
* ``page_rows`` — tables broken over pages every N body rows, the header repeated;
* ``tight_rows`` — pdf only: table rows set solid, a one-line row's pitch (baseline to baseline)
  under 1.5 × the type size, as the real forms print them (12 pt type on 17 pt rows). Plain
  ``pdftotext`` (no ``-layout``) then joins a column's consecutive cells into one text block
  (its block builder takes a line into a block when its baseline is within 1.5 × the font size
  of the block's and the two overlap horizontally) and, the blocks no longer lining up as a
  grid of cells, emits them column by column: all codes, all names, each column's amounts in
  runs cut where a blank cell or a taller (wrapped) row leaves a wider gap — the column blocks
  of ``extract/blocks``. With the default pitch every cell is a block of its own, the blocks
  line up, pdftotext takes them for a table and emits them row by row;
* ``text`` — for txt output: ``tab`` (cells separated by tabs, empty cells kept), ``space``
  (the pdftotext dump: cells separated by spaces, empty cells dropped, a wrapped name's pieces
  on lines of their own) or ``plumber`` (the pdfplumber dump: the same, with a wrapped row's
  other cells level with the middle of its name — see ``txt._centred_lines``);
* ``titles`` — the nine titles as the national template prints them (``official``) or as some
  provinces do (``provincial``: 收入支出决算表 and 财政拨款收入支出决算表 without 总 (Yunnan),
  收入决算总表 / 支出决算总表 (Shaanxi), 财政拨款收支决算总表 (收支 for 收入支出), 一般公共预算财政拨款“三公”经费支出决算表 …; T05 as
  Yunnan's 一般公共预算财政拨款收入支出决算表, with 年初/本年收入/本年支出/年末 columns) or after
  the department's name and year (``department``: 某某局2024年度收入支出决算总表);
* ``label`` — txt only: the number printed as ``公开NN表`` on a line under the title, as
  ``表N：`` before the title on its line, or as ``附表N`` on a line over it;
* ``t09_other`` — the “三公” table also prints 会议费 and 培训费 (Shaanxi's
  …“三公”经费及会议费、培训费支出决算表): columns after 公务接待费 in each half, rows after it in
  the vertical list, pairs after it in the paired form. Not in the model: the reader must
  read the six items and leave these out;
* ``other_tables`` — tables besides the nine, as Sichuan's template prints them
  (财政拨款支出决算明细表 after T04, 一般公共预算财政拨款项目支出决算表 after T06; grids like the
  table before them, other figures), every table numbered in printed order: none of their
  rows may be read into one of the nine;
* ``drift`` — space text only: 公开05表 also lists T03's fund-only codes with no amounts, and
  the text tool's run of amounts does not skip them: from the first such row on, each code
  line carries a later row's amounts and the last lines repeat the first rows' (as pdfplumber
  emits some disclosures); in 公开06表 the 302 class's amounts run on past its last blank row
  (each later row carries the next row's amount, the class's last row the class figure).
  Not an axis of its own: a family (see ``families``).

``Variant()`` is exactly the default rendering. ``variant_layout`` builds one table's grid,
``apply_variant`` swaps a document's tables (and the 目录 entries) for the variant's, in the
style's order. Every format draws the resulting grids; ``page_rows`` is honoured by txt and
pdf (docx/xlsx/html repeat header rows when a table breaks, but do not force breaks).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from decimal import Decimal
from typing import Literal

from juesuan.glossary import TABLE_IDS, TABLES
from juesuan.model import Disclosure
from juesuan.money import q2
from juesuan.render.layout import HeaderCell, TableLayout, Value, cn_number, table_layout

Style = Literal["national", "shanghai"]
STYLES: tuple[Style, ...] = ("national", "shanghai")

# Printed order of the nine tables (公开01 … 公开09) by style.
ORDER: dict[str, tuple[str, ...]] = {
    "national": TABLE_IDS,
    "shanghai": ("T01", "T02", "T03", "T04", "T05", "T06", "T09", "T07", "T08"),
}
SHANGHAI_T08_TITLE = "国有资本经营预算财政拨款收入支出决算表"
_CODE_TABLES = ("T02", "T03", "T05", "T07", "T08")
YUAN = Decimal(10000)


class Axes:
    """A layout variant as one value on each named axis (a frozen dataclass whose defaults are
    the default layout), named by its differences from the default. Shared by the nine tables'
    ``Variant`` and the performance forms' ``perf_variants.PerfVariant``."""

    def differences(self) -> list[str]:
        """The axes on which this variant differs from the default, as 'axis=value'."""
        base = type(self)()
        return [f"{f.name}={getattr(self, f.name)}" for f in fields(self)  # type: ignore[arg-type]
                if getattr(self, f.name) != getattr(base, f.name)]

    def name(self) -> str:
        return ",".join(self.differences()) or "default"


@dataclass(frozen=True)
class Variant(Axes):
    style: Style = "national"
    lineno: bool = True
    stacked: bool = False
    t09: Literal["horizontal", "vertical", "paired"] = "horizontal"
    t06_groups: Literal[3, 2] = 3
    split_codes: bool = False
    unit: Literal["万元", "元"] = "万元"
    numbers: Literal["commas", "plain"] = "commas"
    zero: Literal["0.00", "-"] = "0.00"
    fund_zero: Literal["0.00", "0"] = "0.00"
    meta: Literal["lines", "one line"] = "lines"
    wrap: int = 0
    page_rows: int = 0
    tight_rows: bool = False
    text: Literal["tab", "space", "plumber"] = "tab"
    titles: Literal["official", "provincial", "department"] = "official"
    label: Literal["公开", "表N：", "附表N"] = "公开"
    t09_other: bool = False
    other_tables: bool = False
    drift: bool = False

    @classmethod
    def preset(cls, style: Style) -> Variant:
        """The usual form of a style: national = the default; Shanghai = its 2024 template
        (no 行次, “三公” in pairs)."""
        if style == "shanghai":
            return cls(style="shanghai", lineno=False, t09="paired", t06_groups=2)
        return cls()


def style_number(style: str, tid: str) -> str:
    return f"{ORDER[style].index(tid) + 1:02d}"


def detect_style(d: Disclosure) -> Style:
    """The style a read document was printed in: Shanghai when its “三公” table is 公开07
    (or it precedes the 政府性基金 table), else national."""
    t09, t07 = d.tables.get("T09"), d.tables.get("T07")
    if t09 is not None and t09.number:
        return "shanghai" if t09.number.lstrip("0") == "7" else "national"
    if t09 is not None and t07 is not None and t09.line and t07.line and t09.line < t07.line:
        return "shanghai"
    return "national"


def detect_variant(d: Disclosure, style: Style | None = None) -> Variant:
    """The layout to re-render a document in: its style's preset (or ``style``), with the
    “三公” table kept as a vertical list when it was read as one."""
    v = Variant.preset(style or detect_style(d))
    t09 = d.tables.get("T09")
    if t09 is not None and t09.layout == "vertical":
        v = replace(v, t09="vertical")
    return v


# ---------------------------------------------------------------------------------------------
# T01 / T04 without 行次 and/or stacked


def _drop_lineno(lay: TableLayout) -> TableLayout:
    """Remove the 行次 columns and the 栏次 row (the Shanghai form of T01/T04)."""
    keep = [j for j, k in enumerate(lay.kinds) if k != "lineno"]
    new_col = {j: i for i, j in enumerate(keep)}
    header = []
    for h in lay.header:
        if h.text == "栏次" or h.row == lay.header_rows - 1:
            continue  # the 栏次 row goes
        if h.col not in new_col:
            continue
        span = sum(1 for c in range(h.col, h.col + h.colspan) if c in new_col)
        header.append(HeaderCell(h.row, new_col[h.col], h.text, h.rowspan, span))
    body = [[row[j] for j in keep] for row in lay.body]
    return replace(lay, ncols=len(keep), header=header, header_rows=lay.header_rows - 1, body=body,
                   kinds=[lay.kinds[j] for j in keep], widths=[lay.widths[j] for j in keep])


def _stack(lay: TableLayout, lineno: bool) -> TableLayout:
    """收入 block, then 支出 block, each under its own header (rows that only aligned the two
    sides are dropped). Column 0 the item, [1 行次], then the amount columns of the 支出 side."""
    half = 3  # the income side is 项目 | 行次 | 金额 in the side-by-side grid
    inc_cols = lay.ncols - half  # expenditure side width: 项目 | 行次 | amounts…
    amount_names = [h.text for h in lay.header if h.row == 1 and h.col >= half + 2]
    ncols = inc_cols if lineno else inc_cols - 1
    lead = ["项目", "行次"] if lineno else ["项目"]

    def row(label: Value, no: Value, vals: list[Value]) -> list[Value]:
        out: list[Value] = [label] + ([no] if lineno else [])
        return out + vals + [None] * (ncols - len(out) - len(vals))

    inc_head = lead + ["金额" if len(amount_names) > 1 else amount_names[0]]
    header = [HeaderCell(0, 0, "收入", 1, ncols)]
    header += [HeaderCell(1, j, t) for j, t in enumerate(inc_head)]
    rows = 2
    if lineno:
        header += [HeaderCell(2, 0, "栏次", 1, 2), HeaderCell(2, 2, "1")]
        rows = 3
    body: list[list[Value]] = []
    bold: set[int] = set()
    for i, r in enumerate(lay.body):
        if r[0]:
            if i in lay.bold_rows:
                bold.add(len(body))
            body.append(row(r[0], r[1], [r[2]]))
    body.append(row("支出", None, []))
    body.append([*lead, *amount_names] + [None] * (ncols - len(lead) - len(amount_names)))
    if lineno:
        body.append(["栏次", None, *[str(k + 2) for k in range(len(amount_names))]])
    for r in lay.body:
        if r[half]:
            body.append(row(r[half], r[half + 1], list(r[half + 2:])))
            if r[half] in ("本年支出合计", "总计"):
                bold.add(len(body) - 1)
    if lineno:  # 行次 run on without the gaps that only aligned the two sides
        n = 0
        for r in body:
            if r[1] is not None and str(r[1]).isdigit():
                n += 1
                r[1] = str(n)
    kinds = ["label"] + (["lineno"] if lineno else []) + ["amount"] * (ncols - len(lead))
    widths = [30.0] + ([5.0] if lineno else []) + [14.0] * (ncols - len(lead))
    return replace(lay, ncols=ncols, header=header, header_rows=rows, body=body, kinds=kinds, widths=widths,
                   bold_rows=bold, body_spans=[])


# ---------------------------------------------------------------------------------------------
# T09 shapes

_T09_ORDER = ("合计", "因公出国（境）费", "公务用车购置及运行费", "公务用车购置费", "公务用车运行维护费", "公务接待费")
_T09_VERTICAL_LABELS = ("合计", "1、因公出国（境）费", "2、公务用车购置及运行费", "其中：（1）公务用车购置费",
                        "（2）公务用车运行维护费", "3、公务接待费")


def _t09_values(lay: TableLayout) -> dict[tuple[str, str], Value]:
    row = lay.body[0]
    return {(side, item): row[6 * s + k] for s, side in enumerate(("预算数", "决算数"))
            for k, item in enumerate(_T09_ORDER)}


def _t09_vertical(lay: TableLayout) -> TableLayout:
    vals = _t09_values(lay)
    header = [HeaderCell(0, 0, "项目"), HeaderCell(0, 1, "预算数"), HeaderCell(0, 2, "决算数")]
    body: list[list[Value]] = [[label, vals[("预算数", item)], vals[("决算数", item)]]
                               for label, item in zip(_T09_VERTICAL_LABELS, _T09_ORDER)]
    return replace(lay, ncols=3, header=header, header_rows=1, body=body, kinds=["label", "amount", "amount"],
                   widths=[30, 14, 14], bold_rows={0})


def _t09_paired(lay: TableLayout) -> TableLayout:
    vals = _t09_values(lay)
    header = [HeaderCell(0, 0, "财政拨款“三公”经费", 1, 12),
              HeaderCell(1, 0, "合计", 2, 2), HeaderCell(1, 2, "因公出国（境）费", 2, 2),
              HeaderCell(1, 4, "公务用车购置及运行维护费", 1, 6), HeaderCell(1, 10, "公务接待费", 2, 2),
              HeaderCell(2, 4, "小计", 1, 2), HeaderCell(2, 6, "公务用车购置费", 1, 2),
              HeaderCell(2, 8, "公务用车运行维护费", 1, 2)]
    header += [HeaderCell(3, j, ("预算数", "决算数")[j % 2]) for j in range(12)]
    order = ("合计", "因公出国（境）费", "公务用车购置及运行费", "公务用车购置费", "公务用车运行维护费", "公务接待费")
    body: list[list[Value]] = [[vals[(side, item)] for item in order for side in ("预算数", "决算数")]]
    return replace(lay, header=header, header_rows=4, body=body)


# Expenses some provinces print beside the six “三公” items, with made-up figures (not in the model).
T09_OTHER_ITEMS = ("会议费", "培训费")


def _t09_other(lay: TableLayout, shape: str) -> TableLayout:
    """The “三公” table with 会议费 and 培训费 after 公务接待费 (see module: ``t09_other``)."""
    extra = [(Decimal("3.10"), Decimal("2.75")), (Decimal("6.40"), Decimal("5.05"))]  # (预算数, 决算数)
    if shape == "vertical":
        body = [*lay.body] + [[f"{4 + k}、{name}", *extra[k]] for k, name in enumerate(T09_OTHER_ITEMS)]
        return replace(lay, body=body)
    n = len(T09_OTHER_ITEMS)
    if shape == "paired":
        header = [replace(h, colspan=12 + 2 * n) if h.row == 0 else h for h in lay.header]
        header += [HeaderCell(1, 12 + 2 * k, name, 2, 2) for k, name in enumerate(T09_OTHER_ITEMS)]
        header += [HeaderCell(3, 12 + j, ("预算数", "决算数")[j % 2]) for j in range(2 * n)]
        body = [[*lay.body[0], *[v for pair in extra for v in pair]]]
        return replace(lay, ncols=12 + 2 * n, header=header, body=body, kinds=["amount"] * (12 + 2 * n),
                       widths=[10.0] * (12 + 2 * n))
    # horizontal: each half 合计 … 公务接待费, then the others; 栏次 renumbered
    width = 6 + n

    def col(c: int) -> int:
        return c if c < 6 else c + n

    header = []
    for h in lay.header:
        if h.row == 0:
            header.append(replace(h, col=col(h.col), colspan=width))
        elif h.row == 3:
            continue
        else:
            header.append(replace(h, col=col(h.col)))
    for base in (0, width):
        header += [HeaderCell(1, base + 6 + k, name, 2, 1) for k, name in enumerate(T09_OTHER_ITEMS)]
    header += [HeaderCell(3, i, str(i + 1)) for i in range(2 * width)]
    row = lay.body[0]
    body = [[*row[:6], *[e[0] for e in extra], *row[6:12], *[e[1] for e in extra]]]
    return replace(lay, ncols=2 * width, header=header, body=body, kinds=["amount"] * (2 * width),
                   widths=[10.0] * (2 * width))


# Titles as some provinces print them (see module: ``titles``); tables not listed keep theirs.
PROVINCIAL_TITLES = {
    "T01": "收入支出决算表",
    "T02": "收入决算总表",
    "T03": "支出决算总表",
    "T04": "财政拨款收支决算总表",  # 收支 for 收入支出
    "T06": "一般公共预算财政拨款基本支出决算明细表",
    "T05": "一般公共预算财政拨款收入支出决算表",  # printed in the flow form (Yunnan)
    "T07": "政府性基金预算财政拨款支出决算表",
    "T09": "一般公共预算财政拨款“三公”经费支出决算表",
}
T09_OTHER_TITLE = "一般公共预算财政拨款“三公”经费及会议费、培训费支出决算表"


def _title(lay: TableLayout, v: Variant, d: Disclosure) -> str:
    if lay.tid == "T09" and v.t09_other:
        return T09_OTHER_TITLE
    if v.titles == "provincial" and lay.title == TABLES[lay.tid].title:
        return PROVINCIAL_TITLES.get(lay.tid, lay.title)
    if v.titles == "department":
        return f"{d.meta.department}{d.meta.year or ''}年度{lay.title}"
    return lay.title


# ---------------------------------------------------------------------------------------------
# T06 in two column groups


def _t06_two_groups(lay: TableLayout) -> TableLayout:
    """301/303 on the left, 302/307/310/… on the right (the Shanghai template's 公开06表)."""
    groups: list[list[tuple]] = [[], []]
    for g in range(3):  # the second and third national groups form the right-hand group
        groups[min(g, 1)] += [tuple(r[3 * g:3 * g + 3]) for r in lay.body[:-1] if r[3 * g]]
    n = max(len(x) for x in groups)
    body: list[list[Value]] = [[*(groups[0][i] if i < len(groups[0]) else (None,) * 3),
                                *(groups[1][i] if i < len(groups[1]) else (None,) * 3)] for i in range(n)]
    last = lay.body[-1]
    body.append(["人员经费合计", None, last[2], "公用经费合计", None, last[8]])
    header = [HeaderCell(0, 0, "人员经费", 1, 3), HeaderCell(0, 3, "公用经费", 1, 3)]
    header += [HeaderCell(1, 3 * g + k, name) for g in range(2) for k, name in enumerate(("科目编码", "科目名称", "决算数"))]
    spans = [HeaderCell(n, 0, "人员经费合计", 1, 2), HeaderCell(n, 3, "公用经费合计", 1, 2)]
    bold = {i for i, r in enumerate(body) if any(isinstance(x, str) and len(x) == 3 and x.isdigit() for x in r)}
    return replace(lay, ncols=6, header=header, body=body, body_spans=spans, bold_rows=bold | {n},
                   kinds=["code", "label", "amount"] * 2, widths=[8.0, 24.0, 11.0] * 2)


# ---------------------------------------------------------------------------------------------
# Code-keyed tables


def _shanghai_functional(lay: TableLayout, d: Disclosure) -> TableLayout:
    """T07/T08 in the Shanghai template: 年初结转和结余 | 本年收入 | 本年支出 (合计 基本支出 项目支出) |
    年末结转和结余. T08's 年初/收入/年末 are not in the canonical model: the 合计 row takes them from
    T04; code rows print 本年收入 (= their spending) when nothing is carried over, else leave
    them blank."""
    if lay.tid == "T05":  # 合计 row at the bottom, 本年支出 columns headed 合计
        return _total_last(_rename(lay, "小计", "合计"))
    if lay.tid == "T07":
        return _rename(lay, "小计", "合计")
    if lay.tid != "T08":
        return lay
    title = lay.title if lay.title != TABLES["T08"].title else SHANGHAI_T08_TITLE
    return _flow_form(lay, d, title)


# Each fund's 年初 / 本年收入 / 年末 figures in T04, for the 合计 row of its table in the flow form.
_FLOW_FROM_T04 = {
    "T05": {"年初结转和结余": ("年初一般公共预算财政拨款", "金额"), "本年收入": ("一般公共预算财政拨款", "金额"),
            "年末结转和结余": ("年末财政拨款结转和结余", "一般公共预算财政拨款")},
    "T08": {"年初结转和结余": ("年初国有资本经营预算财政拨款", "金额"), "本年收入": ("国有资本经营预算财政拨款", "金额"),
            "年末结转和结余": ("年末财政拨款结转和结余", "国有资本经营预算财政拨款")},
}


def _flow_form(lay: TableLayout, d: Disclosure, title: str) -> TableLayout:
    """T05 or T08 as a 收入支出决算表: 年初结转和结余 | 本年收入 | 本年支出 (合计 基本支出 项目支出) |
    年末结转和结余 (T08 in the Shanghai template, T05 in Yunnan's). The 年初/收入/年末 columns are
    not in the canonical model: the 合计 row takes them from T04; code rows print 本年收入 (= their
    spending) when nothing is carried over, else leave them blank."""
    tid = lay.tid
    t = d.tables.get(tid)
    spent = TABLES[tid].columns  # (合计|小计, 基本支出, 项目支出)
    cols = ("年初结转和结余", "本年收入", *spent, "年末结转和结余")
    header = [HeaderCell(0, 0, "项目", 1, 2), HeaderCell(0, 2, "年初结转和结余", 2, 1), HeaderCell(0, 3, "本年收入", 2, 1),
              HeaderCell(0, 4, "本年支出", 1, 3), HeaderCell(0, 7, "年末结转和结余", 2, 1),
              HeaderCell(1, 0, "功能分类科目编码"), HeaderCell(1, 1, "科目名称"), HeaderCell(1, 4, "合计"),
              HeaderCell(1, 5, "基本支出"), HeaderCell(1, 6, "项目支出"), HeaderCell(2, 0, "栏次", 1, 2)]
    header += [HeaderCell(2, 2 + i, str(i + 1)) for i in range(len(cols))]
    # The 合计 row's 年初/本年收入/年末 are T04's figures for the fund (the same money); code rows
    # have no source for them and stay blank.
    from_t04 = _FLOW_FROM_T04[tid]
    # With nothing carried in or out (年初 = 年末 = 0 on the 合计 row), each row's income is what
    # it spent: code rows print 本年收入 too, as real Shanghai tables do.
    no_carry = not lay.missing and not d.value("T04", *from_t04["年初结转和结余"]) \
        and not d.value("T04", *from_t04["年末结转和结余"])
    body = []
    for r in lay.body:
        key = "合计" if r[0] == "合计" else str(r[0])
        vals = [(t.value(key, c) if t is not None and c in spent else
                 d.value("T04", *from_t04[c]) if key == "合计" and c in from_t04 and not lay.missing else
                 t.value(key, spent[0]) if c == "本年收入" and no_carry and t is not None else None)
                for c in cols]
        body.append([r[0], r[1], *vals])
    return replace(lay, title=title, ncols=8, header=header, body=body, kinds=["code", "label"] + ["amount"] * 6,
                   widths=[10.0, 30.0] + [11.0] * 6)


def _rename(lay: TableLayout, old: str, new: str) -> TableLayout:
    return replace(lay, header=[replace(h, text=new) if h.text == old else h for h in lay.header])


def _total_last(lay: TableLayout) -> TableLayout:
    idx = next((i for i, r in enumerate(lay.body) if r[0] == "合计"), None)
    if idx is None:
        return lay
    n = len(lay.body)
    order = [i for i in range(n) if i != idx] + [idx]
    pos = {old: new for new, old in enumerate(order)}
    return replace(lay, body=[lay.body[i] for i in order], bold_rows={pos[i] for i in lay.bold_rows},
                   body_spans=[replace(s, row=pos[s.row]) for s in lay.body_spans])


def _split_codes(lay: TableLayout) -> TableLayout:
    """功能分类 code column → 类 | 款 | 项 columns."""
    def shift(h: HeaderCell) -> HeaderCell:
        if h.col > 0:
            return replace(h, col=h.col + 2)
        if h.colspan > 1:
            return replace(h, colspan=h.colspan + 2)
        if h.text.endswith("科目编码"):
            return h  # replaced below
        return replace(h, colspan=3)

    header = []
    for h in lay.header:
        if h.col == 0 and h.colspan == 1 and h.text.endswith("科目编码"):
            header += [HeaderCell(h.row, k, t) for k, t in enumerate(("类", "款", "项"))]
        else:
            header.append(shift(h))
    body: list[list[Value]] = []
    for r in lay.body:
        code = str(r[0]) if r[0] is not None else ""
        if code.isdigit():
            parts: list[Value] = [code[:3], code[3:5] or None, code[5:7] or None]
        else:
            parts = [r[0], None, None]
        body.append(parts + list(r[1:]))
    spans = [replace(s, colspan=s.colspan + 2) if s.col == 0 else replace(s, col=s.col + 2) for s in lay.body_spans]
    return replace(lay, ncols=lay.ncols + 2, header=header, body=body, body_spans=spans,
                   kinds=["code", "code", "code"] + lay.kinds[1:], widths=[4, 3, 3] + lay.widths[1:])


# ---------------------------------------------------------------------------------------------
# Every table


def _drift(lay: TableLayout, d: Disclosure) -> TableLayout:
    """公开05表 as a text tool emits it when the table lists codes it prints no amounts for
    (see module: ``drift``)."""
    t03 = d.tables.get("T03")
    listed = {str(r[0]) for r in lay.body}
    extra = sorted(r for r in (t03.rows() if t03 is not None else []) if r.isdigit() and r not in listed)
    if not extra:
        return lay
    body: list[list[Value]] = []
    old_pos: dict[int, int] = {}
    pending = list(extra)
    for i, r in enumerate(lay.body):
        code = str(r[0])
        while code.isdigit() and pending and pending[0] < code:
            c = pending.pop(0)
            body.append([c, t03.row_labels.get(c, "") if t03 is not None else ""] + [None] * (lay.ncols - 2))
        old_pos[i] = len(body)
        body.append(list(r))
    for c in pending:
        body.append([c, t03.row_labels.get(c, "") if t03 is not None else ""] + [None] * (lay.ncols - 2))
    amounts = [r[2:] for r in body if any(v is not None for v in r[2:])]
    body = [r[:2] + list(amounts[k % len(amounts)]) for k, r in enumerate(body)]
    return replace(lay, body=body, bold_rows={old_pos[i] for i in lay.bold_rows},
                   body_spans=[replace(sp, row=old_pos[sp.row]) for sp in lay.body_spans])


def _drift_t06(lay: TableLayout) -> TableLayout:
    """公开06表 as a text tool emits it when the 302 class's amounts run on past a row printing
    nothing: from the last blank row followed by printed rows on, each row carries the next
    row's amount and the class's last row the class figure (the run started over)."""
    g = next((g for g in range(lay.ncols // 3) for r in lay.body if r[3 * g] == "302"), None)
    if g is None:
        return lay
    rows = [i for i, r in enumerate(lay.body) if str(r[3 * g]).startswith("302")]
    vals = [lay.body[i][3 * g + 2] for i in rows]
    start = next((j for j in range(len(vals) - 2, 0, -1) if vals[j] is None and all(v is not None for v in vals[j + 1:])),
                 None)
    if start is None or vals[0] is None:
        return lay
    drifted = vals[:start] + vals[start + 1:] + vals[:1]
    body = [list(r) for r in lay.body]
    for i, v in zip(rows, drifted):
        body[i][3 * g + 2] = v
    return replace(lay, body=body)


def _to_yuan(lay: TableLayout) -> TableLayout:
    body = [[q2(v * YUAN) if isinstance(v, Decimal) else v for v in r] for r in lay.body]
    return replace(lay, body=body, unit="元")


def _numbers(lay: TableLayout, plain: bool, dash: bool) -> TableLayout:
    """Amounts printed as text: without thousands separators, and/or a zero as '-'."""
    def text(v: Value) -> Value:
        if not isinstance(v, Decimal):
            return v
        if dash and v == 0:
            return "-"
        return f"{v:.2f}" if plain else v

    return replace(lay, body=[[text(v) for v in r] for r in lay.body])


def _wrap(lay: TableLayout, width: int) -> TableLayout:
    """Long names printed over lines of ``width`` characters (a newline inside the cell)."""
    body = []
    for r in lay.body:
        out = []
        for j, v in enumerate(r):
            if isinstance(v, str) and lay.kinds[j] == "label" and len(v) > width:
                v = "\n".join(v[k:k + width] for k in range(0, len(v), width))
            out.append(v)
        body.append(out)
    return replace(lay, body=body)


def _bare_zero(lay: TableLayout) -> TableLayout:
    """A fund table's zeros printed as a bare ``0``."""
    return replace(lay, body=[["0" if isinstance(v, Decimal) and v == 0 else v for v in r] for r in lay.body])


def variant_layout(d: Disclosure, tid: str, v: Variant) -> TableLayout:
    lay = table_layout(d, tid)
    # the variants below reshape the body; the slot → model cell keys describe the default grid only
    lay = replace(lay, number=style_number(v.style, tid) if v.style != "national" else lay.number, keys={})
    if tid in ("T01", "T04"):
        if v.stacked:
            lay = _stack(lay, v.lineno)
        elif not v.lineno:
            lay = _drop_lineno(lay)
    if tid == "T09":
        lay = {"vertical": _t09_vertical, "paired": _t09_paired}.get(v.t09, lambda x: x)(lay)
        if v.t09_other and not lay.missing and not lay.declared_empty:
            lay = _t09_other(lay, v.t09)
    if tid == "T06" and v.t06_groups == 2:
        lay = _t06_two_groups(lay)
    if v.style == "shanghai":
        lay = _shanghai_functional(lay, d)
    if v.titles == "provincial" and tid == "T05" and not lay.declared_empty and not v.drift:
        # (the drift family is the standard 公开05表 as pdfplumber emits it: not this form)
        lay = _flow_form(lay, d, PROVINCIAL_TITLES["T05"])
    if v.drift and v.text == "space" and tid == "T05":
        lay = _drift(lay, d)
    if v.drift and v.text == "space" and tid == "T06":
        lay = _drift_t06(lay)
    if v.split_codes and tid in _CODE_TABLES:
        lay = _split_codes(lay)
    if v.unit == "元":
        lay = _to_yuan(lay)
    if v.fund_zero == "0" and tid in ("T07", "T08"):
        lay = _bare_zero(lay)
    if v.numbers == "plain" or v.zero == "-":
        lay = _numbers(lay, v.numbers == "plain", v.zero == "-")
    if v.wrap:
        lay = _wrap(lay, v.wrap)
    return replace(lay, title=_title(lay, v, d), page_rows=v.page_rows, tight_rows=v.tight_rows,
                   meta_line=v.meta == "one line", label=v.label)


# Tables some provinces print besides the nine (Sichuan's 13-table template), after the table
# named: each a grid like that table's, with other figures (made up, not in the model).
OTHER_TABLES = (("T04", "财政拨款支出决算明细表"), ("T06", "一般公共预算财政拨款项目支出决算表"))


def _other_table(lay: TableLayout, title: str) -> TableLayout:
    """A table other than the nine: ``lay``'s grid under ``title``, every amount doubled plus a
    cent (so a figure of it read into one of the nine shows)."""
    def other(x: Value) -> Value:
        return q2(x * 2 + Decimal("0.01")) if isinstance(x, Decimal) and x else x

    return replace(lay, tid="X", title=title, body=[[other(x) for x in r] for r in lay.body], keys={})


def variant_layouts(d: Disclosure, v: Variant) -> list[TableLayout]:
    """The tables in printed order (with the tables other than the nine, when the variant
    prints them), numbered in that order."""
    out: list[TableLayout] = []
    for tid in ORDER[v.style]:
        lay = variant_layout(d, tid, v)
        out.append(lay)
        for after, title in OTHER_TABLES if v.other_tables else ():
            if tid == after and not lay.missing and not lay.declared_empty:
                out.append(_other_table(lay, title))
    if v.other_tables:
        out = [replace(lay, number=f"{i:02d}") for i, lay in enumerate(out, start=1)]
    return out


def apply_variant(doc, d: Disclosure, v: Variant):
    """Swap the document's tables for the variant's grids, in the style's printed order, and
    renumber the 目录 entries of the table part to match (tables other than the nine go in
    after the one they follow, in the 目录 too)."""
    from juesuan.render.narrative import TableBlock, TocEntry

    if v == Variant():
        return doc
    lays = variant_layouts(d, v)
    toc_old = [f"{cn_number(i)}、{table_layout(d, tid).title}" for i, tid in enumerate(TABLE_IDS, start=1)]
    toc_new = [f"{cn_number(i)}、{lay.title}" for i, lay in enumerate(lays, start=1)]
    k_toc = k_tab = 0
    blocks: list = []
    for b in doc.blocks:
        if isinstance(b, TableBlock) and b.layout.tid in TABLE_IDS:  # attachments keep their form
            blocks.append(TableBlock(lays[k_tab]))
            k_tab += 1
            while k_tab < len(lays) and lays[k_tab].tid == "X":  # the other tables after it
                blocks.append(TableBlock(lays[k_tab]))
                k_tab += 1
            continue
        if isinstance(b, TocEntry) and b.level == 2 and b.text in toc_old:
            last = b.text == toc_old[-1]
            new = toc_new[k_toc:] if last else toc_new[k_toc:k_toc + 1]
            blocks += [TocEntry(t, b.level) for t in new] or [b]
            k_toc += len(new)
            continue
        blocks.append(b)
    doc.blocks = blocks
    return doc


# ---------------------------------------------------------------------------------------------
# The variant space (for tests and benchmarks)

AXES: dict[str, tuple] = {
    "style": STYLES,
    "lineno": (True, False),
    "stacked": (False, True),
    "t09": ("horizontal", "vertical", "paired"),
    "t06_groups": (3, 2),
    "split_codes": (False, True),
    "unit": ("万元", "元"),
    "numbers": ("commas", "plain"),
    "zero": ("0.00", "-"),
    "fund_zero": ("0.00", "0"),
    "meta": ("lines", "one line"),
    "wrap": (0, 8),
    "page_rows": (0, 12),
    "tight_rows": (False, True),
    "text": ("tab", "space", "plumber"),
    "titles": ("official", "provincial", "department"),
    "label": ("公开", "表N：", "附表N"),
    "t09_other": (False, True),
    "other_tables": (False, True),
}


def families() -> dict[str, Variant]:
    """One variant per non-default value of each axis (the rest default), plus the two style
    presets: the layout families the benchmark reports on."""
    out = {"default": Variant()}
    for axis, values in AXES.items():
        for val in values[1:]:
            out[f"{axis}={val}"] = replace(Variant(), **{axis: val})
    out["shanghai preset"] = Variant.preset("shanghai")
    out["text=space,wrap=8"] = Variant(text="space", wrap=8)
    out["text=space,t09=paired"] = Variant(text="space", t09="paired")
    out["text=plumber,wrap=8"] = Variant(text="plumber", wrap=8)
    out["pdfplumber Shanghai fund tables (bare 0, wrapped around the code line)"] = replace(
        Variant.preset("shanghai"), lineno=True, fund_zero="0", wrap=8, text="plumber")
    out["pdf dump (space, no 行次, vertical 三公, split codes, wrapped, paged)"] = Variant(
        lineno=False, t09="vertical", split_codes=True, wrap=8, page_rows=12, text="space")
    out["pdf dump with drifted amounts (space, wrapped, T05/T06 amounts run past their empty rows)"] = Variant(
        text="space", wrap=8, drift=True)
    return out


__all__ = ["AXES", "ORDER", "Axes", "STYLES", "Variant", "apply_variant", "detect_style", "detect_variant", "families", "style_number",
           "variant_layout", "variant_layouts"]

