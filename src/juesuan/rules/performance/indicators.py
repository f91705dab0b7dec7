"""P — the indicator rows of a self-evaluation: each score against its completion (and against
the scoring rule the table's own note states), the deviation, units and magnitudes, duplicated
indicators, and targets explained away as 指标值设置偏低."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from juesuan.model import PerformanceIndicator, PerformanceItem
from juesuan.money import ZERO, q4
from juesuan.rules.base import Rule, num, pct, register
from juesuan.rules.performance.common import (
    HUNDRED,
    Measured,
    indicator_finding,
    is_measure,
    norm_name,
    one_practice,
    row_misread,
    t,
    table_misread,
)

# '正向指标(即目标值为≥X,得分=权重*B/A),反向指标(即目标值为≤X,得分=权重*A/B)' — A the target,
# B the actual value.
_FORMULA = re.compile(r"(正向|反向)指标[^。；;]{0,30}?得分\s*[=＝]\s*(?:权重|分值)\s*[*×xX]\s*([AB])\s*/\s*([AB])")
_LEADING_PCT = re.compile(r"^\s*([+-]?\d+(?:\.\d+)?)\s*%")
_CAPPED = re.compile(r"不得(?:突破|超过)(?:权重|分值)")
SET_LOW = re.compile(r"(?:设置|设定|制定|确定)[^，。；,;]{0,3}(?:偏低|过低|较低)|(?:指标|目标)值?[^，。；,;]{0,2}(?:偏低|过低)")


def footnote_formulas(footnote: str) -> dict[str, tuple[str, str]]:
    """The scoring formulas a table's note states: {'正向': ('B', 'A'), '反向': ('A', 'B')}."""
    return {m.group(1): (m.group(2), m.group(3)) for m in _FORMULA.finditer(footnote or "")}


def _formula_for(p: PerformanceItem, m: Measured) -> tuple[str, tuple[str, str]] | None:
    formulas = footnote_formulas(p.footnote)
    if not formulas or m.comparator == "=" or not m.comparable:
        return None
    direction = "反向" if m.reverse else "正向"
    return (direction, formulas[direction]) if direction in formulas else None


def _read_rows(p: PerformanceItem) -> Iterator[PerformanceIndicator]:
    """The indicator rows that were read as rows (not with their columns shifted)."""
    return (ind for ind in p.indicators if not row_misread(ind))


def _scored(p: PerformanceItem) -> Iterator[tuple[PerformanceIndicator, Measured]]:
    for ind in _read_rows(p):
        if ind.weight is not None and ind.score is not None and ind.weight > 0:
            yield ind, Measured(ind)


def _explained_low(ind: PerformanceIndicator) -> bool:
    return bool(SET_LOW.search(ind.deviation or ""))


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
            for ind, m in _scored(p):
                w, s = ind.weight, ind.score
                assert w is not None and s is not None
                if s > w + t(s) and not table_misread(p):
                    yield indicator_finding(self, p, ind, f"得分 {s} 超过分值 {w}", expected=w, actual=s,
                                            difference=s - w)
                    continue
                if not m.comparable or _formula_for(p, m) or _explained_low(ind) or _nothing_spent(m):
                    continue
                done = f"年度指标值 {_shown_target(ind, m)}，实际完成 {_shown_actual(ind, m)}"
                if m.met() and s < w - t(s) and p.executed != 0:
                    why = _explanation(ind)
                    why = f"（偏差说明：“{why[:40]}”）" if why else "，也没有偏差说明"
                    deducted.append(indicator_finding(self, p, ind, f"{done}，已达到目标，却只得 {s} 分（分值 {w}）{why}；"
                                                                    f"定量指标达到指标值即应记满分",
                                                      severity="warning", expected=w, actual=s, difference=s - w))
                elif not m.met() and abs(s - w) <= t(s):
                    yield indicator_finding(self, p, ind, f"{done}，未达到目标，却得满分 {s}（分值 {w}）",
                                            expected=f"< {w}", actual=s)
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
            capped = bool(_CAPPED.search(p.footnote or ""))
            for ind, m in _scored(p):
                rule = _formula_for(p, m)
                if rule is None:
                    continue
                direction, (top, bottom) = rule
                values = {"A": m.target, "B": m.actual}
                a, b = values[top], values[bottom]
                if a is None or b is None or b == 0 or a < 0:
                    continue
                w, s = ind.weight, ind.score
                assert w is not None and s is not None
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
                        expected=q4(expected), actual=s, difference=q4(s - expected))


def printed_deviation(ind: PerformanceIndicator) -> Decimal | None:
    """The printed 偏差度 (%) of an indicator: its own perf field when the reader recorded one,
    else a percentage at the start of the 偏差 column."""
    pr = ind.printed.get("偏差度") or ind.printed.get("偏差率")
    text = pr.raw if pr is not None else ind.deviation
    m = _LEADING_PCT.match(re.sub(r"(\d)\s*\.\s*(\d)", r"\1.\2", text or ""))
    if not m:
        return None
    try:
        return Decimal(m.group(1))
    except InvalidOperation:  # pragma: no cover
        return None


def _deviations(p: PerformanceItem) -> Iterator[tuple[PerformanceIndicator, Decimal, Decimal, Decimal]]:
    """(indicator, printed deviation, expected (B − A) ÷ A × 100, tolerance)."""
    for ind in _read_rows(p):
        dev = printed_deviation(ind)
        m = Measured(ind)
        if dev is None or not m.comparable or not m.target:
            continue
        a, b = m.target, m.actual
        assert a is not None and b is not None
        expected = (b - a) / a * HUNDRED
        tol = t(dev) + HUNDRED * (abs(t(m.actual_printed) / a) + abs(b * t(m.target_printed) / a ** 2))
        yield ind, dev, expected, tol


