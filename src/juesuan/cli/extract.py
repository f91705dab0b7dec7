"""`juesuan extract FILE --format csv|json|text`."""

from __future__ import annotations

import csv
import io
import sys
from enum import Enum
from pathlib import Path

import typer

from juesuan.cli.app import app, fail
from juesuan.model import Disclosure

CSV_HEADER = ["table", "row", "column", "value", "raw", "page", "line", "repaired", "repair"]


class ExtractFormat(str, Enum):
    csv = "csv"
    json = "json"
    text = "text"


def load_or_exit(path: Path) -> Disclosure:
    """Load a document for a command; any failure is one line naming the file, exit 2."""
    from juesuan.batch.task import load_bounded
    from juesuan.pipeline import ReadError

    try:
        return load_bounded(path)  # in a bounded worker process (juesuan.limits)
    except ReadError as e:
        raise fail(str(e)) from None
    except (OSError, ValueError, KeyError, IndexError, RuntimeError) as e:  # a reader bug must not show a traceback
        raise fail(f"{path}: cannot read ({type(e).__name__}: {e})") from None


@app.command()
def extract(
    file: Path = typer.Argument(..., help="A disclosure: text, PDF, Word, Excel, HTML, or a juesuan model JSON."),
    format: ExtractFormat = typer.Option(ExtractFormat.text, "--format", "-f", help="csv (spec §3), json (full model) or text."),
) -> None:
    """Read a disclosure into the canonical model and print its cells."""
    doc = load_or_exit(file)
    if format is ExtractFormat.csv:
        sys.stdout.write(cells_csv(doc))
    elif format is ExtractFormat.json:
        sys.stdout.write(doc.model_dump_json(indent=2) + "\n")
    else:
        from juesuan.report.extract_view import print_extraction

        print_extraction(doc)


def cells_csv(doc: Disclosure) -> str:
    """The public cell contract: one cell a line, sorted by table, row, column."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_HEADER)
    for c in sorted(doc.all_cells(), key=lambda c: (c.table, c.row, c.column)):
        w.writerow([
            c.table, c.row, c.column, format(c.value, "f"), c.raw,
            "" if c.page is None else c.page, "" if c.line is None else c.line,
            "true" if c.repaired else "false", c.repair,
        ])
    return buf.getvalue()
