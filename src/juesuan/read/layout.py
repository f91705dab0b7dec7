"""Page geometry shared by the PDF and OCR readers: glyphs + ruling lines → Lines.

A page is given as *glyphs* (PDF characters, or OCR text fragments) and *edges* (horizontal
and vertical ruling segments, from the PDF's vector graphics or found in a scanned image).
``page_lines`` turns them into the reader contract:

- ruled tables (cells found from the ruling-line intersections) become one Line per grid row,
  one Chunk per grid column, empty positions kept (``gridded=True``); a cell that spans
  several columns gives its text to the first position and empty chunks to the rest, a cell
  that spans several rows gives its text to its first row;
- text outside any ruled table becomes prose lines (glyphs clustered by baseline), split into
  chunks where a wide gap separates visually distinct runs; consecutive multi-run lines that
  share column positions (a table drawn without rulings) are aligned on common columns so the
  i-th chunk of each line sits in the i-th column (``gridded=False``: the columns are guessed);
- lines are sorted top to bottom and numbered from 1 on the page.

Coordinates are PDF points (or image pixels scaled to points by the caller) from the page's
top-left corner.
"""

from __future__ import annotations

import bisect
import re
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass

from juesuan.read.types import Chunk, Line
from juesuan.textnorm import nfkc

__all__ = [
    "Glyph",
    "Edge",
    "page_lines",
    "is_cjk",
    "join_glyphs",
    "join_lines",
    "time_limit",
    "PageTimeout",
    "PAGE_NO_RE",
]

# A printed page number: "— 8 —", "- 26 -", "第 3 页", "第3页 共25页", or "8" alone near the
# page bottom (the latter decided by position in ``_mark_page_numbers``).
PAGE_NO_RE = re.compile(
    r"^\s*(?:[—–\-－]\s*(\d{1,3})\s*[—–\-－]|第\s*(\d{1,3})\s*页(?:\s*[,，]?\s*共\s*\d+\s*页)?|(\d{1,3})\s*/\s*\d{1,3})\s*$"
)
_BARE_NUM_RE = re.compile(r"^\s*\d{1,3}\s*$")


