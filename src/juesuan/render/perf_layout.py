"""The printed layout of a performance self-evaluation (绩效自评表), from a ``PerformanceItem``.

Two forms, after the Ministry's templates (财预〔2020〕10号) as the seeds print them:

* 项目支出绩效自评表 — 项目名称; 主管部门 / 实施单位; 项目资金（万元）: 年初预算数, 全年预算数,
  全年执行数, 分值, 执行率, 得分 for 年度资金总额 and each source (其中：当年财政拨款, 上年结转资金,
  其他资金); 年度总体目标 (预期目标 | 实际完成情况); 绩效指标 (一级/二级/三级指标, 年度指标值,
  实际完成值, 分值, 得分, 偏差原因分析及改进措施); 总分; 自评等级 when there is one.
* 部门（单位）整体绩效自评表 — the same, with 部门（单位）名称 and, after the funds, the
  年度主要任务 (任务名称, 预算数, 执行数, 执行率, 分值, 得分).

The form is one grid of nine columns with its labels inside the body (``header_rows`` = 0):
the section label in column 0 spans its rows, 一级/二级指标 span the indicators under them.
Money is ``Decimal`` (printed #,##0.00); 分值/得分 print as given (10, 4.53), rates as 82.42%,
a target as comparator + value + unit (≥95%, ≤1400元/人/月) or its text (合规).
Every printed figure's slot is keyed (``TableLayout.keys``) by its finding cell
(``findings.perf_cell``: table ``P:<project>``, row the indicator / fund source / task, column
the perf-csv field), which the HTML report uses to highlight the cells of a finding.
"""

from __future__ import annotations

import re
from decimal import Decimal

from juesuan import lazy
from juesuan.findings import PERF_TABLE
from juesuan.i18n import pct
from juesuan.model import OVERALL_PREFIX, PerformanceFund, PerformanceIndicator, PerformanceItem
from juesuan.money import plain
from juesuan.render.layout import CellKey, HeaderCell, TableLayout, Value
from juesuan.render.perf_variants import PerfVariant

TITLES = {"project": "项目支出绩效自评表", "overall": "部门（单位）整体绩效自评表"}
FUND_COLUMNS = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
TASK_COLUMNS = ("预算数", "执行数", "分值", "执行率", "得分")
LEVEL_COLUMNS = ("一级指标", "二级指标", "三级指标")
ANALYSIS = "偏差原因分析及改进措施"
# the value columns between the 三级指标 and the analysis, per PerfVariant.columns, and widths
VALUE_COLUMNS: dict[str, tuple[tuple[str, float], ...]] = {
    "national": (("年度指标值", 11.0), ("实际完成值", 11.0), ("分值", 8.0), ("得分", 8.0)),
    "deviation": (("年度指标值", 11.0), ("实际完成值", 11.0), ("分值", 7.0), ("得分", 7.0), ("偏差度", 7.0)),
    "split": (("运算符号", 5.0), ("指标值", 8.0), ("度量单位", 7.0), ("全年完成值", 9.0), ("完成程度", 7.0),
              ("分值", 6.0), ("得分", 6.0)),
}
INDICATOR_COLUMNS = (*LEVEL_COLUMNS, *(c for c, _ in VALUE_COLUMNS["national"]), ANALYSIS)
TOTAL_FUNDS = "年度资金总额"
OF_WHICH = "其中："  # printed before the first source row, as the form does
HUNDRED = Decimal(100)


def number(v: Decimal | None) -> str:
    """分值 / 得分 as printed: the value itself (10, 4.53), never padded."""
    return plain(v)


def rate(v: Decimal | None) -> str:
    return "" if v is None else pct(v)


def target_text(ind: PerformanceIndicator) -> str:
    """年度指标值 as printed: comparator, value and unit when numeric, else the text."""
    if ind.target is None:
        return ind.target_text
    return f"{ind.comparator or ''}{plain(ind.target)}{ind.unit}"


def actual_text(ind: PerformanceIndicator) -> str:
    if ind.actual is None:
        return ind.actual_text
    return f"{plain(ind.actual)}{ind.unit}"


def completion_text(v: Decimal | None, ratio: bool) -> str:
    """完成程度 as printed: 100.00% or, as some forms print it, the ratio (1, 0.8753)."""
    if v is None:
        return ""
    return plain((v / HUNDRED).normalize()) if ratio else pct(v)


def heading(text: str, points: Decimal | None, show: bool) -> str:
    """A 一级/二级 heading cell, with the points it carries when the form prints them."""
    return f"{text}（{plain(points)}分）" if show and text and points is not None else text


