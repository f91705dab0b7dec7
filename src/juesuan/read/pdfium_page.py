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
import re

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
_SURROGATE = re.compile("[\ud800-\udfff]")
# A hyphen PDFium takes for a word broken at the line's end is given as U+0002 (its code) or
# U+FFFE (its text) instead of the "-" printed; the printed character is what a cell holds.
_HYPHEN_MARKS = ("\x02", "\ufffe")


def _unchecked(fn):
    """The same PDFium function without ctypes' per-argument conversion: a third of the cost
    of each call here, which the per-character and per-segment loops pay tens of thousands of
    times a document. Only for functions whose arguments are pointers (passed as the ctypes
    objects pypdfium2 returns) and C ints."""
    f = type(fn)(ctypes.cast(fn, ctypes.c_void_p).value)
    f.restype = fn.restype
    return f


class _F:
    """The PDFium functions of the hot loops, bound once."""

    count_chars = _unchecked(pdfium_c.FPDFText_CountChars)
    get_text = _unchecked(pdfium_c.FPDFText_GetText)
    get_unicode = _unchecked(pdfium_c.FPDFText_GetUnicode)
    is_generated = _unchecked(pdfium_c.FPDFText_IsGenerated)
    is_hyphen = _unchecked(pdfium_c.FPDFText_IsHyphen)
    loose_box = _unchecked(pdfium_c.FPDFText_GetLooseCharBox)
    font_size = _unchecked(pdfium_c.FPDFText_GetFontSize)
    get_matrix = _unchecked(pdfium_c.FPDFText_GetMatrix)
    get_origin = _unchecked(pdfium_c.FPDFText_GetCharOrigin)
    text_object = _unchecked(pdfium_c.FPDFText_GetTextObject)
    text_object.restype = ctypes.c_void_p  # an address: only compared, never passed back
    page_object = _unchecked(pdfium_c.FPDFPage_GetObject)
    obj_type = _unchecked(pdfium_c.FPDFPageObj_GetType)
    obj_matrix = _unchecked(pdfium_c.FPDFPageObj_GetMatrix)
    count_segments = _unchecked(pdfium_c.FPDFPath_CountSegments)
    get_segment = _unchecked(pdfium_c.FPDFPath_GetPathSegment)
    get_point = _unchecked(pdfium_c.FPDFPathSegment_GetPoint)
    segment_type = _unchecked(pdfium_c.FPDFPathSegment_GetType)
    segment_close = _unchecked(pdfium_c.FPDFPathSegment_GetClose)


def page_glyphs(textpage, page_height: float) -> list[Glyph]:
    """The characters of a PDFium text page, top-down coordinates.

    Calls into PDFium are the cost here (each is ~0.3 µs of ctypes overhead, more than the
    work behind it), so this asks for as little per character as the result allows:

    - the page's text in one call (``FPDFText_GetText``), when it maps one to one onto the
      character list (no excluded control characters, nothing outside the BMP; else one
      ``GetUnicode`` per character);
    - one loose box per character;
    - the baseline and effective size once per *line box*: characters whose loose boxes
      have the same top and bottom (to the bit) are set at one size on one baseline, so they
      share those of the first such character (the loose box is the font's ascent and
      descent at that size around the baseline, so two runs sharing both edges to the bit
      share baseline and size unless their fonts' metrics are proportional and their sizes
      compensate exactly). Fonts without ascent and descent give the glyph's own box, so
      boxes differ within a line; then the baseline is asked per character, the size once
      per text object (font size and text matrix belong to the object);
    - for a blank, only whether PDFium generated it and, when real, its box.
    """
    tp = textpage.raw
    n = _F.count_chars(tp)
    text = _page_text(tp, n)
    out: list[Glyph] = []
    rect = pdfium_c.FS_RECTF()
    mat = pdfium_c.FS_MATRIX()
    oy = ctypes.c_double()
    rect_p, mat_p, oy_p, ox_p = ctypes.byref(rect), ctypes.byref(mat), ctypes.byref(oy), ctypes.byref(ctypes.c_double())
    loose_box, is_generated, get_unicode, is_hyphen = _F.loose_box, _F.is_generated, _F.get_unicode, _F.is_hyphen
    text_object, get_origin, font_size, get_matrix = _F.text_object, _F.get_origin, _F.font_size, _F.get_matrix
    runs: dict[tuple[float, float], tuple[float, float]] = {}  # (top, bottom) → (size, base)
    sizes: dict[int, float] = {}  # text object → its font size scaled by its text matrix
    blank_at: tuple[float, float] | None = None  # (x0, top) of the last real blank
    h = page_height
    for k in range(n):
        ch = text[k] if text is not None else _char(get_unicode(tp, k))
        if ch == "\0":
            continue
        if ch in _HYPHEN_MARKS and is_hyphen(tp, k):
            ch = "-"
        if ch.isspace():
            if not is_generated(tp, k) and loose_box(tp, k, rect_p):
                blank_at = (rect.left, h - rect.top)
            continue
        if not loose_box(tp, k, rect_p):
            continue
        top, bottom = h - rect.top, h - rect.bottom
        run = runs.get((top, bottom))
        if run is None:
            obj = text_object(tp, k)
            size = sizes.get(obj) if obj else None
            if size is None:
                # The size the character is drawn at: the nominal font size (Tf) scaled by
                # the text matrix (documents that set 300 Tf and scale by 0.05 are common).
                size = float(font_size(tp, k))
                if get_matrix(tp, k, mat_p):
                    scale = (mat.c * mat.c + mat.d * mat.d) ** 0.5
                    if scale > 0:
                        size *= scale
                if obj:
                    sizes[obj] = size
            size = size or (bottom - top) or 10.0
            if get_origin(tp, k, ox_p, oy_p):
                base = h - oy.value
                if not (top - 0.5 * size <= base <= bottom + 0.5 * size):
                    base = (top + bottom) / 2 + 0.35 * size  # rotated glyph: centre of its box
            else:  # pragma: no cover - PDFium gives an origin for every text character
                base = bottom - 0.12 * (bottom - top)
            run = runs[(top, bottom)] = (size, base)
        g = Glyph(ch, rect.left, rect.right, top, bottom, run[1], run[0])
        if blank_at is not None:
            g.space_before = blank_precedes(blank_at, g)
            blank_at = None
        out.append(g)
    return out