@dataclass(slots=True)
class Glyph:
    """One character (PDF) or one recognised text fragment (OCR), in page points."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    base: float  # baseline (top-down); glyphs of one printed line share it across fonts
    size: float  # font size (PDF) or box height (OCR)
    space_before: bool = False  # the text layer has a blank right before this glyph

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        # Vertical centre from the baseline, not from the font-dependent bbox: a digit set in
        # Times next to a character set in FangSong has the same baseline but a bbox shifted
        # by a third of the size.
        return self.base - 0.35 * self.size


@dataclass(slots=True)
class Edge:
    orientation: str  # "h" or "v"
    x0: float
    x1: float
    top: float
    bottom: float


class PageTimeout(Exception):
    pass


@contextmanager
def time_limit(seconds: float):
    """Interrupt the block after ``seconds`` (POSIX main thread only; elsewhere a no-op, and
    callers also check elapsed time between pages)."""
    usable = (
        seconds
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def _handler(signum, frame):  # pragma: no cover - depends on timing
        raise PageTimeout(f"took longer than {seconds:g} s")

    old = signal.signal(signal.SIGALRM, _handler)
    old_timer = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
        if old_timer and old_timer[0] > 0:  # restore an outer timer, roughly
            signal.setitimer(signal.ITIMER_REAL, old_timer[0])


class Deadline:
    def __init__(self, seconds: float | None):
        self.end = time.monotonic() + seconds if seconds else None

    def left(self) -> float | None:
        return None if self.end is None else self.end - time.monotonic()

    def expired(self) -> bool:
        return self.end is not None and time.monotonic() > self.end


# ----------------------------------------------------------------------------- characters


def is_cjk(ch: str) -> bool:
    if not ch:
        return False
    o = ord(ch[0])
    return (
        0x2E80 <= o <= 0x9FFF  # radicals, CJK symbols & punctuation, kana, unified ideographs
        or 0xF900 <= o <= 0xFAFF
        or 0xFE30 <= o <= 0xFE4F
        or 0xFF00 <= o <= 0xFFEF  # full-width forms
        or 0x20000 <= o <= 0x2FFFF
        or ch[0] in "“”‘’…—、"
    )


_CJK_PUNCT = set("。，、；：！？）》」』】〕”’．,;:")


def _needs_space(a: Glyph, b: Glyph, in_cell: bool) -> bool:
    gap = b.x0 - a.x1
    size = max(min(a.size, b.size), 1.0)
    ca, cb = a.text[-1:], b.text[:1]
    if b.space_before and gap > 0.15 * size and not (in_cell and is_cjk(ca) and is_cjk(cb)):
        return True  # a typed blank (not inside a cell, where blanks only spread characters)
    if is_cjk(ca) and is_cjk(cb):
        # Chinese is set without spaces; distributed (justified) text in a cell has wide gaps
        # that mean nothing. In prose keep a space only for a real em-wide blank.
        # (after full-width punctuation, whose glyph is narrower than its advance, only a
        # full em counts)
        return (not in_cell) and gap > (1.0 if ca in _CJK_PUNCT else 0.5) * size
    if is_cjk(ca) or is_cjk(cb):
        return gap > (0.6 if in_cell else 0.45) * size
    return gap > 0.22 * size


def join_glyphs(glyphs: list[Glyph], in_cell: bool = False) -> str:
    """Glyphs of one printed line (already sorted by x) → text."""
    out: list[str] = []
    prev: Glyph | None = None
    for g in glyphs:
        if prev is not None and _needs_space(prev, g, in_cell):
            out.append(" ")
        out.append(g.text)
        prev = g
    return "".join(out)


def join_lines(parts: list[str]) -> str:
    """Lines of one cell → one text: a wrapped Chinese name joins without a space."""
    out = ""
    for p in parts:
        p = p.strip()
        if not p:
            continue
        if not out:
            out = p
        elif is_cjk(out[-1]) or is_cjk(p[0]) or out[-1] in "-/(（":
            out += p
        else:
            out += " " + p
    return out


def cluster_baselines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Group glyphs into printed lines by baseline; each line sorted left to right."""
    if not glyphs:
        return []
    gs = sorted(glyphs, key=lambda g: (g.base, g.x0))
    lines: list[list[Glyph]] = []
    cur: list[Glyph] = [gs[0]]
    cur_base = gs[0].base
    for g in gs[1:]:
        tol = max(1.0, 0.3 * min(g.size, cur[0].size))
        if abs(g.base - cur_base) <= tol:
            cur.append(g)
        else:
            lines.append(cur)
            cur = [g]
            cur_base = g.base
    lines.append(cur)
    for ln in lines:
        ln.sort(key=lambda g: g.x0)
    return lines


def _dedupe(glyphs: list[Glyph]) -> list[Glyph]:
    """Drop glyphs printed twice at (nearly) the same place (fake bold, shadow text)."""
    seen: dict[tuple[str, int, int], Glyph] = {}
    out = []
    for g in glyphs:
        key = (g.text, round(g.x0), round(g.base))
        if key in seen:
            continue
        seen[key] = g
        out.append(g)
    return out


# ----------------------------------------------------------------------------- ruled tables


def _cluster_values(vals: list[float], tol: float) -> list[float]:
    vals = sorted(vals)
    out: list[list[float]] = []
    for v in vals:
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def _index(coords: list[float], v: float) -> int:
    best, bd = 0, float("inf")
    for i, c in enumerate(coords):
        d = abs(c - v)
        if d < bd:
            best, bd = i, d
    return best


def find_tables(edges: list[Edge], tol: float = 3.0, min_len: float = 3.0) -> list[list[tuple[float, float, float, float]]]:
    """Ruling segments → tables, each a list of cell bboxes (x0, top, x1, bottom).

    Uses pdfplumber's intersection → cell → table algorithm on our own edge list so the same
    code serves PDF vector lines and lines found in a scanned image."""
    from pdfplumber import table as pt

    objs = []
    for e in edges:
        if e.orientation == "h" and e.x1 - e.x0 >= min_len:
            y = (e.top + e.bottom) / 2
            objs.append({"orientation": "h", "x0": e.x0, "x1": e.x1, "top": y, "bottom": y, "width": e.x1 - e.x0, "height": 0, "object_type": "line"})
        elif e.orientation == "v" and e.bottom - e.top >= min_len:
            x = (e.x0 + e.x1) / 2
            objs.append({"orientation": "v", "x0": x, "x1": x, "top": e.top, "bottom": e.bottom, "width": 0, "height": e.bottom - e.top, "object_type": "line"})
    if not objs:
        return []
    nv = sum(1 for o in objs if o["orientation"] == "v")
    if nv == 0 or nv == len(objs) or len(objs) > 20000:
        return []
    merged = pt.merge_edges(objs, tol, tol, tol, tol)
    inter = pt.edges_to_intersections(merged, 1, 1)
    if len(inter) > 40000:  # a hatched drawing, not a table
        return []
    cells = pt.intersections_to_cells(inter)
    return pt.cells_to_tables(cells)


