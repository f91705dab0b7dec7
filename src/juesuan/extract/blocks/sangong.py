"""公开09表 (“三公”经费) printed one cell a line (``pdftotext`` without -layout): its amounts
(预算数 and 决算数 of 合计, 因公出国（境）费, 公务用车购置及运行费, 购置费, 运行维护费, 公务接待费;
blank cells not printed) placed by the order the tool keeps and the table's identities.

Whatever the form (one row per item, 预算数 | 决算数; one row of 预算数 then one of 决算数;
pairs side by side), the tool prints each column's amounts in the items' order and an item's
预算数 before its 决算数 — but may pull one out of its place (a 决算数 printed after the next
item's 预算数). Every way to read the amounts as two such sequences, each with gaps for blank
cells, is tried (a few ten thousand at most), and kept when the identities of
``juesuan.relations`` for T09 hold in both rows (合计 = 因公出国 + 公务用车 + 公务接待, 公务用车 =
购置 + 运行; a blank cell is zero) and the cross-table bounds (T06's 30212/30217/30231/31013
below T09's 决算数) allow it. The text may also tie an amount to its column: in the paired form
(预算数 | 决算数 under each item, the twelve labels printed in the form's order) the tool prints a
column's label and its figure as one block, on consecutive lines — a kept reading puts that
figure there. A cell every kept reading gives the same figure (or leaves blank) is certain;
others are uncertain; none kept leaves the table unplaced.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from juesuan.extract.blocks import _AMOUNT_RE
from juesuan.extract.blocks.anchors import next_in_block
from juesuan.extract.blocks.cells import Placed, put, region
from juesuan.extract.blocks.cross import Bound, within
from juesuan.extract.grid import amount
from juesuan.glossary import T09_ITEMS
from juesuan.model import Cell, Disclosure, Table
from juesuan.read.types import Line
from juesuan.relations import RELATIONS, DisclosureRows, Term

TABLE = "T09"
COLUMNS = ("预算数", "决算数")  # the model's rows of T09; its items are the columns
_HALF = 200  # half cents, as in search.py: the tolerance of a sum of n terms is n


@cache
def _identities() -> tuple[tuple[tuple[Term, ...], tuple[Term, ...]], ...]:
    """T09's own equalities, from the catalogue of relations (expanded on a full table)."""
    doc = Disclosure()
    doc.tables[TABLE] = Table(id=TABLE, present=True, cells=[
        Cell(table=TABLE, row=r, column=i, value=Decimal(0)) for r in COLUMNS for i in T09_ITEMS])
    view = DisclosureRows(doc)
    return tuple((chk.lhs, chk.rhs) for rel in RELATIONS if rel.tables == (TABLE,) and rel.op == "="
                 for chk in rel.expand(view))


def _holds(cells: dict[tuple[str, str], int], bounds: dict[tuple[str, str], tuple[int | None, int | None]]) -> bool:
    for lhs, rhs in _identities():
        diff = sum(s * cells.get(r[1:], 0) for s, r in lhs) - sum(s * cells.get(r[1:], 0) for s, r in rhs)
        if abs(diff) > len(lhs) + len(rhs) - 1:
            return False
    for rc, b in bounds.items():
        x = cells.get(rc)
        if x is not None and not within(x, b):
            return False
    return True


