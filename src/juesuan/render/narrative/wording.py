"""Figures → words: amounts, shares, changes and budget completion as the 情况说明 prints them.

* every share is rounded (half up, 0.01) from its own ratio — never adjusted so that a list sums
  to 100.00%; when the printed shares of a whole do not sum to 100.00% the sentence adds
  （因四舍五入可能存在尾差）;
* change: 增加/减少 X 万元, 增长/下降 Y% (rate = change ÷ previous); zero change is 持平; no rate
  when the previous year is zero;
* budget completion: final ÷ budget (完成年初预算的 Z%).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from juesuan.money import ZERO, fmt, q2
from juesuan.render.narrative.blocks import placeholder

HUNDRED = Decimal(100)
ROUNDING_TAIL = "（因四舍五入可能存在尾差）"


def amount(v: Decimal | None) -> str:
    """'1,234.50万元'"""
    return f"{fmt(v if v is not None else ZERO)}万元"


def pct(part: Decimal, whole: Decimal) -> Decimal | None:
    """part ÷ whole in percent, rounded half up to 0.01; None when the whole is zero."""
    if not whole:
        return None
    return q2(part / whole * HUNDRED)


def pct_text(p: Decimal | None) -> str:
    return "—" if p is None else f"{p:.2f}%"


def shares(items: list[tuple[str, Decimal]], whole: Decimal) -> tuple[list[tuple[str, Decimal, Decimal | None]], bool]:
    """Each item's share of the whole, each from its own ratio. Returns (label, amount, share)
    triples and whether the printed shares fail to add up to 100.00% (a 尾差 note is due)."""
    out = [(label, v, pct(v, whole)) for label, v in items]
    total = sum((s for _, _, s in out if s is not None), ZERO)
    complete = sum((v for _, v in items), ZERO) == whole
    tail = bool(whole) and complete and total != HUNDRED
    return out, tail


def share_sentence(items: list[tuple[str, Decimal]], whole: Decimal, of: str = "") -> str:
    """'财政拨款收入1,000.00万元，占90.00%；事业收入…' (+ 尾差 note when due)."""
    triples, tail = shares(items, whole)
    parts = []
    for label, v, s in triples:
        p = "" if s is None else f"，占{of}{pct_text(s)}"
        parts.append(f"{label}{amount(v)}{p}")
    return "；".join(parts) + (ROUNDING_TAIL if tail else "")


@dataclass(frozen=True)
class Change:
    current: Decimal
    previous: Decimal

    @property
    def delta(self) -> Decimal:
        return self.current - self.previous

    @property
    def direction(self) -> str:
        d = self.delta
        return "持平" if d == 0 else ("增加" if d > 0 else "减少")

    @property
    def rate(self) -> Decimal | None:
        if not self.previous:
            return None
        return q2(abs(self.delta) / abs(self.previous) * HUNDRED)

    @property
    def rate_word(self) -> str:
        return {"增加": "增长", "减少": "下降", "持平": "持平"}[self.direction]

    def text(self, each: bool = False) -> str:
        """'增加120.00万元，增长5.00%' / '减少…，下降…' / '持平'."""
        if self.direction == "持平":
            return "持平"
        s = f"{'各' if each else ''}{self.direction}{amount(abs(self.delta))}"
        r = self.rate
        if r is not None:
            s += f"，{self.rate_word}{pct_text(r)}"
        return s


def completion(final: Decimal, budget: Decimal | None) -> Decimal | None:
    if budget is None or not budget:
        return None
    return pct(final, budget)


def completion_clause(final: Decimal, budget: Decimal | None, what: str = "决算数") -> str:
    """'完成年初预算的98.00%。决算数小于预算数的主要原因：【请填写：…】。' or the 持平 form."""
    if budget is None:
        return f"完成年初预算的{placeholder('完成率（请提供年初预算数）')}。"
    c = completion(final, budget)
    if c is None:
        return "年初未安排预算。"
    if final == budget:
        return f"完成年初预算的{pct_text(c)}，{what}与预算数持平。"
    word = "大于" if final > budget else "小于"
    return f"完成年初预算的{pct_text(c)}。{what}{word}预算数的主要原因：{placeholder('决算数与预算数差异的原因')}。"
