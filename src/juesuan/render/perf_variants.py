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
* ``heading_weights`` — the points of each 一级/二级 heading in its cell: 成本指标（20分）;
* ``initial_budget`` — the funds' 年初预算数 column printed or not;
* ``funds`` — funds rows by source (年度资金总额, 其中：…) or the total row only;
* ``wrap`` — indicator names and targets longer than this many characters wrap in their cell;
* ``page_rows`` — the form broken over pages every N rows, the indicator header printed again;
* ``text`` — txt only: ``line`` prints each cell of the forms on a line of its own.

``PerfVariant()`` is exactly the default form. ``printed(item, v)`` is what a form in ``v``
prints of ``item``: what reading it back must give.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Literal

from juesuan.model import PerformanceIndicator, PerformanceItem


@dataclass(frozen=True)
class PerfVariant:
    columns: Literal["national", "deviation", "split"] = "national"
    completion: Literal["percent", "ratio"] = "percent"
    heading_weights: bool = False
    initial_budget: bool = True
    funds: Literal["sources", "total"] = "sources"
    wrap: int = 0
    page_rows: int = 0
    text: Literal["", "line"] = ""

    def differences(self) -> list[str]:
        base = PerfVariant()
        return [f"{f.name}={getattr(self, f.name)}" for f in fields(self)
                if getattr(self, f.name) != getattr(base, f.name)]

    def name(self) -> str:
        return ",".join(self.differences()) or "default"

    @property
    def prints_deviation_rate(self) -> bool:
        return self.columns == "deviation"

    @property
    def prints_completion(self) -> bool:
        return self.columns == "split"


AXES: dict[str, tuple] = {
    "columns": ("national", "deviation", "split"),
    "completion": ("percent", "ratio"),
    "heading_weights": (False, True),
    "initial_budget": (True, False),
    "funds": ("sources", "total"),
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
            if axis == "completion":  # 完成程度 is printed by the split columns only
                out[f"columns=split,{axis}={val}"] = PerfVariant(columns="split", completion=val)
            else:
                out[f"{axis}={val}"] = replace(PerfVariant(), **{axis: val})
    # 002: 偏差度, funds by source; 001: weights in the heading cells, no 年初预算数;
    # 000 / 003: split columns, 完成程度 as a ratio, names wrapped in narrow cells
    out["deviation form (002)"] = PerfVariant(columns="deviation", funds="sources")
    out["heading weights (001)"] = PerfVariant(heading_weights=True, initial_budget=False, funds="total")
    out["split, wrapped (003)"] = PerfVariant(columns="split", completion="ratio", wrap=6)
    out["split, wrapped, paged"] = PerfVariant(columns="split", wrap=6, page_rows=9, heading_weights=True)
    return out


def printed(item: PerformanceItem, v: PerfVariant) -> PerformanceItem:
    """What a form in ``v`` prints of ``item``: the figures of columns it lacks are None."""
    def ind(i: PerformanceIndicator) -> PerformanceIndicator:
        return i.model_copy(update=dict(
            deviation_rate=i.deviation_rate if v.prints_deviation_rate else None,
            completion=i.completion if v.prints_completion else None,
            level1_weight=i.level1_weight if v.heading_weights else None,
            level2_weight=i.level2_weight if v.heading_weights else None))

    funds = item.funds if v.funds == "sources" else item.funds[:1]
    if not v.initial_budget:
        funds = [f.model_copy(update=dict(initial_budget=None)) for f in funds]
    return item.model_copy(update=dict(
        funds=funds, indicators=[ind(i) for i in item.indicators],
        initial_budget=item.initial_budget if v.initial_budget else None))


__all__ = ["AXES", "PerfVariant", "families", "printed"]
