"""Synthetic performance self-evaluations (绩效自评表): made-up projects with whole tables, every
score consistent by construction.

* 执行率 = 全年执行数 ÷ 全年预算数 × 100, rounded half up to 0.01 (as printed);
* 执行率得分 = 分值 × 执行数 ÷ 预算数 (the real rate, not the printed rounded one), rounded half
  up to 0.01, capped at the 分值 (10);
* indicator weights add up to 90, so with the 执行率 weight the table totals 100;
* an indicator that meets its target (respecting ≥ / ≤ / =) scores its full weight; one that
  misses scores weight × achieved ÷ target (≥) or target ÷ achieved (≤), and says why;
* 总分 = Σ indicator scores + 执行率得分; 自评等级 from the 总分 (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差);
* 完成程度 = achieved ÷ target (≥) or target ÷ achieved (≤), capped at 100%, the ratio the
  score uses (a met target and a qualitative one: 100%);
* 偏差度 = |实际完成值 − 年度指标值| ÷ 年度指标值 × 100, as the forms define it (an
  over-achievement deviates too; a qualitative target: 0);
* the points a 一级/二级 heading prints in its cell ("成本指标（20分）") = Σ 分值 of the rows
  under it.

All names are invented (样例市 departments, made-up projects), never copied from a document.
"""

from __future__ import annotations

import random
from decimal import Decimal

from juesuan.model import (
    OVERALL_PREFIX,
    PerformanceFund,
    PerformanceIndicator,
    PerformanceItem,
    PerformanceTask,
)
from juesuan.money import q2, quantize

HUNDRED = Decimal(100)
RATE_WEIGHT = Decimal(10)

# (一级指标, 二级指标, 三级指标, comparator, target, unit) — generic made-up indicators, 成本指标
# first as the current national template (and seed 002) print them
INDICATORS: tuple[tuple[str, str, str, str, Decimal | None, str], ...] = (
    ("成本指标", "经济成本指标", "人均补助标准", "≤", Decimal(1500), "元/人/月"),
    ("产出指标", "数量指标", "服务对象人数", "≥", Decimal(1200), "人次"),
    ("产出指标", "数量指标", "完成项目个数", "=", Decimal(6), "个"),
    ("产出指标", "质量指标", "验收合格率", "≥", Decimal(95), "%"),
    ("产出指标", "质量指标", "资金使用合规性", "", None, "合规"),
    ("产出指标", "时效指标", "资金拨付及时率", "≥", Decimal(98), "%"),
    ("效益指标", "社会效益指标", "政策知晓率", "≥", Decimal(90), "%"),
    ("效益指标", "可持续影响指标", "长效管理机制", "", None, "健全"),
    ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥", Decimal(90), "%"),
)


def rate_of(executed: Decimal, budget: Decimal) -> Decimal:
    return q2(executed / budget * HUNDRED) if budget else Decimal(0)


def rate_score(weight: Decimal, executed: Decimal, budget: Decimal) -> Decimal:
    return min(weight, q2(weight * executed / budget)) if budget else Decimal(0)


def grade_of(total: Decimal) -> str:
    return "优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差"


def _weights(n: int, rng: random.Random) -> list[Decimal]:
    """n whole-number weights of at least 5 adding up to 90."""
    w = [5] * n
    for _ in range(90 - 5 * n):
        w[rng.randrange(n)] += 1
    return [Decimal(x) for x in w]


def _indicator(spec: tuple, weight: Decimal, rng: random.Random) -> PerformanceIndicator:
    level1, level2, name, comp, target, unit = spec
    if target is None:  # a qualitative target: met, full marks
        return PerformanceIndicator(level1=level1, level2=level2, name=name, target_text=unit, actual_text=unit,
                                    weight=weight, score=weight, completion=HUNDRED, deviation_rate=Decimal("0.00"))
    miss = comp != "=" and rng.random() < 0.25  # a count set with "=" is met (the demo keeps to clear cases)
    if comp == "≤":
        actual = target * Decimal(rng.choice((105, 110, 120)) if miss else rng.choice((80, 90, 100))) / HUNDRED
    elif comp == "=":
        actual = target
    else:
        cap = Decimal(100) if unit == "%" else target * 2
        actual = q2(target * Decimal(rng.choice((80, 90, 95)) if miss else rng.choice((100, 101, 105))) / HUNDRED)
        actual = min(actual, cap) if unit == "%" else actual
    actual = quantize(actual, Decimal(1)) if unit != "%" and unit != "元/人/月" else q2(actual)
    met = actual <= target if comp == "≤" else actual == target if comp == "=" else actual >= target
    ratio = Decimal(1) if met else min(target / actual if comp == "≤" else actual / target, Decimal(1))
    if met:
        score, why = weight, ""
    else:
        score, why = q2(weight * ratio), "受年度实施进度影响未完全达到目标值；下一步加快实施进度，加强过程监控。"
    return PerformanceIndicator(level1=level1, level2=level2, name=name, comparator=comp, target=target, unit=unit,
                                actual=actual, weight=weight, score=score, deviation=why, reverse=comp == "≤",
                                completion=q2(ratio * HUNDRED), deviation_rate=deviation_rate(target, actual))


