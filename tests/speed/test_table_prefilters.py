"""The table stages' shortcuts (extract.economic, extract.records, extract.status, locate) give the
plain answers: a screen never rejects what the check it guards accepts. Synthetic inputs only."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.extract.economic import _ECONOMIC_CODE
from juesuan.extract.records import ECON_CODE_FIRST, ECON_CODE_RE


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.from_regex(ECON_CODE_RE.pattern, fullmatch=True),
                 st.from_regex(_ECONOMIC_CODE.pattern, fullmatch=True)))
def test_every_economic_code_token_opens_with_the_character_flat_triples_screens_for(token: str) -> None:
    assert ECON_CODE_RE.match(token) or _ECONOMIC_CODE.fullmatch(token)
    assert token[0] == ECON_CODE_FIRST


# digits of several scripts (\d matches them all), and what else a token of T06 holds
_TOKEN_PIECES = st.sampled_from(["3", "30", "301", "3010", "2", "1", "0", "9", "３", "٣", "३", "01", "02", "99",
                                 "工资", ".", ",", "1,234.56", "-", " ", "\n"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(_TOKEN_PIECES, max_size=5).map("".join))
def test_a_token_not_opening_with_the_screened_character_is_no_economic_code(token: str) -> None:
    if not token or token[0] != ECON_CODE_FIRST:
        assert not ECON_CODE_RE.match(token) and not _ECONOMIC_CODE.fullmatch(token)
