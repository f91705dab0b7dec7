"""A unit of one amount is checked before it is placed (``Search._cell_ok``): exactly what
placing it and checking the unit (``Search._unit_ok``) says, at every placement tried, so the
search finds the same placements for the same budget. Made-up tables (those of
``test_blocks_memo``)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.extract.blocks.search import Search

from test_blocks_memo import tables


class _Checked(Search):
    """A search that, at each cell checked before it is placed, places it and checks it the
    plain way too: the two must agree."""

    asked = 0

    def _cell_ok(self, r: int, c: int, x: int) -> bool:
        before = super()._cell_ok(r, c, x)
        i = self.stream.index(x)  # (an amount of that value: what the checks read)
        self._place(c, r, i, 1, True)
        placed = self._unit_ok(r, 1, c)
        self._place(c, r, i, 1, False)
        assert before == placed
        self.asked += 1
        return before


def _run(cls: type[Search], table, budget: int, checks_cells: bool) -> Search:
    parents, k, stream, units, _, (follow, mixed, groups) = table
    s = cls(parents, k, stream, units, budget, groups=groups)
    s._checks_cells = checks_cells
    s.follow, s.mixed = follow, mixed
    s.run()
    return s


@given(table=tables(), budget=st.integers(1, 3000))
@settings(max_examples=400, deadline=None)
def test_a_cell_checked_before_it_is_placed_is_checked_as_when_placed(table, budget) -> None:
    checked = _run(_Checked, table, budget, True)
    plain = _run(Search, table, budget, False)
    assert checked.solutions == plain.solutions
    assert (checked.budget, checked.completions) == (plain.budget, plain.completions)
