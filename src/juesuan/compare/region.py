"""Departments of a region and year side by side: league tables and distributions, with
outliers marked.

Outliers use the modified z-score of Iglewicz and Hoaglin: z = 0.6745 · (x − median) / MAD,
an outlier when |z| > 3.5. When more than half the values are equal (MAD = 0) the mean
absolute deviation stands in: z = (x − median) / (1.253314 · MeanAD). When that is 0 too,
nothing is an outlier, and with fewer than five values nothing is marked. Median and MAD are robust: one extreme department cannot hide itself
by inflating the spread, as it would with a mean and standard deviation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from juesuan.model import Disclosure
from juesuan.money import q2

THRESHOLD = Decimal("3.5")
MIN_VALUES = 5  # fewer values say too little about spread to call one an outlier
METHOD = "稳健 z 分数：z = 0.6745 ×（x − 中位数）÷ MAD，|z| > 3.5 为异常值（Iglewicz–Hoaglin）；MAD 为 0 时改用 1.2533 × 平均绝对偏差；少于 5 个数不标异常"
_K = Decimal("0.6745")
_MEAN_AD = Decimal("1.253314")
HUNDRED = Decimal(100)


def _cell(table: str, row: str, column: str) -> Callable[[Disclosure], Decimal | None]:
    def get(d: Disclosure) -> Decimal | None:
        t = d.tables.get(table)
        if t is None:
            return None
        v = t.value(row, column)
        if v is None and t.declared_empty:
            return Decimal(0)
        return v

    return get


def _share(part: Callable[[Disclosure], Decimal | None],
           whole: Callable[[Disclosure], Decimal | None]) -> Callable[[Disclosure], Decimal | None]:
    def get(d: Disclosure) -> Decimal | None:
        p, w = part(d), whole(d)
        return None if p is None or not w else q2(p / w * HUNDRED)

    return get


def _claim(subject: str, kind: str, cell: tuple[str, str, str] | None = None) -> Callable[[Disclosure], Decimal | None]:
    """A figure only the narrative states (机关运行经费, 预算完成率): the claim linked to
    ``cell`` when given, else the first claim about ``subject``."""

    def get(d: Disclosure) -> Decimal | None:
        for c in d.claims:
            if c.kind != kind:
                continue
            linked = cell is not None and c.cell is not None and (c.cell.table, c.cell.row, c.cell.column) == cell
            if linked or (c.subject == subject and (cell is None or c.cell is None)):
                return c.value if c.unit in ("", "万元", "%") else (
                    c.value / 10000 if c.unit == "元" else None)
        return None

    return get


@dataclass(frozen=True)
class Metric:
    id: str
    label: str  # Chinese, for tables and charts
    unit: str  # 万元 | %
    get: Callable[[Disclosure], Decimal | None]


_T03_TOTAL = _cell("T03", "合计", "本年支出合计")
METRICS: tuple[Metric, ...] = (
    Metric("sangong", "“三公”经费", "万元", _cell("T09", "决算数", "合计")),
    Metric("sangong_abroad", "因公出国（境）费", "万元", _cell("T09", "决算数", "因公出国（境）费")),
    Metric("sangong_vehicles", "公务用车购置及运行费", "万元", _cell("T09", "决算数", "公务用车购置及运行费")),
    Metric("sangong_vehicle_purchase", "公务用车购置费", "万元", _cell("T09", "决算数", "公务用车购置费")),
    Metric("sangong_vehicle_running", "公务用车运行维护费", "万元", _cell("T09", "决算数", "公务用车运行维护费")),
    Metric("sangong_reception", "公务接待费", "万元", _cell("T09", "决算数", "公务接待费")),
    Metric("sangong_completion", "“三公”经费决算占预算比例", "%",
           _share(_cell("T09", "决算数", "合计"), _cell("T09", "预算数", "合计"))),
    Metric("operating", "机关运行经费", "万元", _claim("机关运行经费", "amount")),
    Metric("spending", "本年支出合计", "万元", _cell("T01", "本年支出合计", "金额")),
    Metric("basic_share", "基本支出占比", "%", _share(_cell("T03", "合计", "基本支出"), _T03_TOTAL)),
    Metric("project_share", "项目支出占比", "%", _share(_cell("T03", "合计", "项目支出"), _T03_TOTAL)),
    Metric("completion", "一般公共预算财政拨款支出预算完成率", "%",
           _claim("一般公共预算财政拨款支出", "completion", ("T05", "合计", "小计"))),
)
METRIC_BY_ID = {m.id: m for m in METRICS}
# counted by the store, not read from the model
FINDINGS_METRICS = (("findings_error", "错误问题数"), ("findings_warning", "提示问题数"))


def median(values: Sequence[Decimal]) -> Decimal:
    s = sorted(values)
    n = len(s)
    mid = n // 2
    return s[mid] if n % 2 else (s[mid - 1] + s[mid]) / 2


def quantile(values: Sequence[Decimal], q: Decimal) -> Decimal:
    """Linear interpolation between order statistics (the common 'type 7' definition)."""
    s = sorted(values)
    pos = (len(s) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


def robust_z(values: Sequence[Decimal]) -> list[Decimal | None]:
    """Modified z-score of each value (see the module docstring); None when undefined."""
    if len(values) < 3:
        return [None] * len(values)
    med = median(values)
    mad = median([abs(v - med) for v in values])
    if mad:
        return [q2(_K * (v - med) / mad) for v in values]
    mean_ad = sum((abs(v - med) for v in values), Decimal(0)) / len(values)
    if mean_ad:
        return [q2((v - med) / (_MEAN_AD * mean_ad)) for v in values]
    return [None] * len(values)


@dataclass
class Entry:
    key: int  # the caller's id (a document id)
    name: str  # department
    value: Decimal
    rank: int = 0
    z: Decimal | None = None
    outlier: bool = False


@dataclass
class League:
    metric: str
    label: str
    unit: str
    entries: list[Entry]  # largest first
    missing: list[str]  # departments whose document does not state the figure
    count: int
    minimum: Decimal | None
    q1: Decimal | None
    median: Decimal | None
    q3: Decimal | None
    maximum: Decimal | None


def league(metric: str, label: str, unit: str, items: Sequence[tuple[int, str, Decimal | None]]) -> League:
    """Rank ``(key, name, value)`` items, largest first, and mark outliers."""
    present = [(k, n, v) for k, n, v in items if v is not None]
    missing = [n for _k, n, v in items if v is None]
    values = [v for _k, _n, v in present]
    zs = robust_z(values)
    enough = len(values) >= MIN_VALUES
    entries = [Entry(k, n, v, z=z, outlier=enough and z is not None and abs(z) > THRESHOLD)
               for (k, n, v), z in zip(present, zs)]
    entries.sort(key=lambda e: (-e.value, e.name))
    for i, e in enumerate(entries, start=1):
        e.rank = i
    stats: list[Decimal | None] = [None] * 5
    if values:
        stats = [min(values), q2(quantile(values, Decimal("0.25"))), q2(median(values)),
                 q2(quantile(values, Decimal("0.75"))), max(values)]
    return League(metric, label, unit, entries, missing, len(values), *stats)


def region_leagues(docs: Sequence[tuple[int, str, Disclosure]],
                   findings: dict[int, dict[str, int]] | None = None) -> list[League]:
    """Every metric's league table over ``(key, department name, model)``; ``findings`` adds
    the findings-per-document tables (key → {"error": n, "warning": n})."""
    out = [league(m.id, m.label, m.unit, [(k, n, m.get(d)) for k, n, d in docs]) for m in METRICS]
    if findings is not None:
        for (mid, label), sev in zip(FINDINGS_METRICS, ("error", "warning")):
            items = [(k, n, Decimal(findings.get(k, {}).get(sev, 0))) for k, n, _d in docs]
            out.append(league(mid, label, "个", items))
    return out
