"""The cap on a column-block reading by its own identities alone (``blocks.meter``): a search
under the cap is the same search as without it, to the placement and the budget it leaves;
the cap only puts a reading off (``PutOff``), never changes it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_blocks_memo import _search, tables

from juesuan.extract.blocks import _doubts, meter


class _Steps:
    """A searcher that takes ``steps`` placements or stops at its budget."""

    def __init__(self, steps: int, budget: int):
        self.steps, self.budget, self.ran = steps, budget, False

    def run(self) -> None:
        self.ran = True
        self.budget -= min(self.steps, self.budget)


def test_without_a_cap_the_search_runs_as_given():
    s = _Steps(30, 100)
    meter.run(s)
    assert s.ran and s.budget == 70


def test_under_the_cap_the_budget_left_is_the_uncapped_one():
    with meter.capped(50):
        s = _Steps(30, 100)
        meter.run(s)
    assert s.budget == 70  # not 50 - 30: the certainty questions get what they would have


def test_the_cap_is_shared_by_the_searches_of_one_reading():
    with meter.capped(50):
        meter.run(_Steps(30, 100))
        with pytest.raises(meter.PutOff):
            meter.run(_Steps(30, 100))  # 20 left


def test_a_search_stopped_by_its_own_budget_is_not_put_off():
    with meter.capped(50):
        s = _Steps(30, 20)
        meter.run(s)
    assert s.budget == 0  # exhausted as without the cap: the caller marks its figures uncertain


@given(table=tables(), cap=st.integers(0, 400), budget=st.integers(1, 400))
@settings(max_examples=300, deadline=None)
def test_a_capped_search_finds_what_the_uncapped_one_does_or_is_put_off(table, cap, budget):
    free = _search(table, budget)
    free.run()
    capped = _search(table, budget)
    try:
        with meter.capped(cap):
            meter.run(capped)
    except meter.PutOff:
        assert budget - free.budget >= cap  # put off only where the search needed the cap or more
        return
    assert capped.solutions == free.solutions
    assert capped.budget == free.budget and capped.exhausted == free.exhausted


@given(table=tables(), cap=st.integers(0, 2000))
@settings(max_examples=200, deadline=None)
def test_the_certain_cells_are_the_same_under_the_cap(table, cap):
    """``_doubts`` (the first placement, then the questions which cells are certain): the
    same cells in doubt with or without the cap, unless the reading is put off."""
    make = lambda b: _search(table, b)  # noqa: E731
    free = _doubts(make, 5000)
    try:
        with meter.capped(cap):
            got = _doubts(make, 5000)
    except meter.PutOff:
        return
    if free is None:
        assert got is None
        return
    assert got is not None
    assert got[0].solutions == free[0].solutions and got[1] == free[1]
