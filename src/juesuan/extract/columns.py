"""Deciding the columns of compact rows (flat layout: empty cells were dropped).

A row prints its total first, then the non-empty columns in order. When fewer values than
active columns are printed, which columns they belong to is decided by the identities the
table must satisfy: each parent's column equals the sum of its children's (the hierarchy),
top-down from the 合计 row, whose active columns come from cross-table evidence (e.g. T02's
sources from T01's income items). Lower bounds from another table rule placements out: a
fund table's 基本支出 / 项目支出 for a code is part of T03's for the same code, so T03 prints a
value there at least as large — a column the bound says is non-zero must be printed, and a
value below its bound is not that column's. Remaining ties are broken by hints from another
table (same code), then by the usual order of columns; a choice that rested on that last
resort is marked uncertain on the cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations

from juesuan.extract.records import Record, parent_row
from juesuan.money import tolerance

MAX_COMBOS = 200_000


@dataclass
class Assignment:
    columns: dict[int, list[str]]  # record index → column per value (same order as values)
    uncertain: set[int]  # record indexes whose assignment was a guess
    notes: dict[int, str]


Bounds = dict[tuple[str, str], Decimal]  # (row key, column) → the least the cell can hold


def _options(rec: Record, total_col: str, active: list[str], key: str | None = None,
             bounds: Bounds | None = None) -> list[list[str]]:
    k = len(rec.values)
    if k == 0:
        return [[]]
    if k == 1:
        return [[total_col]]
    rest = k - 1
    if rest > len(active):
        return []
    opts = [[total_col, *c] for c in combinations(active, rest)]
    if bounds and key is not None:
        # Keep the placements every lower bound allows; when none does, the document breaks
        # the bound itself (its rule says so) and the bounds decide nothing here.
        kept = [o for o in opts if _within(o, rec.values, key, active, bounds)]
        opts = kept or opts
    return opts


def _within(cols: list[str] | tuple[str, ...], values: list, key: str, columns: list[str], bounds: Bounds) -> bool:
    """Does placing ``values`` under ``cols`` respect every lower bound of row ``key`` on
    ``columns``? A column given no value holds 0."""
    placed = {c: v.parsed.value for c, v in zip(cols, values)}
    for c in columns:
        b = bounds.get((key, c))
        if b is not None and placed.get(c, Decimal(0)) < b - tolerance(2):
            return False
    return True


def assign(
    records: list[Record],
    total_col: str,
    other_cols: list[str],
    active: list[str] | None = None,
    hints: dict[tuple[str, str], Decimal] | None = None,
    prefer: list[str] | None = None,
    bounds: Bounds | None = None,
) -> Assignment:
    """Choose columns for every record's compact values. ``prefer`` ranks columns for the
    last-resort guess (e.g. 国有资本经营 spending is usually 项目支出). ``bounds``: lower bounds
    per (row, column) from another table's read cells (see module)."""
    hints = hints or {}
    bounds = bounds or {}
    rank = {c: k for k, c in enumerate(prefer or other_cols)}
    res = Assignment(columns={}, uncertain=set(), notes={})
    key_of = {i: r.key for i, r in enumerate(records)}
    # Active columns: those the 合计 row prints.
    total_idx = next((i for i, r in enumerate(records) if r.total), None)
    # A 合计 row that prints every column is the table's own word on its columns: it outranks
    # another table's evidence (T01 names only the non-zero income items; this table may print
    # 0.00 in the others).
    prints_all = total_idx is not None and len(records[total_idx].values) - 1 == len(other_cols)
    if prints_all:
        active = list(other_cols)
    elif active is None:
        if total_idx is not None:
            n = len(records[total_idx].values) - 1
            active = sorted(sorted(other_cols, key=lambda c: rank.get(c, 99))[:n], key=other_cols.index)
            confirmed = _active_from_hints(records[total_idx], total_col, other_cols, n, hints)
            if confirmed is None:
                confirmed = _active_from_bounds(records[total_idx], other_cols, n, bounds)
            if confirmed is not None:
                active = confirmed
            else:
                res.notes[total_idx] = "active columns guessed from the usual column order"
                res.uncertain.add(total_idx)
        else:
            active = list(other_cols)
    children: dict[str, list[int]] = {}
    for i, r in enumerate(records):
        p = "合计" if r.total else parent_row(r.code)
        if r.total:
            continue
        # A class row's parent is 合计 only when the table has one.
        children.setdefault(p or "合计", []).append(i)
    resolved: dict[str, dict[str, Decimal]] = {}

    def set_rec(i: int, cols: list[str]) -> None:
        res.columns[i] = cols
        key = key_of[i]
        if key is not None:
            resolved[key] = {c: v.parsed.value for c, v in zip(cols, records[i].values)}

    index_of = {k: i for i, k in key_of.items() if k is not None}

    def solve(parent_key: str) -> None:
        kids = children.get(parent_key, [])
        if not kids:
            return
        # Children placed to add up to a parent whose own columns were a guess are confirmed
        # only by that guess: they stay uncertain (no circular confirmation).
        guessed_parent = index_of.get(parent_key) in res.uncertain
        opts = [_options(records[i], total_col, active, key_of[i], bounds) for i in kids]
        target = resolved.get(parent_key)
        fixed = [i for i, o in zip(kids, opts) if len(o) == 1]
        for i, o in zip(kids, opts):
            if len(o) == 1:
                set_rec(i, o[0])
        ambiguous = [(i, o) for i, o in zip(kids, opts) if len(o) > 1]
        if ambiguous:
            n = 1
            for _, o in ambiguous:
                n *= len(o)
            best: list[tuple[int, tuple[list[str], ...]]] = []
            if target is not None and n <= MAX_COMBOS * 50:
                base = {c: Decimal(0) for c in active}
                for i in fixed:
                    for c, v in zip(res.columns[i], records[i].values):
                        if c in base:
                            base[c] += v.parsed.value
                tol = tolerance(len(kids))
                found = _search(ambiguous, records, active, base, target, tol)
                if not found:
                    # No placement adds up: a row printed with a wrong figure (a defect of the
                    # document) may break one column's sum. Its own row sum fails by the same
                    # amount, which says by how much that column may miss.
                    slack = _defects(parent_key, fixed, records, res.columns, index_of)
                    if slack:
                        found = _search(ambiguous, records, active, base, target, tol, slack=slack)
                for combo in found:
                    best.append((_hint_score(combo, ambiguous, records, key_of, hints), combo))
            if best:
                best.sort(key=lambda x: -x[0])
                if len(best) > 1 and best[0][0] == best[1][0]:
                    best.sort(key=lambda x: (-x[0], [rank.get(c, 99) for cols in x[1] for c in cols[1:]]))
                top = best[0]
                tied = [b for b in best if b[0] == top[0]]
                for (i, _), cols in zip(ambiguous, top[1]):
                    set_rec(i, list(cols))
                    if len({tuple(b[1][ambiguous.index((i, _))]) for b in tied}) > 1:
                        res.uncertain.add(i)
                        res.notes[i] = "column ambiguous: several placements satisfy the hierarchy"
            else:
                for i, o in ambiguous:
                    choice = _best_by_hint(i, o, records, key_of, hints, rank)
                    set_rec(i, choice[0])
                    if not choice[1]:
                        res.uncertain.add(i)
                        res.notes[i] = "column not determined by the identities; usual column order assumed"
            if guessed_parent:
                for i, _ in ambiguous:
                    if i not in res.uncertain:
                        res.uncertain.add(i)
                        res.notes[i] = "column follows a parent row whose column was itself not determined"
        for i in kids:
            if key_of[i] is not None and key_of[i] in children:
                solve(key_of[i])  # noqa: F821 (defined while it runs: emptied only once assign is done)

    if total_idx is not None:
        n = len(records[total_idx].values) - 1
        chosen = active if n >= len(active) else sorted(sorted(active, key=lambda c: rank.get(c, 99))[:n], key=active.index)
        set_rec(total_idx, [total_col, *chosen[:n]])
    solve("合计")
    # Records whose parent never printed (no 合计 row, orphan codes): place them by hints/order.
    for i, r in enumerate(records):
        if i not in res.columns:
            opts = _options(r, total_col, active, key_of[i], bounds)
            if not opts:
                res.columns[i] = [total_col] + active[: len(r.values) - 1]
                res.uncertain.add(i)
                res.notes[i] = "more values printed than columns"
                continue
            choice = _best_by_hint(i, opts, records, key_of, hints, rank)
            set_rec(i, choice[0])
            if len(opts) > 1 and not choice[1]:
                res.uncertain.add(i)
                res.notes[i] = "column not determined by the identities; usual column order assumed"
            if key_of[i] in children:
                solve(key_of[i])
    del solve  # (see _search: a recursive closure is a reference cycle)
    return res


