"""juesuan.memo: the dict-backed cache of the pure text functions (a faster lru_cache)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from juesuan import memo as memo_module
from juesuan.memo import memo, trim, uncached
from juesuan.textnorm import norm


def _counting(maxsize: int = 8):
    calls: list[str] = []

    def upper(s: str) -> str:
        calls.append(s)
        return s.upper()

    return memo(maxsize)(upper), calls


def test_a_hit_returns_the_kept_value_without_calling_again() -> None:
    f, calls = _counting()
    first = f("ab")
    assert f("ab") is first and calls == ["ab"]
    assert f("cd") == "CD" and calls == ["ab", "cd"]


def test_an_exception_keeps_nothing() -> None:
    seen: list[int] = []

    def inverse(x: int) -> float:
        seen.append(x)
        return 1 / x

    f = memo(4)(inverse)
    for _ in range(2):
        with pytest.raises(ZeroDivisionError):
            f(0)
    assert seen == [0, 0]  # asked again: the failure was not kept
    assert f(2) == 0.5


def test_trim_empties_only_the_caches_past_their_size() -> None:
    small, small_calls = _counting(maxsize=2)
    large, large_calls = _counting(maxsize=100)
    for s in "abc":
        small(s)
        large(s)
    trim()
    small("a")
    large("a")
    assert small_calls == ["a", "b", "c", "a"]  # emptied: three values past a size of two
    assert large_calls == ["a", "b", "c"]  # kept


def test_uncached_is_the_function_itself() -> None:
    f, calls = _counting()
    assert uncached(f)("x") == "X" and uncached(f)("x") == "X"
    assert calls == ["x", "x"]


def test_every_memo_is_trimmed() -> None:
    f, _ = _counting()
    assert any(c.__getitem__ == f for c in memo_module._ALL)


@given(st.lists(st.text(max_size=12), max_size=30))
def test_a_memo_answers_as_its_function(texts: list[str]) -> None:
    for t in texts + texts:  # every text asked twice: a miss, then a hit
        assert norm(t) == uncached(norm)(t)
