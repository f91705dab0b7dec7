"""公开06表 printed column by column with every cell printed (a blank one as 0.00): the 款
amounts placed by the runs the tool printed them in, under the table's identities.

What holds in such a dump (plain ``pdftotext`` on the real forms; checked cell by cell
against the PDFs' own cells, and on the writer's layouts rendered to PDF): the tool prints a
text block's lines top to bottom, so a *run* — amounts one a line on consecutive lines, or on
every other line with a name or code alone on the line between (a block holding one group's
amount column and the next group's name column) — is one column group's amounts in
consecutive rows, top to bottom. Which group, and where in it, the text does not say; nor
does the order of the runs: poppler orders a page's blocks by a reading-order heuristic that
takes a grid of blocks for a table and then follows no row or column, and a taller row (a
wrapped name) cuts a column into blocks that come out before, between or after the others —
one amount a block where every row is taller, as on forms that leave blank cells empty. So a
run of one amount says nothing; a longer run is a piece of a column:

* the columns: the personnel classes' rows (301, 303) with 人员经费合计 below them, and the
  other classes' rows with 公用经费合计 below them, each in code order (a form printing the
  公用经费 classes in two groups side by side cuts that column in two; taking it as one only
  adds placements);
* every row prints one amount (the amounts are as many as the rows and the two totals), so a
  run of k amounts is k consecutive rows of one column;
* the amounts of runs of one amount, and those no run places, are placed by the identities
  (``EconomicSearch``: a class = Σ its items, 人员/公用经费合计 = their classes), an item only
  where its class's open items take one figure alike (else every placement of them is one).

Every placement of the runs, with every placement of the rest, is listed (within a budget);
a cell is certain when all of them give it the same figure, uncertain otherwise (shown with
the figure the first placement gives it, a class's open items taking its free amounts in
print order). None — no placement, a blank cell, a code printed split or twice, too many to
list — leaves the table to ``econcols`` (its totals and classes by the identities alone).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from juesuan import catalogue as cat
from juesuan.extract.blocks import meter
from juesuan.extract.blocks.economic import (
    _AMBIGUOUS,
    EconomicSearch,
    Frame,
    Placement,
    Rows,
    _decided,
    read_rows,
)
from juesuan.glossary import PERSONNEL_CLASSES, T06_TOTALS

PERSONNEL, PUBLIC = T06_TOTALS
# steps of all the searches together (run placements and the identities' search under each)
SEARCH_BUDGET = 200_000
MAX_PLACEMENTS = 256
UNREAD_NOTE = "个数值（文本按列输出）按输出顺序和勾稽关系都无法确定在哪一行，按输出顺序暂列，标为存疑"


@dataclass
class RunsSolved:
    """row → (amount token index, uncertain), the rows' names, how many cells are uncertain."""
    cells: dict[str, tuple[int, bool]]
    names: dict[str, str]
    uncertain: int


def columns(codes: list[str]) -> list[list[str]]:
    """The two columns of rows (see module), each ending with its total."""
    personnel = sorted(c for c in codes if c[:3] in PERSONNEL_CLASSES)
    public = sorted(c for c in codes if c[:3] not in PERSONNEL_CLASSES)
    return [[*personnel, PERSONNEL], [*public, PUBLIC]]


def _parent(row: str) -> str | None:
    if row in T06_TOTALS:
        return None
    return row[:3] if len(row) == 5 else (PERSONNEL if row in PERSONNEL_CLASSES else PUBLIC)


class _Fixed:
    """The rows the runs placed so far: row → half cents, with the identities a partial
    placement can already break (no negative amount: no part above its whole)."""

    def __init__(self, cols: list[list[str]], tolerance: int = 1):
        self.children: dict[str, list[str]] = {}
        for col in cols:
            for r in col:
                p = _parent(r)
                if p is not None:
                    self.children.setdefault(p, []).append(r)
        self.values: dict[str, int] = {}

    def wholes(self, rows: list[str]) -> list[str]:
        """The wholes whose identity placing ``rows`` may break: their parents, and those of
        them that are wholes."""
        return list({p for r in rows if (p := _parent(r)) is not None} | {r for r in rows if r in self.children})

    def wholes_hold(self, wholes: list[str]) -> bool:
        for w in wholes:
            total = self.values.get(w)
            if total is None:
                continue
            got = [self.values[k] for k in self.children.get(w, []) if k in self.values]
            if sum(got) > total + len(got):
                return False
            if len(got) == len(self.children.get(w, [])) and abs(sum(got) - total) > max(len(got), 1):
                return False
        return True


def _spans(col: list[str], size: int) -> range:
    return range(len(col) - size + 1)


