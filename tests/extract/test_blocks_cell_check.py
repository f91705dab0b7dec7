"""A unit of one amount is checked before it is placed (``Search._cell_ok``, and
``LinearSearch``'s): exactly what placing it and checking the unit (``_unit_ok``) says, at every
placement tried, so the search tries the same placements and finds the same ones. Made-up tables
(those of ``test_blocks_memo``), searched as a hierarchy and as linear checks."""

from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st
from test_blocks_memo import _search, tables

from juesuan.extract.blocks.linear import LinearSearch, Terms
from juesuan.extract.blocks.search import Search


class _Checked:
    """At each cell checked before it is placed, placed and checked the plain way too: the two
    must agree."""

    def _cell_ok(self, r: int, c: int, i: int) -> bool:
        before = super()._cell_ok(r, c, i)  # type: ignore[misc]
        self._place(c, r, i, 1, True)  # type: ignore[attr-defined]
        placed = self._unit_ok(r, 1, c)  # type: ignore[attr-defined]
        self._place(c, r, i, 1, False)  # type: ignore[attr-defined]
        assert before == placed
        return before


class _CheckedSearch(_Checked, Search):
    pass


class _CheckedLinear(_Checked, LinearSearch):
    pass


def _run(table, budget: int) -> Search:
    s = _search(table, budget)
    s.__class__ = _CheckedLinear if isinstance(s, LinearSearch) else _CheckedSearch
    s.run()
    return s


@given(table=tables(), budget=st.integers(1, 3000))
@settings(max_examples=400, deadline=None)
def test_a_cell_checked_before_it_is_placed_is_checked_as_when_placed(table, budget) -> None:
    # (the search then goes on from each placement as the plain way would: it is placed
    # before anything else is asked of it)
    _run(table, budget)


@st.composite
def totals_below(draw):
    """A made-up table whose total row comes last (a total printed below its parts: the
    largest amount still to come bounds them, ``LinearSearch.below``), as linear checks."""
    n, k = draw(st.integers(2, 4)), draw(st.integers(2, 3))
    grid = [[0] * k for _ in range(n)]
    for r in range(n - 1):
        for c in range(1, k):
            grid[r][c] = draw(st.integers(0, 3))
        grid[r][0] = sum(grid[r][1:])
    grid[n - 1] = [sum(grid[r][c] for r in range(n - 1)) for c in range(k)]
    printed_zero = draw(st.booleans())
    stream = [D(grid[r][c]) for c in range(k) for r in range(n) if grid[r][c] or printed_zero]
    checks: list[Terms] = [[(1, (r, 0))] + [(-1, (r, c)) for c in range(1, k)] for r in range(n)]
    checks += [[(1, (n - 1, c))] + [(-1, (r, c)) for r in range(n - 1)] for c in range(k)]
    return n, k, checks, stream


@given(table=totals_below(), budget=st.integers(1, 3000))
@settings(max_examples=300, deadline=None)
def test_a_part_checked_before_it_is_placed_under_a_total_below_it(table, budget) -> None:
    n, k, checks, stream = table
    s = _CheckedLinear(n, k, {(r, c) for r in range(n) for c in range(k)}, checks, stream,
                       [(i, 1) for i in range(len(stream))], budget)
    assert any(s.below)
    s.run()
