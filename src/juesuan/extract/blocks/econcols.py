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
from juesuan.extract.blocks.cross import within
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

Values = dict[str, int]  # row → half cents


_MAX_WRAP = 3  # a name broken over at most this many lines


def classes_printed(texts: list[str]) -> list[str]:
    """The 类 printed: by code, whole (``301``, ``30101``) or as the class part of a split
    code, or by name (a wrapped one joined); in the form's order. A class missed would make
    the groups look smaller than they are, and could rule out a placement that is the right
    one; a class counted that is not printed only adds placements (it may be blank)."""
    found = {t[:3] for t in texts if ECON_CODE_RE.match(t) and cat.get(t, "economic") is not None
             and cat.get(t[:3], "economic") is not None}
    for i in range(len(texts)):
        for k in range(1, _MAX_WRAP + 1):
            code = cat.code_for_name("".join(texts[i:i + k]), "economic", level="类")
            if code is not None:
                found.add(code)
    return sorted(found)


# the widest reachable-sums bitset ``_subsets`` builds (bits; one per amount left, so at most
# this × the amounts of a class in memory: ~0.5 MB each)
REACH_BITS = 1 << 22


class _Budget:
    def __init__(self, steps: int):
        self.left = steps

    def spend(self) -> bool:
        self.left -= 1
        return self.left >= 0


