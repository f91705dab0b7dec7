"""公开06表 (基本支出, 经济分类) printed one cell a line (``pdftotext`` without -layout):
placed where the tool's order says whose an amount is and the table's identities confirm it.

The form prints every 经济分类 row of its column groups (人员经费 | 公用经费 …) — code, name,
决算数 — and the two totals 人员经费合计 / 公用经费合计. The tool prints a printed row's cells
one after another where it sees them as one line, but pulls other amounts out of their row
(to the end of the page, ahead of the names, …) and a code ahead of its name. So:

* an amount printed right after a code and that code's name (a name wrapped over lines
  joined) is the row's — the three cells came out together;
* every other amount is *free*: its row is decided by the identities alone — each class =
  Σ its items, 人员经费合计 = Σ the personnel classes, 公用经费合计 = Σ the others (blank
  cells are 0; with no negative amount, no item above its class);
* a free amount the identities send to a class's items, where more than one item of that
  class is still open, cannot be given a row: it is not placed (the table is then partial);
  one they send to a single row in every placement is certain, one they send to a row in
  some placements only is uncertain.

No placement satisfying every identity (a split code, a misprint, an amount the tool printed
after another row's name) leaves no amount placed by the order: never a guess. The anchored
amounts are all kept or none: releasing the ones an identity rejects was tried, and put a
class-mate's pulled amount into a certain cell (an identity cannot see a swap within a
class). A table printed column by column (more free amounts than anchored), or whose order's
reading fails, is read by ``econcols`` instead: its totals and classes by the identities
alone, its items not at all. Known limit: a pulled amount printed after the name of a blank
row of its own class, in a table whose every identity holds, would be read as that row's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from juesuan import catalogue as cat
from juesuan.extract.blocks import _AMOUNT_RE, econcols, meter
from juesuan.extract.blocks.cells import put, region
from juesuan.extract.blocks.cross import Bound, within
from juesuan.extract.grid import amount
from juesuan.extract.records import ECON_CODE_RE, flat_tokens
from juesuan.glossary import PERSONNEL_CLASSES, T06_TOTALS
from juesuan.model import Disclosure, Table
from juesuan.read.types import Line

TABLE = "T06"
COLUMN = "决算数"
PERSONNEL, PUBLIC = T06_TOTALS
# placements tried before giving up (free amounts are few: the search is nearly linear once
# they are taken largest first; the writer's layouts take under 700)
SEARCH_BUDGET = 20_000
MAX_SOLUTIONS = 64
UNPLACED_NOTE = "个数值按勾稽关系只能确定所属的类，无法确定是哪一款，未读取"
_MAX_WRAP = 3  # a name broken over at most this many lines
# amounts compared in half cents, as in search.py: the tolerance of a sum of n terms is n
_HALF = 200


@dataclass
class Rows:
    """What the token order says: the rows printed (each once), the amounts the order gives a
    row (``anchored``: row → amount index, a row of ``codes`` or ``totals``), and the others
    (``free``)."""
    codes: list[str]
    names: dict[str, str]
    anchored: dict[str, int]
    free: list[int]
    totals: list[str] = field(default_factory=list)  # 人员经费合计 / 公用经费合计 as printed


def _is_code(t: str) -> bool:
    return bool(ECON_CODE_RE.match(t)) and cat.get(t, "economic") is not None


def _name_at(texts: list[str], i: int, code: str) -> int:
    """How many tokens from ``i`` make ``code``'s name (0: they do not)."""
    for k in range(1, _MAX_WRAP + 1):
        piece = texts[i:i + k]
        if len(piece) < k or any(_is_code(p) or is_amount_token(p) for p in piece):
            return 0
        if cat.name_matches(code, "".join(piece), "economic"):
            return k
    return 0


def is_amount_token(t: str) -> bool:
    return bool(_AMOUNT_RE.match(t)) and amount(t) is not None


