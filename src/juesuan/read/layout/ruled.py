"""A ruled table (cell boxes from ``grid.find_tables``) and the page's glyphs → grid rows.

One row per grid row, one chunk per grid column, empty positions kept (``gridded=True``); a
cell that spans several columns gives its text to the first position and empty chunks to the
rest, a cell that spans several rows gives its text to its first row.
"""

from __future__ import annotations

import bisect
import math

from juesuan.read.layout.glyphs import Glyph, cluster_baselines, join_glyphs, join_lines, one_baseline, round2
from juesuan.read.layout.grid import Box
from juesuan.read.layout.row import Row
from juesuan.read.types import Chunk
from juesuan.textnorm import nfkc

# A span: (first row, first column, end row, end column, the cell's box).
_Span = tuple[int, int, int, int, Box]


def cluster_values(vals: list[float], tol: float) -> list[float]:
    """Sorted values grouped in chains no wider than ``tol`` apart → each group's mean."""
    vals = sorted(vals)
    # A group ends where the next value is not within ``tol`` of the last (a table's grid
    # lines repeat in every cell along them: hundreds of values, a few dozen groups).
    ends = [i for i, (a, b) in enumerate(zip(vals, vals[1:]), 1) if not b - a <= tol]
    return [sum(c) / len(c) for c in (vals[i:j] for i, j in zip([0, *ends], [*ends, len(vals)])) if c]


def nearest(coords: list[float], v: float) -> int:
    """Index of the coordinate nearest ``v`` in an ascending list (the lower one on a tie)."""
    i = bisect.bisect_left(coords, v)
    if i == 0:
        return 0
    if i == len(coords):
        return i - 1
    return i - 1 if v - coords[i - 1] <= coords[i] - v else i


def table_rows(cells: list[Box], glyphs: list[Glyph], tno: int) -> tuple[list[Row], set[int]]:
    """One ruled table → grid rows. Returns the rows and the ids of glyphs consumed."""
    xs = cluster_values([c[0] for c in cells] + [c[2] for c in cells], 1.5)
    ys = cluster_values([c[1] for c in cells] + [c[3] for c in cells], 1.5)
    ncols, nrows = len(xs) - 1, len(ys) - 1
    if ncols < 1 or nrows < 1:
        return [], set()
    placed: dict[tuple[int, int], tuple[int, int, Box]] = {}
    # A grid line's coordinate is shared by the cells along it: each looked up once.
    col_at = {v: nearest(xs, v) for v in {c[0] for c in cells} | {c[2] for c in cells}}
    row_at = {v: nearest(ys, v) for v in {c[1] for c in cells} | {c[3] for c in cells}}
    for cell in cells:
        c0, c1 = col_at[cell[0]], col_at[cell[2]]
        r0, r1 = row_at[cell[1]], row_at[cell[3]]
        if c1 <= c0 or r1 <= r0:
            continue
        placed.setdefault((r0, c0), (r1, c1, cell))
    spans = [(r0, c0, r1, c1, bb) for (r0, c0), (r1, c1, bb) in placed.items()]
    cell_glyphs, used = _assign(spans, xs, ys, glyphs)
    rxs, rys = [round2(v) for v in xs], [round2(v) for v in ys]
    rows: list[Row] = []
    for r in range(nrows):
        chunks: list[Chunk] = []
        any_text = False
        for c in range(ncols):
            span = placed.get((r, c))
            if span is not None:
                bb = span[2]
                gl = cell_glyphs.get((r, c))
                text = _cell_text(gl) if gl else ""
                any_text = any_text or bool(text)
                chunks.append(Chunk(text, round2(bb[0]), round2(bb[2]), round2(bb[1]), round2(bb[3])))
            else:
                # Covered by a spanning cell, or a hole in the grid: an empty position.
                chunks.append(Chunk("", rxs[c], rxs[c + 1], rys[r], rys[r + 1]))
        if any_text:
            rows.extend(split_code_header(Row(ys[r], ys[r + 1], chunks, True, tno)))
    return rows, used


def _cell_text(gl: list[Glyph]) -> str:
    """The text of a cell's glyphs: printed lines joined (most cells hold one glyph or one
    line, which skip the work of ordering lines)."""
    if len(gl) == 1:
        return nfkc(join_lines([gl[0].text])).strip()
    line = one_baseline(gl)
    lines = [line] if line is not None else cluster_baselines(gl)
    return nfkc(join_lines([join_glyphs(ln, in_cell=True) for ln in lines])).strip()