@dataclass(slots=True)
class _Row:
    top: float
    bottom: float
    chunks: list[Chunk]
    gridded: bool
    table: int = -1
    # prose only: the line split at wide gaps (RUN_GAP_WIDE); used unless the line belongs
    # to a block aligned as a table without rulings, which uses the finer ``chunks``
    coarse: list[Chunk] | None = None


def _table_rows(cells: list[tuple[float, float, float, float]], glyphs: list[Glyph], tno: int) -> tuple[list[_Row], set[int]]:
    """One ruled table → grid rows. Returns the rows and the ids of glyphs consumed."""
    xs = _cluster_values([c[0] for c in cells] + [c[2] for c in cells], 1.5)
    ys = _cluster_values([c[1] for c in cells] + [c[3] for c in cells], 1.5)
    ncols, nrows = len(xs) - 1, len(ys) - 1
    if ncols < 1 or nrows < 1:
        return [], set()
    placed: dict[tuple[int, int], tuple[int, int, tuple[float, float, float, float]]] = {}
    for c in cells:
        c0, c1 = _index(xs, c[0]), _index(xs, c[2])
        r0, r1 = _index(ys, c[1]), _index(ys, c[3])
        if c1 <= c0 or r1 <= r0:
            continue
        placed.setdefault((r0, c0), (r1, c1, c))
    # Assign glyphs by centre to the cell containing it.
    tx0, tx1, ty0, ty1 = xs[0], xs[-1], ys[0], ys[-1]
    cell_glyphs: dict[tuple[int, int], list[Glyph]] = {}
    used: set[int] = set()
    spans = [(r0, c0, r1, c1, bb) for (r0, c0), (r1, c1, bb) in placed.items()]
    # Grid position → the spans covering it, so each glyph tests only the spans around its
    # position instead of all of them. The first containing span in ``spans`` order wins, as
    # a scan of the whole list would decide.
    at: dict[tuple[int, int], list[int]] = {}
    for k, (r0, c0, r1, c1, _bb) in enumerate(spans):
        for r in range(r0, r1):
            for c in range(c0, c1):
                at.setdefault((r, c), []).append(k)
    for g in glyphs:
        x, y = g.xc, g.yc
        if not (tx0 - 0.5 <= x <= tx1 + 0.5 and ty0 - 0.5 <= y <= ty1 + 0.5):
            continue
        gc, gr = bisect.bisect_right(xs, x) - 1, bisect.bisect_right(ys, y) - 1
        near = sorted({k for dr in (-1, 0, 1) for dc in (-1, 0, 1) for k in at.get((gr + dr, gc + dc), ())})
        for k in near:
            r0, c0, _r1, _c1, bb = spans[k]
            if bb[0] - 0.5 <= x <= bb[2] + 0.5 and bb[1] - 0.5 <= y <= bb[3] + 0.5:
                cell_glyphs.setdefault((r0, c0), []).append(g)
                used.add(id(g))
                break
    covered: dict[tuple[int, int], bool] = {}
    for r0, c0, r1, c1, _bb in spans:
        for r in range(r0, r1):
            for c in range(c0, c1):
                if (r, c) != (r0, c0):
                    covered[(r, c)] = True
    rows: list[_Row] = []
    for r in range(nrows):
        chunks: list[Chunk] = []
        any_text = False
        for c in range(ncols):
            if (r, c) in placed:
                _r1, _c1, bb = placed[(r, c)]
                gl = cell_glyphs.get((r, c), [])
                text = join_lines([join_glyphs(ln, in_cell=True) for ln in cluster_baselines(gl)]) if gl else ""
                text = nfkc(text).strip()
                any_text = any_text or bool(text)
                chunks.append(Chunk(text, round(bb[0], 2), round(bb[2], 2), round(bb[1], 2), round(bb[3], 2)))
            else:
                # Covered by a spanning cell, or a hole in the grid: an empty position.
                chunks.append(Chunk("", round(xs[c], 2), round(xs[c + 1], 2), round(ys[r], 2), round(ys[r + 1], 2)))
        if any_text:
            rows.extend(_split_code_header(_Row(ys[r], ys[r + 1], chunks, True, tno)))
    return rows, used


