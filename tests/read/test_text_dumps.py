"""The sample PDFs' page text as PDF tools give it (pdfplumber, pypdfium2, pdftotext with and
without -layout; pages joined by form feeds) reads to the cells of the PDF itself.

The dumps are made at test time (juesuan.read.dumps): the documents' text is never committed.
Floors are the accuracy reached so far per tool; raise them as the reader improves.
"""

from __future__ import annotations

from functools import cache

import pytest

from juesuan.pipeline import load
from juesuan.read.dumps import available_tools, dump_pdf

from .helpers import SAMPLE_2024, SAMPLE_PLANTED, SAMPLE_TEMPLATE, sample_path

# (sample, tool) → least share of the PDF's cells read right from the dump.
FLOORS = {
    (SAMPLE_2024, "pypdfium2"): 1.0,
    (SAMPLE_2024, "pdfplumber"): 1.0,
    (SAMPLE_2024, "pdftotext-layout"): 0.85,
    (SAMPLE_PLANTED, "pdfplumber"): 1.0,
    (SAMPLE_PLANTED, "pypdfium2"): 1.0,
    (SAMPLE_PLANTED, "pdftotext-layout"): 1.0,
}
CASES = [(s, t) for s in (SAMPLE_2024, SAMPLE_PLANTED, SAMPLE_TEMPLATE) for t in available_tools()]


@cache
def _pdf(name: str):
    return load(sample_path(name))


@cache
def _dump(name: str, tool: str, tmp: str):
    from pathlib import Path

    p = Path(tmp) / f"{Path(name).stem}.{tool}.txt"
    p.write_text(dump_pdf(sample_path(name), tool), encoding="utf-8")
    return load(p)


@pytest.fixture(scope="module")
def dumpdir(tmp_path_factory):
    return str(tmp_path_factory.mktemp("dumps"))


def _cells(doc):
    return {(c.table, c.row, c.column): c.value for c in doc.all_cells()}


@pytest.mark.parametrize("name,tool", CASES)
def test_dump_reads_to_the_pdf_cells(name, tool, dumpdir):
    ref, got = _cells(_pdf(name)), _cells(_dump(name, tool, dumpdir))
    floor = FLOORS.get((name, tool))
    if floor is None or not ref:
        pytest.skip("no floor for this dump yet" if ref else "no figures in this sample")
    right = sum(1 for k, v in ref.items() if got.get(k) == v)
    assert right / len(ref) >= floor, f"{tool}: {right}/{len(ref)}"


@pytest.mark.parametrize("name,tool", CASES)
def test_no_table_is_silently_empty(name, tool, dumpdir):
    """A table located with no cell (and not declared empty) is never silent: its status says
    so, with a reason, and a reading warning names it."""
    doc = _dump(name, tool, dumpdir)
    for t in doc.tables.values():
        if t.present and not t.cells and not t.declared_empty:
            assert t.status == "unreadable" and t.status_reason, t.id
            assert any(w.startswith(t.id) for w in doc.warnings), t.id


@pytest.mark.parametrize("name,tool", CASES)
def test_dump_locates_the_tables_of_the_pdf(name, tool, dumpdir):
    assert _dump(name, tool, dumpdir).tables_found() == _pdf(name).tables_found()