def _active_from_hints(total: Record, total_col: str, other_cols: list[str], n: int,
                       hints: dict[tuple[str, str], Decimal]) -> list[str] | None:
    """The columns the 合计 row prints, when another table's figures for that row confirm
    every one of them (and no other choice does as well)."""
    if n <= 0 or n > len(other_cols):
        return None
    scores = []
    for combo in combinations(other_cols, n):
        hit = sum(1 for c, v in zip(combo, total.values[1:])
                  if (h := hints.get(("合计", c))) is not None and abs(h - v.parsed.value) <= tolerance(2))
        scores.append((hit, list(combo)))
    scores.sort(key=lambda x: -x[0])
    if scores and scores[0][0] == n and (len(scores) == 1 or scores[1][0] < n):
        return scores[0][1]
    return None


def _active_from_bounds(total: Record, other_cols: list[str], n: int, bounds: Bounds) -> list[str] | None:
    """The columns the 合计 row prints, when the lower bounds leave exactly one choice: a
    column some row's bound says is non-zero must be printed (amounts are not negative, so a
    column the 合计 row leaves empty is empty in every row), and each printed 合计 value must
    reach its own bound."""
    if n <= 0 or n > len(other_cols) or not bounds:
        return None
    needed = {c for (_, c), b in bounds.items() if b > tolerance(2)}
    feasible = [list(combo) for combo in combinations(other_cols, n)
                if needed <= set(combo) and _within(combo, total.values[1:], "合计", list(combo), bounds)]
    return feasible[0] if len(feasible) == 1 else None