def read_rows(texts: list[str]) -> Rows | None:
    """The rows and amounts of a T06 region's tokens; None when no class code is printed
    whole (a code split into 类 | 款 cells names no row) or a code is printed twice."""
    codes: list[str] = []
    names: dict[str, str] = {}
    anchored: dict[str, int] = {}
    amounts = [i for i, t in enumerate(texts) if is_amount_token(t)]
    for i, t in enumerate(texts):
        if not _is_code(t):
            continue
        if t in names or t in codes:
            return None
        codes.append(t)
        k = _name_at(texts, i + 1, t)
        if k:
            names[t] = "".join(texts[i + 1:i + 1 + k])
            if i + 1 + k < len(texts) and is_amount_token(texts[i + 1 + k]):
                anchored[t] = i + 1 + k
    classes = {c for c in codes if len(c) == 3}
    if not classes or any(c[:3] not in classes for c in codes):
        return None
    totals = [k for k in T06_TOTALS if k in texts]
    taken = set(anchored.values())
    return Rows(codes, names, anchored, [i for i in amounts if i not in taken], totals)


@dataclass
class Placement:
    """A solution: row → half-cent value for the rows the order or the identities decide one
    by one, and class → the free values sent to its open items (not told apart)."""
    rows: dict[str, int]
    items: dict[str, tuple[int, ...]]


@dataclass(frozen=True)
class Frame:
    """What an ``EconomicSearch``'s setup takes from the table alone — its codes and its
    amounts' values — worked out once: econruns runs a search on one table for each of up to
    thousands of placements of its runs (2,664 on one real T06), which differ only in the
    amounts they anchor."""
    classes: list[str]
    # the classes of 人员经费合计 (True) and of 公用经费合计 (False): ``EconomicSearch._parts``
    classes_of: dict[bool, list[str]]
    # item row → its class, for the items of the classes printed, in print order
    item_of: dict[str, str]
    bounded: bool  # no negative amount

    @classmethod
    def of(cls, codes: list[str], values: dict[int, int]) -> Frame:
        classes = [c for c in codes if len(c) == 3]
        return cls(classes, {personnel: [c for c in classes if (c in PERSONNEL_CLASSES) == personnel]
                             for personnel in (True, False)},
                   {r: r[:3] for r in codes if len(r) == 5 and r[:3] in classes}, all(v >= 0 for v in values.values()))


