"""P — the indicator rows of a self-evaluation: each score against its completion (and against
the scoring rule the table's own note states), the deviation, units and magnitudes, duplicated
indicators, and targets explained away as 指标值设置偏低."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from juesuan import lazy
from juesuan.memo import memo
from juesuan.model import PerformanceIndicator, PerformanceItem
from juesuan.money import ZERO, q4
from juesuan.rules.base import Rule, num, pct, register
from juesuan.rules.memo import memoized
from juesuan.rules.performance.common import (
    HUNDRED,
    Measured,
    figure,
    has_digit,
    indicator_finding,
    is_measure,
    join_broken_points,
    norm_name,
    one_practice,
    read_rows,
    row_weight,
    t,
    table_misread,
)

# '正向指标(即目标值为≥X,得分=权重*B/A),反向指标(即目标值为≤X,得分=权重*A/B)' — A the target,
# B the actual value.
_FORMULA = lazy.pattern(r"(正向|反向)指标[^。；;]{0,30}?得分\s*[=＝]\s*(?:权重|分值)\s*[*×xX]\s*([AB])\s*/\s*([AB])")
_LEADING_PCT = lazy.pattern(r"^\s*([+-]?\d+(?:\.\d+)?)\s*%")
_CAPPED = lazy.pattern(r"不得(?:突破|超过)(?:权重|分值)")
SET_LOW = lazy.pattern(r"(?:设置|设定|制定|确定)[^，。；,;]{0,3}(?:偏低|过低|较低)|(?:指标|目标)值?[^，。；,;]{0,2}(?:偏低|过低)")


# the cells an indicator finding about its completion cites
_ROW_COLUMNS = ("年度指标值", "实际完成值", "分值", "得分")


@memo(256)  # asked for every row of its table by two rules; read it, do not change it
def footnote_formulas(footnote: str) -> dict[str, tuple[str, str]]:
    """The scoring formulas a table's note states: {'正向': ('B', 'A'), '反向': ('A', 'B')}."""
    return {m.group(1): (m.group(2), m.group(3)) for m in _FORMULA.finditer(footnote or "")}


def _formula_for(p: PerformanceItem, m: Measured) -> tuple[str, tuple[str, str]] | None:
    formulas = footnote_formulas(p.footnote)
    if not formulas or m.comparator == "=" or not m.comparable:
        return None
    direction = "反向" if m.reverse else "正向"
    return (direction, formulas[direction]) if direction in formulas else None


def _scored(p: PerformanceItem) -> list[tuple[PerformanceIndicator, Decimal, Measured]]:
    """The rows with a score and a 分值 (printed on the row, or the points of a heading over
    this row alone), with the row's measured target and actual; once per audit (rules.memo)."""
    return memoized("scored", p, _scored_rows)


def _scored_rows(p: PerformanceItem) -> list[tuple[PerformanceIndicator, Decimal, Measured]]:
    out = []
    for ind, m in _measured(p):
        w = row_weight(p, ind)
        if w is not None and ind.score is not None and w > 0:
            out.append((ind, w, m))
    return out


def _measured(p: PerformanceItem) -> list[tuple[PerformanceIndicator, Measured]]:
    """The rows read as rows, each with its measured target and actual; once per audit (most
    rules below go over them). Each row is measured here once, with its table (no memo of its
    own: a row belongs to one table)."""
    return memoized("measured_rows", p, lambda p: [(ind, Measured(ind)) for ind in read_rows(p)])


def _explained_low(ind: PerformanceIndicator) -> bool:
    text = ind.deviation or ""
    # (every wording SET_LOW knows ends in 低: the analysis text, asked by several rules of
    # every scored row, is scanned only when it has one)
    return "低" in text and bool(SET_LOW.search(text))


def _explanation(ind: PerformanceIndicator) -> str:
    """The 偏差原因 text of a row, without a leading printed 偏差度."""
    return _LEADING_PCT.sub("", ind.deviation or "").strip()


