"""Y — cross-year rules (跨年比较): a disclosure against the same department's previous year.

The narrative's year-on-year statements (比上年增加 X 万元, 增长 Y%, 持平) and the opening
balances (年初结转和结余) are checked against what the previous year's disclosure printed.
These rules need two documents, so they are not in the single-document registry; run them
with :func:`cross_year` (the store does so when both years are stored, and
``juesuan check FILE --previous LAST_YEAR_FILE`` does so on two files).

Both rules warn rather than err: a previous-year figure may be legitimately restated
(口径调整), but the disclosure should then say so.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

from juesuan import lazy
from juesuan.model import Cell, Claim, Disclosure, reading_order
from juesuan.money import q4, tolerance
from juesuan.rules.base import Context, Finding, Rule, half_unit, num, pct, printed_tolerance, sort_findings

MONEY_UNITS = {"万元": Decimal(1), "": Decimal(1), "元": Decimal("0.0001"), "亿元": Decimal(10000)}
SIGN = {"增加": 1, "减少": -1, "持平": 0}
# a change stated against the budget (决算数与预算数持平) is not a year-on-year statement
_BUDGET = lazy.pattern(r"预算")
_PREVIOUS = lazy.pattern(r"上年|上一年|去年|同比|前一年")


class CrossYearRule(Rule):
    """A rule over (this year, previous year). Subclasses implement :meth:`check_years`."""

    def check(self, ctx: Context) -> Iterable[Finding]:  # a single document has no previous year
        return ()

    def check_years(self, cur: Context, prev: Context) -> Iterable[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError


def _wan(claim: Claim) -> Decimal | None:
    f = MONEY_UNITS.get(claim.unit)
    return None if f is None else claim.value * f


def _claim_tol(claim: Claim) -> Decimal:
    return tolerance(1, half_unit(claim.value)) * MONEY_UNITS.get(claim.unit, Decimal(1))


def year_on_year(claim: Claim, year: int | None) -> bool:
    """Does the change claim compare with the previous year (not with the budget)?"""
    text = claim.text or ""
    names_previous = bool(_PREVIOUS.search(text)) or (year is not None and f"{year - 1}年" in text)
    return names_previous or not _BUDGET.search(text)


def _current(cur: Context, claim: Claim) -> tuple[Decimal, Decimal, Cell | None, Claim | None] | None:
    """This year's value of the claim's subject: the linked cell, else the narrative's own
    amount for the subject printed just before it in the same section."""
    cell = cur.claim_cell(claim)
    if cell is not None:
        return cell.value, tolerance(1), cell, None
    best: Claim | None = None
    for c in cur.claims_by_subject().get(claim.subject, ()):
        if c.kind != "amount" or _wan(c) is None or c.section != claim.section:
            continue
        if c.line is not None and claim.line is not None and reading_order(c) > reading_order(claim):
            continue
        if best is None or reading_order(c) >= reading_order(best):
            best = c
    if best is None:
        return None
    v = _wan(best)
    assert v is not None
    return v, _claim_tol(best), None, best


def _previous(prev: Context, claim: Claim) -> tuple[Decimal, Decimal, Cell | None, Claim | None] | None:
    """The previous year's printed value of the claim's subject: the same cell, else the
    previous narrative's amount for the subject when it states exactly one."""
    if claim.cell is not None:
        ref = claim.cell
        cell = prev.cell(ref.table, ref.row, ref.column)
        if cell is not None:
            return cell.value, tolerance(1), cell, None
        t = prev.doc.tables.get(ref.table)
        if t is not None and t.declared_empty and not t.cells:
            return Decimal(0), Decimal(0), None, None
        return None
    amounts = [c for c in prev.claims_by_subject().get(claim.subject, ()) if c.kind == "amount" and _wan(c) is not None]
    values = {_wan(c) for c in amounts}
    if len(values) != 1:
        return None  # not stated, or stated with several values (ambiguous subject)
    c = amounts[0]
    v = _wan(c)
    assert v is not None
    return v, _claim_tol(c), None, c


