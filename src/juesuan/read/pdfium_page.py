"""A text-layer PDF page as glyphs and ruling edges, straight from PDFium.

This is what ``juesuan.read.layout.page_lines`` needs, and nothing more:

- glyphs: every non-blank character with its loose box (font ascent/descent, like pdfminer's
  char box), its baseline (the character origin) and font size; a glyph remembers whether
  the content stream put a real blank right before it (PDFium's *generated* spaces and line
  breaks are its own guesses and are ignored);
- edges: the axis-parallel segments of every path object — stroked lines, the four sides of
  rectangles (cell borders are often thin filled rectangles) — in page points from the top
  left, with the transforms of enclosing form XObjects applied.

PDFium parses a page an order of magnitude faster than pdfminer (which pdfplumber is built
on), so this is the reader's main path; pdfplumber stays only as the fallback for a page
PDFium's text layer cannot give (see ``juesuan.read.pdf``).
"""

from __future__ import annotations

import ctypes

import pypdfium2.raw as pdfium_c

from juesuan.read.layout import Edge, Glyph

# Segments shorter than this (points) are not rulings: glyph outlines, dots, hatching.
MIN_EDGE = 2.0
# A segment is axis-parallel when it strays less than this many points across.
STRAIGHT = 0.6
# Nesting of form XObjects followed (a table inside a form inside a form is plenty).
MAX_FORM_DEPTH = 4

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def page_glyphs(textpage, page_height: float) -> list[Glyph]:
    """The characters of a PDFium text page, top-down coordinates."""
    tp = textpage.raw
    n = pdfium_c.FPDFText_CountChars(tp)
    out: list[Glyph] = []
    rect = pdfium_c.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    mat = pdfium_c.FS_MATRIX()
    blank_at: tuple[float, float] | None = None  # (x0, top) of the last real blank
    h = page_height
    for k in range(n):
        code = pdfium_c.FPDFText_GetUnicode(tp, k)
        if code == 0:
            continue
        ch = _char(code)
        if ch.isspace() or not ch:
            if not pdfium_c.FPDFText_IsGenerated(tp, k) and pdfium_c.FPDFText_GetLooseCharBox(tp, k, rect):
                blank_at = (rect.left, h - rect.top)
            continue
        if not pdfium_c.FPDFText_GetLooseCharBox(tp, k, rect):
            continue
        left, right, top, bottom = rect.left, rect.right, h - rect.top, h - rect.bottom
        size = _effective_size(tp, k, mat) or (bottom - top) or 10.0
        if pdfium_c.FPDFText_GetCharOrigin(tp, k, ctypes.byref(ox), ctypes.byref(oy)):
            base = h - oy.value
            if not (top - 0.5 * size <= base <= bottom + 0.5 * size):
                base = (top + bottom) / 2 + 0.35 * size  # rotated glyph: centre of its box
        else:  # pragma: no cover - PDFium gives an origin for every text character
            base = bottom - 0.12 * (bottom - top)
        g = Glyph(ch, left, right, top, bottom, base, size)
        if blank_at is not None:
            g.space_before = abs(blank_at[1] - top) < 0.8 * size and blank_at[0] <= g.x0 + 0.1
            blank_at = None
        out.append(g)
    return out


def _effective_size(tp, k: int, mat) -> float:
    """The size the character is drawn at: the nominal font size (``Tf``) scaled by the
    character's text matrix. Documents that set ``300 Tf`` and scale by 0.05 are common."""
    nominal = float(pdfium_c.FPDFText_GetFontSize(tp, k))
    if pdfium_c.FPDFText_GetMatrix(tp, k, mat):
        scale = (mat.c * mat.c + mat.d * mat.d) ** 0.5
        if scale > 0:
            return nominal * scale
    return nominal


def _char(code: int) -> str:
    try:
        return chr(code)
    except (ValueError, OverflowError):
        return "\ufffd"


def page_edges(page, page_height: float) -> list[Edge]:
    """Axis-parallel ruling segments of every path object on the page."""
    out: list[Edge] = []
    raw = page.raw
    for i in range(pdfium_c.FPDFPage_CountObjects(raw)):
        _object_edges(pdfium_c.FPDFPage_GetObject(raw, i), IDENTITY, page_height, out, 0)
    return out


def _object_edges(obj, outer: Matrix, h: float, out: list[Edge], depth: int) -> None:
    kind = pdfium_c.FPDFPageObj_GetType(obj)
    if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
        _path_edges(obj, _compose(_matrix(obj), outer), h, out)
    elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < MAX_FORM_DEPTH:
        m = _compose(_matrix(obj), outer)
        for i in range(pdfium_c.FPDFFormObj_CountObjects(obj)):
            _object_edges(pdfium_c.FPDFFormObj_GetObject(obj, i), m, h, out, depth + 1)


def _matrix(obj) -> Matrix:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix applying ``inner`` first, then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _path_edges(path, m: Matrix, h: float, out: list[Edge]) -> None:
    """Walk the path's segments: each straight piece between two points is a candidate edge;
    a close returns to the sub-path's start (the fourth side of a rectangle)."""
    a, b, c, d, e, f = m
    x, y = ctypes.c_float(), ctypes.c_float()
    start: tuple[float, float] | None = None
    prev: tuple[float, float] | None = None
    for k in range(pdfium_c.FPDFPath_CountSegments(path)):
        seg = pdfium_c.FPDFPath_GetPathSegment(path, k)
        if not pdfium_c.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
            continue
        px, py = x.value * a + y.value * c + e, x.value * b + y.value * d + f
        pt = (px, h - py)
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO or prev is None:
            start = prev = pt
        else:
            if kind == pdfium_c.FPDF_SEGMENT_LINETO:
                _add_edge(prev, pt, out)
            prev = pt
        if pdfium_c.FPDFPathSegment_GetClose(seg) and start is not None and prev is not None:
            _add_edge(prev, start, out)
            prev = start


def _add_edge(p: tuple[float, float], q: tuple[float, float], out: list[Edge]) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y1 - y0) < STRAIGHT and abs(x1 - x0) >= MIN_EDGE:
        y = (y0 + y1) / 2
        out.append(Edge("h", min(x0, x1), max(x0, x1), y, y))
    elif abs(x1 - x0) < STRAIGHT and abs(y1 - y0) >= MIN_EDGE:
        x = (x0 + x1) / 2
        out.append(Edge("v", x, x, min(y0, y1), max(y0, y1)))
