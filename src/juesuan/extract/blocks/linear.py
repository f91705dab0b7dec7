"""The block search (``search.Search``) for tables whose identities are not one hierarchy of
rows: any set of linear checks between cells (``Σ lhs = Σ rhs``, as ``juesuan.relations``
expands them), over a grid where not every row has a cell in every column.

T01/T04 are such tables: a printed row holds an income item and an expenditure item side by
side, the income side one amount column, the expenditure side one (T01) or four (T04: 合计 and
the three funds); each side sums its own rows (本年收入合计 = Σ items, 收入总计 = 本年收入合计 + 年初…),
the two 总计 agree, and T04's expenditure rows add up across their fund columns.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from decimal import Decimal

from juesuan.extract.blocks.search import Search
from juesuan.relations import RELATIONS, Check

Slot = tuple[int, int]  # (printed row, amount column)
# one check: (sign, slot) terms whose signed sum is zero (within one rounding per term)
Terms = list[tuple[int, Slot]]


class PrintedRows:
    """``relations.Rows`` over one table's printed rows (every printed cell may hold a value)."""

    def __init__(self, tid: str, keys: list[str]) -> None:
        self.tid, self.keys = tid, list(keys)

    def rows(self, tid: str) -> list[str]:
        return list(self.keys) if tid == self.tid else []

    def code_rows(self, tid: str, length: int | None = None) -> list[str]:
        return [r for r in self.rows(tid) if r.isdigit() and (length is None or len(r) == length)]

    def cell(self, tid: str, row: str, column: str) -> object:
        return None


def own_checks(tid: str, keys: list[str], slot: Callable[[str, str], Slot | None],
               keep: Callable[[str, Check], bool] = lambda rel, chk: True) -> list[Terms]:
    """The table's own identities (the equalities of ``juesuan.relations`` within ``tid``),
    expanded for the rows ``keys`` it prints, over the grid: ``slot(row, column)`` is a cell's
    place, None for a cell the table does not print (it counts as zero); ``keep(relation id,
    check)`` leaves out the checks the printed form does not have."""
    out: list[Terms] = []
    view = PrintedRows(tid, keys)
    for rel in RELATIONS:
        if rel.joint or rel.op != "=" or tid not in rel.tables:
            continue
        for chk in rel.expand(view):
            if not keep(rel.id, chk):
                continue
            terms: Terms = []
            for sign, side in ((1, chk.lhs), (-1, chk.rhs)):
                for s, ref in side:
                    rc = slot(ref[1], ref[2])
                    if rc is not None:
                        terms.append((sign * s, rc))
            if terms:
                out.append(terms)
    return out


