"""PDF reader: text layer (pdfplumber + pypdfium2), scanned pages through OCR.

Per page:

1. pypdfium2 opens the document (fast, strict about passwords, tolerant of damage) and
   surveys every page: how many characters the text layer has, how much of the page images
   cover. A page with (almost) no text but a large image is a scan → OCR (``juesuan.read.ocr``).
2. Text pages go through pdfplumber: characters with their baselines, and ruling lines.
   ``juesuan.read.layout.page_lines`` turns them into Lines: ruled table rows (one chunk per
   grid column, empty cells kept, ``gridded=True``) and prose lines.
3. If pdfplumber cannot parse a page, the page is read from pypdfium2's characters instead
   (no rulings; a warning says so).

Bounds: at most ``MAX_PAGES`` pages; each page at most ``PAGE_SECONDS`` (a slow page is
skipped with a warning), the whole document at most ``DOC_SECONDS``.
"""

from __future__ import annotations

import io
import logging
import time

from juesuan.read.layout import Deadline, Edge, Glyph, PageTimeout, page_lines, time_limit
from juesuan.read.types import Line, ReadError, Source

MAX_PAGES = 500
PAGE_SECONDS = 60.0
DOC_SECONDS = 1800.0
# A page whose text layer has fewer non-blank characters than this, and whose images cover
# at least SCAN_COVER of it, is treated as a scan.
SCAN_MIN_CHARS = 12
SCAN_COVER = 0.3
OCR_DPI = 200

log = logging.getLogger(__name__)


def read_pdf(data: bytes, path: str, *, ocr: str = "auto", max_pages: int | None = None) -> Source:
    """Read a PDF. ``ocr``: "auto" (scanned pages only), "always" (every page, ignoring the
    text layer: used by the benchmark), or "never"."""
    import pypdfium2 as pdfium

    max_pages = max_pages or MAX_PAGES
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        why = _pdfium_reason(str(e))
        if why.startswith("corrupt") and b"%%EOF" not in data[-4096:]:
            why = "truncated PDF (the file ends before its end-of-file marker)"
        raise ReadError(path, why) from None
    except Exception as e:  # pragma: no cover - defensive
        raise ReadError(path, f"cannot open PDF ({type(e).__name__}: {e})") from None
    try:
        n = len(doc)
        if n == 0:
            raise ReadError(path, "PDF has no pages")
        if n > max_pages:
            raise ReadError(path, f"PDF has {n} pages (more than {max_pages}); not a single disclosure")
        return _read_doc(doc, data, path, n, ocr)
    finally:
        try:
            doc.close()
        except Exception:  # pragma: no cover
            pass


def _pdfium_reason(msg: str) -> str:
    low = msg.lower()
    if "password" in low:
        return "encrypted PDF (a password is required to open it)"
    if "security" in low:
        return "PDF uses an unsupported security handler (encrypted)"
    if "format" in low or "file" in low:
        return "corrupt or truncated PDF (cannot parse its structure)"
    return f"cannot open PDF ({msg})"