@register
class Deviation(Rule):
    """偏差度 = (实际完成值 − 年度指标值) ÷ 年度指标值 × 100%：符号（未完成为负）与大小。全文一律按相反
    符号印出时视为另一种写法，不报。

    失败示例：“就业见习人数 ≥200 人，完成 438 人，偏差度 89.00%”（应为 119.00%）。
    通过示例：“补助学生人数 ≥6000 人次，完成 5430 人次，偏差度 −9.50%”。
    """

    id = "P-deviation"
    severity = "warning"
    name = "偏差度"

    def check(self, ctx):
        rows = [(p, *row) for p in ctx.doc.performance for row in _deviations(p)]
        nonzero = [r for r in rows if abs(r[3]) > r[4]]
        # a document that prints every deviation with the opposite sign uses another convention
        flipped = bool(nonzero) and all(abs(dev + exp) <= tol for _, _, dev, exp, tol in nonzero)
        for p, ind, dev, exp, tol in rows:
            if abs(dev - exp) <= tol or (flipped and abs(dev + exp) <= tol):
                continue
            what = "符号相反" if abs(dev + exp) <= tol else "数值不符"
            yield indicator_finding(self, p, ind, f"偏差度 {pct(dev)} {what}：(实际完成 {num(ind.actual)} − 年度指标值 "
                                                  f"{num(ind.target)}) ÷ 年度指标值 = {pct(exp)}",
                                    expected=q4(exp), actual=dev, difference=q4(dev - exp))


@register
class IndicatorUnit(Rule):
    """同一指标的年度指标值与实际完成值单位一致、数量级相当：不能一个写“元/人/天”一个写“人/天”，也不能一个以
    “万人”一个以“人”计（可换算的报 info），同一单位下相差千倍以上疑为万元与元混用。

    失败示例：“人均补助标准 80 元/人/天，完成 80 人/天”；“城镇新增就业人数 1 万人，完成 20279 人”（info）。
    通过示例：“2200 元/人/月，完成 2200 元/人/月”。
    """

    id = "P-indicator-unit"
    severity = "warning"
    name = "指标单位"

    def check(self, ctx):
        for p in ctx.doc.performance:
            for ind in _read_rows(p):
                m = Measured(ind)
                if not m.numeric:
                    continue
                tu, au = m.target_unit, m.actual_unit
                shown = f"年度指标值“{num(m.target_printed)}{tu}”，实际完成值“{num(m.actual_printed)}{au}”"
                if not (is_measure(tu) or not tu) or not (is_measure(au) or not au):
                    continue  # a date or a phrase ('12月底前'), not a quantity
                if tu and au and tu != au:
                    if m.converted:
                        yield indicator_finding(self, p, ind, f"{shown}：单位不一致（按换算比较）", severity="info",
                                                expected=tu, actual=au)
                    else:
                        yield indicator_finding(self, p, ind, f"{shown}：度量单位不一致，无法比较", expected=tu,
                                                actual=au)
                elif m.target and m.actual and m.target > 0 and m.actual > 0 and not m.converted:
                    ratio = max(m.target / m.actual, m.actual / m.target)
                    if ratio >= 1000:
                        yield indicator_finding(self, p, ind, f"{shown}：相差 {num(ratio)} 倍，疑为单位（万元/元、万人/人）"
                                                              f"混用", expected=m.target, actual=m.actual)


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
            for ind in _read_rows(p):
                key = norm_name(ind.name)
                if len(key) >= 2:
                    groups.setdefault(key, []).append(ind)
            for inds in groups.values():
                if len(inds) < 2:
                    continue
                places = "、".join(f"{i.level2 or i.level1 or ''}{f'（第 {i.line} 行）' if i.line else ''}" for i in inds)
                yield indicator_finding(self, p, inds[0], f"在本表出现 {len(inds)} 次：{places}",
                                        uncertain=any(i.uncertain for i in inds), expected="1", actual=str(len(inds)))


@register
class TargetSetLow(Rule):
    """年度指标值定得低于实际能达到的水平，偏差说明写“指标值设置偏低”：目标设定不合理（常伴随扣分）。
    同一张表的多个此类指标报一项，其余列在其下。

    失败示例：“工伤、伤残、病退鉴定人数 300-400 人，完成 660 人，得分 1.75（分值 5），偏差原因：指标设置值偏低”。
    通过示例：完成值略高于目标，偏差说明为空。
    """

    id = "P-target-low"
    severity = "warning"
    name = "目标设置偏低"

    def check(self, ctx):
        for p in ctx.doc.performance:
            found = []
            for ind in _read_rows(p):
                hit = SET_LOW.search(ind.deviation or "")
                if not hit:
                    continue
                m = Measured(ind)
                if m.comparable and not m.met():
                    continue  # not reached: '偏低' there is a slip of the pen, not a low target
                target = ind.target_text or (_target_text(m) if m.target is not None else "（空）")
                actual = ind.actual_text or (f"{num(m.actual_printed)}{m.actual_unit}" if m.actual is not None else "（空）")
                lost = ""
                if ind.weight is not None and ind.score is not None and ind.score < ind.weight:
                    lost = f"，扣 {num(ind.weight - ind.score)} 分"
                found.append(indicator_finding(self, p, ind, f"年度指标值 {target}，实际完成 {actual}{lost}；偏差说明称"
                                                             f"“{hit.group(0)}”：目标在编制时定得低于可达水平",
                                               expected=target, actual=actual))
            yield from one_practice(found, f"本表 {len(found)} 个指标的目标都定得低于实际完成（同一编制问题）：")
