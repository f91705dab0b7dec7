"""公开09表 (“三公”经费) printed one cell a line (``pdftotext`` without -layout): its twelve
amounts (预算数 and 决算数 of 合计, 因公出国（境）费, 公务用车购置及运行费, 购置费, 运行维护费,
公务接待费) placed by the order the tool keeps and the table's identities.

Whatever the form (one row per item, 预算数 | 决算数; one row of 预算数 then one of 决算数;
pairs side by side), the tool prints each column's amounts in the items' order and an item's
预算数 before its 决算数 — but may pull one out of its place (a 决算数 printed after the next
item's 预算数). Every split of the twelve amounts into two such sequences is tried (at most
924), and kept when the identities of ``juesuan.relations`` for T09 hold in both columns (合计
= 因公出国 + 公务用车 + 公务接待, 公务用车 = 购置 + 运行) and the cross-table bounds (T06's
30212/30217/30231/31013 below T09's 决算数) allow it. A cell every kept split gives the same
figure is certain; others are uncertain; no split kept, or blank cells (fewer than twelve
amounts: the order no longer says whose each is), leaves the table unplaced.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from itertools import combinations

from juesuan.extract.blocks import _AMOUNT_RE, _tokens
from juesuan.extract.blocks.cells import Placed, printed_bounds, put
from juesuan.extract.blocks.cross import Bound
from juesuan.extract.grid import amount
from juesuan.glossary import T09_ITEMS
from juesuan.model import Cell, Disclosure, Table
from juesuan.read.types import Line
from juesuan.relations import RELATIONS, DisclosureRows, Term

TABLE = "T09"
COLUMNS = ("预算数", "决算数")  # the model's rows of T09; its items are the columns
_HALF = 200  # half cents, as in search.py: the tolerance of a sum of n terms is n


@cache
def _identities() -> tuple[tuple[tuple[Term, ...], tuple[Term, ...]], ...]:
    """T09's own equalities, from the catalogue of relations (expanded on a full table)."""
    doc = Disclosure()
    doc.tables[TABLE] = Table(id=TABLE, present=True, cells=[
        Cell(table=TABLE, row=r, column=i, value=Decimal(0)) for r in COLUMNS for i in T09_ITEMS])
    view = DisclosureRows(doc)
    return tuple((chk.lhs, chk.rhs) for rel in RELATIONS if rel.tables == (TABLE,) and rel.op == "="
                 for chk in rel.expand(view))


def _holds(cells: dict[tuple[str, str], int], bounds: dict[tuple[str, str], tuple[int | None, int | None]]) -> bool:
    for lhs, rhs in _identities():
        diff = sum(s * cells[r[1:]] for s, r in lhs) - sum(s * cells[r[1:]] for s, r in rhs)
        if abs(diff) > len(lhs) + len(rhs) - 1:
            return False
    for rc, (lo, hi) in bounds.items():
        x = cells.get(rc)
        if x is not None and (lo is not None and x < lo or hi is not None and x > hi):
            return False
    return True


def solve(texts: list[str], bounds: dict[tuple[str, str], Bound] | None = None) -> Placed | None:
    """(row, item) → (token index, uncertain), or None when the table cannot be placed."""
    at = [i for i, t in enumerate(texts) if _AMOUNT_RE.match(t) and amount(t) is not None]
    n = len(T09_ITEMS)
    if len(at) != 2 * n:
        return None
    vals = [int(amount(texts[i]).value * _HALF) for i in at]  # type: ignore[union-attr]
    half = {rc: (None if lo is None else int(lo * _HALF), None if hi is None else int(hi * _HALF))
            for rc, (lo, hi) in (bounds or {}).items()}
    found: list[dict[tuple[str, str], int]] = []  # stream positions, distinct by values
    seen: list[dict[tuple[str, str], int]] = []
    for first in combinations(range(2 * n), n):
        second = [p for p in range(2 * n) if p not in first]
        if any(a > b for a, b in zip(first, second)):  # an item's 预算数 before its 决算数
            continue
        pos = {(COLUMNS[0], it): p for it, p in zip(T09_ITEMS, first)}
        pos |= {(COLUMNS[1], it): p for it, p in zip(T09_ITEMS, second)}
        cells = {rc: vals[p] for rc, p in pos.items()}
        if _holds(cells, half) and cells not in seen:
            seen.append(cells)
            found.append(pos)
    if not found:
        return None
    return {rc: (at[p], any(o[rc] != seen[0][rc] for o in seen[1:])) for rc, p in found[0].items()}


def place(t: Table, lines: list[Line], doc: Disclosure, cross: bool = False) -> bool:
    """Put the solved cells of a one-cell-a-line T09 into ``t`` (``blocks.place`` for this
    table's shape)."""
    bounds = printed_bounds(doc, t.id) if cross else None
    if cross and not bounds:
        return False
    toks = _tokens(lines)
    placed = solve([x for x, _ in toks], bounds)
    if placed is None:
        return False
    put(t, toks, placed, {}, doc, "", label_of_column=True)
    return True


__all__ = ["COLUMNS", "TABLE", "place", "solve"]
