"""Rows whose amounts a text tool printed on neighbouring lines (flat layout).

PDF text tools set a value of a vertically centred cell on a text line of its own — above
its row's code line (pdftotext -layout) or beside the row's name one line up (pdfplumber) —
so in reading order it lands at the end of the previous row, and a total printed lower
than the other cells lands after them. In tables whose first column is the row total
(T02, T03, T05, T08: total = Σ the other columns) the identity says which row each stray
value belongs to and which value is the total:

* values the previous row took from the line just above the next row's code line move to
  the next row when that makes more rows satisfy total = Σ parts;
* a row whose largest value equals the sum of the others, but is not printed first, gets
  it first (the other values keep their order);
* a 合计 row printed after its amounts ('2,946.25 … / 合计') takes them.
"""

from __future__ import annotations

from decimal import Decimal

from juesuan.extract.records import Record, Value
from juesuan.money import tolerance


def _sums(values: list[Value]) -> bool:
    """Does one value equal the sum of the others (or is there at most one value)?"""
    if len(values) < 2:
        return True
    vals = [v.parsed.value for v in values]
    total = sum(vals, Decimal(0))
    return any(abs(2 * v - total) <= 2 * tolerance(len(vals) - 1) for v in vals)


def _total_first(rec: Record) -> None:
    vals = [v.parsed.value for v in rec.values]
    if len(vals) < 3:
        return
    total = sum(vals, Decimal(0))
    tol = 2 * tolerance(len(vals) - 1)
    if abs(2 * vals[0] - total) <= tol:
        return
    hits = [k for k, v in enumerate(vals) if abs(2 * v - total) <= tol]
    if len(hits) == 1:
        rec.values.insert(0, rec.values.pop(hits[0]))


def rebalance(records: list[Record]) -> None:
    """Move stray values between neighbouring rows as the row identity says (see module).
    A tool splits every such row the same way, so when the identity favours moving more
    often than keeping, rows where it cannot tell (identical figures) move too."""
    pairs = [(a, b) for a, b in zip(records, records[1:])]
    votes = [_vote(a, b) for a, b in pairs]
    move_ties = votes.count(1) > votes.count(-1)
    for (a, b) in reversed(pairs):  # bottom-up: each row gets its own strays back first
        vote = _vote(a, b)
        if vote is None or vote < 0 or (vote == 0 and not move_ties):
            continue
        stray = _strays(a, b)
        a.values = [v for v in a.values if v not in stray]
        b.values = stray + b.values
    for rec in records:
        _total_first(rec)


def _strays(a: Record, b: Record) -> list[Value]:
    """a's values printed on the line just above b's code line (not on a's own line)."""
    return [v for v in a.values if v.line is not a.line and v.line.no == b.line.no - 1]


def _vote(a: Record, b: Record) -> int | None:
    """+1 when moving a's strays to b makes more rows hold, -1 fewer, 0 the same; None when
    there is nothing to move (or it would leave a with no values)."""
    stray = _strays(a, b)
    if not stray or len(stray) == len(a.values):
        return None
    kept = [v for v in a.values if v not in stray]
    diff = (_sums(kept) + _sums(stray + b.values)) - (_sums(a.values) + _sums(b.values))
    return (diff > 0) - (diff < 0)


__all__ = ["rebalance"]