Slack = list[tuple[set[str], Decimal]]  # (columns a defective row prints, by how much their sum may miss)


def _residual(rec: Record) -> Decimal:
    """A row's total minus the sum of its other printed values (0 when it adds up)."""
    vals = [v.parsed.value for v in rec.values]
    return vals[0] - sum(vals[1:], Decimal(0)) if len(vals) > 1 else Decimal(0)


def _defects(parent_key: str, fixed: list[int], records: list[Record], placed: dict[int, list[str]],
             index_of: dict[str | None, int]) -> Slack:
    """Rows whose own row sum fails (the parent, or a child placed for certain): if one of
    their figures is wrong by the residual, a column sum over the children misses by it —
    the parent's residual as is (its figure is short of the children's sum), a child's
    negated."""
    out: Slack = []
    p = index_of.get(parent_key)
    for i, sign in ([(p, 1)] if p is not None and p in placed else []) + [(i, -1) for i in fixed]:
        r = _residual(records[i])
        if abs(r) > tolerance(len(records[i].values)):
            out.append((set(placed[i][1:]), sign * r))
    return out


def _search(ambiguous, records, active, base, target, tol, limit: int = 64, slack: Slack | None = None):
    """Depth-first search over the children's placements, pruning as soon as a column's
    running sum exceeds its total (amounts in these tables are not negative). ``slack``: at
    most one column may miss its total, by the amount a defective row explains (``_defects``)."""
    over = max([Decimal(0)] + [d for _, d in slack or []])

    def holds(sums) -> bool:
        missed = [c for c in active if abs(sums[c] - target.get(c, Decimal(0))) > tol]
        if not missed:
            return True
        if not slack or len(missed) > 1:
            return False
        c = missed[0]
        return any(c in cols and abs(sums[c] - target.get(c, Decimal(0)) - d) <= tol for cols, d in slack)

    order = sorted(range(len(ambiguous)), key=lambda k: -max(v.parsed.value for v in records[ambiguous[k][0]].values))
    chosen: list[list[str] | None] = [None] * len(ambiguous)
    sums = dict(base)
    found: list[tuple[list[str], ...]] = []

    def dfs(depth: int) -> None:
        if len(found) >= limit:
            return
        if depth == len(order):
            if holds(sums):
                found.append(tuple(chosen))  # type: ignore[arg-type]
            return
        k = order[depth]
        i, opts = ambiguous[k]
        for cols in opts:
            ok = True
            for c, v in zip(cols, records[i].values):
                if c in sums:
                    sums[c] += v.parsed.value
                    if sums[c] > target.get(c, Decimal(0)) + tol + over:
                        ok = False
            if ok:
                chosen[k] = cols
                dfs(depth + 1)  # noqa: F821 (defined while it runs: emptied only once the search is done)
            for c, v in zip(cols, records[i].values):
                if c in sums:
                    sums[c] -= v.parsed.value
        chosen[k] = None

    dfs(0)
    # A recursive closure refers to itself (through its cell): the cycle would keep the
    # search's records and lines alive until the collector's next pass, about 2,000 objects
    # of one long document. Emptying the cell frees them as the search returns.
    del dfs
    return found


def _hint_score(combo, ambiguous, records, key_of, hints) -> int:
    score = 0
    for (i, _), cols in zip(ambiguous, combo):
        key = key_of[i]
        for c, v in zip(cols, records[i].values):
            h = hints.get((key, c))
            if h is not None and abs(h - v.parsed.value) <= tolerance(2):
                score += 1
    return score


def _best_by_hint(i, opts, records, key_of, hints, rank) -> tuple[list[str], bool]:
    scored = []
    for o in opts:
        s = 0
        for c, v in zip(o, records[i].values):
            h = hints.get((key_of[i], c))
            if h is not None and abs(h - v.parsed.value) <= tolerance(2):
                s += 1
        scored.append((s, o))
    scored.sort(key=lambda x: (-x[0], [rank.get(c, 99) for c in x[1][1:]]))
    decided = len(scored) == 1 or (scored[0][0] > 0 and scored[0][0] > scored[1][0])
    return scored[0][1], decided
