"""P — the arithmetic of one self-evaluation table: 执行率, its score, weights, subtotal,
total, a blank total and the grade the total implies."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal

from juesuan import lazy
from juesuan.findings import Finding, FindingCell, perf_cell
from juesuan.model import PerformanceItem
from juesuan.money import CENT, HALF_CENT, ZERO, q4
from juesuan.rules.base import Rule, num, pct, register
from juesuan.rules.memo import memoized
from juesuan.rules.performance.common import (
    GRADE_BANDS,
    GRADE_WORDS,
    HUNDRED,
    LOW,
    attachments,
    cent_t,
    cent_t_sum,
    figure,
    grade_of,
    item_finding,
    one_practice,
    rate_as_percent,
    ratio_tolerance,
    runs,
    suspicious_scores,
    t,
    table_misread,
)

# The cells a finding about a row cites, made when there is a finding (most rows have none, and
# a finding cell is a validated model): a function of no arguments that makes them.
Cells = Callable[[], list[FindingCell | None]]


def _figures(p: PerformanceItem, columns: tuple[str, ...], of=None) -> Cells:
    return lambda: [figure(p, c, of) for c in columns]


def _rate_rows(p: PerformanceItem) -> Iterator[tuple[str, Decimal, Decimal, Decimal, Cells]]:
    """(label, budget, executed, rate, their cells) of every printed rate of the table: the
    headline, each funds row that is not the headline again, each task of a 整体 table."""
    # (`is not None`, not `None in (…)`: a Decimal compared with None asks whether None is a
    # numbers.Rational, an ABC check in Python, for every figure of every table)
    head = (p.budget, p.executed, p.rate)
    head_printed = p.budget is not None and p.executed is not None and p.rate is not None
    if head_printed:
        yield "", p.budget, p.executed, p.rate, _figures(p, ("全年预算数", "全年执行数", "执行率"))  # type: ignore[misc]
    for f in p.funds:
        row = (f.budget, f.executed, f.rate)
        # (a headline with a blank differs from a row without one, so it is not compared)
        if f.budget is not None and f.executed is not None and f.rate is not None and (
                not head_printed or row != head):
            def cells(f=f, row=row) -> list[FindingCell | None]:
                return [perf_cell(p.name, c, v, row=f.source) for c, v in zip(("全年预算数", "全年执行数", "执行率"), row)]
            yield f"{f.source} ", f.budget, f.executed, f.rate, cells
    for task in p.tasks:
        if task.budget is not None and task.executed is not None and task.rate is not None:
            yield (f"任务“{task.name}” ", task.budget, task.executed, task.rate,
                   _figures(p, ("预算数", "执行数", "执行率"), task))


def band_severity(excess: Decimal) -> str | None:
    """'info' when a rate or a score misses by no more than one unit of its last printed place
    beyond the tolerance (a truncated figure: 7.88 for 7.8895) — 尾差, as ``money.rounding_band``
    treats sums; None otherwise (the rule's severity)."""
    return "info" if excess <= CENT else None


MAX_RATE = Decimal(1000)  # percent: beyond it a printed 执行率 is another column read as the rate


@register
class ExecutionRate(Rule):
    """执行率 = 全年执行数 ÷ 全年预算数 × 100%（表头、各资金来源行、整体表的各项任务）。

    失败示例：预算 351.52 万元，执行 149.50 万元，执行率写 45.53%（应为 42.53%）。
    通过示例：执行率 42.53%；或按小数印作 0.95（即 95%）。
    """

    id = "P-execution-rate"
    name = "执行率"

    def check(self, ctx):
        for p in ctx.doc.performance:
            for label, budget, executed, rate, cells in _rate_rows(p):
                if budget <= 0 or rate > MAX_RATE:
                    continue  # no rate on a zero budget; a 'rate' of thousands is an amount read as one
                computed = executed / budget * HUNDRED
                shown, tol = rate_as_percent(rate, computed)
                excess = abs(shown - computed) - tol - ratio_tolerance(executed, budget)
                if excess > 0:
                    severity = band_severity(excess)
                    note = "；差额在 0.01 个百分点以内，按尾差（截尾而非四舍五入）提示" if severity else ""
                    yield item_finding(self, p, f"{label}执行率 {pct(shown)} ≠ 执行数 {num(executed)} ÷ 预算数 "
                                                f"{num(budget)} = {pct(computed)}{note}",
                                       expected=q4(computed), actual=rate, difference=q4(shown - computed),
                                       severity=severity, figures=cells())


@register
class RateScore(Rule):
    """预算执行率得分 = 分值 × 执行率（不超过分值），执行率按执行数 ÷ 预算数计算；整体表各项任务的得分同样。

    得分与按印出的取整执行率（如 83%）算得的一致、却与按实际执行率（82.53%）算得的不一致时，
    是“按取整后的执行率计分”，报 warning。
    失败示例：分值 10，执行率 95.00%，得分写 10（应为 9.50）；或分值 20，预算 81、执行 66.85，
    执行率印作 83%，得分 16.6（实际执行率 82.53% 应得 16.51）。
    通过示例：得分 9.50；执行率 105% 时得分 10（封顶）。
    """

    id = "P-rate-score"
    name = "执行率得分"

    def check(self, ctx):
        for p in ctx.doc.performance:
            rows = [("", p.weight, p.rate_score, p.budget, p.executed, p.rate,
                     _figures(p, ("分值", "得分", "执行率", "全年预算数", "全年执行数")))]
            rows += [(f"任务“{k.name}” ", k.weight, k.score, k.budget, k.executed, k.rate,
                      _figures(p, ("分值", "得分", "执行率", "预算数", "执行数"), k)) for k in p.tasks]
            truncated = []
            for label, weight, score, budget, executed, rate, cells in rows:
                if weight is not None and score is not None:
                    found = self._row(p, label, weight, score, budget, executed, rate, cells)
                    if found is not None and found.severity == "info":
                        truncated.append(found)
                    elif found is not None:
                        yield found
            yield from one_practice(truncated, f"本表 {len(truncated)} 个得分按截尾取两位（尾差）：")

    def _row(self, p: PerformanceItem, label: str, weight: Decimal, score: Decimal, budget: Decimal | None,
             executed: Decimal | None, printed_rate: Decimal | None, cells: Cells) -> Finding | None:
        if budget == 0 or (printed_rate is not None and printed_rate > MAX_RATE):
            return None  # nothing budgeted (0/0), or another column read as the rate
        computed = executed / budget * HUNDRED if budget and executed is not None else None
        if computed is not None:
            assert budget is not None and executed is not None
            rate, rate_tol = computed, ratio_tolerance(executed, budget)
        elif printed_rate is not None and printed_rate <= MAX_RATE:
            rate, rate_tol = rate_as_percent(printed_rate, None)
        else:
            return None
        expected = min(weight, weight * rate / HUNDRED)
        # a score computed from a rate printed to 0.01% is legitimate (double rounding); a
        # coarser print (83% for 82.53%) is a rounding the score must not inherit
        printed_rate_tol = min(t(printed_rate), HALF_CENT) if printed_rate is not None else ZERO
        excess = abs(score - expected) - t(score) - weight * (rate_tol + printed_rate_tol) / HUNDRED
        if excess <= 0:
            return None
        msg = f"{label}预算执行率得分 {score} ≠ 分值 {weight} × 执行率 {pct(rate)} = {num(expected)}（封顶 {weight}）"
        severity = band_severity(excess)
        if severity:
            msg += "；差额在一分钱以内，按尾差（截尾而非四舍五入）提示"
        if computed is not None and printed_rate is not None:
            printed, _ = rate_as_percent(printed_rate, computed)
            if abs(score - min(weight, weight * printed / HUNDRED)) <= t(score):
                msg += f"；得分是按取整后的执行率 {pct(printed)} 计算的，应按执行数 ÷ 预算数计算"
                severity = "warning"
        return item_finding(self, p, msg, expected=q4(expected), actual=score, difference=q4(score - expected),
                            severity=severity, figures=cells())


def _weights(p: PerformanceItem) -> list[Decimal] | None:
    """Every weight of the table (indicators, tasks, 执行率), or None when one is not printed or
    a row was read with its columns shifted."""
    ws = [i.weight for i in p.indicators] + [k.weight for k in p.tasks if k.weight is not None]
    if not p.indicators or any(w is None for w in ws) or table_misread(p):
        return None
    return [w for w in ws if w is not None] + ([p.weight] if p.weight is not None else [])


def _weight_sum(p: PerformanceItem) -> tuple[list[Decimal], Decimal, Decimal] | None:
    """(the table's weights, their sum, its tolerance), or None as ``_weights``; once per audit
    (rules.memo: three rules ask it of every table)."""
    return memoized("weight_sum", p, _weight_sum_of)


def _weight_sum_of(p: PerformanceItem) -> tuple[list[Decimal], Decimal, Decimal] | None:
    ws = _weights(p)
    if ws is None:
        return None
    return ws, sum(ws, ZERO), cent_t_sum(ws)


def _weights_complete(p: PerformanceItem) -> bool | None:
    got = _weight_sum(p)
    if got is None:
        return None
    _, total, tol = got
    return abs(total - HUNDRED) <= tol


def _scores_add_up(p: PerformanceItem) -> bool:
    """True when the scores read add up to the printed total (and subtotal): then no scored part
    of the table is missing from the model, and its weights can be judged."""
    scores = [i.score for i in p.indicators] + [k.score for k in p.tasks if k.weight is not None]
    if not scores or any(s is None for s in scores) or table_misread(p):
        return False
    total = sum((s for s in scores if s is not None), ZERO)
    tol = cent_t_sum(scores)
    if p.indicator_score is not None:
        return abs(total - p.indicator_score) <= tol + cent_t(p.indicator_score)
    if p.total_score is None or (p.weight is not None and p.rate_score is None):
        return False
    whole = total + (p.rate_score or ZERO) - (p.deduction or ZERO)
    return abs(whole - p.total_score) <= tol + cent_t(p.total_score) + cent_t(p.rate_score) + cent_t(p.deduction)


def _score_gap(p: PerformanceItem) -> tuple[Decimal, Decimal] | None:
    """(总分 − (Σ指标得分 + 执行率得分 − 减分), its tolerance) when every part was printed; once
    per audit (rules.memo: two rules ask it of every table)."""
    return memoized("score_gap", p, _score_gap_of)


def _score_gap_of(p: PerformanceItem) -> tuple[Decimal, Decimal] | None:
    scores = [i.score for i in p.indicators] + [k.score for k in p.tasks if k.weight is not None]
    if p.total_score is None or not scores or any(s is None for s in scores) or table_misread(p):
        return None
    if p.kind == "project" and p.weight is None:
        return None  # the 执行率 row (its 分值 and 得分) was not read: a part of the total is missing
    rate_score, rate_tol = p.rate_score, cent_t(p.rate_score)
    if rate_score is None and p.weight is not None:
        # a blank 执行率得分 (P-blank-total reports it) counts as 分值 × 执行率
        if not p.budget or p.executed is None:
            return None
        rate_score = min(p.weight, p.weight * p.executed / p.budget)
        rate_tol = p.weight * ratio_tolerance(p.executed, p.budget) / HUNDRED
    whole = sum((s for s in scores if s is not None), ZERO) + (rate_score or ZERO) - (p.deduction or ZERO)
    tol = cent_t_sum(scores) + cent_t(p.total_score) + rate_tol \
        + cent_t(p.deduction)
    return p.total_score - whole, tol


def _weight_cells(p: PerformanceItem) -> list[FindingCell | None]:
    return ([figure(p, "分值", i) for i in p.indicators] + [figure(p, "分值", k) for k in p.tasks]
            + [figure(p, "分值")])


@register
class WeightSum(Rule):
    """各指标分值（整体表还有各项任务的分值）加预算执行率分值合计 100 分。

    分值合计不足 100、而总分恰好比各项得分之和多出同样的差额时，是同一个原因：表中少了一行满分的指标
    （漏印或删去），或分值、总分是按表外的指标填的——报一项（warning），不再另报总分。
    失败示例：执行率 10 分，指标分值 12.5×4 + 20 + 15 = 85，合计 95；或分值合计 90，总分 94.04 而各项
    得分之和 84.04（同差 10 分）。
    通过示例：10 + 12.5×4 + 20×2 = 100。
    """

    id = "P-weight-sum"
    name = "分值合计"

    def check(self, ctx):
        for p in ctx.doc.performance:
            got = _weight_sum(p)
            if got is None:
                continue
            ws, total, wtol = got
            if abs(total - HUNDRED) <= wtol:
                continue
            rate = f"执行率分值 {p.weight} + " if p.weight is not None else ""
            said = f"{rate}{len(ws) - (p.weight is not None)} 项指标（任务）分值之和 = {num(total)}，应为 100"
            if _scores_add_up(p):
                yield item_finding(self, p, said, expected="100", actual=total, difference=total - HUNDRED,
                                   figures=_weight_cells(p))
                continue
            gap = _score_gap(p)
            missing = HUNDRED - total
            if gap is not None and abs(gap[0] - missing) <= gap[1] + wtol:
                yield item_finding(
                    self, p, f"{said}；总分 {p.total_score} 也比各项得分之和多 {num(gap[0])} 分：差额相同，表中少了一行"
                             f" {num(missing)} 分、得满分的指标（漏印或删去），或分值与总分是按表外的指标填写的",
                    severity="warning", expected="100", actual=total, difference=total - HUNDRED,
                    # a part the reader did not take in (资金管理情况 …) leaves the same gap: the basis
                    # is the model's completeness, so the finding is marked for checking
                    figures=[*_weight_cells(p), figure(p, "总分")], uncertain=True)


def _indicator_part(p: PerformanceItem) -> tuple[Decimal, list[Decimal], str] | None:
    """The scored part of the total besides 执行率: the printed 指标自评得分小计, or else the sum of
    the printed indicator (and task) scores — only when the table's weights are all printed and
    add up to 100, so no scored part of the table is missing from the model."""
    if p.indicator_score is not None:
        return p.indicator_score, [p.indicator_score], f"指标得分小计 {p.indicator_score}"
    scores = [i.score for i in p.indicators if i.score is not None] + [k.score for k in p.tasks if k.score is not None]
    if not scores or _weights_complete(p) is not True:
        return None
    total = sum(scores, ZERO)
    return total, scores, f"{len(scores)} 项指标（任务）得分之和 {num(total)}"


@register
class TotalScore(Rule):
    """绩效自评总分 = 指标得分（小计，或各指标得分之和）+ 预算执行率得分 − 减分项。

    失败示例：指标得分 88，执行率得分 9.50，总分写 98.50（应为 97.50）。
    通过示例：总分 97.50；或 90 + 4.25 − 35.252 = 59（印出的减分项把总分降到 60 分以下）。
    """

    id = "P-total-score"
    name = "总分"

    def check(self, ctx):
        for p in ctx.doc.performance:
            part = _indicator_part(p)
            if p.total_score is None or part is None:
                continue
            if p.rate_score is None and p.weight is not None:
                continue  # 执行率 is scored but its score was not read
            value, terms, label = part
            rate = p.rate_score or ZERO
            ded = p.deduction or ZERO
            computed = value + rate - ded
            tol = cent_t(p.total_score) + cent_t_sum(terms) + cent_t(p.rate_score) + cent_t(p.deduction)
            if abs(p.total_score - computed) > tol:
                rate_text = f" + 执行率得分 {p.rate_score}" if p.rate_score is not None else ""
                ded_text = f" − 减分 {ded}" if p.deduction else ""
                uncertain = p.indicator_score is None and suspicious_scores(p)
                yield item_finding(self, p, f"总分 {p.total_score} ≠ {label}{rate_text}{ded_text} = {num(computed)}",
                                   expected=computed, actual=p.total_score, difference=p.total_score - computed,
                                   uncertain=uncertain)


@register
class ScoreSubtotal(Rule):
    """指标自评得分小计 = 各三级指标得分之和。

    失败示例：六项指标得分 12.5×4 + 20 + 20 = 90，小计写 85。
    通过示例：小计 90。
    """

    id = "P-score-subtotal"
    name = "指标得分小计"

    def check(self, ctx):
        for p in ctx.doc.performance:
            if p.indicator_score is None or not p.indicators or _weights_complete(p) is not True:
                continue  # without every weight adding up, a missing row looks like a wrong subtotal
            if any(i.score is None and i.weight is not None for i in p.indicators):
                continue
            scores = [i.score for i in p.indicators if i.score is not None]
            if not scores:
                continue
            total = sum(scores, ZERO)
            if abs(total - p.indicator_score) > cent_t(p.indicator_score) + cent_t_sum(scores):
                yield item_finding(self, p, f"指标自评得分小计 {p.indicator_score} ≠ {len(scores)} 项三级指标得分之和 "
                                            f"{num(total)}",
                                   expected=total, actual=p.indicator_score, difference=p.indicator_score - total,
                                   uncertain=suspicious_scores(p))


@register
class BlankTotal(Rule):
    """印出了各项得分却没有填总分（绩效自评总得分/总分为空）；或印出了预算执行率的分值和执行率，得分一栏为空。

    失败示例：指标得分小计 90、预算执行率得分 10 都已填写，绩效自评总得分一栏空白；或“分值 10，执行率
    40.38%，得分”空白。
    通过示例：总分 100；执行率得分 4.04。
    """

    id = "P-blank-total"
    severity = "warning"
    name = "总分空白"

    def check(self, ctx):
        for p in ctx.doc.performance:
            if p.source != "attachment":
                continue
            if p.total_score is None:
                printed = p.printed.get("总分")
                blank_cell = printed is not None and not printed.raw.strip()
                # the footer's other scores were read, so the reader saw the line the total sits on
                footer_read = p.indicator_score is not None and p.rate_score is not None
                # every row's score and the 执行率 score were read: the total is the one figure
                # missing, though its blank cell itself was not seen (so the basis is uncertain)
                scored = bool(p.indicators) and p.rate_score is not None and all(
                    i.score is not None for i in p.indicators if i.weight is not None)
                if blank_cell or footer_read or scored:
                    yield item_finding(self, p, "已填写各项得分，但总分为空", expected="总分", actual="（空）",
                                       page=printed.page if printed and printed.page else p.page,
                                       line=printed.line if printed and printed.line else p.line,
                                       columns=("总分",), uncertain=not (blank_cell or footer_read))
            if p.rate_score is None and p.weight is not None and p.rate is not None and "得分" not in p.printed:
                yield item_finding(self, p, f"预算执行率分值 {p.weight}、执行率 {pct(p.rate)} 已填写，但得分为空",
                                   expected="得分", actual="（空）", columns=("分值", "执行率", "得分"))


# a narrative sentence that states a score and the grade it earned
_STATED_GRADE = lazy.pattern(r"(?:得分|总分)\s*(?:为)?\s*(\d+(?:\.\d+)?)\s*分[^。；;]*?(?:评价结论|自评等级|评价等级|自评结果|等级)"
                           r"\s*(?:为|是|：|:)\s*[“\"]?(优秀|优|良好|良|不合格|合格|中|一般|差)")


def _may_state_grade(text: str) -> bool:
    """A screen for _STATED_GRADE, whose every match starts with 得分 or 总分: two substring
    searches instead of the pattern tried at every character of every statement."""
    return "得分" in text or "总分" in text


@register
class Grade(Rule):
    """自评等级与总分相符：90 分（含）以上为优，80（含）—90 为良，60（含）—80 为中，60 以下为差
    （财政部《项目支出绩效评价管理办法》）。

    失败示例：总分 85.50，自评等级写“优”；或说明称“整体绩效评价得分 78 分，评价结论为良”。
    通过示例：总分 98.64，等级“优”。
    """

    id = "P-grade"
    name = "自评等级"

    def check(self, ctx):
        for p in ctx.doc.performance:
            grade = GRADE_WORDS.get(p.grade.strip())
            if grade is None or p.total_score is None:
                continue
            expected = grade_of(p.total_score)
            if grade != expected:
                yield item_finding(self, p, f"总分 {p.total_score} 对应等级“{expected}”，表中写“{p.grade}”",
                                   expected=expected, actual=p.grade)
        if not _may_state_grade(ctx.statement_text()):
            return
        for st in ctx.doc.statements:
            if not _may_state_grade(st.text):
                continue
            for m in _STATED_GRADE.finditer(st.text):
                score, grade = Decimal(m.group(1)), GRADE_WORDS[m.group(2)]
                if score <= HUNDRED and grade != grade_of(score):
                    yield self.finding(f"情况说明“{m.group(0)}”：{score} 分对应等级“{grade_of(score)}”，"
                                       f"而说明写“{m.group(2)}”", expected=grade_of(score), actual=m.group(2),
                                       page=st.page, line=st.line)


@register
class ZeroBudgetRate(Rule):
    """预算数为 0 时执行率无从计算：不应写“完成预算的 0%”，更不应因此扣分。整体表的任务、项目表的资金行、
    情况说明的项目综述都适用；附件中只在因此扣分时报。

    失败示例：任务“基本支出人员经费（其他）”预算 0、执行 0、执行率 0.00%，分值 7，得分 0；说明称“项目全年
    预算数为 0 万元，执行数为 0 万元，完成预算的 0%”。
    通过示例：预算 0 的任务不列入，或执行率写“—”、得满分或不计分。
    """

    id = "P-zero-budget"
    severity = "warning"
    name = "零预算的执行率"

    def check(self, ctx):
        for p in ctx.doc.performance:
            rows = [("", p.budget, p.executed, p.rate, p.weight, p.rate_score,
                     _figures(p, ("全年预算数", "执行率", "分值", "得分")))]
            rows += [(f"任务“{k.name}” ", k.budget, k.executed, k.rate, k.weight, k.score,
                      _figures(p, ("预算数", "执行率", "分值", "得分"), k)) for k in p.tasks]
            for label, budget, executed, rate, weight, score, cells in rows:
                if budget != 0 or rate is None or (executed is not None and executed != 0):
                    continue
                deducted = ""
                if weight is not None and score is not None and score < weight - t(score):
                    deducted = f"，并因此扣 {num(weight - score)} 分（分值 {weight}，得分 {score}）"
                elif p.source == "attachment":
                    continue
                yield item_finding(self, p, f"{label}预算数为 0，执行率无从计算，却写作 {pct(rate)}{deducted}",
                                   expected="—", actual=rate, figures=cells())


@register
class UnspentFullMarks(Rule):
    """资金大部分没有花出去（执行率低于 80%），而各项产出、效益指标全部满分、总分达“优”（90 分以上）：
    指标完成情况与资金执行相矛盾，满分缺乏依据。

    失败示例：预算 36 万元、执行 0，执行率 0%，系统运行天数等 7 项指标全部满分，总分 90。
    通过示例：执行率 98.74%，指标全部满分；或执行率 42.53%，未完成的指标按完成比例扣分。
    """

    id = "P-unspent-full-marks"
    severity = "warning"
    name = "资金未执行而指标满分"

    def check(self, ctx):
        for p in attachments(ctx.doc.performance, "project"):
            if not p.budget or p.executed is None or p.total_score is None or p.total_score < GRADE_BANDS[0][0]:
                continue
            rate = p.executed / p.budget * HUNDRED
            if rate >= LOW or table_misread(p):
                continue
            scored = [i for i in p.indicators if i.weight is not None and i.score is not None and i.weight > 0]
            if len(scored) < 3 or any(i.score < i.weight - t(i.score) for i in scored):  # type: ignore[operator]
                continue
            yield item_finding(self, p, f"执行率 {pct(rate)}（执行 {num(p.executed)} ÷ 预算 {num(p.budget)} 万元），"
                                        f"{len(scored)} 项指标却全部得满分，总分 {p.total_score}（等级“{grade_of(p.total_score)}”）："
                                        "指标完成情况与资金执行相矛盾",
                               expected=f"< {GRADE_BANDS[0][0]}", actual=p.total_score,
                               columns=("全年预算数", "全年执行数", "执行率", "总分"))


@register
class HeadingWeight(Rule):
    """一级（二级）指标在自己的单元格里印出分值（如“成本指标（20分）”）时：其下各三级指标的分值之和等于
    该分值；只印得分的表，其下得分之和不超过该分值；各一级指标分值加预算执行率分值（整体表加各项任务分值）
    合计 100。

    失败示例：“满意度指标（10分）”下两项满意度各得 10 分；“成本指标（20分）”下两行分值 15 + 10；一级指标
    20 + 20 + 30 + 10 加执行率 10 = 90。
    通过示例：“产出指标（20分）”下 8 行得分之和 5 + 5 + 10 = 20；20 + 20 + 30 + 10 + 执行率 20 = 100。
    """

    id = "P-heading-weight"
    name = "一级指标分值"

    def check(self, ctx):
        for p in ctx.doc.performance:
            if table_misread(p) or not _total_holds(p):
                continue  # rows may sit under the wrong heading (OCR): the heading sums say nothing
            for level in ("一级", "二级"):
                pointed = [r for r in runs(p, level) if r.points is not None]
                excess = sum((sum((i.score for i in r.rows if i.score is not None), ZERO) - (r.points or ZERO)
                              for r in pointed), ZERO)
                found = [f for r in pointed for f in self._run(p, r, excess > 0)]
                yield from one_practice(found, f"本表 {len(found)} 个{level}指标的分值不符：")
            yield from self._total(p)

    def _run(self, p: PerformanceItem, r, net_excess: bool):
        weights = [i.weight for i in r.rows]
        scores = [i.score for i in r.rows if i.score is not None]
        uncertain = any(i.uncertain for i in r.rows)
        head = f"{r.heading}（{num(r.points)}分）"
        if all(w is not None for w in weights):
            total = sum((w for w in weights if w is not None), ZERO)
            if abs(total - r.points) > cent_t_sum(weights) + cent_t(r.points):
                yield item_finding(self, p, f"{level_label(r)}“{head}”下 {len(weights)} 项三级指标分值之和 {num(total)} ≠ "
                                            f"{num(r.points)}", expected=r.points, actual=total,
                                   difference=total - r.points, uncertain=uncertain,
                                   figures=[figure(p, "分值", i) for i in r.rows])
        elif all(w is None for w in weights) and scores and net_excess:
            # scores above one heading's points but below another's are a row read under the
            # wrong heading as likely as a wrong score: only an excess over all headings counts
            total = sum(scores, ZERO)
            if total > r.points + cent_t_sum(scores):
                yield item_finding(self, p, f"{level_label(r)}“{head}”下 {len(scores)} 项三级指标得分之和 {num(total)}，超过"
                                            f"该指标的 {num(r.points)} 分", expected=f"≤ {r.points}", actual=total,
                                   difference=total - r.points, uncertain=uncertain,
                                   figures=[figure(p, "得分", i) for i in r.rows])

    def _total(self, p: PerformanceItem):
        heads = runs(p, "一级")
        if not heads or any(r.points is None for r in heads):
            return  # a heading without points: the table's weights are not all in heading cells
        if len({r.heading for r in heads}) != len(heads):
            return  # a heading repeated (one set per 年度绩效目标): the budget is per target
        parts = [r.points for r in heads] + [k.weight for k in p.tasks if k.weight is not None]
        parts += [p.weight] if p.weight is not None else []
        total = sum((x for x in parts if x is not None), ZERO)
        if abs(total - HUNDRED) > cent_t_sum(parts):
            shown = " + ".join(f"{r.heading} {num(r.points)}" for r in heads)
            rate = f" + 执行率 {num(p.weight)}" if p.weight is not None else ""
            yield item_finding(self, p, f"一级指标分值 {shown}{rate} = {num(total)}，应为 100", expected="100", actual=total,
                               difference=total - HUNDRED, uncertain=any(i.uncertain for i in p.indicators),
                               columns=("分值",))


def _total_holds(p: PerformanceItem) -> bool:
    """True when the table's total is Σ row scores + 执行率得分 (+ task scores) − 减分: every scored
    row was read, and read as printed."""
    gap = _score_gap(p)
    return gap is not None and abs(gap[0]) <= gap[1]


def level_label(r) -> str:
    return f"{r.level}指标"
