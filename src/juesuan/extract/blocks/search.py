"""Placements of a column-block amounts stream into rows × columns, by the table's identities.

What the tool's reading order guarantees, and the search assumes:

* each column's amounts come in row order (blank cells dropped);
* the stream is cut into *bands* of rows, each below the one before (a page, a printed row,
  or the rows between two taller rows); within a band the columns come left to right, each
  column's amounts of the band as one or more runs — so a run of a column to the left of the
  previous one starts a new band, below the first rows of the runs so far in that column and
  those to its right (the first column's runs may come with the names, ahead of the others'
  bands; a run may go on into the next rows, ahead of their other columns);
* where the tool separates its text blocks (a blank line), one block is one column's amounts
  in consecutive rows — a *unit* of the search; where it does not, each amount is its own unit.
  A blank line ends a pdftotext *flow*, not a block: the next block of the same column joins
  the flow when the gap above it is under 2.5 × the font size (a blank cell on rows set solid),
  so a run may also skip rows (``gapped_units``: tried when no placement keeps the runs whole);
* where each row fills only one of two neighbouring columns, the tool may take their cells for
  one column: a run then goes on in its column or a neighbouring one, a row or two below
  (``mixed``: tried last);
* the band model holds within a group of columns (``groups``; one group by default): a group a
  column is a table whose columns come in any order, each still top to bottom.

The search places unit after unit (a column and a first row) and prunes as soon as a row or a
relation is decided: parent = Σ children in each column, the first column = Σ the others in
each row, and, with no negative amount, no part above its row's total; ``bounds`` are what
other tables' read cells say of a cell (a cross-table identity: equal to, at most, at least).
It counts the distinct placements where every identity holds, up to ``MAX_SOLUTIONS``, within
a budget of placements tried.
"""

from __future__ import annotations

from decimal import Decimal

from juesuan.money import tolerance

# amounts are compared in half cents (ints are much faster than Decimals in the search): the
# tolerance of a sum of n printed terms is n of them
HALF_CENTS = 200

# placements listed before the search stops: enough that most tables' are listed in full (the
# ranges they give their cells bound the other tables', ``blocks.Solved``)
MAX_SOLUTIONS = 64
# a run of amounts that mixes the cells of neighbouring columns (``mixed_units``) goes on across
# at most this many blank rows: pdftotext joins text blocks into one flow when the gap between
# them is under 2.5 × the font size — one blank cell on rows set solid
MIXED_SKIP = 1
# a state is remembered as leading nowhere when finding that out took this many placements
_MEMO_AFTER = 16

# the value of every cell, 0 when blank (``Search.val``): a placement's values, a blank and a
# 0.00 one, as the non-zero (cell, value) pairs would say them
Cells = tuple[int, ...]
# the cells asked of still open, with the figure each holds in the placement asked of (a
# placement counts when it puts another figure in one of them); None: every placement counts
Question = frozenset[tuple[tuple[int, int], int]] | None


