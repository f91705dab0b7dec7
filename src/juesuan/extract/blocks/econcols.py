"""公开06表 (基本支出, 经济分类) printed column by column, one cell a line (``pdftotext``
without -layout on the real forms): the two 经费合计 rows and the 类 rows, placed by the
table's identities alone; the 款 rows' amounts are not read.

Such a dump prints the codes (whole, or split: the 类 ``301`` and the 款 ``01`` as tokens of
their own), the names (wrapped, the names of blank rows apart from the others) and the amounts
in an order that follows the page's text blocks, not the rows: runs of one column group's
amounts in row order, cut and interleaved with the other group's, some amounts printed far
from their neighbours (after the table's footnote, ahead of the names). Nothing in that order
tells reliably which 款 an amount belongs to — the identities cannot either (a class's items
can be swapped within it) — so the order is not used at all. What the identities do tell,
with the amounts as a multiset:

* every amount is a 合计, a 类 or a 款, and Σ 款 = Σ 类 = 人员经费合计 + 公用经费合计, so the
  amounts add up to three times the two totals (blank cells add nothing);
* 人员经费合计 = Σ the personnel classes (301, 303), 公用经费合计 = Σ the others printed;
* the amounts left once the totals and the classes are taken split into one bag per class,
  each adding up to its class (none above it, with no negative amount).

Every choice of the totals and the class amounts for which such a split exists is a
placement; a row is certain when every placement gives it the same figure, uncertain
otherwise. A 类 of 0 takes a printed 0.00 when one is left (the form printed its blank cells
as 0.00), else it is blank. The 款 amounts stay unread (the table is partial, saying how many).
No placement — a misprinted or misread figure, a total not printed, a negative amount — or
too many to know within the budget leaves the table unreadable: never a guess.
"""

from __future__ import annotations

import bisect
from collections import Counter
from decimal import Decimal

from juesuan import catalogue as cat
from juesuan.extract.grid import amount
from juesuan.extract.records import ECON_CODE_RE
from juesuan.glossary import PERSONNEL_CLASSES, T06_TOTALS

PERSONNEL, PUBLIC = T06_TOTALS
# steps (a choice of a total or a class figure, a step of a bag split) before giving up
SEARCH_BUDGET = 300_000
MAX_SOLUTIONS = 16
COLUMNS_NOTE = "个款级数值（文本按列输出，看不出哪个数值在哪一行；勾稽关系只能确定合计和类）未读取"
# amounts compared in half cents, as in search.py: the tolerance of a sum of n terms is n
_HALF = 200

Values = dict[str, int]  # row → half cents (a blank class: 0)


def classes_printed(texts: list[str]) -> list[str]:
    """The 类 whose code is printed, whole (``301``, ``30101``) or as the class part of a
    split code; in the form's order."""
    found = {t[:3] for t in texts if ECON_CODE_RE.match(t) and cat.get(t, "economic") is not None
             and cat.get(t[:3], "economic") is not None}
    return sorted(found)


class _Budget:
    def __init__(self, steps: int):
        self.left = steps

    def spend(self) -> bool:
        self.left -= 1
        return self.left >= 0


def _split(items: list[int], caps: list[int], budget: _Budget) -> bool | None:
    """Can ``items`` (largest first) go into bags adding up to ``caps`` (each within one half
    cent per amount in it)? None when the budget ran out before it was known."""
    rem = list(caps)
    count = [0] * len(caps)
    slack = len(items)

    def step(j: int) -> bool | None:
        if not budget.spend():
            return None
        if j == len(items):
            return all(abs(r) <= max(c, 1) for r, c in zip(rem, count))
        x = items[j]
        tried: set[tuple[int, int]] = set()
        unknown = False
        for b in range(len(rem)):
            if rem[b] - x < -slack or (rem[b], count[b]) in tried:
                continue
            tried.add((rem[b], count[b]))
            rem[b] -= x
            count[b] += 1
            got = step(j + 1)
            rem[b] += x
            count[b] -= 1
            if got:
                return True
            unknown = unknown or got is None
        return None if unknown else False

    return step(0)


def _group(classes: list[str], total: int, pool: Counter[int], budget: _Budget, tol: int = 0):
    """Each way of giving ``classes`` figures from ``pool`` adding up to ``total`` (within one
    half cent per class): (row → figure, the pool left)."""
    tol = tol or max(len(classes), 1)
    if not classes:
        if abs(total) <= tol:
            yield {}, pool
        return
    head, rest = classes[0], classes[1:]
    if rest:
        choices = [v for v in pool if v <= total + tol]
        if 0 not in pool:
            choices.append(0)  # a blank class
    else:
        choices = [v for v in pool if abs(v - total) <= tol]
        if abs(total) <= tol and 0 not in pool:
            choices.append(0)
    for v in sorted(set(choices), reverse=True):
        if not budget.spend():
            return
        left = pool.copy()
        if v in left:
            left[v] -= 1
            if not left[v]:
                del left[v]
        for got, after in _group(rest, total - v, left, budget, tol):
            yield {head: v, **got}, after


