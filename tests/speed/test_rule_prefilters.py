"""The audit's shortcuts (issue 15) give the plain answers: a pattern asked of the statements'
text joined, to skip asking it of each statement, finds something wherever a statement holds a
match; a pattern rewritten to scan faster matches what it stands for. Synthetic inputs only."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.rules.performance.narrative import _YEAR
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
