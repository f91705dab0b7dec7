"""The audit's shortcuts (issue 15) give the plain answers: a pattern asked of the statements'
text joined, to skip asking it of each statement, finds something wherever a statement holds a
match; a pattern rewritten to scan faster matches what it stands for. Synthetic inputs only."""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, localcontext

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan import money
from juesuan.comparators import SUFFIX_RE, SUFFIXES, normal
from juesuan.memo import uncached
from juesuan.money import ZERO
from juesuan.rules.performance import common
from juesuan.rules.performance.narrative import _ALL_GRADE, _AT_LEAST, _NO_PROBLEM, _YEAR
from juesuan.rules.units import COMPARED_YEAR, STOCK_DATE
from juesuan.rules.wording import _MISSING_UNIT_GATE, MISSING_UNIT

# pieces of what the patterns look for, cut and whole, and of what they do not: numbers with
# and without cents, units, pauses, line breaks, years, brackets and the words before them
_PIECES = st.sampled_from(["占", "增加", "减少", "支出", "收入", "预算数为", "决算", "合计", "经费", "金额",
                           "12", "3", ".", "5", "0.", "20.51", "1.234", "万元", "%", "，", ",", "。", "；", "、",
                           "）", ")", "：", " ", "\n", "\t", "\u3000", "截至", "截止", "2024", "2023", "20", "2",
                           "年", "年度", "12月31日", "年末", "底", "与", "比", "较", "相比", "同期", "决算数",
                           "〔", "[", "【", "（", "(", "-", "至", "~", "号", "x", "的"])
_TEXT = st.lists(_PIECES, max_size=14).map("".join)


@given(st.lists(_TEXT, min_size=1, max_size=6))
@settings(max_examples=1500, deadline=None)
def test_the_missing_unit_gate_finds_something_wherever_a_statement_misses_a_unit(texts: list[str]) -> None:
    if any(MISSING_UNIT.search(t) for t in texts):
        assert _MISSING_UNIT_GATE.search("\n".join(texts))


@given(st.lists(_TEXT, min_size=1, max_size=6))
@settings(max_examples=1500, deadline=None)
def test_the_year_patterns_asked_of_the_joined_text_find_what_a_statement_holds(texts: list[str]) -> None:
    joined = "\n".join(texts)
    for pattern in (STOCK_DATE, COMPARED_YEAR):
        if any(pattern.search(t) for t in texts):
            assert pattern.search(joined)


# what _YEAR stands for, as it was first written (a lookbehind first: tried at every character)
_YEAR_PLAIN = re.compile(r"(?<![\d〔\[【（(-])(20\d\d)\s*年(?!\s*[-—~～至])")


@given(_TEXT)
@settings(max_examples=3000, deadline=None)
def test_the_year_pattern_written_two_first_matches_as_written_plain(text: str) -> None:
    assert ([(m.span(), m.groups()) for m in _YEAR.finditer(text)]
            == [(m.span(), m.groups()) for m in _YEAR_PLAIN.finditer(text)])


# ---- the 预算绩效 narrative: words a statement must hold for a pattern to be asked of it --------

_PERF_PIECES = st.sampled_from(["主要", "问题", "问", "题", "：", ":", "无", "。", "；", "及原因", "全部", "均", "都",
                                "在", "达到", "高于", "为", "90", "85.5", "分", "及", "或", "以上", "以", "上",
                                "自评", "评价", "结果", "等级", "结论", "“", "\"", "优秀", "优", "良好", "良", " ", "x"])
_PERF_TEXT = st.lists(_PERF_PIECES, max_size=12).map("".join)


@given(_PERF_TEXT)
@settings(max_examples=3000, deadline=None)
def test_the_perf_narrative_screens_pass_every_text_a_pattern_matches(text: str) -> None:
    if _NO_PROBLEM.search(text):
        assert "问题" in text
    if _AT_LEAST.search(text):
        assert "以上" in text
    if _ALL_GRADE.search(text):
        assert "为" in text and ("结果" in text or "等级" in text or "结论" in text)


# ---- quantities: a text without a digit is not taken apart ------------------------------------

_QTY_PIECES = st.sampled_from(["≥", ">=", "大于等于", "不低于", "≤", "<", "=", "200", "1.1", "99. 16", "0", "-", "人", "万",
                               "万人", "%", "％", "元/人/天", "以上", "及以上", "以下", "以内", "或", "，", ",", " ",
                               "\u3000", "项", "完成", "满意度", "300-400", "至", "１２", "x"])


@given(st.lists(_QTY_PIECES, max_size=8).map("".join))
@settings(max_examples=3000, deadline=None)
def test_quantity_screened_by_its_digits_is_quantity(text: str) -> None:
    gated = uncached(common.quantity)(text)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(common, "_DIGIT", re.compile(""))  # every text taken apart
        plain = uncached(common.quantity)(text)
    assert gated == plain


# ---- tolerances of sums: the shortcut adds what sum() of cent_t adds --------------------------

_FIGURE = st.none() | st.decimals(allow_nan=False, allow_infinity=False, places=None, min_value=-10**6,
                                  max_value=10**6) | st.sampled_from(["12.34", "12.3", "12", "0.005", "1E+1", "0.00"]).map(Decimal)


@given(st.lists(_FIGURE, max_size=12))
@settings(max_examples=2000, deadline=None)
def test_cent_t_sum_is_the_sum_of_cent_t(values: list[Decimal | None]) -> None:
    plain = sum((common.cent_t(v) for v in values), ZERO)
    got = common.cent_t_sum(values)
    assert got == plain and str(got) == str(plain)


