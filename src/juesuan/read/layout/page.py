"""One page's glyphs and rulings → numbered Lines (the reader contract).

Ruled tables become grid rows (``ruled``), the rest prose rows (``prose``); rows are sorted
top to bottom, numbered from 1 on the page, and a printed page number is marked.
"""

from __future__ import annotations

from juesuan import lazy
from juesuan.read.layout.glyphs import Edge, Glyph, dedupe, round1
from juesuan.read.layout.grid import Box, find_tables
from juesuan.read.layout.prose import align_unruled, prose_rows
from juesuan.read.layout.row import Row
from juesuan.read.layout.ruled import merge_side_by_side, table_rows
from juesuan.read.types import Line

# A printed page number: "— 8 —", "- 26 -", "第 3 页", "第3页 共25页", or "8" alone near the
# page bottom (the latter decided by position in ``_mark_page_numbers``).
PAGE_NO_RE = lazy.pattern(
    r"^\s*(?:[—–\-－]\s*(\d{1,3})\s*[—–\-－]|第\s*(\d{1,3})\s*页(?:\s*[,，]?\s*共\s*\d+\s*页)?|(\d{1,3})\s*/\s*\d{1,3})\s*$"
)
_BARE_NUM_RE = lazy.pattern(r"^\s*\d{1,3}\s*$")


def page_lines(
    glyphs: list[Glyph],
    edges: list[Edge],
    page_no: int,
    page_height: float | None = None,
    tables: list[list[Box]] | None = None,
) -> list[Line]:
    """Glyphs and rulings of one page → numbered Lines (``tables``: the ruled tables when
    the caller has already found them from ``edges``)."""
    glyphs = dedupe(glyphs)
    if tables is None:
        tables = find_tables(edges)
    rows: list[Row] = []
    used: set[int] = set()
    for tno, cells in enumerate(tables):
        xs = {round(c[0]) for c in cells} | {round(c[2]) for c in cells}
        if len(xs) < 3:  # a single column: a framed text box, not a table
            continue
        trows, tused = table_rows(cells, glyphs, tno)
        rows.extend(trows)
        used |= tused
    rows = merge_side_by_side(rows)
    rows.extend(prose_rows([g for g in glyphs if id(g) not in used]))
    rows.sort(key=lambda r: (round1(r.top), r.chunks[0].x0 or 0))
    align_unruled(rows)
    lines: list[Line] = []
    for no, r in enumerate(rows, start=1):
        text = "\t".join([c.text for c in r.chunks])
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
