"""Scanned pages OCR'd several at a time: the same lines, in page order, as one at a time;
pages re-rendered when their print is small; per-page progress for a progress bar. The
recogniser is replaced by a stand-in here (the real engine is exercised in test_ocr and
test_scans), so these tests pin the orchestration only."""

from __future__ import annotations

import io

import pytest

from juesuan.read import ocr, pdf_ocr
from juesuan.read.pdf import read_pdf
from juesuan.read.types import Chunk, Line


def _image_pdf(pages: int) -> bytes:
    """An image-only PDF: each page a blank bitmap (a scan without a text layer)."""
    from PIL import Image

    imgs = [Image.new("RGB", (620, 877), (255, 255, 255)) for _ in range(pages)]
    buf = io.BytesIO()
    imgs[0].save(buf, format="PDF", save_all=True, append_images=imgs[1:], resolution=75.0)
    return buf.getvalue()


@pytest.fixture
def fake_ocr(monkeypatch):
    """read_page_image stand-in: one line naming the page and the render scale; page 2's
    print comes out small the first time (so it is rendered again)."""
    calls: list[tuple[int, float]] = []

    def read_page_image(img, engine, page_no, points_per_pixel=None):
        scale = round(1.0 / points_per_pixel, 3)
        calls.append((page_no, scale))
        small = page_no == 2 and sum(1 for p, _ in calls if p == 2) == 1
        line = Line(no=1, text=f"第{page_no}页", chunks=[Chunk(f"第{page_no}页", 10, 60, 10, 20)], page=page_no)
        return ocr.PageRead([line], 16.0 if small else 29.0)

    monkeypatch.setattr(ocr, "read_page_image", read_page_image)
    monkeypatch.setattr(ocr, "get_engine", lambda path="": object())
    return calls


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_pages_come_back_in_order_whatever_the_workers(fake_ocr, workers):
    src = read_pdf(_image_pdf(5), "scan.pdf", ocr_workers=workers)
    assert [ln.text for ln in src.lines] == [f"第{p}页" for p in range(1, 6)]
    assert any("OCR used on 5 page(s): 1-5" in w for w in src.warnings)
    # page 2 rendered twice: at OCR_DPI, then larger so its text is TARGET_TEXT_PX tall
    p2 = [s for p, s in fake_ocr if p == 2]
    assert p2 == [round(pdf_ocr.OCR_DPI / 72, 3), round(pdf_ocr.OCR_DPI / 72 * pdf_ocr.TARGET_TEXT_PX / 16.0, 3)]
    assert sorted(p for p, _ in fake_ocr) == [1, 2, 2, 3, 4, 5]


def test_progress_after_every_page(fake_ocr):
    seen: list[tuple[int, int]] = []
    read_pdf(_image_pdf(3), "scan.pdf", ocr_workers=2, on_page=lambda d, t: seen.append((d, t)))
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_progress_hook_reaches_the_reader_through_load(fake_ocr, tmp_path):
    from juesuan.read import page_progress, read_source

    p = tmp_path / "scan.pdf"
    p.write_bytes(_image_pdf(2))
    seen: list[tuple[int, int]] = []
    with page_progress(lambda d, t: seen.append((d, t))):
        read_source(p)
    assert seen == [(1, 2), (2, 2)]
    read_source(p)  # outside the block nobody is called
    assert len(seen) == 2


def test_text_pdf_reports_progress_too():
    from .helpers import SAMPLE_TEMPLATE, sample_path

    seen: list[tuple[int, int]] = []
    src = read_pdf(sample_path(SAMPLE_TEMPLATE).read_bytes(), "t.pdf", on_page=lambda d, t: seen.append((d, t)))
    assert seen == [(k, src.pages) for k in range(1, src.pages + 1)]


def test_ran_out_of_time_pages_are_named(fake_ocr, monkeypatch):
    """When the document's deadline passes, the pages not OCR'd yet are skipped with a warning
    each (threaded or not), and what was read is kept."""

    class Expired:
        def __init__(self, seconds):
            self.n = 0

        def expired(self):
            self.n += 1
            return self.n > 5  # the text-layer pass (4 pages), then the first OCR page

        def left(self):
            return None

    from juesuan.read import pdf

    monkeypatch.setattr(pdf, "Deadline", Expired)
    for workers in (1, 2):
        src = read_pdf(_image_pdf(4), "scan.pdf", ocr_workers=workers)
        skipped = [w for w in src.warnings if "OCR skipped" in w]
        assert skipped and len(src.lines) + len(skipped) == 4, (workers, src.warnings)
        # each skipped page is recorded where it was skipped (a table reaching it is partial)
        assert sorted(src.unread_pages) == sorted(int(w.split()[1].rstrip(":")) for w in skipped)