def _quantity_as_first_written(text: str) -> tuple[str | None, Decimal, str] | None:
    """common.quantity before its screens (a suffix searched for only in a text holding 以, the
    range marks looked up as a set, the groups read at once)."""
    if text is None or common._DIGIT.search(text) is None:
        return None
    s = common.join_broken_points(text.strip()).replace(",", "").replace("，", "")
    suffix = SUFFIX_RE.search(s)
    if suffix:
        s = s[: suffix.start()]
    m = common._QTY.match(s)
    if not m:
        return None
    if suffix and not m.group("cmp"):
        return _quantity_as_first_written(f"{normal(suffix.group(1))}{s}")
    unit = common.norm_unit(m.group("unit") or "")
    if any(ch in unit for ch in "-—~～至"):
        return None
    return (normal(m.group("cmp")) if m.group("cmp") else None, Decimal(m.group("num")), unit)


@given(st.lists(_QTY_PIECES, max_size=8).map("".join))
@settings(max_examples=3000, deadline=None)
def test_quantity_with_its_screens_is_quantity_as_first_written(text: str) -> None:
    assert uncached(common.quantity)(text) == _quantity_as_first_written(text)


@pytest.mark.parametrize("word", [*SUFFIXES, "以上"])
def test_every_suffix_holds_the_character_quantity_screens_for(word: str) -> None:
    assert SUFFIX_RE.search(f"90%{word}") and "以" in word


# ---- 偏差度: the tolerance worked out only when asked gives the answers it gave when made -----

_DEV = st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-500, max_value=500)
_POSITIVE = st.sampled_from(["1", "3", "7", "95", "100", "0.5", "12.34", "1E+1", "600"]).map(Decimal)


@given(_DEV, _DEV, _POSITIVE, _POSITIVE | st.just(ZERO) | _DEV)
@settings(max_examples=2000, deadline=None)
def test_a_deviation_worked_out_lazily_fits_and_deviates_as_worked_out_at_once(
        dev: Decimal, plain: Decimal, a: Decimal, b: Decimal) -> None:
    from types import SimpleNamespace

    from juesuan.rules.performance.indicators import _Dev

    m = SimpleNamespace(actual_printed=b, target_printed=a)
    d = _Dev(None, m, dev, common.t(dev), plain, a, b, "other")  # type: ignore[arg-type]
    tol = common.t(dev) + common.HUNDRED * (abs(common.t(b) / a) + abs(b * common.t(a) / a ** 2))
    assert d.tol == tol
    assert d.fits == (abs(dev - plain) <= tol)
    assert d.deviates == (abs(plain) > tol)


_GRADE_PIECES = st.sampled_from(["得分", "总分", "得", "总", "分", "为", " ", "90", "85.5", "，", "。", "评价结论", "自评等级",
                                 "等级", "：", ":", "是", "“", "优秀", "良", "合格", "差", "x"])


@given(st.lists(_GRADE_PIECES, max_size=10).map("".join))
@settings(max_examples=3000, deadline=None)
def test_the_stated_grade_screen_passes_every_text_the_pattern_matches(text: str) -> None:
    from juesuan.rules.performance.scoring import _STATED_GRADE, _may_state_grade

    if _STATED_GRADE.search(text):
        assert _may_state_grade(text)


_NAME_PIECES = st.sampled_from(["完成", "考试", "数量", "18", "1.5", "0", ".", "场", "场次", "人次", "人", "个", "年", "年度",
                                " ", "１２", "x", "招聘会", "项"])


@given(st.lists(_NAME_PIECES, max_size=8).map("".join))
@settings(max_examples=3000, deadline=None)
def test_a_name_without_a_digit_names_no_count(text: str) -> None:
    from juesuan.rules.performance.indicators import _NAMED_COUNT

    if _NAMED_COUNT.search(text):
        assert common.has_digit(text)


# ---- money.quantize: the units known by identity and the current context's precision ---------

def _quantize_as_first_written(v: Decimal, unit: Decimal, rounding: str) -> Decimal:
    """money.quantize before its shortcuts (the unit's exponent from as_tuple(), always a local
    context)."""
    if not v.is_finite():
        return v
    exp = unit.as_tuple().exponent
    if not isinstance(exp, int):
        return v
    needed = max(v.adjusted(), 0) - exp + 2
    if needed > money.MAX_ROUNDED_DIGITS:
        return v
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, needed)
        return v.quantize(unit, rounding=rounding)


_UNIT = st.sampled_from([money.CENT, money.BASIS, Decimal("0.010"), Decimal("0.0100"), Decimal("1"), Decimal("0.1"),
                         Decimal("1E+2"), Decimal("NaN")])
_ANY = (st.decimals(allow_nan=True, allow_infinity=True, places=None)
        | st.decimals(min_value=-10**30, max_value=10**30, places=None)
        | st.sampled_from(["12.345", "0.005", "-0.015", "1E+60", "1E+79", "9.9995", "123456789012345678901234567.5"])
        .map(Decimal))


@given(_ANY, _UNIT, st.sampled_from([ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_DOWN]))
@settings(max_examples=3000, deadline=None)
def test_quantize_is_quantize_as_first_written(v: Decimal, unit: Decimal, rounding: str) -> None:
    got = money.quantize(v, unit, rounding)
    plain = _quantize_as_first_written(v, unit, rounding)
    assert str(got) == str(plain)