class EconomicSearch:
    """Free amounts (half cents) into the open slots: a class's total, 人员/公用经费合计, or
    one of a class's open items; every identity checked once all are placed. ``frame``: the
    table's (``Frame.of(rows.codes, values)``), when the caller shares one among searches."""

    def __init__(self, rows: Rows, values: dict[int, int], budget: int = SEARCH_BUDGET,
                 bounds: dict[str, tuple[int | None, int | None]] | None = None, exact: bool = False,
                 frame: Frame | None = None):
        self.rows, self.values, self.budget = rows, values, budget
        # every cell printed (a blank one as 0.00): each open item takes exactly one free amount
        self.exact = exact
        self.bounds = bounds or {}
        frame = frame or Frame.of(rows.codes, values)
        self.classes = frame.classes
        self._classes_of = frame.classes_of
        self.bounded = frame.bounded
        self.fixed = {r: values[i] for r, i in rows.anchored.items()}
        # (sum, terms) of each class's items the order placed (``_items_sum``: summed once); each
        # class's items left open (the rows anchored are rows printed: ``Rows``)
        sums, terms = dict.fromkeys(self.classes, 0), dict.fromkeys(self.classes, 0)
        self.open_items: dict[str, list[str]] = {c: [] for c in self.classes}
        for r, c in frame.item_of.items():
            if r in self.fixed:
                sums[c] += self.fixed[r]
                terms[c] += 1
            else:
                self.open_items[c].append(r)
        self._fixed_items = {c: (sums[c], terms[c]) for c in self.classes}
        self.open_rows = [r for r in [*self.classes, *rows.totals] if r not in rows.anchored]
        # the slots a free amount may take, in the order tried (``_step``)
        self._slots = [*self.open_rows, *self.classes]
        self.free = sorted((values[i] for i in rows.free), reverse=True)  # largest first: see _fits
        self.solutions: list[Placement] = []
        self._rows: dict[str, int] = {}
        self._items: dict[str, list[int]] = {c: [] for c in self.classes}
        self._last = -1  # the slot the previous free amount took (see _step)

    @property
    def exhausted(self) -> bool:
        return self.budget <= 0

    def run(self) -> None:
        self._step(0)

    def _value(self, row: str) -> int | None:
        return self.fixed.get(row, self._rows.get(row))

    def _items_sum(self, c: str) -> tuple[int, int]:
        """(sum, terms) of class ``c``'s items placed so far."""
        fixed, n = self._fixed_items[c]
        free = self._items[c]
        return fixed + sum(free), n + len(free)

    def _parts(self, total: str) -> list[str]:
        return self._classes_of[total == PERSONNEL]

    def _fits(self, j: int) -> bool:
        """With no negative amount, nothing placed exceeds its total once the total is known;
        an open total can only be taken by a later free amount, none larger than this one."""
        if not self.bounded:
            return True
        later = self.free[j + 1] if j + 1 < len(self.free) else None
        for c in self.classes:
            if not self._under(c, *self._items_sum(c), later):
                return False
        for t in self.rows.totals:
            parts = self._parts(t)
            if not self._under(t, sum(self._value(c) or 0 for c in parts), len(parts), later):
                return False
        return True

    def _under(self, row: str, s: int, n: int, later: int | None) -> bool:
        """Can ``row`` be the total of parts summing to ``s`` (``n`` terms), its value known or
        still to come (at most ``later``)?"""
        tot = self._value(row)
        if tot is not None:
            return s <= tot + n
        return s <= 0 or later is not None and s <= later + n

    def row_value(self, row: str) -> int | None:
        """What the placement so far puts in ``row`` (a class's only open item: its free value)."""
        v = self._value(row)
        if v is None and self.open_items.get(row[:3]) == [row] and self._items[row[:3]]:
            v = self._items[row[:3]][0]
        return v

    def _holds(self) -> bool:
        if self.exact and any(len(self._items[c]) != len(self.open_items[c]) for c in self.classes):
            return False
        for c in self.classes:
            s, n = self._items_sum(c)
            if abs((self._value(c) or 0) - s) > max(n, 1):
                return False
        for t in self.rows.totals:
            parts = self._parts(t)
            if abs((self._value(t) or 0) - sum(self._value(c) or 0 for c in parts)) > max(len(parts), 1):
                return False
        for row, b in self.bounds.items():
            if not within(self.row_value(row) or 0, b):
                return False
        return True

    def _step(self, j: int) -> None:
        if len(self.solutions) >= MAX_SOLUTIONS or self.budget <= 0:
            return
        if j == len(self.free):
            if self._holds():
                sol = Placement(dict(self._rows), {c: tuple(sorted(v)) for c, v in self._items.items() if v})
                if sol not in self.solutions:
                    self.solutions.append(sol)
            return
        a = self.free[j]
        # equal amounts are interchangeable: one equal to the previous takes a slot no earlier
        # than the previous one's (each assignment is then tried once, not once per order)
        first = self._last if j and self.free[j - 1] == a else 0
        last = self._last
        slots = self._slots
        for k in range(first, len(slots)):
            self._last = k
            if k < len(self.open_rows):
                r = slots[k]
                if r in self._rows:
                    continue
                self.budget -= 1
                self._rows[r] = a
                if self._fits(j):
                    self._step(j + 1)
                del self._rows[r]
                continue
            c = slots[k]
            if len(self._items[c]) >= len(self.open_items[c]):
                continue
            self.budget -= 1
            self._items[c].append(a)
            if self._fits(j):
                self._step(j + 1)
            self._items[c].pop()
        self._last = last


