"""The PDFium page reader gives the same lines as the pdfplumber one it replaced.

Both feed ``layout.page_lines``; on every page of every real sample and of PDFs juesuan's own
writer prints, the lines (text, cells, gridded) must be identical. pdfplumber remains the
fallback for pages PDFium cannot read, so this test also keeps that path honest.
"""

from __future__ import annotations

import io

import pdfplumber
import pypdfium2 as pdfium
import pytest

from juesuan.read.layout import page_lines
from juesuan.read.pdf import plumber_edges, plumber_glyphs, read_pdf
from juesuan.read.pdfium_page import _compose, page_edges, page_glyphs

from .helpers import SAMPLE_2024, SAMPLE_PLANTED, SAMPLE_TEMPLATE, sample_path


def _lines_both(data: bytes):
    doc = pdfium.PdfDocument(data)
    pl = pdfplumber.open(io.BytesIO(data))
    try:
        for i in range(len(doc)):
            p = pl.pages[i]
            a = page_lines(plumber_glyphs(p), plumber_edges(p), i + 1, page_height=float(p.height))
            page = doc[i]
            h = page.get_size()[1]
            b = page_lines(page_glyphs(page.get_textpage(), h), page_edges(page, h), i + 1, page_height=h)
            yield i + 1, [(ln.text, ln.cells, ln.gridded) for ln in a], [(ln.text, ln.cells, ln.gridded) for ln in b]
    finally:
        pl.close()
        doc.close()


@pytest.mark.slow
@pytest.mark.parametrize("name", [SAMPLE_2024, SAMPLE_PLANTED, SAMPLE_TEMPLATE])
def test_same_lines_as_pdfplumber_on_samples(name):
    data = sample_path(name).read_bytes()
    differing = [page for page, a, b in _lines_both(data) if a != b]
    assert differing == []


def test_same_lines_as_pdfplumber_on_rendered_disclosure(rendered_pdf):
    pages = list(_lines_both(rendered_pdf))
    assert len(pages) > 5
    assert [p for p, a, b in pages if a != b] == []
    assert any(gridded for _, _, b in pages for _, _, gridded in b)  # rulings were found


def test_effective_font_size_from_text_matrix():
    """A page that sets a huge nominal size and scales it down (300 Tf × 0.05) reads as 15 pt."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(300, 200))
    t = c.beginText()
    t.setTextTransform(0.05, 0, 0, 0.05, 20, 100)
    t.setFont("Helvetica", 300)
    t.textOut("12.34")
    c.drawText(t)
    c.showPage()
    c.save()
    doc = pdfium.PdfDocument(buf.getvalue())
    page = doc[0]
    glyphs = page_glyphs(page.get_textpage(), page.get_size()[1])
    assert "".join(g.text for g in glyphs) == "12.34"
    assert all(abs(g.size - 15) < 0.01 for g in glyphs)


def test_rectangles_and_forms_give_edges():
    """Cell borders drawn as rectangles give four edges; a table drawn inside a form XObject
    is found at its place on the page (the form's matrix is applied)."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(400, 400))
    c.rect(50, 50, 100, 40)  # x, y (bottom-left, PDF space), w, h
    c.beginForm("grid")
    c.line(0, 0, 80, 0)
    c.endForm()
    c.saveState()
    c.translate(200, 300)
    c.doForm("grid")
    c.restoreState()
    c.showPage()
    c.save()
    doc = pdfium.PdfDocument(buf.getvalue())
    page = doc[0]
    edges = page_edges(page, 400)
    hs = sorted((round(e.x0), round(e.x1), round(e.top)) for e in edges if e.orientation == "h")
    vs = sorted((round(e.x0), round(e.top), round(e.bottom)) for e in edges if e.orientation == "v")
    assert (50, 150, 310) in hs and (50, 150, 350) in hs  # the rectangle's top and bottom
    assert (50, 310, 350) in vs and (150, 310, 350) in vs
    assert (200, 280, 100) in hs  # the form's line, moved by the form's placement


def test_compose_applies_inner_then_outer():
    scale = (2.0, 0.0, 0.0, 2.0, 0.0, 0.0)
    shift = (1.0, 0.0, 0.0, 1.0, 10.0, 5.0)
    a, b, c, d, e, f = _compose(scale, shift)
    x, y = 3.0, 4.0
    assert (x * a + y * c + e, x * b + y * d + f) == (16.0, 13.0)


def test_read_pdf_does_not_open_pdfplumber_for_good_pages(monkeypatch, rendered_pdf):
    """pdfplumber is the fallback only: a well-formed PDF never touches it."""
    from juesuan.read import pdf as pdf_mod

    def boom(*a, **k):  # pragma: no cover - failing is the point
        raise AssertionError("pdfplumber opened")

    monkeypatch.setattr(pdf_mod._PlumberFallback, "page_lines", boom)
    src = read_pdf(rendered_pdf, "x.pdf")
    assert src.lines and not any("pdfplumber" in w for w in src.warnings)


def test_pdfplumber_fallback_when_pdfium_page_fails(monkeypatch, rendered_pdf):
    from juesuan.read import pdf as pdf_mod

    def broken(page, h):
        raise RuntimeError("simulated PDFium failure")

    monkeypatch.setattr(pdf_mod, "page_rulings", broken)  # every text page fails in PDFium
    data = rendered_pdf
    src = read_pdf(data, "x.pdf")
    monkeypatch.undo()
    ref = read_pdf(data, "x.pdf")
    assert [ln.cells for ln in src.lines] == [ln.cells for ln in ref.lines]
    assert any("pdfplumber" in w for w in src.warnings)