def _sentences(cur: Context) -> Iterator[list[Claim]]:
    """Year-on-year change claims grouped by statement: the same subject on the same line (an
    amount and a rate of one sentence are one statement), or in the same text when the line
    is unknown."""
    groups: dict[tuple[str, str | int], list[Claim]] = {}
    for c in cur.doc.claims:
        if c.kind in ("change_amount", "change_rate") and year_on_year(c, cur.doc.meta.year):
            where: str | int = c.line if c.line is not None else (c.text or "")[:20]
            groups.setdefault((c.subject, where), []).append(c)
    yield from groups.values()


class ChangeVersusPrevious(CrossYearRule):
    """情况说明中“比上年增加/减少 X 万元（增长/下降 Y%）”“持平”须与上年决算公开所列数一致。

    上年数取上年文件的同一单元格（无单元格时取上年情况说明中同一事项的金额）；本年数 ∓ 增减额
    应等于上年数（尾差内）。只有增减率而无增减额时，增减率 = (本年数 − 上年数) ÷ 上年数。
    与预算比较的“持平/增加”不在此列。

    失败示例：本年 收入总计 5036.42，说明称“比上年增加 1194.64 万元”（即上年 3841.78），
    而上年决算公开的收入总计为 3900.00。
    通过示例：上年公开的收入总计为 3841.78。
    """

    id = "Y-change"
    family = "Y"
    severity = "warning"
    name = "增减情况与上年公开数一致"

    def check_years(self, cur: Context, prev: Context) -> Iterable[Finding]:
        for group in _sentences(cur):
            amount = next((c for c in group if c.kind == "change_amount" and _wan(c) is not None), None)
            rate = next((c for c in group if c.kind == "change_rate"), None)
            lead = amount or rate
            assert lead is not None
            current = _current(cur, lead)
            previous = _previous(prev, lead)
            if current is None or previous is None:
                continue
            f = (self._amount(cur, prev, amount, current, previous) if amount is not None
                 else self._rate(cur, prev, rate, current, previous) if rate is not None else None)
            if f is not None:
                yield f

    def _amount(self, cur: Context, prev: Context, claim: Claim, current, previous) -> Finding | None:
        c_val, c_tol, c_cell, c_claim = current
        p_val, p_tol, p_cell, p_claim = previous
        change = abs(_wan(claim) or Decimal(0))
        sign = SIGN.get(claim.direction or "", None)
        implied: list[tuple[Decimal, Decimal]] = []
        if claim.previous is not None:
            implied.append((claim.previous, tolerance(1)))
        if sign is not None:
            implied.append((c_val - sign * change, c_tol + _claim_tol(claim)))
        if not implied or any(abs(v - p_val) <= t + p_tol for v, t in implied):
            return None
        stated_prev, tol = implied[-1]
        diff = stated_prev - p_val
        year = prev.doc.meta.year
        word = claim.direction or "增减"
        return self.finding(
            f"情况说明“{_quote(claim)}”称 {claim.subject} 比上年{word} {num(change)} 万元，即上年为 {num(stated_prev)}；"
            f"而{year or '上'}年决算公开的{_where(prev, p_cell, claim.subject)}为 {num(p_val)}，相差 {num(diff)}",
            cells=[c_cell] if c_cell is not None else [],
            claims=[claim] + [x for x in (c_claim, p_claim) if x is not None],
            expected=p_val, actual=stated_prev, difference=diff, page=claim.page, line=claim.line,
            uncertain=bool(p_cell is not None and (p_cell.repaired or p_cell.uncertain)),
        )

    def _rate(self, cur: Context, prev: Context, claim: Claim, current, previous) -> Finding | None:
        c_val, c_tol, c_cell, c_claim = current
        p_val, p_tol, p_cell, p_claim = previous
        sign = SIGN.get(claim.direction or "", None)
        if p_val <= 0 or sign is None:
            return None
        computed = (c_val - p_val) / p_val * 100
        stated = sign * abs(claim.value)
        tol = half_unit(claim.value) + 100 * (c_tol / p_val + c_val * p_tol / p_val ** 2)
        if abs(stated - computed) <= tol:
            return None
        diff = stated - computed
        return self.finding(
            f"情况说明“{_quote(claim)}”称 {claim.subject} 比上年{claim.direction} {pct(abs(claim.value))}；"
            f"按{prev.doc.meta.year or '上'}年决算公开数 {num(p_val)} 与本年数 {num(c_val)} 计算为 {pct(computed)}，"
            f"相差 {num(diff)} 个百分点",
            cells=[c for c in (c_cell,) if c], claims=[claim] + [x for x in (c_claim, p_claim) if x is not None],
            expected=q4(computed), actual=stated, difference=q4(diff),
            page=claim.page, line=claim.line,
        )