@dataclass
class Solved:
    """row → (amount index, uncertain); ``unplaced``: amounts given no row."""
    cells: dict[str, tuple[int, bool]]
    names: dict[str, str]
    unplaced: int = 0
    note: str = UNPLACED_NOTE  # why the unplaced amounts are not read


_AMBIGUOUS = -1  # a row among its class's open items that took free amounts: which is unknown


def _decided(s: EconomicSearch, sol: Placement) -> dict[str, int | None]:
    """Row → its value in one placement (None: blank, _AMBIGUOUS: one of several open items
    of a class that took free amounts)."""
    out: dict[str, int | None] = dict(s.fixed)
    out.update({r: sol.rows.get(r) for r in s.open_rows})
    for c, open_ in s.open_items.items():
        got = sol.items.get(c, ())
        # every open item took one of ``got`` (all printed): where they are all one figure,
        # each item has it
        same = s.exact and len(set(got)) == 1
        for r in open_:
            out[r] = (got[0] if got else None) if len(open_) == 1 or same else (_AMBIGUOUS if got else None)
    return out


def _placements(rows: Rows, values: dict[int, int], budget: int,
                bounds: dict[str, tuple[int | None, int | None]]) -> list[dict[str, int | None]] | None:
    """Every placement (as ``_decided``), or None when there is none, or too many to know
    them all within the budget. The amounts the order gives a row stay there: when that
    reading fails an identity, the tool printed some row's amount after another row's code
    and name, and nothing then tells whether it did so within a class too (an identity
    cannot see that), so no amount of the table is trusted to its row."""
    s = EconomicSearch(rows, values, budget, bounds)
    meter.run(s)
    if not s.solutions or s.exhausted or len(s.solutions) >= MAX_SOLUTIONS:
        return None
    return [_decided(s, sol) for sol in s.solutions]


def solve(texts: list[str], bounds: dict[tuple[str, str], tuple[Decimal | None, Decimal | None]] | None = None,
          budget: int = SEARCH_BUDGET, runs: list[list[int]] | None = None) -> Solved | None:
    """The cells of a T06 region's tokens, or None when no placement satisfies its identities.
    ``bounds``: (row, column) → what other tables' certain cells say of it (``cross_bounds``);
    ``runs``: the amounts' token indices, run by run as the tool printed them (``econruns``)."""
    rows = read_rows(texts)
    # more amounts away from their row than beside it: the tool did not print the rows
    # together (all codes, then all names, …), and the few that look printed together may be
    # coincidences — nor would the identities alone place so many; the runs the amounts came
    # in may place them (econruns), else the totals and the classes may still be (econcols)
    if rows is None or len(rows.free) > len(rows.anchored):
        return _columns(texts, bounds, runs)
    values = {i: int(amount(texts[i]).value * _HALF)  # type: ignore[union-attr]
              for i in [*rows.anchored.values(), *rows.free]}
    half = _half_bounds(bounds, [*rows.codes, *rows.totals])
    found = _placements(rows, values, budget, half)
    if not found:
        return _columns(texts, bounds, runs)
    # the amount a row's value came from: its own when the order gave it one, else one of that
    # value not yet taken (equal amounts are interchangeable)
    unused = sorted(values)
    cells: dict[str, tuple[int, bool]] = {}
    first, others = found[0], found[1:]
    order = sorted(first, key=lambda r: r not in rows.anchored)
    for r in order:
        v = first[r]
        if v is None or v == _AMBIGUOUS:
            continue
        own = rows.anchored.get(r)
        i = own if own is not None and values[own] == v and own in unused else \
            next((j for j in unused if values[j] == v), None)
        if i is None:
            continue
        unused.remove(i)
        cells[r] = (i, any(o.get(r) != v for o in others))
    names = {c: rows.names.get(c) or _catalogue_name(c) for c in rows.codes}
    names.update({t: t for t in rows.totals})
    return Solved(cells, names, len(values) - len(cells))