class Search:
    """``parents[r]``: the row whose value in each column is the sum of row r's and its
    siblings' (None for the 合计 row); ``units``: (first stream index, size) of each unit."""

    def __init__(self, parents: list[int | None], ncols: int, stream: list[Decimal],
                 units: list[tuple[int, int]], budget: int,
                 bounds: dict[tuple[int, int], tuple[Decimal | None, Decimal | None]] | None = None,
                 pins: dict[int, int] | None = None, groups: list[int] | None = None):
        self.n, self.k, self.units, self.budget = len(parents), ncols, units, budget
        # each column's group: the band model holds within a group; the groups' runs may come
        # in any order relative to each other's (each column still top to bottom). One group:
        # the bands of the whole table; a group a column: the columns in any order
        self.groups = groups or [0] * ncols
        self.stream = [int(x * HALF_CENTS) for x in stream]
        assert tolerance(1) * HALF_CENTS == 1
        kids: dict[int, list[int]] = {}
        for r, p in enumerate(parents):
            if p is not None:
                kids.setdefault(p, []).append(r)
        self.kids = kids
        self.parent = parents
        self.bounds = {rc: (None if lo is None else int(lo * HALF_CENTS), None if hi is None else int(hi * HALF_CENTS))
                       for rc, (lo, hi) in (bounds or {}).items()}
        # relation p = Σ kids is decided in a column once the column is decided to its last row
        self.closing: dict[int, list[int]] = {}
        for p, ch in kids.items():
            self.closing.setdefault(max([p, *ch]), []).append(p)
        # by row: (parent, tolerance) of each relation it closes (``closing``, read per row tried)
        self._closes = [[(p, len(kids[p])) for p in self.closing.get(r, ())] for r in range(self.n)]
        self.cell: dict[tuple[int, int], int] = {}  # (row, col) → stream index
        # the placement again as flat arrays by cell (row * ncols + col), with the sums the
        # identities test, kept by ``_place``: the checks run for each of the hundreds of
        # thousands of placements tried, and read these instead of summing cells each time
        self.val = [0] * (self.n * ncols)  # the cell's value (0 when blank)
        self.taken = [False] * (self.n * ncols)  # is the cell placed (a 0.00 is)
        self.rest = [0] * self.n  # Σ of each row's parts (the columns after the first) placed
        self.kidsum = [0] * (self.n * ncols)  # Σ of a parent's children placed, by column
        self._tolerance = {p: len(ch) for p, ch in kids.items()}  # of a parent = Σ children
        self.ptr = [0] * ncols  # rows above ptr[c] are decided in column c
        # the first row of column c's last unit, plus one: a later band starts below it (a
        # unit may run on below its band — the tool joins a column's cells of the next rows
        # into its block before it prints the other columns of those rows)
        self.head = [0] * ncols
        self.rows_done = 0  # rows above this are checked for the row identity
        # distinct by the values they put in the cells: equal amounts swapped are one placement
        self.solutions: list[dict[tuple[int, int], int]] = []
        self._seen: set[Cells] = set()
        # with no negative amount, a row's parts never exceed its first column
        self.bounded = all(x >= 0 for x in stream)
        self.max_solutions = MAX_SOLUTIONS
        # {cell: stream index}: only placements that put another figure in one of those cells
        # count (is there one? — the question whether they are certain)
        self.forbid: dict[tuple[int, int], int] | None = None
        # states from which no placement that counts completes (``_state_key``), each with what
        # tells them apart and the question it is dead for (``_step``): a printed 0.00 reads as
        # a blank in every identity, so the rows of 0.00 that could each stand in any of several
        # columns lead to the same few states, searched once
        self._dead: dict[tuple, list[tuple[Cells, Question]]] = {}
        # how often the question pruned the search (``_leaned``): a state whose search it never
        # pruned leads nowhere whatever is asked
        self._leaned = 0
        self._explored: set[tuple[tuple, Cells]] = set()
        self.completions = 0  # placements completed, new or seen before
        self._zeros = [not any(self.stream[f:f + size]) for f, size in units]
        # unit → the row it starts at, when the text says (a table printed row by row)
        self.pins: dict[int, int] = pins or {}
        # units that go on in the previous unit's column, at a later row (``gapped_units``);
        # the column each unit was put in
        self.follow: frozenset[int] = frozenset()
        self._col = [-1] * len(units)
        # units that go on from the previous unit in one of the next rows, in its column or a
        # neighbouring one (``mixed_units``); the last row each unit was put in
        self.mixed: frozenset[int] = frozenset()
        self._end = [-1] * len(units)
        # unit → the column its printed header names (``anchors``): the only one tried for it
        self.col_pins: dict[int, int] = {}
        # the columns a unit may take (None: every one); the others are blank
        self.columns: frozenset[int] | None = None

    @property
    def exhausted(self) -> bool:
        return self.budget <= 0

    @property
    def complete(self) -> bool:
        """Were all the placements listed (the search neither ran out nor stopped at
        ``max_solutions``)?"""
        return not self.exhausted and len(self.solutions) < self.max_solutions

    def grid(self) -> list[tuple[int, int]]:
        """The cells a placement may fill (every row has every column here)."""
        return [(r, c) for r in range(self.n) for c in range(self.k)]

    def _values(self) -> dict[tuple[int, int], int]:
        return {rc: self.stream[i] for rc, i in self.cell.items()}

    def v(self, r: int, c: int) -> int:
        return self.val[r * self.k + c]

    def _relations_ok(self, c: int, lo: int, hi: int) -> bool:
        """The relations of column ``c`` decided by its rows [lo, hi) hold."""
        if self.forbid is not None and any((r, c) in self.forbid for r in range(lo, hi)) and self._asked() is False:
            self._leaned += 1
            return False  # every cell asked of decided, each as it was: no other placement
        # (mostly one row: this runs for nearly every placement tried)
        bounds, closes, val, kidsum, k = self.bounds, self._closes, self.val, self.kidsum, self.k
        for idx in range(lo, hi):
            if bounds:
                b = bounds.get((idx, c))
                if b is not None:
                    x = val[idx * k + c]
                    if b[0] is not None and x < b[0] or b[1] is not None and x > b[1]:
                        return False
            for p, tol in closes[idx]:
                at = p * k + c
                if abs(val[at] - kidsum[at]) > tol:
                    return False
        return True

    def _row_ok(self, r: int) -> bool:
        if not any(self.taken[r * self.k:(r + 1) * self.k]):
            return True
        return abs(self.val[r * self.k] - self.rest[r]) <= self.k - 1

    def _bound_ok(self, r: int) -> bool:
        """Parts placed so far in row r do not exceed its total (when it is decided)."""
        if not self.bounded or self.ptr[0] <= r:
            return True
        return self.rest[r] <= self.val[r * self.k] + self.k - 1

    def _sums_ok(self, r: int, c: int) -> bool:
        """With no negative amount: the children of a decided parent placed so far do not
        exceed it, and a parent is not below its children placed before it."""
        if not self.bounded:
            return True
        val, kidsum, k = self.val, self.kidsum, self.k
        p = self.parent[r]
        if p is not None and (self.ptr[c] > p or self.taken[p * k + c]):
            at = p * k + c
            if kidsum[at] > val[at] + self._tolerance[p]:
                return False
        at = r * k + c
        if r in self._tolerance and self.taken[at]:
            return kidsum[at] <= val[at] + self._tolerance[r]
        return True

    def _unit_ok(self, s: int, size: int, c: int) -> bool:
        """The cells of a unit just placed in column ``c`` from row ``s`` keep their rows'
        bounds and their parents' sums (``_bound_ok``, ``_sums_ok``), row by row."""
        for r in range(s, s + size):
            if not (self._bound_ok(r) and self._sums_ok(r, c)):
                return False
        return True

    # a unit of one amount is checked (``_fits``, ``_cell_ok``) before it is placed: most of
    # the placements tried fail these checks, and they then cost no placing and taking back
    # (``_every_cell_fits``: ``_fits`` is always true, and not asked)
    _every_cell_fits = True

    def _cell_ok(self, r: int, c: int, i: int) -> bool:
        """``_unit_ok`` of a unit of one amount, stream index ``i``, in cell (r, c), before it
        is placed: ``_bound_ok`` and ``_sums_ok`` read as they would with it placed
        (``_place``: its value added to the row's parts when c is not the first column, to its
        parent's children)."""
        if not self.bounded:
            return True
        k, x = self.k, self.stream[i]
        if self.ptr[0] > r and self.rest[r] + (x if c else 0) > (self.val[r * k] if c else x) + k - 1:
            return False
        p = self.parent[r]
        if p is not None and (self.ptr[c] > p or self.taken[p * k + c]):
            at = p * k + c
            if self.kidsum[at] + x > self.val[at] + self._tolerance[p]:
                return False
        tol = self._tolerance.get(r)
        return tol is None or self.kidsum[r * k + c] <= x + tol

    def _advance(self, targets: list[int]) -> bool:
        """Move every column's decided edge to ``targets`` (never back), checking what that
        decides; the edges and the row pointer are restored by the caller."""
        ptr = self.ptr
        for c, to in enumerate(targets):
            if to > ptr[c]:
                lo, ptr[c] = ptr[c], to
                if not self._relations_ok(c, lo, to):
                    return False
        return self._rows_ok()

    def _rows_ok(self) -> bool:
        """The row identity holds in the rows every column has decided since the last check."""
        low = min(self.ptr)
        if low > self.rows_done:
            row_ok = self._row_ok
            for r in range(self.rows_done, low):
                if not row_ok(r):
                    return False
            self.rows_done = low
        return True

    def _edges(self, c: int, end: int) -> list[int]:
        """The decided edges once column ``c`` is placed down to ``end``: a column to its left
        takes its next values in a later band, below the first rows of the last units in it
        and to its right (in ``c``'s group: the band model holds within a group)."""
        ptr, head, g = self.ptr, self.head, self.groups
        out = list(ptr)
        if end > out[c]:
            out[c] = end
        top = max(head[c:])  # max(head[x:]) of the column x at hand, going left from c
        for x in range(c - 1, -1, -1):
            if head[x] > top:
                top = head[x]
            if g[x] == g[c] and top > out[x]:
                out[x] = top
        return out

    def _blank_above(self, c: int, s: int, lo: int, new_band: bool) -> bool:
        """``_advance`` to the decided edges when column ``c``'s next unit starts at row ``s``
        or below (``lo``: the first row it could start at): rows above s are blank in column c,
        and, with a new band, above the band's first row in the columns to its right. (Those
        columns moved in order, as ``_advance`` would, without a list of edges: this runs
        after every placement tried.)"""
        ptr = self.ptr
        if s > ptr[c]:
            old, ptr[c] = ptr[c], s
            if not self._relations_ok(c, old, s):
                return False
        if new_band:
            band = self._band_start(s, lo)
            for x in range(c + 1, self.k):
                if band > ptr[x]:
                    old, ptr[x] = ptr[x], band
                    if not self._relations_ok(x, old, band):
                        return False
        # (``_rows_ok`` only when a row is newly decided in every column: mostly none is)
        return min(ptr) <= self.rows_done or self._rows_ok()

    def _fits(self, s: int, size: int, c: int) -> bool:
        """Can column ``c`` hold a unit of ``size`` amounts from row ``s``? (Every cell here.)"""
        return True

    def _band_start(self, s: int, lo: int) -> int:
        """The first row of a band whose first unit starts at row ``s`` (``lo``: the first row
        it could start at): that unit's row, the table having a value in each of its rows."""
        return s

    def _state(self, c: int, last: tuple[int, ...], band: tuple[int, ...]) -> tuple[int, int]:
        """(the column of the last unit, the first row of the band) in column ``c``'s group
        (``last``, ``band``: the search's state, one of each per group)."""
        g = self.groups[c]
        return last[g], band[g]

    def _after(self, c: int, last: tuple[int, ...], band: tuple[int, ...], start: int) -> tuple:
        """The state once a unit is placed in column ``c``, its band starting at ``start``."""
        g = self.groups[c]
        return last[:g] + (c,) + last[g + 1:], band[:g] + (start,) + band[g + 1:]

    def run(self) -> None:
        n = max(self.groups) + 1
        # the columns no unit may take are blank throughout: decided at once, so that each
        # row's sum is checked as soon as the columns that may hold figures reach it
        if self.columns is not None and not self._advance([0 if c in self.columns else self.n for c in range(self.k)]):
            return
        self._step(0, (-1,) * n, (0,) * n)

    def _state_key(self, j: int, last, band, cells: Cells) -> tuple:
        """What the rest of the search depends on, the question aside (``_now``): the next
        unit, the band, the decided edges, the first rows of the last units that can still
        matter (those below every edge), and the cells' values (as a hash of ``cells``, the
        ``_cells_key``, which tells a collision apart)."""
        low = min(self.ptr)
        return (j, last, band, tuple(self.ptr), tuple(h if h > low else 0 for h in self.head), self.rows_done,
                hash(cells), self._col[j - 1] if j in self.follow else None,
                (self._col[j - 1], self._end[j - 1]) if j in self.mixed else None)

    def _now(self) -> Question:
        """The question still open in this state: the cells asked of (``forbid``, with their
        figures) not decided yet; None when every placement counts — nothing is asked, or a
        cell asked of holds another figure already (the rest cannot undo it), or none is left
        open (the question can no longer prune)."""
        if self.forbid is None:
            return None
        open_ = []
        for (r, c), i in self.forbid.items():
            if self.ptr[c] <= r:
                open_.append(((r, c), self.stream[i]))
            elif self.v(r, c) != self.stream[i]:
                return None
        return frozenset(open_) or None

    def _asked(self) -> bool | None:
        """Does the placement so far put another figure in a cell asked of (``forbid``)? True,
        False once every one of them is decided, else None. A blank cell and a printed 0.00 are
        one value: moving a 0.00 to another empty column changes no cell's value."""
        assert self.forbid is not None
        open_ = False
        for (r, c), i in self.forbid.items():
            if self.ptr[c] <= r:
                open_ = True
            elif self.v(r, c) != self.stream[i]:  # a blank is 0: only another value is another reading
                return True
        return None if open_ else False

    def _cells_key(self) -> Cells:
        return tuple(self.val)

    def _seen_key(self) -> Cells:
        """What tells a placement from the others: its values, a blank and a 0.00 one (where
        a 0.00 stands among empty cells changes no cell's value)."""
        return self._cells_key()

    def _place(self, c: int, s: int, first: int, size: int, on: bool) -> None:
        """Put (``on``) or take back the amounts ``first``… of a unit of ``size`` in column
        ``c`` from row ``s``, with the flat arrays and sums that follow the cells."""
        for q in range(size):  # (mostly one amount: the attributes are read where needed)
            r, i = s + q, first + q
            x, at = self.stream[i], r * self.k + c
            if on:
                self.cell[r, c] = i
                self.val[at], self.taken[at] = x, True
            else:
                del self.cell[r, c]
                self.val[at], self.taken[at] = 0, False
            if x:
                d = x if on else -x
                if c:
                    self.rest[r] += d
                p = self.parent[r]
                if p is not None:
                    self.kidsum[p * self.k + c] += d

    def _step(self, j: int, last, band) -> None:
        """Place unit ``j`` and the rest, unless the state is known to lead nowhere.

        The memo (``_dead``) is shared by the searches of one table that ask different
        questions (``blocks._doubts``): each entry says a state is dead for a question ``q``
        (None: for every question). Why a hit is sound — write C(S) for the placements that
        complete from state S (what the rest of the search may do depends only on
        ``_state_key`` and ``_cells_key``, never on the question), and a question Q counts
        those of C(S) that put another figure in one of its cells:

        1. the cells decided in S hold the same figures in every placement of C(S), so Q
           counts the same placements as its part still open (``_now``): a decided cell asked
           of holds its figure (then Q counts them all, None) or another (then Q counts each);
        2. a question q' ⊆ q counts a subset of what q counts: a state dead for q (it counts
           none of C(S)) is dead for every q' ⊆ q, and one dead for None (C(S) is empty) is
           dead for every question;
        3. an entry is made only when the search from S completed nothing that counts, within
           its budget and before enough were found — it tried all of C(S) but what it pruned:
           by an identity (C(S) has nothing there), by the question (every cell asked of
           decided, each as it was: nothing counted), or by an entry (sound by induction). With
           no prune by the question nor by an entry for a question (``_leaned`` unchanged),
           nothing in C(S) was kept from counting: C(S) is empty, and the entry says None.

        A state dead only because of one question is thus never taken as dead for another
        that is not part of it (asking another cell, or a cell with another figure)."""
        if len(self.solutions) >= self.max_solutions or self.budget <= 0:
            return
        cells = self._cells_key()  # (the placement is the same again once _search returns)
        key = self._state_key(j, last, band, cells)
        q = self._now()
        dead = self._dead.get(key)
        if dead is not None:
            for was, dq in dead:
                if was == cells and (dq is None or q is not None and q <= dq):
                    self._leaned += dq is not None
                    return
        if self.forbid is None and (key, cells) in self._explored:
            self.completions += 1
            return
        done, spent, leaned = self.completions, self.budget, self._leaned
        self._search(j, last, band)
        if self.forbid is None and self.completions > done and self.budget > 0 \
                and len(self.solutions) < self.max_solutions and spent - self.budget >= _MEMO_AFTER:
            self._explored.add((key, cells))
        # none completed, the search not cut short: none will from here (worth remembering
        # when it took a while to find out), whatever is asked when the question pruned nothing
        if self.completions == done and self.budget > 0 and spent - self.budget >= _MEMO_AFTER:
            self._dead.setdefault(key, []).append((cells, q if self._leaned != leaned else None))

    def _search(self, j: int, last, band) -> None:
        """Place unit ``j`` and the rest; ``budget`` counts the placements tried."""
        if j == len(self.units):
            saved = (list(self.ptr), self.rows_done)
            if self._advance([self.n] * self.k):
                self.completions += 1
                seen = self._seen_key()
                if seen not in self._seen:
                    self._seen.add(seen)
                    self.solutions.append(dict(self.cell))
            self.ptr, self.rows_done = saved
            return
        first, size = self.units[j]
        pin = self.pins.get(j)
        only = self._col[j - 1] if j in self.follow else None
        named = self.col_pins.get(j)
        mixed = j in self.mixed
        # a unit of 0.00s reads as blank cells wherever it goes: its first row in a column
        # stands for the later ones — a later row leaves the same values and only raises the
        # edges, the band and the head the next units start from (unless the next unit goes on
        # from this one's row, ``mixed``), so each placement from there is one from the first
        # row with the same values (``test_blocks_memo``); if that row leads nowhere, so do they
        zeros = self._zeros[j] and j + 1 not in self.mixed
        lone, every_fits = size == 1, self._every_cell_fits
        # the rows the unit may start at: its pinned row; after the previous unit's last row,
        # at most MIXED_SKIP blank rows below it, when it goes on from it
        first_s = max(pin or 0, self._end[j - 1] + 1 if mixed else 0)
        last_s = min(self.n - size, self.n if pin is None else pin,
                     self._end[j - 1] + 1 + MIXED_SKIP if mixed else self.n)
        for c in range(self.k):
            if only is not None and c != only or named is not None and c != named \
                    or mixed and abs(c - self._col[j - 1]) > 1 or self.columns is not None and c not in self.columns:
                continue
            self._col[j] = c
            c_last, c_band = self._state(c, last, band)
            new_band = c < c_last
            lo = max(self.ptr[c], *self.head[c:]) if new_band else max(self.ptr[c], c_band)
            outer = (list(self.ptr), self.rows_done)
            # rows above s: blank in column c; with a new band, decided in it and those to its right
            # (the methods of the loop below looked up once: it runs for every placement tried)
            blank_above, place, fits_at, unit_ok, cell_ok, ends = \
                self._blank_above, self._place, self._fits, self._unit_ok, self._cell_ok, self._end
            ok = blank_above(c, lo, lo, new_band)
            for s in range(lo, last_s + 1):
                if not ok:
                    break  # more blank rows decide the same failing relation: later s fail too
                if s < first_s:
                    ok = blank_above(c, s + 1, lo, new_band)
                    continue
                ends[j] = s + size - 1
                self.budget -= 1
                if lone:
                    fits = every_fits or fits_at(s, 1, c)
                    if fits and cell_ok(s, c, first):
                        place(c, s, first, 1, True)
                        self._descend(j, c, s, 1, last, band, lo, new_band, c_band)
                        place(c, s, first, 1, False)
                else:
                    place(c, s, first, size, True)
                    fits = fits_at(s, size, c)
                    if fits and unit_ok(s, size, c):
                        self._descend(j, c, s, size, last, band, lo, new_band, c_band)
                    place(c, s, first, size, False)
                if self.budget <= 0 or fits and zeros or len(self.solutions) >= self.max_solutions:
                    break
                ok = blank_above(c, s + 1, lo, new_band)
            self.ptr, self.rows_done = outer
            if len(self.solutions) >= self.max_solutions or self.budget <= 0:
                return


    def _descend(self, j: int, c: int, s: int, size: int, last, band, lo: int, new_band: bool, c_band: int) -> None:
        """With unit ``j`` placed in column ``c`` from row ``s`` and its cells checked: move
        the edges and the head (saved and restored here: most placements tried fail before)
        and place the rest."""
        saved = (list(self.ptr), self.rows_done)
        head = self.head[c]
        self.head[c] = max(head, s + 1)
        if self._advance(self._edges(c, s + size)):
            self._step(j + 1, *self._after(c, last, band, self._band_start(s, lo) if new_band else c_band))
        self.ptr, self.rows_done = saved
        self.head[c] = head


def gapped_units(units: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], frozenset[int]] | None:
    """The units with each run of several amounts cut into its amounts, each after the first
    going on in the run's column at any later row (``Search.follow``): pdftotext joins a
    column's text blocks into one flow, with no blank line between, when the gap between them
    is under 2.5 × the font size — one blank cell on rows set solid (12 pt type on 17 pt rows:
    a gap of 22 pt). None when no run has several amounts (nothing would change)."""
    if all(size == 1 for _, size in units):
        return None
    out: list[tuple[int, int]] = []
    follow: set[int] = set()
    for first, size in units:
        for q in range(size):
            if q:
                follow.add(len(out))
            out.append((first + q, 1))
    return out, frozenset(follow)


__all__ = ["HALF_CENTS", "MAX_SOLUTIONS", "Search", "gapped_units"]