def anchors(toks: list[tuple[str, Line]]) -> dict[int, tuple[str, str]]:
    """Amount token index → the (row, item) the text ties it to: in the paired form (the twelve
    labels 预算数, 决算数, 预算数, … in the form's item order), the figure printed on the line
    right after a label, in the same block (no blank line between)."""
    labels = [i for i, (t, _) in enumerate(toks) if t in COLUMNS]
    if [toks[i][0] for i in labels] != list(COLUMNS) * len(T09_ITEMS):
        return {}
    if all(next_in_block(a, b) for (_, a), (_, b) in zip(toks, toks[1:]) if a.page == b.page):
        return {}  # the tool separated no blocks: lines next to each other say nothing
    out: dict[int, tuple[str, str]] = {}
    for k, i in enumerate(labels):
        if i + 1 < len(toks) and _AMOUNT_RE.match(toks[i + 1][0]):
            a, b = toks[i][1], toks[i + 1][1]
            if next_in_block(a, b):
                out[i + 1] = (COLUMNS[k % 2], T09_ITEMS[k // 2])
    return out


# readings kept before giving up on telling cells apart (every cell then uncertain)
MAX_READINGS = 4096


def solve(texts: list[str], bounds: dict[tuple[str, str], Bound] | None = None,
          tied: dict[int, tuple[str, str]] | None = None, others: tuple[str, ...] = ()) -> Placed | None:
    """(row, item) → (token index, uncertain), or None when the table cannot be placed.
    ``tied``: token index → the cell the text ties that amount to (``anchors``); ``others``:
    expenses the table prints after 公务接待费 in each row (会议费, 培训费): their figures are
    read in their places, bound by no identity, and left out."""
    at = [i for i, t in enumerate(texts) if _AMOUNT_RE.match(t) and amount(t) is not None]
    items = T09_ITEMS + others
    n = len(items)
    if not at or len(at) > 2 * n:
        return None
    vals = [int(amount(texts[i]).value * _HALF) for i in at]  # type: ignore[union-attr]
    half = {rc: (None if lo is None else int(lo * _HALF), None if hi is None else int(hi * _HALF))
            for rc, (lo, hi) in (bounds or {}).items()}
    pin = {k: (tied or {}).get(i) for k, i in enumerate(at)}
    found: list[dict[tuple[str, str], int]] = []  # stream positions, distinct by values
    seen: list[dict[tuple[str, str], int]] = []
    pos: dict[tuple[str, str], int] = {}

    def walk(k: int, nxt: list[int]) -> None:
        """Read amount k on: ``nxt[r]`` is the first item row r can still take."""
        if len(seen) >= MAX_READINGS:
            return
        if k == len(at):
            cells = {rc: vals[p] for rc, p in pos.items()}
            if _holds(cells, half) and cells not in seen:
                seen.append(cells)
                found.append(dict(pos))
            return
        for r, row in enumerate(COLUMNS):
            for j in range(nxt[r], n):
                rc = (row, items[j])
                if pin[k] is not None and pin[k] != rc:
                    continue
                if r == 0 and (COLUMNS[1], items[j]) in pos:
                    continue  # an item's 预算数 comes before its 决算数
                pos[rc] = k
                walk(k + 1, [j + 1 if x == r else nxt[x] for x in range(2)])
                del pos[rc]

    walk(0, [0, 0])
    if not found:
        return None
    kept = {rc: p for rc, p in found[0].items() if rc[1] in T09_ITEMS}
    if len(seen) >= MAX_READINGS:
        return {rc: (at[p], True) for rc, p in kept.items()}
    return {rc: (at[p], any(o.get(rc) != seen[0][rc] for o in seen[1:])) for rc, p in kept.items()}


def place(t: Table, lines: list[Line], doc: Disclosure, cross: bool = False,
          known: dict[tuple[str, str], Bound] | None = None) -> bool:
    """Put the solved cells of a one-cell-a-line T09 into ``t`` (``blocks.place`` for this
    table's shape)."""
    from juesuan.extract.sangong import other_items

    got = region(t, lines, doc, cross, known)
    if got is None:
        return False
    toks, bounds = got
    texts = [x for x, _ in toks]
    others = tuple(other_items(lines))
    placed = solve(texts, bounds, anchors(toks), others)
    if placed is None:
        return False
    put(t, toks, placed, {}, doc, "", label_of_column=True)
    # the other expenses' figures: read, not in the model; what the row-by-row reader said of
    # the figures it could not place no longer holds
    t._unmodelled = sum(1 for x in texts if _AMOUNT_RE.match(x) and amount(x) is not None) - len(placed)
    t._doubts = []
    return True


__all__ = ["COLUMNS", "TABLE", "anchors", "place", "solve"]