def _half_bounds(bounds: dict[tuple[str, str], tuple[Decimal | None, Decimal | None]] | None,
                 rows: list[str]) -> dict[str, tuple[int | None, int | None]]:
    """The bounds on this table's 决算数 cells, by row, in half cents."""
    return {r: (None if lo is None else int(lo * _HALF), None if hi is None else int(hi * _HALF))
            for (r, col), (lo, hi) in (bounds or {}).items() if col == COLUMN and r in rows}


def _columns(texts: list[str], bounds: dict[tuple[str, str], tuple[Decimal | None, Decimal | None]] | None,
             runs: list[list[int]] | None = None) -> Solved | None:
    """The table read with no amount trusted to its row by its neighbours: by the runs the
    amounts came in (``econruns``), else by the identities alone (``econcols``; each with its
    own budget)."""
    from juesuan.extract.blocks import econruns  # it builds on this module

    if runs:
        # only the totals' bounds (equalities with T05): an item's (T09's floors) is a bound the
        # document may break (a warning), and a run placed by it could then be certain and wrong
        by_runs = econruns.solve_runs(texts, runs, _half_bounds(bounds, list(T06_TOTALS)))
        if by_runs is not None:
            return Solved(by_runs.cells, by_runs.names, by_runs.uncertain, note=econruns.UNREAD_NOTE)
    got = econcols.solve_columns(texts, bounds, COLUMN)
    return None if got is None else Solved(*got, note=econcols.COLUMNS_NOTE)


def runs_of(toks: list[tuple[str, Line]]) -> list[list[int]]:
    """The amounts' token indices, run by run: amounts one a line on consecutive lines, or
    every other line with one name or code on the line between (a text block holding one
    group's amount column and the next group's name column prints them alternately, each
    line where its row is)."""
    at = [i for i, (t, _) in enumerate(toks) if is_amount_token(t)]
    runs: list[list[int]] = []
    for j, ti in enumerate(at):
        if j and _together(toks, at[j - 1], ti):
            runs[-1].append(ti)
        else:
            runs.append([ti])
    return runs


def _together(toks: list[tuple[str, Line]], i: int, k: int) -> bool:
    """Whether amounts ``i`` and ``k`` (token indices, ``k`` the next amount) are one run."""
    lines = [ln for _, ln in toks[i:k + 1]]
    first = lines[0]
    return (k - i in (1, 2) and all(ln.page == first.page and ln.no == first.no + n and len(flat_tokens(ln)) == 1
                                    for n, ln in enumerate(lines)))


def place(t: Table, lines: list[Line], doc: Disclosure, cross: bool = False,
          known: dict[tuple[str, str], Bound] | None = None) -> bool:
    """Put the solved cells of a one-cell-a-line T06 into ``t`` (``blocks.place`` for this
    table's shape: the same units, notes and cross-table pass)."""
    from juesuan.extract.blocks import econruns

    got = region(t, lines, doc, cross, known)
    if got is None:
        return False
    toks, bounds = got
    solved = solve([x for x, _ in toks], bounds, runs=runs_of(toks))
    if solved is None:
        return False
    put(t, toks, {(r, COLUMN): c for r, c in solved.cells.items()}, solved.names, doc, "")
    # a second pass says it anew
    t._doubts = [d for d in t._doubts if not d.endswith((UNPLACED_NOTE, econcols.COLUMNS_NOTE, econruns.UNREAD_NOTE))]
    if solved.unplaced:
        t._doubts.append(f"{solved.unplaced} {solved.note}")
    return True


def _catalogue_name(code: str) -> str:
    e = cat.get(code, "economic")
    return e.name if e is not None else code


__all__ = ["COLUMN", "TABLE", "EconomicSearch", "Frame", "Rows", "Solved", "place", "read_rows", "solve"]
