"""A PDF page as a PNG with the boxes of findings drawn on it.

Cells read from a PDF carry ``bbox`` in PDF points, measured from the top-left corner of the
page's visible area (pdfplumber's convention: ``(x0, top, x1, bottom)``). pdfium renders that
same visible area (the crop box, rotation applied), so a point maps to a pixel by one scale
factor.

Rendering a page is the slow part (tens of milliseconds); the plain page is cached on disk
keyed by the file's content hash, page and scale, and the boxes — cheap — are drawn on each
request, so a review decision never invalidates the cache.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont

BBox = tuple[float, float, float, float]

# Box outline colours by severity (the same hues as the report's highlighted cells).
COLOURS = {
    "error": (198, 40, 40),
    "warning": (178, 106, 0),
    "info": (21, 101, 192),
    "selected": (123, 31, 162),
}
DEFAULT_SCALE = 1.5  # 108 dpi: table digits stay legible, a page is ~150 kB


class PageImageError(ValueError):
    """The page cannot be drawn (not a PDF, or no such page); the message is Chinese."""


@dataclass(frozen=True)
class Box:
    bbox: BBox
    severity: str = "error"
    label: str = ""  # short tag drawn above the box, e.g. the finding's number


# pdfium is not thread-safe (not even across documents) and the web app serves requests from
# a thread pool: every call into it holds this lock.
_PDFIUM = threading.Lock()


@contextmanager
def _opened(pdf: Path) -> Iterator[pdfium.PdfDocument]:
    """The document, under the pdfium lock; a file pdfium cannot open is a PageImageError."""
    with _PDFIUM:
        try:
            doc = pdfium.PdfDocument(str(pdf))
        except (pdfium.PdfiumError, OSError) as exc:
            raise PageImageError(f"{pdf.name}：无法打开 PDF（{exc}）") from None
        try:
            yield doc
        finally:
            doc.close()


def render_plain(pdf: Path, page: int, scale: float = DEFAULT_SCALE) -> Image.Image:
    """Render page ``page`` (1-based) of ``pdf`` to an RGB image."""
    with _opened(pdf) as doc:
        if not 1 <= page <= len(doc):
            raise PageImageError(f"{pdf.name}：没有第 {page} 页（共 {len(doc)} 页）")
        return doc[page - 1].render(scale=scale).to_pil().convert("RGB")


def page_count(pdf: Path) -> int:
    with _opened(pdf) as doc:
        return len(doc)


def draw_boxes(image: Image.Image, boxes: Sequence[Box], scale: float = DEFAULT_SCALE) -> Image.Image:
    """A copy of ``image`` with each box outlined (and lightly filled) in its severity colour."""
    out = image.convert("RGBA")
    overlay = Image.new("RGBA", out.size, (0, 0, 0, 0))
    pen = ImageDraw.Draw(overlay)
    pad = 2
    font = ImageFont.load_default(size=max(11, round(9 * scale)))
    for box in boxes:
        x0, top, x1, bottom = (v * scale for v in box.bbox)
        rect = (x0 - pad, top - pad, x1 + pad, bottom + pad)
        rgb = COLOURS.get(box.severity, COLOURS["error"])
        pen.rectangle(rect, fill=(*rgb, 40), outline=(*rgb, 255), width=3)
        if box.label:  # the finding's number on a tab above the box's left corner
            left, top_, right, bottom_ = pen.textbbox((0, 0), box.label, font=font)
            w, h = right - left + 8, bottom_ - top_ + 6
            tag = (rect[0], rect[1] - h, rect[0] + w, rect[1])
            pen.rectangle(tag, fill=(*rgb, 255))
            pen.text((tag[0] + 4 - left, tag[1] + 3 - top_), box.label, fill=(255, 255, 255, 255), font=font)
    return Image.alpha_composite(out, overlay).convert("RGB")


def to_png(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=False, compress_level=6)
    return buf.getvalue()


def render_page_png(pdf: Path, page: int, boxes: Sequence[Box] = (), scale: float = DEFAULT_SCALE) -> bytes:
    """PDF path + page + boxes → PNG bytes. No cache: the pure form used by tests and scripts."""
    return to_png(draw_boxes(render_plain(Path(pdf), page, scale), boxes, scale))


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class PageCache:
    """Plain page renders cached as PNG files under ``root`` (one per content hash, page, scale)."""

    def __init__(self, root: Path, scale: float = DEFAULT_SCALE):
        self.root = Path(root)
        self.scale = scale

    def _path(self, digest: str, page: int) -> Path:
        return self.root / digest[:2] / f"{digest}-p{page}-x{self.scale:g}.png"

    def plain(self, pdf: Path, page: int, digest: str | None = None) -> Image.Image:
        digest = digest or file_digest(pdf)
        path = self._path(digest, page)
        if path.exists():
            with Image.open(path) as im:
                return im.convert("RGB")
        image = render_plain(pdf, page, self.scale)
        _write(path, to_png(image))
        return image

    def png(self, pdf: Path, page: int, boxes: Sequence[Box] = (), digest: str | None = None) -> bytes:
        """The page with ``boxes``; each distinct set of boxes is kept too (a page shows a
        handful: none selected, or one of its findings), so a repeated request is a file read."""
        digest = digest or file_digest(pdf)
        key = hashlib.sha256(repr([(b.bbox, b.severity, b.label) for b in boxes]).encode()).hexdigest()[:16]
        path = self._path(digest, page).with_suffix(f".{key}.png")
        if path.exists():
            return path.read_bytes()
        data = to_png(draw_boxes(self.plain(pdf, page, digest), boxes, self.scale))
        _write(path, data)
        return data


def _write(path: Path, data: bytes) -> None:
    """Write-then-rename: a concurrent reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)