def _page_text(tp, n: int) -> str | None:
    """The page's characters as one string indexed like PDFium's character list, or None when
    the text does not map one to one (PDFium leaves control characters out of it, and gives a
    character outside the BMP as two UTF-16 units)."""
    if n <= 0:
        return None
    buf = (ctypes.c_ushort * (n + 1))()
    units = _F.get_text(tp, 0, n, buf) - 1  # the count includes the terminating NUL
    if units != n:
        return None
    raw = bytes(buf)[: 2 * n]
    text = raw.decode("utf-16-le", errors="surrogatepass")
    if len(text) != n or _SURROGATE.search(text):
        return None
    return text


def _char(code: int) -> str:
    try:
        return chr(code)
    except (ValueError, OverflowError):
        return "\ufffd"


def page_edges(page, page_height: float) -> list[Edge]:
    """Axis-parallel ruling segments of every path object on the page (and in its form
    XObjects, with their transforms applied)."""
    out: list[Edge] = []
    raw = page.raw
    _edges_of(raw, pdfium_c.FPDFPage_CountObjects(raw), _F.page_object, IDENTITY, 0, page_height, out)
    return out


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix applying ``inner`` first, then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _edges_of(holder, count: int, get_object, outer: Matrix, depth: int, h: float, out: list[Edge]) -> None:
    """The edges of the ``count`` objects of ``holder`` (a page, or a form XObject at
    ``depth``, placed by ``outer``).

    A table page has thousands of paths of a couple of segments each, so this is one flat
    loop with the out-parameters made once, and only the calls that can change the result
    are made: each straight piece between two points is a candidate edge and a close returns
    to the sub-path's start (the fourth side of a rectangle), so a sub-path's first point and
    every move-to, which make no edge, are not asked for their close flag (nor the first
    point for its type: whatever it is, it starts the sub-path)."""
    F = _F
    obj_type, obj_matrix, count_segments = F.obj_type, F.obj_matrix, F.count_segments
    get_segment, get_point, get_type, get_close = F.get_segment, F.get_point, F.segment_type, F.segment_close
    path_kind, form_kind = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM
    moveto, lineto = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_LINETO
    x, y, m = ctypes.c_float(), ctypes.c_float(), pdfium_c.FS_MATRIX()
    xp, yp, mp = ctypes.byref(x), ctypes.byref(y), ctypes.byref(m)
    for i in range(count):
        obj = get_object(holder, i)
        kind = obj_type(obj)
        if kind != path_kind and (kind != form_kind or depth >= MAX_FORM_DEPTH):
            continue
        if obj_matrix(obj, mp):
            inner = (m.a, m.b, m.c, m.d, m.e, m.f)
            mat = inner if outer is IDENTITY else _compose(inner, outer)
        else:
            mat = outer
        if kind == form_kind:
            _edges_of(obj, pdfium_c.FPDFFormObj_CountObjects(obj), pdfium_c.FPDFFormObj_GetObject, mat, depth + 1, h, out)
            continue
        a, b, c, d, e, f = mat
        start: tuple[float, float] | None = None
        prev: tuple[float, float] | None = None
        for k in range(count_segments(obj)):
            seg = get_segment(obj, k)
            if not get_point(seg, xp, yp):
                continue
            xv, yv = x.value, y.value
            pt = (xv * a + yv * c + e, h - (xv * b + yv * d + f))
            if prev is None:
                start = prev = pt
                continue
            kind = get_type(seg)
            if kind == moveto:
                start = prev = pt
                continue
            if kind == lineto:
                _add_edge(prev, pt, out)
            prev = pt
            if start is not None and get_close(seg):
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