_CODE_LEVELS = {"类", "款", "项"}


def _split_code_header(row: _Row) -> list[_Row]:
    """Shanghai's templates print the 类/款/项 sub-header in the same grid row as the first
    data row (合计 …). Emit it as its own header line, then the data line, as a converted text
    would show them."""
    texts = [c.text for c in row.chunks]
    levels = [i for i, t in enumerate(texts) if t in _CODE_LEVELS]
    others = [i for i, t in enumerate(texts) if t and t not in _CODE_LEVELS]
    if len(levels) < 2 or not others or min(others) < max(levels):
        return [row]
    head = [c if i in levels else Chunk("", c.x0, c.x1, c.top, c.bottom) for i, c in enumerate(row.chunks)]
    data = [Chunk("", c.x0, c.x1, c.top, c.bottom) if i in levels else c for i, c in enumerate(row.chunks)]
    return [_Row(row.top, row.bottom, head, True, row.table), _Row(row.top + 0.01, row.bottom, data, True, row.table)]


def _merge_side_by_side(rows: list[_Row]) -> list[_Row]:
    """Rows of two ruled tables printed side by side (the two halves of a two-sided table
    drawn as separate grids) that share a top and bottom become one row."""
    by_table: dict[int, list[_Row]] = {}
    for r in rows:
        by_table.setdefault(r.table, []).append(r)
    if len(by_table) < 2:
        return rows
    out: list[_Row] = []
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


# ----------------------------------------------------------------------------- prose


# A gap wider than this many character sizes separates two runs (cells of a table printed
# without rulings, or text set apart); justified Chinese prose stays below half a character.
RUN_GAP = 1.2


RUN_GAP_WIDE = 2.0


def _runs(line: list[Glyph], gap: float = RUN_GAP) -> list[list[Glyph]]:
    """Split one printed line into visually separate runs (wide gaps)."""
    runs: list[list[Glyph]] = [[line[0]]]
    for a, b in zip(line, line[1:]):
        size = max(min(a.size, b.size), 1.0)
        if b.x0 - a.x1 > gap * size:
            runs.append([b])
        else:
            runs[-1].append(b)
    return runs


def _chunk_of(glyphs: list[Glyph]) -> Chunk:
    text = nfkc(join_glyphs(glyphs)).strip()
    return Chunk(
        text,
        round(min(g.x0 for g in glyphs), 2),
        round(max(g.x1 for g in glyphs), 2),
        round(min(g.top for g in glyphs), 2),
        round(max(g.bottom for g in glyphs), 2),
    )


def _prose_rows(glyphs: list[Glyph]) -> list[_Row]:
    rows = []
    for ln in cluster_baselines(glyphs):
        chunks = [c for c in (_chunk_of(r) for r in _runs(ln)) if c.text]
        if not chunks:
            continue
        coarse = chunks if len(chunks) == 1 else [c for c in (_chunk_of(r) for r in _runs(ln, RUN_GAP_WIDE)) if c.text]
        top = min(c.top for c in chunks)
        bottom = max(c.bottom for c in chunks)
        rows.append(_Row(top, bottom, chunks, False, coarse=coarse))
    return rows


def _align_unruled(rows: list[_Row]) -> None:
    """A table printed without rulings: consecutive prose lines with 3+ runs whose runs fall
    into shared columns get empty chunks for missing columns, so positions line up."""
    i = 0
    n = len(rows)
    while i < n:
        if rows[i].gridded or len(rows[i].chunks) < 3:
            i += 1
            continue
        j = i
        while j < n and not rows[j].gridded and len(rows[j].chunks) >= 2:
            j += 1
        block = rows[i:j]
        if len(block) >= 3 and _align_block(block):
            for r in block:
                r.coarse = None
        i = max(j, i + 1)
    for r in rows:
        if r.coarse is not None:
            r.chunks = r.coarse


