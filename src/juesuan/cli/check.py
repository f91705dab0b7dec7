"""`juesuan check FILE`: audit a disclosure against the rule catalogue (spec §5–§6).

Exit status: 0 no error findings, 1 at least one error finding, 2 the input could not be read.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path

import typer

from juesuan.cli.app import app, fail


class Format(str, Enum):
    text = "text"
    json = "json"
    html = "html"
    csv = "csv"


@app.command()
def check(
    file: Path = typer.Argument(..., help="The disclosure to audit (PDF, text, Word, Excel, HTML or model JSON)."),
    format: Format = typer.Option(Format.text, "--format", "-f", help="text | json | html | csv"),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the report here instead of stdout."),
    rules: str | None = typer.Option(None, "--rules", help="只运行这些规则：逗号分隔的规则编号或规则族字母，如 A,X-T05-T06-basic。"),
    exclude: str | None = typer.Option(None, "--exclude", help="不运行这些规则：逗号分隔的规则编号或规则族字母，如 N,K。"),
    previous: Path | None = typer.Option(None, "--previous", help="上年度的决算公开文件：另做跨年比较（Y 类规则）"),
) -> None:
    """Audit a disclosure: run every rule and report the findings."""
    import juesuan
    from juesuan.batch.task import load_bounded
    from juesuan.read import ReadError
    from juesuan.report import to_csv, to_html, to_text

    try:
        doc = load_bounded(file)  # in a bounded worker process (juesuan.limits)
    except ReadError as e:
        raise fail(str(e))
    except (OSError, ValueError) as e:
        raise fail(f"{file}: {e}")
    try:
        report = juesuan.audit(doc, rules=rules, exclude=exclude)
    except ValueError as e:
        raise fail(str(e))
    if previous is not None:
        from juesuan.cli.previous import add_cross_year

        add_cross_year(report, doc, previous)
    if format is Format.text and output is None:
        from rich.console import Console

        from juesuan.report.text import render

        render(report, Console())
    else:
        text = {
            Format.text: lambda: to_text(report),
            Format.json: lambda: report.to_json(),
            Format.html: lambda: to_html(report),
            Format.csv: lambda: to_csv(report),
        }[format]()
        if output is not None:
            output.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
    raise typer.Exit(1 if report.has_errors else 0)
