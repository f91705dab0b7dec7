"""Layout variants of the performance self-evaluation forms (绩效自评表): the same
``PerformanceItem`` printed the ways real disclosures print it.

The mechanism is the nine tables' (``render/variants.py``): a frozen dataclass picks one value
on each axis, ``AXES`` lists the values, ``families()`` gives one variant per non-default value
(the families the benchmark reports on), the name of a variant is its differences from the
default. ``render_bytes(…, perf=PerfVariant(…))`` draws the attachments in the variant, in every
format; the text axes (tab / space separated, one cell a line) are the document's
(``Variant.text``) — ``text=line`` is the performance forms' own: every cell on a line of its
own, row after row. Axes:

* ``columns`` — the indicator columns: ``national`` (财预〔2020〕10号: 年度指标值 | 实际完成值 |
  分值 | 得分 | 偏差原因分析及改进措施), ``deviation`` (the same with 偏差度 between 得分 and the
  analysis), ``split`` (运算符号 | 指标值 | 度量单位 | 全年完成值 | 完成程度 | 分值 | 得分 | …);
* ``completion`` — 完成程度 printed as a percentage (100%) or a ratio (1, 0.13);
* ``target_header`` — the split columns under one header row, or under two: 年度目标值 over
  运算符号 | 指标值 | 度量单位 (seed 000's project forms);
* ``heading_weights`` — the points of each 一级/二级 heading in its cell: 成本指标（20分）;
* ``initial_budget`` — the funds' 年初预算数 column printed or not;
* ``funds`` — funds rows by source (年度资金总额, 其中：…), the total row only, or ``headline``: one
  line 项目预算金额 | 全年执行数 | 执行率 and, instead of 总分, the closing row 指标自评得分小计 |
  预算执行率得分 | 减分项 | 绩效自评总得分 (seeds 000 / 003: no 年初预算数, no 分值 of the rate; a
  整体 form: 部门年初预算收入金额 / 支出金额, its execution in the tasks);
* ``wrap`` — indicator names and targets longer than this many characters wrap in their cell;
* ``page_rows`` — the form broken over pages every N rows, the indicator header printed again;
* ``text`` — txt only: ``line`` prints each cell of the forms on a line of its own.

``PerfVariant()`` is exactly the default form. ``printed(item, v)`` is what a form in ``v``
prints of ``item``: what reading it back must give.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from juesuan.model import PerformanceIndicator, PerformanceItem
from juesuan.render.variants import Axes


@dataclass(frozen=True)
class PerfVariant(Axes):
    columns: Literal["national", "deviation", "split"] = "national"
    completion: Literal["percent", "ratio"] = "percent"
    target_header: Literal["one", "two"] = "one"
    heading_weights: bool = False
    initial_budget: bool = True
    funds: Literal["sources", "total", "headline"] = "sources"
    wrap: int = 0
    page_rows: int = 0
    text: Literal["", "line"] = ""

    @property
    def prints_deviation_rate(self) -> bool:
        return self.columns == "deviation"

    @property
    def prints_completion(self) -> bool:
        return self.columns == "split"


AXES: dict[str, tuple] = {
    "columns": ("national", "deviation", "split"),
    "completion": ("percent", "ratio"),
    "target_header": ("one", "two"),
    "heading_weights": (False, True),
    "initial_budget": (True, False),
    "funds": ("sources", "total", "headline"),
    "wrap": (0, 6),
    "page_rows": (0, 9),
    "text": ("", "line"),
}


def families() -> dict[str, PerfVariant]:
    """One variant per non-default value of each axis, plus the forms of the seeds' families:
    the layout families the benchmark reports on."""
    out = {"default": PerfVariant()}
    for axis, values in AXES.items():
        for val in values[1:]:
            if axis in ("completion", "target_header"):  # axes of the split columns only
                out[f"columns=split,{axis}={val}"] = PerfVariant(columns="split", completion=val)
            else:
                out[f"{axis}={val}"] = replace(PerfVariant(), **{axis: val})
    # 002: 偏差度, funds by source; 001: weights in the heading cells, no 年初预算数;
    # 000 / 003: split columns, 完成程度 as a ratio, names wrapped in narrow cells
    out["deviation form (002)"] = PerfVariant(columns="deviation", funds="sources")
    out["heading weights (001)"] = PerfVariant(heading_weights=True, initial_budget=False, funds="total")
    out["split, wrapped (003)"] = PerfVariant(columns="split", completion="ratio", wrap=6)
    out["split, two-row header, headline (000)"] = PerfVariant(columns="split", target_header="two",
                                                                 funds="headline")
    out["split, wrapped, paged"] = PerfVariant(columns="split", wrap=6, page_rows=9, heading_weights=True)
    return out


def detect(item: PerformanceItem) -> PerfVariant:
    """The form to draw a table read from a document in, as far as its model tells: the split
    columns when it printed 完成程度, the 偏差度 column when it printed that, the heading points
    when its headings carried them, the headline funds line when it printed subtotals and no
    funds rows (the report draws the table as the document printed it, so the cells of a finding
    about a 偏差度 or a heading's points exist to be highlighted)."""
    rows = item.indicators
    columns = ("split" if any(i.completion is not None for i in rows) else
               "deviation" if any(i.deviation_rate is not None for i in rows) else "national")
    headline = not item.funds and item.indicator_score is not None
    return PerfVariant(columns=columns,  # type: ignore[arg-type]
                       heading_weights=any(i.level1_weight is not None or i.level2_weight is not None for i in rows),
                       funds="headline" if headline else "sources")


def printed(item: PerformanceItem, v: PerfVariant) -> PerformanceItem:
    """What a form in ``v`` prints of ``item``: the figures of columns it lacks are None."""
    def ind(i: PerformanceIndicator) -> PerformanceIndicator:
        return i.model_copy(update=dict(
            deviation_rate=i.deviation_rate if v.prints_deviation_rate else None,
            completion=i.completion if v.prints_completion else None,
            level1_weight=i.level1_weight if v.heading_weights else None,
            level2_weight=i.level2_weight if v.heading_weights else None))

    head: dict = {}
    if v.funds == "headline":  # one line of budget, executed and rate; the closing subtotals (the
        funds: list = []  # rate's 分值 is not printed: the form's 10-point rule, which the reader applies)
        head = dict(initial_budget=None) if item.kind == "project" else dict(budget=None, executed=None, rate=None)
    else:
        funds = item.funds if v.funds == "sources" else item.funds[:1]
        head = dict(indicator_score=None, deduction=None)
        if not v.initial_budget:
            funds = [f.model_copy(update=dict(initial_budget=None)) for f in funds]
            head["initial_budget"] = None
    return item.model_copy(update=dict(funds=funds, indicators=[ind(i) for i in item.indicators], **head))


__all__ = ["AXES", "PerfVariant", "detect", "families", "printed"]
