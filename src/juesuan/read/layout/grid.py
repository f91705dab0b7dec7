"""Ruling segments → ruled tables, each a list of cell boxes (x0, top, x1, bottom).

The same steps as pdfplumber's table finder (which the reader used before), on our own edge
list, so one code path serves a PDF's vector lines and the lines found in a scanned image:

1. snap: segments of one orientation whose positions lie within ``tol`` of each other (in a
   chain) move to their mean position; then segments on one line that touch or nearly touch
   (gap ≤ ``tol``) are joined;
2. intersections: every point where a vertical and a horizontal segment cross (±1 pt);
3. cells: from each intersection, the smallest rectangle whose four corners are
   intersections connected along shared segments;
4. tables: cells sharing a corner, grouped; a group of one cell is not a table.

The arithmetic is pdfplumber's to the last bit (the mean is taken in the same order, a
segment is moved by ``x + (mean - x)``), so the cells are identical — the tests compare the two
on every sample page — but each step is indexed instead of scanning every pair: pdfplumber
spent most of a table page's time in step 3.
"""

from __future__ import annotations

import bisect
from itertools import groupby
from operator import itemgetter

from juesuan.read.layout.glyphs import Edge

Box = tuple[float, float, float, float]  # x0, top, x1, bottom
# One segment while the grid is built: [x0, x1, top, bottom] (a list: joining extends it).
_Seg = list[float]
Rulings = tuple[list[_Seg], list[_Seg]]  # a page's horizontal and vertical segments

MAX_SEGMENTS = 20000  # more ruling segments than this on one page: a drawing, not a table
MAX_INTERSECTIONS = 40000  # a hatched drawing, not a table
CROSS_TOL = 1.0  # how far a segment may stop short of another and still cross it


def find_tables(edges: list[Edge], tol: float = 3.0, min_len: float = 3.0) -> list[list[Box]]:
    """Ruling segments → tables (top to bottom), each a list of cell boxes."""
    hs: list[_Seg] = []
    vs: list[_Seg] = []
    for e in edges:
        if e.orientation == "h":
            y = (e.top + e.bottom) / 2
            hs.append([e.x0, e.x1, y, y])
        elif e.orientation == "v":
            x = (e.x0 + e.x1) / 2
            vs.append([x, x, e.top, e.bottom])
    return tables_of((hs, vs), tol, min_len)


def tables_of(rulings: Rulings, tol: float = 3.0, min_len: float = 3.0) -> list[list[Box]]:
    """``find_tables`` on segments already split by orientation, horizontal ``[x0, x1, y,
    y]`` and vertical ``[x, x, top, bottom]`` (as a PDF page's rulings are read, without
    Edge objects); segments shorter than ``min_len`` are left out."""
    hs = [s for s in rulings[0] if s[1] - s[0] >= min_len]
    vs = [s for s in rulings[1] if s[3] - s[2] >= min_len]
    if not vs or not hs or len(vs) + len(hs) > MAX_SEGMENTS:
        return []
    vs = _join(_snap(vs, 0, tol), 0, tol)
    hs = _join(_snap(hs, 2, tol), 2, tol)
    inter = _intersections(vs, hs)
    if len(inter) > MAX_INTERSECTIONS:
        return []
    return _tables(_cells(inter))


def _snap(segs: list[_Seg], at: int, tol: float) -> list[_Seg]:
    """Move segments whose position (index ``at``: x0 for vertical, top for horizontal) is
    within ``tol`` of the next one in sorted order to their cluster's mean. Clusters in order
    of position, segments within a cluster in input order (as pdfplumber returns them)."""
    pos = itemgetter(at)
    values = sorted(set(map(pos, segs)))
    cluster_of: dict[float, int] = {}
    k, last = 0, None
    for v in values:
        if last is not None and v > last + tol:
            k += 1
        cluster_of[v] = k
        last = v
    clusters: list[list[_Seg]] = [[] for _ in range(k + 1)]
    for s in segs:
        clusters[cluster_of[s[at]]].append(s)
    out: list[_Seg] = []
    for cl in clusters:
        mean = sum(map(pos, cl)) / len(cl)
        for s in cl:
            d = mean - s[at]
            out.append([s[0] + d, s[1] + d, s[2], s[3]] if at == 0 else [s[0], s[1], s[2] + d, s[3] + d])
    return out


