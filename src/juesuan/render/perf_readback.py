"""Comparing self-evaluation tables read back with the items they were printed from: the one
definition of an exact indicator row and of a silent misreading of a performance form, shared
by the writer's property test (tests/render/test_perf_variants.py) and the benchmark
(benchmarks/bench_perf_layouts.py).

An indicator row is exact when every field a form prints comes back equal (texts compared as
the reader normalises them, ``textnorm.norm``). A row that differs, is lost or is invented is
*flagged* when the reader said so — the row or its table marked uncertain, or a reading warning
naming the table — and *silent* otherwise. Table-level figures (funds, headline figures,
tasks, 总分, texts) are compared the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from juesuan.model import PerformanceIndicator, PerformanceItem
from juesuan.textnorm import norm


def indicator_sig(i: PerformanceIndicator) -> tuple:
    """What an indicator row prints (a qualitative target or completion compares as text, a
    numeric one by its numbers)."""
    return (norm(i.level1), norm(i.level2), norm(i.name), i.comparator, i.target,
            i.unit if i.target is not None else "", norm(i.target_text) if i.target is None else "", i.actual,
            norm(i.actual_text) if i.actual is None else "", i.weight, i.score, norm(i.deviation),
            i.deviation_rate, i.completion, i.level1_weight, i.level2_weight)


SIG_FIELDS = ("一级指标", "二级指标", "三级指标", "运算符号", "年度指标值", "度量单位", "年度指标值(文字)",
              "实际完成值", "实际完成值(文字)", "分值", "得分", "偏差原因分析", "偏差度", "完成程度", "一级指标分值",
              "二级指标分值")


def table_sig(p: PerformanceItem) -> tuple:
    """A table's own figures and texts (its indicators aside)."""
    return (norm(p.name), p.kind, norm(p.department), norm(p.implementer), p.year, p.initial_budget, p.budget,
            p.executed, p.rate, p.rate_score, p.weight, p.total_score, p.grade, norm(p.objective),
            norm(p.achieved),
            tuple((norm(f.source), f.initial_budget, f.budget, f.executed, f.weight, f.rate, f.score)
                  for f in p.funds),
            tuple((norm(t.name), t.budget, t.executed, t.rate, t.weight, t.score) for t in p.tasks))


def signature(p: PerformanceItem) -> tuple:
    return table_sig(p), tuple(indicator_sig(i) for i in p.indicators)


def _diff(want: tuple, got: tuple) -> str:
    return ", ".join(f"{SIG_FIELDS[k]} {a!r}→{b!r}" for k, (a, b) in enumerate(zip(want, got, strict=True)) if a != b)


@dataclass
class Readback:
    rows: int = 0  # indicator rows printed
    exact: int = 0  # … read back exactly
    flagged: list[str] = field(default_factory=list)  # wrong or lost, and the reader said so
    silent: list[str] = field(default_factory=list)  # wrong, lost or invented without a word

    def add(self, other: Readback) -> None:
        self.rows += other.rows
        self.exact += other.exact
        self.flagged += other.flagged
        self.silent += other.silent


def compare(want: list[PerformanceItem], got: list[PerformanceItem], warnings: list[str]) -> Readback:
    """``got`` (the attachments read back, with the document's reading warnings) against
    ``want`` (what the forms print: ``perf_variants.printed``)."""
    out = Readback()
    by_name = {(norm(p.name), p.kind): p for p in got}
    for w in want:
        g = by_name.pop((norm(w.name), w.kind), None)
        warned = g is not None and g.uncertain or any(norm(w.name) in norm(x) for x in warnings)
        sink = out.flagged if warned else out.silent
        out.rows += len(w.indicators)
        if g is None:
            sink.append(f"《{w.name}》 not read")
            continue
        if table_sig(g) != table_sig(w):
            sink.append(f"《{w.name}》 table figures: {_table_diff(w, g)}")
        rows = {norm(i.name): i for i in g.indicators}
        for i in w.indicators:
            r = rows.pop(norm(i.name), None)
            if r is not None and indicator_sig(r) == indicator_sig(i):
                out.exact += 1
            elif r is None:
                sink.append(f"《{w.name}》 {i.name}: lost")
            else:
                (out.flagged if warned or r.uncertain else out.silent).append(
                    f"《{w.name}》 {i.name}: {_diff(indicator_sig(i), indicator_sig(r))}")
        for name, r in rows.items():
            (out.flagged if warned or r.uncertain else out.silent).append(f"《{w.name}》 {name}: invented")
    out.silent += [f"《{p.name}》 invented" for p in by_name.values() if not p.uncertain]
    return out


def _table_diff(w: PerformanceItem, g: PerformanceItem) -> str:
    a, b = table_sig(w), table_sig(g)
    return "; ".join(f"#{k} {x!r}→{y!r}" for k, (x, y) in enumerate(zip(a, b, strict=True)) if x != y)[:400]


__all__ = ["Readback", "compare", "indicator_sig", "signature", "table_sig"]
