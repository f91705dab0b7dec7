"""The PDFium glyph and edge walks (``read.pdfium_page``) give exactly what a plain walk gives.

The walks save calls into PDFium (the page's text in one call, size and baseline once per
line box or text object, no close flag for a move-to); the plain walks below ask PDFium for
everything, for every character and every segment. They must agree to the bit: on the real
samples, on a disclosure juesuan's writer prints, and on generated pages mixing fonts, sizes,
scaled text matrices, rotation, text rise, fake bold, blanks, control characters, and lines,
rectangles, curves and form XObjects.
"""

from __future__ import annotations

import ctypes
import io
import math

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from juesuan.read import pdfium_page
from juesuan.read.layout import Edge, Glyph, blank_precedes
from juesuan.read.pdfium_page import page_edges, page_glyphs, page_rulings

from .helpers import SAMPLE_2024, SAMPLE_PLANTED, SAMPLE_TEMPLATE, sample_path

# ----------------------------------------------------------------------------- the plain walks


def plain_glyphs(textpage, h: float) -> list[Glyph]:
    """Every character asked for its code, generated flag, loose box, font size, matrix and
    origin, one call each."""
    tp = textpage.raw
    out: list[Glyph] = []
    rect, mat = pdfium_c.FS_RECTF(), pdfium_c.FS_MATRIX()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    blank_at = None
    for k in range(pdfium_c.FPDFText_CountChars(tp)):
        code = pdfium_c.FPDFText_GetUnicode(tp, k)
        if code == 0:
            continue
        ch = chr(code)
        if ch == "\x02" and pdfium_c.FPDFText_IsHyphen(tp, k):
            ch = "-"  # what PDFium's code for a hyphen at a line break stands for
        if ch.isspace():
            if not pdfium_c.FPDFText_IsGenerated(tp, k) and pdfium_c.FPDFText_GetLooseCharBox(tp, k, rect):
                blank_at = (rect.left, h - rect.top)
            continue
        if not pdfium_c.FPDFText_GetLooseCharBox(tp, k, rect):
            continue
        top, bottom = h - rect.top, h - rect.bottom
        size = float(pdfium_c.FPDFText_GetFontSize(tp, k))
        if pdfium_c.FPDFText_GetMatrix(tp, k, mat):
            scale = (mat.c * mat.c + mat.d * mat.d) ** 0.5
            if scale > 0:
                size *= scale
        size = size or (bottom - top) or 10.0
        assert pdfium_c.FPDFText_GetCharOrigin(tp, k, ox, oy)
        base = h - oy.value
        if not (top - 0.5 * size <= base <= bottom + 0.5 * size):
            base = (top + bottom) / 2 + 0.35 * size
        g = Glyph(ch, rect.left, rect.right, top, bottom, base, size)
        if blank_at is not None:
            g.space_before = blank_precedes(blank_at, g)
            blank_at = None
        out.append(g)
    return out


def _add_ruling(piece: tuple[float, float, float, float], out: list[Edge]) -> None:
    """One straight piece (x0, y0, x1, y1) as an edge, if the reader takes it for a ruling."""
    hs, vs = pdfium_page._rulings([piece])
    out.extend([Edge("h", *s) for s in hs] + [Edge("v", *s) for s in vs])


def plain_edges(page, h: float) -> list[Edge]:
    """Every segment of every path asked for its point, type and close flag."""
    out: list[Edge] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    m = pdfium_c.FS_MATRIX()

    def visit(obj, outer, depth):
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM):
            return
        mat = outer
        if pdfium_c.FPDFPageObj_GetMatrix(obj, m):
            inner = (m.a, m.b, m.c, m.d, m.e, m.f)
            mat = inner if outer is pdfium_page.IDENTITY else pdfium_page._compose(inner, outer)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            if depth < pdfium_page.MAX_FORM_DEPTH:
                for i in range(pdfium_c.FPDFFormObj_CountObjects(obj)):
                    visit(pdfium_c.FPDFFormObj_GetObject(obj, i), mat, depth + 1)
            return
        a, b, c, d, e, f = mat
        start = prev = None
        for k in range(pdfium_c.FPDFPath_CountSegments(obj)):
            seg = pdfium_c.FPDFPath_GetPathSegment(obj, k)
            if not pdfium_c.FPDFPathSegment_GetPoint(seg, x, y):
                continue
            pt = (x.value * a + y.value * c + e, h - (x.value * b + y.value * d + f))
            kind = pdfium_c.FPDFPathSegment_GetType(seg)
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO or prev is None:
                start = prev = pt
            else:
                if kind == pdfium_c.FPDF_SEGMENT_LINETO:
                    _add_ruling((*prev, *pt), out)
                prev = pt
            if pdfium_c.FPDFPathSegment_GetClose(seg) and start is not None:
                _add_ruling((*prev, *start), out)
                prev = start

    raw = page.raw
    for i in range(pdfium_c.FPDFPage_CountObjects(raw)):
        visit(pdfium_c.FPDFPage_GetObject(raw, i), pdfium_page.IDENTITY, 0)
    return out


