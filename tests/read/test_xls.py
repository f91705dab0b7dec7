"""The Excel 97–2003 (.xls) reader: an .xls copy of a workbook reads to the same lines as the
.xlsx (so one department gives the same cells in either format), and the other OLE files —
.doc, password-protected Office files, damaged files — are refused with the reason."""

from __future__ import annotations

import datetime as dt
import struct

import pytest

from juesuan.pipeline import ReadError, load
from juesuan.read import read_source

from .test_office_html import _xlsx_bytes
from .xls_writer import xlsx_to_xls

pytest.importorskip("xlwt")


def _lines(src):
    return [(ln.page, ln.no, ln.text, ln.gridded, ln.cells if ln.gridded else None) for ln in src.lines]


def test_xls_copy_reads_to_the_same_lines_as_the_xlsx(tmp_path):
    xlsx = tmp_path / "b.xlsx"
    xlsx.write_bytes(_xlsx_bytes())
    xls = xlsx_to_xls(xlsx, tmp_path / "b.xls")
    a, b = read_source(xlsx), read_source(xls)
    assert b.format == "xls" and b.pages == a.pages == 2
    assert _lines(b) == _lines(a)
    # the number formats printed as the cell says: #,##0.00, 0.00, General
    assert ["201", "一般公共服务支出", "1,000.00", "999.50", "0.50"] in [ln.cells for ln in b.lines]


def test_xls_formats_dates_booleans_and_hidden_sheets(tmp_path):
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("附表")
    ws.write_merge(0, 0, 0, 2, "“三公”经费支出决算表")
    ws.write(1, 0, "公务接待费")
    ws.write(1, 1, 0.4567, xlwt.easyxf(num_format_str="0.0%"))
    ws.write(1, 2, dt.date(2031, 3, 4), xlwt.easyxf(num_format_str="yyyy-mm-dd"))
    ws.write(2, 0, "是否公开")
    ws.write(2, 1, True)
    ws.write(2, 2, 12345.678, xlwt.easyxf(num_format_str="#,##0.00"))
    hidden = wb.add_sheet("底稿")
    hidden.visibility = 1
    hidden.write(0, 0, "备注")
    hidden.write(0, 1, 7)
    p = tmp_path / "f.xls"
    wb.save(str(p))
    src = read_source(p)
    assert src.lines[0].text == "附表"  # a sheet name the sheet does not print comes first
    assert src.lines[1].text == "“三公”经费支出决算表" and not src.lines[1].gridded
    assert src.lines[2].cells == ["公务接待费", "45.7%", "2031-03-04"]
    assert src.lines[3].cells == ["是否公开", "TRUE", "12,345.68"]
    assert any("hidden" in w and "底稿" in w for w in src.warnings)
    assert src.lines[-1].page == 2 and src.lines[-1].cells == ["备注", "7"]


def _ole_with_stream_renamed(tmp_path, new: str) -> bytes:
    """An xlwt .xls whose Workbook stream is renamed in its directory entry (the 64-byte UTF-16
    name and its byte length): the container of a Word document or an encrypted package."""
    import xlwt

    wb = xlwt.Workbook()
    wb.add_sheet("x").write(0, 0, 1)
    p = tmp_path / "w.xls"
    wb.save(str(p))
    data = bytearray(p.read_bytes())
    old = "Workbook".encode("utf-16-le") + b"\0\0"
    at = data.index(old)
    name = new.encode("utf-16-le") + b"\0\0"
    data[at:at + 64] = name.ljust(64, b"\0")
    data[at + 64:at + 66] = struct.pack("<H", len(name))
    return bytes(data)


@pytest.mark.parametrize("stream,why", [
    ("WordDocument", "legacy Word document (.doc)"),
    ("EncryptedPackage", "password-protected"),
])
def test_other_ole_files_are_refused_with_the_reason(tmp_path, stream, why):
    p = tmp_path / "old.doc"
    p.write_bytes(_ole_with_stream_renamed(tmp_path, stream))
    with pytest.raises(ReadError) as e:
        load(p)
    assert why in e.value.why and str(p) in str(e.value.path)


@pytest.mark.parametrize("frac", [0.3, 0.7])
def test_truncated_xls_is_a_reading_error(tmp_path, frac):
    xlsx = tmp_path / "b.xlsx"
    xlsx.write_bytes(_xlsx_bytes())
    data = xlsx_to_xls(xlsx, tmp_path / "b.xls").read_bytes()
    p = tmp_path / "cut.xls"
    p.write_bytes(data[: int(len(data) * frac)])
    with pytest.raises(ReadError) as e:
        load(p)
    assert "Office" in e.value.why or "Excel" in e.value.why


def test_xls_cells_are_bounded(tmp_path):
    from juesuan import limits

    xlsx = tmp_path / "b.xlsx"
    xlsx.write_bytes(_xlsx_bytes())
    xls = xlsx_to_xls(xlsx, tmp_path / "b.xls")
    limits.use(limits.Limits(max_cells=10))
    try:
        with pytest.raises(limits.LimitExceeded):
            read_source(xls)
    finally:
        limits.use(None)
