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
import struct

import pypdfium2.raw as pdfium_c

from juesuan import lazy
from juesuan.read.layout import Edge, Glyph, blank_precedes
from juesuan.read.layout.grid import Rulings
from juesuan.read.types import Box

# Segments shorter than this (points) are not rulings: glyph outlines, dots, hatching.
MIN_EDGE = 2.0
# A segment is axis-parallel when it strays less than this many points across.
STRAIGHT = 0.6
# Nesting of form XObjects followed (a table inside a form inside a form is plenty).
MAX_FORM_DEPTH = 4

Matrix = tuple[float, float, float, float, float, float]
_Piece = tuple[float, float, float, float]  # a straight piece of a path: x0, y0, x1, y1
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_SURROGATE = lazy.pattern("[\ud800-\udfff]")
# A hyphen PDFium takes for a word broken at the line's end is given as U+0002 (its code) or
# U+FFFE (its text) instead of the "-" printed; the printed character is what a cell holds.
_HYPHEN_MARKS = ("\x02", "\ufffe")
# Every character the glyph walk looks at twice: NUL, the hyphen marks and the blanks (no
# character above U+3000 is a blank).
_SPECIAL = frozenset({"\0", *_HYPHEN_MARKS} | {chr(c) for c in range(0x3001) if chr(c).isspace()})


def _unchecked(fn):
    """The same PDFium function without ctypes' per-argument conversion (a third of the cost
    of each call here, which the per-character and per-segment loops pay tens of thousands of
    times a document), and holding the GIL through the call: a call of a plain CDLL function
    releases and retakes it, as much again as the call's own overhead, for work of a fraction
    of a microsecond that calls back into nothing (``PYFUNCTYPE``). Only for functions whose
    arguments are pointers (passed as the ctypes objects pypdfium2 returns) and C ints."""
    addr = ctypes.cast(fn, ctypes.c_void_p).value
    if not addr:  # pragma: no cover - a loaded library's function has an address
        return fn
    return ctypes.PYFUNCTYPE(fn.restype)(addr)


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
    obj_bounds = _unchecked(pdfium_c.FPDFPageObj_GetBounds)
    count_segments = _unchecked(pdfium_c.FPDFPath_CountSegments)
    get_segment = _unchecked(pdfium_c.FPDFPath_GetPathSegment)
    get_segment.restype = ctypes.c_void_p  # the segment's address (see _points); passed back as such
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
    # The loose box lands in a float[4] (FS_RECTF is {left, top, right, bottom}) read through a
    # memoryview: one unpacking instead of four ctypes attribute reads per character.
    box = (ctypes.c_float * 4)()
    box_p, box_v = ctypes.byref(box), memoryview(box).cast("B").cast("f")
    # The out-parameters of the size and baseline: the matrix (FS_MATRIX: six floats) and the
    # origin (two doubles), read through memoryviews too.
    mat = (ctypes.c_float * 6)()
    mat_p, mat_v = ctypes.byref(mat), memoryview(mat).cast("B").cast("f")
    origin = (ctypes.c_double * 2)()
    ox_p, oy_p, origin_v = ctypes.byref(origin), ctypes.byref(origin, 8), memoryview(origin).cast("B").cast("d")
    loose_box, is_generated, get_unicode, is_hyphen = _F.loose_box, _F.is_generated, _F.get_unicode, _F.is_hyphen
    text_object, get_origin = _F.text_object, _F.get_origin
    runs: dict[tuple[float, float], tuple[float, float]] = {}  # (top, bottom) → (size, base)
    sizes: dict[int, float] = {}  # text object → its font size scaled by its text matrix
    blank_at: tuple[float, float] | None = None  # (x0, top) of the last real blank
    h = page_height
    special = _SPECIAL
    keep = out.append
    # The previous character's raw box edges: a line's characters come one after another, so
    # most keep its size and baseline without building a key.
    last_top = last_bottom = float("nan")
    size = base = g_top = g_bottom = 0.0
    chars = text if text is not None else [_char(get_unicode(tp, k)) for k in range(n)]
    for k, ch in enumerate(chars):
        if ch in special:  # NUL, a hyphen mark, a blank: rare, so one set lookup for all
            if ch == "\0":
                continue
            if ch in _HYPHEN_MARKS:
                if is_hyphen(tp, k):
                    ch = "-"
            if ch.isspace():
                if not is_generated(tp, k) and loose_box(tp, k, box_p):
                    blank_at = (box_v[0], h - box_v[1])
                continue
        if not loose_box(tp, k, box_p):
            continue
        left, top, right, bottom = box_v
        if top != last_top or bottom != last_bottom:  # not the previous character's line box
            last_top, last_bottom = top, bottom
            g_top, g_bottom = key = (h - top, h - bottom)
            run = runs.get(key)
            if run is not None:
                size, base = run
            else:
                # A new line box (with a font lacking ascent and descent, nearly every
                # character: this is inline, not a call): the size once per text object,
                # the baseline from the character's origin.
                obj = text_object(tp, k)
                got = sizes.get(obj) if obj else None
                if got is None:
                    got = _drawn_size(tp, k, mat_p, mat_v)
                    if obj:
                        sizes[obj] = got
                size = got or (g_bottom - g_top) or 10.0
                if get_origin(tp, k, ox_p, oy_p):
                    base = h - origin_v[1]
                    if not (g_top - 0.5 * size <= base <= g_bottom + 0.5 * size):
                        base = (g_top + g_bottom) / 2 + 0.35 * size  # rotated glyph: centre of its box
                else:  # pragma: no cover - PDFium gives an origin for every text character
                    base = g_bottom - 0.12 * (g_bottom - g_top)
                runs[key] = (size, base)
        g = Glyph(ch, left, right, g_top, g_bottom, base, size)
        if blank_at is not None:
            g.space_before = blank_precedes(blank_at, g)
            blank_at = None
        keep(g)
    return out


