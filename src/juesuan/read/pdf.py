"""PDF reader: text layer from PDFium (pypdfium2), scanned pages through OCR.

Per page:

1. PDFium gives the page's characters (``juesuan.read.pdfium_page``). A page with (almost) no
   text over a large image, or a text layer of garbage, is a scan → OCR (``juesuan.read.ocr``).
2. Text pages: PDFium's characters (with baselines) and the ruling lines of its path objects;
   ``juesuan.read.layout.page_lines`` turns them into Lines: ruled table rows (one chunk per
   grid column, empty cells kept, ``gridded=True``) and prose lines.
3. Only if PDFium cannot give a page's text layer is the page read with pdfplumber (an
   independent parser; a warning says so). pdfplumber is ~6x slower on the same page.

Bounds (``juesuan.limits``): at most ``max_pages`` pages and ``max_page_chars`` characters in
a page's text layer (counted before any glyph is built); each page at most ``page_seconds``
(a slow page is skipped with a warning); the reading stops, with a warning, at 90 % of the
document's ``seconds``, leaving time for extraction before the worker's own deadline.
"""

from __future__ import annotations

import io
import logging
import time
from dataclasses import dataclass, field
from typing import Any

from juesuan import lazy, limits
from juesuan.gcpause import gc_paused
from juesuan.pages import page_ranges
from juesuan.read.layout import Deadline, Edge, Glyph, PageTimeout, blank_precedes, page_lines, time_limit
from juesuan.read.layout.grid import Rulings, tables_of
from juesuan.read.pdf_ocr import OCR_DPI, TARGET_TEXT_PX, OnPage, _ocr_page, ocr_pages  # noqa: F401 - OCR_DPI, TARGET_TEXT_PX, _ocr_page re-exported
from juesuan.read.pdf_pictures import image_cover, pictures, with_pictures
from juesuan.read.pdfium_page import page_glyphs, page_rulings
from juesuan.read.types import OUT_OF_TIME, TEXT, Box, Line, ReadError, ReadLog, Source

MAX_PAGES = limits.Limits().max_pages  # the default; the limit in force is limits.current()
# A page whose text layer has fewer non-blank characters than this, and whose images cover
# at least SCAN_COVER of it, is treated as a scan.
SCAN_MIN_CHARS = 12
SCAN_COVER = 0.3
# What a broken text layer is made of: replacement characters, private-use code points (glyph
# indices left unmapped) and control characters.
_GARBAGE = lazy.pattern("[\ufffd\ue000-\uf8ff\x00-\x1f]")
log = logging.getLogger(__name__)


def read_pdf(data: bytes, path: str, *, ocr: str = "auto", max_pages: int | None = None,
             on_page: OnPage | None = None, ocr_workers: int | None = None) -> Source:
    """Read a PDF. ``ocr``: "auto" (scanned pages only), "always" (every page, ignoring the
    text layer: used by the benchmark), or "never".

    ``on_page(done, total)`` is called after each page is read (a scanned page after its
    OCR): the hook for a progress bar. Without it, the hook installed with
    ``juesuan.read.page_progress`` (if any) is called, so a caller that reaches the reader
    through ``pipeline.load`` sees progress too. ``ocr_workers``: pages OCR'd at once
    (default: the free cores, see ``juesuan.cores.free``)."""
    import pypdfium2 as pdfium

    from juesuan.read import page_done

    max_pages = max_pages or limits.current().max_pages
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
            raise limits.LimitExceeded(path, "max_pages", n, max_pages)
        return _read_doc(doc, data, path, n, ocr, on_page or page_done, ocr_workers)
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


