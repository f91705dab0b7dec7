"""Amounts a text tool printed late: out of the column order the block search assumes.

pdftotext sometimes leaves a cell out of its row's text block and prints it after the rest of
the page's rows: a 项目支出 figure standing alone in a row whose 基本支出 is blank comes out
after the last row of the page, just before the header words the tool also kept apart
(上缴上级支出 …), after a page note, or at the region's end. In the stream of amounts it is one
figure in the wrong place, and no placement in print order satisfies the identities.

Only then (the search finds no placement with the amounts as printed) is such a figure moved:
a *late* amount is a single one followed by one of the table's column headers, by a page
break, or by nothing; each is tried at every earlier place in the stream, one at a time, and
every placement any of these orders admits counts — a cell is certain only when all of them
agree on it.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from juesuan.glossary import TABLES
from juesuan.read.types import Line
from juesuan.textnorm import norm

# late amounts tried, the last ones of the region first (a table has one or two at most)
MAX_LATE = 3


def late_units(tid: str, toks: list[tuple[str, Line]], at: list[int], units: list[tuple[int, int]]) -> list[int]:
    """Indexes of the units that may be an amount printed late (see module)."""
    headers = {norm(c) for c in TABLES[tid].columns}
    out = []
    for u, (first, size) in enumerate(units):
        if size != 1:
            continue
        ti = at[first]
        nxt = toks[ti + 1] if ti + 1 < len(toks) else None
        if nxt is None or nxt[1].page != toks[ti][1].page or any(
                h.startswith(norm(nxt[0])) and len(norm(nxt[0])) >= 4 for h in headers):
            out.append(u)
    return out[-MAX_LATE:]


def orders(stream: list[Decimal], units: list[tuple[int, int]],
           late: list[int]) -> Iterator[tuple[list[Decimal], list[tuple[int, int]], list[int]]]:
    """(stream, units, original index of each stream position) with one late unit moved to an
    earlier place."""
    for u in late:
        for p in range(u):
            order = units[:p] + [units[u]] + units[p:u] + units[u + 1:]
            back = [i for f, size in order for i in range(f, f + size)]
            starts, pos = [], 0
            for _, size in order:
                starts.append((pos, size))
                pos += size
            yield [stream[i] for i in back], starts, back


__all__ = ["MAX_LATE", "late_units", "orders"]