def _rulings(edges: list[Edge]) -> tuple[list[list[float]], list[list[float]]]:
    """Edges as ``page_rulings`` gives them: horizontal, then vertical, each in order."""
    return ([[e.x0, e.x1, e.top, e.bottom] for e in edges if e.orientation == "h"],
            [[e.x0, e.x1, e.top, e.bottom] for e in edges if e.orientation == "v"])


def _same_glyphs(got: list[Glyph], want: list[Glyph]) -> bool:
    """Equal to the bit, but for size and baseline below single precision: a character takes
    the size and baseline of the first run with its line box, and a run set at 9 pt under a
    0.05 text matrix (font size 180) can have the same line box, to the bit, as one set at
    9 pt (the box is single precision) while its size, the product of the two, is
    9.00000013 and its origin a few millionths of a point away."""
    if len(got) != len(want):
        return False
    for a, b in zip(got, want):
        if (a.text, a.x0, a.x1, a.top, a.bottom, a.space_before) != (b.text, b.x0, b.x1, b.top, b.bottom, b.space_before):
            return False
        if not (math.isclose(a.size, b.size, rel_tol=1e-6) and math.isclose(a.base, b.base, rel_tol=1e-6, abs_tol=1e-4)):
            return False
    return True


def _pages_differing(data: bytes, monkeypatch=None) -> list[int]:
    doc = pdfium.PdfDocument(data)
    bad = []
    try:
        for i in range(len(doc)):
            page = doc[i]
            h = page.get_size()[1]
            tp = page.get_textpage()
            if not _same_glyphs(page_glyphs(tp, h), plain_glyphs(tp, h)) or page_rulings(page, h) != _rulings(plain_edges(page, h)):
                bad.append(i + 1)
            tp.close()
            page.close()
    finally:
        doc.close()
    return bad


# ----------------------------------------------------------------------------- real and rendered


@pytest.mark.slow
@pytest.mark.parametrize("name", [SAMPLE_2024, SAMPLE_PLANTED, SAMPLE_TEMPLATE])
def test_same_glyphs_and_edges_on_samples(name):
    assert _pages_differing(sample_path(name).read_bytes()) == []


def test_same_glyphs_and_edges_on_rendered_disclosure(rendered_pdf):
    assert _pages_differing(rendered_pdf) == []


def test_per_character_codes_when_the_page_text_does_not_map(monkeypatch, rendered_pdf):
    """Without the one-call page text (a page whose text leaves characters out), each
    character's code is asked for: the same glyphs."""
    monkeypatch.setattr(pdfium_page, "_page_text", lambda tp, n: None)
    assert _pages_differing(rendered_pdf) == []


def test_segments_asked_one_by_one_when_the_point_array_cannot_be_read(monkeypatch, rendered_pdf):
    """Path points are read from PDFium's array only when a check against the API has held;
    otherwise each segment is asked for: the same edges either way."""
    monkeypatch.setattr(pdfium_page, "_direct", [False])
    assert _pages_differing(rendered_pdf) == []
    data = _page_pdf([], [("rect", 10, 10, 120, 25), ("line", 50, 60, 40, 0), ("form", 80, 90, 1.9, 1.9), ("curve", 5, 5, 40, 25),
                          ("closed", 30, 200, 0, 40)])
    assert _pages_differing(data) == []


def test_paths_too_small_for_a_ruling_are_skipped_only_in_page_space():
    """A 1.9 pt square on the page has no side long enough for a ruling; in a form scaled by
    1.1 × 0.9 its two horizontal sides and the form's line are long enough (the bounds are in
    the form's space, so they cannot skip it), and drawn at 1.95 pt under a scale of 1.1 ×
    1.05 all four sides are."""
    on_page = _page_pdf([], [("rect", 50, 50, 1.9, 1.9)])
    in_form = _page_pdf([], [("form", 50, 50, 1.9, 1.9)])
    scaled = _page_pdf([], [("scaled", 50, 50, 1.95, 1.95)])
    for data, want in ((on_page, 0), (in_form, 3), (scaled, 4)):
        doc = pdfium.PdfDocument(data)
        page = doc[0]
        hs, vs = page_rulings(page, 400)
        assert len(hs) + len(vs) == want and (hs, vs) == _rulings(plain_edges(page, 400))
        assert page_edges(page, 400) == sorted(plain_edges(page, 400), key=lambda e: e.orientation)  # h, then v
        doc.close()