def _assign(spans: list[_Span], xs: list[float], ys: list[float], glyphs: list[Glyph]) -> tuple[dict[tuple[int, int], list[Glyph]], set[int]]:
    """Each glyph (by its centre) to the span containing it: (first row, first column) →
    glyphs, and the ids of the glyphs placed. (Tested against a plain scan of every span for
    every glyph: tests/read/test_ruled_assign.py.)"""
    # Grid position → the spans that can hold a glyph there: those covering it or one of its
    # eight neighbours (a box is its cell's edges, which lie within the clustering tolerance
    # of the grid lines), each as its key and its box widened by the 0.5 pt tolerance, in
    # ``spans`` order (the first containing one wins, as a scan of them all would decide).
    # Made in one pass over the spans, each added to the positions it covers and those next
    # to them.
    near_at: dict[tuple[int, int], list[tuple[tuple[int, int], float, float, float, float]]] = {}
    for r0, c0, r1, c1, bb in spans:
        widened = ((r0, c0), bb[0] - 0.5, bb[2] + 0.5, bb[1] - 0.5, bb[3] + 0.5)
        for r in range(r0 - 1, r1 + 1):
            for c in range(c0 - 1, c1 + 1):
                near = near_at.get((r, c))
                if near is None:
                    near_at[(r, c)] = [widened]
                else:
                    near.append(widened)
    tx0, tx1, ty0, ty1 = xs[0] - 0.5, xs[-1] + 0.5, ys[0] - 0.5, ys[-1] + 0.5
    cell_glyphs: dict[tuple[int, int], list[Glyph]] = {}
    used: set[int] = set()
    bisect_right = bisect.bisect_right
    nowhere: list[tuple[tuple[int, int], float, float, float, float]] = []
    last = len(ys) - 1, len(xs) - 1
    # The grid position of the last glyph looked up, as the bounds of its cell (lo <= v < hi,
    # what bisect_right finds; open to infinity beyond the outer grid lines) and its spans:
    # a cell's characters come one after another, so most glyphs need no search.
    lo_x = hi_x = lo_y = hi_y = math.nan
    near = nowhere
    for g in glyphs:
        x, y = (g.x0 + g.x1) / 2, g.base - 0.35 * g.size  # g.xc, g.yc (inlined: once per glyph)
        if not (tx0 <= x <= tx1 and ty0 <= y <= ty1):
            continue
        if not (lo_x <= x < hi_x and lo_y <= y < hi_y):
            r, c = bisect_right(ys, y) - 1, bisect_right(xs, x) - 1
            lo_y, hi_y = ys[r] if r >= 0 else -math.inf, ys[r + 1] if r < last[0] else math.inf
            lo_x, hi_x = xs[c] if c >= 0 else -math.inf, xs[c + 1] if c < last[1] else math.inf
            near = near_at.get((r, c), nowhere)
        for key, bx0, bx1, by0, by1 in near:
            if bx0 <= x <= bx1 and by0 <= y <= by1:
                got = cell_glyphs.get(key)
                if got is None:
                    cell_glyphs[key] = [g]
                else:
                    got.append(g)
                used.add(id(g))
                break
    return cell_glyphs, used


_CODE_LEVELS = {"类", "款", "项"}


def split_code_header(row: Row) -> list[Row]:
    """Shanghai's templates print the 类/款/项 sub-header in the same grid row as the first
    data row (合计 …). Emit it as its own header line, then the data line, as a converted text
    would show them."""
    texts = [c.text for c in row.chunks]
    levels = [i for i, t in enumerate(texts) if t in _CODE_LEVELS]
    if len(levels) < 2:  # nearly every row: no sub-header
        return [row]
    others = [i for i, t in enumerate(texts) if t and t not in _CODE_LEVELS]
    if not others or min(others) < max(levels):
        return [row]
    head = [c if i in levels else Chunk("", c.x0, c.x1, c.top, c.bottom) for i, c in enumerate(row.chunks)]
    data = [Chunk("", c.x0, c.x1, c.top, c.bottom) if i in levels else c for i, c in enumerate(row.chunks)]
    return [Row(row.top, row.bottom, head, True, row.table), Row(row.top + 0.01, row.bottom, data, True, row.table)]


def merge_side_by_side(rows: list[Row]) -> list[Row]:
    """Rows of two ruled tables printed side by side (the two halves of a two-sided table
    drawn as separate grids) that share a top and bottom become one row."""
    by_table: dict[int, list[Row]] = {}
    for r in rows:
        by_table.setdefault(r.table, []).append(r)
    if len(by_table) < 2:
        return rows
    out: list[Row] = []
    merged_ids: set[int] = set()
    for r in sorted(rows, key=lambda r: (r.top, r.chunks[0].x0 or 0)):
        if id(r) in merged_ids:
            continue
        for s in rows:
            if s is r or id(s) in merged_ids or s.table == r.table:
                continue
            if abs(s.top - r.top) <= 2 and abs(s.bottom - r.bottom) <= 2 and (s.chunks[0].x0 or 0) >= (r.chunks[-1].x1 or 0) - 2:
                r.chunks = r.chunks + s.chunks
                merged_ids.add(id(s))
        out.append(r)
    return out
