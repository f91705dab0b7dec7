"""The shared shortcuts the rules take for speed give the answers of what they stand for:
difflib's ratio, the printed tolerance of a figure, a context's cell lookup and statements."""

from __future__ import annotations

import difflib
import random
from decimal import Decimal as D

import pytest

from juesuan.model import Statement
from juesuan.money import ZERO, tolerance
from juesuan.rules import run_rules, select
from juesuan.rules.base import Context, _half_unit_at, half_unit, similar
from juesuan.rules.performance.common import cent_t, t

from .builders import department


def test_similar_is_the_ratio_test():
    rng = random.Random(7)
    alphabet = "人员经费公用支出其他补助物业管理费住房公积金差旅"
    for _ in range(3000):
        a = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 9)))
        b = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 9)))
        for at_least in (0.75, 0.8, 0.85):
            assert similar(a, b, at_least) == (difflib.SequenceMatcher(None, a, b).ratio() >= at_least)


FIGURES = ["12.34", "12.3", "12", "1.2E+3", "0.001", "0.12345678", "-4.50", "0", "0.00", "-0", "100.0",
           "1E+2", "3.14159", "NaN", "Infinity"]


def _half_unit_generic(v):
    exponent = v.as_tuple().exponent
    if not isinstance(exponent, int):
        return D("0.5")
    return _half_unit_at(min(max(exponent, -6), 0))


@pytest.mark.parametrize("text", FIGURES)
def test_printed_tolerances_keep_their_definition(text):
    v = D(text)
    for got, want in ((half_unit(v), _half_unit_generic(v)), (t(v), tolerance(1, _half_unit_generic(v))),
                      (cent_t(v), min(tolerance(1), tolerance(1, _half_unit_generic(v))))):
        assert got == want and str(got) == str(want)
    assert t(None) == ZERO and cent_t(None) == ZERO


def test_cell_at_is_cell_and_records_reads():
    doc = department()
    ctx = Context(doc)
    keys = [c.key for t in doc.tables.values() for c in t.cells][:20] + [("T01", "no such row", "金额")]
    at = ctx.cell_at()
    assert [at(k) for k in keys] == [ctx.cell(*k) for k in keys]
    ctx.touched = set()
    at = ctx.cell_at()
    assert [at(k) for k in keys] == [ctx.cell(*k) for k in keys]
    assert ctx.touched == set(keys)


def test_statement_text_holds_every_statement():
    doc = department()
    doc.statements = [Statement(text="收入增加（减少）XX万元。"), Statement(text="详见附表……"), Statement(text="")]
    assert Context(doc).statement_text() == "收入增加（减少）XX万元。\n详见附表……\n"


def test_template_residue_at_the_end_of_a_statement_is_found():
    """The joined text is only a gate: a residue a statement ends with ('……', whose pattern
    asks for the end of its text) is still reported."""
    doc = department()
    doc.statements = [Statement(text="主要用于……", line=3), Statement(text="其他支出。", line=4)]
    found = run_rules(doc, select("U-template-residue"))
    assert len(found) == 1 and "……" in found[0].message


_DATED = ["截至 2023 年", "截止2022年", "12月31日", "年末", "与", "比 2022 年度", "较2021年", " ", "\n", "相比", "增加", "。", "2023"]


@pytest.mark.parametrize("seed", range(100))
def test_statements_matching_holds_every_statement_the_pattern_matches_in(seed: int) -> None:
    from juesuan.rules.units import COMPARED_YEAR, STOCK_DATE

    rnd = random.Random(seed)
    doc = department()
    doc.statements = [Statement(text="".join(rnd.choices(_DATED, k=rnd.randint(0, 5)))) for _ in range(rnd.randint(0, 6))]
    ctx = Context(doc)
    for pattern in (STOCK_DATE, COMPARED_YEAR):
        found = ctx.statements_matching(pattern)
        assert found == sorted(set(found))
        assert {i for i, st in enumerate(doc.statements) if pattern.search(st.text)} <= set(found)


def test_a_match_across_statements_does_not_hide_one_in_the_next():
    """'比 2022 年度' + line break + '相比2023年度增加': the joined text's match runs over the line
    break and takes the '比' the second statement's own match starts with."""
    from juesuan.rules.units import COMPARED_YEAR

    doc = department()
    doc.statements = [Statement(text="比 2022 年度"), Statement(text="相比2023年度增加")]
    assert Context(doc).statements_matching(COMPARED_YEAR) == [0, 1]