def _nothing_spent(m: Measured) -> bool:
    """A cost indicator in money whose actual is 0: the thing was not bought or done, which
    says nothing about meeting a cost ceiling."""
    return m.reverse and m.actual == 0 and "元" in m.actual_unit


def _shown_target(ind: PerformanceIndicator, m: Measured) -> str:
    """The target as printed ('≥200人'), or rebuilt from its parts."""
    return (ind.target_text or "").strip() or _target_text(m)


def _shown_actual(ind: PerformanceIndicator, m: Measured) -> str:
    return (ind.actual_text or "").strip() or f"{num(m.actual_printed)}{m.actual_unit}"


def _both_shown(ind: PerformanceIndicator, m: Measured) -> str:
    """A row's target and actual as a unit finding quotes them (made only for a finding)."""
    return f"年度指标值“{_shown_target(ind, m)}”，实际完成值“{_shown_actual(ind, m)}”"


def _done(ind: PerformanceIndicator, m: Measured) -> str:
    """What a row set out to do and did, as a finding words it (made only for a finding)."""
    return f"年度指标值 {_shown_target(ind, m)}，实际完成 {_shown_actual(ind, m)}"


def _target_text(m: Measured) -> str:
    cmp = m.comparator or ""
    return f"{cmp}{num(m.target_printed)}{m.target_unit}"


@register
class IndicatorScore(Rule):
    """三级指标得分与完成情况相符：达到年度指标值（按 ≥ ≤ = 判断；成本类等反向指标越低越好）却被扣分，
    未达到却得满分，或得分超过分值。表注自带计分公式的定量指标由 P-footnote-score 检查。同一张表中
    多个达标指标被扣分是同一计分做法，报一项，其余列在其下。

    失败示例：“驻外信访维稳天数 ≥50 天，完成 88 天，分值 10，得分 5”（达到却扣分，warning）；
    “举报投诉案件受理率 ≥98%，完成 95%，分值 5，得分 5”（未达到却满分，error）。
    通过示例：达到目标得满分；完成 5430 人次（目标 ≥6000），按比例得 4.53 分。
    """

    id = "P-indicator-score"
    name = "指标得分与完成情况"

    def check(self, ctx):
        for p in ctx.doc.performance:
            deducted = []
            # (most tables state no formula: their rows are not asked for one)
            formulas = footnote_formulas(p.footnote)
            for ind, w, m in _scored(p):
                s = ind.score
                assert s is not None
                ts = t(s)  # (asked up to twice a row: once)
                if s > w + ts and not table_misread(p):
                    yield indicator_finding(self, p, ind, f"得分 {s} 超过分值 {w}", expected=w, actual=s,
                                            difference=s - w)
                    continue
                if not m.comparable or (formulas and _formula_for(p, m)) or _explained_low(ind) or _nothing_spent(m):
                    continue
                met = m.met()
                if met and s < w - ts and p.executed != 0:
                    why = _explanation(ind)
                    why = f"（偏差说明：“{why[:40]}”）" if why else "，也没有偏差说明"
                    deducted.append(indicator_finding(self, p, ind, f"{_done(ind, m)}，已达到目标，却只得 {s} 分（分值 {w}）"
                                                                    f"{why}；定量指标达到指标值即应记满分",
                                                      severity="warning", expected=w, actual=s, difference=s - w,
                                                      columns=_ROW_COLUMNS))
                elif not met and abs(s - w) <= ts:
                    yield indicator_finding(self, p, ind, f"{_done(ind, m)}，未达到目标，却得满分 {s}（分值 {w}）",
                                            expected=f"< {w}", actual=s, columns=_ROW_COLUMNS)
            yield from one_practice(deducted, f"本表 {len(deducted)} 个已达到目标的指标都被扣分（同一计分做法）：")


