"""What the column-block search skips must never hide a placement: the memo of dead states
shared by the searches that ask which cells of a placement are certain (``Search._dead``,
``blocks._doubts``), the states already searched in full (``Search._explored``), and a unit of
0.00s tried at its first row only (``Search._zeros``). Checked against an exhaustive
enumeration of tiny synthetic tables: the same search with none of them and no limit."""

from __future__ import annotations

from decimal import Decimal as D
from unittest import mock

from hypothesis import example, given, settings
from hypothesis import strategies as st

from juesuan.extract.blocks import _differs, _doubts
from juesuan.extract.blocks import search as search_mod
from juesuan.extract.blocks.linear import LinearSearch, Terms
from juesuan.extract.blocks.search import Search


class _Forget(dict):
    """A memo that forgets: the exhaustive enumeration searches every state."""

    def setdefault(self, key, default=None):
        return []


class _Never(set):
    def add(self, item) -> None:
        pass


@st.composite
def tables(draw):
    """A made-up functional table: a 合计 row over 类 rows (one of them over two 款 rows), a
    total column = Σ part columns; small figures (equal ones and zeros make placements
    ambiguous), each column's printed figures one after the other (blank cells dropped, a zero
    printed or not), each amount a unit of its own or each column's run of consecutive rows
    one unit; searched as a hierarchy (``Search``) or as linear checks (``LinearSearch``)."""
    kids = draw(st.integers(1, 3))
    split = draw(st.booleans())
    parents: list[int | None] = [None] + [0] * kids + ([1, 1] if split else [])
    n, k = len(parents), draw(st.integers(2, 3))
    leaves = [r for r in range(1, n) if r not in parents]
    grid = [[0] * k for _ in range(n)]
    for r in leaves:
        for c in range(1, k):
            grid[r][c] = draw(st.integers(0, 3))
    for r in range(n - 1, -1, -1):  # parents come before their children
        if r not in leaves:
            for c in range(1, k):
                grid[r][c] = sum(grid[x][c] for x in range(n) if parents[x] == r)
        grid[r][0] = sum(grid[r][1:])
    printed_zero = draw(st.booleans())
    printed = [[r for r in range(n) if grid[r][c] or printed_zero] for c in range(k)]
    stream = [D(grid[r][c]) for c in range(k) for r in printed[c]]
    units: list[tuple[int, int]] = []
    if draw(st.booleans()):
        units = [(i, 1) for i in range(len(stream))]
    else:  # runs of consecutive rows
        i = 0
        for rows in printed:
            for q, r in enumerate(rows):
                if q and r == rows[q - 1] + 1:
                    units[-1] = (units[-1][0], units[-1][1] + 1)
                else:
                    units.append((i, 1))
                i += 1
    # how the tool may have cut the runs (the search's options, each tried on its own in
    # ``blocks``): units going on in the column before (``follow``) or from the unit before in
    # it or a neighbouring one (``mixed``); the columns' groups (``groups``)
    later = list(range(1, len(units)))
    follow = draw(st.sets(st.sampled_from(later))) if later and draw(st.booleans()) else set()
    rest = [j for j in later if j not in follow]
    mixed = draw(st.sets(st.sampled_from(rest))) if rest and draw(st.booleans()) else set()
    groups = draw(st.sampled_from([None, list(range(k))]))
    options = (frozenset(follow), frozenset(mixed), groups)
    return parents, k, stream, units, draw(st.booleans()), options


def _search(table, budget: int) -> Search:
    parents, k, stream, units, linear, (follow, mixed, groups) = table
    if not linear:
        s = Search(parents, k, stream, units, budget, groups=groups)
    else:
        n = len(parents)
        checks: list[Terms] = [[(1, (r, 0))] + [(-1, (r, c)) for c in range(1, k)] for r in range(n)]
        for p in set(parents) - {None}:
            for c in range(k):
                checks.append([(1, (p, c))] + [(-1, (r, c)) for r in range(n) if parents[r] == p])
        s = LinearSearch(n, k, {(r, c) for r in range(n) for c in range(k)}, checks, stream, units, budget,
                         groups=groups)
    s.follow, s.mixed = follow, mixed
    return s


