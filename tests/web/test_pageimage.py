"""The page-image renderer: a PDF page as PNG with finding boxes drawn where the cells are."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from juesuan.web.pageimage import COLOURS, Box, PageCache, PageImageError, render_page_png

SAMPLE = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples" / "上海市普陀区财政局2024年度部门决算.pdf"
# T01 一般公共预算财政拨款收入 "2,940.05" on page 6, as the PDF reader reports it (PDF points)
BBOX = (248.2, 291.3, 314.0, 308.55)

needs_sample = pytest.mark.skipif(not SAMPLE.exists(), reason="../shared/samples not beside the checkout")


def _png(data: bytes) -> Image.Image:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return Image.open(io.BytesIO(data)).convert("RGB")


def _reddish(px) -> bool:
    r, g, b = px
    return r > 150 and g < 110 and b < 110


@needs_sample
def test_box_is_drawn_on_the_cell():
    scale = 1.0
    plain = _png(render_page_png(SAMPLE, 6, [], scale=scale))
    boxed = _png(render_page_png(SAMPLE, 6, [Box(BBOX, "error", "1")], scale=scale))
    assert plain.size == boxed.size
    # page 6 is A4 portrait or landscape in points at scale 1
    assert {round(plain.size[0]), round(plain.size[1])} & {595, 842}
    x0, top, x1, bottom = BBOX
    edge = (int(x0) - 2, int((top + bottom) / 2))  # on the left outline
    assert _reddish(boxed.getpixel(edge))
    assert not _reddish(plain.getpixel(edge))
    # far from the box the page is untouched
    assert boxed.getpixel((5, 5)) == plain.getpixel((5, 5))


@needs_sample
def test_scale_maps_points_to_pixels():
    boxed = _png(render_page_png(SAMPLE, 6, [Box(BBOX, "warning")], scale=2.0))
    x0, top, x1, bottom = BBOX
    px = boxed.getpixel((int(x1 * 2) + 2, int(top + bottom)))  # right outline at 2×
    assert px[0] > 140 and px[2] < 90  # the warning amber
    assert COLOURS["warning"][0] > 150


@needs_sample
def test_no_such_page_is_a_clear_error():
    with pytest.raises(PageImageError, match="没有第 999 页"):
        render_page_png(SAMPLE, 999)


def test_not_a_pdf_is_a_clear_error(tmp_path):
    bad = tmp_path / "x.pdf"
    bad.write_text("not a pdf")
    with pytest.raises(PageImageError, match="x.pdf：无法打开 PDF"):
        render_page_png(bad, 1)


@needs_sample
def test_cache_reuses_renders(tmp_path, monkeypatch):
    cache = PageCache(tmp_path, scale=0.5)
    box = [Box((10, 10, 50, 20))]
    first = cache.png(SAMPLE, 1, box)
    assert len(list(tmp_path.rglob("*.png"))) == 2  # the plain page and this set of boxes
    import juesuan.web.pageimage as pi

    def boom(*a, **k):
        raise AssertionError("rendered again")

    monkeypatch.setattr(pi, "render_plain", boom)
    assert cache.png(SAMPLE, 1, box) == first  # the same boxes: the stored PNG
    other = _png(cache.png(SAMPLE, 1, []))  # other boxes: drawn on the cached plain page
    assert len(list(tmp_path.rglob("*.png"))) == 3
    assert other.getpixel((4, 7)) != _png(first).getpixel((4, 7))  # the outline is only on the boxed one