def deviation_rate(target: Decimal, actual: Decimal) -> Decimal:
    """偏差度 as the forms define it: |实际完成值 − 年度指标值| ÷ 年度指标值 × 100, to 0.01."""
    return q2(abs(actual - target) / target * HUNDRED) if target else Decimal("0.00")


def heading_weights(rows: list[PerformanceIndicator]) -> list[PerformanceIndicator]:
    """Each row with the points its 一级 and 二级 headings print: Σ 分值 of the rows under them."""
    l1: dict[str, Decimal] = {}
    l2: dict[tuple[str, str], Decimal] = {}
    for i in rows:
        w = i.weight or Decimal(0)
        l1[i.level1] = l1.get(i.level1, Decimal(0)) + w
        l2[(i.level1, i.level2)] = l2.get((i.level1, i.level2), Decimal(0)) + w
    return [i.model_copy(update=dict(level1_weight=l1[i.level1], level2_weight=l2[(i.level1, i.level2)]))
            for i in rows]


def _indicators(rng: random.Random) -> list[PerformanceIndicator]:
    n = rng.randint(5, 8)
    chosen = sorted(rng.sample(range(len(INDICATORS)), n))  # keep the form's order of 一级指标
    return heading_weights([_indicator(INDICATORS[k], w, rng) for k, w in zip(chosen, _weights(n, rng), strict=True)])


def _funds(initial: Decimal, budget: Decimal, executed: Decimal, rng: random.Random) -> list[PerformanceFund]:
    """年度资金总额 and its sources (当年财政拨款 / 上年结转资金 / 其他资金), sources adding up;
    a source with no money is left out, as many tables do."""
    carried = q2(budget * Decimal(rng.choice((0, 0, 5, 10))) / HUNDRED)
    spent_carried = min(carried, executed)
    rows = [("当年财政拨款", initial, budget - carried, executed - spent_carried),
            ("上年结转资金", Decimal(0), carried, spent_carried), ("其他资金", Decimal(0), Decimal(0), Decimal(0))]
    total_rate = rate_of(executed, budget)
    out = [PerformanceFund(source="年度资金总额", initial_budget=initial, budget=budget, executed=executed,
                           weight=RATE_WEIGHT, rate=total_rate, score=rate_score(RATE_WEIGHT, executed, budget))]
    out += [PerformanceFund(source=s, initial_budget=i, budget=b, executed=e, rate=rate_of(e, b))
            for s, i, b, e in rows if b]
    return out


def _headline(item: PerformanceItem) -> PerformanceItem:
    """The table's own figures (budget … total_score) from its funds and indicators."""
    total = item.funds[0]
    score = sum((i.score or Decimal(0) for i in item.indicators), Decimal(0)) + (total.score or Decimal(0))
    return item.model_copy(update=dict(
        initial_budget=total.initial_budget, budget=total.budget, executed=total.executed, rate=total.rate,
        rate_score=total.score, weight=total.weight, total_score=score, grade=grade_of(score)))


def project(name: str, department: str, implementer: str, year: int, budget: Decimal, executed: Decimal,
            rng: random.Random) -> PerformanceItem:
    """A 项目支出绩效自评表 of a made-up project."""
    initial = q2(budget * Decimal(rng.choice((90, 100, 100, 105))) / HUNDRED)
    item = PerformanceItem(
        name=name, kind="project", department=department, implementer=implementer, year=year,
        objective=f"按计划实施{name}，资金及时足额拨付，服务对象满意度不低于90%。",
        achieved=f"{name}按计划实施，资金按规定拨付使用，年度绩效目标基本完成。",
        funds=_funds(initial, budget, executed, rng), indicators=_indicators(rng))
    return _headline(item)


def overall(department: str, year: int, tasks: list[tuple[str, Decimal, Decimal]], rng: random.Random
            ) -> PerformanceItem:
    """A 部门（单位）整体绩效自评表: its tasks (name, budget, executed) and the department's funds,
    their sum (synth/budgets.py passes the 基本支出 人员经费 / 公用经费 and 项目支出 of the
    general budget, so the funds equal T05's 合计 and the basic tasks T06's totals)."""
    budget = sum((b for _, b, _ in tasks), Decimal(0))
    executed = sum((e for _, _, e in tasks), Decimal(0))
    item = PerformanceItem(
        name=OVERALL_PREFIX + department, kind="overall", year=year,
        objective="保障机构正常运转，完成年度重点工作任务，提高财政资金使用效益。",
        achieved="年度重点工作任务全部完成，预算执行规范，资金使用效益良好。",
        tasks=[PerformanceTask(name=n, budget=b, executed=e, rate=rate_of(e, b)) for n, b, e in tasks],
        funds=_funds(budget, budget, executed, rng), indicators=_indicators(rng))
    return _headline(item)


__all__ = ["INDICATORS", "deviation_rate", "grade_of", "heading_weights", "overall", "project", "rate_of", "rate_score"]
