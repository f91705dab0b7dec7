"""The cached identity sums of repair's suspicious-value check give exactly what the plain
computation gives — the same value, printed the same (Decimal exponent included)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.model import Cell
from juesuan.repair import _implied, _SumCache
from juesuan.repair.identities import Identity

KEYS = [("T01", str(r), "c") for r in range(8)]
amounts = st.builds(lambda n, e: Decimal(n).scaleb(e), st.integers(-10**9, 10**9), st.sampled_from([0, -1, -2, -2, -2, -6]))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_cached_sums_match_the_plain_sum(data):
    printed = data.draw(st.lists(st.sampled_from(KEYS), unique=True))
    cells = {k: Cell(table=k[0], row=k[1], column=k[2], value=data.draw(amounts), raw="") for k in printed}
    total = data.draw(st.sampled_from(KEYS))
    parts = tuple(data.draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=6)))
    ident = Identity(total, parts, "X")
    sums = _SumCache(cells)
    for key in ident.keys:
        want = _implied(ident, key, cells, set())
        got = sums.implied(ident, key)
        assert (None if want is None else (str(want[0]), want[1])) == (None if got is None else (str(got[0]), got[1]))


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_an_identity_that_holds_for_all_its_cells_holds_for_each(data):
    """_SumCache.holds, where it answers, is what asking implied of the cell says."""
    from juesuan.money import tolerance

    printed = data.draw(st.lists(st.sampled_from(KEYS), unique=True))
    small = st.sampled_from([Decimal(0), Decimal("0.00"), Decimal("0.004"), Decimal("0.01")])  # within a tolerance of 0
    cells = {k: Cell(table=k[0], row=k[1], column=k[2], value=data.draw(amounts | small), raw="") for k in printed}
    if printed and data.draw(st.booleans()):  # an identity that holds (or nearly: the tolerance's edge)
        parts = tuple(data.draw(st.lists(st.sampled_from(printed), min_size=1, max_size=4)))
        total = data.draw(st.sampled_from(KEYS))
        slack = data.draw(st.sampled_from([Decimal(0), Decimal("0.005"), Decimal("0.01"), Decimal("-0.005")]))
        cells[total] = Cell(table=total[0], row=total[1], column=total[2], raw="",
                            value=sum((cells[k].value for k in parts if k in cells), Decimal(0)) + slack)
    else:
        total = data.draw(st.sampled_from(KEYS))
        parts = tuple(data.draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=6)))
    ident = Identity(total, parts, "X")
    sums = _SumCache(cells)
    for key in ident.keys:
        if key not in cells:
            continue
        got = sums.holds(ident, key)
        if got is None:
            continue
        x = _implied(ident, key, cells, set())
        assert got == (x is not None and abs(x[0] - cells[key].value) <= tolerance(x[1]))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_the_keys_held_are_those_an_identity_asked_holds_for(data):
    """_SumCache.held (what _mark_suspicious skips at once) is every key holds has said True
    for, and only those: a key held needs no look of its own."""
    printed = data.draw(st.lists(st.sampled_from(KEYS), unique=True))
    cells = {k: Cell(table=k[0], row=k[1], column=k[2], value=data.draw(st.sampled_from([Decimal("1.00"), Decimal("2.00"),
                                                                                          Decimal("0.00")])), raw="")
             for k in printed}
    idents = [Identity(data.draw(st.sampled_from(KEYS)), tuple(data.draw(st.lists(st.sampled_from(KEYS), min_size=1,
                                                                                    max_size=5))), "X")
              for _ in range(data.draw(st.integers(1, 4)))]
    sums = _SumCache(cells)
    said = set()
    for ident in idents:
        for key in ident.keys:
            if sums.holds(ident, key):
                said.add(key)
    # asked of every key of every identity, held is exactly what holds answered True for
    assert sums.held == said
