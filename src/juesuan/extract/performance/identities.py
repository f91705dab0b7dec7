"""Repairs of a self-evaluation's 总分 justified by the table's own identity
(总分 = Σ 指标得分 + Σ 任务得分 + 预算执行率得分 − 减分项), never invented.

OCR splits a printed total over cells ('97.' | '94', '93' | '. 4') or doubles a digit
('10' | '00'). The pieces are joined where that gives a score (≤ 100); the identity then
confirms the joined value, or, when the joined digits are not a score, picks the sum whose
digits they begin with. What the identity cannot settle is marked uncertain, or reported as a
reading warning — a total is never made up.
"""

from __future__ import annotations

import re
from decimal import Decimal

from juesuan.model import PerformanceItem, Printed
from juesuan.money import tolerance


def score_sum(item: PerformanceItem) -> tuple[Decimal, int] | None:
    """(Σ of the table's scores, number of terms); None when a score is missing."""
    scores = [i.score for i in item.indicators] + [t.score for t in item.tasks]
    if not item.indicators or any(s is None for s in scores):
        return None
    terms = [s for s in scores if s is not None]
    if item.rate_score is not None and item.kind == "project":
        terms.append(item.rate_score)
    total = sum(terms, Decimal(0)) - (item.deduction or 0)
    return total, len(terms) + (1 if item.deduction else 0)


def _digits(v: str | Decimal) -> str:
    return re.sub(r"\D", "", format(v, "f") if isinstance(v, Decimal) else v).rstrip("0")


def settle_total(item: PerformanceItem, raw: str, line: int | None, page: int | None, joined: bool,
                 warnings: list[str]) -> None:
    """After the whole table is read: confirm or repair a 总分 printed in pieces (``raw``)."""
    got = score_sum(item)
    if item.total_score is not None:
        if not joined:
            return
        if got is not None and abs(got[0] - item.total_score) <= tolerance(got[1]):
            _note(item, f"OCR: 总分 printed as '{raw}' read as {item.total_score} (Σ 得分 = {got[0]})")
        else:
            item.uncertain = True
            _note(item, f"OCR: 总分 printed as '{raw}' read as {item.total_score} (Σ 得分 cannot confirm it)")
        return
    if got is not None and Decimal(0) <= got[0] <= 100 and _digits(raw).startswith(_digits(got[0]) or "0"):
        item.total_score = got[0]
        item.uncertain = True
        item.printed["总分"] = Printed(raw=raw, page=page, line=line)
        _note(item, f"OCR: 总分 printed as '{raw}' read as {got[0]} (Σ 得分 = {got[0]}; its digits begin the print)")
        return
    warnings.append(f"绩效自评表《{item.name}》：总分印作“{raw}”，无法读取")


def _note(item: PerformanceItem, text: str) -> None:
    item.note = f"{item.note}; {text}" if item.note else text
