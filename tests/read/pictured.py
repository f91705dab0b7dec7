"""Tables pasted as pictures, made from a text-layer PDF: on every page with a ruled table, the
table's area becomes an image (the page rendered and cut to the table's rulings) and the rest
of the page — title, unit line, notes, page number — stays typed text, as a department's
document looks when its tables are screenshots pasted under typed titles.

Used by the picture tests (tests/read/test_pdf_pictures.py); deterministic.
"""

from __future__ import annotations

import io


def pictured_tables_pdf(data: bytes, dpi: int = 150, pages: set[int] | None = None) -> bytes:
    """``pages``: only these pages' (1-based) tables become pictures (all by default)."""
    import pypdfium2 as pdfium
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from juesuan.read.pdf import read_pdf
    from juesuan.read.pdfium_page import page_rulings
    from juesuan.render.pdf import register_font

    font = register_font()
    src = read_pdf(data, "x.pdf", ocr="never")
    doc = pdfium.PdfDocument(data)
    out = io.BytesIO()
    c = None
    try:
        for i in range(len(doc)):
            page = doc[i]
            w, h = page.get_size()
            c = c or canvas.Canvas(out, pagesize=(w, h))
            c.setPageSize((w, h))
            hs, vs = page_rulings(page, h)
            box = None
            if hs and vs and (pages is None or i + 1 in pages):
                box = (min(s[0] for s in hs) - 1, min(s[2] for s in vs) - 1,
                       max(s[1] for s in hs) + 1, max(s[3] for s in vs) + 1)
                x0, top, x1, bottom = box
                img = page.render(scale=dpi / 72, crop=(x0, h - bottom, w - x1, top)).to_pil().convert("L")
                c.drawImage(ImageReader(img), x0, h - bottom, x1 - x0, bottom - top)
            for ln in src.lines:
                if ln.page != i + 1:
                    continue
                for ch in ln.chunks:
                    if ch.bbox is None or not ch.text:
                        continue
                    cx, cy = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
                    if box and box[0] <= cx <= box[2] and box[1] <= cy <= box[3]:
                        continue  # in the picture
                    size = max(6.0, 0.85 * (ch.bottom - ch.top))
                    c.setFont(font, size)
                    c.drawString(ch.x0, h - ch.bottom + 0.2 * size, ch.text)
            page.close()
            c.showPage()
    finally:
        doc.close()
    assert c is not None
    c.save()
    if pages is None:
        return out.getvalue()
    # the other pages as they were (with their rulings), the pictured ones from the canvas
    drawn, orig, whole = pdfium.PdfDocument(out.getvalue()), pdfium.PdfDocument(data), pdfium.PdfDocument.new()
    try:
        for i in range(len(orig)):
            whole.import_pages(drawn if i + 1 in pages else orig, [i])
        buf = io.BytesIO()
        whole.save(buf)
        return buf.getvalue()
    finally:
        for d in (drawn, orig, whole):
            d.close()