# what a word processor keeps on one line: a number with its sign and decimals, a Latin word
_UNBREAKABLE = lazy.pattern(r"[0-9A-Za-z.,%≥≤=<>+\-]+|.", re.S)


def wrap(text: str, width: int) -> str:
    """A long name or target printed over lines of about ``width`` characters inside its cell,
    broken as word processors break CJK text: between characters, never inside a number."""
    if not width or len(text) <= width:
        return text
    lines = [""]
    for tok in _UNBREAKABLE.findall(text):
        if lines[-1] and len(lines[-1]) + len(tok) > width:
            lines.append("")
        lines[-1] += tok
    return "\n".join(lines)


class _Grid:
    """Rows of ``ncols`` slots, with merges and the finding-cell key of every printed figure."""

    def __init__(self, project: str, ncols: int):
        self.table = PERF_TABLE + project
        self.ncols = ncols
        self.body: list[list[Value]] = []
        self.spans: list[HeaderCell] = []
        self.keys: dict[tuple[int, int], CellKey] = {}
        self.bold: set[int] = set()

    def row(self, cells: list[tuple[Value, int] | Value], keys: dict[int, tuple[str, str]] | None = None,
            bold: bool = False, widen: tuple[int, ...] = (-1,)) -> int:
        """Append a row of (value, colspan) or bare values laid left to right; a form wider
        than the cells gives its extra columns to the cells ``widen`` (by index; the last one by
        default: amounts get them in the wide forms, so a long figure keeps its room).
        ``keys`` maps a cell (by index) to its (row, column) finding cell."""
        i = len(self.body)
        laid = [c if isinstance(c, tuple) else (c, 1) for c in cells]
        extra = self.ncols - sum(span for _, span in laid)
        assert extra >= 0, cells
        for k in range(extra):
            j = widen[k % len(widen)] % len(laid)
            laid[j] = (laid[j][0], laid[j][1] + 1)
        out: list[Value] = []
        slot: list[int] = []
        for v, span in laid:
            slot.append(len(out))
            if span > 1:
                self.spans.append(HeaderCell(i, len(out), "" if v is None else str(v), 1, span))
            out += [v] + [None] * (span - 1)
        self.body.append(out)
        for j, (r, col) in (keys or {}).items():
            self.keys[(i, slot[j])] = (self.table, r, col)
        if bold:
            self.bold.add(i)
        return i

    def label(self, text: str, first: int) -> None:
        """The section label in column 0, spanning rows ``first`` … the last one."""
        self.body[first][0] = text
        n = len(self.body) - first
        if n > 1:
            self.spans.append(HeaderCell(first, 0, text, n, 1))


def funds_of(item: PerformanceItem) -> list[PerformanceFund]:
    """The funds rows; a table read only for its headline figures gets its 年度资金总额 row
    from them (so the figures a finding names are drawn, and can be highlighted)."""
    if item.funds:
        return item.funds
    head = (item.initial_budget, item.budget, item.executed, item.weight, item.rate, item.rate_score)
    if all(v is None for v in head):
        return []
    return [PerformanceFund(source=TOTAL_FUNDS, initial_budget=item.initial_budget, budget=item.budget,
                            executed=item.executed, weight=item.weight, rate=item.rate, score=item.rate_score)]


def _funds(g: _Grid, item: PerformanceItem, head: str, v: PerfVariant) -> None:
    cols = FUND_COLUMNS if v.initial_budget else FUND_COLUMNS[1:]
    amounts = tuple(range(2, 2 + len(cols) - 3))  # the 万元 columns take a wide form's extra room
    first = g.row([None, "", *cols[:-1], (cols[-1], 2)], bold=True, widen=amounts)
    sources = 0
    rows = funds_of(item) if v.funds == "sources" else funds_of(item)[:1]
    for f in rows:
        total = f.source == TOTAL_FUNDS
        sources += not total
        name = OF_WHICH + f.source if sources == 1 and not total else f.source
        values = [f.initial_budget, f.budget, f.executed, number(f.weight), rate(f.rate), number(f.score)]
        values = values if v.initial_budget else values[1:]
        # a blank, never the form's "—": a dash reads as a printed zero
        g.row([None, name, *values[:-1], (values[-1], 2)],
              {2 + j: ("" if total else f.source, c) for j, c in enumerate(cols)}, widen=amounts)
    g.label(head, first)


def _tasks(g: _Grid, item: PerformanceItem) -> None:
    first = g.row([None, ("任务名称", 2), *TASK_COLUMNS[:4], (TASK_COLUMNS[4], 2)], bold=True, widen=(2, 3))
    for t in item.tasks:
        g.row([None, (t.name, 2), t.budget, t.executed, number(t.weight), rate(t.rate), (number(t.score), 2)],
              {2: (t.name, "预算数"), 3: (t.name, "执行数"), 4: (t.name, "分值"), 5: (t.name, "执行率"),
               6: (t.name, "得分")}, widen=(2, 3))
    g.label("年度主要任务", first)


