"""What the other tables' read cells say of one table's cells, through the cross-table
identities of ``juesuan.relations`` (T05 ≤ T03 per code and column, T01's income = T02's 合计
row, …): a value a cell must equal, stay under, or reach.

A column-block table's own identities cannot tell apart the columns that play the same part in
them (every column after the first is a part of the row sum), so a placement that puts 基本支出's
figures under 上缴上级支出 satisfies them as well; a sibling table read with certainty can. Only
cells of tables read in full (or placed from column blocks) and not marked uncertain speak, and
those of a column-block table whose placements were all listed: the range each of its cells
takes over them (a blank one is 0), the checks' sides added up as ranges; and only in a check
where the table in question has a single cell and some other cell.
"""

from __future__ import annotations

from decimal import Decimal

from juesuan.model import Disclosure
from juesuan.money import tolerance
from juesuan.relations import RELATIONS, DisclosureRows, Ref

Bound = tuple[Decimal | None, Decimal | None]  # (at least, at most)


def within(x: Decimal | int, b: tuple[Decimal | int | None, Decimal | int | None] | None) -> bool:
    """Does ``x`` keep the bound ``b`` (at least, at most; None: that side open, or no bound)?
    (The search's innermost loop spells it out: search.Search._relations_ok.)"""
    return b is None or (b[0] is None or x >= b[0]) and (b[1] is None or x <= b[1])


def _known(doc: Disclosure, ref: Ref) -> tuple[Decimal, Decimal] | None:
    """(least, most) the cell ``ref`` can hold, from what its table was read as: a certain
    cell its value; a cell of a column-block table whose placements were all listed, the
    range they give it (a blank there is 0 in every one of them: known to be 0)."""
    t = doc.tables.get(ref[0])
    # a column-block table is partial when some figure could sit elsewhere; its other cells,
    # which no placement moves, speak as a read table's do (``Table.vouches``)
    if t is None or not t.present or not t.vouches:
        return None
    c = t.known(ref[1], ref[2])
    if c is not None and not c.uncertain:
        return c.value, c.value
    ranges = t._ranges
    return None if ranges is None else ranges.get(ref[1:])


def cross_bounds(doc: Disclosure, tid: str) -> dict[tuple[str, str], Bound]:
    """(row, column) of ``tid`` → the bounds the other tables' certain cells (and the ranges
    of their column-block placements) put on it."""
    out: dict[tuple[str, str], Bound] = {}
    view = DisclosureRows(doc)
    for rel in RELATIONS:
        if not rel.joint or tid not in rel.tables:
            continue
        for chk in rel.expand(view):
            mine = [(side, s, r) for side, terms in (("l", chk.lhs), ("r", chk.rhs)) for s, r in terms if r[0] == tid]
            if len(mine) != 1 or mine[0][1] != 1 or chk.require:
                continue
            side, _, ref = mine[0]
            if len(chk.lhs) + len(chk.rhs) < 2:
                continue  # no other cell printed: the check is not made (relations.Check)
            # each side's sum over the other cells, as (least, most)
            sums = {"l": [Decimal(0), Decimal(0)], "r": [Decimal(0), Decimal(0)]}
            ok = True
            for sd, terms in (("l", chk.lhs), ("r", chk.rhs)):
                for s, r in terms:
                    if r == ref:
                        continue
                    k = _known(doc, r)
                    if k is None:
                        ok = False
                        break
                    least, most = sorted((s * k[0], s * k[1]))
                    sums[sd][0] += least
                    sums[sd][1] += most
            if not ok:
                continue
            # mine + own side op other side  →  mine op (other − own side), the op turned round
            # when mine stands on the right
            own, other = (sums["l"], sums["r"]) if side == "l" else (sums["r"], sums["l"])
            least, most = other[0] - own[1], other[1] - own[0]
            op = chk.op if side == "l" else {"<=": ">=", ">=": "<=", "=": "="}[chk.op]
            tol = tolerance(len(chk.lhs) + len(chk.rhs))
            lo, hi = out.get(ref[1:], (None, None))
            if op in ("=", ">="):
                lo = least - tol if lo is None else max(lo, least - tol)
            if op in ("=", "<="):
                hi = most + tol if hi is None else min(hi, most + tol)
            out[ref[1:]] = (lo, hi)
    return out


__all__ = ["Bound", "cross_bounds"]