def placements(cols: list[list[str]], runs: list[list[int]], values: dict[int, int],
               budget: list[int]) -> Iterator[dict[str, int]]:
    """Each placement of the runs (longest first) as row → amount index, no two on a row and
    no partial identity broken."""
    fixed = _Fixed(cols)
    taken: dict[str, int] = {}
    order = sorted(runs, key=len, reverse=True)
    # by run length: each place a run may take — its rows, their bits (a bit a row: ``used``
    # has the rows taken) and the wholes they may break — column by column, top to bottom: the
    # same for every run of that length, listed once
    bit = {r: 1 << n for n, r in enumerate(r for col in cols for r in col)}
    spans = {size: [(rows, sum(bit[r] for r in rows), fixed.wholes(rows)) for col in cols
                    for s in _spans(col, size) for rows in [col[s:s + size]]] for size in {len(r) for r in order}}
    used = 0

    def step(u: int) -> Iterator[dict[str, int]]:
        nonlocal used
        if u == len(order):
            yield dict(taken)
            return
        run = order[u]
        for rows, mask, wholes in spans[len(run)]:
            budget[0] -= 1
            if budget[0] < 0:
                return
            if used & mask:
                continue
            used |= mask
            for r, i in zip(rows, run):
                taken[r] = i
                fixed.values[r] = values[i]
            if fixed.wholes_hold(wholes):
                yield from step(u + 1)
            used &= ~mask
            for r in rows:
                del taken[r]
                del fixed.values[r]

    yield from step(0)


def solve_runs(texts: list[str], runs: list[list[int]],
               bounds: dict[str, tuple[int | None, int | None]] | None = None,
               budget: int = SEARCH_BUDGET) -> RunsSolved | None:
    """The cells of a T06 region's tokens (``runs``: the amounts' token indices, run by run
    in print order; ``bounds`` in half cents by row), or None (see module)."""
    from juesuan.extract.blocks.economic import _HALF, is_amount_token
    from juesuan.extract.grid import amount

    if not any(len(r) > 1 for r in runs):
        return None  # runs of one amount say nothing the identities alone do not
    rows = read_rows(texts)
    if rows is None or len(rows.totals) != 2 or any(len(c) != 5 and len(c) != 3 for c in rows.codes):
        return None
    at = [i for i, t in enumerate(texts) if is_amount_token(t)]
    if len(at) != len(rows.codes) + 2 or sorted(i for r in runs for i in r) != at:
        return None  # a blank cell (or a stray amount): where runs skip rows is not known
    values = {i: int(amount(texts[i]).value * _HALF) for i in at}  # type: ignore[union-attr]
    if any(v < 0 for v in values.values()):
        return None
    cols = columns(rows.codes)
    frame = Frame.of(rows.codes, values)  # shared by the searches under each run placement
    left = [budget]
    found: list[tuple[dict[str, int], dict[str, int | None], EconomicSearch, Placement]] = []
    for fixed in placements(cols, [r for r in runs if len(r) > 1], values, left):
        taken = set(fixed.values())
        free = [i for i in at if i not in taken]
        s = EconomicSearch(Rows(rows.codes, rows.names, fixed, free, list(T06_TOTALS)), values,
                           max(left[0], 0), bounds, exact=True, frame=frame)
        meter.run(s)
        left[0] = s.budget
        if s.exhausted or len(s.solutions) >= 64:
            return None
        for sol in s.solutions:
            found.append((fixed, _decided(s, sol), s, sol))
            if len(found) > MAX_PLACEMENTS:
                return None
    if left[0] < 0 or not found:
        return None
    # the placement shown: the one whose columns read most nearly in print order (the tool
    # prints most of a column's blocks top to bottom); certainty does not depend on it
    shown = [(fixed, decided, s, sol, _shown(fixed, decided, s, sol, values, at)) for fixed, decided, s, sol in found]
    fixed, first, s, sol, cells = min(shown, key=lambda x: _disorder(x[4], cols))
    unsure = {r for r in cells if first.get(r) == _AMBIGUOUS or any(o[1].get(r) != first.get(r) for o in found)}
    names = {c: rows.names.get(c) or _name(c) for c in rows.codes} | {t: t for t in T06_TOTALS}
    return RunsSolved({r: (i, r in unsure) for r, i in cells.items()}, names, len(unsure))


def _shown(fixed: dict[str, int], decided: dict[str, int | None], s: EconomicSearch, sol: Placement,
           values: dict[int, int], at: list[int]) -> dict[str, int]:
    """Row → amount index of one placement: the runs' rows as placed, the other rows the free
    amounts of their figures in print order (a class's open items, when the identities do not
    tell them apart, its free amounts in print order)."""
    out = dict(fixed)
    unused = [i for i in at if i not in set(fixed.values())]
    for r in s.open_rows:
        v = decided.get(r)
        i = next((j for j in unused if values[j] == v), None)
        if v is not None and i is not None:
            out[r] = i
            unused.remove(i)
    for c, open_ in s.open_items.items():
        mine = list(sol.items.get(c, ()))
        picks = []
        for j in unused:  # this class's figures, in print order
            if values[j] in mine:
                mine.remove(values[j])
                picks.append(j)
        for r, j in zip(open_, picks):
            out[r] = j
            unused.remove(j)
    return out


def _disorder(cells: dict[str, int], cols: list[list[str]]) -> int:
    """Pairs of a column's rows printed the other way round."""
    n = 0
    for col in cols:
        at = [cells[r] for r in col if r in cells]
        n += sum(1 for j, a in enumerate(at) for b in at[j + 1:] if a > b)
    return n


def _name(code: str) -> str:
    e = cat.get(code, "economic")
    return e.name if e is not None else code


__all__ = ["RunsSolved", "UNREAD_NOTE", "columns", "placements", "solve_runs"]
