"""Facts derived from one object of the document, computed once per audit.

Many rules ask the same questions of the same indicator or self-evaluation table (its target
and actual as numbers, whether a row was misread, its heading runs): dozens of rules, each
over every row. The document does not change while the rules run, so within one evaluation
(``rules.base.evaluate``) each answer is kept, keyed by the question and the object's identity.
Outside an evaluation (a helper called on its own) the answer is simply computed.

The memo holds each object it has answered for, so its identity cannot be reused by another
object before the evaluation ends; the memo is dropped with the evaluation.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

_T = TypeVar("_T")
_O = TypeVar("_O")

_MEMO: ContextVar[dict[tuple[Hashable, int], tuple[Any, Any]] | None] = ContextVar("juesuan_rules_memo", default=None)


@contextmanager
def evaluation() -> Iterator[None]:
    """Keep derived facts until the block ends (nested blocks share the outer memo)."""
    if _MEMO.get() is not None:
        yield
        return
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def memoized(question: Hashable, obj: _O, compute: Callable[[_O], _T]) -> _T:
    """``compute(obj)``, once per evaluation for each (question, obj)."""
    memo = _MEMO.get()
    if memo is None:
        return compute(obj)
    key = (question, id(obj))
    got = memo.get(key)
    if got is None:
        got = memo[key] = (obj, compute(obj))
    return got[1]