def _join(segs: list[_Seg], at: int, tol: float) -> list[_Seg]:
    """Join segments on one line (same snapped position) that overlap or leave a gap of at
    most ``tol``; the lines in order of position."""
    lo, hi = (2, 3) if at == 0 else (0, 1)
    out: list[_Seg] = []
    pos = itemgetter(at)
    for _pos, group in groupby(sorted(segs, key=pos), key=pos):
        line = sorted(group, key=itemgetter(lo))
        joined = [list(line[0])]
        for s in line[1:]:
            last = joined[-1]
            if s[lo] <= last[hi] + tol:
                if s[hi] > last[hi]:
                    last[hi] = s[hi]
            else:
                joined.append(list(s))
        out.extend(joined)
    return out


_Inter = dict[tuple[float, float], tuple[set[Box], set[Box]]]  # point → (its v, its h segments)


def _intersections(vs: list[_Seg], hs: list[_Seg]) -> _Inter:
    """Points where a vertical segment meets a horizontal one, each with the boxes of the
    segments through it. Horizontal segments are found by a bisect on their y."""
    hs = sorted(hs, key=itemgetter(2, 0))
    tops = [s[2] for s in hs]
    inter: _Inter = {}
    for v in sorted(vs, key=itemgetter(0, 2)):
        x, vtop, vbottom = v[0], v[2], v[3]
        vbox = (v[0], v[2], v[1], v[3])
        start = bisect.bisect_left(tops, vtop - CROSS_TOL - 1e-6)  # slack: the test below is exact
        for h in hs[start:]:
            y = h[2]
            if vbottom < y - CROSS_TOL:
                break
            if vtop <= y + CROSS_TOL and h[0] - CROSS_TOL <= x <= h[1] + CROSS_TOL:
                got = inter.get((x, y))
                if got is None:
                    got = inter[(x, y)] = (set(), set())
                got[0].add(vbox)
                got[1].add((h[0], h[2], h[1], h[3]))
    return inter


def _cells(inter: _Inter) -> list[Box]:
    """For each intersection (sorted by x, then y), the smallest cell it is the top-left
    corner of: the first point below it on a shared vertical segment and the first point to
    its right on a shared horizontal one whose opposite corner closes the rectangle."""
    points = sorted(inter)
    col: dict[float, list[float]] = {}  # x → ys of the points on it, ascending
    row: dict[float, list[float]] = {}  # y → xs, ascending
    for x, y in points:
        col.setdefault(x, []).append(y)
        row.setdefault(y, []).append(x)
    for xs in row.values():
        xs.sort()
    cells: list[Box] = []
    bisect_right = bisect.bisect_right
    for x, y in points:
        ys, xs = col[x], row[y]
        cell = _first_closed(inter, x, y, ys, bisect_right(ys, y), xs, bisect_right(xs, x))
        if cell is not None:
            cells.append(cell)
    return cells


def _first_closed(inter: _Inter, x: float, y: float, ys: list[float], i: int, xs: list[float], j: int) -> Box | None:
    """The cell whose top-left corner is (x, y): for each point below (``ys[i:]``) on a
    vertical segment through (x, y), in order, each point to the right (``xs[j:]``) on a
    horizontal segment through it, in order, until the opposite corner closes the rectangle.

    Both lists are walked lazily (the points to the right kept once found): the cell nearly
    always closes at the first point below and the first to the right, so the rest of a
    long column or row is rarely looked at."""
    v0, h0 = inter[(x, y)]
    rights: list[float] = []
    n = len(xs)
    for by in ys[i:]:
        left_bottom = inter[(x, by)]
        if v0.isdisjoint(left_bottom[0]):
            continue
        h_by = left_bottom[1]
        k = 0
        while True:
            if k < len(rights):
                rx = rights[k]
            else:
                while j < n and h0.isdisjoint(inter[(xs[j], y)][1]):
                    j += 1
                if j >= n:
                    break
                rx = xs[j]
                rights.append(rx)
                j += 1
            k += 1
            corner = inter.get((rx, by))
            if corner is None:
                continue
            if not corner[0].isdisjoint(inter[(rx, y)][0]) and not corner[1].isdisjoint(h_by):
                return (x, y, rx, by)
    return None


def _tables(cells: list[Box]) -> list[list[Box]]:
    """Cells grouped into tables by shared corners, in pdfplumber's order: sweep the cells
    left over, adding every cell that touches the group, until a sweep adds none."""
    remaining = cells
    tables: list[list[Box]] = []
    corners: set[tuple[float, float]] = set()
    current: list[Box] = []
    while remaining:
        before = len(current)
        left: list[Box] = []
        for c in remaining:
            x0, top, x1, bottom = c
            cc = ((x0, top), (x0, bottom), (x1, top), (x1, bottom))
            if not current or not corners.isdisjoint(cc):
                corners.update(cc)
                current.append(c)
            else:
                left.append(c)
        remaining = left
        if len(current) == before:
            tables.append(current)
            corners, current = set(), []
    if current:
        tables.append(current)
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]