def _read_doc(doc, data: bytes, path: str, n: int, ocr: str, on_page: OnPage | None, ocr_workers: int | None) -> Source:
    """Text pages are read as they come; scanned pages are set aside and OCR'd together
    afterwards (several at once when cores are free); lines come out in page order."""
    lim = limits.current()
    deadline = Deadline(0.9 * lim.seconds)
    note = ReadLog()  # the warnings, and the pages not read (Source.unread_pages)
    fallback = _PlumberFallback(data)
    by_page: dict[int, list[Line]] = {}
    scanned: list[tuple[int, _TextLayer]] = []
    pictured: list[tuple[int, list[Box]]] = []  # text pages with pictures of text (see read.pdf_pictures)
    pictures_read: list[int] = []  # pages whose pictures gave a form's lines
    done = [0]

    def tick() -> None:
        done[0] += 1
        if on_page is not None:
            on_page(done[0], n)

    try:
        for i in range(n):
            if deadline.expired():
                note.warn(f"stopped after page {i}: the document took longer than {0.9 * lim.seconds:g} s to read")
                for j in range(i, n):  # never reached: a table there is not missing, only not read
                    note.unread.setdefault(j + 1, OUT_OF_TIME)
                break
            text = _text_layer(doc, i, lim.max_page_chars)
            if text.chars > lim.max_page_chars:
                raise limits.LimitExceeded(path, "max_page_chars", text.chars, lim.max_page_chars)
            if ocr == "always" or (ocr == "auto" and text.scanned):
                scanned.append((i, text))
                continue
            page_ls = None
            if text.glyphs or text.error is not None:  # else a blank page (or only drawings, or pictures)
                page_ls = _text_page(i, i + 1, text, deadline, fallback, note, lim.page_seconds)
                if page_ls is not None:
                    by_page[i] = page_ls
            if text.pictures and ocr == "auto" and (page_ls is not None or not text.glyphs):
                pictured.append((i, text.pictures))
            tick()
        engine = _ocr_engine(path, ocr, note.warnings) if scanned or pictured else None
        if engine:
            by_page.update(ocr_pages(doc, [i for i, _ in scanned], engine, deadline, note, tick, ocr_workers))
        for i, boxes in pictured:
            if engine:
                merged = with_pictures(doc, i, boxes, by_page.get(i, []), engine, deadline, note)
                if merged is not None:
                    by_page[i] = merged
                    pictures_read.append(i)
            else:
                note.lost(i + 1, f"page {i + 1}: a picture of text (a table pasted as an image?) not read (OCR not installed)",
                          "含文字的图片未识别（未安装 OCR）")
        for i, text in scanned if engine is False else ():
            if not text.glyphs:
                note.lost(i + 1, f"page {i + 1}: scanned page without a text layer, not read (OCR not installed)",
                          "扫描页未识别（未安装 OCR）")
            else:  # a garbled text layer is still better than nothing
                page_ls = _text_page(i, i + 1, text, deadline, fallback, note, lim.page_seconds)
                if page_ls is not None:
                    by_page[i] = page_ls
            tick()
    finally:
        fallback.close()

    lines = [ln for i in sorted(by_page) for ln in by_page[i]]
    if not lines:
        if any(t.scanned for _, t in scanned) and engine is False:
            raise ReadError(path, "scanned PDF without a text layer; OCR is not installed (pip install juesuan[ocr])")
        if note.unread:
            raise ReadError(path, "no page could be read: " + "; ".join(note.warnings[:3]))
        raise ReadError(path, "PDF has no text (empty pages or only drawings)")
    ocr_done = sorted({i + 1 for i, _ in scanned if engine and i in by_page} | {i + 1 for i in pictures_read})
    if ocr_done:
        note.warn(f"OCR used on {len(ocr_done)} page(s): {page_ranges(ocr_done)}")
    return Source(path=path, format="pdf", lines=lines, pages=n, warnings=note.warnings, ocr_pages=ocr_done,
                  unread_pages=dict(sorted(note.unread.items())))


def _ocr_engine(path: str, ocr: str, warnings: list[str]):
    """The OCR engine, or False (with a warning) when OCR is not installed."""
    from juesuan.read.ocr import get_engine

    try:
        return get_engine()
    except ReadError as e:
        if ocr == "always":
            raise ReadError(path, e.why) from None
        warnings.append(e.why)
        return False


# ----------------------------------------------------------------------------- text layer


_NO_RULINGS: Rulings = ([], [])


@dataclass
class _TextLayer:
    """One page as PDFium gives it, read with the page opened once: glyphs and rulings in page
    points, the page height, whether it looks scanned, and the error if PDFium could not read
    it (then pdfplumber is tried)."""

    glyphs: list[Glyph]
    rulings: Rulings
    height: float
    scanned: bool = False
    error: Exception | None = None
    pictures: list[Box] = field(default_factory=list)  # pictures with no text layer over them (see ``pictures``)
    chars: int = 0  # PDFium's character count, when over the limit (then no glyphs are built)