class LinearSearch(Search):
    """``slots``: the cells the grid has (a row prints a label on that side); ``checks``: the
    identities, each ``Σ sign · cell = 0``; a check is tested once every cell of it is decided;
    ``groups``: each column's group (default: one group).
    A check of the form total = Σ parts (all parts of one sign) also bounds its parts placed so
    far by its total, when no amount is negative."""

    def __init__(self, nrows: int, ncols: int, slots: set[Slot], checks: list[Terms], stream: list[Decimal],
                 units: list[tuple[int, int]], budget: int,
                 bounds: dict[Slot, tuple[Decimal | None, Decimal | None]] | None = None,
                 groups: list[int] | None = None):
        super().__init__([None] * nrows, ncols, stream, units, budget, bounds, groups=groups)
        self.slots = slots
        self.checks = [t for t in checks if t]
        self.touch: dict[Slot, list[int]] = {}
        for k, terms in enumerate(self.checks):
            for _, rc in terms:
                self.touch.setdefault(rc, []).append(k)
        # by flat cell (``Search.val``): is it in the grid, the checks it is a term of (once a
        # term), and (check, sign) of each of its terms; and each check's signed sum of the
        # cells placed (a cell not placed is 0), kept by ``_place``
        flat = range(nrows * ncols)
        self._slot = [divmod(at, ncols) in slots for at in flat]
        self._touch = [self.touch.get(divmod(at, ncols), []) for at in flat]
        self._signs: list[list[tuple[int, int]]] = [[] for _ in flat]
        for k, terms in enumerate(self.checks):
            for sign, (r, c) in terms:
                self._signs[r * ncols + c].append((k, sign))
        self.signed = [0] * len(self.checks)
        # total = Σ parts: the total's term alone on its side
        self.sums: list[tuple[Slot, list[Slot]] | None] = []
        for terms in self.checks:
            pos = [rc for s, rc in terms if s > 0]
            neg = [rc for s, rc in terms if s < 0]
            one, many = (pos, neg) if len(pos) == 1 else (neg, pos)
            self.sums.append((one[0], many) if len(one) == 1 and many else None)
        if self.bounded:
            self._propagate()
        # cells that cannot be blank, grouped by the stream amounts that fit their bounds: each
        # group needs as many of those amounts still to come as it has cells still open
        need: dict[tuple[int, ...], list[Slot]] = {}
        for rc, (lo, hi) in self.bounds.items():
            if rc in slots and lo is not None and lo > 1:
                fit = tuple(i for i, x in enumerate(self.stream) if x >= lo and (hi is None or x <= hi))
                need.setdefault(fit, []).append(rc)
        self.need = list(need.items())
        # the largest amount from each stream position on: a total printed below its parts in
        # their column comes later in the stream, so it is at most this
        self.ahead = [max(self.stream[i:], default=0) for i in range(len(self.stream) + 1)]
        self.below = [form is not None and all(p[1] == form[0][1] and p[0] < form[0][0] for p in form[1])
                      for form in self.sums]
        # by flat cell, the checks total = Σ parts it is a part of (once a part); each one's Σ
        # of the parts placed, kept by ``_place``
        self._part_of: list[list[int]] = [[] for _ in flat]
        for k, form in enumerate(self.sums):
            for r, c in form[1] if form is not None else ():
                self._part_of[r * ncols + c].append(k)
        self.parts_sum = [0] * len(self.checks)

    _every_cell_fits = False  # (``_fits``: the grid's cells only)

    def _propagate(self) -> None:
        """With no negative amount, a total is at least the sum of its parts' least values
        and a part at most its total's greatest: the bounds other tables put on some cells
        (T05's figures on T04's 一般公共预算 column) then bound their totals (T04's 合计 column)
        too, and a blank there is ruled out at once."""
        for _ in range(3):
            changed = False
            for form in self.sums:
                if form is None:
                    continue
                total, parts = form
                lo, hi = self.bounds.get(total, (None, None))
                least = sum(self.bounds.get(p, (None, None))[0] or 0 for p in parts) - len(parts)
                if least > 0 and (lo is None or least > lo):
                    self.bounds[total] = (least, hi)
                    lo, changed = least, True
                if hi is not None:
                    for p in parts:
                        plo, phi = self.bounds.get(p, (None, None))
                        if phi is None or hi < phi:
                            self.bounds[p] = (plo, hi)
                            changed = True
            if not changed:
                return

    def _place(self, c: int, s: int, first: int, size: int, on: bool) -> None:
        super()._place(c, s, first, size, on)
        signed, parts_sum, k = self.signed, self.parts_sum, self.k
        for q in range(size):
            x = self.stream[first + q] if on else -self.stream[first + q]
            if x:
                at = (s + q) * k + c
                for check, sign in self._signs[at]:
                    signed[check] += sign * x
                for check in self._part_of[at]:
                    parts_sum[check] += x

    def _step(self, j: int, last, band) -> None:
        nxt = self.units[j][0] if j < len(self.units) else len(self.stream)
        for fit, cells in self.need:
            open_ = sum(1 for r, c in cells if not self.taken[r * self.k + c])
            if open_ and open_ > len(fit) - bisect_left(fit, nxt):  # (fit is in stream order)
                return  # a cell that must hold one of these amounts can no longer get one
        super()._step(j, last, band)

    def grid(self) -> list[Slot]:
        return sorted(self.slots)

    def _fits(self, s: int, size: int, c: int) -> bool:
        slot, k = self._slot, self.k
        return all(slot[r * k + c] for r in range(s, s + size))

    def _band_start(self, s: int, lo: int) -> int:
        # a side's column may be blank in the band's first rows while the other side prints
        # them (an income column with nothing between its items and its totals)
        return lo

    def _decided(self, rc: Slot) -> bool:
        return self.ptr[rc[1]] > rc[0]

    def _relations_ok(self, c: int, lo: int, hi: int) -> bool:
        if not super()._relations_ok(c, lo, hi):  # the cross-table bounds
            return False
        touch, k = self._touch, self.k
        for r in range(lo, hi):
            for check in touch[r * k + c]:
                if not self._check_ok(check):
                    return False
        return True

    def _check_ok(self, check: int) -> bool:
        """The check holds when decided; with one cell left, the figure that cell needs is
        blank (zero) or one still to come in the stream."""
        # a cell already placed is known, though its column's edge may not have moved yet
        # (_advance moves the columns' edges one after another, checking as it goes)
        terms = self.checks[check]
        ptr, taken, k = self.ptr, self.taken, self.k
        open_ = None  # the sign of the one term still open
        for s, (r, c) in terms:
            if ptr[c] <= r and not taken[r * k + c]:
                if open_ is not None:
                    return True
                open_ = s
        # Σ of the known terms: the cells not known are not placed, 0 in ``signed``
        rest = self.signed[check]
        tol = len(terms)
        if open_ is None:
            return abs(rest) <= tol
        need = -rest * open_
        if abs(need) <= tol:
            return True
        nxt = max(self.cell.values(), default=-1) + 1
        return any(abs(x - need) <= tol for x in self.stream[nxt:])

    def _row_ok(self, r: int) -> bool:
        return True  # rows are checks like any other

    def _bound_ok(self, r: int) -> bool:
        return True

    def _cell_ok(self, r: int, c: int, i: int) -> bool:
        """``_sums_ok`` of stream amount ``i`` in cell (r, c), before it is placed (see
        ``Search._cell_ok``): as it would read with the amount placed — the cell holding its
        value (the total of a check) and its value added to the checks it is a part of."""
        if not self.bounded:
            return True
        at = r * self.k + c
        x = self.stream[i]
        for check in self._touch[at]:
            form = self.sums[check]
            if form is None:
                continue
            total, parts = form
            if total == (r, c):
                most = x
            elif self._decided(total) or total in self.cell:
                most = self.v(*total)
            elif self.below[check]:
                most = self.ahead[max(i, max(self.cell.values(), default=-1)) + 1]
            else:
                continue
            if self.parts_sum[check] + x * self._part_of[at].count(check) > most + len(parts) + 1:
                return False
        return True

    def _sums_ok(self, r: int, c: int) -> bool:
        """With no negative amount: the parts placed so far of a total do not exceed it, when
        it is known, or the largest amount still to come, when it is printed below them."""
        if not self.bounded:
            return True
        for k in self._touch[r * self.k + c]:
            form = self.sums[k]
            if form is None:
                continue
            total, parts = form
            if self._decided(total) or total in self.cell:
                most = self.v(*total)
            elif self.below[k]:
                most = self.ahead[max(self.cell.values()) + 1]
            else:
                continue
            if self.parts_sum[k] > most + len(parts) + 1:
                return False
        return True


__all__ = ["LinearSearch", "PrintedRows", "Slot", "Terms", "own_checks"]