def _objective(g: _Grid, item: PerformanceItem) -> None:
    half = (g.ncols - 1) // 2
    first = g.row([None, ("预期目标", half), ("实际完成情况", g.ncols - 1 - half)], bold=True)
    g.row([None, (item.objective, half), (item.achieved, g.ncols - 1 - half)])
    g.label("年度总体目标", first)


def _values(ind: PerformanceIndicator, v: PerfVariant) -> list[Value]:
    """The value cells of an indicator row, in the variant's columns."""
    if v.columns == "split":  # comparator, value and unit in cells of their own; 全年完成值 bare
        target = plain(ind.target) if ind.target is not None else wrap(ind.target_text, v.wrap)
        actual = plain(ind.actual) if ind.actual is not None else wrap(ind.actual_text, v.wrap)
        unit = ind.unit if ind.target is not None else ""
        return [ind.comparator or "", target, unit, actual, completion_text(ind.completion, v.completion == "ratio"),
                number(ind.weight), number(ind.score)]
    out: list[Value] = [wrap(target_text(ind), v.wrap), wrap(actual_text(ind), v.wrap), number(ind.weight),
                        number(ind.score)]
    return out + [rate(ind.deviation_rate)] if v.columns == "deviation" else out


def _indicator_header(g: _Grid, v: PerfVariant) -> list[int]:
    """The indicator header: one row, or — split columns under a two-row header — 年度目标值
    over 运算符号 | 指标值 | 度量单位 with the other cells spanning both rows (seed 000's project
    forms). Returns its rows."""
    names = [c for c, _ in VALUE_COLUMNS[v.columns]]
    if not (v.columns == "split" and v.target_header == "two"):
        return [g.row([None, *LEVEL_COLUMNS, *names, ANALYSIS], bold=True)]
    top = g.row([None, *LEVEL_COLUMNS, ("年度目标值", 3), *names[3:], ANALYSIS], bold=True)
    g.row([None, "", "", "", *names[:3], *[""] * (len(names) - 3), ""], bold=True)
    g.spans += [HeaderCell(top, j, str(g.body[top][j]), 2, 1) for j in (1, 2, 3, *range(7, g.ncols))]
    return [top, top + 1]


def _indicators(g: _Grid, item: PerformanceItem, v: PerfVariant) -> list[int]:
    """The indicator section; returns its header rows (printed again after a page break)."""
    names = [c for c, _ in VALUE_COLUMNS[v.columns]]
    head = _indicator_header(g, v)
    first = head[0]
    keyed = {c: 4 + names.index(c) for c in ("分值", "得分") + (("偏差度",) if v.columns == "deviation" else ())}
    if v.columns == "split":
        keyed |= {"年度指标值": 5, "实际完成值": 7}
        keyed |= {"完成程度": 8}
    else:
        keyed |= {"年度指标值": 4, "实际完成值": 5}
    groups: list[tuple[int, int, str]] = []  # (column, first row, text) of 一级/二级指标 runs
    prev: tuple[str, str] | None = None
    for ind in item.indicators:
        i = len(g.body)
        l1 = ind.level1 if prev is None or ind.level1 != prev[0] else ""
        l2 = ind.level2 if l1 or prev is None or ind.level2 != prev[1] else ""
        l1 = heading(l1, ind.level1_weight, v.heading_weights)
        l2 = heading(l2, ind.level2_weight, v.heading_weights)
        if l1:
            groups.append((1, i, l1))
        if l2:
            groups.append((2, i, l2))
        prev = (ind.level1, ind.level2)
        g.row([None, l1, l2, wrap(ind.name, v.wrap), *_values(ind, v), ind.deviation],
              {j: (ind.name, c) for c, j in keyed.items()})
    end = len(g.body)
    for col, start, text in groups:  # a run ends where the next run in its column (or a 一级) starts
        stop = min([s for c, s, _ in groups if s > start and (c == col or c == 1)] + [end])
        if stop - start > 1:
            g.spans.append(HeaderCell(start, col, text, stop - start, 1))
    g.label("绩效指标", first)
    return head


def _headline(g: _Grid, item: PerformanceItem) -> None:
    """The funds as one line, without sources, 年初预算数 or 分值 (seeds 000 / 003); a 整体 form
    prints the department's 年初预算 收入 and 支出 instead (its execution is in the tasks)."""
    if item.kind == "overall":
        for what in ("收入", "支出"):
            g.row([f"部门年初预算{what}金额", item.initial_budget], {1: ("", "年初预算数")}, widen=(1,))
        return
    g.row(["项目预算金额（万元）", item.budget, "全年执行数（万元）", item.executed, "执行率", rate(item.rate)],
          {1: ("", "全年预算数"), 3: ("", "全年执行数"), 5: ("", "执行率")}, widen=(1, 3, 5))


