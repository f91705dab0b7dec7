"""`juesuan extract FILE --format csv|json|text` (and `--excel`: the cells for Excel)."""

from __future__ import annotations

import csv
import io
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from juesuan.cli.app import app
from juesuan.cli.io import load_or_exit, write_output
from juesuan.i18n import t

if TYPE_CHECKING:  # the model (pydantic) is loaded when a command runs, not for --help
    from juesuan.model import Disclosure

# The public machine contract (spec §3): this header never changes.
CSV_HEADER = ["table", "row", "column", "value", "raw", "page", "line", "repaired", "repair"]
# The same columns for people in Excel (`--excel`).
EXCEL_HEADER_IDS = ["col.table", "col.row", "col.column", "col.value", "col.raw", "col.page", "col.line",
                    "col.repaired", "col.repair"]


class ExtractFormat(str, Enum):
    csv = "csv"
    json = "json"
    text = "text"


@app.command(help=t("extract.help"))
def extract(
    file: Path = typer.Argument(..., help=t("extract.file"), show_default=False),
    format: ExtractFormat = typer.Option(ExtractFormat.text, "--format", "-f", help=t("extract.format")),
    excel: bool = typer.Option(False, "--excel", help=t("extract.excel")),
    output: Path | None = typer.Option(None, "--output", "-o", help=t("extract.output"), show_default=False),
) -> None:
    doc = load_or_exit(file)
    if excel:
        from juesuan.report.sheets import excel_csv

        data: bytes | str | None = excel_csv(cells_excel_csv(doc))
    elif format is ExtractFormat.csv:
        data = cells_csv(doc)
    elif format is ExtractFormat.json:
        data = doc.model_dump_json(indent=2) + "\n"
    else:
        data = None
    if data is None:
        from juesuan.report.extract_view import print_extraction

        print_extraction(doc)
    elif output is not None:
        write_output(output, data)
    elif isinstance(data, bytes):
        sys.stdout.buffer.write(data)
    else:
        sys.stdout.write(data)


def _sorted_cells(doc: Disclosure):
    return sorted(doc.all_cells(), key=lambda c: (c.table, c.row, c.column))


def cells_csv(doc: Disclosure) -> str:
    """The public cell contract: one cell a line, sorted by table, row, column."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_HEADER)
    for c in _sorted_cells(doc):
        w.writerow([
            c.table, c.row, c.column, format(c.value, "f"), c.raw,
            "" if c.page is None else c.page, "" if c.line is None else c.line,
            "true" if c.repaired else "false", c.repair,
        ])
    return buf.getvalue()


def cells_excel_csv(doc: Disclosure) -> str:
    """The same cells for Excel: Chinese headers, 是/否, reasons in Chinese, no formulas."""
    from juesuan.i18n import translate_reason
    from juesuan.safeio import csv_text

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([t(h) for h in EXCEL_HEADER_IDS])
    for c in _sorted_cells(doc):
        w.writerow([
            c.table, csv_text(c.row), csv_text(c.column), format(c.value, "f"), csv_text(c.raw),
            "" if c.page is None else c.page, "" if c.line is None else c.line,
            t("yes") if c.repaired else t("no"), csv_text(translate_reason(c.repair)),
        ])
    return buf.getvalue()
