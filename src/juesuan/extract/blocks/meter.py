"""A cap on the placements one reading of a column-block table may try before it is put off.

A table's own identities place it alone (``status.set_status``'s first pass); a table they
leave in doubt is placed again with what the other tables say of it (``cross``). Some tables'
own identities admit so many placements that the search without the others' bounds runs
for seconds — hundreds of thousands of placements — to end with every figure uncertain, or
with a list of placements the bounds then cut to one in a fraction of that. Such a reading
is put off (``PutOff``) once it has tried ``capped``'s number of placements: the other tables
are placed first, and it is placed with their bounds, or without them, in full, once they
can say no more.

A search that stays under the cap is the same search as without it, to the placement: it
runs with the budget it was given (``run``), and the cap only stops it where that budget
would not have.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol


class PutOff(Exception):  # noqa: N818 - not an error: a reading deferred
    """The reading tried more placements than its cap allows (it is tried again later)."""


class _Searcher(Protocol):
    budget: int

    def run(self) -> None: ...


# placements still allowed to the reading in progress; None: no cap (a list, to be spent in place)
_LEFT: ContextVar[list[int] | None] = ContextVar("juesuan_blocks_cap", default=None)


@contextmanager
def capped(placements: int) -> Iterator[None]:
    """Every search run (``run``) within the block shares a cap of ``placements``."""
    token = _LEFT.set([placements])
    try:
        yield
    finally:
        _LEFT.reset(token)


def run(search: _Searcher) -> None:
    """``search.run()`` within the cap in force: its result, and the budget it leaves, are
    those of the search without a cap; PutOff when the cap stops it before its own budget
    would have."""
    left = _LEFT.get()
    if left is None:
        search.run()
        return
    full = search.budget
    given = search.budget = min(full, max(left[0], 0))
    search.run()
    spent = given - search.budget
    left[0] -= spent
    if search.budget <= 0 and given < full:
        raise PutOff
    search.budget = full - spent


__all__ = ["PutOff", "capped", "run"]
