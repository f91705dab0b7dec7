"""Numbers outside any plausible range are reading problems, never exceptions: the parsers
refuse them (money.plausible) and every rounding goes through money.quantize, which never
raises (Decimal.quantize and // raise InvalidOperation past 28 digits)."""

from __future__ import annotations

import tempfile
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

import pytest
from hypothesis import given
from hypothesis import strategies as st

from juesuan import money
from juesuan.batch.isolate import run_one
from juesuan.fuzz.corpus import base_dir, write_bases
from juesuan.fuzz.run import FAILURES, Case, probe
from juesuan.i18n import pct
from juesuan.limits import Limits
from juesuan.rules.narrative import truncated


@pytest.mark.parametrize("raw", ["1e400", "9" * 30, "1e-400", "0." + "0" * 40 + "1", "NaN", "Infinity", "-Infinity",
                                 "1e9999999999", "123456789012345678901234567", "1.123456789"])
def test_implausible_numbers_are_not_parsed(raw):
    assert money.parse_decimal(raw) is None
    assert money.parse_decimal(raw + "%") is None
    assert money.parse_amount(raw) is None


@pytest.mark.parametrize("raw, value", [("11.34939638", "11.34939638"), ("1,000,000,000,000,000", None),
                                        ("999999999999999", "999999999999999"), ("99999999999999.99", "99999999999999.99"),
                                        ("0.00000001", "0.00000001"), ("-0.00", "0.00")])
def test_plausible_bounds(raw, value):
    got = money.parse_decimal(raw)
    assert (None if got is None else format(abs(got), "f")) == value


def test_the_crash_the_fuzz_found():
    """malformed_numbers-1518141143: '完成年初预算的0.000…0001%' (41 decimals) reached
    N-completion's truncation check, where computed // 1E-41 raised DivisionImpossible."""
    assert money.parse_decimal("0.00000000000000000000000000000000000000001") is None
    big = Decimal("999999999999999.99") / Decimal("0.00000001") * 100  # the largest plausible ratio
    with pytest.raises(InvalidOperation):
        _ = big // Decimal("1E-8")
    assert truncated(Decimal("1.00000001"), big) is False  # no exception


def test_the_fuzz_case_ends_in_a_report():
    bases = write_bases(base_dir())
    with tempfile.TemporaryDirectory() as work:
        kind, detail, _ = run_one(probe, (Case("malformed_numbers", 1518141143), str(bases), work),
                               Limits(seconds=120, cpu_seconds=120))
    assert kind == "report" and kind not in FAILURES, detail


def test_quantize_never_raises_where_decimal_does():
    v = Decimal("1E+30")
    with pytest.raises(InvalidOperation):
        v.quantize(money.BASIS)
    assert money.q4(v) == v and money.q2(v) == v
    assert money.quantize(Decimal("NaN"), money.CENT).is_nan()
    assert money.quantize(Decimal("Infinity"), money.CENT) == Decimal("Infinity")
    assert money.quantize(Decimal("1E+200"), money.CENT) == Decimal("1E+200")  # left as it is
    assert pct(Decimal("1E+40")).endswith("%")


_plausible = st.decimals(min_value=Decimal("-999999999999999.99999999"), max_value=Decimal("999999999999999.99999999"),
                         places=8, allow_nan=False, allow_infinity=False)


@given(a=_plausible, b=_plausible)
def test_ratio_of_plausible_figures_rounds_without_error(a, b):
    """What the rules compute from two parsed figures: a ÷ b × 100, rounded for a finding,
    checked for truncation, printed as a percentage."""
    if not b:
        return
    r = a / b * 100
    assert abs(money.q4(r) - r) <= money.BASIS and pct(r).endswith("%")
    assert truncated(a, r) in (True, False)
    assert abs(r.quantize(money.CENT) - r) <= money.CENT  # MAX_DIGITS/MAX_DECIMALS keep this in 28 digits


@given(v=st.decimals(allow_nan=False, allow_infinity=False, places=6, min_value=-10**20, max_value=10**20))
def test_quantize_equals_decimal_quantize_when_that_works(v):
    for unit, rounding in ((money.CENT, ROUND_HALF_UP), (money.BASIS, ROUND_DOWN)):
        try:
            want = v.quantize(unit, rounding=rounding)
        except InvalidOperation:
            continue
        got = money.quantize(v, unit, rounding)
        assert got == want and str(got) == str(want)
