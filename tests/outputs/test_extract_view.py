"""The `juesuan extract` view (report/extract_view.py): what a document printed is shown as
printed — never read as Rich markup — and every figure of every table is in it."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

from rich.console import Console

from juesuan.model import Cell, Disclosure, Metadata, Repair, Table
from juesuan.money import fmt
from juesuan.pipeline import load
from juesuan.report.extract_view import print_extraction

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "juesuan" / "examples" / "sample_disclosure.txt"


def _view(doc: Disclosure) -> str:
    out = io.StringIO()
    print_extraction(doc, Console(file=out, width=200, color_system=None))
    return out.getvalue()


def test_every_figure_of_the_sample_is_shown():
    doc = load(SAMPLE)
    text = _view(doc)
    for cell in doc.all_cells():
        assert fmt(cell.value) in text


def test_document_text_that_looks_like_markup_is_shown_as_printed():
    doc = Disclosure(meta=Metadata(department="[b]某局[/b]", source="[red]x.txt"))
    t = Table(id="T03", title="[bold]一般公共预算财政拨款支出决算表", present=True,
              row_labels={"201": "[注]一般公共服务支出"})
    t.cells = [Cell(table="T03", row="201", column="合计", value=Decimal("12.50"), raw="12.50")]
    doc.tables["T03"] = t
    doc.repairs = [Repair(table="T03", row="201", column="合计", raw="[1]2.50", value="12.50", reason="[依据]")]
    text = _view(doc)
    for printed in ("[b]某局[/b]", "[red]x.txt", "[bold]一般公共预算财政拨款支出决算表", "[注]一般公共服务支出",
                    "[1]2.50", "[依据]"):
        assert printed in text
