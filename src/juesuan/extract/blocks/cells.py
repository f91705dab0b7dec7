"""Placed amounts of a column-block table into its ``Table``: the printed figure and where it
stood, in 万元 like every other cell (a table printed in 元 is solved on its printed figures),
an uncertain one with the note saying why. Shared by the readers of the tables' own shapes
(economic.py, sangong.py)."""

from __future__ import annotations

from decimal import Decimal

from juesuan.extract.blocks.cross import Bound, cross_bounds
from juesuan.extract.grid import amount
from juesuan.model import Cell, Disclosure, Table
from juesuan.money import YUAN_PER_WAN
from juesuan.read.types import Line

Placed = dict[tuple[str, str], tuple[int, bool]]  # (row, column) → (token index, uncertain)


def unit_scale(doc: Disclosure) -> Decimal:
    return YUAN_PER_WAN if doc.meta.unit == "元" else Decimal(1)


def printed_bounds(doc: Disclosure, tid: str,
                   known: dict[tuple[str, str], Bound] | None = None) -> dict[tuple[str, str], Bound]:
    """``cross_bounds`` in the printed unit (other tables' cells are already in 万元);
    ``known``: those bounds, when the caller has just computed them."""
    scale = unit_scale(doc)
    return {rc: (None if lo is None else lo * scale, None if hi is None else hi * scale)
            for rc, (lo, hi) in (cross_bounds(doc, tid) if known is None else known).items()}


def region(t: Table, lines: list[Line], doc: Disclosure, cross: bool,
           known: dict[tuple[str, str], Bound] | None = None) -> tuple[
        list[tuple[str, Line]], dict[tuple[str, str], Bound] | None] | None:
    """What a table reader of its own shape starts from: the region's tokens and, in the
    cross-table pass, the bounds the other tables put on ``t`` — None when that pass has none
    (nothing new to place it by)."""
    from juesuan.extract.blocks import _tokens  # the package builds on this module

    bounds = printed_bounds(doc, t.id, known) if cross else None
    if cross and not bounds:
        return None
    return _tokens(lines), bounds


def put(t: Table, toks: list[tuple[str, Line]], placed: Placed, names: dict[str, str], doc: Disclosure,
        note: str, label_of_column: bool = False) -> None:
    """Replace ``t``'s cells and row names by the placed amounts (``label_of_column``: the
    cell's label is its column's name, T09's items)."""
    from juesuan.extract.blocks import UNCERTAIN_NOTE

    scale = unit_scale(doc)
    cells = []
    for (row, col), (i, unsure) in placed.items():
        raw, ln = toks[i]
        v = amount(raw)
        assert v is not None  # only amounts are placed
        cells.append(Cell(table=t.id, row=row, column=col, value=v.value / scale, raw=raw, page=ln.page,
                          line=ln.no, label=col if label_of_column else names.get(row, row), uncertain=unsure,
                          repair=(note or UNCERTAIN_NOTE) if unsure else ""))
    t.cells = sorted(cells, key=lambda c: (c.page or 0, c.line or 0))
    t.row_labels = dict(names)


__all__ = ["Placed", "printed_bounds", "put", "region", "unit_scale"]
