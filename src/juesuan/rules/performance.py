"""P — performance self-evaluation (绩效自评表 and its narrative summary)."""

from __future__ import annotations

import re
from decimal import Decimal

from juesuan.model import PerformanceItem
from juesuan.money import q4, tolerance
from juesuan.rules.base import Rule, half_unit, num, pct, register


def _t(v: Decimal) -> Decimal:
    return tolerance(1, half_unit(v))


def _where(p: PerformanceItem) -> str:
    return "附件绩效自评表" if p.source == "attachment" else "情况说明"


def _at(p: PerformanceItem) -> str:
    if p.page:
        return f"（第 {p.page} 页）"
    return f"（第 {p.line} 行）" if p.line else ""


def _finding(rule, p: PerformanceItem, message, **kw):
    # A figure repaired while reading makes the finding's basis uncertain; say so.
    kw["uncertain"] = kw.get("uncertain", False) or p.uncertain
    if p.note:
        message = f"{message}（读取时修复：{p.note}）"
    return rule.finding(f"{_where(p)}“{p.name}”：{message}", page=p.page, line=p.line, **kw)


@register
class ExecutionRate(Rule):
    """执行率 = 全年执行数 ÷ 全年预算数 × 100%。

    失败示例：预算 351.52 万元，执行 149.50 万元，执行率写 45.53%（应为 42.53%）。
    通过示例：执行率 42.53%。
    """

    id = "P-execution-rate"
    family = "P"
    name = "执行率"

    def check(self, ctx):
        for p in ctx.doc.performance:
            if p.budget is None or p.executed is None or p.rate is None or p.budget <= 0:
                continue
            computed = p.executed / p.budget * 100
            tol = _t(p.rate) + 100 * (_t(p.executed) / p.budget + p.executed * _t(p.budget) / p.budget ** 2)
            if abs(p.rate - computed) > tol:
                yield _finding(self, p, f"执行率 {pct(p.rate)} ≠ 执行数 {num(p.executed)} ÷ 预算数 {num(p.budget)} = "
                                        f"{pct(computed)}",
                               expected=q4(computed), actual=p.rate,
                               difference=q4(p.rate - computed))


@register
class RateScore(Rule):
    """预算执行率得分 = 分值 × 执行率（不超过分值）。

    失败示例：分值 10，执行率 95.00%，得分写 10（应为 9.50）。
    通过示例：得分 9.50；执行率 105% 时得分 10（封顶）。
    """

    id = "P-rate-score"
    family = "P"
    name = "执行率得分"

    def check(self, ctx):
        for p in ctx.doc.performance:
            if p.weight is None or p.rate_score is None:
                continue
            if p.rate is not None:
                rate, rate_tol = p.rate, _t(p.rate)
            elif p.budget and p.executed is not None:
                rate = p.executed / p.budget * 100
                rate_tol = 100 * (_t(p.executed) / p.budget + p.executed * _t(p.budget) / p.budget ** 2)
            else:
                continue
            computed = min(p.weight, p.weight * rate / 100)
            tol = _t(p.rate_score) + p.weight * rate_tol / 100
            if abs(p.rate_score - computed) > tol:
                yield _finding(self, p, f"预算执行率得分 {p.rate_score} ≠ 分值 {p.weight} × 执行率 {pct(rate)} = "
                                        f"{num(computed)}（封顶 {p.weight}）",
                               expected=q4(computed), actual=p.rate_score,
                               difference=q4(p.rate_score - computed))


@register
class TotalScore(Rule):
    """绩效自评总分 = 指标得分 + 预算执行率得分 − 减分项。

    失败示例：指标得分 88，执行率得分 9.50，总分写 98.50（应为 97.50）。
    通过示例：总分 97.50。
    """

    id = "P-total-score"
    family = "P"
    name = "总分"

    def check(self, ctx):
        for p in ctx.doc.performance:
            if p.total_score is None or p.indicator_score is None or p.rate_score is None:
                continue
            ded = p.deduction or Decimal(0)
            computed = p.indicator_score + p.rate_score - ded
            tol = _t(p.total_score) + _t(p.indicator_score) + _t(p.rate_score) + (_t(ded) if p.deduction else 0)
            if abs(p.total_score - computed) > tol:
                yield _finding(self, p, f"总分 {p.total_score} ≠ 指标得分 {p.indicator_score} + 执行率得分 "
                                        f"{p.rate_score} − 减分 {ded} = {computed}",
                               expected=computed, actual=p.total_score, difference=p.total_score - computed)


ABBREVIATIONS = (("社保", "社会保险"), ("人社", "人力资源和社会保障"))


def _key(name: str) -> str:
    k = re.sub(r"[\s“”\"'‘’《》「」（）()、，,:：]", "", name or "")
    for short, full in ABBREVIATIONS:
        k = k.replace(short, full)
    return re.sub(r"(项目|经费|资金)+$", "", k)


def match_attachment(name: str, attachments: dict) -> PerformanceItem | None:
    """The attachment item for a narrative item: same name after normalisation (abbreviations
    expanded, 项目/经费 dropped), else the one whose name contains or is contained in it."""
    k = _key(name)
    if not k:
        return None
    if k in attachments:
        return attachments[k]
    hits = [a for ak, a in attachments.items() if len(ak) >= 4 and len(k) >= 4 and (ak in k or k in ak)]
    return hits[0] if len(hits) == 1 else None


@register
class NarrativeMatchesAttachment(Rule):
    """情况说明中的项目绩效数字应与附件自评表一致（预算数、执行数、执行率、总分）。

    失败示例：情况说明称“项目自评得分 95 分”，附件自评表总分 97.50。
    通过示例：两处都是 97.50。
    """

    id = "P-narrative-attachment"
    family = "P"
    name = "说明与附件一致"
    FIELDS = (("budget", "预算数"), ("executed", "执行数"), ("rate", "执行率"), ("total_score", "自评总分"))

    def check(self, ctx):
        att = {}
        for p in ctx.doc.performance:
            if p.source == "attachment":
                att.setdefault(_key(p.name), p)
        for p in ctx.doc.performance:
            if p.source != "narrative":
                continue
            a = match_attachment(p.name, att)
            if a is None:
                continue
            for field, label in self.FIELDS:
                nv, av = getattr(p, field), getattr(a, field)
                if nv is None or av is None:
                    continue
                if abs(nv - av) > _t(nv) + _t(av):
                    yield _finding(self, p, f"{label} {nv} 与附件自评表“{a.name}”{_at(a)} {av} 不一致",
                                   expected=av, actual=nv, difference=nv - av)

