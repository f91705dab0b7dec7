"""N/U — what the narrative's words say, read against its own numbers and the tables.

These rules read :class:`~juesuan.model.Statement` (each sentence with its subject, the
amounts it states or carries, and its relation word) and the claims: the relation word
between 决算数 and 预算数, rates whose base is zero or blank, and template residue left in
print.
"""

from __future__ import annotations

import re
from decimal import Decimal

from juesuan.model import Claim, Statement
from juesuan.money import tolerance
from juesuan.rules.base import Context, Rule, num, pct, register
from juesuan.rules.narrative import current_amount, near, wan

# 基本持平 tolerates a small difference; how small is a judgement — 1% of the budget is what
# reviewers accept as "basically level" (larger differences are explained as 大于/小于).
NEARLY_LEVEL = Decimal("0.01")


def _quote(text: str, limit: int = 60) -> str:
    t = text.strip().replace("\n", "")
    return "“" + (t[:limit] + "…" if len(t) > limit else t) + "”"


def _where(st: Statement) -> str:
    return " ".join(st.path) if st.path else st.subject


def _actual_relation(final: Decimal, budget: Decimal) -> tuple[str, Decimal]:
    tol = tolerance(2)
    diff = final - budget
    if abs(diff) <= tol:
        return "等于", diff
    return ("大于" if diff > 0 else "小于"), diff


@register
class BudgetRelation(Rule):
    """决算数与预算数的关系用词（大于/小于/等于/持平/基本持平）应与说明所给的两个数一致。
    用词可在给出两数的同一句，也可在其后说明原因的句子（“决算数小于预算数的主要原因…”）。
    “基本持平”容许相差不超过预算数的 1%。

    失败示例：“年初预算为 1560.05 万元，支出决算为 1511.89 万元。决算数大于预算数的主要原因…”；
    或“年初预算为 62.29 万元，支出决算为 60.99 万元。决算数等于预算数…”。
    通过示例：“年初预算为 135.90 万元，支出决算为 135.25 万元。决算数小于预算数的主要原因…”。
    """

    id = "N-budget-relation"
    family = "N"
    name = "决算与预算的比较用词"

    def check(self, ctx: Context):
        for st in ctx.doc.statements:
            if st.relation is None or st.budget is None or st.final is None:
                continue
            actual, diff = _actual_relation(st.final, st.budget)
            word = st.relation
            if word == "基本持平":
                if abs(diff) <= max(tolerance(2), abs(st.budget) * NEARLY_LEVEL):
                    continue
            elif word in ("持平", "等于"):
                if actual == "等于":
                    continue
            elif word == actual:
                continue
            should = actual if actual != "等于" else "等于（持平）"
            yield self.finding(
                f"情况说明{_quote(st.text)}称{_where(st)}决算数“{word}”预算数，而所述{st.budget_kind or '预算'} "
                f"{num(st.budget)} 万元、决算 {num(st.final)} 万元，决算 − 预算 = {num(diff)}，应为“决算数{should}预算数”",
                expected=should, actual=word, difference=diff, page=st.page, line=st.line,
            )


def _table_budget(ctx: Context, claim: Claim):
    """(printed, cell) of the budget column for a 三公 item, when the claim has one."""
    if claim.cell is None or claim.cell.table != "T09":
        return None
    t = ctx.doc.tables.get("T09")
    if t is None or not t.present or t.declared_empty:
        return None
    return ctx.cell("T09", "预算数", claim.cell.column)


