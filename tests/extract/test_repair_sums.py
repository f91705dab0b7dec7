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
