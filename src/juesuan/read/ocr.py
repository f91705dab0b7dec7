"""OCR for scanned pages and images, fully offline (rapidocr-onnxruntime: its detection,
direction and recognition models ship inside the wheel; nothing is downloaded at run time).

A page image becomes Lines in three steps:

1. ruling lines are found in the bitmap itself (long horizontal / vertical runs of dark
   pixels), so a scanned ruled table gets the same grid treatment as a PDF's vector lines;
2. the OCR engine returns text boxes; a box that straddles a vertical ruling (two adjacent
   cells read as one box) is split at the ruling, in proportion to character widths;
3. ``juesuan.read.layout.page_lines`` assigns boxes to grid cells (or prose lines) exactly as
   for a PDF text layer. Coordinates are converted to points (``points_per_pixel``).

Install with ``pip install juesuan[ocr]``. Without it every OCR entry point raises ReadError
saying so.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from juesuan.read.layout import Edge, Glyph, find_tables, page_lines
from juesuan.read.types import Line, ReadError

INSTALL_HINT = "OCR is not installed (pip install juesuan[ocr])"
DARK = 160  # grey level below which a pixel is ink
# Below this a pixel is faint ink: a one-pixel stroke (一 at 150 dpi) is grey, not black,
# once JPEG and denoising have smeared it; the quieted page's paper is pure white.
FAINT = 200
MIN_SCORE = 0.3  # OCR boxes recognised with less confidence are dropped
BODY_BOX_PT = 14.0  # height of a detected box around 10.5 pt body text, in points
DET_TEXT_PX = 18.0  # how tall that box is made for the text detector (it finds text from ~10 px)

_engine = None
_lock = threading.Lock()


def available() -> bool:
    try:
        import numpy  # noqa: F401
        import rapidocr_onnxruntime  # noqa: F401
    except Exception:
        return False
    return True


def get_engine(path: str = ""):
    """The shared OCR engine (loaded once; model loading takes about a second)."""
    global _engine
    with _lock:
        if _engine is None:
            try:
                import numpy  # noqa: F401
                from rapidocr_onnxruntime import RapidOCR
            except Exception:
                raise ReadError(path or "<ocr>", INSTALL_HINT) from None
            # One thread per engine: onnxruntime's own thread pool spins while it waits, which
            # on a shared 2-core machine costs CPU for little speed. Parallelism comes from
            # reading several pages at once on worker threads sharing this engine, as many as
            # cores are free (``juesuan.read.pdf_ocr``).
            try:
                _engine = RapidOCR(print_verbose=False, intra_op_num_threads=1, inter_op_num_threads=1)
            except TypeError:  # pragma: no cover - older signature
                _engine = RapidOCR()
        return _engine


# ----------------------------------------------------------------------------- rulings


def _runs_2d(mask, min_len: int):
    """Runs of True along axis 1 of a boolean array: (row index, start, end) arrays."""
    import numpy as np

    h, w = mask.shape
    padded = np.zeros((h, w + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    d = np.diff(padded, axis=1)
    rs, cs = np.nonzero(d == 1)
    re_, ce = np.nonzero(d == -1)
    # nonzero returns row-major order, so starts and ends pair up row by row
    keep = (ce - cs) >= min_len
    return rs[keep], cs[keep], ce[keep]


def find_rulings(gray, points_per_pixel: float) -> list[Edge]:
    """Horizontal and vertical ruling segments in a greyscale page image, in points."""
    import numpy as np

    ink = gray < DARK
    h, w = ink.shape
    px_per_pt = 1.0 / points_per_pixel
    out: list[Edge] = []
    # Horizontal: runs at least 20 pt long (longer than any character stroke).
    min_h = max(12, int(20 * px_per_pt))
    rows, cs, ce = _runs_2d(ink, min_h)
    for y, a, b in zip(rows.tolist(), cs.tolist(), ce.tolist()):
        out.append(Edge("h", a * points_per_pixel, b * points_per_pixel, y * points_per_pixel, (y + 1) * points_per_pixel))
    # Vertical: runs at least 13 pt long (a one-line row is ~16 pt; a CJK glyph ≤ ~12 pt).
    min_v = max(10, int(13 * px_per_pt))
    cols, rs, re_ = _runs_2d(np.ascontiguousarray(ink.T), min_v)
    for x, a, b in zip(cols.tolist(), rs.tolist(), re_.tolist()):
        out.append(Edge("v", x * points_per_pixel, (x + 1) * points_per_pixel, a * points_per_pixel, b * points_per_pixel))
    return _close_corners(_thin(out))


CORNER_REACH = 3.0  # points: how far short of a crossing ruling a scanned ruling's end may stop


def _close_corners(edges: list[Edge]) -> list[Edge]:
    """Ruling ends that stop just short of a crossing ruling, extended to it. In a scan the
    last pixels of a line fade (rotation's interpolation, JPEG, a light stroke) and the run of
    dark pixels ends a pixel or three early; the grid needs the lines to cross (within 1 pt),
    so a row border that stopped 1.5 pt short of the table's right border merged two rows'
    cells of the last column into one ("0.00 0.00"), and lost a cell."""
    hs = [e for e in edges if e.orientation == "h"]
    vs = [e for e in edges if e.orientation == "v"]
    # each crossing ruling as (its near side, its far side along the ruling, its extent across)
    across_h = [(v.x0, v.x1, v.top, v.bottom) for v in vs]
    across_v = [(h.top, h.bottom, h.x0, h.x1) for h in hs]
    out = [Edge("h", *_reach(e.x0, e.x1, (e.top + e.bottom) / 2, across_h), e.top, e.bottom) for e in hs]
    out += [Edge("v", e.x0, e.x1, *_reach(e.top, e.bottom, (e.x0 + e.x1) / 2, across_v)) for e in vs]
    return out


def _reach(lo: float, hi: float, at: float, crossing: list[tuple[float, float, float, float]]) -> tuple[float, float]:
    """The ends (lo, hi) of a ruling lying at ``at`` across its axis, each carried to the far
    side of a crossing ruling it stops at most CORNER_REACH short of (``crossing``: (start,
    end) along this ruling's axis and (start, end) across it, per crossing ruling)."""
    new_lo, new_hi = lo, hi
    for c_lo, c_hi, a, b in crossing:
        if a - CORNER_REACH <= at <= b + CORNER_REACH:
            if hi < c_hi <= hi + CORNER_REACH:
                new_hi = max(new_hi, c_hi)
            if lo - CORNER_REACH <= c_lo < lo:
                new_lo = min(new_lo, c_lo)
    return new_lo, new_hi


def _thin(edges: list[Edge]) -> list[Edge]:
    """A ruling 2–4 px thick gives one run per pixel row: keep one (the middle) per stack.

    A stack is a set of runs with the same extent (ends within 3 pt) lying next to each other
    (each within 2.5 pt across of the previous). Runs are taken in order across the line
    (x for vertical rulings, y for horizontal), so two different rulings with the same extent
    — the borders of one table column — never fall into one stack."""
    out: list[Edge] = []
    for o in ("h", "v"):
        across = (lambda e: e.top) if o == "h" else (lambda e: e.x0)
        ends = (lambda e: (e.x0, e.x1)) if o == "h" else (lambda e: (e.top, e.bottom))
        stacks: list[list[Edge]] = []
        for e in sorted((e for e in edges if e.orientation == o), key=across):
            for st in reversed(stacks):
                p = st[-1]
                if across(e) - across(p) >= 2.5:
                    continue
                (a0, a1), (b0, b1) = ends(e), ends(p)
                if abs(a0 - b0) < 3 and abs(a1 - b1) < 3:
                    st.append(e)
                    break
            else:
                stacks.append([e])
        out.extend(st[len(st) // 2] for st in stacks)
    return out


# ----------------------------------------------------------------------------- OCR boxes


def _char_weight(ch: str) -> float:
    from juesuan.read.layout import is_cjk

    return 1.0 if is_cjk(ch) else 0.55


def _split_at(g: Glyph, cuts: list[float]) -> list[Glyph]:
    """Split a recognised box at x positions (vertical rulings inside it)."""
    text = g.text
    if len(text) < 2 or not cuts:
        return [g]
    weights = [_char_weight(c) for c in text]
    total = sum(weights)
    width = g.x1 - g.x0
    # x of each character's centre, assuming widths proportional to weights
    xs, acc = [], 0.0
    for wgt in weights:
        xs.append(g.x0 + (acc + wgt / 2) / total * width)
        acc += wgt
    bounds = [g.x0] + sorted(cuts) + [g.x1]
    out: list[Glyph] = []
    for a, b in zip(bounds, bounds[1:]):
        part = "".join(c for c, x in zip(text, xs) if a <= x < b).strip()
        if part:
            out.append(Glyph(part, a, b, g.top, g.bottom, g.base, g.size))
    return out or [g]


def ocr_glyphs(img, engine, points_per_pixel: float, det_scale: float = 1.0) -> list[Glyph]:
    """Run OCR on a PIL image or numpy array; text boxes as Glyphs in points.

    ``det_scale`` < 1: text boxes are detected on a copy of the image that much smaller (the
    detector needs text only ~18 px tall, and its cost grows with the pixels), then each box
    is read from the full image (the recogniser rescales every box to 48 px anyway)."""
    import numpy as np

    arr = np.asarray(img.convert("RGB")) if hasattr(img, "convert") else np.asarray(img)
    if arr.ndim == 2:
        arr = np.repeat(arr[:, :, None], 3, axis=2)  # greyscale → the three channels the models take
    elif arr.ndim == 3:
        arr = arr[:, :, ::-1].copy()  # RGB → BGR, as OpenCV-based engines expect
    out: list[Glyph] = []
    for box, text, score in _recognise(engine, arr, det_scale):
        if score < MIN_SCORE or not text or not text.strip():
            continue
        xs = [p[0] for p in box]
        ys = [p[1] for p in box]
        x0, x1 = min(xs) * points_per_pixel, max(xs) * points_per_pixel
        top, bottom = min(ys) * points_per_pixel, max(ys) * points_per_pixel
        h = max(bottom - top, 1.0)
        size = 0.75 * h  # detection boxes are padded around the glyphs
        base = (top + bottom) / 2 + 0.35 * size
        out.append(Glyph(text.strip(), x0, x1, top, bottom, base, size))
    return _drop_overlaps(out)


def _recognise(engine, arr, det_scale: float) -> list[tuple[list, str, float]]:
    """(box corners in image pixels, text, score) for every text box of a BGR image.

    Pages are upright (rendered from a PDF, or scanned the right way up and straightened):
    the 180° direction classifier only flips short codes ("08" → "80", "99" → "66"), so it is
    not run. An engine without the detector/recogniser parts (a test double) is called whole."""
    det, rec = getattr(engine, "text_det", None), getattr(engine, "text_rec", None)
    if det is None or rec is None or det_scale >= 0.95:
        result, _elapsed = engine(arr, use_cls=False)
        return [(item[0], item[1], float(item[2])) for item in result or []]
    import cv2
    import numpy as np

    small = cv2.resize(arr, None, fx=det_scale, fy=det_scale, interpolation=cv2.INTER_AREA)
    boxes, _ = det(small)
    if boxes is None or len(boxes) == 0:
        return []
    boxes = [np.asarray(b, dtype=np.float32) / det_scale for b in engine.sorted_boxes(boxes)]
    # Recognised from widened crops; placed by the detector's boxes (the layout's geometry).
    texts, _ = rec(engine.get_crop_img_list(arr, widen_boxes(boxes, arr[:, :, 0] < FAINT)))
    # The engine's own filter (its text_score) applies as when it is called whole.
    floor = float(getattr(engine, "text_score", 0.0))
    return [(b.tolist(), t[0], float(t[1])) for b, t in zip(boxes, texts) if float(t[1]) >= floor]


REACH = 1.2  # box heights: how far a box may grow toward ink it stopped short of (a glyph or so)
GAP = 0.35  # box heights of blank columns that end a run (the next ink is another word or cell)
MARGIN = 0.15  # box heights of white kept around the ink, as the detector's own boxes have
RULING_INK = 0.85  # share of a box's rows a pixel column covers when it is a ruling, not a stroke
RULING_HALO = 3  # pixels either side of a ruling that JPEG and denoising leave grey


def widen_boxes(boxes: list, ink) -> list:
    """Detected text boxes grown sideways over the ink they stopped short of, so the
    recogniser sees the whole run. On a reduced, noisy page the detector often leaves out a
    lone thin stroke at a run's end: the whole 一 of 一般公共预算… (the table's title then
    matches no table), a leading minus, a final 1.

    From each end of a box, columns of ink in the box's middle rows are followed outwards
    until a blank stretch of ``GAP`` (the space between words or cells), at most ``REACH``;
    then ``MARGIN`` of white is added. A box with no ink beside it is left as it is. A box never grows into a neighbouring box on the same
    line (it stops half-way between) nor across a ruling (a pixel column dark over nearly the
    box's whole height; a glyph's stroke is shorter than the padded box), which the
    recogniser would read as 1 or |. ``ink``: boolean image, True where a pixel is ink (faint
    ink counts: a thin stroke is what the detector misses).
    Box heights are unchanged."""
    import numpy as np

    h_img, w_img = ink.shape
    ext = [(float(b[:, 0].min()), float(b[:, 0].max()), float(b[:, 1].min()), float(b[:, 1].max())) for b in boxes]
    out = []
    for i, (b, (x0, x1, y0, y1)) in enumerate(zip(boxes, ext)):
        h = y1 - y0
        lo, hi = max(0.0, x0 - REACH * h), min(float(w_img - 1), x1 + REACH * h)
        for j, (a0, a1, b0, b1) in enumerate(ext):
            if j == i or min(y1, b1) - max(y0, b0) < 0.5 * min(h, b1 - b0):
                continue
            if a1 <= x0:
                lo = max(lo, (a1 + x0) / 2)
            elif a0 >= x1:
                hi = min(hi, (x1 + a0) / 2)
        r0, r1, c0, c1 = _box_rows(y0, y1, h_img)
        if r1 - r0 < 4 or c1 <= c0:
            out.append(b)
            continue
        # A ruling (a column dark over nearly the box's rows) and its blurred edges, RULING_HALO
        # px either side: grey enough to count as faint ink, read as ":" or "1" if taken in.
        ruling = ink[r0:r1].mean(axis=0) >= RULING_INK
        near = ruling.copy()
        for d in range(1, RULING_HALO + 1):
            near[d:] |= ruling[:-d]
            near[:-d] |= ruling[d:]
        strokes = ink[c0:c1].any(axis=0) & ~near  # ink in the glyphs' middle rows
        new_x0 = _follow(strokes, near, x0, lo, -1, h)
        new_x1 = _follow(strokes, near, x1, hi, +1, h)
        nb = b.copy()
        mid = (x0 + x1) / 2
        nb[:, 0] = np.where(b[:, 0] < mid, b[:, 0] - (x0 - new_x0), b[:, 0] + (new_x1 - x1))
        out.append(nb)
    return out


def _box_rows(y0: float, y1: float, h_img: int) -> tuple[int, int, int, int]:
    """Pixel rows of a box spanning y0..y1 on an image ``h_img`` tall: all of them (r0, r1),
    and its middle rows (c0, c1), a fifth of its height in from either edge — where the
    glyphs' strokes are and a ruling along the box's top or bottom is not."""
    h = y1 - y0
    return (max(0, int(y0)), min(h_img, int(y1) + 1),
            max(0, int(y0 + 0.2 * h)), min(h_img, int(y1 - 0.2 * h) + 1))


def _follow(strokes, near_ruling, edge: float, limit: float, step: int, h: float) -> float:
    """The new end of a box whose end is at ``edge``, grown in direction ``step`` (see
    ``widen_boxes``), never past ``limit``."""
    x, last, stop = int(edge) + step, edge, limit
    while (x - limit) * step <= 0:
        if near_ruling[x]:
            stop = x - step  # the last column clear of the ruling is the farthest the box may go
            break
        if strokes[x]:
            last = float(x)
        elif abs(x - last) > GAP * h:
            break
        x += step
    if last == edge:
        return edge  # nothing left out: the crop stays the detector's (a margin of white alone
        # can change a reading: a ruling along the box's top then reads 一 as 二)
    grown = last + step * MARGIN * h
    return min(grown, stop) if step > 0 else max(grown, stop)


def _drop_overlaps(glyphs: list[Glyph]) -> list[Glyph]:
    """The detector sometimes returns a stray box for the first character of widely spaced
    text, overlapping the box of the whole run: drop a box mostly inside a longer box on the
    same line whose text contains its text."""
    out = []
    for a in glyphs:
        wa = max(a.x1 - a.x0, 1e-6)
        dup = False
        for b in glyphs:
            if b is a or len(b.text) <= len(a.text) or a.text not in b.text:
                continue
            ov_x = min(a.x1, b.x1) - max(a.x0, b.x0)
            ov_y = min(a.bottom, b.bottom) - max(a.top, b.top)
            if ov_x > 0.3 * wa and ov_y > 0.5 * min(a.bottom - a.top, b.bottom - b.top):
                dup = True
                break
        if not dup:
            out.append(a)
    return out


@dataclass
class PageRead:
    lines: list[Line]
    text_px: float | None  # median height of the recognised text boxes, in image pixels


def read_page_image(img, engine, page_no: int, points_per_pixel: float | None = None) -> PageRead:
    """One page image → Lines (grid rows from rulings found in the image, prose lines), and
    how tall its text came out (the caller may re-render a page whose print is too small).

    The image is straightened and, when noisy, quieted first (``juesuan.read.scan``).
    ``points_per_pixel``: the page scale when known (a rendered PDF page); None estimates it
    from the recognised text (median box taken as 14 pt: 10.5 pt text plus padding)."""
    import numpy as np

    from juesuan.read.scan import prepare

    gray, clean, _skew = prepare(np.asarray(img.convert("L")))
    # Body text boxes are ~14 pt tall: at a known scale the detector gets a copy on which
    # they come out DET_TEXT_PX tall (a 150 dpi page: 0.62 of it).
    det_scale = 1.0 if points_per_pixel is None else min(1.0, DET_TEXT_PX * points_per_pixel / BODY_BOX_PT)
    glyphs = ocr_glyphs(clean, engine, 1.0, det_scale)
    text_px = median_height(glyphs)
    if points_per_pixel is None:
        points_per_pixel = estimate_scale(glyphs)
    k = points_per_pixel
    glyphs = [Glyph(g.text, g.x0 * k, g.x1 * k, g.top * k, g.bottom * k, g.base * k, g.size * k) for g in glyphs]
    edges = find_rulings(gray, points_per_pixel)
    tables = find_tables(edges)
    if tables:
        glyphs = _split_on_rulings(glyphs, tables, np.asarray(clean) < DARK, points_per_pixel)
    lines = page_lines(glyphs, edges, page_no, page_height=gray.shape[0] * points_per_pixel, tables=tables)
    return PageRead(lines, text_px)


def ocr_image_lines(img, engine, page_no: int, points_per_pixel: float | None = None) -> list[Line]:
    return read_page_image(img, engine, page_no, points_per_pixel).lines


def median_height(glyphs_px: list[Glyph]) -> float | None:
    hs = sorted(g.bottom - g.top for g in glyphs_px)
    return hs[len(hs) // 2] if hs else None


def estimate_scale(glyphs_px: list[Glyph]) -> float:
    h = median_height(glyphs_px)
    if h is None:
        return 72.0 / 200
    return BODY_BOX_PT / max(h, 1.0)


def _split_on_rulings(glyphs: list[Glyph], tables, ink=None, points_per_pixel: float = 1.0) -> list[Glyph]:
    """Boxes that straddle a vertical ruling of a ruled table, split at it (two cells read as
    one box). With ``ink`` (the page's ink as a boolean image), a box is first narrowed to the
    ink it holds: a detector box is padded around its text, and on a page still slightly
    slanted that padding can reach past the cell's ruling, which alone is no straddle (a split
    there moved the last digit of 212.76 into the next cell)."""
    out: list[Glyph] = []
    for g in glyphs:
        cuts = _cuts(g, tables, 2.0)
        if cuts and ink is not None:
            span = _ink_span(g, ink, points_per_pixel)
            tight = None if span is None else Glyph(g.text, span[0], span[1], g.top, g.bottom, g.base, g.size)
            cuts = _cuts(tight, tables, 0.5) if tight is not None else []
            if cuts and tight is not None:
                g = tight  # characters are placed along the ink, not the padded box
        out.extend(_split_at(g, cuts) if cuts else [g])
    return out


def _cuts(g: Glyph, tables, margin: float) -> list[float]:
    """x of the table rulings crossing a box more than ``margin`` inside its ends."""
    cuts: set[float] = set()
    y = g.yc
    for cells in tables:
        for c in cells:
            if c[1] <= y <= c[3]:
                for x in (c[0], c[2]):
                    if g.x0 + margin < x < g.x1 - margin:
                        cuts.add(round(x, 1))
    return sorted(cuts)


def _ink_span(g: Glyph, ink, k: float) -> tuple[float, float] | None:
    """x extent (points) of the ink in a box's middle rows, rulings left out, or None."""
    import numpy as np

    h_img, w_img = ink.shape
    x0, x1 = max(0, int(g.x0 / k)), min(w_img, int(g.x1 / k) + 1)
    r0, r1, c0, c1 = _box_rows(g.top / k, g.bottom / k, h_img)
    if x1 <= x0 or r1 - r0 < 4 or c1 <= c0:
        return None
    ruling = ink[r0:r1, x0:x1].mean(axis=0) >= RULING_INK
    cols = np.nonzero((ink[c0:c1, x0:x1].sum(axis=0) >= 2) & ~ruling)[0]
    if not cols.size:
        return None
    return (x0 + float(cols[0])) * k, (x0 + float(cols[-1]) + 1) * k


# ----------------------------------------------------------------------------- evaluation

_NUM_RE = __import__("re").compile(r"^-?[\d,]*\d(?:\.\d+)?%?$")


def numeric_agreement(reference, ocr_source, pages=None) -> tuple[int, int, list[tuple[int, str, str]]]:
    """Compare the numeric table cells of an OCR read with a reference read of the same pages
    (e.g. the PDF text layer): a reference cell is matched by the OCR chunk whose centre lies
    in its box (both in PDF points). Returns (equal, total, [(page, expected, got), …])."""
    by_page: dict[int, list] = {}
    for ln in ocr_source.lines:
        by_page.setdefault(ln.page, []).extend(c for c in ln.chunks if c.bbox and c.text)
    equal = total = 0
    misses: list[tuple[int, str, str]] = []
    for ln in reference.lines:
        if not ln.gridded or (pages is not None and ln.page not in pages):
            continue
        for c in ln.chunks:
            if not c.text or not _NUM_RE.match(c.text) or not c.bbox:
                continue
            total += 1
            x0, top, x1, bottom = c.bbox
            got = ""
            for o in by_page.get(ln.page, []):
                xc, yc = (o.x0 + o.x1) / 2, (o.top + o.bottom) / 2
                if x0 <= xc <= x1 and top <= yc <= bottom:
                    got = o.text
                    break
            if got == c.text:
                equal += 1
            else:
                misses.append((ln.page, c.text, got))
    return equal, total, misses