def _drawn_size(tp, k: int, mat_p, mat_v) -> float:
    """The size character ``k`` is drawn at: the nominal font size (Tf) scaled by the text
    matrix (documents that set 300 Tf and scale by 0.05 are common); asked once per text
    object (see ``page_glyphs``)."""
    size = float(_F.font_size(tp, k))
    if _F.get_matrix(tp, k, mat_p):
        _a, _b, c, d, _e, _f = mat_v
        scale = (c * c + d * d) ** 0.5
        if scale > 0:
            size *= scale
    return size


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


def page_rulings(page, page_height: float, images: list[Box] | None = None) -> Rulings:
    """Axis-parallel ruling segments of every path object on the page (and in its form
    XObjects, with their transforms applied), as ``grid.tables_of`` takes them: horizontal
    ``[x0, x1, y, y]`` and vertical ``[x, x, top, bottom]`` (no Edge objects on the way: a
    page ruled with thin rectangles has thousands). ``images``, when given, receives the box
    of every image object met on the way (x0, top, x1, bottom, page points from the top left):
    the same walk, so finding a page's pictures costs nothing more."""
    pieces: list[_Piece] = []
    raw = page.raw
    _edges_of(raw, pdfium_c.FPDFPage_CountObjects(raw), _F.page_object, IDENTITY, 0, page_height, pieces, images)
    return _rulings(pieces)


