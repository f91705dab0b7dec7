"""Format independence: one department read from its PDF, from its docx/xlsx/html/txt/pdf
rendering and from PDF tools' text of that rendering gives the same cells."""

from __future__ import annotations

from functools import cache

import pytest

from juesuan.pipeline import load
from juesuan.read.dumps import OUT_OF_ORDER, available_tools, dump_pdf

from .helpers import SAMPLE_2024, SAMPLE_PLANTED, sample_path


@cache
def _read(name: str):
    return load(sample_path(name))


def _cells(doc):
    return {(c.table, c.row, c.column): c.value for c in doc.all_cells()}


@pytest.mark.parametrize("name", [SAMPLE_2024, SAMPLE_PLANTED])
@pytest.mark.parametrize("fmt", ["txt", "docx", "xlsx", "html", "pdf"])
def test_rendering_reads_back_to_the_same_cells(name, fmt, tmp_path):
    from juesuan.render import render_file

    ref = _read(name)
    back = load(render_file(ref, fmt, tmp_path / f"x.{fmt}"))
    assert _cells(back) == _cells(ref)


@pytest.mark.parametrize("name", [SAMPLE_2024, SAMPLE_PLANTED])
def test_xls_copy_of_the_workbook_reads_to_the_same_cells(name, tmp_path):
    """Departments publish .xls too: the Excel 97–2003 copy of the workbook rendering gives
    the PDF's cells."""
    pytest.importorskip("xlwt")
    from juesuan.render import render_file

    from .xls_writer import xlsx_to_xls

    ref = _read(name)
    xls = xlsx_to_xls(render_file(ref, "xlsx", tmp_path / "x.xlsx"), tmp_path / "x.xls")
    assert _cells(load(xls)) == _cells(ref)


# plain pdftotext (column blocks) and pdfminer (text boxes): rows lost, not read to the same cells
@pytest.mark.parametrize("tool", [t for t in available_tools() if t not in OUT_OF_ORDER])
def test_tool_text_of_a_rendered_pdf_reads_to_the_same_cells(tool, tmp_path):
    from juesuan.render import render_file

    ref = _read(SAMPLE_2024)
    pdf = render_file(ref, "pdf", tmp_path / "x.pdf")
    txt = tmp_path / f"x.{tool}.txt"
    txt.write_text(dump_pdf(pdf, tool), encoding="utf-8")
    assert _cells(load(txt)) == _cells(ref)
