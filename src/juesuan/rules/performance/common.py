"""What the performance rules share: printed-rounding tolerances, where an item or an indicator
was printed, how a finding about one is worded, and the domain knowledge of scoring — grade
bands, comparators, reverse (cost) indicators, quantities with their units.

Tolerances come only from :func:`juesuan.money.tolerance`, with the printed unit of each term
(half a unit in its last printed digit: 0.05 for 13.2, 0.5 for 66%).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from juesuan import lazy
from juesuan.comparators import PREFIX, SUFFIX_RE, normal
from juesuan.findings import Finding, FindingCell, perf_cell
from juesuan.memo import memo
from juesuan.model import PerformanceIndicator, PerformanceItem, PerformanceTask
from juesuan.money import ZERO, tolerance
from juesuan.rules.base import USUAL_HALF_UNITS, half_unit
from juesuan.rules.memo import memoized

HUNDRED = Decimal(100)

# 自评等级 by total score (财政部《项目支出绩效评价管理办法》财预〔2020〕10号: 90（含）以上为优，
# 80（含）—90 为良，60（含）—80 为中，60 以下为差).
GRADE_BANDS: tuple[tuple[Decimal, str], ...] = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"),
                                                (ZERO, "差"))
GRADE_WORDS = {"优": "优", "优秀": "优", "良": "良", "良好": "良", "中": "中", "合格": "中", "一般": "中",
               "差": "差", "不合格": "差"}


# below 良 (80 分), or a fifth of the budget unspent: where "no problems" and full marks need a reason
LOW = Decimal(80)


def grade_of(score: Decimal) -> str:
    return next(g for floor, g in GRADE_BANDS if score >= floor)


def grade_floor(grade: str) -> Decimal:
    return next(floor for floor, g in GRADE_BANDS if g == grade)


def t(v: Decimal | None) -> Decimal:
    """Printed-rounding tolerance of one printed figure (its own printed unit)."""
    if v is None:
        return ZERO
    # a dozen rules ask it of every figure, and it depends on the figure's exponent only: the
    # usual exponents are matched without building v.as_tuple() (nor calling half_unit)
    for quantum, tol in _T_USUAL:
        if v.same_quantum(quantum):
            return tol
    return tolerance(1, half_unit(v))


# the usual quanta in the order this module meets them: the performance rules ask mostly of
# weights, scores and counts, printed whole (10, 95) more often than to the cent (2 in 3 asks on
# the seeds), so a whole number is answered by the first comparison
_USUAL_HERE = sorted(USUAL_HALF_UNITS, key=lambda usual: usual[0] != 1)
_T_USUAL = tuple((q, tolerance(1, half)) for q, half in _USUAL_HERE)


def where(p: PerformanceItem) -> str:
    if p.source == "narrative":
        return "情况说明"
    return "附件部门整体绩效自评表" if kind_of(p) == "overall" else "附件项目绩效自评表"


def at(p: PerformanceItem) -> str:
    if p.page:
        return f"（第 {p.page} 页）"
    return f"（第 {p.line} 行）" if p.line else ""


# The columns a finding cites, by where the figure sits: the table's headline (its 年度资金总额
# row and 总分, row ""), a task of a 整体 table (row: the task), an indicator (row: the 三级指标).
# Column names are the perf-csv fields the HTML report keys its drawn cells by.
_HEADLINE = {"年初预算数": "initial_budget", "全年预算数": "budget", "全年执行数": "executed", "执行率": "rate",
             "分值": "weight", "得分": "rate_score", "总分": "total_score"}
_TASK = {"预算数": "budget", "执行数": "executed", "执行率": "rate", "分值": "weight", "得分": "score"}
_INDICATOR = {"年度指标值": "target", "实际完成值": "actual", "分值": "weight", "得分": "score",
              "偏差度": "deviation_rate", "完成程度": "completion"}


def figure(p: PerformanceItem, column: str, of: PerformanceIndicator | PerformanceTask | None = None) -> FindingCell | None:
    """The finding cell of one printed figure of an attachment table: a headline figure
    (``of`` None), or a figure of a task or an indicator row. None for the narrative's own
    figures (they have no table cell; the finding's location points at them)."""
    if p.source != "attachment":
        return None
    if of is None:
        return perf_cell(p.name, column, getattr(p, _HEADLINE[column]))
    fields = _TASK if isinstance(of, PerformanceTask) else _INDICATOR
    return perf_cell(p.name, column, getattr(of, fields[column]), row=of.name)


def item_finding(rule, p: PerformanceItem, message: str, *, columns: Iterable[str] = (),
                 figures: Iterable[FindingCell | None] = (), **kw):
    """A finding about one item: named by its table and project, placed where it was printed,
    carrying the cells of the figures it cites (``columns``: headline figures; ``figures``: any
    other). A figure repaired or guessed while reading makes the finding's basis uncertain."""
    kw["uncertain"] = kw.get("uncertain", False) or p.uncertain
    if p.note:
        message = f"{message}（读取时修复：{p.note}）"
    kw.setdefault("page", p.page)
    kw.setdefault("line", p.line)
    f = rule.finding(f"{where(p)}“{p.name}”：{message}", **kw)
    return with_cells(f, [figure(p, c) for c in columns] + list(figures))


def with_cells(f: Finding, cells: Iterable[FindingCell | None]) -> Finding:
    seen = set(f.cell_keys)
    for c in cells:
        if c is not None and c.key not in seen:
            seen.add(c.key)
            f.cells.append(c)
    return f


def indicator_finding(rule, p: PerformanceItem, ind: PerformanceIndicator, message: str, *,
                      columns: Iterable[str] = ("分值", "得分"), **kw):
    """A finding about one indicator row, citing its cells ``columns`` (perf-csv fields)."""
    kw["uncertain"] = kw.get("uncertain", False) or ind.uncertain
    kw["page"] = ind.page if ind.page is not None else p.page
    kw["line"] = ind.line if ind.line is not None else p.line
    figures = [figure(p, c, ind) for c in columns] + list(kw.pop("figures", ()))
    return item_finding(rule, p, f"三级指标“{ind.name}”{message}", figures=figures, **kw)


def one_practice(findings: list[Finding], lead: str) -> list[Finding]:
    """Findings of one rule in one table that share a cause (one scoring or target-setting
    practice applied row after row) as one finding: the first, led by ``lead``, with the others
    nested as its consequences."""
    if len(findings) < 2:
        return findings
    root, rest = findings[0], findings[1:]
    root.message = f"{lead}{root.message}（其余 {len(rest)} 个见其下）"
    root.consequences = list(root.consequences) + rest
    return [root]


_OVERALL_NAME = lazy.pattern(r"^(?:部门|单位)整体|^(?:部门|单位)[（(]单位[)）]整体|^整体(?:支出|绩效)")


def kind_of(p: PerformanceItem) -> str:
    """'overall' for a 部门（单位）整体 table — also when a reader left ``kind`` at its default but
    named it so ('部门整体:区人社局') — else the item's kind."""
    return "overall" if p.kind == "overall" or _OVERALL_NAME.search(p.name or "") else p.kind


def attachments(items: Iterable[PerformanceItem], kind: str | None = None) -> list[PerformanceItem]:
    return [p for p in items if p.source == "attachment" and (kind is None or kind_of(p) == kind)]


# ---------------------------------------------------------------------------------------
# 执行率: printed as a percentage (42.53%) or, in some layouts, as a fraction (0.95, 1).


def rate_as_percent(rate: Decimal, computed: Decimal | None) -> tuple[Decimal, Decimal]:
    """The printed 执行率 as a percentage and its tolerance in percentage points. A rate of at
    most 1 printed as a fraction (0.95 for 95%) is read as such when the figures say so."""
    tol = t(rate)
    if rate <= 1 and computed is not None and computed > 1 and abs(rate * HUNDRED - computed) <= tol * HUNDRED:
        return rate * HUNDRED, tol * HUNDRED
    return rate, tol


def cent_t(v: Decimal | None) -> Decimal:
    """Printed-rounding tolerance of an amount in 万元, a weight or a score that enters a sum:
    they are kept to the cent and printed without trailing zeros (81 for 81.00, 12.5 for
    12.50), so a coarse print is not a coarse value."""
    if v is None:
        return ZERO
    # asked of every weight and score of every sum (over a thousand figures an audit): a figure
    # printed to the cent or coarser — the usual quanta, tested in tests/speed — has a
    # tolerance of at least a cent's, so the answer is the cent's without asking t()
    for quantum in _CENT_OR_COARSER:
        if v.same_quantum(quantum):
            return _CENT_T
    tol = t(v)
    return tol if tol < _CENT_T else _CENT_T  # min(_CENT_T, tol), without the builtin's call


_CENT_T = tolerance(1)
_CENT_OR_COARSER = tuple(q for q, _ in _USUAL_HERE)


def cent_t_sum(values: Iterable[Decimal | None]) -> Decimal:
    """Σ cent_t(v) over ``values``, added from zero as sum() adds them: the tolerance of a sum
    of printed amounts, weights or scores. Several rules ask it of every table's rows (thousands
    of figures an audit), and nearly every figure is printed to the cent or coarser, with the
    cent's tolerance: those are counted, not added one by one. (Decimal adds these tolerances
    exactly, and an exact sum or product carries the smallest exponent of its terms: k × the
    cent's tolerance is the very Decimal k additions of it give, and the order of exact
    additions does not matter; tests/speed checks the text of the result too.)"""
    coarse = 0
    finer = ZERO
    whole, cent, tenth = _CENT_OR_COARSER  # (unrolled: the loop of cent_t, without its call)
    for v in values:
        if v is None:
            continue  # (cent_t(None) is ZERO: adds nothing)
        if v.same_quantum(whole) or v.same_quantum(cent) or v.same_quantum(tenth):
            coarse += 1
        else:
            finer += cent_t(v)
    return finer if not coarse else _CENT_T * coarse + finer


def ratio_tolerance(num: Decimal, den: Decimal) -> Decimal:
    """Tolerance, in percentage points, of amount ÷ amount × 100 from the printed rounding of both."""
    return HUNDRED * (cent_t(num) / den + num * cent_t(den) / den ** 2)


# ---------------------------------------------------------------------------------------
# Indicators: comparators, direction, quantities with units.

# comparator words (≥ >= 大于等于 不低于 …) come from the one table the reader uses too
_QTY = lazy.pattern(rf"^\s*(?P<cmp>{PREFIX})?\s*(?P<num>-?\d+(?:\.\d+)?)\s*(?P<unit>[^\d\s-][^\d]*)?$")
_MAGNITUDE = {"万": Decimal(10000), "亿": Decimal(100000000), "千": Decimal(1000), "百": Decimal(100)}


@memo(1 << 10)  # pure, asked of every row's unit, and a form prints a few units over and over
def norm_unit(unit: str) -> str:
    if not unit:
        return ""
    return _SPACES.sub("", unit).replace("％", "%").replace("／", "/")


_SPACES = lazy.pattern(r"\s+")
_DIGIT = lazy.pattern(r"\d")


def has_digit(text: str) -> bool:
    """Whether ``text`` holds a digit (what any pattern of a number needs)."""
    return _DIGIT.search(text) is not None


# a number broken by OCR around its point ('99. 16'): joined again
BROKEN_POINT = lazy.pattern(r"(\d)\s*\.\s*(\d)")


def join_broken_points(text: str) -> str:
    """``text`` with every number broken around its point joined again ('99. 16' → '99.16').
    (Without whitespace nothing is broken, and a number rejoined is itself: the substitution,
    whose template costs a call into the re module's Python for every text, is not asked.)"""
    return BROKEN_POINT.sub(r"\1.\2", text) if "." in text and _SPACES.search(text) else text


@memo(1 << 14)  # pure, and asked of the same few texts by many rules
def quantity(text: str) -> tuple[str | None, Decimal, str] | None:
    """'≥200人' → ('≥', 200, '人'); '1.1万人' → (None, 1.1, '万人'); '99. 16%' → (None, 99.16, '%');
    '90%以上' → ('≥', 90, '%'). None for text that is not one number with an optional comparator
    and unit (ranges, words)."""
    if text is None or _DIGIT.search(text) is None:
        # (most of what the rules ask are names of indicators, which seldom hold a number: the
        # number the pattern needs cannot be there, and the text is not taken apart)
        return None
    s = join_broken_points(text.strip())
    s = s.replace(",", "").replace("，", "")
    # (every word SUFFIX_RE knows holds 以: a text without one is not searched for it)
    suffix = SUFFIX_RE.search(s) if "以" in s else None
    if suffix:
        s = s[: suffix.start()]
    m = _QTY.match(s)
    if not m:
        return None
    cmp, number, printed_unit = m.groups()  # (the groups cmp, num and unit, in this order)
    if suffix and not cmp:
        return quantity(f"{normal(suffix.group(1))}{s}")
    try:
        value = Decimal(number)
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        return None
    unit = norm_unit(printed_unit or "")
    if not _RANGE_MARKS.isdisjoint(unit):
        return None  # a range: 300-400人
    return (normal(cmp) if cmp else None, value, unit)


# what joins a range's two ends (300-400人): a unit holding one is a range's other end
_RANGE_MARKS = frozenset("-—~～至")


# a unit of measure: counts, money, time, people, rates — not a date or a phrase ('月底前')
_NOT_MEASURE = lazy.pattern(r"底|前|内|号$")
_MEASURE = lazy.pattern(r"^[%‰万亿千百十元角人次户家个件场篇份套台辆天日月年周时小分钟秒起笔条项所座批期班名位亩吨米平方公里倍组张册本期号/·]+$")


@memo(256)  # pure; asked of both units of every numeric row, and a form prints a few units
def is_measure(unit: str) -> bool:
    return bool(unit) and bool(_MEASURE.match(unit)) and not _NOT_MEASURE.search(unit)


def magnitude(unit: str) -> tuple[Decimal, str]:
    """'万人' → (10000, '人'); '元/人/天' → (1, '元/人/天')."""
    if len(unit) > 1 and unit[0] in _MAGNITUDE:
        return _MAGNITUDE[unit[0]], unit[1:]
    return Decimal(1), unit


class Measured:
    """An indicator's target and actual as numbers in one unit, when both are printed as
    numbers. ``units`` are the two printed units (target, actual); ``same_unit`` says whether
    they could be compared at all. The indicator rules measure each row read as a row once per
    audit, with its table (``indicators._measured``)."""

    def __init__(self, ind: PerformanceIndicator):
        unit = norm_unit(ind.unit)
        tq = quantity(ind.target_text) if ind.target_text else None
        aq = quantity(ind.actual_text) if ind.actual_text else None
        self.comparator = ind.comparator or (tq[0] if tq else None)
        self.target = ind.target if ind.target is not None else (tq[1] if tq else None)
        self.actual = ind.actual if ind.actual is not None else (aq[1] if aq else None)
        self.target_unit = (tq[2] if tq and tq[2] else unit)
        self.actual_unit = (aq[2] if aq and aq[2] else unit)
        # a printed '≥95%' in the actual column is not a measured value
        self.actual_bounded = bool(aq and aq[0])
        self.reverse = ind.reverse or self.comparator in ("≤", "<") or (
            self.comparator is None and "成本" in ind.level1)
        self.target_printed = tq[1] if tq else self.target
        self.actual_printed = aq[1] if aq else self.actual
        self.converted = False
        if self.target is not None and self.actual is not None and self.target_unit != self.actual_unit:
            mt, bt = magnitude(self.target_unit)
            ma, ba = magnitude(self.actual_unit)
            if bt == ba and self.target_unit and self.actual_unit:
                self.target, self.actual, self.converted = self.target * mt, self.actual * ma, True
        # (fixed once measured, and asked of every row by several rules: attributes, not properties)
        self.numeric = self.target is not None and self.actual is not None and not self.actual_bounded
        self.comparable = self.numeric and (self.target_unit == self.actual_unit or self.converted
                                            or not self.target_unit or not self.actual_unit)

    def met(self) -> bool:
        """Whether the actual value meets the target, respecting the comparator and, without
        one, the indicator's direction (a cost indicator is met at or below its target). Both
        are compared as printed: a target and its completion are two printed values, not a sum,
        and 2 个 against ≥3 个 is not met whatever the rounding. '=' is met when the actual is
        at least as good as the target in the indicator's direction."""
        assert self.target is not None and self.actual is not None
        diff = self.actual - self.target
        cmp = self.comparator or ("≤" if self.reverse else "≥")
        if cmp == "=":
            cmp = "≤" if self.reverse else "≥"
        # (asked of every row by several rules: the one comparison, not a table of all four)
        if cmp == "≥":
            return diff >= 0
        if cmp == "≤":
            return diff <= 0
        if cmp == ">":
            return diff > 0
        if cmp == "<":
            return diff < 0
        raise KeyError(cmp)


class Run:
    """A run of consecutive indicator rows under one 一级 (or 二级) heading and the points the
    heading prints in its own cell ("成本指标 (20分)")."""

    def __init__(self, level: str, heading: str, points: Decimal | None):
        self.level, self.heading, self.points = level, heading, points
        self.rows: list[PerformanceIndicator] = []


def runs(p: PerformanceItem, level: str = "一级") -> list[Run]:
    """The heading runs of a table at one level, in printed order (a 二级 run ends where its
    一级 heading changes too). Once per audit (rules.memo): ``row_weight`` asks for every row."""
    return memoized(("runs", level), p, lambda p: _runs(p, level))


def _runs(p: PerformanceItem, level: str) -> list[Run]:
    out: list[Run] = []
    key = None
    for ind in p.indicators:
        if level == "一级":
            k: tuple = (ind.level1, ind.level1_weight)
            heading, points = ind.level1, ind.level1_weight
        else:
            k = (ind.level1, ind.level2, ind.level2_weight)
            heading, points = ind.level2, ind.level2_weight
        if k != key:
            out.append(Run(level, heading, points))
            key = k
        out[-1].rows.append(ind)
    return out


def row_weight(p: PerformanceItem, ind: PerformanceIndicator) -> Decimal | None:
    """The 分值 of a row: as printed, or — for a form that prints points only in the heading
    cell — the heading's points when the row is the only one under it."""
    if ind.weight is not None:
        return ind.weight
    for level in ("二级", "一级"):
        for r in runs(p, level):
            if r.points is not None and len(r.rows) == 1 and r.rows[0] is ind:
                return r.points
    return None


GROUP_WEIGHT = lazy.pattern(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")


def suspicious_scores(p: PerformanceItem) -> bool:
    """True when the indicator scores as read cannot all be right: a 一级指标 whose printed
    weight '(10 分)' is exceeded by the scores read under it — typically a merged score cell
    read once per row. Sums over such scores are marked extraction_uncertain."""
    groups: dict[str, Decimal] = {}
    for ind in p.indicators:
        if ind.score is not None:
            groups[ind.level1] = groups.get(ind.level1, ZERO) + ind.score
    for level1, total in groups.items():
        m = GROUP_WEIGHT.search(level1 or "")
        if m and total > Decimal(m.group(1)) + tolerance(1):
            return True
    return any(ind.weight is not None and ind.score is not None and ind.score > ind.weight + t(ind.score)
               for ind in p.indicators)


def row_misread(ind: PerformanceIndicator) -> bool:
    """True when an indicator row was evidently read with its columns shifted: a 分值 or 得分
    printed as a percentage (the 偏差度 column), or a 三级指标 that is itself a quantity ('≥2000人',
    the 年度指标值 column). Such a row says nothing about the document."""
    for field in ("分值", "得分"):
        pr = ind.printed.get(field)
        if pr is not None and "%" in pr.raw:
            return True
    return quantity(ind.name) is not None


def table_misread(p: PerformanceItem) -> bool:
    return memoized("table_misread", p, lambda p: len(read_rows(p)) < len(p.indicators))


def read_rows(p: PerformanceItem) -> list[PerformanceIndicator]:
    """The indicator rows that were read as rows (not with their columns shifted), once per
    audit: most indicator rules go over them. The list is shared: read it, do not change it."""
    # (each row is judged here once per audit, with its table: no memo of its own to keep)
    return memoized("read_rows", p, lambda p: [ind for ind in p.indicators if not row_misread(ind)])


def norm_name(name: str) -> str:
    return _NAME_NOISE.sub("", name or "")


_NAME_NOISE = lazy.pattern(r"[\s“”\"'‘’《》「」（）()、，,:：。.;；]")