def test_page_text_refuses_a_text_that_does_not_map():
    """A control character is in PDFium's character list but not in its text: the one-call
    text would shift every later character, so it is not used (and the glyphs still agree)."""
    data = _page_pdf([_Run("STSong-Light", 12, 1.0, 0, 0, 0.0, 50, 300, "收入\x02合计 12", False)], [])
    doc = pdfium.PdfDocument(data)
    tp = doc[0].get_textpage()
    assert pdfium_page._page_text(tp.raw, tp.count_chars()) is None
    assert [g.text for g in page_glyphs(tp, 400)] == [g.text for g in plain_glyphs(tp, 400)]
    doc.close()


# ----------------------------------------------------------------------------- generated pages

_FONTS = ["Helvetica", "Times-Roman", "Courier", "STSong-Light"]
_TEXT = st.text(alphabet="0123456789.,-%（）收入支出合计项目万元 ", min_size=1, max_size=14)


class _Run:
    def __init__(self, font, size, scale, angle, rise, spacing, x, y, text, bold):
        self.font, self.size, self.scale, self.angle, self.rise = font, size, scale, angle, rise
        self.spacing, self.x, self.y, self.text, self.bold = spacing, x, y, text, bold


runs = st.builds(
    _Run,
    st.sampled_from(_FONTS),
    st.sampled_from([5.0, 9.0, 10.5, 12.0, 16.0, 22.0]),
    st.sampled_from([1.0, 1.0, 0.05, 0.5, 2.0]),  # text-matrix scale (the font size divided by it)
    st.sampled_from([0, 0, 0, 90, 180, 270, 1.5, -0.7]),
    st.sampled_from([0, 0, 3, -2]),
    st.sampled_from([0.0, 0.0, 1.5, -0.5]),
    st.floats(10, 300),
    st.floats(20, 380),
    _TEXT,
    st.booleans(),  # fake bold: the run drawn twice, a hair apart
)
shapes = st.tuples(
    st.sampled_from(["line", "rect", "curve", "form", "scaled", "closed"]),
    st.floats(0, 350),
    st.floats(0, 350),
    # 1.9 and 1.95: just under a ruling's least length (MIN_EDGE), which a scale of 1.1 (a
    # form's, or the drawing's own: "scaled") lifts over it
    st.sampled_from([0.0, 0.3, 1.0, 1.9, 1.95, 40.0, 120.0]),
    st.sampled_from([0.0, 0.3, 1.0, 1.9, 25.0]),
)


def _page_pdf(text_runs, drawn) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(400, 400))
    for r in text_runs:
        font = r.font if r.font == "STSong-Light" or r.text.isascii() else "STSong-Light"
        for dx in (0.0, 0.3) if r.bold else (0.0,):
            c.saveState()
            c.translate(r.x + dx, r.y)
            c.rotate(r.angle)
            t = c.beginText()
            t.setTextTransform(r.scale, 0, 0, r.scale, 0, 0)
            t.setFont(font, r.size / r.scale)
            t.setRise(r.rise)
            t.setCharSpace(r.spacing)
            t.textOut(r.text)
            c.drawText(t)
            c.restoreState()
    for k, (kind, x, y, w, hgt) in enumerate(drawn):
        if kind == "line":
            c.line(x, y, x + w, y + hgt)
        elif kind == "rect":
            c.rect(x, y, w, hgt, fill=k % 2)
        elif kind == "closed":  # a line whose path is closed: drawn back to its start
            p = c.beginPath()
            p.moveTo(x, y)
            p.lineTo(x + w, y + hgt)
            p.close()
            c.drawPath(p)
        elif kind == "curve":
            c.bezier(x, y, x + w, y, x + w, y + hgt, x, y + hgt)
        elif kind == "scaled":
            c.saveState()
            c.scale(1.1, 1.05)
            c.rect(x, y, w, hgt, fill=k % 2)
            c.restoreState()
        else:
            name = f"f{k}"
            c.beginForm(name)
            c.rect(x, y, w, hgt)
            c.line(x, y, x + w, y)
            c.endForm()
            c.saveState()
            c.translate(3, -5)
            c.scale(1.1, 0.9)
            c.doForm(name)
            c.restoreState()
    c.showPage()
    c.save()
    return buf.getvalue()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(runs, min_size=1, max_size=12), st.lists(shapes, max_size=10))
@example([_Run("Helvetica", 5.0, 1.0, 0, 0, 0.0, 10.0, 20.0, "0000", False),
          _Run("Helvetica", 5.0, 0.05, 0, 0, 0.0, 10.0, 20.0, "0", False)], [])  # one line box, two sizes (_same_glyphs)
@example([_Run("Helvetica", 9.0, 1.0, 270, 0, 0.0, 10.0, 20.0, "0000000", False),
          _Run("Helvetica", 9.0, 0.05, 270, 0, 0.0, 10.0, 20.0, "0000000", False)], [])  # and two origins
def test_same_glyphs_and_edges_on_generated_pages(text_runs, drawn):
    assert _pages_differing(_page_pdf(text_runs, drawn)) == []