def _quote(c: Claim) -> str:
    t = (c.text or c.subject).strip().replace("\n", "")
    return t if len(t) <= 60 else t[:60] + "…"


def _where(prev: Context, cell: Cell | None, subject: str) -> str:
    if cell is None:
        return f"情况说明 {subject}"
    return prev.describe(cell.key)


# (this year's row, column) ← (previous year's row, column), per table. The first pair of each
# table is its total; the others split it (checked only when the total agrees).
# Fiscal tables come first: a T01 difference equal to a T04/T07 one is the same cause.
CARRYOVER: dict[str, tuple[tuple[tuple[str, str], tuple[str, str]], ...]] = {
    "T04": (
        (("年初财政拨款结转和结余", "金额"), ("年末财政拨款结转和结余", "合计")),
        (("年初一般公共预算财政拨款", "金额"), ("年末财政拨款结转和结余", "一般公共预算财政拨款")),
        (("年初政府性基金预算财政拨款", "金额"), ("年末财政拨款结转和结余", "政府性基金预算财政拨款")),
        (("年初国有资本经营预算财政拨款", "金额"), ("年末财政拨款结转和结余", "国有资本经营预算财政拨款")),
    ),
    "T07": ((("合计", "年初结转和结余"), ("合计", "年末结转和结余")),),
    "T01": ((("年初结转和结余", "金额"), ("年末结转和结余", "金额")),),
}


class Carryover(CrossYearRule):
    """年初结转和结余 = 上年决算公开的 年末结转和结余（收入支出决算总表、财政拨款收入支出
    决算总表（合计及分资金来源）、政府性基金预算财政拨款收入支出决算表 合计）。

    失败示例：本年 收入支出决算总表 年初结转和结余 35.79，上年 年末结转和结余 64.82。
    通过示例：两者均为 64.82。总数已不符时不再逐项报告分资金来源的差异（同一原因）。
    """

    id = "Y-carryover"
    family = "Y"
    severity = "warning"
    name = "年初结转和结余与上年年末一致"

    def check_years(self, cur: Context, prev: Context) -> Iterable[Finding]:
        reported: list[Decimal] = []
        for tid, pairs in CARRYOVER.items():
            if not (cur.usable(tid) and prev.usable(tid)):
                continue
            for i, ((row, col), (prow, pcol)) in enumerate(pairs):
                a, b = cur.cell(tid, row, col), prev.cell(tid, prow, pcol)
                if a is None or b is None:
                    continue
                diff = a.value - b.value
                tol = printed_tolerance(a.value, b.value)
                if abs(diff) <= tol:
                    continue
                if not any(abs(diff - r) <= 2 * tol for r in reported):
                    yield self.finding(
                        f"{cur.describe(a.key)} {num(a.value)} ≠ {prev.doc.meta.year or '上'}年决算公开的"
                        f"{prev.describe(b.key)} {num(b.value)}，相差 {num(diff)}",
                        cells=[a], expected=b.value, actual=a.value, difference=diff,
                        uncertain=a.repaired or a.uncertain or b.repaired or b.uncertain,
                    )
                reported.append(diff)
                if i == 0:
                    break  # the total differs: its split would repeat the same cause


CROSS_YEAR_RULES: tuple[CrossYearRule, ...] = (ChangeVersusPrevious(), Carryover())


class YearMismatch(ValueError):
    """The two documents are not consecutive years (the message is Chinese)."""


def cross_year(doc: Disclosure, previous: Disclosure) -> list[Finding]:
    """Run the Y rules on a disclosure and its department's previous-year disclosure."""
    y, py = doc.meta.year, previous.meta.year
    if y is not None and py is not None and py != y - 1:
        raise YearMismatch(f"上年文件是 {py} 年度，本文件是 {y} 年度：跨年比较需要相邻两年")
    cur, prev = Context(doc), Context(previous)
    out: list[Finding] = []
    for rule in CROSS_YEAR_RULES:
        out.extend(rule.check_years(cur, prev))
    return sort_findings(out)

