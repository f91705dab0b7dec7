"""Pictures of text on a text-layer PDF page: a table pasted into the document as an image (a
screenshot of the accounting software, of a spreadsheet, or a scanned sheet) under a title and
unit line typed as text. The page has a text layer, so it is no scan, but the table's figures
are only in the picture: without OCR the table is located (its title is text) and has no cells.

Such a picture is read by OCR and its lines join the page's text-layer lines in reading order
(top to bottom), so the title typed as text stands above the rows read from the picture. Only
the picture is OCR'd; the typed text keeps its exact characters. A picture that has a text
layer over it (a searchable scan, a background under text) is not a picture of unread text.
"""

from __future__ import annotations

from juesuan import lazy
from juesuan.read.layout import Deadline, Glyph, PageTimeout
from juesuan.read.types import Box, Line, ReadLog

# A picture smaller than this part of the page (an icon, a logo, a signature) is no table. The
# last two rows of a table carried over to the next page are about a twentieth of an A4 page.
PICTURE_MIN_COVER = 0.03
# A picture with at least this many text-layer characters over it has its text already (an
# OCR'd scan's invisible layer, text typed over a background); fewer is a caption or a page
# number laid over it.
MAX_TEXT_OVER = 12
# A page with more image objects than this is drawn with them (tiles, icons): not looked at.
MAX_IMAGES = 400
# Images closer than this (points) are pieces of one picture (some writers tile an image).
TOUCH = 1.0
# A picture holds a form when OCR finds at least this many ruled rows, or lines with an amount
# (the last rows of a table carried over: two of them, 总计 on each side).
MIN_FORM_LINES = 2
_AMOUNT_RE = lazy.pattern(r"\d\.\d{2}(?!\d)|\d,\d{3}")


def pictures(images: list[Box], glyphs: list[Glyph], w: float, h: float) -> list[Box]:
    """The pictures of the page that may hold unread text: image boxes (clipped to the page,
    pieces that touch joined) large enough to be a table, with (almost) no text layer over
    them."""
    if not images or len(images) > MAX_IMAGES:
        return []
    out = []
    for b in _joined(_on_page(images, w, h)):
        if _area(b) < PICTURE_MIN_COVER * w * h:
            continue
        over = sum(1 for g in glyphs if b[0] <= (g.x0 + g.x1) / 2 <= b[2] and b[1] <= (g.top + g.bottom) / 2 <= b[3])
        if over < MAX_TEXT_OVER:
            out.append(b)
    return out


def image_cover(images: list[Box], w: float, h: float) -> float:
    """The part of the page the images cover (each clipped to the page; overlaps counted
    twice, at most 1): what tells a scanned page (``read.pdf``)."""
    return min(1.0, sum(map(_area, _on_page(images, w, h))) / max(w * h, 1.0))


def with_pictures(doc, i: int, boxes: list[Box], lines: list[Line], engine, deadline: Deadline,
                  log: ReadLog) -> list[Line] | None:
    """Page ``i``'s text-layer ``lines`` with the lines OCR'd from its pictures that hold a
    form's figures, in reading order and numbered again from 1; None when no picture did."""
    from juesuan.read.pdf_ocr import _ocr_page

    page_no = i + 1
    read: list[Line] = []
    for box in boxes:
        try:
            got = _ocr_page(doc, i, engine, page_no, deadline, box)  # (bounded in time like a scanned page)
            if _holds_figures(got):
                read += got
        except PageTimeout as e:
            log.lost(page_no, f"page {page_no}: a picture of text skipped ({e})", "图片文字识别超时")
        except Exception as e:  # pragma: no cover - engine failure
            log.lost(page_no, f"page {page_no}: a picture of text could not be read ({type(e).__name__}: {e})", "图片文字识别失败")
    if not read:
        return None
    merged = sorted(lines + read, key=_top)  # stable: lines at one height keep their order
    for no, ln in enumerate(merged, 1):
        ln.no = no
    return merged


def _holds_figures(lines: list[Line]) -> bool:
    """Did OCR find a form's figures in the picture (ruled rows, or lines with amounts)? A
    photograph (a performance report's site pictures), a seal or a logo gives none, and its
    stray words are not put into the document's text."""
    gridded = sum(1 for ln in lines if ln.gridded)
    figures = sum(1 for ln in lines if _AMOUNT_RE.search(ln.text))
    return gridded >= MIN_FORM_LINES or figures >= MIN_FORM_LINES


def _top(ln: Line) -> float:
    return min((c.top for c in ln.chunks if c.top is not None), default=0.0)


def _on_page(images: list[Box], w: float, h: float) -> list[Box]:
    """The image boxes clipped to the page, those with an area left."""
    clipped = ((max(b[0], 0.0), max(b[1], 0.0), min(b[2], w), min(b[3], h)) for b in images)
    return [b for b in clipped if b[2] > b[0] and b[3] > b[1]]


def _area(b: Box) -> float:
    return (b[2] - b[0]) * (b[3] - b[1])


def _joined(boxes: list[Box]) -> list[Box]:
    """Boxes that overlap or touch, joined into their bounding box, until none do."""
    out: list[Box] = []
    for b in boxes:
        while True:
            hit = next((k for k, o in enumerate(out) if _touch(b, o)), None)
            if hit is None:
                break
            o = out.pop(hit)
            b = (min(b[0], o[0]), min(b[1], o[1]), max(b[2], o[2]), max(b[3], o[3]))
        out.append(b)
    return out


def _touch(a: Box, b: Box) -> bool:
    return a[0] <= b[2] + TOUCH and b[0] <= a[2] + TOUCH and a[1] <= b[3] + TOUCH and b[1] <= a[3] + TOUCH