@register
class RateBase(Rule):
    """完成率、增减率须有非零的基数：预算数为零或表中为空时不能写“完成预算的 N%”（应写明未安排
    预算）；决算非零时“完成预算的 0%”不成立；上年为零时不能写增长率（如“增长 100%”）。

    失败示例：“公益性岗位补贴(项) 176.14 万元，完成年初预算的 0%”；或三公经费表 因公出国（境）费
    预算数为空，说明却写“因公出国（境）费决算为 0.00 万元，完成预算的 0%”。
    通过示例：“年初预算为 500 万元，支出决算为 467.89 万元，完成年初预算的 93.58%”。
    """

    id = "N-rate-base"
    family = "N"
    name = "比率的基数"

    def check(self, ctx: Context):
        for claim in ctx.doc.claims:
            if claim.kind == "completion":
                f = self._completion(ctx, claim)
            elif claim.kind == "change_rate":
                f = self._change(claim)
            else:
                f = None
            if f is not None:
                yield f

    def _completion(self, ctx: Context, claim: Claim):
        final = current_amount(ctx, claim)
        budget_c = near(ctx, claim, claim.subject, ("budget",))
        if final is not None and claim.value == 0 and abs(final.value) > final.tol:
            return self.finding(
                f"情况说明{_quote(claim.text)}称 {claim.subject} 完成预算的 {pct(claim.value)}，而决算数为 "
                f"{num(final.value)} 万元（非零）：预算为零时完成率无从计算，应写明未安排年初预算；预算非零时完成率不为 0",
                cells=[final.cell] if final.cell else [], claims=[claim] + ([final.claim] if final.claim else []),
                expected="非零或不写完成率", actual=pct(claim.value), page=claim.page, line=claim.line)
        if budget_c is not None:
            b = wan(budget_c)
            if b is not None and b == 0:
                return self.finding(
                    f"情况说明{_quote(claim.text)}称 {claim.subject} 完成预算的 {pct(claim.value)}，而所述预算数为 0，"
                    f"完成率无从计算", severity="warning", claims=[claim, budget_c],
                    expected="不写完成率", actual=pct(claim.value), page=claim.page, line=claim.line)
            return None
        t09 = ctx.doc.tables.get("T09")
        if claim.cell is not None and claim.cell.table == "T09" and t09 is not None and t09.cells:
            if _table_budget(ctx, claim) is None:
                return self.finding(
                    f"情况说明{_quote(claim.text)}称 {claim.subject} 完成预算的 {pct(claim.value)}，而“三公”经费表中"
                    f"{claim.subject} 预算数为空，说明也未给出预算数，完成率无从计算", severity="warning",
                    claims=[claim], expected="不写完成率（或补列预算数）", actual=pct(claim.value),
                    page=claim.page, line=claim.line)
        return None

    def _change(self, claim: Claim):
        if claim.previous is None or claim.direction != "增加":
            return None
        if abs(claim.previous) <= tolerance(2) and claim.value != 0:
            return self.finding(
                f"情况说明{_quote(claim.text)}称 {claim.subject} 增长 {pct(claim.value)}，而上年数为 "
                f"{num(claim.previous)}：以零为基数的增长率无意义，应只写增加额", severity="warning",
                claims=[claim], expected="不写增长率", actual=pct(claim.value), page=claim.page, line=claim.line)
        return None


# Words a filled-in disclosure never prints: alternatives left for the writer to choose,
# placeholders, instructions to the writer, truncated years.
RESIDUE_RES = (
    ("待选用词", re.compile(r"(增加|减少|增长|下降|大于|小于|高于|低于)[（(](增加|减少|增长|下降|大于|小于|高于|低于)[）)]")),
    ("占位符", re.compile(r"X{2,}|Ｘ{2,}|×{2,}|某某|【[^】\d]{0,12}】|【请填写[^】]*】|\[请填写[^\]]*\]")),
    ("填写说明", re.compile(r"[（(](?:不涉及的不列|如持平作持平表述|[^）)]{0,12}请(?:填写|列明|说明)[^）)]{0,20})[）)]|列明[^。，,]{0,12}(?:批次|人次|数量)")),
    ("未填完的年度", re.compile(r"(?<!\d)20\d\s+年度?")),
    ("省略号", re.compile(r"[^\s]……(?:[（(]|$|。)")),
)


def residue_hits(text: str) -> list[tuple[str, str]]:
    out = []
    for kind, pat in RESIDUE_RES:
        for m in pat.finditer(text):
            out.append((kind, m.group(0)))
    return out


@register
class TemplateResidue(Rule):
    """印发的说明不应留有模板痕迹：待选用词“增加（减少）”“大于（小于）”、占位符 XXX/【】、
    给填写人的说明“（不涉及的不列）”“（如持平作持平表述）”、省略号“……”、未填完的年度“202 年度”。
    全文合并为一条，列出处数和前几处。

    失败示例：“收入支出总计增加（减少）XXX 万元，增长（下降）XX%。”
    通过示例：“收入支出总计减少 56.95 万元，下降 1.87%。”
    """

    id = "U-template-residue"
    family = "U"
    name = "模板残留"

    def check(self, ctx: Context):
        hits: list[tuple[str, str, Statement]] = []
        for st in ctx.doc.statements:
            for kind, word in residue_hits(st.text):
                hits.append((kind, word, st))
        if not hits:
            return
        kinds = sorted({k for k, _, _ in hits})
        shown = "；".join(f"第 {st.page} 页第 {st.line} 行“{w}”" for _, w, st in hits[:5])
        more = f" 等 {len(hits)} 处" if len(hits) > 5 else f"，共 {len(hits)} 处"
        first = hits[0][2]
        yield self.finding(
            f"情况说明留有模板痕迹（{'、'.join(kinds)}）：{shown}{more}；应按实际情况填写并删去待选用词和填写说明",
            expected="按实际情况填写", actual=f"{len(hits)} 处模板痕迹", page=first.page, line=first.line)


__all__ = ["BudgetRelation", "RateBase", "TemplateResidue", "residue_hits"]
