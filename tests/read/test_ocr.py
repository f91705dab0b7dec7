"""OCR path: scanned pages (made here by rendering pages of the real sample to bitmaps) come
back as the same grid rows as the text layer. Skipped without the ocr extra."""

from __future__ import annotations

import dataclasses
import io

import pytest

from juesuan.read import ReadError, read_source

from .helpers import SAMPLE_2024, row, sample_path

PAGES = (6, 16)  # T01 (two-sided) and T06 (column groups, codes in separate columns)


def _scanned_pdf(dpi: int = 150) -> bytes:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(sample_path(SAMPLE_2024)))
    imgs = [doc[p - 1].render(scale=dpi / 72).to_pil().convert("RGB") for p in PAGES]
    doc.close()
    buf = io.BytesIO()
    imgs[0].save(buf, format="PDF", save_all=True, append_images=imgs[1:], resolution=dpi)
    return buf.getvalue()


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    pytest.importorskip("rapidocr_onnxruntime")
    p = tmp_path_factory.mktemp("scan") / "scan.pdf"
    p.write_bytes(_scanned_pdf())
    return read_source(p)


def test_scanned_pdf_is_ocred(scanned):
    assert scanned.format == "pdf" and scanned.pages == 2
    assert any("OCR used on 2 page(s)" in w for w in scanned.warnings)
    assert "收入支出决算总表" in [ln.text for ln in scanned.lines if ln.page == 1]


def test_ocr_rows_line_up_like_the_text_layer(scanned):
    assert row(scanned, "一、一般公共预算财政拨款收入").cells == ["一、一般公共预算财政拨款收入", "2,940.05", "一、一般公共服务支出", "2,106.66"]
    assert row(scanned, "九、卫生健康支出", page=1).cells == ["", "", "九、卫生健康支出", "60.99"]
    assert row(scanned, "本年收入合计").cells == ["本年收入合计", "2,946.25", "本年支出合计", "2,940.05"]
    assert row(scanned, "301", "02", page=2).cells == ["301", "02", "津贴补贴", "1,238.58", "302", "02", "印刷费", "7.61"]
    assert all(ln.gridded for ln in scanned.lines if ln.cells and ln.cells[0] == "301")


def test_ocr_numeric_cells_match_text_layer(scanned, src2024):
    from juesuan.read.ocr import numeric_agreement

    remapped = dataclasses.replace(
        scanned, lines=[dataclasses.replace(ln, page=PAGES[ln.page - 1]) for ln in scanned.lines]
    )
    eq, total, misses = numeric_agreement(src2024, remapped, pages=set(PAGES))
    assert total >= 40
    assert eq / total >= 0.95, misses


def test_image_file(tmp_path):
    pytest.importorskip("rapidocr_onnxruntime")
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(sample_path(SAMPLE_2024)))
    img = doc[17].render(scale=150 / 72).to_pil()  # T09 三公 table, landscape
    doc.close()
    p = tmp_path / "t09.png"
    img.save(p)  # no DPI recorded: the scale is estimated from the text
    src = read_source(p)
    assert src.format == "image" and src.pages == 1
    head = row(src, "预算数", "决算数")
    assert head.cells == ["预算数", "决算数"] * 6
    data = src.lines[src.lines.index(head) + 1]
    assert data.cells == ["0.95", "", "", "", "", "", "", "", "", "", "0.95", ""]


def test_scanned_pdf_without_ocr(tmp_path, monkeypatch):
    import sys

    from juesuan.read import ocr

    monkeypatch.setattr(ocr, "_engine", None)
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)
    p = tmp_path / "scan.pdf"
    p.write_bytes(_scanned_pdf(dpi=72))
    with pytest.raises(ReadError) as ei:
        read_source(p)
    assert "pip install juesuan[ocr]" in str(ei.value)


def test_the_engine_loads_its_models_from_the_wheel_without_the_network(monkeypatch):
    """rapidocr's detection and recognition models ship inside the wheel: building an engine
    (and reading with it) never opens a connection, so OCR works offline."""
    pytest.importorskip("rapidocr_onnxruntime")
    import socket

    import numpy as np

    from juesuan.read import ocr

    def refuse(*a, **k):  # pragma: no cover - failing is the point
        raise AssertionError("OCR tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(ocr, "_engine", None)  # a fresh engine: its models are loaded now
    engine = ocr.get_engine()
    img = np.full((60, 200, 3), 255, dtype=np.uint8)
    ocr.ocr_glyphs(img, engine, 1.0)
