"""Broken, hostile and non-disclosure inputs: always one clear ReadError naming the file,
never a traceback from a library, never a hang."""

from __future__ import annotations

import io
import os
import zipfile

import pytest

from juesuan.read import ReadError, detect_format, read_source

from .helpers import SAMPLE_2024, sample_path


def _write(tmp_path, name: str, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return p


def _read_error(p) -> ReadError:
    with pytest.raises(ReadError) as ei:
        read_source(p)
    e = ei.value
    assert str(p) in str(e)
    assert "\n" not in str(e)
    assert e.why
    return e


def _blank_pdf(pages: int, text: str | None = None) -> bytes:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    for _ in range(pages):
        doc.new_page(595, 842)
    buf = io.BytesIO()
    doc.save(buf)
    doc.close()
    return buf.getvalue()


@pytest.mark.parametrize("frac", [0.05, 0.5, 0.97])
def test_truncated_sample_pdf(tmp_path, frac):
    data = sample_path(SAMPLE_2024).read_bytes()
    p = _write(tmp_path, "cut.pdf", data[: int(len(data) * frac)])
    e = _read_error(p)
    assert "truncated" in e.why or "corrupt" in e.why


def test_random_bytes_with_pdf_header(tmp_path):
    rnd = __import__("random").Random(7)
    p = _write(tmp_path, "junk.pdf", b"%PDF-1.7\n" + bytes(rnd.randrange(256) for _ in range(20000)))
    e = _read_error(p)
    assert "PDF" in e.why


def test_pdf_header_only(tmp_path):
    _read_error(_write(tmp_path, "h.pdf", b"%PDF-1.4\n%%EOF\n"))


def test_encrypted_pdf(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    w = pypdf.PdfWriter()
    w.add_blank_page(595, 842)
    w.encrypt(user_password="secret", owner_password="owner")
    buf = io.BytesIO()
    w.write(buf)
    e = _read_error(_write(tmp_path, "locked.pdf", buf.getvalue()))
    assert "encrypted" in e.why and "password" in e.why


def test_too_many_pages(tmp_path):
    from juesuan.read import pdf as pdfmod

    e = _read_error(_write(tmp_path, "big.pdf", _blank_pdf(pdfmod.MAX_PAGES + 1)))
    assert "页数" in e.why and "JUESUAN_MAX_PAGES" in e.why


def test_pdf_without_text(tmp_path):
    e = _read_error(_write(tmp_path, "blank.pdf", _blank_pdf(3)))
    assert "no text" in e.why


def test_corrupt_pdf_fails_alone(tmp_path):
    """In a batch, a broken file raises for itself and the next file still reads."""
    good = sample_path(SAMPLE_2024)
    bad = _write(tmp_path, "bad.pdf", good.read_bytes()[:20000])
    results = []
    for p in (bad, good):
        try:
            results.append(read_source(p).pages)
        except ReadError as e:
            results.append(e.why)
    assert isinstance(results[0], str) and results[1] == 25


def test_empty_file(tmp_path):
    assert "empty" in _read_error(_write(tmp_path, "e.pdf", b"")).why


def test_missing_file(tmp_path):
    _read_error(tmp_path / "nope.pdf")


def test_empty_docx(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    buf = io.BytesIO()
    d.save(buf)
    e = _read_error(_write(tmp_path, "empty.docx", buf.getvalue()))
    assert "no text" in e.why


def test_truncated_docx(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("测试段落 123.45")
    buf = io.BytesIO()
    d.save(buf)
    data = buf.getvalue()
    e = _read_error(_write(tmp_path, "cut.docx", data[: len(data) // 2]))
    assert "corrupt" in e.why or "truncated" in e.why


def test_zip_that_is_not_office(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "hello")
    data = buf.getvalue()
    assert detect_format(data) == "zip"
    _read_error(_write(tmp_path, "a.zip", data))


def test_empty_xlsx(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    buf = io.BytesIO()
    wb.save(buf)
    e = _read_error(_write(tmp_path, "empty.xlsx", buf.getvalue()))
    assert "no data" in e.why


def test_corrupt_image(tmp_path):
    e = _read_error(_write(tmp_path, "x.png", b"\x89PNG\r\n\x1a\n" + os.urandom(300)))
    assert "image" in e.why or "OCR" in e.why


def test_damaged_ole_file(tmp_path):
    e = _read_error(_write(tmp_path, "old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600))
    assert "corrupt Office file" in e.why


def test_detect_format_office_by_content():
    import docx
    import openpyxl

    b1, b2 = io.BytesIO(), io.BytesIO()
    d = docx.Document()
    d.add_paragraph("x")
    d.save(b1)
    openpyxl.Workbook().save(b2)
    assert detect_format(b1.getvalue()) == "docx"
    assert detect_format(b2.getvalue()) == "xlsx"
    assert detect_format(b"garbage\n%PDF-1.5\n...") == "pdf"
    assert detect_format(b"II*\x00rest") == "image"
    assert detect_format(b"<html><body><p>x</p></body></html>") == "html"


def test_page_time_limit_interrupts():
    import time

    from juesuan.read.layout import PageTimeout, time_limit

    with pytest.raises(PageTimeout):
        with time_limit(0.2):
            t = time.monotonic()
            while time.monotonic() - t < 5:
                pass


def test_ocr_missing_gives_install_hint(tmp_path, monkeypatch):
    import sys

    from juesuan.read import ocr

    monkeypatch.setattr(ocr, "_engine", None)
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # import fails
    from PIL import Image

    img = Image.new("RGB", (400, 200), "white")
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    e = _read_error(_write(tmp_path, "scan.png", buf.getvalue()))
    assert "pip install juesuan[ocr]" in e.why
