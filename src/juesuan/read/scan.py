"""Clean a scanned page image before OCR: straighten it and quiet its noise.

Real scans are a little rotated (a sheet is never fed perfectly straight), JPEG-compressed
and noisy. OCR reads a slightly rotated line well enough, but everything after it does not:
ruling lines found as long runs of dark pixels break into pieces, and text boxes drift from
one table row into the next across the width of a page. So the page is rotated back first.

The skew is the angle at which the page's ink, projected onto the vertical axis, is most
concentrated: text lines and table rulings are horizontal, so at the right angle the row
profile has sharp peaks and empty gaps (projection-profile method). It is searched coarse to
fine on a reduced copy of the page, which keeps it a few tens of milliseconds a page.
"""

from __future__ import annotations

import numpy as np

MAX_SKEW = 3.0  # degrees searched either way; a worse scan is re-scanned, not read
COARSE_STEP = 0.25
FINE_STEP = 0.03
WORK_WIDTH = 1000  # pixels: the reduced copy the angle is measured on
MIN_SKEW = 0.1  # degrees; below this the page is left as it is (rotating blurs it a little)


def estimate_skew(gray: np.ndarray) -> float:
    """The page's rotation in degrees (counter-clockwise positive, as PIL's ``rotate``)."""
    import cv2

    h, w = gray.shape
    s = min(1.0, WORK_WIDTH / max(w, 1))
    small = cv2.resize(gray, (max(1, int(w * s)), max(1, int(h * s))), interpolation=cv2.INTER_AREA) if s < 1 else gray
    ink = (small < 160).astype(np.float32)
    if ink.sum() < 50:
        return 0.0
    centre = (ink.shape[1] / 2, ink.shape[0] / 2)

    def sharpness(angle: float) -> float:
        m = cv2.getRotationMatrix2D(centre, -angle, 1.0)
        rot = cv2.warpAffine(ink, m, (ink.shape[1], ink.shape[0]), flags=cv2.INTER_NEAREST, borderValue=0)
        profile = rot.sum(axis=1)
        return float(np.square(np.diff(profile)).sum())

    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, COARSE_STEP), key=sharpness)
    fine = best + np.arange(-8, 9) * FINE_STEP
    return float(max(fine, key=sharpness))


def straighten(gray: np.ndarray) -> tuple[np.ndarray, float]:
    """The page rotated upright (white fills the corners) and the skew that was removed."""
    import cv2

    angle = estimate_skew(gray)
    if abs(angle) < MIN_SKEW:
        return gray, 0.0
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    out = cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)
    return out, angle


def noise_level(gray: np.ndarray) -> float:
    """Share of the paper that is not the paper's own grey: the light pixels more than two grey
    levels from the most common light level. A clean render or a clean scan of grey paper has
    almost none (only the anti-aliased edges of glyphs); sensor noise and JPEG speckle, most."""
    light = gray[gray > 200]
    if not light.size:
        return 0.0
    paper = int(np.bincount(light).argmax())
    return float((np.abs(light.astype(np.int16) - paper) > 2).mean())


NOISY = 0.25  # noise_level above which the page is filtered (clean renders: < 0.05)


NLM_STRENGTH = 10.0  # non-local means filter strength (OpenCV's h) for sensor noise σ ≈ 6–10


def quiet(gray: np.ndarray) -> np.ndarray:
    """Remove sensor noise and JPEG speckle while keeping strokes: on a noisy page non-local
    means (each pixel averaged with pixels whose 5×5 neighbourhoods look alike, within 7×7), then
    paper pushed to white, so the detector sees clean background. A 3×3 median, used before,
    eroded the thin strokes that tell 计 from 汁 and 预 from 续 at 150 dpi (4 of 195 numeric cells
    lost on the −1° / JPEG 60 / σ 8 scans of benchmarks/bench_scans.py, none with this filter)
    for ~0.2 s a page. A clean page is left alone: any filter softens small print."""
    import cv2

    if noise_level(gray) < NOISY:
        return gray
    out = cv2.fastNlMeansDenoising(gray, None, NLM_STRENGTH, 5, 7)
    out[out > 200] = 255
    return out


def prepare(gray: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """A scanned page ready for reading: (the upright page, for finding rulings; the upright
    page quieted, for OCR; the skew removed). Rulings are found before the median filter,
    which would erase a one-pixel line."""
    upright, angle = straighten(gray)
    return upright, quiet(upright), angle