@register
class FootnoteScore(Rule):
    """表注写明计分公式时（如“正向指标得分=权重*B/A，反向指标得分=权重*A/B，得分不得突破权重”，
    A 为目标值、B 为实际完成值），定量指标的得分按该公式计算。

    失败示例：表注如上，“党员人均活动成本 ≤200 元/人/年，完成 189.44 元/人/年，分值 20，得分 18.94”
    （反向指标 20 × 200 ÷ 189.44 封顶为 20）。
    通过示例：“举办培训人数 ≥90 人，完成 81 人，分值 5，得分 4.5”（5 × 81 ÷ 90）。
    """

    id = "P-footnote-score"
    name = "按表注公式计分"

    def check(self, ctx):
        for p in ctx.doc.performance:
            if not footnote_formulas(p.footnote):
                continue  # no formula stated: no row is scored by one
            capped = bool(_CAPPED.search(p.footnote or ""))
            for ind, w, m in _scored(p):
                rule = _formula_for(p, m)
                if rule is None:
                    continue
                direction, (top, bottom) = rule
                values = {"A": m.target, "B": m.actual}
                a, b = values[top], values[bottom]
                if a is None or b is None or b == 0 or a < 0:
                    continue
                s = ind.score
                assert s is not None
                ratio = a / b
                expected = min(w, w * ratio) if capped or ratio <= 1 else w * ratio
                rel = (t(m.target_printed) / m.target_printed if m.target_printed else ZERO) + (
                    t(m.actual_printed) / m.actual_printed if m.actual_printed else ZERO)
                tol = t(s) + w * ratio * rel
                if abs(s - expected) > tol:
                    yield indicator_finding(
                        self, p, ind,
                        f"按表注“{direction}指标得分=权重×{top}/{bottom}”，年度指标值 {_shown_target(ind, m)}，实际完成 "
                        f"{_shown_actual(ind, m)}，应得 {w} × {num(a)} ÷ {num(b)} = {num(expected)}"
                        + ("（不超过分值）" if capped else "") + f"，表中得分 {s}",
                        expected=q4(expected), actual=s, difference=q4(s - expected), columns=_ROW_COLUMNS)


def printed_deviation(ind: PerformanceIndicator) -> Decimal | None:
    """The printed 偏差度 (%) of an indicator: the reader's field when it read one, else a
    percentage at the start of the 偏差 column."""
    if ind.deviation_rate is not None:
        return ind.deviation_rate
    pr = ind.printed.get("偏差度") or ind.printed.get("偏差率")
    text = (pr.raw if pr is not None else ind.deviation) or ""
    text = join_broken_points(text)
    m = _LEADING_PCT.match(text)
    if not m:
        return None
    try:
        return Decimal(m.group(1))
    except InvalidOperation:  # pragma: no cover
        return None


_RANGE = lazy.pattern(r"^\s*(\d+(?:\.\d+)?)\s*[-—~～至]\s*(\d+(?:\.\d+)?)\s*([^\d]*)$")


class _Dev:
    """One printed 偏差度 and what the form's definition gives: (实际 − 目标) ÷ 目标 × 100%, against
    the nearer bound of a range target (300-400人: 0 inside it). ``kind``: 'over' for a target
    exceeded in its good direction, 'met_low' for a ≤ (cost) target met by staying under it,
    else 'other'. ``zero``: the 偏差度 is printed as none (0% to its printed rounding, ``dev_t``);
    ``fits``: it is what the definition gives; ``deviates``: the definition gives a deviation
    beyond the rounding of the figures. (Asked several times of every row: ``zero`` is an
    attribute, ``tol`` — several Decimal divisions — is worked out when first asked: most rows
    print 0% for a target met exactly, and neither ``fits`` nor ``deviates`` needs it then.)"""

    def __init__(self, ind: PerformanceIndicator, m: Measured, dev: Decimal, dev_t: Decimal, plain: Decimal,
                 a: Decimal, b: Decimal, kind: str):
        self.ind, self.m, self.dev, self.plain, self.kind = ind, m, dev, plain, kind
        self.zero = abs(dev) <= dev_t
        self._dev_t, self._a, self._b = dev_t, a, b
        self._tol: Decimal | None = None

    @property
    def tol(self) -> Decimal:
        """The rounding of the printed 偏差度, target and actual, in percentage points (≥ 0)."""
        if self._tol is None:
            m, a = self.m, self._a
            self._tol = self._dev_t + HUNDRED * (abs(t(m.actual_printed) / a) + abs(self._b * t(m.target_printed) / a ** 2))
        return self._tol

    @property
    def fits(self) -> bool:
        # (equal, the difference is 0, within any tolerance)
        return self.dev == self.plain or abs(self.dev - self.plain) <= self.tol

    @property
    def deviates(self) -> bool:
        # (a definition of 0 is within any tolerance)
        return self.plain != 0 and abs(self.plain) > self.tol


