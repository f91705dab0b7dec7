"""The scanned pages of a PDF, through OCR: rendered one at a time, read by one shared engine,
several pages at once when more than one core is free (``juesuan.cores``).

PDFium is not thread-safe, so only the calling thread renders; each page image goes to a
worker thread that straightens it, finds its rulings and runs OCR (onnxruntime and OpenCV
release the GIL, so threads use the free cores without a process per page, a copy of the
models per process, or the page images crossing a pipe). At most one image per worker is in
flight: memory stays bounded by the number of workers, not the number of pages.

Progress: ``on_page(done, total)`` after every page of the document (see ``read_pdf``).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import replace

from juesuan import cores, limits
from juesuan.read.layout import Deadline, PageTimeout, time_limit
from juesuan.read.types import OUT_OF_TIME, Box, Chunk, Line, ReadLog

# Scanned pages are rendered at OCR_DPI; a page whose text boxes come out shorter than
# SMALL_TEXT_PX is rendered again so they are about TARGET_TEXT_PX tall (at most MAX_OCR_DPI).
# At 150 dpi body text (10.5 pt) is ~29 px: every numeric cell of the samples reads exactly,
# damaged or clean (benchmarks/bench_speed.py), at half the pixels of 200 dpi.
OCR_DPI = 150
SMALL_TEXT_PX = 20.0
TARGET_TEXT_PX = 29.0
MAX_OCR_DPI = 300.0
MAX_WORKERS = 4

OnPage = Callable[[int, int], None]


def ocr_pages(doc, pages: list[int], engine, deadline: Deadline, log: ReadLog,
              tick: Callable[[], None], workers: int | None = None) -> dict[int, list[Line]]:
    """OCR the given pages (0-based) of ``doc``: page index → Lines (a page that failed or
    ran out of time is left out, noted in ``log``). ``tick`` is called after each page."""
    if workers is None:
        workers = min(MAX_WORKERS, len(pages))
        if workers > 1:  # (measured over a tenth of a second: not for one page)
            workers = min(workers, cores.free())
    workers = max(1, min(workers, len(pages)))
    if workers == 1:
        return _serial(doc, pages, engine, deadline, log, tick)
    return _threaded(doc, pages, engine, deadline, log, tick, workers)


def _serial(doc, pages, engine, deadline, log: ReadLog, tick) -> dict[int, list[Line]]:
    out: dict[int, list[Line]] = {}
    for i in pages:
        if deadline.expired():
            log.lost(i + 1, f"page {i + 1}: OCR skipped (the document ran out of time)", OUT_OF_TIME)
            continue
        try:
            out[i] = _ocr_page(doc, i, engine, i + 1, deadline)
        except PageTimeout as e:
            log.lost(i + 1, f"page {i + 1}: OCR skipped ({e})", "本页文字识别超时")
        except Exception as e:  # pragma: no cover - engine failure
            log.lost(i + 1, f"page {i + 1}: OCR failed ({type(e).__name__}: {e})", "本页文字识别失败")
        tick()
    return out


def _threaded(doc, pages, engine, deadline, log: ReadLog, tick, workers: int) -> dict[int, list[Line]]:
    from juesuan.read.ocr import read_page_image

    out: dict[int, list[Line]] = {}
    todo = [(i, float(OCR_DPI)) for i in reversed(pages)]  # a stack: (page, dpi)
    running: dict[Future, tuple[int, float]] = {}
    with ThreadPoolExecutor(workers, thread_name_prefix="juesuan-ocr") as pool:
        while todo or running:
            while todo and len(running) < workers and not deadline.expired():
                i, dpi = todo.pop()
                img, scale = _render(doc, i, dpi)  # only this thread touches PDFium
                running[pool.submit(read_page_image, img, engine, i + 1, 1.0 / scale)] = (i, dpi)
                del img
            if not running:
                for i, _dpi in todo:
                    log.lost(i + 1, f"page {i + 1}: OCR skipped (the document ran out of time)", OUT_OF_TIME)
                break
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for fut in done:
                i, dpi = running.pop(fut)
                try:
                    got = fut.result()
                except Exception as e:  # pragma: no cover - engine failure
                    log.lost(i + 1, f"page {i + 1}: OCR failed ({type(e).__name__}: {e})", "本页文字识别失败")
                    tick()
                    continue
                better = _rerender_dpi(got.text_px, dpi)
                if better is not None:
                    todo.append((i, better))
                    continue
                out[i] = got.lines
                tick()
    return out


def _render(doc, i: int, dpi: float, box: Box | None = None):
    """Page ``i`` as an image at ``dpi``, or only its part inside ``box`` (x0, top, x1, bottom
    in points from the top left)."""
    page = doc[i]
    try:
        w, h = page.get_size()
        if box is None:
            return page.render(scale=(scale := _ocr_scale(dpi, w, h))).to_pil(), scale
        x0, top, x1, bottom = box
        scale = _ocr_scale(dpi, x1 - x0, bottom - top)
        # (PDFium's crop is what to cut off each side: left, bottom, right, top)
        return page.render(scale=scale, crop=(x0, h - bottom, w - x1, top)).to_pil(), scale
    finally:
        page.close()


def _rerender_dpi(text_px: float | None, dpi: float) -> float | None:
    """The resolution to render a page again at, when its print came out too small."""
    if text_px is None or text_px >= SMALL_TEXT_PX or dpi >= MAX_OCR_DPI:
        return None
    return min(MAX_OCR_DPI, dpi * TARGET_TEXT_PX / max(text_px, 1.0))


def _ocr_page(doc, i: int, engine, page_no: int, deadline: Deadline, box: Box | None = None) -> list[Line]:
    """OCR one scanned page (or the part of it inside ``box``: then the lines' positions are
    still the page's). It is rendered at ``OCR_DPI``, enough for body text (10.5 pt comes out
    ~29 px tall, where the recogniser works best); a page whose print turns out smaller than
    ``SMALL_TEXT_PX`` is rendered again, just large enough, up to ``MAX_OCR_DPI``. One page
    image is held at a time."""
    from juesuan.read.ocr import read_page_image

    ocr_seconds = 3 * limits.current().page_seconds  # OCR of a page is slower than its text layer
    left = deadline.left()
    budget = ocr_seconds if left is None else max(1.0, min(ocr_seconds, left))
    dpi: float | None = float(OCR_DPI)
    with time_limit(budget):
        while True:
            assert dpi is not None
            img, scale = _render(doc, i, dpi, box)
            got = read_page_image(img, engine, page_no, points_per_pixel=1.0 / scale)
            del img
            nxt = _rerender_dpi(got.text_px, dpi)
            if nxt is None:
                return got.lines if box is None else [_shifted(ln, box[0], box[1]) for ln in got.lines]
            dpi = nxt


def _shifted(ln: Line, dx: float, dy: float) -> Line:
    """A line read from a part of a page, placed on the page."""
    def move(c: Chunk) -> Chunk:
        if c.x0 is None or c.x1 is None or c.top is None or c.bottom is None:
            return c
        return Chunk(c.text, c.x0 + dx, c.x1 + dx, c.top + dy, c.bottom + dy)

    return replace(ln, chunks=[move(c) for c in ln.chunks])


def _ocr_scale(dpi: float, w: float, h: float) -> float:
    """Render scale for ``dpi``, capped so a very large page stays under ~25 megapixels."""
    scale = dpi / 72.0
    px = (w * scale) * (h * scale)
    if px > 25e6:
        scale *= (25e6 / px) ** 0.5
    return scale
