"""Scans as they really come, made from a text-layer PDF: each page rendered to a bitmap,
then damaged the way scanners and scanning habits damage pages — a slight rotation, JPEG
compression, sensor noise, a low resolution — and put back into an image-only PDF.

Used by the OCR tests and by ``benchmarks/bench_scans.py``; deterministic for a given seed.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Damage:
    dpi: int = 150
    angle: float = 0.0  # degrees, counter-clockwise
    jpeg_quality: int | None = None
    noise: float = 0.0  # standard deviation of Gaussian grey-level noise


REALISTIC = (
    Damage(dpi=150, angle=0.5, jpeg_quality=70, noise=6.0),
    Damage(dpi=150, angle=-1.0, jpeg_quality=60, noise=8.0),
    Damage(dpi=150, angle=1.5, jpeg_quality=50, noise=10.0),
)


def damaged_page(pdf_page, damage: Damage, seed: int = 0):
    """A PIL greyscale image of the page with ``damage`` applied."""
    import numpy as np
    from PIL import Image

    img = pdf_page.render(scale=damage.dpi / 72.0).to_pil().convert("L")
    if damage.angle:
        img = img.rotate(damage.angle, resample=Image.BICUBIC, expand=True, fillcolor=255)
    if damage.noise:
        rng = np.random.default_rng(seed)
        arr = np.asarray(img, dtype=np.float32) + rng.normal(0.0, damage.noise, (img.height, img.width))
        img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if damage.jpeg_quality:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=damage.jpeg_quality)
        img = Image.open(io.BytesIO(buf.getvalue())).convert("L")
    return img


def scanned_pdf(data: bytes, damage: Damage, pages: list[int] | None = None, seed: int = 0) -> bytes:
    """An image-only PDF of the given pages (1-based; all by default) of ``data``."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        wanted = pages or list(range(1, len(doc) + 1))
        rnd = random.Random(seed)
        images = [damaged_page(doc[p - 1], damage, seed=rnd.randrange(1 << 30)) for p in wanted]
    finally:
        doc.close()
    buf = io.BytesIO()
    images[0].save(buf, "PDF", resolution=float(damage.dpi), save_all=True, append_images=images[1:])
    return buf.getvalue()