def _subsets(items: list[int], cap: int, budget: _Budget):
    """Each choice of ``items`` (indices) adding up to ``cap`` within one half cent per amount
    chosen, found along the sums the later items can reach (so no branch is a dead end)."""
    slack = len(items)
    budget.left -= len(items)  # the sums below cost a step per amount
    # reach[j]: a bit per sum items[j:] can make, in units of ``q`` half cents: one bit per half
    # cent while the sums are small (万元), coarser beyond REACH_BITS (元 amounts are 10,000
    # times wider: a bit per half cent would take gigabytes). Each amount rounded down loses
    # less than a unit, so a sum of the rounded amounts lies within one unit per amount below
    # the true sum's: the test below widens its window by that and never prunes a real choice.
    q = max(1, -(-sum(items) // REACH_BITS))
    scaled = [x // q for x in items]
    reach = [1] * (len(items) + 1)
    for j in range(len(items) - 1, -1, -1):
        reach[j] = reach[j + 1] | (reach[j + 1] << scaled[j])

    def can(j: int, c: int) -> bool:
        lo, hi = max(c - slack, 0), c + slack
        if q > 1:
            lo, hi = max(lo // q - (len(items) - j), 0), -(-hi // q)
        return hi >= 0 and (reach[j] >> lo) & ((1 << (hi - lo + 1)) - 1) != 0

    def step(j: int, c: int, chosen: tuple[int, ...]):
        if not budget.spend():
            return
        if j == len(items):
            if abs(c) <= max(len(chosen), 1):
                yield chosen
            return
        if can(j + 1, c - items[j]):
            yield from step(j + 1, c - items[j], (*chosen, j))
        if can(j + 1, c):
            yield from step(j + 1, c, chosen)

    if can(0, cap):
        yield from step(0, cap, ())


def _split(items: list[int], caps: list[int], budget: _Budget) -> bool | None:
    """Can ``items`` go into bags adding up to ``caps`` (each within one half cent per amount
    in it)? Bags are filled smallest first, the last taking what is left. None when the
    budget ran out before it was known."""
    if not caps:
        return not items
    if len(caps) == 1:
        return abs(sum(items) - caps[0]) <= max(len(items), 1)
    caps = sorted(caps)
    for chosen in _subsets(items, caps[0], budget):
        taken = set(chosen)
        got = _split([x for j, x in enumerate(items) if j not in taken], caps[1:], budget)
        if got is None:
            return None
        if got:
            return True
    return None if budget.left < 0 else False


def _group(k: int, total: int, pool: Counter[int], budget: _Budget, tol: int, most: int | None = None):
    """Each multiset of ``k`` class figures from ``pool`` (0: a blank class, or a printed
    0.00 when one is left) adding up to ``total`` within ``tol``, largest first (the classes
    of a group play the same part in every identity, so only the multiset matters):
    (figures, the pool left)."""
    if k == 0:
        if abs(total) <= tol:
            yield (), pool
        return
    top = total + tol if most is None else min(most, total + tol)
    if k == 1:
        choices = [v for v in pool if abs(v - total) <= tol and v <= top]
    else:
        # largest first: the first is at least the average of what is left
        choices = [v for v in pool if v <= top and v * k >= total - tol]
    if 0 not in choices and abs(total) <= tol:
        choices.append(0)  # every class left blank (or 0.00)
    for v in sorted(set(choices), reverse=True):
        if not budget.spend():
            return
        left = pool.copy()
        if v in left:
            left[v] -= 1
            left = +left
        for got, after in _group(k - 1, total - v, left, budget, tol, v):
            yield (v, *got), after


Solution = tuple[int, int, tuple[int, ...], tuple[int, ...]]  # 人员, 公用, their classes' figures


def placements(values: list[int], personnel: int, public: int,
               bounds: dict[str, tuple[int | None, int | None]] | None = None,
               budget: int = SEARCH_BUDGET) -> list[Solution] | None:
    """Every placement of the totals and the classes (``personnel`` and ``public``: how many
    classes of each group are printed), or None when there is none, or more than can be known
    within the budget. (The number of 款 rows printed per class does not bound its bag in
    practice: many subsets of the small amounts add up to a class.)"""
    if not values or any(v < 0 for v in values) or not personnel + public:
        return None
    b = _Budget(budget)
    pool = Counter(values)
    grand, n = sum(values), len(values)
    distinct = sorted(pool)
    out: list[Solution] = []
    for p in distinct:
        # P + Q is a third of all the amounts (n roundings in the sum, two in P + Q)
        lo, hi = (grand - n - 6) / 3 - p, (grand + n + 6) / 3 - p
        for q in distinct[bisect.bisect_left(distinct, lo):bisect.bisect_right(distinct, hi)]:
            left = pool.copy()
            for v in (p, q):
                left[v] -= 1
            if left[p] < 0 or left[q] < 0 or not _within({PERSONNEL: p, PUBLIC: q}, bounds or {}):
                continue
            left = +left
            for mine, after in _group(personnel, p, left, b, max(personnel, 1)):
                for theirs, rest in _group(public, q, after, b, max(public, 1)):
                    sol = (p, q, mine, theirs)
                    if sol in out:
                        continue
                    items = sorted((v for v in rest.elements() if v), reverse=True)
                    caps = [c for c in (*mine, *theirs) if c]
                    ok = _split(items, caps, b)
                    if ok is None:
                        return None
                    if ok:
                        out.append(sol)
                        if len(out) >= MAX_SOLUTIONS:
                            return None
    return out if out and b.left >= 0 else None


def _within(sol: Values, bounds: dict[str, tuple[int | None, int | None]]) -> bool:
    for row, b in bounds.items():
        x = sol.get(row)
        if x is not None and not within(x, b):
            return False
    return True


def _first(values: dict[int, int], unused: list[int], v: int) -> int | None:
    return next((j for j in unused if values[j] == v), None)


def _cells(sol: Solution, groups: list[list[str]], values: dict[int, int], at: list[int]) -> dict[str, int]:
    """Row → amount token of one placement: each group's classes, in code order, the group's
    figures in the order the tool printed them — or none when some class of the group is blank
    (which one, nothing tells); then the totals, the first tokens of their figures left."""
    unused = list(at)
    out: dict[str, int] = {}
    for rows, figs in zip(groups, sol[2:]):
        tokens = []
        for v in figs:
            i = _first(values, unused, v)
            if i is None:
                break
            unused.remove(i)
            tokens.append(i)
        if len(tokens) == len(rows):
            out.update(zip(rows, sorted(tokens)))
    for row, v in ((PERSONNEL, sol[0]), (PUBLIC, sol[1])):  # the form's last row: after the classes
        i = _first(values, unused, v)
        if i is not None:
            unused.remove(i)
            out[row] = i
    return out


def solve_columns(texts: list[str], bounds: dict[tuple[str, str], tuple[Decimal | None, Decimal | None]] | None,
                  column: str, budget: int = SEARCH_BUDGET) -> tuple[dict[str, tuple[int, bool]], dict[str, str], int] | None:
    """(row → (amount index, uncertain), row names, amounts left unread) of a T06 region's
    tokens read as above, or None. Both 经费合计 must be printed (their sum is what the
    amounts are checked against). Bounds other tables put on the totals are kept (a class's
    are not: the classes of a group are told apart by nothing here)."""
    from juesuan.extract.blocks.economic import is_amount_token

    if not all(k in texts for k in T06_TOTALS):
        return None
    classes = classes_printed(texts)
    groups = [[c for c in classes if c in PERSONNEL_CLASSES], [c for c in classes if c not in PERSONNEL_CLASSES]]
    at = [i for i, t in enumerate(texts) if is_amount_token(t)]
    values = {i: int(amount(texts[i]).value * _HALF) for i in at}  # type: ignore[union-attr]
    half = {r: (None if lo is None else int(lo * _HALF), None if hi is None else int(hi * _HALF))
            for (r, col), (lo, hi) in (bounds or {}).items() if col == column and r in T06_TOTALS}
    found = placements(list(values.values()), len(groups[0]), len(groups[1]), half, budget)
    if not found:
        return None
    given = [_cells(sol, groups, values, at) for sol in found]
    # the placement shown: one whose 人员经费合计 the tool printed before 公用经费合计, as the
    # form does (the order, untrustworthy row by row, is still the likelier; no cell is
    # certain by it)
    best = next((k for k, g in enumerate(given) if g.get(PERSONNEL, 0) < g.get(PUBLIC, 0)), 0)
    sol = found[best]
    unsure = {PERSONNEL: any(o[0] != sol[0] for o in found), PUBLIC: any(o[1] != sol[1] for o in found)}
    for k, rows in enumerate(groups):
        # a class is certain only when its group's figures are one and the same in every
        # placement (any permutation of them among the group's classes is a placement too)
        figs = [o[2] if k == 0 else o[3] for o in found]
        same = all(f == figs[best] for f in figs) and len(set(figs[best])) <= 1
        unsure.update({c: not same for c in rows})
    cells = {row: (i, unsure[row]) for row, i in given[best].items()}
    names = {t: t for t in T06_TOTALS} | {c: cat.get(c, "economic").name for c in classes}  # type: ignore[union-attr]
    return cells, names, len(at) - len(cells)


__all__ = ["COLUMNS_NOTE", "classes_printed", "placements", "solve_columns"]
