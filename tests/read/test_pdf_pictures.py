"""Tables pasted as pictures under typed titles: the pictures are found on text-layer pages,
read by OCR and placed among the typed lines in reading order, so such a document gives the
cells of its text-layer original; without OCR the picture is named in a warning and the tables
stay unread, never wrong."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from juesuan.pipeline import load
from juesuan.read.layout import Glyph
from juesuan.read.pdf_pictures import MAX_TEXT_OVER, PICTURE_MIN_COVER, pictures

from .helpers import SAMPLE_2024, sample_path
from .pictured import pictured_tables_pdf

W, H = 600.0, 800.0


def _glyphs(n: int, x: float, y: float) -> list[Glyph]:
    return [Glyph("字", x + 10 * k, x + 10 * k + 9, y, y + 10, y + 9, 10) for k in range(n)]


def test_a_picture_large_enough_with_no_text_over_it():
    table = (50.0, 100.0, 550.0, 500.0)
    assert pictures([table], _glyphs(20, 60, 60), W, H) == [table]  # the title above it: not over it


def test_small_images_are_no_pictures_of_text():
    side = (PICTURE_MIN_COVER * W * H) ** 0.5 * 0.9
    assert pictures([(10.0, 10.0, 10 + side, 10 + side)], [], W, H) == []


def test_a_picture_under_a_text_layer_has_its_text():
    """A searchable scan: its OCR text layer lies over the image."""
    page = (0.0, 0.0, W, H)
    assert pictures([page], _glyphs(MAX_TEXT_OVER, 100, 300), W, H) == []
    assert pictures([page], _glyphs(MAX_TEXT_OVER - 1, 100, 300), W, H) == [page]


def test_tiles_of_one_picture_are_joined_and_clipped_to_the_page():
    strips = [(40.0, 100.0 + 30 * k, 560.0, 130.0 + 30 * k) for k in range(10)]  # each 3 % of the page
    assert pictures(strips + [(-20.0, 380.0, 700.0, 420.0)], [], W, H) == [(0.0, 100.0, W, 420.0)]


@pytest.fixture(scope="module")
def sample_and_pictured():
    pytest.importorskip("rapidocr_onnxruntime")
    path = sample_path(SAMPLE_2024)
    return load(path), pictured_tables_pdf(path.read_bytes())


def test_tables_pasted_as_pictures_read_to_the_pdf_cells(sample_and_pictured, tmp_path):
    ref, data = sample_and_pictured
    p = tmp_path / "pictured.pdf"
    p.write_bytes(data)
    doc = load(p)
    want = {c.key: c.value for c in ref.all_cells()}
    got = {c.key: c for c in doc.all_cells()}
    assert set(got) >= set(want)  # no cell lost
    wrong = [(k, c.raw) for k, c in got.items() if k in want and not c.uncertain and c.value != want[k]]
    assert wrong == []
    certain = sum(1 for k in want if not got[k].uncertain)
    assert certain >= 0.99 * len(want)
    assert all(doc.tables[t].status != "unreadable" for t in {k[0] for k in want})
    assert got[("T01", "支出总计", "金额")].value == D("2995.39")


def test_without_ocr_the_pictures_are_named_and_their_tables_unread(sample_and_pictured, tmp_path, monkeypatch):
    from juesuan.read import ocr
    from juesuan.read.types import ReadError

    def no_engine(path: str = ""):
        raise ReadError(path, "OCR is not installed")

    monkeypatch.setattr(ocr, "get_engine", no_engine)
    ref, data = sample_and_pictured
    p = tmp_path / "pictured.pdf"
    p.write_bytes(data)
    doc = load(p)
    assert any("picture of text" in w for w in doc.warnings)
    want = {c.key: c.value for c in ref.all_cells()}
    got = {c.key: c for c in doc.all_cells()}
    assert not [(k, c.raw) for k, c in got.items() if k in want and not c.uncertain and c.value != want[k]]
    assert doc.tables["T05"].status == "unreadable"


def test_without_ocr_a_table_whose_last_rows_are_a_picture_is_partial(tmp_path, monkeypatch):
    """The sample's T01 ends on page 7: with that page's rows a picture and no OCR, the rows
    read are kept, the table is partial with the page named, and no identity of it becomes a
    finding the PDF does not have (its 总计 rows are missing, not wrong)."""
    from juesuan.read import ocr
    from juesuan.read.types import ReadError
    from juesuan.report import audit

    def no_engine(path: str = ""):
        raise ReadError(path, "OCR is not installed")

    monkeypatch.setattr(ocr, "get_engine", no_engine)
    path = sample_path(SAMPLE_2024)
    p = tmp_path / "pictured.pdf"
    p.write_bytes(pictured_tables_pdf(path.read_bytes(), pages={7}))
    doc = load(p)
    t01 = doc.tables["T01"]
    assert t01.status == "partial" and "第 7 页有未能读取的内容" in (t01.status_reason or "")
    assert t01.value("年初结转和结余", "金额") is None and t01.value("本年收入合计", "金额") == D("2946.25")
    found = {(f.rule, f.message) for f in audit(doc).findings}
    assert found <= {(f.rule, f.message) for f in audit(load(path)).findings}  # nothing new


def test_a_photograph_adds_nothing(tmp_path):
    """A picture that holds no form (a performance report's site photograph) is OCR'd, found
    to hold no figures, and leaves the page as typed."""
    pytest.importorskip("rapidocr_onnxruntime")
    import io

    import numpy as np
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from juesuan.read.pdf import read_pdf
    from juesuan.render.pdf import register_font

    font = register_font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(W, H))
    c.setFont(font, 12)
    c.drawString(60, H - 80, "二、项目实施情况：某某绿地养护项目已按计划完成。")
    rng = np.random.default_rng(3)
    sky = np.linspace(90, 230, 240)[:, None] + rng.normal(0, 12, (240, 360))  # a sky-to-ground photo
    c.drawImage(ImageReader(Image.fromarray(np.clip(sky, 0, 255).astype(np.uint8))), 60, 300, 360, 240)
    c.showPage()
    c.save()
    src = read_pdf(buf.getvalue(), "photo.pdf")
    assert [ln.text for ln in src.lines] == ["二、项目实施情况:某某绿地养护项目已按计划完成。"]
    assert src.ocr_pages == [] and src.unread_pages == {}