def placements(values: list[int], classes: list[str], bounds: dict[str, tuple[int | None, int | None]] | None = None,
               budget: int = SEARCH_BUDGET) -> list[Values] | None:
    """Every placement of the totals and the classes (row → half cents), or None when there is
    none, or more than can be known within the budget. (The number of 款 rows printed per class
    does not bound its bag in practice: many subsets of the small amounts add up to a class.)"""
    if not values or any(v < 0 for v in values) or not classes:
        return None
    b = _Budget(budget)
    pool = Counter(values)
    grand, n = sum(values), len(values)
    personnel = [c for c in classes if c in PERSONNEL_CLASSES]
    public = [c for c in classes if c not in PERSONNEL_CLASSES]
    distinct = sorted(pool)
    out: list[Values] = []
    for p in distinct:
        # P + Q is a third of all the amounts (n roundings in the sum, two in P + Q)
        lo, hi = (grand - n - 6) / 3 - p, (grand + n + 6) / 3 - p
        for q in distinct[bisect.bisect_left(distinct, lo):bisect.bisect_right(distinct, hi)]:
            left = pool.copy()
            for v in (p, q):
                left[v] -= 1
            if left[p] < 0 or left[q] < 0:
                continue
            left = +left
            for mine, after in _group(personnel, p, left, b):
                for theirs, rest in _group(public, q, after, b):
                    sol = {PERSONNEL: p, PUBLIC: q, **mine, **theirs}
                    if sol in out or not _within(sol, bounds or {}):
                        continue
                    items = sorted((v for v in rest.elements() if v), reverse=True)
                    caps = [sol[c] for c in classes]
                    ok = _split(items, caps, b)
                    if ok is None:
                        return None
                    if ok:
                        out.append(sol)
                        if len(out) >= MAX_SOLUTIONS:
                            return None
    return out if out and b.left >= 0 else None


def _within(sol: Values, bounds: dict[str, tuple[int | None, int | None]]) -> bool:
    for row, (lo, hi) in bounds.items():
        x = sol.get(row)
        if x is None:
            continue
        if lo is not None and x < lo or hi is not None and x > hi:
            return False
    return True


def _tokens_of(sol: Values, order: list[str], values: dict[int, int], at: list[int]) -> dict[str, int]:
    """Row → the amount token a placement's figure is taken from (the first of that figure
    not yet taken; a blank class has none)."""
    unused = list(at)
    out: dict[str, int] = {}
    for row in order:
        i = next((j for j in unused if values[j] == sol[row]), None)
        if i is not None:
            unused.remove(i)
            out[row] = i
    return out


def _inversions(tokens: dict[str, int], order: list[str], values: dict[int, int]) -> int:
    """Pairs of rows of one group (the totals; the personnel classes; the others) whose
    figures the tool printed in the opposite order."""
    groups = [list(T06_TOTALS), [r for r in order if r in PERSONNEL_CLASSES],
              [r for r in order if r not in PERSONNEL_CLASSES and r not in T06_TOTALS]]
    n = 0
    for g in groups:
        # a 0.00 could be any of the zeros printed: it tells nothing of the order
        at = [tokens[r] for r in g if r in tokens and values[tokens[r]]]
        n += sum(1 for x in range(len(at)) for y in range(x + 1, len(at)) if at[x] > at[y])
    return n


def solve_columns(texts: list[str], bounds: dict[tuple[str, str], tuple[Decimal | None, Decimal | None]] | None,
                  column: str, budget: int = SEARCH_BUDGET) -> tuple[dict[str, tuple[int, bool]], dict[str, str], int] | None:
    """(row → (amount index, uncertain), row names, amounts left unread) of a T06 region's
    tokens read as above, or None. Both 经费合计 must be printed (their sum is what the
    amounts are checked against)."""
    from juesuan.extract.blocks.economic import is_amount_token

    if not all(k in texts for k in T06_TOTALS):
        return None
    classes = classes_printed(texts)
    at = [i for i, t in enumerate(texts) if is_amount_token(t)]
    values = {i: int(amount(texts[i]).value * _HALF) for i in at}  # type: ignore[union-attr]
    half = {r: (None if lo is None else int(lo * _HALF), None if hi is None else int(hi * _HALF))
            for (r, col), (lo, hi) in (bounds or {}).items() if col == column and (r in classes or r in T06_TOTALS)}
    found = placements(list(values.values()), classes, half, budget)
    if not found:
        return None
    order = [*classes, *T06_TOTALS]  # the form's: the totals are its last row
    given = [_tokens_of(sol, order, values, at) for sol in found]
    # the figure shown for a row in doubt: that of the placement whose figures come in the
    # form's order (人员 before 公用, each group's classes by code) most often — the tool's
    # order, untrustworthy row by row, is still the likelier; no cell is certain by it
    best = min(range(len(found)), key=lambda k: _inversions(given[k], order, values))
    cells = {row: (i, any(o[row] != found[best][row] for o in found)) for row, i in given[best].items()}
    names = {t: t for t in T06_TOTALS} | {c: cat.get(c, "economic").name for c in classes}  # type: ignore[union-attr]
    return cells, names, len(at) - len(cells)


__all__ = ["COLUMNS_NOTE", "classes_printed", "placements", "solve_columns"]