def page_edges(page, page_height: float) -> list[Edge]:
    """The page's rulings as Edge objects (horizontal ones first), for callers of
    ``layout.page_lines`` that pass edges."""
    hs, vs = page_rulings(page, page_height)
    return [Edge("h", *s) for s in hs] + [Edge("v", *s) for s in vs]


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix applying ``inner`` first, then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _edges_of(holder, count: int, get_object, outer: Matrix, depth: int, h: float, out: list[_Piece],
              images: list[Box] | None = None) -> None:
    """The straight pieces of the ``count`` objects of ``holder`` (a page, or a form XObject at
    ``depth``, placed by ``outer``).

    A table page has thousands of paths of a couple of segments each, so this is one flat
    loop with the out-parameters made once. Each path's points are read in one go when
    PDFium's point array can be read directly (``_points``), else one segment at a time;
    the pieces become edges once, for the whole page (``_add_edges``)."""
    F = _F
    obj_type, obj_matrix, count_segments, bounds = F.obj_type, F.obj_matrix, F.count_segments, F.obj_bounds
    path_kind, form_kind, image_kind = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM, pdfium_c.FPDF_PAGEOBJ_IMAGE
    # Out-parameters as float arrays read through memoryviews (FS_MATRIX is {a, b, c, d, e,
    # f}): one unpacking instead of a ctypes attribute read per number.
    m = (ctypes.c_float * 6)()
    mp, mv = ctypes.byref(m), memoryview(m).cast("B").cast("f")
    bb = (ctypes.c_float * 4)()
    bbv = memoryview(bb).cast("B").cast("f")
    bbp = [ctypes.byref(bb, 4 * k) for k in range(4)]  # left, bottom, right, top
    # Only where the object's bounds are in page space (not inside a form, whose matrix
    # may scale them) do they tell, before its points are read, that a path is too small to
    # hold a ruling; the margin covers PDFium's single-precision arithmetic.
    check_size = outer is IDENTITY
    small = MIN_EDGE - 0.01
    direct, arrays = _direct_points(), _ARRAYS
    get_segment, iter_unpack = F.get_segment, _POINT.iter_unpack
    line_array, unpack_line, moveto, lineto = _point_array(2), _LINE.unpack_from, _MOVETO, _LINETO
    for i in range(count):
        obj = get_object(holder, i)
        kind = obj_type(obj)
        if kind == path_kind:
            n = count_segments(obj)
            if n < 2:  # one point draws nothing
                continue
            # (a line's two points cost what its bounds cost: only longer paths are checked)
            if n > 2 and check_size and bounds(obj, *bbp):
                x0, y0, x1, y1 = bbv
                if x1 - x0 < small and y1 - y0 < small:
                    continue  # a dot, a tick, a glyph-sized drawing: no side reaches MIN_EDGE
        elif kind == image_kind:
            if images is not None and obj_matrix(obj, mp):
                inner_m: Matrix = tuple(mv)  # type: ignore[assignment]
                images.append(_unit_square_box(inner_m if outer is IDENTITY else _compose(inner_m, outer), h))
            continue
        elif kind != form_kind or depth >= MAX_FORM_DEPTH:
            continue
        if obj_matrix(obj, mp):
            inner: Matrix = tuple(mv)  # type: ignore[assignment]  # six numbers, by the view's size
            mat = inner if outer is IDENTITY else _compose(inner, outer)
        else:
            mat = outer
        if kind == form_kind:
            _edges_of(obj, pdfium_c.FPDFFormObj_CountObjects(obj), pdfium_c.FPDFFormObj_GetObject, mat, depth + 1, h, out,
                      images)
        elif not direct:
            _path_pieces(_points_by_call(obj, n), mat, h, out)
        elif not (first := get_segment(obj, 0)):
            continue
        elif n == 2:
            # A line, as most tables draw their rulings: both points in one unpacking and its
            # piece made here (what ``_path_pieces`` makes of two points, without the call).
            x0, y0, _kind, _close, x1, y1, kind, close = unpack_line(line_array.from_address(first))
            if kind != moveto:
                a, b, c, d, e, f = mat
                x0, y0, x1, y1 = x0 * a + y0 * c + e, h - (x0 * b + y0 * d + f), x1 * a + y1 * c + e, h - (x1 * b + y1 * d + f)
                if kind == lineto:
                    out.append((x0, y0, x1, y1))
                if close and (x1 != x0 or y1 != y0):
                    out.append((x1, y1, x0, y0))
        else:
            _path_pieces(iter_unpack((arrays.get(n) or _point_array(n)).from_address(first)), mat, h, out)


def _unit_square_box(mat: Matrix, h: float) -> Box:
    """The page box of an image object: its matrix maps the unit square onto the page."""
    a, b, c, d, e, f = mat
    xs = (e, a + e, c + e, a + c + e)
    ys = (h - f, h - (b + f), h - (d + f), h - (b + d + f))
    return min(xs), min(ys), max(xs), max(ys)


_MOVETO, _LINETO = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_LINETO


def _path_pieces(points, mat: Matrix, h: float, pieces: list[_Piece]) -> None:
    """The straight pieces of one path in page space, from its segments (x, y, type, close)
    in path space: each straight piece between two points is a candidate edge and a close
    returns to the sub-path's start (the fourth side of a rectangle); a sub-path's first
    point and every move-to make no edge."""
    a, b, c, d, e, f = mat
    moveto, lineto = _MOVETO, _LINETO
    keep = pieces.append
    sx = sy = px = py = 0.0
    first = True
    for xv, yv, kind, close in points:
        x, y = xv * a + yv * c + e, h - (xv * b + yv * d + f)
        if first or kind == moveto:
            sx = px = x
            sy = py = y
            first = False
            continue
        if kind == lineto:
            keep((px, py, x, y))
        if close:
            if x != sx or y != sy:  # (a rectangle's last point is its first: nothing to close)
                keep((x, y, sx, sy))
            px, py = sx, sy
        else:
            px, py = x, y