def _text_layer(doc, i: int, max_chars: int) -> _TextLayer:
    try:
        page = doc[i]
    except Exception as e:
        return _TextLayer([], _NO_RULINGS, 0.0, error=e)
    try:
        w, h = page.get_size()
        tp = page.get_textpage()
        try:
            count = tp.count_chars()
            if count > max_chars:
                return _TextLayer([], _NO_RULINGS, h, chars=count)
            # The page's glyphs, rulings and lines are built with the collector paused (gcpause):
            # tens of thousands of small objects a page, none in a cycle, that it would walk for
            # nothing; PDFium's own wrappers (pages, text pages) are made outside the pauses.
            with gc_paused():
                glyphs = page_glyphs(tp, h)
        finally:
            tp.close()
        if _garbled(glyphs):
            return _TextLayer(glyphs, _NO_RULINGS, h, scanned=True)
        images: list[Box] = []  # (one walk of the page's objects gives rulings and images)
        with gc_paused():
            rulings = page_rulings(page, h, images)
        if len(glyphs) < SCAN_MIN_CHARS and image_cover(images, w, h) >= SCAN_COVER:
            return _TextLayer(glyphs, _NO_RULINGS, h, scanned=True)
        return _TextLayer(glyphs, rulings if glyphs else _NO_RULINGS, h, pictures=pictures(images, glyphs, w, h))
    except Exception as e:
        return _TextLayer([], _NO_RULINGS, 0.0, error=e)
    finally:
        page.close()


def _garbled(glyphs: list[Glyph]) -> bool:
    """A text layer of garbage (private-use or replacement characters): read it as a scan."""
    if len(glyphs) < SCAN_MIN_CHARS:
        return False
    text = "".join(map(TEXT, glyphs))  # a PDFium glyph is one character
    return len(_GARBAGE.findall(text)) / len(glyphs) > 0.3


def _text_page(i, page_no, text: _TextLayer, deadline, fallback, note: ReadLog, page_seconds: float) -> list[Line] | None:
    """Lines of a text page: PDFium glyphs and rulings; pdfplumber when PDFium failed. (The
    limits are the document's, looked up once: ``limits.current`` reads the environment.)"""
    left = deadline.left()
    budget = page_seconds if left is None else max(1.0, min(page_seconds, left))
    try:
        if text.error is not None:
            raise text.error
        with gc_paused(), time_limit(budget):  # (the pause outside the timer: a timeout never cuts into it)
            return page_lines(text.glyphs, [], page_no, page_height=text.height, tables=tables_of(text.rulings))
    except PageTimeout as e:
        note.lost(page_no, f"page {page_no}: skipped ({e})", "本页读取超时")
        return None
    except Exception as e:
        log.debug("PDFium failed on page %s", page_no, exc_info=True)
        try:
            with time_limit(budget):
                out = fallback.page_lines(i, page_no)
            note.warn(f"page {page_no}: read with pdfplumber ({type(e).__name__} in PDFium)")
            return out
        except Exception as e2:
            note.lost(page_no, f"page {page_no}: unreadable ({type(e2).__name__}: {e2})", "本页无法解析")
            return None


class _PlumberFallback:
    """pdfplumber (pdfminer), kept only for pages whose text layer PDFium cannot give: it is
    an independent parser, so a page that trips one may still read with the other. Opened on
    first need, because parsing the page tree alone costs more than PDFium's whole page."""

    def __init__(self, data: bytes):
        self.data = data
        self.pdf: Any = None

    def page_lines(self, i: int, page_no: int) -> list[Line]:
        if self.pdf is None:
            # pdfplumber, not pypdfium2: PDFium is the parser that just failed on this page;
            # only an independent parser (pdfminer, under pdfplumber) can still read it.
            import pdfplumber

            self.pdf = pdfplumber.open(io.BytesIO(self.data))
        page = self.pdf.pages[i]
        try:
            glyphs = plumber_glyphs(page)
            return page_lines(glyphs, plumber_edges(page), page_no, page_height=float(page.height))
        finally:
            page.flush_cache()
            try:
                page.close()
            except Exception:  # pragma: no cover
                pass

    def close(self) -> None:
        if self.pdf is not None:
            try:
                self.pdf.close()
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
            g.space_before = blank_precedes(blank_at, g)
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


def timed_read(data: bytes, path: str, **kw) -> tuple[Source, float]:  # used by the benchmark
    t = time.perf_counter()
    src = read_pdf(data, path, **kw)
    return src, time.perf_counter() - t
