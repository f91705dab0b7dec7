"""Image reader (PNG, JPEG, TIFF, BMP, GIF, WebP): OCR every frame as a page.

Coordinates are converted to points: from the image's DPI when it states a plausible one,
else from the size of the recognised text (body text is taken as ~10.5 pt), so ruling
detection and line grouping work on screenshots and scans alike.
"""

from __future__ import annotations

import io

from juesuan.read.types import ReadError, Source

MAX_PIXELS = 60_000_000  # per frame
MAX_FRAMES = 500
FRAME_SECONDS = 180.0


def read_image(data: bytes, path: str) -> Source:
    try:
        from PIL import Image, ImageOps
    except ImportError:  # pragma: no cover - Pillow comes with pdfplumber
        raise ReadError(path, "Pillow is not installed") from None
    from juesuan.read import page_done
    from juesuan.read.ocr import get_engine, ocr_image_lines

    try:
        img = Image.open(io.BytesIO(data))
        w, h = img.size
        if w * h > MAX_PIXELS:
            raise ReadError(path, f"image too large ({w}×{h} pixels)")
        img.load()
    except ReadError:
        raise
    except Image.DecompressionBombError:
        raise ReadError(path, "image too large (decompression bomb guard)") from None
    except Exception as e:
        raise ReadError(path, f"corrupt or truncated image ({type(e).__name__}: {str(e)[:80]})") from None
    engine = get_engine(path)
    from juesuan.read.layout import PageTimeout, time_limit

    lines = []
    warnings: list[str] = []
    frames = getattr(img, "n_frames", 1) or 1
    if frames > MAX_FRAMES:
        raise ReadError(path, f"image has {frames} frames (more than {MAX_FRAMES})")
    for k in range(frames):
        try:
            img.seek(k)
        except EOFError:  # pragma: no cover
            break
        try:
            frame = ImageOps.exif_transpose(img.copy()).convert("RGB")
        except Exception as e:
            warnings.append(f"frame {k + 1}: unreadable ({type(e).__name__})")
            continue
        ppp = _points_per_pixel(img)
        try:
            with time_limit(FRAME_SECONDS):
                lines.extend(ocr_image_lines(frame, engine, k + 1, ppp))
        except PageTimeout as e:
            warnings.append(f"page {k + 1}: OCR skipped ({e})")
        page_done(k + 1, frames)
    if not any(ln.text.strip() for ln in lines):
        raise ReadError(path, "no text found in the image (OCR found nothing)")
    return Source(path=path, format="image", lines=lines, pages=frames, warnings=warnings,
                  ocr_pages=list(range(1, frames + 1)))


def _points_per_pixel(img) -> float | None:
    """72 / DPI when the image states a plausible DPI; else None (estimated from the text)."""
    dpi = img.info.get("dpi")
    try:
        d = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        d = 0.0
    return 72.0 / d if 100 <= d <= 1200 else None