def _subtotals(g: _Grid, item: PerformanceItem) -> None:
    """The closing row of the headline forms: 指标自评得分小计 | 预算执行率得分 | 减分项 | 绩效自评总得分."""
    g.row(["指标自评得分小计", number(item.indicator_score), "预算执行率得分", number(item.rate_score), "减分项",
           number(item.deduction), "绩效自评总得分", number(item.total_score)],
          {3: ("", "得分"), 7: ("", "总分")}, bold=True, widen=(1, 3, 5, 7))
    if item.grade:
        g.row([("自评等级", g.ncols - 3), (item.grade, 3)], bold=True)


def _total(g: _Grid, item: PerformanceItem) -> None:
    weights = [i.weight for i in item.indicators if i.weight is not None]
    weights += [f.weight for f in funds_of(item) if f.source == TOTAL_FUNDS and f.weight is not None]
    pad = g.ncols - 3  # 总分 spans to the 分值 / 得分 pair of the national form's columns
    g.row([("总分", pad), number(sum(weights, Decimal(0))) if weights else "", number(item.total_score), ""],
          {2: ("", "总分")}, bold=True)
    if item.grade:
        g.row([("自评等级", pad), (item.grade, 3)], bold=True)


def perf_layout(item: PerformanceItem, v: PerfVariant | None = None) -> TableLayout:
    """The self-evaluation table of ``item`` in the official layout, or in variant ``v``."""
    v = v or PerfVariant()
    value_cols = VALUE_COLUMNS[v.columns]
    widths = [9.0, 10.0, 10.0, 16.0, *(w for _, w in value_cols), 17.0]
    g = _Grid(item.name, len(widths))
    if item.kind == "overall":
        g.row([("部门（单位）名称", 1), (item.name.removeprefix(OVERALL_PREFIX), 8)])
    else:
        g.row([("项目名称", 1), (item.name, 8)])
        g.row([("主管部门", 1), (item.department, 3), ("实施单位", 1), (item.implementer, 4)])
    if v.funds == "headline":
        _headline(g, item)
    elif funds_of(item):
        _funds(g, item, "年度资金（万元）" if item.kind == "overall" else "项目资金（万元）", v)
    if item.tasks:
        _tasks(g, item)
    if item.objective or item.achieved:
        _objective(g, item)
    repeat: list[int] = []
    if item.indicators:
        repeat = _indicators(g, item, v)
    (_subtotals if v.funds == "headline" else _total)(g, item)
    year = f"（{item.year}年度）" if item.year else ""
    return TableLayout(tid="P", title=TITLES[item.kind], number="", ncols=g.ncols, header=[], header_rows=0,
                       body=g.body, kinds=["label"] * g.ncols, widths=widths, body_spans=g.spans,
                       bold_rows=g.bold, keys=g.keys, preamble=[year] if year else [], span_style="cell",
                       page_rows=v.page_rows, repeat_rows=repeat if v.page_rows else [], text=v.text or None)


def project_name(lay: TableLayout) -> str:
    """The project (or unit) a performance form names: the value of its first row."""
    return str(lay.body[0][1] or "") if lay.body and len(lay.body[0]) > 1 else ""


ATTACHMENTS = "第五部分 附件"  # the part of the document the tables are printed in


def attachment_name(lay: TableLayout) -> str:
    """An attachment as a 目录 lists it: 项目支出绩效自评表（项目名称）."""
    return f"{lay.title}（{project_name(lay)}）"


def perf_layouts(items: list[PerformanceItem], v: PerfVariant | None = None) -> list[TableLayout]:
    """The tables of the self-evaluations a disclosure prints as attachments (not the
    narrative's summaries, which have no table), in variant ``v`` (default: the national form)."""
    return [perf_layout(it, v) for it in items if it.source == "attachment"]


def apply_perf_variant(doc, v: PerfVariant, items: list[PerformanceItem]):
    """Swap the document's self-evaluation tables for the variant's (the nine tables'
    ``variants.apply_variant`` does the same for theirs)."""
    from juesuan.render.narrative import TableBlock

    if v == PerfVariant():
        return doc
    forms = iter(perf_layouts(items, v))
    doc.blocks = [TableBlock(next(forms)) if isinstance(b, TableBlock) and b.layout.tid == "P" else b
                  for b in doc.blocks]
    return doc