def _align_block(block: list[_Row]) -> bool:
    """Columns are taken from the rows with the most runs (the data rows); every run of every
    row goes to the column it overlaps most; two runs in one column are joined."""
    m = max(len(r.chunks) for r in block)
    anchors = [r for r in block if len(r.chunks) == m]
    cols: list[list[float]] = []
    for i in range(m):
        xs0 = [r.chunks[i].x0 for r in anchors]
        xs1 = [r.chunks[i].x1 for r in anchors]
        cols.append([min(xs0), max(xs1)])
    ordered = all(cols[i][1] <= cols[i + 1][0] + 1 for i in range(m - 1))
    if not ordered:  # the widest rows disagree: merge all extents instead
        spans = sorted((c.x0, c.x1) for r in block for c in r.chunks)
        cols = []
        for x0, x1 in spans:
            if cols and x0 <= cols[-1][1] - 1:
                cols[-1][1] = max(cols[-1][1], x1)
            else:
                cols.append([x0, x1])
    if len(cols) < 3 or len(cols) > 40:
        return False
    for r in block:
        slots: list[list[Chunk]] = [[] for _ in cols]
        for c in r.chunks:
            best, bov = None, 0.0
            for k, (a, b) in enumerate(cols):
                ov = min(b, c.x1) - max(a, c.x0)
                if ov > bov:
                    best, bov = k, ov
            if best is None:  # in a gap between columns: the nearest one
                xc = (c.x0 + c.x1) / 2
                best = min(range(len(cols)), key=lambda k: min(abs(cols[k][0] - xc), abs(cols[k][1] - xc)))
            slots[best].append(c)
        new: list[Chunk] = []
        for (a, b), sl in zip(cols, slots):
            if not sl:
                new.append(Chunk("", round(a, 2), round(b, 2), round(r.top, 2), round(r.bottom, 2)))
            elif len(sl) == 1:
                new.append(sl[0])
            else:
                new.append(Chunk(" ".join(c.text for c in sl), sl[0].x0, sl[-1].x1, min(c.top for c in sl), max(c.bottom for c in sl)))
        r.chunks = new
    return True


# ----------------------------------------------------------------------------- page


def page_lines(
    glyphs: list[Glyph],
    edges: list[Edge],
    page_no: int,
    page_height: float | None = None,
    tables: list[list[tuple[float, float, float, float]]] | None = None,
) -> list[Line]:
    """Glyphs and rulings of one page → numbered Lines (see module docstring)."""
    glyphs = _dedupe([g for g in glyphs if g.text and not g.text.isspace()])
    if tables is None:
        tables = find_tables(edges)
    rows: list[_Row] = []
    used: set[int] = set()
    for tno, cells in enumerate(tables):
        xs = {round(c[0]) for c in cells} | {round(c[2]) for c in cells}
        if len(xs) < 3:  # a single column: a framed text box, not a table
            continue
        trows, tused = _table_rows(cells, glyphs, tno)
        rows.extend(trows)
        used |= tused
    rows = _merge_side_by_side(rows)
    rest = [g for g in glyphs if id(g) not in used]
    prose = _prose_rows(rest)
    rows.extend(prose)
    rows.sort(key=lambda r: (round(r.top, 1), r.chunks[0].x0 or 0))
    _align_unruled(rows)
    lines: list[Line] = []
    for no, r in enumerate(rows, start=1):
        text = "\t".join(c.text for c in r.chunks)
        lines.append(Line(no=no, text=text, chunks=r.chunks, page=page_no, gridded=r.gridded))
    _mark_page_numbers(lines, page_height)
    return lines


def _mark_page_numbers(lines: list[Line], page_height: float | None) -> None:
    for ln in lines:
        if ln.gridded or len(ln.chunks) != 1:
            continue
        t = ln.text.strip()
        if PAGE_NO_RE.match(t):
            ln.marker = "page_number"
        elif page_height and _BARE_NUM_RE.match(t):
            c = ln.chunks[0]
            if c.top is not None and c.top > 0.9 * page_height:
                ln.marker = "page_number"
