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

from juesuan.read.layout import Edge, Glyph, blank_precedes

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
    # This loop runs once per character of every page: the ctypes functions and the
    # out-parameters are bound once (attribute look-ups and byref() cost as much as a call).
    get_unicode, is_generated = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_IsGenerated
    loose_box, get_origin = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_GetCharOrigin
    font_size, get_matrix = pdfium_c.FPDFText_GetFontSize, pdfium_c.FPDFText_GetMatrix
    rect_p, ox_p, oy_p, mat_p = ctypes.byref(rect), ctypes.byref(ox), ctypes.byref(oy), ctypes.byref(mat)
    blank_at: tuple[float, float] | None = None  # (x0, top) of the last real blank
    h = page_height
    for k in range(n):
        code = get_unicode(tp, k)
        if code == 0:
            continue
        ch = _char(code)
        if ch.isspace() or not ch:
            if not is_generated(tp, k) and loose_box(tp, k, rect_p):
                blank_at = (rect.left, h - rect.top)
            continue
        if not loose_box(tp, k, rect_p):
            continue
        top, bottom = h - rect.top, h - rect.bottom
        # The size the character is drawn at: the nominal font size (Tf) scaled by the
        # character's text matrix (documents that set 300 Tf and scale by 0.05 are common).
        size = float(font_size(tp, k))
        if get_matrix(tp, k, mat_p):
            scale = (mat.c * mat.c + mat.d * mat.d) ** 0.5
            if scale > 0:
                size *= scale
        size = size or (bottom - top) or 10.0
        if get_origin(tp, k, ox_p, oy_p):
            base = h - oy.value
            if not (top - 0.5 * size <= base <= bottom + 0.5 * size):
                base = (top + bottom) / 2 + 0.35 * size  # rotated glyph: centre of its box
        else:  # pragma: no cover - PDFium gives an origin for every text character
            base = bottom - 0.12 * (bottom - top)
        g = Glyph(ch, rect.left, rect.right, top, bottom, base, size)
        if blank_at is not None:
            g.space_before = blank_precedes(blank_at, g)
            blank_at = None
        out.append(g)
    return out


def _char(code: int) -> str:
    try:
        return chr(code)
    except (ValueError, OverflowError):
        return "\ufffd"


def page_edges(page, page_height: float) -> list[Edge]:
    """Axis-parallel ruling segments of every path object on the page."""
    out: list[Edge] = []
    walker = _PathWalker(page_height, out)
    raw = page.raw
    for i in range(pdfium_c.FPDFPage_CountObjects(raw)):
        walker.visit(pdfium_c.FPDFPage_GetObject(raw, i), IDENTITY, 0)
    return out


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix applying ``inner`` first, then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


class _PathWalker:
    """Walks page objects (into form XObjects) and collects the edges of path objects. A
    table page has thousands of paths of a few segments each, so the ctypes functions and
    out-parameters are bound once here rather than looked up per segment."""

    def __init__(self, h: float, out: list[Edge]):
        self.h, self.out = h, out
        self.x, self.y = ctypes.c_float(), ctypes.c_float()
        self.xp, self.yp = ctypes.byref(self.x), ctypes.byref(self.y)
        self.m = pdfium_c.FS_MATRIX()
        self.mp = ctypes.byref(self.m)

    def visit(self, obj, outer: Matrix, depth: int) -> None:
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            self.path(obj, self.matrix(obj, outer))
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < MAX_FORM_DEPTH:
            m = self.matrix(obj, outer)
            for i in range(pdfium_c.FPDFFormObj_CountObjects(obj)):
                self.visit(pdfium_c.FPDFFormObj_GetObject(obj, i), m, depth + 1)

    def matrix(self, obj, outer: Matrix) -> Matrix:
        m = self.m
        if not pdfium_c.FPDFPageObj_GetMatrix(obj, self.mp):
            return outer
        inner = (m.a, m.b, m.c, m.d, m.e, m.f)
        return inner if outer is IDENTITY else _compose(inner, outer)

    def path(self, path, m: Matrix) -> None:
        """Each straight piece between two points is a candidate edge; a close returns to
        the sub-path's start (the fourth side of a rectangle)."""
        a, b, c, d, e, f = m
        h, out, x, y, xp, yp = self.h, self.out, self.x, self.y, self.xp, self.yp
        get_segment, get_point = pdfium_c.FPDFPath_GetPathSegment, pdfium_c.FPDFPathSegment_GetPoint
        get_type, get_close = pdfium_c.FPDFPathSegment_GetType, pdfium_c.FPDFPathSegment_GetClose
        moveto, lineto = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_LINETO
        start: tuple[float, float] | None = None
        prev: tuple[float, float] | None = None
        for k in range(pdfium_c.FPDFPath_CountSegments(path)):
            seg = get_segment(path, k)
            if not get_point(seg, xp, yp):
                continue
            xv, yv = x.value, y.value
            pt = (xv * a + yv * c + e, h - (xv * b + yv * d + f))
            kind = get_type(seg)
            if kind == moveto or prev is None:
                start = prev = pt
            else:
                if kind == lineto:
                    _add_edge(prev, pt, out)
                prev = pt
            if get_close(seg) and start is not None:
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