def _range_deviation(ind: PerformanceIndicator, m: Measured) -> tuple[Decimal, Decimal, Decimal] | None:
    r = _RANGE.match(ind.target_text or "")
    if r is None or m.actual is None:
        return None
    lo, hi, b = Decimal(r.group(1)), Decimal(r.group(2)), m.actual
    if not 0 < lo < hi:
        return None
    bound = hi if b > hi else lo if b < lo else None
    return (ZERO if bound is None else (b - bound) / bound * HUNDRED), (hi if bound is None else bound), b


def _deviations(p: PerformanceItem) -> Iterator[_Dev]:
    for ind, m in _measured(p):
        dev = printed_deviation(ind)
        if dev is None:
            continue
        ranged = _range_deviation(ind, m)
        if ranged is not None:
            plain, a, b = ranged
            kind = "over" if plain > 0 else "other"
        elif m.comparable and m.target:
            a, b = m.target, m.actual  # type: ignore[assignment]
            plain = (b - a) / a * HUNDRED
            kind = "other"
            if m.met() and b != a:
                kind = "met_low" if m.reverse else "over"
        else:
            continue
        yield _Dev(ind, m, dev, t(dev), plain, a, b, kind)


def _band(rows: list[_Dev]) -> Decimal | None:
    """The tolerance band a document subtracts from every over-achievement (prints 89% for
    119% with a band of 30): the same positive difference plain − printed in at least two rows."""
    gaps = [(r.plain - r.dev, r.tol) for r in rows if r.kind == "over" and r.dev > r.tol and not r.fits]
    if len(gaps) < 2:
        return None
    gaps.sort()
    mid, mid_tol = gaps[len(gaps) // 2]
    if mid <= 0 or any(abs(g - mid) > tol + mid_tol for g, tol in gaps):
        return None
    return mid


@register
class Deviation(Rule):
    """偏差度 = (实际完成值 − 年度指标值) ÷ 年度指标值 × 100%（区间目标按越过的一端），或其绝对值
    |实际 − 目标| ÷ 目标：大小，以及带符号时的符号。全文一律按相反符号印出时视为另一种写法，不报；超额完成印 0%、达到 ≤ 类目标印 0% 也不报（按容差
    带填列的写法）。全文把超额部分一律减去同一容差带（如 30%）填列时，报一项（warning），各行列在其下。偏差度
    印 0% 而该指标被扣分、完成值与目标不同，自相矛盾，报 warning。

    失败示例：“就业见习人数 ≥200 人，完成 438 人，偏差度 89.00%”（应为 119.00%，与另几行一样减去了 30%）；
    “第三方人才系统成本 8 万元，完成 0 万元，得 0 分，偏差度 0.00%”。
    通过示例：“补助学生人数 ≥6000 人次，完成 5430 人次，偏差度 −9.50%”；“工伤鉴定人数 300-400 人，完成
    660 人，偏差度 65.00%”。
    """

    id = "P-deviation"
    severity = "warning"
    name = "偏差度"

    def check(self, ctx):
        rows = [(p, d) for p in ctx.doc.performance for d in _deviations(p)]
        nonzero = [d for _, d in rows if d.deviates]
        # a document that prints every deviation with the opposite sign uses another convention
        flipped = bool(nonzero) and all(abs(d.dev + d.plain) <= d.tol for d in nonzero)
        band = _band([d for _, d in rows])
        banded: list = []
        wrong: dict[str, list] = {}
        for p, d in rows:
            zero = d.zero
            if zero and d.deviates and self._deducted(p, d.ind):
                wrong.setdefault(p.name, []).append(self._zero(p, d))
                continue
            if d.fits or abs(d.dev - abs(d.plain)) <= d.tol or (flipped and abs(d.dev + d.plain) <= d.tol):
                continue  # as defined, as its absolute value |实际 − 目标| ÷ 目标, or the other sign throughout
            if d.kind in ("over", "met_low") and zero:
                continue  # within a tolerance band, or a ≤ target met: printed as no deviation
            if band is not None and d.kind == "over" and abs(d.dev - (d.plain - band)) <= d.tol * 2:
                banded.append(self._row(p, d, f"（按减去 {num(band)}% 的写法）"))
                continue
            wrong.setdefault(p.name, []).append(self._row(p, d, ""))
        if banded:
            root = banded[0]
            root.message = (f"全文 {len(banded)} 个超额完成的指标，偏差度都按减去 {num(band)}% 后的超出部分填列，不是"
                            f"(实际完成值 − 年度指标值) ÷ 年度指标值：{root.message}")
            if len(banded) > 1:
                root.message += f"（其余 {len(banded) - 1} 个见其下）"
                root.consequences = banded[1:]
            yield root
        for found in wrong.values():
            yield from one_practice(found, f"本表 {len(found)} 个指标的偏差度与完成情况不符：")

    @staticmethod
    def _deducted(p: PerformanceItem, ind: PerformanceIndicator) -> bool:
        w = row_weight(p, ind)
        return w is not None and ind.score is not None and ind.score < w - t(ind.score)

    def _row(self, p: PerformanceItem, d: _Dev, how: str):
        ind, m = d.ind, d.m
        what = "符号相反" if abs(d.dev + d.plain) <= d.tol else "数值不符"
        return indicator_finding(self, p, ind, f"偏差度 {pct(d.dev)} {what}{how}：年度指标值 {_shown_target(ind, m)}，"
                                              f"实际完成 {_shown_actual(ind, m)}，偏差度应为 {pct(d.plain)}",
                                 expected=q4(d.plain), actual=d.dev, difference=q4(d.dev - d.plain),
                                 columns=("年度指标值", "实际完成值", "偏差度"))

    def _zero(self, p: PerformanceItem, d: _Dev):
        ind, m = d.ind, d.m
        return indicator_finding(self, p, ind, f"偏差度印 {pct(d.dev)}（没有偏差），而年度指标值 {_shown_target(ind, m)}、"
                                              f"实际完成 {_shown_actual(ind, m)}，得分 {ind.score}（分值 "
                                              f"{num(row_weight(p, ind))}）：偏差度应为 {pct(d.plain)}",
                                 expected=q4(d.plain), actual=d.dev, difference=q4(d.dev - d.plain),
                                 columns=("年度指标值", "实际完成值", "分值", "得分", "偏差度"))


# a per-unit standard or cost (补助标准, 人均成本, 单价): its unit must name money
_MONEY_STANDARD = lazy.pattern(r"标准|成本|单价|费用?$|补助$|补贴$")


@register
class IndicatorUnit(Rule):
    """同一指标的年度指标值与实际完成值单位一致、数量级相当：不能一个写“元/人/天”一个写“人/天”，也不能一个以
    “万人”一个以“人”计（可换算的报 info），同一单位下相差千倍以上疑为万元与元混用；补助标准、人均成本一类
    按人、按时间计的金额，单位须有“元”（“140 人/天”应为“元/人/天”）。同一张表的同类问题报一项，其余列在其下。

    失败示例：“人均补助标准 80 元/人/天，完成 80 人/天”；“人均补助标准 140 人/天”；“城镇新增就业人数 1 万人，
    完成 20279 人”（info）。
    通过示例：“2200 元/人/月，完成 2200 元/人/月”；“接待人数 50 人/天”。
    """

    id = "P-indicator-unit"
    severity = "warning"
    name = "指标单位"

    def check(self, ctx):
        for p in ctx.doc.performance:
            found: dict[str, list] = {}
            for ind, m in _measured(p):
                f = self._row(p, ind, m)
                if f is not None:
                    found.setdefault(f.severity.value, []).append(f)
            for group in found.values():
                yield from one_practice(group, f"本表 {len(group)} 个指标的单位有同类问题：")

    def _row(self, p: PerformanceItem, ind: PerformanceIndicator, m: Measured):
        if not m.numeric:
            return None
        tu, au = m.target_unit, m.actual_unit
        if not (is_measure(tu) or not tu) or not (is_measure(au) or not au):
            return None  # a date or a phrase ('12月底前'), not a quantity
        if tu and au and tu != au:
            if m.converted:
                return indicator_finding(self, p, ind, f"{_both_shown(ind, m)}：单位不一致（按换算比较）", severity="info",
                                         expected=tu, actual=au, columns=_VALUE_COLUMNS)
            return indicator_finding(self, p, ind, f"{_both_shown(ind, m)}：度量单位不一致，无法比较", expected=tu, actual=au,
                                     columns=_VALUE_COLUMNS)
        per = tu or au
        if "/" in per and "元" not in per and _MONEY_STANDARD.search(ind.name) and (m.reverse or "成本" in ind.level1):
            return indicator_finding(self, p, ind, f"{_both_shown(ind, m)}：这是一项金额标准，单位应含“元”（如“元/{per}”），"
                                                   f"而写作“{per}”", expected=f"元/{per}", actual=per, columns=_VALUE_COLUMNS)
        if m.target and m.actual and m.target > 0 and m.actual > 0 and not m.converted:
            ratio = max(m.target / m.actual, m.actual / m.target)
            if ratio >= 1000:
                return indicator_finding(self, p, ind, f"{_both_shown(ind, m)}：相差 {num(ratio)} 倍，疑为单位（万元/元、万人/人）混用",
                                         expected=m.target, actual=m.actual, columns=_VALUE_COLUMNS)
        return None


_VALUE_COLUMNS = ("年度指标值", "实际完成值")


@register
class DuplicateIndicator(Rule):
    """同一张自评表中三级指标不重复（同名指标各计一次分值，多为复制粘贴）。

    失败示例：“经济效益指标”下“风险保障总额”出现两次，各 10 分。
    通过示例：每个三级指标只出现一次。
    """

    id = "P-duplicate-indicator"
    severity = "warning"
    name = "重复指标"

    def check(self, ctx):
        for p in ctx.doc.performance:
            groups: dict[str, list[PerformanceIndicator]] = {}
            for ind in read_rows(p):
                key = norm_name(ind.name)
                if len(key) >= 2:
                    groups.setdefault(key, []).append(ind)
            for inds in groups.values():
                if len(inds) < 2:
                    continue
                places = "、".join(f"{i.level2 or i.level1 or ''}{f'（第 {i.line} 行）' if i.line else ''}" for i in inds)
                yield indicator_finding(self, p, inds[0], f"在本表出现 {len(inds)} 次：{places}",
                                        uncertain=any(i.uncertain for i in inds), expected="1", actual=str(len(inds)),
                                        figures=[figure(p, "分值", i) for i in inds[1:]])


@register
class TargetSetLow(Rule):
    """年度指标值定得低于实际能达到的水平，偏差说明写“指标值设置偏低”：目标设定不合理（常伴随扣分）。
    同一张表的多个此类指标报一项，其余列在其下。

    失败示例：“工伤、伤残、病退鉴定人数 300-400 人，完成 660 人，得分 1.75（分值 5），偏差原因：指标设置值偏低”。
    未达到目标却说“指标值设置偏低”，是说明与数字方向相反，单独报。
    通过示例：完成值略高于目标，偏差说明为空；未完成时说明“指标值设置偏高”。
    """

    id = "P-target-low"
    severity = "warning"
    name = "目标设置偏低"

    def check(self, ctx):
        for p in ctx.doc.performance:
            found = []
            for ind, m in _measured(p):
                text = ind.deviation or ""
                hit = SET_LOW.search(text) if "低" in text else None  # (see _explained_low)
                if not hit:
                    continue
                target = ind.target_text or (_target_text(m) if m.target is not None else "（空）")
                actual = ind.actual_text or (f"{num(m.actual_printed)}{m.actual_unit}" if m.actual is not None else "（空）")
                if m.comparable and not m.met():
                    # not reached, yet explained as a target set too low: the explanation says the
                    # opposite of the figures (its own finding, not part of the table's practice)
                    yield indicator_finding(self, p, ind, f"年度指标值 {target}，实际完成 {actual}，未达到目标，偏差说明"
                                                          f"却称“{hit.group(0)}”：说明与完成情况方向相反",
                                            expected="指标值设置偏高", actual=hit.group(0), columns=_ROW_COLUMNS)
                    continue
                lost = ""
                if ind.weight is not None and ind.score is not None and ind.score < ind.weight:
                    lost = f"，扣 {num(ind.weight - ind.score)} 分"
                found.append(indicator_finding(self, p, ind, f"年度指标值 {target}，实际完成 {actual}{lost}；偏差说明称"
                                                             f"“{hit.group(0)}”：目标在编制时定得低于可达水平",
                                               expected=target, actual=actual, columns=_ROW_COLUMNS))
            yield from one_practice(found, f"本表 {len(found)} 个指标的目标都定得低于实际完成（同一编制问题）：")


@register
class ActualAsTarget(Rule):
    """实际完成值要写实际达到的数，不能照抄带“≥”“≤”的目标（“≥95%”“≤48 小时”说的是目标，不是完成了多少）。
    同一张表的多个此类指标报一项，其余列在其下。

    失败示例：“参保综合覆盖率 ≥95%，实际完成值 ≥95%”；“系统故障修复响应时间 ≤48 小时，实际完成值 ≤48 小时”。
    通过示例：“参保综合覆盖率 ≥95%，实际完成 97.2%”。
    """

    id = "P-actual-bounded"
    severity = "warning"
    name = "完成值照抄目标"

    def check(self, ctx):
        yield from _per_table(ctx, self._row, "个指标的实际完成值都照抄了目标：")

    def _row(self, p: PerformanceItem, ind: PerformanceIndicator, m: Measured):
        if not m.actual_bounded:
            return None
        return indicator_finding(self, p, ind, f"年度指标值 {_shown_target(ind, m)}，实际完成值写作“{ind.actual_text.strip()}”："
                                               f"这是目标的写法，没有写出实际完成了多少",
                                 expected="实际完成的数值", actual=ind.actual_text.strip(), columns=_VALUE_COLUMNS)


# a number with a count unit inside an indicator's name ('完成各类考试数量18场', '招聘会30场')
_YEAR_AFTER = lazy.pattern(r"\s*年")  # a count followed by 年 ('2个年度'): a span of years, not a quantity
_NAMED_COUNT = lazy.pattern(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(场次|人次|场|人|个|次|家|篇|份|本|台|条|件|项|期|户|所)")


@register
class NameTarget(Rule):
    """三级指标名称里写了数量（“完成各类考试数量 18 场”）时，年度指标值应与之一致：名称说 18 场、指标值写
    ≥12 场，是改了一处忘了另一处，完成 14 场该算达到还是未达到就说不清。

    失败示例：“完成各类考试数量 18 场”，年度指标值 ≥12 场，完成 14 场，满分。
    通过示例：“全年完成三支一扶人员招募 10 人”，年度指标值 ≥10 人次。
    """

    id = "P-name-target"
    severity = "warning"
    name = "指标名称与指标值"

    def check(self, ctx):
        for p in ctx.doc.performance:
            for ind, m in _measured(p):
                # (the row's target first, then its name: few rows print a count in their name,
                # and a name without a digit cannot)
                if m.target is None or not m.target_unit or m.converted or not has_digit(ind.name):
                    continue
                named = [n for n in _NAMED_COUNT.finditer(ind.name) if not _YEAR_AFTER.match(ind.name[n.end():])]
                if len(named) != 1:
                    continue
                number, unit = Decimal(named[0].group(1)), named[0].group(2)
                if m.target_unit[0] != unit[0] or m.target_unit.startswith("%"):
                    continue  # another quantity (培训 1 场 against ≥90 人)
                if abs(number - m.target_printed) > t(number) + t(m.target_printed):  # type: ignore[operator]
                    yield indicator_finding(self, p, ind, f"名称写“{named[0].group(0)}”，年度指标值却是 {_shown_target(ind, m)}",
                                            expected=f"{num(number)}{unit}", actual=_shown_target(ind, m),
                                            columns=("年度指标值",))


def _completion_tolerance(ind: PerformanceIndicator) -> Decimal:
    """Tolerance of a printed 完成程度 in percentage points: its printed rounding (a ratio '0.13'
    rounds to 0.005, i.e. 0.5 point), never below half a point — completion ratios are
    rounded to whole percents before printing ('34.0%' for 620 ÷ 1850 = 33.5%)."""
    pr = ind.printed.get("完成程度")
    raw = (pr.raw if pr is not None else "").strip()
    if raw and "%" not in raw:
        try:
            own = t(Decimal(raw)) * HUNDRED
        except InvalidOperation:
            own = ZERO
    else:
        own = t(ind.completion)
    return max(own, Decimal("0.5"))


@register
class Completion(Rule):
    """完成程度 = 实际完成值 ÷ 年度指标值（≤ 类、成本类反向指标为 年度指标值 ÷ 实际完成值），超过 100% 的可按 100%
    封顶填列。同一张表的多个此类指标报一项，其余列在其下。

    失败示例：“招考人数 ≥800 人，完成 789 人，完成程度 100%”（应为 98.63%）。
    通过示例：“预算调整率 ≤5%，完成 38%，完成程度 0.13”（5 ÷ 38）；“驻外信访维稳天数 ≥50，完成 88，完成程度
    100%”（封顶）。
    """

    id = "P-completion"
    severity = "warning"
    name = "完成程度"

    def check(self, ctx):
        yield from _per_table(ctx, self._row, "个指标的完成程度与完成值不符：")

    def _row(self, p: PerformanceItem, ind: PerformanceIndicator, m: Measured):
        if ind.completion is None or not m.comparable or not m.target or not m.actual or m.comparator == "=":
            return None
        a, b = m.target, m.actual
        # an explicit ≥ is a positive indicator even under 成本指标
        reverse = m.comparator in ("≤", "<") or (m.comparator is None and m.reverse)
        ratio = (a / b if reverse else b / a) * HUNDRED
        tol = _completion_tolerance(ind) + HUNDRED * (t(m.actual_printed) / abs(b) + t(m.target_printed) / abs(a))
        if min(abs(ind.completion - ratio), abs(ind.completion - min(ratio, HUNDRED))) <= tol:
            return None
        how = "年度指标值 ÷ 实际完成值" if reverse else "实际完成值 ÷ 年度指标值"
        return indicator_finding(self, p, ind, f"完成程度 {pct(ind.completion)}，而{how} = {num(a if reverse else b)}"
                                               f" ÷ {num(b if reverse else a)} = {pct(ratio)}",
                                 expected=q4(min(ratio, HUNDRED)), actual=ind.completion,
                                 columns=("年度指标值", "实际完成值", "完成程度"))


def _per_table(ctx, row, practice: str):
    """``row(p, ind, measured)`` over every indicator row read as a row; one table's findings are
    one practice: the first reported, the others nested (``practice`` words the lead)."""
    for p in ctx.doc.performance:
        found = [f for ind, m in _measured(p) for f in [row(p, ind, m)] if f is not None]
        yield from one_practice(found, f"本表 {len(found)} {practice}")
