"""The cells a rearrangement of interchangeable columns would change, within the other
tables' bounds.

A functional table's identities (first column = Σ the others in each row, parent = Σ children
in each column) hold as well after any permutation of its part columns, taken whole: they
cannot tell 基本支出 from 项目支出 or from a blank 上缴上级支出. Where the tool printed the
columns in bands, left to right, the order of the runs tells them apart; where it printed them
in any order (``search.Search.groups``, a group a column), only a header that names a run's
column (``anchors``) or the other tables' bounds can. A placement that rests on weaker
evidence — a bare 栏次 number above a run (``anchors.number_pins``) — keeps in doubt every cell
some permutation of the columns it does not fix would change while keeping every bound.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import permutations

from juesuan.extract.blocks.cross import Bound, within
from juesuan.extract.blocks.linear import Slot  # (row, column) in the search's grid


def permuted_doubts(values: dict[Slot, Decimal], movable: list[int], bounds: dict[Slot, Bound]) -> set[Slot]:
    """The cells of ``values`` (placed figures; a cell absent is blank, 0) whose value some
    permutation of the columns ``movable`` changes while every changed cell keeps its bound
    (``bounds``: none, no bound)."""
    out: set[Slot] = set()
    for perm in permutations(movable):
        to = dict(zip(movable, perm, strict=True))
        moved = {(r, to.get(c, c)): v for (r, c), v in values.items()}
        changed = {rc for rc in values.keys() | moved.keys() if values.get(rc, 0) != moved.get(rc, 0)}
        if changed - out and all(within(moved.get(rc, Decimal(0)), bounds.get(rc)) for rc in changed):
            out |= changed & values.keys()
    return out


__all__ = ["permuted_doubts"]