# PDFium keeps a path's segments as an array of CFX_Path::Point {float x, y; uint8 type;
# bool close} (12 bytes each, the type numbered as the public FPDF_SEGMENT_* constants), and a
# segment handle is the address of its element. Reading the array in place (a ctypes array
# over it, ``from_address``: no copy, a third of ``string_at``'s cost) costs less than one
# call, against four calls per segment through the API — the edge walk
# was most of the reader's time on pages ruled with thousands of thin rectangles. The layout is
# the library's internals, not its API, so it is checked against the API on the first path
# of the process (``_direct_points``); if it ever differs, every point is asked for by call.
_POINT = struct.Struct("<ffBB2x")
_LINE = struct.Struct("<ffBB2xffBB2x")  # a path of two points
_direct: list[bool] = []  # the check's verdict, once decided
_ARRAYS: dict[int, type[ctypes.Array[ctypes.c_char]]] = {}  # point count → its array type (made once)


def _point_array(n: int) -> type[ctypes.Array[ctypes.c_char]]:
    """The ctypes array type over ``n`` points; kept for the counts a page repeats (a
    line's 2, a rectangle's 5), made afresh for a long path's."""
    t = ctypes.c_char * (_POINT.size * n)
    if n <= 64:
        _ARRAYS[n] = t
    return t


def _segment_address(obj, k: int) -> int:
    return _F.get_segment(obj, k) or 0


def _points(obj, n: int):
    """A path's segments read from PDFium's array (only once ``_direct_points`` holds)."""
    return _POINT.iter_unpack((_ARRAYS.get(n) or _point_array(n)).from_address(_segment_address(obj, 0)))


def _points_by_call(obj, n: int) -> list[tuple[float, float, int, int]]:
    F = _F
    x, y = ctypes.c_float(), ctypes.c_float()
    xp, yp = ctypes.byref(x), ctypes.byref(y)
    out = []
    for k in range(n):
        seg = ctypes.c_void_p(F.get_segment(obj, k))  # a pointer, not a C int
        if seg.value and F.get_point(seg, xp, yp):
            out.append((x.value, y.value, F.segment_type(seg), 1 if F.segment_close(seg) else 0))
    return out


def _direct_points() -> bool:
    """Whether path points can be read from PDFium's array (decided once, on a path made
    here that has every segment type and a close flag)."""
    if not _direct:
        _direct.append(_check_direct_points())
    return _direct[0]


def _check_direct_points() -> bool:
    try:
        path = pdfium_c.FPDFPageObj_CreateNewPath(1.5, 2.25)
        try:
            pdfium_c.FPDFPath_LineTo(path, 40.5, 2.25)
            pdfium_c.FPDFPath_BezierTo(path, 41, 3, 42, 4, 43.75, 5)
            pdfium_c.FPDFPath_MoveTo(path, 7, 9.5)
            pdfium_c.FPDFPath_LineTo(path, 7, 60.125)
            pdfium_c.FPDFPath_Close(path)
            n = _F.count_segments(path)
            if n < 2 or _segment_address(path, 1) - _segment_address(path, 0) != _POINT.size:
                return False
            return list(_points(path, n)) == _points_by_call(path, n)
        finally:
            pdfium_c.FPDFPageObj_Destroy(path)
    except Exception:  # pragma: no cover - an older or different PDFium
        return False


def _rulings(pieces: list[_Piece]) -> Rulings:
    """The straight pieces (x0, y0, x1, y1) that are rulings, axis-parallel and long enough,
    by orientation."""
    straight, min_edge = STRAIGHT, MIN_EDGE
    hs: list[list[float]] = []
    vs: list[list[float]] = []
    for x0, y0, x1, y1 in pieces:
        dx, dy = abs(x1 - x0), abs(y1 - y0)
        if dy < straight and dx >= min_edge:
            y = (y0 + y1) / 2
            hs.append([min(x0, x1), max(x0, x1), y, y])
        elif dx < straight and dy >= min_edge:
            x = (x0 + x1) / 2
            vs.append([x, x, min(y0, y1), max(y0, y1)])
    return hs, vs