def _every_placement(table) -> list[dict[tuple[int, int], int]]:
    """Every placement, each distinct by the values it puts in the cells, 0.00s included."""
    s = _search(table, 10**7)
    s.max_solutions, s._dead, s._explored = 10**6, _Forget(), _Never()
    s._zeros = [False] * len(s.units)
    s._seen_key = lambda: frozenset(s._values().items())  # type: ignore[method-assign]
    s.run()
    assert s.complete
    return s.solutions


def _values(o: dict[tuple[int, int], int], stream: list[int]) -> frozenset:
    """A placement's values, a blank and a 0.00 one."""
    return frozenset((rc, stream[i]) for rc, i in o.items() if stream[i])


def _changes(placements, question: dict[tuple[int, int], int], stream) -> bool:
    return any(_differs(o, rc, i, stream) for o in placements for rc, i in question.items())


@given(table=tables())
@settings(max_examples=300, deadline=None)
def test_the_search_lists_every_placement_up_to_where_its_zeros_go(table):
    """With every state remembered, the states searched in full skipped and the 0.00s tried at
    their first rows only, the search still lists every placement, by the values it puts in
    the cells (a blank and a 0.00 one)."""
    every = _every_placement(table)
    stream = _search(table, 0).stream
    with mock.patch.object(search_mod, "_MEMO_AFTER", 0):
        s = _search(table, 10**7)
        s.max_solutions = 10**6
        s.run()
    assert s.complete
    assert {_values(o, stream) for o in s.solutions} == {_values(o, stream) for o in every}
    assert len(s.solutions) == len({_values(o, stream) for o in every})


@given(table=tables(), data=st.data())
@settings(max_examples=200, deadline=None)
def test_questions_sharing_the_memo_find_what_every_placement_says(table, data):
    """Questions asked one after another, each of any cells of the first placement, sharing the
    memo with the first search and each other (every dead state remembered): each finds a
    placement changing one of its cells exactly when the exhaustive enumeration has one. Fails
    when the memo takes a state dead for one question as dead for another (keyed by a dict's
    reused id, or by no question at all)."""
    every = _every_placement(table)
    if not every or not every[0]:
        return  # nothing printed: nothing to ask
    first = every[0]
    stream = _search(table, 0).stream
    with mock.patch.object(search_mod, "_MEMO_AFTER", 0):
        main = _search(table, 10**6)
        main.max_solutions = 2
        main.run()
        cells = sorted(first)
        question: dict[tuple[int, int], int] = {}
        for _ in range(8):
            asked = data.draw(st.sets(st.sampled_from(cells), min_size=1))
            other = _search(table, 10**6)
            # the question before freed just before the next is made, as in the certainty pass:
            # the new dict takes the freed one's place (and id)
            del question
            question = {rc: first[rc] for rc in asked}
            other.forbid, other.max_solutions, other._dead = question, 1, main._dead
            other.run()
            assert not other.exhausted
            assert bool(other.solutions) == _changes(every, question, stream)


@given(table=tables(), budget=st.integers(20, 3000))
# a question left open by the joint one, asked after another cell's: the memo taking a state
# dead for the one as dead for the other calls the cell certain
@example(table=([None, 0, 0, 0], 3, [D(2), D(2), D(1), D(1), D(1), D(1)], [(i, 1) for i in range(6)], False,
                (frozenset(), frozenset(), None)), budget=86)
@settings(max_examples=200, deadline=None)
def test_a_cell_called_certain_is_the_same_in_every_placement(table, budget):
    """The certainty pass (``_doubts``), with few placements listed and a small budget so that
    it asks of many cells, one question after another: a cell it calls certain holds the same
    figure in every placement the exhaustive enumeration finds."""
    every = _every_placement(table)
    stream = _search(table, 0).stream

    def make(b: int) -> Search:
        s = _search(table, b)
        s.max_solutions = 2
        return s

    with mock.patch.object(search_mod, "_MEMO_AFTER", 0):
        found = _doubts(make, budget)
    if found is None:
        return
    s, unsure = found
    first = s.solutions[0]
    for rc, i in first.items():
        if rc not in unsure:
            assert not any(_differs(o, rc, i, stream) for o in every), rc
