"""`juesuan extract FILE --format csv|perf-csv|json|text` (and `--excel`: the cells for Excel)."""

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


# The performance contract (README): one printed figure of a self-evaluation table a line.
PERF_CSV_HEADER = ["project", "indicator", "field", "value", "raw", "page", "line"]


class ExtractFormat(str, Enum):
    csv = "csv"
    perf_csv = "perf-csv"
    json = "json"
    text = "text"


def _import_view() -> None:
    """The readable view's modules (Rich's tables), imported while the worker reads."""
    import juesuan.report.extract_view  # noqa: F401


@app.command(help=t("extract.help"))
def extract(
    file: Path = typer.Argument(..., help=t("extract.file"), show_default=False),
    format: ExtractFormat = typer.Option(ExtractFormat.text, "--format", "-f", help=t("extract.format")),
    excel: bool = typer.Option(False, "--excel", help=t("extract.excel")),
    output: Path | None = typer.Option(None, "--output", "-o", help=t("extract.output"), show_default=False),
) -> None:
    view = format is ExtractFormat.text and not excel
    doc = load_or_exit(file, prepare=_import_view if view else None)
    if excel:
        from juesuan.report.sheets import excel_csv

        data: bytes | str | None = excel_csv(cells_excel_csv(doc))
    elif format is ExtractFormat.csv:
        data = cells_csv(doc)
    elif format is ExtractFormat.perf_csv:
        data = perf_csv(doc)
    elif format is ExtractFormat.json:
        data = doc.model_dump_json(indent=2) + "\n"
    else:
        data = None
    if data is None:  # (the view)
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


def perf_csv(doc: Disclosure) -> str:
    """The performance contract: every figure printed in the self-evaluation tables (the
    attachments, not the narrative), in document order — a table's own figures first
    (PERF_TABLE_FIELDS, indicator empty), then a 整体 table's tasks (PERF_TASK_FIELDS, indicator
    = the task's name), then its indicators' (PERF_INDICATOR_FIELDS)."""
    from juesuan.model import PERF_INDICATOR_FIELDS, PERF_TABLE_FIELDS, PERF_TASK_FIELDS

    table_attr = {"年初预算数": "initial_budget", "全年预算数": "budget", "全年执行数": "executed", "执行率": "rate",
                  "分值": "weight", "得分": "rate_score", "总分": "total_score"}
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(PERF_CSV_HEADER)

    def row(project: str, indicator: str, field: str, value: object, p) -> None:
        text = value if isinstance(value, str) else ("" if value is None else format(value, "f"))
        w.writerow([project, indicator, field, text, p.raw, "" if p.page is None else p.page,
                    "" if p.line is None else p.line])

    for item in doc.performance:
        if item.source != "attachment":
            continue
        for field in PERF_TABLE_FIELDS:
            if field in item.printed and (item.printed[field].raw or getattr(item, table_attr[field]) is not None):
                row(item.name, "", field, getattr(item, table_attr[field]), item.printed[field])
        for task in item.tasks:
            for field, attr in PERF_TASK_FIELDS.items():
                if field in task.printed:
                    row(item.name, task.name, field, getattr(task, attr), task.printed[field])
        for ind in item.indicators:
            values = {"年度指标值": ind.target if ind.target is not None else ind.target_text,
                      "实际完成值": ind.actual if ind.actual is not None else ind.actual_text,
                      "分值": ind.weight, "得分": ind.score}
            for field in PERF_INDICATOR_FIELDS:
                if field in ind.printed:
                    row(item.name, ind.name, field, values[field], ind.printed[field])
    return buf.getvalue()