def _read_doc(doc, data: bytes, path: str, n: int, ocr: str) -> Source:
    deadline = Deadline(DOC_SECONDS)
    warnings: list[str] = []
    survey = [_survey(doc, i) for i in range(n)]

    plumber = None
    try:
        import pdfplumber

        with time_limit(PAGE_SECONDS):
            plumber = pdfplumber.open(io.BytesIO(data))
            _ = plumber.pages  # parses the page tree
    except PageTimeout:
        warnings.append("pdfplumber took too long to open the file; using the basic text layer")
        plumber = None
    except Exception as e:
        warnings.append(f"pdfplumber cannot parse the file ({type(e).__name__}); using the basic text layer without rulings")
        plumber = None

    engine = None  # OCR engine, loaded on first need
    lines: list[Line] = []
    ocr_pages: list[int] = []
    text_pages = 0
    try:
        for i in range(n):
            page_no = i + 1
            if deadline.expired():
                warnings.append(f"stopped after page {i}: the document took longer than {DOC_SECONDS:g} s to read")
                break
            nchars, cover, garbled = survey[i]
            scanned = (nchars < SCAN_MIN_CHARS and cover >= SCAN_COVER) or garbled
            if ocr == "always" or (ocr == "auto" and scanned):
                if engine is None:
                    from juesuan.read.ocr import get_engine

                    try:
                        engine = get_engine()
                    except ReadError as e:
                        if ocr == "always":
                            raise ReadError(path, e.why) from None
                        engine = False
                        warnings.append(e.why)
                if engine:
                    try:
                        lines.extend(_ocr_page(doc, i, engine, page_no, deadline))
                        ocr_pages.append(page_no)
                    except PageTimeout as e:
                        warnings.append(f"page {page_no}: OCR skipped ({e})")
                    except Exception as e:  # pragma: no cover - engine failure
                        warnings.append(f"page {page_no}: OCR failed ({type(e).__name__}: {e})")
                    continue
                if nchars == 0:
                    warnings.append(f"page {page_no}: scanned page without a text layer, not read (OCR not installed)")
                    continue
            if nchars == 0:
                continue  # blank page (or only drawings)
            try:
                page_ls = _text_page(plumber, doc, i, page_no, deadline)
                text_pages += 1
            except PageTimeout as e:
                warnings.append(f"page {page_no}: skipped ({e})")
                continue
            except Exception as e:
                log.debug("pdfplumber failed on page %s", page_no, exc_info=True)
                try:
                    page_ls = _pdfium_page(doc, i, page_no)
                    warnings.append(f"page {page_no}: read without table rulings ({type(e).__name__} in pdfplumber)")
                    text_pages += 1
                except Exception as e2:
                    warnings.append(f"page {page_no}: unreadable ({type(e2).__name__}: {e2})")
                    continue
            lines.extend(page_ls)
    finally:
        if plumber is not None:
            try:
                plumber.close()
            except Exception:  # pragma: no cover
                pass

    if not lines:
        scans = sum(1 for s in survey if s[0] < SCAN_MIN_CHARS and s[1] >= SCAN_COVER)
        if scans and engine is False:
            raise ReadError(path, "scanned PDF without a text layer; OCR is not installed (pip install juesuan[ocr])")
        if any(w.startswith("page") and ("unreadable" in w or "skipped" in w) for w in warnings):
            raise ReadError(path, "no page could be read: " + "; ".join(warnings[:3]))
        raise ReadError(path, "PDF has no text (empty pages or only drawings)")
    if ocr_pages:
        warnings.append(f"OCR used on {len(ocr_pages)} page(s): {_ranges(ocr_pages)}")
    return Source(path=path, format="pdf", lines=lines, pages=n, warnings=warnings)


def _ranges(pages: list[int]) -> str:
    out = []
    start = prev = pages[0]
    for p in pages[1:] + [None]:
        if p is not None and p == prev + 1:
            prev = p
            continue
        out.append(str(start) if start == prev else f"{start}-{prev}")
        if p is not None:
            start = prev = p
    return ", ".join(out)


# ----------------------------------------------------------------------------- survey


def _survey(doc, i: int) -> tuple[int, float, bool]:
    """(non-blank characters in the text layer, fraction of the page covered by images,
    text layer looks garbled)."""
    import pypdfium2.raw as pdfium_c

    try:
        page = doc[i]
    except Exception:
        return 0, 0.0, False
    try:
        w, h = page.get_size()
        area = max(w * h, 1.0)
        tp = page.get_textpage()
        try:
            text = tp.get_text_range() if tp.count_chars() > 0 else ""
        finally:
            tp.close()
        chars = [c for c in text if not c.isspace()]
        nchars = len(chars)
        bad = sum(1 for c in chars if c == "\ufffd" or 0xE000 <= ord(c) <= 0xF8FF or ord(c) < 32)
        garbled = nchars >= SCAN_MIN_CHARS and bad / nchars > 0.3
        cover = 0.0
        if nchars < SCAN_MIN_CHARS or garbled:
            for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
                try:
                    ln, b, r, t = obj.get_bounds() if hasattr(obj, "get_bounds") else obj.get_pos()
                except Exception:  # pragma: no cover
                    continue
                cover += max(0.0, min(r, w) - max(ln, 0)) * max(0.0, min(t, h) - max(b, 0)) / area
        return nchars, min(cover, 1.0), garbled
    except Exception:
        return 0, 0.0, False
    finally:
        page.close()


# ----------------------------------------------------------------------------- text layer


