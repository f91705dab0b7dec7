"""The rounding policy of the identity rules (docs/rules.md, "Tolerance and severity")."""

from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from juesuan.model import Cell
from juesuan.money import one_digit_apart, rounding_band, tolerance
from juesuan.rules.base import rounding_severity


def _cells(*values: str) -> list[tuple[int, Cell]]:
    return [(1 if i == 0 else -1, Cell(table="T05", row="x", column=str(i), value=D(v)))
            for i, v in enumerate(values)]


def test_band_is_tolerance_plus_a_cent_per_term():
    assert tolerance(3) == D("0.015") and rounding_band(3) == D("0.045")


def test_one_digit_apart():
    assert one_digit_apart(D("150.78"), D("150.75"))
    assert not one_digit_apart(D("150.80"), D("150.77"))  # two digits differ: rounding, not a typo
    assert not one_digit_apart(D("99.99"), D("100.02"))


def test_info_only_when_no_digit_explains_it():
    # 150.80 vs 120.58 + 30.19 = 150.77: 0.03 beyond a 0.015 tolerance, no single digit fixes it
    assert rounding_severity(D("0.03"), 3, D("0.03"), _cells("150.80", "120.58", "30.19")) == "info"
    # 150.78 vs 120.50 + 30.25: changing the 8 to 5 fixes it — a real error
    assert rounding_severity(D("0.03"), 3, D("0.03"), _cells("150.78", "120.50", "30.25")) is None
    # beyond the band: never info
    assert rounding_severity(D("0.05"), 3, D("0.05"), _cells("150.82", "120.58", "30.19")) is None


@given(st.integers(min_value=1, max_value=9), st.integers(min_value=0, max_value=2))
def test_a_single_digit_error_is_never_rounding(digit, position):
    # the total misprints one digit by `digit` units of 10^-2…10^0 — never info, however small
    part_a, part_b = D("120.50"), D("30.25")
    total = part_a + part_b
    delta = D(digit).scaleb(position - 2)
    wrong = total + delta
    if not one_digit_apart(wrong, total):
        return  # a carry changed two digits; not a single-digit slip
    assert rounding_severity(abs(delta), 3, delta, _cells(str(wrong), str(part_a), str(part_b))) is None