def _text_page(plumber, doc, i: int, page_no: int, deadline: Deadline) -> list[Line]:
    if plumber is None:
        return _pdfium_page(doc, i, page_no)
    left = deadline.left()
    budget = PAGE_SECONDS if left is None else max(1.0, min(PAGE_SECONDS, left))
    with time_limit(budget):
        page = plumber.pages[i]
        try:
            glyphs = plumber_glyphs(page)
            edges = plumber_edges(page)
            return page_lines(glyphs, edges, page_no, page_height=float(page.height))
        finally:
            page.flush_cache()
            try:
                page.close()
            except Exception:  # pragma: no cover
                pass


def plumber_glyphs(page) -> list[Glyph]:
    H = float(page.height)
    oy = float(page.bbox[1]) if page.bbox else 0.0
    out: list[Glyph] = []
    blank_at: tuple[float, float] | None = None  # (x0, top) of the last blank seen
    for c in page.chars:
        t = c.get("text") or ""
        if not t or t.isspace():
            blank_at = (float(c["x0"]), float(c["top"]))
            continue
        top, bottom = float(c["top"]), float(c["bottom"])
        size = float(c.get("size") or (bottom - top) or 10.0)
        base = None
        m = c.get("matrix")
        if c.get("upright", True) and m and abs(m[1]) < 1e-6 and abs(m[2]) < 1e-6:
            b = H - (float(m[5]) - oy)
            if top - 0.5 * size <= b <= bottom + 0.5 * size:
                base = b
        if base is None:
            if c.get("upright", True):
                base = bottom - 0.12 * (bottom - top)
            else:  # rotated glyph: centre of its box
                base = (top + bottom) / 2 + 0.35 * size
        g = Glyph(t, float(c["x0"]), float(c["x1"]), top, bottom, base, size)
        if blank_at is not None:
            g.space_before = abs(blank_at[1] - top) < 0.8 * size and blank_at[0] <= g.x0 + 0.1
            blank_at = None
        out.append(g)
    return out


def plumber_edges(page) -> list[Edge]:
    out: list[Edge] = []
    for e in page.edges:
        o = e.get("orientation")
        if o not in ("h", "v"):
            continue
        out.append(Edge(o, float(e["x0"]), float(e["x1"]), float(e["top"]), float(e["bottom"])))
    return out


def _pdfium_page(doc, i: int, page_no: int) -> list[Line]:
    """Fallback: characters from pypdfium2 (no rulings)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    page = doc[i]
    try:
        w, h = page.get_size()
        tp = page.get_textpage()
        try:
            glyphs: list[Glyph] = []
            n = tp.count_chars()
            ox, oy = ctypes.c_double(), ctypes.c_double()
            for k in range(n):
                ch = tp.get_text_range(k, 1)
                if not ch or ch.isspace():
                    continue
                left, bottom, right, top = tp.get_charbox(k, loose=True)
                size = float(pdfium_c.FPDFText_GetFontSize(tp.raw, k)) or (top - bottom) or 10.0
                if pdfium_c.FPDFText_GetCharOrigin(tp.raw, k, ctypes.byref(ox), ctypes.byref(oy)):
                    base = h - oy.value
                else:  # pragma: no cover
                    base = h - bottom
                glyphs.append(Glyph(ch, left, right, h - top, h - bottom, base, size))
        finally:
            tp.close()
        return page_lines(glyphs, [], page_no, page_height=h, tables=[])
    finally:
        page.close()


# ----------------------------------------------------------------------------- OCR


def _ocr_page(doc, i: int, engine, page_no: int, deadline: Deadline) -> list[Line]:
    from juesuan.read.ocr import ocr_image_lines

    page = doc[i]
    try:
        w, h = page.get_size()
        scale = OCR_DPI / 72.0
        # Very large pages: cap the bitmap at ~25 megapixels.
        px = (w * scale) * (h * scale)
        if px > 25e6:
            scale *= (25e6 / px) ** 0.5
        left = deadline.left()
        budget = PAGE_SECONDS * 3 if left is None else max(1.0, min(PAGE_SECONDS * 3, left))
        with time_limit(budget):
            img = page.render(scale=scale).to_pil()
            return ocr_image_lines(img, engine, page_no, points_per_pixel=1.0 / scale)
    finally:
        page.close()


def timed_read(data: bytes, path: str, **kw) -> tuple[Source, float]:  # used by the benchmark
    t = time.perf_counter()
    src = read_pdf(data, path, **kw)
    return src, time.perf_counter() - t
